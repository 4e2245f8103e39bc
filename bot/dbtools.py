"""`ankle-bot db copy` and `ankle-bot db backup`: moving and saving a whole database."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from bot.config import DEFAULT_DATABASE_URL, database_path
from bot.database import describe, is_postgres
from bot.storage import Storage


def copy_database(source_url: str, target_url: str, stdout: TextIO | None = None) -> int:
    """Copy an existing bot's database (e.g. its SQLite file) into a new, empty one (e.g. PostgreSQL)."""
    stdout = stdout or sys.stdout
    source_path, target_path = database_path(source_url), database_path(target_url)
    if not is_postgres(source_path) and not Path(source_path).exists():
        print(f"error: no database at {source_path}", file=sys.stderr)
        return 1
    source = Storage(source_path)
    try:
        target = Storage(target_path)
        try:
            copied = source.copy_into(target)
        finally:
            target.close()
    finally:
        source.close()
    counts = ", ".join(f"{n} {table}" for table, n in copied.items())
    stdout.write(f"copied {describe(source_path)} -> {describe(target_path)}: {counts}\n")
    return 0


def backup_database(path: str, database_url: str | None = None, stdout: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    url = database_url or os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    source_path = database_path(url)
    if is_postgres(source_path):
        print("error: `db backup` is for SQLite; for PostgreSQL use pg_dump, e.g. "
              "pg_dump --format=custom --file=ankle.dump \"$DATABASE_URL\" (see the README)", file=sys.stderr)
        return 2
    if not Path(source_path).exists():
        print(f"error: no database at {source_path}", file=sys.stderr)
        return 1
    if Path(path).exists():
        print(f"error: {path} exists already; back up to a new file", file=sys.stderr)
        return 1
    storage = Storage(source_path)
    try:
        storage.backup_to(path)
    finally:
        storage.close()
    stdout.write(f"backed up {source_path} -> {path}\n")
    return 0

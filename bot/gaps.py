"""`ankle-bot kb gaps`: the questions the knowledge base answers worst, for curators.

Lists the most frequent questions that the engine was unsure about (or called off-topic) or that
people voted 👎, with the suggestion they picked most often, so a clinician knows what to add next.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from bot.config import DEFAULT_DATABASE_URL, ConfigError, database_path
from bot.database import is_postgres
from bot.storage import MEMORY, GapRow, Storage, StorageError

TEXT_WIDTH = 60


def format_gaps(gaps: list[GapRow]) -> str:
    if not gaps:
        return "No unanswered or down-voted questions yet."
    lines = [f"{'asked':>5} {'unsure':>6} {'👎':>3} {'👍':>3}  {'picked topic':<22} question",
             f"{'-' * 5} {'-' * 6} {'-' * 3} {'-' * 3}  {'-' * 22} {'-' * 8}"]
    for gap in gaps:
        text = " ".join(gap.text.split())
        text = text if len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH - 1] + "…"
        lines.append(f"{gap.asked:>5} {gap.unsure:>6} {gap.down:>3} {gap.up:>3}  "
                     f"{gap.chosen_topic or '-':<22} {text}")
    return "\n".join(lines)


def print_gaps(limit: int = 20, stdout: TextIO | None = None, database_url: str | None = None) -> int:
    stdout = stdout or sys.stdout
    url = database_url or os.environ.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    try:
        path = database_path(url)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if path != MEMORY and not is_postgres(path) and not Path(path).exists():
        stdout.write(f"No database at {path} yet (set DATABASE_URL to the bot's database).\n")
        return 0
    try:
        storage = Storage(path)
    except StorageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        stdout.write(format_gaps(storage.gaps(max(1, limit))) + "\n")
    finally:
        storage.close()
    return 0

"""`ankle-bot kb gaps`: the questions the knowledge base answers worst, for curators.

Lists the most frequent questions that the engine was unsure about (or called off-topic) or that
people voted 👎, with the suggestion they picked most often, so a clinician knows what to add next.
Then the messages that only the safety net escalated (the rules alone would not have): curators turn
them into rules, vocabulary or corpus lines.
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


def raised_by_the_model(storage: Storage, engine, limit: int) -> list[tuple[str, str, str]]:
    """(text, level with the model, level by the rules alone) for stored messages the model alone raised,
    judged by today's rules and model."""
    raised = []
    for text, _level in storage.escalated_questions():
        rules = engine.triage.assess(text)
        both = engine.assess(text)
        if both.level != rules.level:
            raised.append((text, both.level, rules.level))
        if len(raised) >= limit:
            break
    return raised


def format_raised(raised: list[tuple[str, str, str]]) -> str:
    if not raised:
        return "No message was escalated by the safety net alone."
    lines = ["Escalated by the safety net alone (model level / rules alone):"]
    for text, model, rules in raised:
        line = " ".join(text.split())
        line = line if len(line) <= TEXT_WIDTH else line[:TEXT_WIDTH - 1] + "…"
        lines.append(f"  {model:>9} / {rules:<9} {line}")
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
        from bot.engine import Engine

        stdout.write(format_gaps(storage.gaps(max(1, limit))) + "\n\n")
        stdout.write(format_raised(raised_by_the_model(storage, Engine.default(), max(1, limit))) + "\n")
    finally:
        storage.close()
    return 0

"""Shared fixtures: a settable clock, an in-memory database, and a tiny, fixed knowledge base with a
scripted engine for tests that must not depend on the curated content."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from bot.engine import Answer
from bot.knowledge import Dose, Exercise, KnowledgeBase, RedFlags, RoutineItem, Stage, Topic, WeeklyTarget
from bot.storage import Storage


class FakeClock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, iso: str) -> None:
        self.now = datetime.fromisoformat(iso).astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2025, 3, 10, 12, 0, tzinfo=UTC))  # a Monday


@pytest.fixture
def storage(clock: FakeClock):
    db = Storage(clock=clock)
    yield db
    db.close()


# ---------------------------------------------------------------- both database backends

# A PostgreSQL server for the tests: `.ci/postgres.sh start DIR` starts one and prints the URL.
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
BACKENDS = ("sqlite", "postgresql")


def _require_postgres() -> str:
    if POSTGRES_URL:
        return POSTGRES_URL
    reason = ("TEST_DATABASE_URL is not set: no PostgreSQL server for the PostgreSQL half of the storage "
              "and reminder tests (start one with `.ci/postgres.sh start DIR` and export the URL it prints)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must test both backends, but {reason}")
    pytest.skip(reason)


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path):
    """A fresh, empty database of each backend: an SQLite file, or a PostgreSQL schema of its own
    (found through the connection's search_path) that is dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path / "bot.sqlite3")
        return
    url = _require_postgres()
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')  # our own generated name, not input
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options={quote(f'-c search_path={schema}')}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _exercise(ex_id: str, name: str, category: str, stage: str, dose: Dose) -> Exercise:
    return Exercise(ex_id, name, category, (stage,), (name.lower(),), ("resistance band",),
                    f"Set-up for {name}.", (f"{name} step one.", f"{name} step two."), dose,
                    f"Easier {name}.", f"Harder {name}.", (f"Avoid jerking in {name}.",), "test source")


@pytest.fixture(scope="session")
def tiny_kb() -> KnowledgeBase:
    exercises = {
        "ankle-pumps": _exercise("ankle-pumps", "Ankle pumps", "mobility", "early-mobility", Dose("2", "10")),
        "heel-raise": _exercise("heel-raise", "Heel raises", "strength", "strengthening", Dose("3", "15")),
        "band-eversion": _exercise("band-eversion", "Band eversion", "strength", "strengthening",
                                   Dose("2-3", "10-15", "1-2 seconds", True)),
        "single-leg-balance": _exercise("single-leg-balance", "Single-leg balance", "balance",
                                        "return-to-sport", Dose("2-3", None, "30 seconds", True)),
    }
    topics = {
        "reps": Topic("reps", "How many reps", "clinical", "none", ("how many reps",) * 3,
                      "Do 10-15 reps.", ("heel-raise",), "test source"),
        "fracture": Topic("fracture", "After a fracture", "clinical", "routine", ("broken ankle",) * 3,
                          "Follow your fracture plan.", ("ankle-pumps",), "test source"),
        "off-topic": Topic("off-topic", "Something else", "smalltalk", "none", ("weather",) * 3,
                           "I only do ankles.", (), None),
    }
    stages = {
        "early-mobility": Stage("early-mobility", "Early mobility", "Gentle movement.", "Daily.",
                                (RoutineItem("ankle-pumps", Dose()),), "test source",
                                WeeklyTarget(5, 7, 2, False)),
        "strengthening": Stage("strengthening", "Strengthening", "Get stronger.", "2-3 days a week.",
                               (RoutineItem("heel-raise", Dose("2", "12")),
                                RoutineItem("band-eversion", Dose())), "test source",
                               WeeklyTarget(3, 3, 1, True)),
        "return-to-sport": Stage("return-to-sport", "Return to sport", "Balance and sport.",
                                 "3 times a week.", (RoutineItem("single-leg-balance", Dose()),),
                                 "test source", WeeklyTarget(3, 4, 1, True)),
    }
    red_flags = RedFlags(
        emergency_number="999",
        replies={"emergency": "EMERGENCY: call {emergency_number} now.",
                 "urgent": "URGENT: get checked today.", "routine": "ROUTINE: check with your physio."},
        concepts={}, negation_before=("no",), negation_after=(), pseudo_negations=(), rules=(),
    )
    return KnowledgeBase(exercises, topics, stages, red_flags)


def scripted_answer(text: str) -> Answer:
    """A predictable engine: the keyword in the text picks the kind of answer."""
    lowered = text.lower()
    if "boom" in lowered:
        raise RuntimeError("scripted engine failure")
    if "emergency" in lowered:
        return Answer("emergency", None, ("heel-raise",), (), "EMERGENCY: call 999 now.")
    if "urgent" in lowered:
        return Answer("urgent", "reps", ("heel-raise",), (), "URGENT: get checked today.\n\nDo 10-15 reps.")
    if "unsure" in lowered:
        return Answer("none", None, (), ("reps", "fracture", "gone-topic"), "I'm not sure. Did you mean:")
    if "weather" in lowered:
        return Answer("none", "off-topic", (), (), "I only do ankles.")
    return Answer("none", "reps", ("heel-raise", "band-eversion"), (), f"Do 10-15 reps. ({text[:2000]})")


@pytest.fixture
def answer():
    return scripted_answer

"""The database: one class owns the SQLite connection and every SQL statement of the project.

Design:
- The schema is a list of migration steps; `PRAGMA user_version` records how many have run, so a
  database created by an older version is upgraded in place at start.
- Autocommit mode: every single statement is committed at once (a reminder claim is durable before
  the message goes out); multi-statement changes use `_transaction()`.
- All values go through parameters, never string formatting.
- Dates are ISO strings ('2025-03-30', the user's local date); timestamps are UTC ISO strings.
- Thread-safe: the Telegram front-end calls it from worker threads (so no query blocks the event
  loop). One lock guards the one connection; see `_Connection`.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.reminders import ALL_DAYS  # reminder days: 0 = Monday ... 6 = Sunday

MEMORY = ":memory:"
SESSION_SOURCES = ("routine", "reminder", "manual")
EVENT_KINDS = ("stage-change", "band-change")
VOTES = ("up", "down")
QUESTION_TEXT_LIMIT = 500  # enough for a curator to read the question; no need to keep essays
# Typed questions (and their votes) are kept this long for the curators' `kb gaps`, then deleted:
# long enough to see what people ask across a season, not a lifelong record of what someone wrote.
QUESTIONS_KEPT_DAYS = 180
# Every table with rows about a user, children before parents (the order /forget deletes them in).
USER_TABLES = ("feedback", "answers_shown", "questions", "sessions", "events", "reminders", "awaiting",
               "answered_messages", "costly_requests", "users")
# Edits after this are not re-triaged against the first answer (an edit of an older message is
# answered when it says anything alarming at all, as if the first answer had been "none").
ANSWERED_LEVELS_KEPT_DAYS = 14

# Each step runs once, in order, inside one transaction with the version bump.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE users (
            user_id INTEGER PRIMARY KEY,
            chat_id INTEGER NOT NULL,
            stage TEXT,
            timezone TEXT NOT NULL DEFAULT 'UTC',
            band_colour TEXT,
            band_asked_on TEXT,
            stage_offered_on TEXT,
            created_at TEXT NOT NULL
        )""",
        # AUTOINCREMENT everywhere a button carries an id: ids are never reused, so an old button
        # can never act on a newer row.
        """CREATE TABLE reminders (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            local_time TEXT NOT NULL CHECK (local_time GLOB '[0-2][0-9]:[0-5][0-9]'),
            days TEXT NOT NULL DEFAULT '0123456',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            last_sent_date TEXT,
            snooze_until TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX reminders_user ON reminders(user_id)",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            local_date TEXT NOT NULL,
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            settled_by_morning INTEGER CHECK (settled_by_morning IN (0, 1)),
            source TEXT NOT NULL CHECK (source IN ('routine', 'reminder', 'manual')),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX sessions_user_date ON sessions(user_id, local_date)",
        """CREATE TABLE questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            topic TEXT,
            triage TEXT NOT NULL,
            unsure INTEGER NOT NULL CHECK (unsure IN (0, 1)),
            chosen_topic TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX questions_user ON questions(user_id)",
        """CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
            created_at TEXT NOT NULL,
            UNIQUE (question_id, user_id)
        )""",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            local_date TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('stage-change', 'band-change')),
            old TEXT,
            new TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX events_user ON events(user_id)",
    ),
    (
        # What the bot is waiting for from a person in a chat (one question at a time): the pain
        # score of a session, whether its pain settled, later a safety question. One row per
        # (user, chat): asking something new replaces what was asked before.
        """CREATE TABLE awaiting (
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            question TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            asked_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            PRIMARY KEY (user_id, chat_id)
        )""",
    ),
    (
        # The triage level each message was answered at, so an edit that raises it is answered again
        # (and one that does not, is not). Only the level is kept, never the text.
        """CREATE TABLE answered_messages (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            level TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        )""",
        "CREATE INDEX answered_messages_user ON answered_messages(user_id)",
    ),
    (
        # Requests that are costly to serve (a /report draws a PDF): one row per request, so a limit
        # per person and minute holds across restarts and across processes sharing the database.
        """CREATE TABLE costly_requests (
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            requested_at TEXT NOT NULL
        )""",
        "CREATE INDEX costly_requests_user ON costly_requests(user_id, kind, requested_at)",
    ),
    (
        # An answer as it was shown: its topic, level and the details behind its "More" button, so the
        # button works after a restart and on any worker, and a follow-up ("and how long for?")
        # continues its topic. Goes with its question (pruned after QUESTIONS_KEPT_DAYS) and /forget.
        """CREATE TABLE answers_shown (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
            chat_id INTEGER NOT NULL,
            topic TEXT,
            level TEXT NOT NULL,
            more TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX answers_shown_user ON answers_shown(user_id)",
        "CREATE INDEX answers_shown_question ON answers_shown(question_id)",
    ),
    (
        # A random token per user row: buttons that act on the person's own state (Done, band, stage
        # offers) carry it, so after /forget (a new row, a new token) an old button is out of date
        # instead of writing into the new, empty account. Rows from before it have ''.
        "ALTER TABLE users ADD COLUMN epoch TEXT NOT NULL DEFAULT ''",
        # Whether the person chose their time zone (1) or it is still the default UTC (0): only the
        # default gets the "your time zone is UTC" warning.
        "ALTER TABLE users ADD COLUMN timezone_chosen INTEGER NOT NULL DEFAULT 0",
    ),
)


class StorageError(RuntimeError):
    pass


@dataclass(frozen=True)
class UserRow:
    user_id: int
    chat_id: int
    stage: str | None
    timezone: str
    band_colour: str | None
    band_asked_on: date | None
    stage_offered_on: date | None
    created_at: str
    epoch: str = ""  # random per user row (see migration 6): a new one after /forget
    timezone_chosen: bool = False  # set by /timezone (UTC is the default until then)


@dataclass(frozen=True)
class ReminderRow:
    id: int
    user_id: int
    chat_id: int
    local_time: str  # 'HH:MM' in the user's time zone
    days: str  # digits 0 (Monday) .. 6 (Sunday)
    active: bool
    last_sent_date: date | None
    snooze_until: datetime | None  # UTC
    timezone: str  # the owner's time zone (joined from users)


@dataclass(frozen=True)
class SessionRow:
    id: int
    user_id: int
    local_date: date
    pain: int | None
    settled_by_morning: bool | None
    source: str
    created_at: str


@dataclass(frozen=True)
class QuestionRow:
    id: int
    user_id: int
    text: str
    topic: str | None
    triage: str
    unsure: bool
    chosen_topic: str | None


@dataclass(frozen=True)
class EventRow:
    id: int
    user_id: int
    local_date: date
    kind: str
    old: str | None
    new: str | None
    created_at: str = ""  # UTC ISO timestamp: orders a change against sessions of the same day


@dataclass(frozen=True)
class AnswerShownRow:
    """An answer as shown: what its "More" button opens and which topic a follow-up continues."""

    id: int
    question_id: int
    user_id: int
    chat_id: int
    topic: str | None
    level: str
    more: str


@dataclass(frozen=True)
class AwaitingRow:
    """The question the bot waits to have answered: which one, about what, since when, until when."""

    user_id: int
    chat_id: int
    question: str  # e.g. 'pain' or 'settled'
    subject: str  # what it is about, e.g. a session id ('' when nothing in particular)
    asked_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class GapRow:
    """A question curators should look at: asked often, answered unsure or voted down."""

    text: str
    asked: int
    unsure: int
    down: int
    up: int
    chosen_topic: str | None  # the suggestion people picked most often, if any


def utc_now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    """A UTC timestamp as stored: ISO, whole seconds, so stored stamps compare as strings."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


class _Result:
    """A statement's rows, fetched while the lock was held, with the cursor attributes we use."""

    def __init__(self, cursor: sqlite3.Cursor):
        self.rows = cursor.fetchall()
        self.rowcount = cursor.rowcount
        self.lastrowid = cursor.lastrowid

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return self.rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


class _Connection:
    """The one SQLite connection, shared by worker threads and the event loop.

    sqlite3 serialises single calls, but a transaction spans several: without a lock, another
    thread's statement would run inside it (and be rolled back with it), or its BEGIN would fail.
    So each statement, and each transaction as a whole, holds one re-entrant lock, and rows are
    fetched before the lock is let go. Statements take well under a millisecond, so threads rarely wait.
    """

    def __init__(self, path: str):
        # isolation_level=None: autocommit; transactions are opened explicitly where several
        # statements must succeed or fail together.
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.lock = threading.RLock()

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> _Result:
        with self.lock:
            return _Result(self._db.execute(sql, parameters))

    def close(self) -> None:
        with self.lock:
            self._db.close()


class Storage:
    def __init__(self, path: str = MEMORY, clock: Callable[[], datetime] = utc_now):
        self.path = path
        self._clock = clock
        self._db = _Connection(path)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA busy_timeout = 5000")
        if path != MEMORY:
            self._db.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a commit survives a process crash (kill -9); only a power cut may lose
            # the last commits, which is the usual trade-off for an app like this.
            self._db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()
        self.prune()

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------ schema

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StorageError(f"the database {self.path!r} has schema version {version}, newer than this "
                               f"program ({len(MIGRATIONS)}); upgrade ankle-bot")
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._transaction():
                for statement in statements:
                    self._db.execute(statement)
                # PRAGMA takes no parameters; `number` is our own int.
                self._db.execute(f"PRAGMA user_version = {int(number)}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._db.lock:  # no other thread's statement may run inside the transaction
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _now(self) -> str:
        return _stamp(self._clock())

    # ------------------------------------------------------------ users

    _USER_COLUMNS = ("user_id, chat_id, stage, timezone, band_colour, band_asked_on, stage_offered_on, "
                     "created_at, epoch, timezone_chosen")

    def get_user(self, user_id: int) -> UserRow | None:
        row = self._db.execute(f"SELECT {self._USER_COLUMNS} FROM users WHERE user_id = ?",
                               (user_id,)).fetchone()
        return self._user(row) if row else None

    @staticmethod
    def _user(row: Sequence) -> UserRow:
        return UserRow(row[0], row[1], row[2], row[3], row[4], _day(row[5]), _day(row[6]), row[7], row[8],
                       bool(row[9]))

    def ensure_user(self, user_id: int, chat_id: int) -> UserRow:
        """The user's row, created on first contact; a changed chat id is remembered."""
        user = self.get_user(user_id)
        if user is not None and user.chat_id == chat_id:
            return user  # the common case costs one indexed read and no write
        self._db.execute(
            "INSERT INTO users (user_id, chat_id, created_at, epoch) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET chat_id = excluded.chat_id",
            (user_id, chat_id, self._now(), secrets.token_hex(4)),
        )
        return self.get_user(user_id)  # type: ignore[return-value]

    def set_stage(self, user_id: int, stage: str, local_day: date) -> bool:
        """Change the stage and log a stage-change event; False when it was already that stage."""
        with self._transaction():
            row = self._db.execute("SELECT stage FROM users WHERE user_id = ?", (user_id,)).fetchone()
            if row is None or row[0] == stage:
                return False
            self._db.execute("UPDATE users SET stage = ? WHERE user_id = ?", (stage, user_id))
            self._add_event(user_id, local_day, "stage-change", row[0], stage)
        return True

    def set_band(self, user_id: int, colour: str, local_day: date) -> bool:
        """Change the band colour and log a band-change event; False when unchanged."""
        with self._transaction():
            row = self._db.execute("SELECT band_colour FROM users WHERE user_id = ?", (user_id,)).fetchone()
            if row is None or row[0] == colour:
                return False
            self._db.execute("UPDATE users SET band_colour = ? WHERE user_id = ?", (colour, user_id))
            self._add_event(user_id, local_day, "band-change", row[0], colour)
        return True

    def set_timezone(self, user_id: int, timezone: str) -> None:
        self._db.execute("UPDATE users SET timezone = ?, timezone_chosen = 1 WHERE user_id = ?",
                         (timezone, user_id))

    def set_band_asked(self, user_id: int, local_day: date) -> None:
        self._db.execute("UPDATE users SET band_asked_on = ? WHERE user_id = ?",
                         (local_day.isoformat(), user_id))

    def set_stage_offered(self, user_id: int, local_day: date) -> None:
        self._db.execute("UPDATE users SET stage_offered_on = ? WHERE user_id = ?",
                         (local_day.isoformat(), user_id))

    def forget_user(self, user_id: int) -> None:
        """Delete everything about the user, all or nothing."""
        with self._transaction():
            for table in USER_TABLES:
                # Table names come from the literal tuple above, never from input.
                self._db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))

    def count_rows(self, user_id: int) -> dict[str, int]:
        """How many rows each table holds about the user (for /privacy and tests of /forget)."""
        return {table: self._db.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?",
                                        (user_id,)).fetchone()[0]
                for table in USER_TABLES}

    # ------------------------------------------------------------ events (stage and band history)

    def _add_event(self, user_id: int, local_day: date, kind: str, old: str | None, new: str | None) -> None:
        self._db.execute(
            "INSERT INTO events (user_id, local_date, kind, old, new, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, local_day.isoformat(), kind, old, new, self._now()),
        )

    def events(self, user_id: int) -> list[EventRow]:
        rows = self._db.execute(
            "SELECT id, user_id, local_date, kind, old, new, created_at FROM events WHERE user_id = ? "
            "ORDER BY id",
            (user_id,),
        ).fetchall()
        return [EventRow(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], r[6]) for r in rows]

    # ------------------------------------------------------------ reminders

    _REMINDER_SELECT = (
        "SELECT r.id, r.user_id, r.chat_id, r.local_time, r.days, r.active, r.last_sent_date, "
        "r.snooze_until, u.timezone FROM reminders r JOIN users u ON u.user_id = r.user_id"
    )

    @staticmethod
    def _reminder(row: Sequence) -> ReminderRow:
        snooze = datetime.fromisoformat(row[7]) if row[7] else None
        return ReminderRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]), _day(row[6]), snooze, row[8])

    def add_reminder(self, user_id: int, chat_id: int, local_time: str, days: str = ALL_DAYS) -> ReminderRow:
        """A new active reminder; an active one at the same time is updated (new days) instead."""
        with self._transaction():
            row = self._db.execute(
                "SELECT id FROM reminders WHERE user_id = ? AND local_time = ? AND active = 1",
                (user_id, local_time),
            ).fetchone()
            if row:
                self._db.execute("UPDATE reminders SET days = ?, chat_id = ? WHERE id = ?",
                                 (days, chat_id, row[0]))
                reminder_id = row[0]
            else:
                cursor = self._db.execute(
                    "INSERT INTO reminders (user_id, chat_id, local_time, days, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (user_id, chat_id, local_time, days, self._now()),
                )
                reminder_id = cursor.lastrowid
        return self.get_reminder(reminder_id)  # type: ignore[return-value, arg-type]

    def get_reminder(self, reminder_id: int) -> ReminderRow | None:
        row = self._db.execute(f"{self._REMINDER_SELECT} WHERE r.id = ?", (reminder_id,)).fetchone()
        return self._reminder(row) if row else None

    def reminders_for(self, user_id: int) -> list[ReminderRow]:
        """The user's active reminders, earliest time first."""
        rows = self._db.execute(
            f"{self._REMINDER_SELECT} WHERE r.user_id = ? AND r.active = 1 ORDER BY r.local_time, r.id",
            (user_id,),
        ).fetchall()
        return [self._reminder(r) for r in rows]

    def active_reminders(self) -> list[ReminderRow]:
        rows = self._db.execute(f"{self._REMINDER_SELECT} WHERE r.active = 1 ORDER BY r.id").fetchall()
        return [self._reminder(r) for r in rows]

    def cancel_reminder(self, reminder_id: int, user_id: int) -> bool:
        """Deactivate one of the user's reminders; False when it is not theirs or already inactive."""
        cursor = self._db.execute(
            "UPDATE reminders SET active = 0, snooze_until = NULL "
            "WHERE id = ? AND user_id = ? AND active = 1",
            (reminder_id, user_id),
        )
        return cursor.rowcount == 1

    def deactivate_reminders(self, user_id: int) -> list[int]:
        """Deactivate all of a user's reminders (they blocked the bot); returns the ids."""
        with self._transaction():
            ids = [r[0] for r in self._db.execute(
                "SELECT id FROM reminders WHERE user_id = ? AND active = 1", (user_id,))]
            self._db.execute("UPDATE reminders SET active = 0, snooze_until = NULL WHERE user_id = ?",
                             (user_id,))
        return ids

    def claim_reminder_day(self, reminder_id: int, local_day: date) -> bool:
        """Mark the reminder as sent for `local_day` BEFORE sending; True for exactly one caller.

        The UPDATE is atomic and committed at once, so neither a second job, a catch-up after a
        restart nor a crash between claim and send can lead to a second message for the same day.
        """
        day = local_day.isoformat()
        cursor = self._db.execute(
            "UPDATE reminders SET last_sent_date = ? WHERE id = ? AND active = 1 "
            "AND (last_sent_date IS NULL OR last_sent_date < ?)",
            (day, reminder_id, day),
        )
        return cursor.rowcount == 1

    def release_reminder_day(self, reminder_id: int, local_day: date, previous: date | None) -> None:
        """Undo a claim when Telegram certainly did not deliver the message (so a later try may send)."""
        self._db.execute(
            "UPDATE reminders SET last_sent_date = ? WHERE id = ? AND last_sent_date = ?",
            (previous.isoformat() if previous else None, reminder_id, local_day.isoformat()),
        )

    def set_snooze(self, reminder_id: int, user_id: int, until: datetime) -> bool:
        cursor = self._db.execute(
            "UPDATE reminders SET snooze_until = ? WHERE id = ? AND user_id = ? AND active = 1",
            (until.astimezone(UTC).isoformat(timespec="seconds"), reminder_id, user_id),
        )
        return cursor.rowcount == 1

    def claim_snooze(self, reminder_id: int, until: datetime) -> bool:
        """Take the pending snooze (the same claim-before-send rule as daily reminders)."""
        cursor = self._db.execute(
            "UPDATE reminders SET snooze_until = NULL WHERE id = ? AND active = 1 AND snooze_until = ?",
            (reminder_id, until.astimezone(UTC).isoformat(timespec="seconds")),
        )
        return cursor.rowcount == 1

    # ------------------------------------------------------------ sessions

    _SESSION_SELECT = ("SELECT id, user_id, local_date, pain, settled_by_morning, source, created_at "
                       "FROM sessions")

    @staticmethod
    def _session(row: Sequence) -> SessionRow:
        return SessionRow(row[0], row[1], date.fromisoformat(row[2]), row[3], _bool(row[4]), row[5], row[6])

    def record_session(self, user_id: int, local_day: date, source: str, pain: int | None = None) -> int:
        if source not in SESSION_SOURCES:
            raise ValueError(f"session source must be one of {SESSION_SOURCES}, got {source!r}")
        cursor = self._db.execute(
            "INSERT INTO sessions (user_id, local_date, pain, source, created_at) VALUES (?, ?, ?, ?, ?)",
            (user_id, local_day.isoformat(), pain, source, self._now()),
        )
        return cursor.lastrowid  # type: ignore[return-value]

    def record_session_once(self, user_id: int, local_day: date, source: str,
                            pain: int | None = None) -> int | None:
        """Record a session unless that day already has one; the new id, or None for a duplicate."""
        return self.record_session_within(user_id, local_day, source, pain, per_day=1)

    def record_session_within(self, user_id: int, local_day: date, source: str, pain: int | None = None,
                              *, per_day: int = 1, min_gap: timedelta | None = None) -> int | None:
        """Record a session unless that day already has `per_day` of them, or one stored less than
        `min_gap` ago (a double tap of Done); the new id, or None when it is not recorded.

        One statement, so two quick presses of Done (or Done and /log) cannot both insert.
        """
        if source not in SESSION_SOURCES:
            raise ValueError(f"session source must be one of {SESSION_SOURCES}, got {source!r}")
        day = local_day.isoformat()
        now = self._clock()
        recent = _stamp(now - min_gap) if min_gap else "9999"  # no gap: no stored stamp is later
        cursor = self._db.execute(
            "INSERT INTO sessions (user_id, local_date, pain, source, created_at) "
            "SELECT ?, ?, ?, ?, ? WHERE "
            "(SELECT COUNT(*) FROM sessions WHERE user_id = ? AND local_date = ?) < ? AND NOT EXISTS "
            "(SELECT 1 FROM sessions WHERE user_id = ? AND local_date = ? AND created_at > ?)",
            (user_id, day, pain, source, _stamp(now), user_id, day, per_day, user_id, day, recent),
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    def delete_session(self, session_id: int, user_id: int) -> bool:
        """Delete one of the user's sessions (a correction); False when it is not theirs or gone."""
        with self._transaction():
            cursor = self._db.execute("DELETE FROM sessions WHERE id = ? AND user_id = ?",
                                      (session_id, user_id))
            if cursor.rowcount == 1:
                self._db.execute("DELETE FROM awaiting WHERE user_id = ? AND subject = ?",
                                 (user_id, str(session_id)))
        return cursor.rowcount == 1

    def clear_session_pain(self, session_id: int, user_id: int) -> bool:
        """Forget a session's pain score and settled answer (to score it again)."""
        cursor = self._db.execute(
            "UPDATE sessions SET pain = NULL, settled_by_morning = NULL WHERE id = ? AND user_id = ?",
            (session_id, user_id))
        return cursor.rowcount == 1

    def sessions_on(self, user_id: int, local_day: date) -> list[SessionRow]:
        """The user's sessions on that day, oldest first."""
        rows = self._db.execute(
            f"{self._SESSION_SELECT} WHERE user_id = ? AND local_date = ? ORDER BY id",
            (user_id, local_day.isoformat()),
        ).fetchall()
        return [self._session(r) for r in rows]

    def session_on(self, user_id: int, local_day: date) -> SessionRow | None:
        """The user's latest session on that day."""
        row = self._db.execute(
            f"{self._SESSION_SELECT} WHERE user_id = ? AND local_date = ? ORDER BY id DESC LIMIT 1",
            (user_id, local_day.isoformat()),
        ).fetchone()
        return self._session(row) if row else None

    def last_session_before(self, user_id: int, local_day: date) -> SessionRow | None:
        """The user's latest session on a day before `local_day`."""
        row = self._db.execute(
            f"{self._SESSION_SELECT} WHERE user_id = ? AND local_date < ? ORDER BY local_date DESC, id DESC "
            "LIMIT 1",
            (user_id, local_day.isoformat()),
        ).fetchone()
        return self._session(row) if row else None

    def has_session_on(self, user_id: int, local_day: date) -> bool:
        return self._db.execute(
            "SELECT 1 FROM sessions WHERE user_id = ? AND local_date = ? LIMIT 1",
            (user_id, local_day.isoformat()),
        ).fetchone() is not None

    def get_session(self, session_id: int) -> SessionRow | None:
        row = self._db.execute(f"{self._SESSION_SELECT} WHERE id = ?", (session_id,)).fetchone()
        return self._session(row) if row else None

    def sessions(self, user_id: int, since: date | None = None) -> list[SessionRow]:
        """The user's sessions, oldest first (optionally from `since` on)."""
        rows = self._db.execute(
            f"{self._SESSION_SELECT} WHERE user_id = ? AND local_date >= ? ORDER BY local_date, id",
            (user_id, since.isoformat() if since else ""),
        ).fetchall()
        return [self._session(r) for r in rows]

    def set_session_pain(self, session_id: int, user_id: int, pain: int) -> bool:
        cursor = self._db.execute("UPDATE sessions SET pain = ? WHERE id = ? AND user_id = ?",
                                  (pain, session_id, user_id))
        return cursor.rowcount == 1

    def set_session_settled(self, session_id: int, user_id: int, settled: bool) -> bool:
        cursor = self._db.execute("UPDATE sessions SET settled_by_morning = ? WHERE id = ? AND user_id = ?",
                                  (int(settled), session_id, user_id))
        return cursor.rowcount == 1

    # ------------------------------------------------------------ what the bot waits for

    def set_awaiting(self, user_id: int, chat_id: int, question: str, subject: str,
                     expires_at: datetime) -> None:
        """Remember the question just asked; it replaces whatever was awaited in that chat before."""
        self._db.execute(
            "INSERT INTO awaiting (user_id, chat_id, question, subject, asked_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, chat_id) DO UPDATE SET "
            "question = excluded.question, subject = excluded.subject, asked_at = excluded.asked_at, "
            "expires_at = excluded.expires_at",
            (user_id, chat_id, question, subject, self._now(), _stamp(expires_at)),
        )

    def get_awaiting(self, user_id: int, chat_id: int) -> AwaitingRow | None:
        """The question still awaited from the user in that chat; None once it has expired."""
        row = self._db.execute(
            "SELECT user_id, chat_id, question, subject, asked_at, expires_at FROM awaiting "
            "WHERE user_id = ? AND chat_id = ? AND expires_at > ?",
            (user_id, chat_id, self._now()),
        ).fetchone()
        if row is None:
            return None
        return AwaitingRow(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]),
                           datetime.fromisoformat(row[5]))

    def clear_awaiting(self, user_id: int, chat_id: int | None = None, question: str | None = None,
                       subject: str | None = None) -> int:
        """Stop waiting: in one chat or all, and only for that question (and subject) when given."""
        cursor = self._db.execute(
            "DELETE FROM awaiting WHERE user_id = ? AND (? IS NULL OR chat_id = ?) "
            "AND (? IS NULL OR question = ?) AND (? IS NULL OR subject = ?)",
            (user_id, chat_id, chat_id, question, question, subject, subject),
        )
        return cursor.rowcount

    # ------------------------------------------------------------ levels messages were answered at

    def set_message_level(self, user_id: int, chat_id: int, message_id: int, level: str) -> None:
        self._db.execute(
            "INSERT INTO answered_messages (chat_id, message_id, user_id, level, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, message_id) DO UPDATE SET level = excluded.level",
            (chat_id, message_id, user_id, level, self._now()),
        )

    def message_level(self, chat_id: int, message_id: int) -> str | None:
        """The level the message was last answered at; None for a message the bot has no record of."""
        row = self._db.execute("SELECT level FROM answered_messages WHERE chat_id = ? AND message_id = ?",
                               (chat_id, message_id)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------ limits on costly requests

    def take_request_slot(self, user_id: int, kind: str, limit: int, window: timedelta) -> timedelta | None:
        """Count a `kind` request (e.g. 'report') unless the user made `limit` of them within `window`.

        None: counted, go ahead. Otherwise nothing is counted and the result says how long until the
        oldest request leaves the window. One transaction, so two workers cannot both take the last slot.
        """
        now = self._clock()
        with self._transaction():
            self._db.execute(
                "DELETE FROM costly_requests WHERE user_id = ? AND kind = ? AND requested_at <= ?",
                (user_id, kind, _stamp(now - window)))
            recent = [datetime.fromisoformat(r[0]) for r in self._db.execute(
                "SELECT requested_at FROM costly_requests WHERE user_id = ? AND kind = ? "
                "ORDER BY requested_at", (user_id, kind))]
            if len(recent) >= limit:
                return max(recent[-limit] + window - now, timedelta(seconds=1))
            self._db.execute("INSERT INTO costly_requests (user_id, kind, requested_at) VALUES (?, ?, ?)",
                             (user_id, kind, _stamp(now)))
        return None

    # ------------------------------------------------------------ questions and feedback

    def log_question(self, user_id: int, text: str, topic: str | None, triage: str, unsure: bool) -> int:
        cursor = self._db.execute(
            "INSERT INTO questions (user_id, text, topic, triage, unsure, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, text[:QUESTION_TEXT_LIMIT], topic, triage, int(unsure), self._now()),
        )
        return cursor.lastrowid  # type: ignore[return-value]

    def escalated_questions(self, limit: int = 500) -> list[tuple[str, str]]:
        """The latest typed questions answered above level none, as (text, level), newest first."""
        rows = self._db.execute(
            "SELECT text, triage FROM questions WHERE triage <> 'none' ORDER BY id DESC LIMIT ?", (limit,))
        return [(row[0], row[1]) for row in rows]

    def prune(self) -> int:
        """Delete everything kept for a limited time; returns how many questions went.

        Questions (and their votes) after QUESTIONS_KEPT_DAYS, the levels messages were answered at
        after ANSWERED_LEVELS_KEPT_DAYS, waits that have expired, and request times older than a day
        (the limits count a minute).
        """
        now = self._clock()
        self._db.execute("DELETE FROM answered_messages WHERE created_at < ?",
                         (_stamp(now - timedelta(days=ANSWERED_LEVELS_KEPT_DAYS)),))
        self._db.execute("DELETE FROM awaiting WHERE expires_at <= ?", (_stamp(now),))
        self._db.execute("DELETE FROM costly_requests WHERE requested_at < ?",
                         (_stamp(now - timedelta(days=1)),))
        return self.prune_questions()

    def prune_questions(self, keep_days: int = QUESTIONS_KEPT_DAYS) -> int:
        """Delete questions older than `keep_days` (their votes go with them); returns how many."""
        cutoff = _stamp(self._clock() - timedelta(days=keep_days))
        return self._db.execute("DELETE FROM questions WHERE created_at < ?", (cutoff,)).rowcount

    def add_answer_shown(self, question_id: int, user_id: int, chat_id: int, topic: str | None, level: str,
                         more: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO answers_shown (question_id, user_id, chat_id, topic, level, more, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (question_id, user_id, chat_id, topic, level, more, self._now()),
        )
        return cursor.lastrowid  # type: ignore[return-value]

    def get_answer_shown(self, answer_id: int) -> AnswerShownRow | None:
        row = self._db.execute(
            "SELECT id, question_id, user_id, chat_id, topic, level, more FROM answers_shown WHERE id = ?",
            (answer_id,),
        ).fetchone()
        return AnswerShownRow(*row) if row else None

    def get_question(self, question_id: int) -> QuestionRow | None:
        row = self._db.execute(
            "SELECT id, user_id, text, topic, triage, unsure, chosen_topic FROM questions WHERE id = ?",
            (question_id,),
        ).fetchone()
        return QuestionRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6]) if row else None

    def set_chosen_topic(self, question_id: int, user_id: int, topic: str) -> None:
        self._db.execute("UPDATE questions SET chosen_topic = ? WHERE id = ? AND user_id = ?",
                         (topic, question_id, user_id))

    def record_feedback(self, question_id: int, user_id: int, vote: str) -> bool:
        """Store (or change) the user's vote on an answer; False when the question is not theirs."""
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, got {vote!r}")
        with self._transaction():
            owner = self._db.execute("SELECT user_id FROM questions WHERE id = ?", (question_id,)).fetchone()
            if owner is None or owner[0] != user_id:
                return False
            self._db.execute(
                "INSERT INTO feedback (question_id, user_id, vote, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (question_id, user_id) DO UPDATE SET vote = excluded.vote, "
                "created_at = excluded.created_at",
                (question_id, user_id, vote, self._now()),
            )
        return True

    def feedback_for(self, question_id: int) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT vote FROM feedback WHERE question_id = ?",
                                               (question_id,))]

    def gaps(self, limit: int = 20) -> list[GapRow]:
        """Questions answered unsure or voted down, grouped by their lower-cased text, most frequent first."""
        rows = self._db.execute(
            """
            WITH q AS (
                SELECT q.id, lower(trim(q.text)) AS key, q.text, q.unsure, q.chosen_topic,
                       (SELECT COUNT(*) FROM feedback f
                        WHERE f.question_id = q.id AND f.vote = 'down') AS down,
                       (SELECT COUNT(*) FROM feedback f
                        WHERE f.question_id = q.id AND f.vote = 'up') AS up
                FROM questions q
            ),
            grouped AS (
                SELECT key, MIN(text) AS text, COUNT(*) AS asked, SUM(unsure) AS unsure,
                       SUM(down) AS down, SUM(up) AS up
                FROM q GROUP BY key
                HAVING SUM(unsure) > 0 OR SUM(down) > 0
            )
            SELECT g.text, g.asked, g.unsure, g.down, g.up,
                   (SELECT chosen_topic FROM q WHERE q.key = g.key AND chosen_topic IS NOT NULL
                    GROUP BY chosen_topic ORDER BY COUNT(*) DESC, chosen_topic LIMIT 1)
            FROM grouped g
            ORDER BY g.unsure + g.down DESC, g.asked DESC, g.text
            LIMIT ?
            """,
            (limit,),
        ).fetchall()
        return [GapRow(*row) for row in rows]

"""Connections to the two database backends, SQLite and PostgreSQL, behind one small interface.

`bot/storage.py` owns every SQL statement; this module only connects, runs a statement with its
parameters, opens transactions, and turns each backend's start-up and constraint errors into ours:

- `execute(sql, params)` runs one statement (written with `?` placeholders) and returns its rows and
  row count, already fetched, so no cursor outlives the connection it came from.
- Outside `transaction()` every statement commits at once (autocommit), as the reminder claims need.
- `transaction()` groups statements. On SQLite it is `BEGIN IMMEDIATE`, which takes the write lock at
  once, so a read-then-write inside it is never interleaved with another writer. On PostgreSQL the
  statements run on one pooled connection in one transaction; storage adds `FOR UPDATE` where it reads
  a row it is about to change (`lock_suffix`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

MEMORY = ":memory:"
POSTGRES_SCHEMES = ("postgresql", "postgres")
# PostgreSQL advisory locks, all in the two-key form (namespace, key) so ours never meet another
# application's one-key locks:
MIGRATION_LOCKS = 0x616E6B  # (ns, 0) while migrating: workers starting together migrate one at a time
WORKER_LOCKS = 0x616E6C  # (ns, worker id), held while a worker lives: a free one means a dead worker
EXCLUSIVE_LOCKS = 0x616E6D  # (ns, role): a role only one process may have, e.g. the poller
CHAT_LOCKS = 0x616E6E  # (ns, chat id folded to 31 bits) while one update of that chat is handled
POLLER = 1  # the role of the one process that polls Telegram (and, with SQLite, the one process)
CONNECT_TIMEOUT_S = 5


class StorageError(RuntimeError):
    """The database cannot be used; the message says which database and why, in one line."""


class IntegrityError(StorageError):
    """A statement broke a constraint of the schema (a CHECK, a foreign key, a unique key)."""


@dataclass(frozen=True)
class Result:
    rows: list[tuple]
    rowcount: int

    def fetchone(self) -> tuple | None:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[tuple]:
        return self.rows

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)


def is_postgres(target: str) -> bool:
    return target.split(":", 1)[0] in POSTGRES_SCHEMES


def describe(target: str) -> str:
    """The database for messages: a file path, or a PostgreSQL URL without its password."""
    if not is_postgres(target):
        return target
    parts = urlsplit(target)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"postgresql://{user}{host}{port}{parts.path}"


def connect(target: str, *, pool_size: int = 10) -> Database:
    """An SQLite path (or ':memory:') or a postgresql:// URL."""
    if is_postgres(target):
        return PostgresDatabase(target, pool_size=pool_size)
    return SQLiteDatabase(target)


class Database:
    dialect: str
    lock_suffix: str  # appended to a SELECT of a row the transaction is about to change
    skip_locked_suffix: str  # appended to the SELECT that picks rows to claim
    materialized: str  # after `WITH name AS`: the CTE runs once (PostgreSQL may otherwise inline it)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        raise NotImplementedError

    @contextmanager
    def transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def tables(self) -> dict[str, list[str]]:
        """Our tables and their columns, in the order they were created."""
        raise NotImplementedError

    def migration_transaction(self):
        """A transaction during which no other process migrates the same database."""
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def set_schema_version(self, version: int) -> None:
        raise NotImplementedError

    def register_worker(self, worker_id: int) -> None:
        """Mark this process as alive under `worker_id` until it closes the database or dies."""

    def worker_alive(self, worker_id: int) -> bool:
        raise NotImplementedError

    def hold_exclusive(self, role: int) -> bool:
        """Take a role only one process at a time may have (until close or death); False if taken."""
        raise NotImplementedError

    @contextlib.asynccontextmanager
    async def chat_turn(self, chat_id: int):
        """Handle one update of this chat at a time, across every worker on this database."""
        yield  # one process per SQLite file: the front-end's own per-chat order is enough

    def close(self) -> None:
        raise NotImplementedError


class SQLiteDatabase(Database):
    dialect = "sqlite"
    lock_suffix = ""  # BEGIN IMMEDIATE already holds the database's write lock
    skip_locked_suffix = ""  # one writer at a time: an UPDATE never meets a row another has locked
    materialized = ""  # one writer at a time: the picked rows cannot change under the UPDATE

    def __init__(self, path: str = MEMORY):
        self.path = path
        # One connection shared by the event loop and worker threads; the lock keeps one thread's
        # transaction from taking in another thread's statements.
        self._lock = threading.RLock()
        self._in_transaction = threading.local()
        self._held_files: list = []
        try:
            # isolation_level=None: autocommit; transactions are opened explicitly.
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 5000")
            if path != MEMORY:
                self._set_wal()
                # WAL + NORMAL: a commit survives a process crash (kill -9); only a power cut may
                # lose the last commits, the usual trade-off for an app like this.
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the file header
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot open the SQLite database {path!r}: {exc}") from None

    def _set_wal(self) -> None:
        """Switch to WAL. The switch needs the file to itself for a moment, and when several workers
        start at once SQLite can answer "database is locked" at once instead of waiting: try again."""
        for attempt in range(100):
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05)

    @property
    def raw(self) -> sqlite3.Connection:
        """The sqlite3 connection, for the online backup and SQLite-only checks."""
        return self._db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        with self._lock:
            try:
                cursor = self._db.execute(sql, tuple(params))
                rows = cursor.fetchall()
            except sqlite3.IntegrityError as exc:
                raise IntegrityError(str(exc)) from exc
            return Result(rows, cursor.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._lock:
            try:
                self._db.executemany(sql, rows)
            except sqlite3.IntegrityError as exc:
                raise IntegrityError(str(exc)) from exc

    def tables(self) -> dict[str, list[str]]:
        names = [r[0] for r in self.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY rowid")]
        return {name: [c[1] for c in self.execute("SELECT * FROM pragma_table_info(?)", (name,))]
                for name in names}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if getattr(self._in_transaction, "active", False):
                yield  # nested: part of the outer transaction
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._in_transaction.active = True
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                self._in_transaction.active = False
            self._db.execute("COMMIT")

    def migration_transaction(self):
        return self.transaction()  # BEGIN IMMEDIATE: a second process waits (busy_timeout), then sees v+1

    def worker_alive(self, worker_id: int) -> bool:
        # One bot process per SQLite file (hold_exclusive), so any other worker's mark is a dead one's.
        return False

    def hold_exclusive(self, role: int) -> bool:
        if self.path == MEMORY:
            return True
        # A lock file next to the database, held by an open descriptor: the kernel frees it when the
        # process ends, however it ends.
        handle = open(f"{self.path}.lock-{role}", "w")  # noqa: SIM115 (kept open on purpose)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._held_files.append(handle)
        return True

    def schema_version(self) -> int:
        return self.execute("PRAGMA user_version").rows[0][0]

    def set_schema_version(self, version: int) -> None:
        # PRAGMA takes no parameters; `version` is our own int.
        self.execute(f"PRAGMA user_version = {int(version)}")

    def close(self) -> None:
        for handle in self._held_files:
            handle.close()
        self._db.close()


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """Our `?` placeholders -> psycopg's `%s` (a literal % is doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresDatabase(Database):
    dialect = "postgresql"
    lock_suffix = " FOR UPDATE"
    # Claims by several workers: each takes rows no other worker is claiming right now, without
    # waiting for them (and the WHERE is checked again on the locked row, so a row is claimed once).
    skip_locked_suffix = " FOR UPDATE SKIP LOCKED"
    materialized = " MATERIALIZED"

    def __init__(self, url: str, *, pool_size: int = 10):
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = url
        self._psycopg = psycopg
        self._local = threading.local()  # the connection of this thread's open transaction, if any
        # One direct connection first: its error says what is wrong (refused, unknown host, bad
        # password), where a pool would only report a timeout.
        try:
            psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S).close()
        except psycopg.Error as exc:
            reason = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
            reason = reason or type(exc).__name__
            raise StorageError(f"cannot connect to PostgreSQL at {describe(url)}: {reason}") from None
        self._lock_connection = None  # holds this process's session-level advisory locks
        self._chat_pool = None  # async connections for per-chat turns (webhook workers), made on first use
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                    kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S})
        self._pool.open(wait=True, timeout=30)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return self._run(conn, sql, params)
        with self._pool.connection() as conn:
            return self._run(conn, sql, params)

    def _run(self, conn, sql: str, params: Sequence[Any]) -> Result:
        try:
            cursor = conn.execute(_pg_sql(sql), tuple(params))
            rows = cursor.fetchall() if cursor.description is not None else []
        except self._psycopg.errors.IntegrityError as exc:
            raise IntegrityError(str(exc).strip()) from exc
        return Result([tuple(r) for r in rows], cursor.rowcount)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.transaction():
            try:
                with self._local.conn.cursor() as cursor:
                    cursor.executemany(_pg_sql(sql), rows)
            except self._psycopg.errors.IntegrityError as exc:
                raise IntegrityError(str(exc).strip()) from exc

    def tables(self) -> dict[str, list[str]]:
        rows = self.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' "
            "AND c.table_name <> 'schema_version' ORDER BY c.table_name, c.ordinal_position").rows
        tables: dict[str, list[str]] = {}
        for table, column in rows:
            tables.setdefault(table, []).append(column)
        return tables

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if getattr(self._local, "conn", None) is not None:
            yield  # nested: part of the outer transaction
            return
        with self._pool.connection() as conn, conn.transaction():
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    @contextmanager
    def migration_transaction(self) -> Iterator[None]:
        with self.transaction():
            # Held until this transaction ends: a worker starting at the same moment waits here,
            # then finds the schema already at the new version.
            self.execute("SELECT pg_advisory_xact_lock(?, 0)", (MIGRATION_LOCKS,))
            self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            yield

    def schema_version(self) -> int:
        if self.execute("SELECT to_regclass('schema_version')").rows[0][0] is None:
            return 0
        row = self.execute("SELECT version FROM schema_version").fetchone()
        return row[0] if row else 0

    def set_schema_version(self, version: int) -> None:
        with self.transaction():
            self.execute("DELETE FROM schema_version")
            self.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def _locks(self):
        # Not a pooled connection: session locks must stay with one connection for the process's life.
        if self._lock_connection is None:
            self._lock_connection = self._psycopg.connect(self.url, autocommit=True,
                                                          connect_timeout=CONNECT_TIMEOUT_S)
        return self._lock_connection

    def register_worker(self, worker_id: int) -> None:
        self._locks().execute("SELECT pg_advisory_lock(%s, %s)", (WORKER_LOCKS, worker_id))

    def worker_alive(self, worker_id: int) -> bool:
        with self.transaction():
            free = self.execute("SELECT pg_try_advisory_lock(?, ?)", (WORKER_LOCKS, worker_id)).rows[0][0]
            if free:  # nobody holds it: that worker is gone. Give it back at once.
                self.execute("SELECT pg_advisory_unlock(?, ?)", (WORKER_LOCKS, worker_id))
        return not free

    def hold_exclusive(self, role: int) -> bool:
        return bool(self._locks().execute("SELECT pg_try_advisory_lock(%s, %s)",
                                          (EXCLUSIVE_LOCKS, role)).fetchone()[0])

    @contextlib.asynccontextmanager
    async def chat_turn(self, chat_id: int):
        # Async connections, so a worker waiting for another worker's turn blocks no thread.
        if self._chat_pool is None:
            from psycopg_pool import AsyncConnectionPool

            self._chat_pool = AsyncConnectionPool(self.url, min_size=1, max_size=50, open=False,
                                                  kwargs={"autocommit": True})
            await self._chat_pool.open(wait=True, timeout=30)
        key = (CHAT_LOCKS, chat_id & 0x7FFFFFFF)  # two chats sharing a key only wait for each other
        async with self._chat_pool.connection() as conn:
            await conn.execute("SELECT pg_advisory_lock(%s, %s)", key)
            try:
                yield
            finally:
                await conn.execute("SELECT pg_advisory_unlock(%s, %s)", key)

    async def aclose(self) -> None:
        if self._chat_pool is not None:
            await self._chat_pool.close()
            self._chat_pool = None

    def close(self) -> None:
        if self._lock_connection is not None:
            with contextlib.suppress(Exception):
                self._lock_connection.close()
        self._pool.close()

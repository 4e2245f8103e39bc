"""The storage tests run against both backends: SQLite and PostgreSQL."""

import pytest

from bot.storage import Storage


@pytest.fixture
def storage(database, clock):
    db = Storage(database, clock=clock)
    yield db
    db.close()

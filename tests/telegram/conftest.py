"""A real python-telegram-bot Application over the fake Bot API (no network), one per test."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from telegram import Update
from telegram.ext import Application

from bot.config import Settings
from bot.storage import Storage
from bot.telegram import build_application, parts
from bot.telegram.app import BotParts, on_startup
from bot.telegram.fake_api import ApiCall, FakeBotAPI, UpdateFactory

TOKEN = "123456:TEST-token_do-not-log"


class BotHarness:
    def __init__(self, app: Application, api: FakeBotAPI, updates: UpdateFactory):
        self.app, self.api, self.updates = app, api, updates

    @property
    def parts(self) -> BotParts:
        return parts(self.app)

    async def send(self, data: dict) -> list[ApiCall]:
        """Process one update; returns the Bot API calls it caused."""
        before = len(self.api.calls)
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return self.api.calls[before:]

    async def enqueue(self, data: dict) -> None:
        """Queue an update as polling would: the running Application processes it concurrently."""
        await self.app.update_queue.put(Update.de_json(data, self.app.bot))

    async def drain(self) -> None:
        """Wait until every queued update has been processed."""
        await asyncio.wait_for(self.app.update_queue.join(), timeout=10)

    def next_call(self, wanted: Callable[[ApiCall], bool]) -> asyncio.Event:
        """An event set when the fake Bot API receives a call that `wanted` accepts."""
        event = asyncio.Event()
        previous = self.api.on_call

        def watch(call: ApiCall) -> None:
            if previous:
                previous(call)
            if wanted(call):
                event.set()

        self.api.on_call = watch
        return event

    async def command(self, name: str, *args: str, **kw) -> list[ApiCall]:
        return await self.send(self.updates.command(name, *args, **kw))

    async def text(self, text: str, **kw) -> list[ApiCall]:
        return await self.send(self.updates.text(text, **kw))

    async def press(self, data: str, **kw) -> list[ApiCall]:
        return await self.send(self.updates.button(data, **kw))


@pytest.fixture
def bot_database(tmp_path) -> str:
    """The database the bots of a test share; test modules that run on both backends override it."""
    return str(tmp_path / "bot.sqlite3")


@pytest.fixture
async def make_bot(bot_database, clock, tiny_kb, answer):
    """Build (and initialise) bots; several may share one database, as after a restart."""
    created: list[tuple[Application, Storage]] = []

    async def make(db: str | None = None, *, start: bool = False, kb=tiny_kb, answer_fn=answer,
                   api: FakeBotAPI | None = None, rate: float = 1000.0,
                   chat_limits: bool = False) -> BotHarness:
        api = api or FakeBotAPI()
        storage = Storage(db or bot_database, clock=clock)
        # Without each chat's own limit (about 1 a second) unless asked: tests answer one chat quickly.
        settings = Settings(token=TOKEN, messages_per_second=rate, retry_after_attempts=2,
                            chat_limits=chat_limits)
        app = build_application(settings, request=api, storage=storage, clock=clock, kb=kb, answer=answer_fn,
                                retry_delays=(0.0, 0.0))
        await app.initialize()
        await on_startup(app)
        if start:
            await app.start()  # starts the job queue (the catch-up job runs at once)
        created.append((app, storage))
        return BotHarness(app, api, UpdateFactory())

    yield make
    for app, storage in created:
        if app.running:
            await app.stop()
        await app.shutdown()
        storage.close()


@pytest.fixture
async def bot(make_bot) -> BotHarness:
    return await make_bot()

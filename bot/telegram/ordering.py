"""Concurrent updates, one chat at a time: `PerChatOrder`, a python-telegram-bot update processor.

PTB hands each update to the processor as a task, in the order the updates arrived. Updates of
different chats then run concurrently; updates of the same chat wait for each other, so a slow first
update (a /report being drawn) can never be overtaken by the second ("yes" would otherwise answer
the wrong question). asyncio.Lock wakes its waiters first come, first served, which keeps the order.

The chat's lock is taken before a running slot, so a person who sends fifty messages holds one slot,
not fifty: everyone else is still served while that person's messages wait their turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates may wait in PTB's semaphore beyond this; they are only tasks waiting for a lock, so the
# bound is generous. It is what PTB reports as `concurrent_updates`.
MAX_PENDING_UPDATES = 4096
DEFAULT_RUNNING = 64  # updates being processed at once (most of them wait for the Bot API)


def chat_key(update: object) -> int | None:
    """The chat an update belongs to (the user's id when it has no chat); None: no order to keep."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class PerChatOrder(BaseUpdateProcessor):
    def __init__(self, running: int = DEFAULT_RUNNING):
        super().__init__(max_concurrent_updates=MAX_PENDING_UPDATES)
        self.running = running
        self._slots: asyncio.Semaphore | None = None
        # chat -> (its lock, how many of its updates hold or wait for it); dropped when none do.
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def initialize(self) -> None:
        self._slots = asyncio.Semaphore(self.running)

    async def shutdown(self) -> None:
        pass

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._slots is None:
            await self.initialize()
        assert self._slots is not None
        key = chat_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        lock, users = self._chats.get(key, (None, 0))
        lock = lock or asyncio.Lock()
        self._chats[key] = (lock, users + 1)
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            lock, users = self._chats[key]
            if users == 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock, users - 1)

    @property
    def chats_in_progress(self) -> int:
        """Chats with an update being processed or waiting (for tests and benchmarks)."""
        return len(self._chats)

"""One send budget at Telegram's limits, in which a reply to a person always goes before a broadcast.

`SendBudget` is the Bot's rate limiter (a `telegram.ext.BaseRateLimiter`); every request that names
a chat passes through it:

1. the chat's own limit: about one message a second in a private chat (a burst of 3, so an answer
   and its follow-up question arrive together) and 20 a minute in a group, in order per chat;
2. the shared limit (30 a second by default), handed out by priority: REPLY (the default) before
   BROADCAST (reminders pass `rate_limit_args=BROADCAST`), first come first served within each.
   However many reminders are queued, the next free slot goes to the waiting reply.

A 429 RetryAfter pauses the whole budget for the time Telegram asks and retries the request (at its
own priority) up to `max_retries` times, as PTB's AIORateLimiter does. Requests without a chat
(getUpdates, answerCallbackQuery, setMyCommands) are not limited, as in AIORateLimiter.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

REPLY = 0  # an answer to something a person just did
BROADCAST = 1  # a message nobody is waiting for (reminders): sent when no reply is waiting


@dataclass(frozen=True)
class Limit:
    per_second: float
    burst: float  # messages that may go at once before the rate applies


PRIVATE_CHAT = Limit(per_second=1.0, burst=3)
GROUP_CHAT = Limit(per_second=20 / 60, burst=3)
_MAX_IDLE_CHATS = 10_000  # chat buckets kept before the full (idle) ones are dropped


class _Bucket:
    """A token bucket: `burst` tokens, refilled at `per_second`."""

    def __init__(self, limit: Limit, now: float):
        self.limit = limit
        self.tokens = limit.burst
        self.updated = now

    def _refill(self, now: float) -> None:
        self.tokens = min(self.limit.burst, self.tokens + (now - self.updated) * self.limit.per_second)
        self.updated = now

    def delay(self, now: float) -> float:
        """Seconds until a token is there (0: now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.limit.per_second

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1

    def full(self, now: float) -> bool:
        self._refill(now)
        return self.tokens >= self.limit.burst


class PriorityBudget:
    """The shared limit: tokens at `limit.per_second`, given to waiters by (priority, arrival)."""

    def __init__(self, limit: Limit, clock: Callable[[], float]):
        self._bucket = _Bucket(limit, clock())
        self._clock = clock
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()
        self._paused_until = 0.0
        self._dispenser: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        return sum(1 for *_, future in self._waiting if not future.done())

    def pause(self, seconds: float) -> None:
        """Give out nothing for `seconds` (Telegram asked us to wait)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    async def take(self, priority: int) -> None:
        """Wait for a token; waiters of a lower priority number go first."""
        now = self._clock()
        if not self._waiting and now >= self._paused_until and self._bucket.delay(now) == 0:
            self._bucket.take(now)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (priority, next(self._arrivals), future))
        if self._dispenser is None or self._dispenser.done():
            self._dispenser = asyncio.create_task(self._dispense(), name="send-budget")
        await future  # a cancelled waiter's future is cancelled too, and skipped below

    async def _dispense(self) -> None:
        while self._waiting:
            now = self._clock()
            wait = max(self._paused_until - now, self._bucket.delay(now))
            if wait > 0:
                await asyncio.sleep(wait)
                continue  # whoever has the best place when the token is there gets it
            *_, future = heapq.heappop(self._waiting)
            if not future.done():
                self._bucket.take(now)
                future.set_result(None)

    def close(self) -> None:
        """Stop handing out tokens; whoever still waits is cancelled rather than left hanging."""
        if self._dispenser is not None:
            self._dispenser.cancel()
        for *_, future in self._waiting:
            future.cancel()
        self._waiting.clear()


class SendBudget(BaseRateLimiter[int]):
    def __init__(self, per_second: float = 30.0, *, private_chat: Limit | None = PRIVATE_CHAT,
                 group_chat: Limit | None = GROUP_CHAT, max_retries: int = 3):
        """private_chat, group_chat: each chat's own limit; None: none (tests that send many
        messages to one chat quickly)."""
        # A tenth of a second's worth at once: sends stay evenly spaced, and timer jitter costs nothing.
        self.overall = Limit(per_second, burst=max(1.0, per_second / 10))
        self.private_chat, self.group_chat = private_chat, group_chat
        self.max_retries = max_retries
        self._budget: PriorityBudget | None = None
        # chat -> (its bucket, the lock that keeps its messages in order)
        self._chats: dict[int, tuple[_Bucket, asyncio.Lock]] = {}

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()

    @property
    def budget(self) -> PriorityBudget:
        if self._budget is None:  # created in the running loop it serves
            self._budget = PriorityBudget(self.overall, self._now)
        return self._budget

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        if self._budget is not None:
            self._budget.close()
            self._budget = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = _chat_id(data.get("chat_id"))
        if chat_id is None:
            return await callback(*args, **kwargs)
        priority = BROADCAST if rate_limit_args == BROADCAST else REPLY
        for attempt in range(self.max_retries + 1):
            await self._chat_turn(chat_id)
            await self.budget.take(priority)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == self.max_retries:
                    raise
                # PTB's own limiter reads the protected field too: the public one warns while PTB
                # moves from seconds to timedelta.
                seconds = exc._retry_after.total_seconds() + 0.1
                log.info("flood control on %s: pausing all sends for %.1f s", endpoint, seconds)
                self.budget.pause(seconds)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _chat_turn(self, chat_id: int) -> None:
        """Wait until the chat may get another message; its messages take their turns in order."""
        entry = self._chats.get(chat_id)
        if entry is None:
            limit = self.group_chat if chat_id < 0 else self.private_chat
            if limit is None:
                return
            self._forget_idle_chats()
            entry = self._chats[chat_id] = (_Bucket(limit, self._now()), asyncio.Lock())
        bucket, lock = entry
        async with lock:
            while (delay := bucket.delay(self._now())) > 0:
                await asyncio.sleep(delay)
            bucket.take(self._now())

    def _forget_idle_chats(self) -> None:
        if len(self._chats) < _MAX_IDLE_CHATS:
            return
        now = self._now()
        idle = [chat for chat, (bucket, lock) in self._chats.items()
                if bucket.full(now) and not lock.locked()]
        for chat_id in idle:
            del self._chats[chat_id]


def _chat_id(value: object) -> int | None:
    """Telegram takes chat ids as numbers or numeric strings ('@channel' names are left unlimited)."""
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None

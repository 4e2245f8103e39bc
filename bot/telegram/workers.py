"""Worker threads, so that nothing slow runs on the event loop every chat shares.

The conversation layer and the storage are synchronous: each handler runs them in a worker thread
(`in_conversation_thread`), so database calls and the engine never block the loop. Charts and PDFs
(hundreds of milliseconds) get threads of their own (`drawn`), so a few reports being drawn never
hold up a person's answer; reminders prepare their messages in a third pool, so a burst of
thousands cannot queue in front of the answers either.

The pools belong to the process, shared by every Application in it (tests build many); their threads
are started on first use and end with the process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from bot.conversation import Reply, rendered

T = TypeVar("T")

# The engine and SQLite hold the GIL most of the time, so more threads would not answer faster; a few
# let one slow answer (a long message) overlap with others and with the loop's own work.
_CONVERSATION = ThreadPoolExecutor(max_workers=4, thread_name_prefix="conversation")
# matplotlib draws in Python too: two drawings at a time use both cores of a small machine.
_DRAWING = ThreadPoolExecutor(max_workers=2, thread_name_prefix="drawing")
# One thread: reminders are claimed a few at a time, as fast as the send budget takes them.
_REMINDERS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reminders")


async def _run(pool: ThreadPoolExecutor, function: Callable[..., T], *args: object) -> T:
    return await asyncio.get_running_loop().run_in_executor(pool, partial(function, *args))


async def in_conversation_thread(function: Callable[..., T], *args: object) -> T:
    """Run a conversation (or storage) call in a worker thread and wait for its result."""
    return await _run(_CONVERSATION, function, *args)


async def in_reminder_thread(function: Callable[..., T], *args: object) -> T:
    return await _run(_REMINDERS, function, *args)


async def drawn(reply: Reply) -> Reply:
    """The reply with its chart or file drawn, in a drawing thread (see Reply.needs_rendering)."""
    return await _run(_DRAWING, rendered, reply)

"""Build the python-telegram-bot Application: one function wires storage, conversation, reminders
and handlers, so `ankle-bot run`, the tests and the benchmarks all run the same bot."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import BotCommand
from telegram.ext import Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.config import Settings
from bot.conversation import Conversation
from bot.knowledge import KnowledgeBase
from bot.storage import Storage, utc_now

from .budget import GROUP_CHAT, PRIVATE_CHAT, SendBudget
from .handlers import TelegramFrontend, register_handlers
from .ordering import PerChatOrder
from .reminders import DEFAULT_RETRY_DELAYS, ReminderService
from .workers import in_conversation_thread

PARTS = "ankle_bot"  # key in application.bot_data


@dataclass
class BotParts:
    storage: Storage
    conversation: Conversation
    reminders: ReminderService
    frontend: TelegramFrontend
    owns_storage: bool


def build_application(settings: Settings, *, request: BaseRequest | None = None,
                      get_updates_request: BaseRequest | None = None, storage: Storage | None = None,
                      clock: Callable[[], datetime] = utc_now, kb: KnowledgeBase | None = None,
                      answer: Callable | None = None,
                      retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS) -> Application:
    """The bot, ready for `run_polling`/`run_webhook`, or for `initialize` + `process_update` in tests.

    request / get_updates_request: a custom transport (tests pass a fake Bot API for both).
    storage, clock, kb, answer: injected in tests; by default the database from the settings, the
    real clock, and the default knowledge base and engine.
    """
    builder = ApplicationBuilder().token(settings.require_token())
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_base_file_url:
        builder = builder.base_file_url(settings.api_base_file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    # One send budget for every request (budget.py): Telegram's limits overall and per chat, RetryAfter
    # waited out and retried, and replies to people always before queued reminders. With several
    # workers each has an even share of the overall rate (WORKERS, see the README).
    rate = settings.worker_messages_per_second
    on = settings.chat_limits
    builder = builder.rate_limiter(SendBudget(rate,
                                              private_chat=PRIVATE_CHAT if on else None,
                                              group_chat=GROUP_CHAT if on else None,
                                              max_retries=settings.retry_after_attempts))
    # Different chats at once, each chat's updates in order (ordering.py).
    builder = builder.concurrent_updates(PerChatOrder())
    application = builder.post_init(on_startup).post_stop(on_stop).post_shutdown(on_shutdown).build()

    owns_storage = storage is None
    storage = storage or Storage(settings.database_path, clock=clock)
    reminders = ReminderService(application, storage, clock, retry_delays,
                                messages_per_second=rate)
    conversation = Conversation.create(storage, kb=kb, answer=answer, clock=clock, scheduler=reminders,
                                       emergency_number=settings.emergency_number)
    reminders.conversation = conversation
    frontend = TelegramFrontend(conversation, reminders)
    register_handlers(application, frontend)
    application.bot_data[PARTS] = BotParts(storage, conversation, reminders, frontend, owns_storage)
    return application


def parts(application: Application) -> BotParts:
    return application.bot_data[PARTS]


async def on_startup(application: Application) -> None:
    """post_init: the command menu, the reminders' start-up checks, and the reminder loop once running."""
    bot_parts = parts(application)
    await application.bot.set_my_commands(
        [BotCommand(c.name, c.description) for c in bot_parts.conversation.commands()])
    bot_parts.reminders.prepare()
    # Started by the job queue, i.e. once the application runs (tests build bots without running them).
    application.job_queue.run_once(_start_reminder_loop, when=0, name="reminder-loop",
                                   job_kwargs={"misfire_grace_time": None})
    # Opening the database pruned old questions and other short-lived rows; a bot that runs for
    # months prunes once a day too.
    application.job_queue.run_repeating(_prune_questions, interval=timedelta(days=1), first=timedelta(days=1),
                                        name="prune-questions")


async def _start_reminder_loop(context: ContextTypes.DEFAULT_TYPE) -> None:
    parts(context.application).reminders.start()


async def _prune_questions(context: ContextTypes.DEFAULT_TYPE) -> None:
    # A day's worth of deletions: in a worker thread, not on the loop that answers people.
    await in_conversation_thread(parts(context.application).storage.prune)


async def on_stop(application: Application) -> None:
    await parts(application).reminders.stop()


async def on_shutdown(application: Application) -> None:
    bot_parts = parts(application)
    await bot_parts.reminders.stop()
    if bot_parts.owns_storage:
        bot_parts.storage.close()

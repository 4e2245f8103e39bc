"""`ankle-bot run`: settings from the environment, logging without the token, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError

from bot.config import ConfigError, Settings
from bot.database import POLLER, StorageError, describe

from .app import build_application, parts

log = logging.getLogger("bot")
# Edits too: an edit that turns a question into an emergency is triaged again (handlers.on_edit).
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]


class RedactToken(logging.Filter):
    """Replace the bot token in every log line: PTB and httpx put request URLs (which hold it) in logs."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        return True


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if settings.token:
        for handler in logging.getLogger().handlers:
            handler.addFilter(RedactToken(settings.token))


def run() -> int:
    try:
        settings = Settings.from_env()
        settings.require_token()
        if settings.webhook_url:
            settings.require_webhook()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings)
    try:
        application = build_application(settings)
    except StorageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    storage = parts(application).storage
    # Two pollers would take turns stealing each other's updates; an SQLite file serves one process.
    if (not settings.webhook_url or storage.dialect == "sqlite") and not storage.hold_exclusive(POLLER):
        what = "polling" if not settings.webhook_url else "running"
        print(f"error: another ankle-bot is already {what} on {describe(settings.database_path)}; one "
              "poller per bot (several workers need webhook mode and PostgreSQL, see the README)",
              file=sys.stderr)
        storage.close()
        return 1
    problem = asyncio.run(check_bot_api(settings))
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    _run(application, settings)
    return 0


async def check_bot_api(settings: Settings) -> str | None:
    """One getMe before starting, so an unreachable Bot API or a wrong token is one line, not PTB's
    traceback from inside run_polling; None when all is well."""
    bot = Bot(settings.require_token(), base_url=settings.api_base_url or "https://api.telegram.org/bot",
              base_file_url=settings.api_base_file_url or "https://api.telegram.org/file/bot")
    try:
        async with bot:  # initialize() calls getMe
            return None
    except InvalidToken:
        return "the Bot API refused TELEGRAM_BOT_TOKEN (check it with @BotFather)"
    except NetworkError as exc:
        return f"cannot reach the Bot API at {settings.api_base_url or 'https://api.telegram.org'}: {exc}"


def _run(application, settings: Settings) -> None:
    if settings.webhook_url:
        from .webhook import serve

        log.info("starting in webhook mode (database: %s)", describe(settings.database_path))
        asyncio.run(serve(application, settings))
    else:
        log.info("starting with long polling (database: %s)", describe(settings.database_path))
        application.run_polling(allowed_updates=ALLOWED_UPDATES)

"""`ankle-bot run`: settings from the environment, logging without the token, polling or webhook."""

from __future__ import annotations

import logging
import secrets
import sys
from urllib.parse import urlsplit

from telegram import Update

from bot.config import ConfigError, Settings

from .app import build_application

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
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    configure_logging(settings)
    application = build_application(settings)
    if settings.webhook_url:
        secret = settings.webhook_secret or secrets.token_urlsafe(32)
        log.info("starting in webhook mode on %s:%d", settings.webhook_listen, settings.port)
        application.run_webhook(listen=settings.webhook_listen, port=settings.port,
                                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                                webhook_url=settings.webhook_url, secret_token=secret,
                                allowed_updates=ALLOWED_UPDATES)
    else:
        log.info("starting with long polling (database: %s)", settings.database_path)
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0

"""`ankle-bot webhook set|delete|info`: register the webhook with Telegram once, not at every start."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from telegram import Bot
from telegram.error import TelegramError

from bot.config import ConfigError, Settings

from .runner import ALLOWED_UPDATES


def webhook_command(action: str, *, drop_pending: bool = False, max_connections: int = 40,
                    stdout: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    try:
        settings = Settings.from_env()
        token = settings.require_token()
        if action == "set":
            settings.require_webhook()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    bot = Bot(token, base_url=settings.api_base_url or "https://api.telegram.org/bot",
              base_file_url=settings.api_base_file_url or "https://api.telegram.org/file/bot")
    try:
        stdout.write(asyncio.run(_act(bot, settings, action, drop_pending, max_connections)) + "\n")
    except TelegramError as exc:
        print(f"error: the Bot API refused `webhook {action}`: {exc}", file=sys.stderr)
        return 1
    return 0


async def _act(bot: Bot, settings: Settings, action: str, drop_pending: bool, max_connections: int) -> str:
    async with bot:
        if action == "set":
            await bot.set_webhook(settings.webhook_url, secret_token=settings.webhook_secret,
                                  allowed_updates=ALLOWED_UPDATES, drop_pending_updates=drop_pending,
                                  max_connections=max_connections)
            return f"webhook set: {settings.webhook_url} (secret from WEBHOOK_SECRET)"
        if action == "delete":
            await bot.delete_webhook(drop_pending_updates=drop_pending)
            return "webhook deleted: the bot can be run with long polling again"
        info = await bot.get_webhook_info()
        lines = [f"url: {info.url or '(none: long polling)'}",
                 f"pending updates: {info.pending_update_count}",
                 f"max connections: {info.max_connections}"]
        if info.last_error_message:
            lines.append(f"last error: {info.last_error_message} ({info.last_error_date:%Y-%m-%d %H:%M} UTC)")
        if settings.webhook_url and info.url and info.url != settings.webhook_url:
            lines.append(f"note: WEBHOOK_URL here is {settings.webhook_url}")
        return "\n".join(lines)

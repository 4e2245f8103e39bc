"""The Telegram front-end (python-telegram-bot v22): a thin shell over bot.conversation."""

from .app import build_application, parts

__all__ = ["build_application", "parts"]

"""The answer engine: normalise -> triage -> match -> compose. Pure Python, no Telegram import."""

from bot.engine.answer import Answer
from bot.engine.core import Engine

__all__ = ["Answer", "Engine"]

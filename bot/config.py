"""Settings for `ankle-bot run` and the other front-ends, read from the environment.

Only this module reads environment variables for the bot, so every knob is documented in one place
(the README's Configuration table). The token is kept out of `repr()` so it never ends up in a log line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DEFAULT_DATABASE_URL = "sqlite:///ankle_bot.sqlite3"
MEMORY = ":memory:"
# Telegram's documented broadcast limit is about 30 messages a second overall.
DEFAULT_MESSAGES_PER_SECOND = 30.0


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    token: str | None = field(default=None, repr=False)
    api_base_url: str | None = None
    api_base_file_url: str | None = None
    # What storage opens: an SQLite path ('ankle_bot.sqlite3', ':memory:') or a postgresql:// URL.
    database_path: str = field(default="ankle_bot.sqlite3", repr=False)  # a URL may hold a password
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "0.0.0.0"
    port: int = 8443
    emergency_number: str | None = None
    messages_per_second: float = DEFAULT_MESSAGES_PER_SECOND  # for the whole bot, all workers together
    retry_after_attempts: int = 3
    workers: int = 1  # worker processes sharing the send budget (webhook mode on PostgreSQL)

    @property
    def worker_messages_per_second(self) -> float:
        """This worker's share of the send budget: the budget is split evenly, not coordinated."""
        return self.messages_per_second / self.workers

    # Each chat's own limit (about 1 a second, 20 a minute in groups); tests switch it off to send
    # many messages to one chat quickly. Not read from the environment.
    chat_limits: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        base_url = get("TELEGRAM_API_BASE_URL")
        file_url = get("TELEGRAM_API_BASE_FILE_URL") or (derive_file_url(base_url) if base_url else None)
        return cls(
            token=get("TELEGRAM_BOT_TOKEN"),
            api_base_url=base_url,
            api_base_file_url=file_url,
            database_path=database_path(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            log_level=_log_level(get("LOG_LEVEL") or "INFO"),
            webhook_url=_webhook_url(get("WEBHOOK_URL")),
            webhook_secret=_webhook_secret(get("WEBHOOK_SECRET")),
            webhook_listen=get("WEBHOOK_LISTEN") or "0.0.0.0",
            port=_int("PORT", get("PORT"), default=8443, low=1, high=65535),
            emergency_number=get("EMERGENCY_NUMBER"),
            messages_per_second=_float("MESSAGES_PER_SECOND", get("MESSAGES_PER_SECOND"),
                                       default=DEFAULT_MESSAGES_PER_SECOND),
            workers=_int("WORKERS", get("WORKERS"), default=1, low=1, high=256),
        )

    def require_webhook(self) -> tuple[str, str]:
        """WEBHOOK_URL and the fixed WEBHOOK_SECRET that `ankle-bot webhook set` gave Telegram."""
        if not self.webhook_url:
            raise ConfigError("WEBHOOK_URL is not set (the public https:// URL Telegram posts updates to)")
        if not self.webhook_secret:
            raise ConfigError("WEBHOOK_SECRET is not set: webhook mode needs a fixed secret, the same for "
                              "every worker and for `ankle-bot webhook set` (e.g. the output of "
                              "`openssl rand -hex 32`)")
        return self.webhook_url, self.webhook_secret

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather); "
                              "`ankle-bot chat` runs the bot in the terminal without it.")
        return self.token


def database_path(url: str) -> str:
    """`sqlite:///relative.db` -> 'relative.db'; `sqlite:////abs/x.db` -> '/abs/x.db'; memory stays memory;
    a `postgresql://` (or `postgres://`) URL is passed on as it is, for psycopg."""
    if url.startswith(("postgresql://", "postgres://")):
        if len(url.split("://", 1)[1]) == 0:
            raise ConfigError("DATABASE_URL names no PostgreSQL server: use e.g. "
                              "postgresql://ankle:PASSWORD@db-host/ankle")
        return url
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        scheme = url.split(":", 1)[0] if ":" in url else url
        raise ConfigError(f"DATABASE_URL must be an SQLite URL such as {DEFAULT_DATABASE_URL} "
                          f"or sqlite:////data/ankle_bot.sqlite3, or a PostgreSQL URL such as "
                          f"postgresql://ankle:PASSWORD@db-host/ankle (got scheme {scheme!r})")
    path = url[len(prefix):]
    if not path:
        raise ConfigError("DATABASE_URL names no file: use e.g. sqlite:///ankle_bot.sqlite3")
    return path  # ':memory:', 'relative/path' or '/absolute/path'


def derive_file_url(base_url: str) -> str | None:
    """The file-download URL that goes with a Bot API URL: '.../bot' -> '.../file/bot'.

    A self-hosted Bot API server serves files under /file/bot<token>/ next to /bot<token>/.
    """
    if "{token}" in base_url:
        index = base_url.rfind("/bot{token}")
        if index != -1:
            return base_url[:index] + "/file" + base_url[index:]
    elif base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return None


def _log_level(value: str) -> str:
    level = value.upper()
    if not isinstance(logging.getLevelName(level), int):
        raise ConfigError(f"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR (got {value!r})")
    return level


def _webhook_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise ConfigError(f"WEBHOOK_URL must be a public https:// URL (got {value!r})")
    return value


def _webhook_secret(value: str | None) -> str | None:
    # Telegram accepts 1-256 characters from A-Z, a-z, 0-9, _ and -.
    if value is not None and not (len(value) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-")
                                                            for c in value)):
        raise ConfigError("WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ and - (at most 256 characters)")
    return value


def _int(name: str, value: str | None, *, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number (got {value!r})") from None
    if not low <= number <= high:
        raise ConfigError(f"{name} must be between {low} and {high} (got {number})")
    return number


def _float(name: str, value: str | None, *, default: float) -> float:
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number (got {value!r})") from None
    if number <= 0:
        raise ConfigError(f"{name} must be positive (got {number})")
    return number

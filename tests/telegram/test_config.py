import logging

import pytest

from bot.config import ConfigError, Settings, database_path, derive_file_url
from bot.storage import Storage
from bot.telegram import build_application
from bot.telegram.runner import RedactToken, run

TOKEN = "123456:SECRET-token"


def test_defaults():
    settings = Settings.from_env({})
    assert settings.token is None
    assert settings.database_path == "ankle_bot.sqlite3"
    assert (settings.log_level, settings.webhook_url, settings.api_base_url) == ("INFO", None, None)
    assert settings.messages_per_second == 30


def test_everything_from_the_environment():
    settings = Settings.from_env({
        "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
        "DATABASE_URL": "sqlite:////data/ankle_bot.sqlite3", "LOG_LEVEL": "debug",
        "WEBHOOK_URL": "https://example.org/telegram", "WEBHOOK_SECRET": "s3cret_-", "PORT": "8080",
        "EMERGENCY_NUMBER": "112",
    })
    assert settings.require_token() == TOKEN
    assert settings.api_base_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.database_path == "/data/ankle_bot.sqlite3"
    assert (settings.log_level, settings.port, settings.emergency_number) == ("DEBUG", 8080, "112")


def test_the_token_and_secret_never_appear_in_repr():
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_SECRET": "hush"})
    assert TOKEN not in repr(settings) and "hush" not in repr(settings)


@pytest.mark.parametrize("url, path", [
    ("sqlite:///ankle_bot.sqlite3", "ankle_bot.sqlite3"), ("sqlite:///data/x.db", "data/x.db"),
    ("sqlite:////data/x.db", "/data/x.db"), ("sqlite:///:memory:", ":memory:"),
    ("postgresql://ankle:pw@db/ankle", "postgresql://ankle:pw@db/ankle"),
    ("postgres:///ankle?host=/run/pg", "postgres:///ankle?host=/run/pg"),
])
def test_database_urls(url, path):
    assert database_path(url) == path


@pytest.mark.parametrize("url", ["mysql://db/ankle", "ankle.db", "sqlite://", "sqlite:///", "postgresql://"])
def test_other_database_urls_are_refused_clearly(url):
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        database_path(url)


@pytest.mark.parametrize("env, name", [
    ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"), ({"PORT": "eighty"}, "PORT"), ({"PORT": "70000"}, "PORT"),
    ({"WEBHOOK_URL": "http://example.org/hook"}, "WEBHOOK_URL"), ({"WEBHOOK_SECRET": "no spaces"}, "SECRET"),
])
def test_bad_values_name_the_variable(env, name):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env(env)


def test_missing_token_is_a_one_line_error(monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert run() == 2
    err = capsys.readouterr().err
    assert "TELEGRAM_BOT_TOKEN is not set" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("base, files", [
    ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
    ("https://api.example/custom/bot{token}/x", "https://api.example/custom/file/bot{token}/x"),
    ("https://proxy.example/tg", None),
])
def test_file_url_is_derived_from_the_api_url(base, files):
    assert derive_file_url(base) == files


def test_the_application_talks_to_the_configured_api(storage, tiny_kb, answer):
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"})
    app = build_application(settings, storage=storage, kb=tiny_kb, answer=answer)
    assert app.bot.base_url == f"http://127.0.0.1:8081/bot{TOKEN}"
    assert app.bot.base_file_url == f"http://127.0.0.1:8081/file/bot{TOKEN}"
    assert app.job_queue is not None and app.bot.rate_limiter is not None


def test_log_lines_never_show_the_token():
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "POST %s", (f"https://x/bot{TOKEN}/getMe",),
                               None)
    RedactToken(TOKEN).filter(record)
    assert TOKEN not in record.getMessage() and "<token>" in record.getMessage()


@pytest.mark.parametrize("env, mode", [
    ({}, "polling"),
    ({"WEBHOOK_URL": "https://bot.example.org/tg/hook", "WEBHOOK_SECRET": "abc_DEF-1", "PORT": "8080"},
     "webhook"),
])
def test_run_polls_by_default_and_serves_the_webhook_app_when_configured(monkeypatch, tmp_path, env, mode):
    calls = []

    async def bot_api_is_fine(settings):
        return None

    async def serve(application, settings):
        calls.append(("webhook", settings))

    monkeypatch.setattr("bot.telegram.runner.configure_logging", lambda settings: None)
    monkeypatch.setattr("bot.telegram.runner.check_bot_api", bot_api_is_fine)
    monkeypatch.setattr("bot.telegram.webhook.serve", serve)
    monkeypatch.setattr("telegram.ext.Application.run_polling",
                        lambda self, **kwargs: calls.append(("polling", kwargs)))
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bot.sqlite3")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert run() == 0
    [(called, detail)] = calls
    assert called == mode
    if mode == "polling":
        assert "message" in detail["allowed_updates"] and "callback_query" in detail["allowed_updates"]
    else:
        assert (detail.webhook_secret, detail.port) == ("abc_DEF-1", 8080)


def test_a_second_poller_on_one_database_is_refused_in_one_line(monkeypatch, tmp_path, capsys):
    from bot.database import POLLER

    async def bot_api_is_fine(settings):
        return None

    monkeypatch.setattr("bot.telegram.runner.configure_logging", lambda settings: None)
    monkeypatch.setattr("bot.telegram.runner.check_bot_api", bot_api_is_fine)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.delenv("WEBHOOK_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bot.sqlite3")
    running = Storage(str(tmp_path / "bot.sqlite3"))
    assert running.hold_exclusive(POLLER)  # the first bot
    assert run() == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "another ankle-bot is already polling" in err[0]
    running.close()

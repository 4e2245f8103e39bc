"""Webhook mode: the ASGI app with a fixed secret, a health endpoint, one chat's updates in order
across workers (PostgreSQL), one poller per database, and the `webhook` command."""

import asyncio
import json

import httpx
import pytest

from bot.config import Settings
from bot.database import POLLER
from bot.storage import Storage
from bot.telegram.webhook import SECRET_HEADER, asgi_app

SECRET = "fixed_Secret-123"
WEBHOOK = Settings(token="1:x", webhook_url="https://bot.example.org/tg/hook", webhook_secret=SECRET)


@pytest.fixture
def bot_database(database):
    return database  # SQLite and PostgreSQL


def client(bot) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=asgi_app(bot.app, WEBHOOK)),
                             base_url="http://worker")


async def post(http: httpx.AsyncClient, update: dict, secret: str = SECRET) -> httpx.Response:
    return await http.post("/tg/hook", content=json.dumps(update), headers={SECRET_HEADER: secret})


async def test_an_update_with_the_secret_is_answered_and_one_without_is_refused(bot):
    async with client(bot) as http:
        assert (await post(http, bot.updates.text("how many reps"), secret="guess")).status_code == 403
        assert bot.api.sent("sendMessage") == []
        assert (await post(http, bot.updates.text("how many reps"))).status_code == 200
        assert "10-15 reps" in bot.api.sent("sendMessage")[0].text
        health = await http.get("/healthz")
    assert health.status_code == 200 and health.json()["ok"] is True


async def test_one_chats_updates_stay_in_order_across_two_workers(make_bot, bot_database):
    if "://" not in bot_database:
        pytest.skip("one process per SQLite file: there is no second worker")
    first, second = await make_bot(bot_database), await make_bot(bot_database)
    gate, held = asyncio.Event(), asyncio.Event()

    async def slow_first_reply(call):
        if call.method == "sendMessage" and "first" in call.text:
            held.set()
            await gate.wait()  # a slow Bot API round trip for the first update

    first.api.before_answer = slow_first_reply
    async with client(first) as http_a, client(second) as http_b:
        one = asyncio.create_task(post(http_a, first.updates.text("first question")))
        await held.wait()
        two = asyncio.create_task(post(http_b, second.updates.text("second question")))
        other = await post(http_b, second.updates.text("another person", user_id=2))
        assert other.status_code == 200  # another chat is not held up
        await asyncio.sleep(0.3)
        assert second.api.sent("sendMessage", chat_id=1) == []  # the same chat waits for its turn
        gate.set()
        assert (await one).status_code == 200 and (await two).status_code == 200
    assert "second" in second.api.sent("sendMessage", chat_id=1)[0].text


def test_one_poller_per_database(database):
    first, second = Storage(database), Storage(database)
    assert first.hold_exclusive(POLLER)
    assert not second.hold_exclusive(POLLER)
    first.close()  # the first process ends (however it ends): the role is free again
    third = Storage(database)
    assert third.hold_exclusive(POLLER)
    second.close()
    third.close()


def test_webhook_mode_needs_a_fixed_secret(monkeypatch, capsys):
    from bot.telegram.runner import run

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/tg/hook")
    monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    assert run() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "WEBHOOK_SECRET is not set" in err[0]


def test_the_webhook_command_sets_shows_and_deletes_the_webhook(monkeypatch, capsys):
    from telegram import Bot

    from bot.telegram import webhook_admin
    from bot.telegram.fake_api import FakeBotAPI

    api = FakeBotAPI()
    monkeypatch.setattr(webhook_admin, "Bot", lambda token, **kw: Bot(token, request=api, **kw))
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/tg/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    assert webhook_admin.webhook_command("set") == 0
    [call] = api.sent("setWebhook")
    assert call.params["url"] == "https://bot.example.org/tg/hook" and call.params["secret_token"] == SECRET
    assert webhook_admin.webhook_command("info") == 0
    assert "url: https://bot.example.org/tg/hook" in capsys.readouterr().out
    assert webhook_admin.webhook_command("delete") == 0 and api.webhook_url == ""

"""Every button through the real Application: the press is always acknowledged, then answered."""

import pytest

from bot.conversation.learn import STALE


def texts(calls, method="sendMessage") -> str:
    return "\n".join(c.text for c in calls if c.method == method)


async def _prepare(bot):
    """A user with a stage, a reminder and one answered question (ids 1)."""
    await bot.press("stage:strengthening")
    await bot.command("remind", "07:30")
    await bot.text("how many reps")


@pytest.mark.parametrize("data, method, expected", [
    ("ex:band-eversion", "sendMessage", "1. Band eversion step one."),
    ("cat:strength", "editMessageText", "Strength: tap an exercise"),
    ("cat:", "editMessageText", "Pick a category"),
    ("stage:return-to-sport", "sendMessage", "Your stage is now Return to sport"),
    ("stage", "sendMessage", "Pick a stage"),
    ("routine", "sendMessage", "Today's routine: Strengthening"),
    ("done:routine", "sendMessage", "I've recorded today's session"),
    ("done:reminder", "sendMessage", "I've recorded today's session"),
    ("topic:fracture:1", "sendMessage", "Follow your fracture plan."),
    ("tz:Europe/Berlin", "sendMessage", "Time zone set to Europe/Berlin"),
    ("remind:18:00", "sendMessage", "Reminder set: 18:00 every day"),
    ("rem:cancel:1", "sendMessage", "Reminder at 07:30 cancelled"),
    ("snooze:1", "sendMessage", "OK, I'll remind you again at 12:30"),
    ("forget:yes", "editMessageText", "everything I stored about you has been deleted"),
    ("forget:no", "editMessageText", "nothing was deleted"),
])
async def test_each_button_is_acknowledged_then_answered(bot, data, method, expected):
    await _prepare(bot)
    calls = await bot.press(data)
    assert calls[0].method == "answerCallbackQuery"
    assert expected in texts(calls, method)
    if method == "editMessageText":
        assert calls[1].params["message_id"] == 777  # the message whose button was pressed


@pytest.mark.parametrize("vote, toast", [("up", "Thanks for the feedback!"), ("down", "Thanks, noted")])
async def test_feedback_is_a_toast_not_a_message(bot, vote, toast):
    await _prepare(bot)
    calls = await bot.press(f"fb:{vote}:1")
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"].startswith(toast)
    assert bot.parts.storage.feedback_for(1) == [vote]


@pytest.mark.parametrize("data", ["nonsense", "ex:gone", "fb:up:abc", "tz:Mars/Base", "x" * 64])
async def test_stale_buttons_get_a_friendly_reply(bot, data):
    calls = await bot.press(data)
    assert calls[0].method == "answerCallbackQuery"
    assert STALE in texts(calls)


async def test_an_edit_telegram_refuses_becomes_a_new_message(bot):
    bot.api.fail("editMessageText", "bad_request")
    calls = await bot.press("cat:strength")
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText", "sendMessage"]
    assert "Strength: tap an exercise" in texts(calls)

"""Free text, non-text messages, long replies, attachments and errors, through the real Application."""

import pytest

from bot.conversation import Button, Document, Reply
from bot.engine import Answer
from bot.telegram.handlers import SORRY
from bot.telegram.send import MAX_TEXT, deliver, split_text


def texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method == "sendMessage")


async def test_a_question_gets_the_answer_with_exercise_and_feedback_buttons(bot):
    calls = await bot.text("how many reps?")
    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].text.startswith("Do 10-15 reps.")
    assert calls[0].button_data == ["ex:heel-raise", "ex:band-eversion", "fb:up:1", "fb:down:1"]


async def test_an_emergency_answer_has_no_keyboard(bot):
    calls = await bot.text("emergency, my foot is blue")
    assert calls[0].text == "EMERGENCY: call 999 now."
    assert "reply_markup" not in calls[0].params


@pytest.mark.parametrize("kind", ["photo", "sticker", "voice", "location", "document", "video"])
async def test_non_text_messages_get_a_short_friendly_reply(bot, kind):
    calls = await bot.send(bot.updates.other(kind))
    assert len(calls) == 1 and "questions typed in words" in calls[0].text


async def test_emoji_only_text_is_explained(bot):
    assert "emoji" in texts(await bot.text("👍😀"))


async def test_a_megabyte_of_text_is_answered(bot):
    calls = await bot.text("x" * 1_000_000)
    assert calls and calls[0].text.startswith("Do 10-15 reps.")


async def test_long_replies_are_split_below_telegrams_limit_with_buttons_on_the_last_part(make_bot):
    long_reply = ("A long paragraph. " * 300 + "\n\n") * 3
    bot = await make_bot(answer_fn=lambda text: Answer("none", "reps", (), (), long_reply))
    calls = await bot.text("tell me everything")
    assert len(calls) > 1 and all(len(c.text) <= MAX_TEXT for c in calls)
    assert [bool(c.button_data) for c in calls] == [False] * (len(calls) - 1) + [True]


def test_split_text_keeps_every_word():
    text = "\n\n".join(f"para {n} " + "word " * 500 for n in range(10))
    pieces = split_text(text, limit=1000)
    assert all(len(p) <= 1000 for p in pieces)
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())
    assert split_text("y" * 2500, limit=1000) == ["y" * 1000, "y" * 1000, "y" * 500]


async def test_photo_and_document_replies_are_uploaded(bot):
    replies = [Reply("Your last 4 weeks", photo=b"\x89PNG fake"),
               Reply("Report for your physio", document=Document("report.csv", b"date,pain\n"))]
    await deliver(bot.app.bot, 1, replies)
    photo, document = bot.api.sent("sendPhoto")[0], bot.api.sent("sendDocument")[0]
    assert photo.params["caption"] == "Your last 4 weeks"
    assert document.params["caption"] == "Report for your physio"
    assert any(part[0] == "report.csv" for part in document.files.values())


async def test_an_internal_error_gets_a_polite_reply_not_silence(bot, caplog):
    calls = await bot.text("boom")
    assert texts(calls) == SORRY
    assert "scripted engine failure" in caplog.text


async def test_a_failed_button_still_stops_the_spinner(bot, monkeypatch):
    def broken(caller, data):
        raise RuntimeError("broken button")
    monkeypatch.setattr(bot.parts.conversation, "handle_button", broken)
    calls = await bot.press("routine")
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert calls[1].text == SORRY


async def test_user_who_blocked_the_bot_while_it_answered_loses_their_reminders(bot):
    await bot.command("remind", "07:30")
    bot.api.fail("sendMessage", "forbidden")
    await bot.text("how many reps")
    assert bot.parts.storage.reminders_for(1) == []


async def test_the_front_end_strips_exercise_buttons_a_handler_put_under_an_urgent_reply(bot):
    # A handler that forgot the policy: the front-end applies it as its last step.
    reply = Reply("get seen today", ((Button("📋 Heel raise", "ex:heel-raise"), Button("👍", "fb:up:1")),),
                  level="urgent")
    await deliver(bot.app.bot, 1, [reply])
    assert bot.api.calls[-1].button_data == ["fb:up:1"]


async def test_the_front_end_sends_an_emergency_reply_without_any_button(bot):
    await deliver(bot.app.bot, 1, [Reply("call now", ((Button("👍", "fb:up:1"),),), level="emergency")])
    assert "reply_markup" not in bot.api.calls[-1].params

"""The stored "what the bot is waiting for" state, through the real Application: a typed pain score or
yes/no answers the open question, but only after triage; it survives a restart, expires, and /forget
clears it."""

import pytest
from test_progress import buttons, history, texts


def awaited(bot, user_id=1, chat_id=None):
    return bot.parts.storage.get_awaiting(user_id, chat_id or user_id)


async def test_done_stores_the_pain_question_and_a_typed_score_answers_it(bot):
    history(bot)
    await bot.press("done:routine")
    row = awaited(bot)
    assert (row.question, row.subject) == ("pain", "1")
    calls = await bot.text("3")
    assert "Noted: pain 3/10 today." in texts(calls)
    assert bot.parts.storage.get_session(1).pain == 3
    assert awaited(bot) is None  # answered: a later "3" is a new message
    assert bot.parts.storage.count_rows(1)["questions"] == 0  # an answer is not filed as a question


@pytest.mark.parametrize("typed, pain", [("7/10", 7), ("pain 2", 2), ("about a 5.", 5), ("0", 0),
                                         ("10 out of 10", 10)])
async def test_typed_scores_in_the_ways_people_write_them(bot, typed, pain):
    history(bot)
    await bot.press("done:routine")
    await bot.text(typed)
    assert bot.parts.storage.get_session(1).pain == pain


async def test_an_emergency_typed_instead_of_a_score_gets_the_emergency_answer(bot):
    history(bot)
    await bot.press("done:routine")
    calls = await bot.text("emergency, my foot is blue")
    assert texts(calls) == "EMERGENCY: call 999 now."
    assert bot.parts.storage.get_session(1).pain is None  # nothing was filed as a score
    assert awaited(bot).question == "pain"  # still waiting for the score, by button or typed


async def test_a_score_outside_0_to_10_is_explained_and_asked_again(bot):
    history(bot)
    await bot.press("done:routine")
    calls = await bot.text("12")
    assert "Pain is scored from 0 to 10, so I can't store 12." in texts(calls)
    assert "pain:1:0" in buttons(calls)
    assert bot.parts.storage.get_session(1).pain is None


async def test_a_question_while_waiting_is_answered_as_a_question_and_the_wait_stays(bot):
    history(bot)
    await bot.press("done:routine")
    calls = await bot.text("how many reps?")
    assert texts(calls).startswith("Do 10-15 reps.")
    await bot.text("4")
    assert bot.parts.storage.get_session(1).pain == 4


async def test_a_number_is_a_new_message_when_nothing_is_awaited_or_the_wait_expired(bot, clock):
    calls = await bot.text("3")
    assert texts(calls).startswith("Do 10-15 reps. (3)")
    history(bot)
    await bot.press("done:routine")
    clock.advance(hours=7)
    calls = await bot.text("3")
    assert texts(calls).startswith("Do 10-15 reps. (3)")
    assert bot.parts.storage.get_session(1).pain is None


async def test_the_button_answer_ends_the_wait_too(bot):
    history(bot)
    await bot.press("done:routine")
    await bot.press("pain:1:2")
    assert awaited(bot) is None or awaited(bot).question != "pain"


async def test_the_wait_survives_a_restart(make_bot, tmp_path):
    db = str(tmp_path / "shared.sqlite3")
    first = await make_bot(db)
    history(first)
    await first.press("done:routine")
    second = await make_bot(db)
    await second.text("6")
    assert second.parts.storage.get_session(1).pain == 6


async def test_a_typed_yes_or_no_answers_the_settled_question_of_a_reminder(bot, clock):
    await bot.command("remind", "07:30")
    history(bot)
    await bot.press("done:routine")
    await bot.press("pain:1:4")
    clock.set("2025-03-11T07:30:00+00:00")
    assert await bot.parts.reminders.send_all_due() == 1
    assert (awaited(bot).question, awaited(bot).subject) == ("settled", "1")
    calls = await bot.text("No, still sore")
    assert "had not settled by the next morning" in texts(calls)
    assert bot.parts.storage.get_session(1).settled_by_morning is False


async def test_forget_clears_the_wait(bot):
    history(bot)
    await bot.press("done:routine")
    await bot.press("forget:yes")
    assert awaited(bot) is None
    calls = await bot.text("3")
    assert texts(calls).startswith("Do 10-15 reps. (3)")


async def test_in_a_group_the_wait_is_the_askers_own(bot):
    group = -1001234567890
    history(bot)
    await bot.press("done:routine", chat_id=group)
    assert awaited(bot, 1, group).question == "pain"
    await bot.text("@AnkleTestBot 5", user_id=2, chat_id=group)  # someone else's number
    assert bot.parts.storage.get_session(1).pain is None
    await bot.text("@AnkleTestBot 5", chat_id=group)
    assert bot.parts.storage.get_session(1).pain == 5

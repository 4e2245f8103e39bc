"""Issue 14, awaited answers, through the real Application with the real knowledge base and engine:

- a bare "no" ("not really", "not really no", "nah") typed to a yes/no question (had it settled?, a
  safety-check question, the profile's consent) is that answer: the learned safety net, which raises
  "not really" on its own, does not turn it into an urgent reply; an emergency typed instead still
  gets the emergency reply;
- one waiting slot: a safety check asked after Done takes the slot of the pain question; a "3" typed
  meanwhile is stored as today's pain score, not misread as the check's answer, and a pain question
  still open when the check ends is asked again.

The clock is the shared fake: Monday 10 March 2025, 12:00 UTC.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_progress import buttons, texts

from bot.conversation import waiting
from bot.conversation.safety_check import AGAIN, NOTHING_FOUND
from bot.engine import Engine
from bot.knowledge import load_default

TODAY = date(2025, 3, 10)
URGENT = "Please get this checked today"
EMERGENCY = "This could be an emergency"
SURGERY = "had ankle surgery 2 weeks ago, which exercises are safe"  # every worrying answer is "yes"
INJURY = "twisted my ankle yesterday, which exercises should I do?"


@pytest.fixture
async def real_bot(make_bot):
    return await make_bot(kb=load_default(), answer_fn=Engine.default().answer)


def yesterdays_session(bot, pain: int = 5) -> int:
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    storage.set_stage(1, "strengthening", TODAY - timedelta(days=30))
    return storage.record_session(1, TODAY - timedelta(days=1), "routine", pain)


@pytest.mark.parametrize("typed", ["not really", "Not really, no.", "not really no", "nah", "nah not really"])
async def test_a_bare_no_answers_had_it_settled(real_bot, typed):
    session = yesterdays_session(real_bot)
    asked = await real_bot.command("routine")
    assert "settle by the next morning?" in texts(asked)
    calls = await real_bot.text(typed)
    assert "had not settled by the next morning" in texts(calls)
    assert URGENT not in texts(calls)
    assert real_bot.parts.storage.get_session(session).settled_by_morning is False


async def test_an_emergency_typed_instead_of_the_settled_answer_still_gets_the_emergency_reply(real_bot):
    session = yesterdays_session(real_bot)
    await real_bot.command("routine")
    calls = await real_bot.text("my foot is ice cold and white and I can't feel it")
    assert EMERGENCY in texts(calls) and buttons(calls) == []
    storage = real_bot.parts.storage
    assert storage.get_session(session).settled_by_morning is None  # nothing stored...
    assert storage.get_awaiting(1, 1).question == waiting.SETTLED  # ...and the question stays open
    calls = await real_bot.text("not really")
    assert storage.get_session(session).settled_by_morning is False


async def test_a_symptom_typed_to_the_settled_question_is_not_read_as_no(real_bot):
    session = yesterdays_session(real_bot)
    await real_bot.command("routine")
    calls = await real_bot.text("not really, my calf is hot and swollen and red")
    assert URGENT in texts(calls)
    assert real_bot.parts.storage.get_session(session).settled_by_morning is None


async def test_bare_noes_answer_the_safety_questions(real_bot):
    calls = await real_bot.text(SURGERY)
    assert "1/3." in texts(calls)
    for typed, shown in (("not really", "2/3."), ("not really no", "3/3.")):
        calls = await real_bot.text(typed)
        assert shown in texts(calls) and URGENT not in texts(calls) and AGAIN not in texts(calls)
    calls = await real_bot.text("nah")
    assert NOTHING_FOUND in texts(calls) and URGENT not in texts(calls)
    [row] = [r for r in [real_bot.parts.storage.latest_safety_check(1, "after-surgery-or-in-a-cast")] if r]
    assert row.answers == {"calf": False, "breath": False, "toes": False} and row.said == ()


async def test_an_emergency_typed_to_a_safety_question_still_gets_the_emergency_reply(real_bot):
    await real_bot.text(SURGERY)
    calls = await real_bot.text("not really but I can't breathe and my chest hurts")
    assert EMERGENCY in texts(calls) and buttons(calls) == []


async def test_not_really_declines_the_injury_profile(real_bot):
    await real_bot.command("profile")
    calls = await real_bot.text("not really")
    assert URGENT not in texts(calls)
    assert real_bot.parts.storage.get_profile(1) is None
    assert real_bot.parts.storage.get_awaiting(1, 1) is None


# ---------------------------------------------------------------- one waiting slot


async def test_done_then_a_safety_check_then_3_stores_the_pain_score(real_bot):
    storage = real_bot.parts.storage
    await real_bot.press("stage:strengthening")
    done = await real_bot.press("done:routine")
    assert "How much did the exercises hurt today?" in texts(done)
    check = await real_bot.text(INJURY)
    assert "1/3." in texts(check)
    assert storage.get_awaiting(1, 1).question == waiting.CHECK  # the slot is the check's now
    calls = await real_bot.text("3")
    assert "Noted: pain 3/10 today" in texts(calls)
    assert AGAIN not in texts(calls) and "1/3." in texts(calls)  # the check question again, not "unclear"
    [today] = storage.sessions_on(1, TODAY)
    assert today.pain == 3
    row = storage.latest_safety_check(1, "after-a-twist-or-fall")
    assert row.answers == {} and row.unclear == 0  # the "3" was no answer to the check
    for typed in ("yes", "no", "no"):
        calls = await real_bot.text(typed)
    assert NOTHING_FOUND in texts(calls)
    assert "How much did the exercises hurt" not in texts(calls)  # answered already: not asked again


async def test_a_pain_question_the_check_replaced_is_asked_again_when_it_ends(real_bot):
    storage = real_bot.parts.storage
    await real_bot.press("stage:strengthening")
    await real_bot.press("done:routine")
    await real_bot.text(INJURY)
    for typed in ("yes", "no", "no"):
        calls = await real_bot.text(typed)
    assert NOTHING_FOUND in texts(calls)
    assert "How much did the exercises hurt today?" in texts(calls)
    assert storage.get_awaiting(1, 1).question == waiting.PAIN
    calls = await real_bot.text("4")
    assert "Noted: pain 4/10 today" in texts(calls)
    assert storage.sessions_on(1, TODAY)[0].pain == 4


async def test_skipping_the_check_asks_the_replaced_pain_question_again(real_bot):
    await real_bot.press("stage:strengthening")
    await real_bot.press("done:routine")
    await real_bot.text(INJURY)
    calls = await real_bot.text("skip")
    assert "How much did the exercises hurt today?" in texts(calls)

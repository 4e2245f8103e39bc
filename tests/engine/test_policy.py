"""The safety policy: what an escalated reply may carry. Each test fails when the policy is weakened."""

import pytest

from bot.conversation import Button, Reply
from bot.conversation.safety import enforce
from bot.engine import Engine
from bot.engine.policy import allowance, escalation_text
from bot.knowledge import load_default

EXERCISE_QUESTION = "how do I do the ankle alphabet?"
URGENT_STORY = "I twisted my ankle yesterday and I cannot take four steps on it. "
EMERGENCY_STORY = "My chest hurts and I cannot breathe since my ankle operation. "


@pytest.fixture(scope="module")
def engine():
    return Engine(load_default())


def test_an_emergency_reply_may_carry_nothing_but_the_escalation():
    allowed = allowance("emergency")
    assert not allowed.answer_text and not allowed.exercises and not allowed.buttons


def test_an_urgent_reply_carries_no_exercise_and_no_topic_text_but_may_offer_buttons():
    allowed = allowance("urgent")
    assert not allowed.exercises and not allowed.answer_text and allowed.buttons


@pytest.mark.parametrize("level", ["none", "routine"])
def test_routine_and_plain_answers_carry_everything(level):
    allowed = allowance(level)
    assert allowed.answer_text and allowed.exercises and allowed.buttons


def test_an_unknown_level_is_treated_as_an_emergency():
    assert allowance("severe") == allowance("emergency")


def test_the_exercise_question_alone_is_answered_with_its_instructions(engine):
    # The control: without a red flag the same question does get the exercise.
    answer = engine.answer(EXERCISE_QUESTION)
    assert answer.triage == "none" and "ankle-alphabet" in answer.exercises and "Steps:" in answer.reply


def test_an_urgent_exercise_question_gets_no_instructions(engine):
    answer = engine.answer(URGENT_STORY + EXERCISE_QUESTION)
    assert answer.triage == "urgent"
    assert answer.exercises == ()
    assert "Steps:" not in answer.reply and "Ankle alphabet" not in answer.reply
    assert "rest from the exercises" in answer.reply


def test_an_emergency_exercise_question_gets_only_the_escalation(engine):
    kb = engine.kb
    answer = engine.answer(EMERGENCY_STORY + EXERCISE_QUESTION)
    assert answer.triage == "emergency" and answer.exercises == () and answer.topic is None
    opening = escalation_text(kb.red_flags, "emergency")
    assert answer.reply.startswith(opening)
    assert all(line.startswith("•") for line in answer.reply[len(opening):].split("\n") if line)


def test_escalation_text_names_the_number_and_the_reasons():
    red_flags = load_default().red_flags
    text = escalation_text(red_flags, "urgent", ["A reason."], emergency_number="000")
    assert "000" in text and text.endswith("\n• A reason.")
    assert escalation_text(red_flags, "none", ["ignored"]) == ""


EXERCISE = Button("📋 Ankle alphabet", "ex:ankle-alphabet")
ROUTINE = Button("Today's routine", "routine")
FEEDBACK = Button("👍 Helpful", "fb:up:1")


def test_enforce_strips_exercise_buttons_from_an_urgent_reply():
    reply = enforce(Reply("urgent", ((EXERCISE,), (ROUTINE, FEEDBACK)), level="urgent"))
    assert reply.buttons == ((FEEDBACK,),)


def test_enforce_strips_every_button_from_an_emergency_reply():
    assert enforce(Reply("call now", ((FEEDBACK,),), level="emergency")).buttons == ()


def test_enforce_leaves_a_plain_reply_alone():
    reply = Reply("answer", ((EXERCISE, FEEDBACK),))
    assert enforce(reply) == reply

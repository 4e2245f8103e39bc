"""The intent reader alone (pure): requests it must not take from ordinary questions."""

import pytest

from bot.conversation import intents


@pytest.mark.parametrize("text", [
    "I sprained my ankle yesterday, what should I do?",
    "which exercises should I do after a sprain?",
    "should I do my exercises if it hurts a lot?",
    "how many reps should I do?",
    "what should I do if the swelling comes back",
])
def test_ordinary_questions_are_left_to_the_engine(text):
    assert intents.read(text) is None


@pytest.mark.parametrize("text, kind", [
    ("what should I do today?", intents.ROUTINE),
    ("I did my exercises", intents.LOG),
    ("I didn't do my exercises", intents.UNCLEAR),
    ("stop the reminders", intents.STOP),
    ("don't stop the reminders", intents.UNCLEAR_REMINDER),
])
def test_requests(text, kind):
    assert intents.read(text).kind == kind

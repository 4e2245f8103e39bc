"""The stored injury profile joins the facts of a message (bot/engine/facts.py): it fills the injury and
its time when the message states none, what the message states wins, it never speaks for someone else,
and a cast or boot limits the exercises offered to early mobility."""

import pytest

from bot.engine import Engine
from bot.engine.facts import Known
from bot.knowledge import load_default

KB = load_default()
FRACTURE_IN_BOOT = Known(injury="fracture", since_days=35, in_cast=True)
OLD_SPRAIN = Known(injury="sprain", since_days=700)


@pytest.fixture(scope="module")
def engine():
    return Engine.default()


def test_the_profile_fills_the_phase_when_the_message_states_no_time(engine):
    alone = engine.answer("when can I run again?")
    assert not any(f.startswith("since") for f in alone.facts)
    filled = engine.answer("when can I run again?", OLD_SPRAIN)
    assert "since: about 1.92 year(s) (phase years)" in filled.facts and "injury: sprain" in filled.facts


def test_what_the_message_states_wins_over_the_profile(engine):
    answer = engine.answer("I sprained it 2 days ago, when can I run again?", OLD_SPRAIN)
    assert "since: about 2 day(s) (phase first-days)" in answer.facts
    assert answer.exercises == ()  # nothing beyond early mobility in the first days
    # Another injury than the stored one: the stored time is not its time.
    other = engine.answer("I broke my ankle, when can I run again?", OLD_SPRAIN)
    assert "injury: fracture" in other.facts and not any(f.startswith("since") for f in other.facts)


def test_the_profile_never_speaks_for_someone_else(engine):
    answer = engine.answer("my son hurt his ankle, when can he run again?", FRACTURE_IN_BOOT)
    assert "about: child" in answer.facts
    assert not any(f.startswith("since") or "cast" in f for f in answer.facts)


@pytest.mark.parametrize("text", ["when can I run again?", "what exercises help my balance?",
                                  "how do I get my calf stronger?", "how many reps should I do?"])
def test_in_a_cast_or_boot_only_early_mobility_exercises_are_offered(engine, text):
    answer = engine.answer(text, FRACTURE_IN_BOOT)
    assert "in a cast or boot (profile)" in answer.facts
    for exercise_id in answer.exercises:
        assert "early-mobility" in KB.exercises[exercise_id].stages, exercise_id


def test_an_exercise_asked_about_in_a_cast_says_to_wait_for_the_team(engine):
    answer = engine.answer("how do I do heel raises?", FRACTURE_IN_BOOT)
    assert "You are still in a cast or boot: this one comes later" in answer.reply
    allowed = engine.answer("how do I do ankle pumps?", FRACTURE_IN_BOOT)
    assert "only if your team has said you may move the ankle" in allowed.reply


def test_the_cast_limit_changes_what_is_offered(engine):
    free = engine.answer("how do I get my calf stronger?")
    limited = engine.answer("how do I get my calf stronger?", FRACTURE_IN_BOOT)
    assert any("early-mobility" not in KB.exercises[e].stages for e in free.exercises)
    assert limited.exercises and set(limited.exercises) < set(free.exercises)

"""Lay wording the red-flag rules used to miss (issue 8, first red-team batch), in general forms.

Each message is written here in its own words: the shape of the wording that was missed (a number off a
watch, a calf symptom a few words after "calf", a step in the ankle...), not a red-team message.
"""

from __future__ import annotations

import re

import pytest

from bot.engine import Engine
from bot.knowledge import level_rank


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default("rules")


AT_LEAST = [
    # A resting heart rate read off a watch, breathing "not normal", with a boot on.
    ("in a walking boot for a broken ankle, my pulse is 128 on my watch while lying in bed", "emergency"),
    ("my breathing doesnt feel right since lunch and im in a cast", "emergency"),
    # Spanish breathlessness and chest pain.
    ("llevo una bota por el tobillo y no puedo respirar bien", "emergency"),
    ("tengo la bota y me duele mucho el pecho", "emergency"),
    # Something sticking out, a few words before "bone".
    ("fell hiking and theres something poking out that i think is bone", "emergency"),
    # A foot facing backwards, a step in the ankle, the leg moved over.
    ("after the crash his foot is facing the back and he is screaming", "emergency"),
    ("theres an odd step in my ankle now, like the shin has shifted sideways", "emergency"),
    # Cold named before the colour.
    ("my toes went suddenly freezing and mottled grey after the band work", "emergency"),
    # The big toe stretched: agony (compartment syndrome after a fixation).
    ("plated yesterday, if anyone stretches my big toe its absolute agony", "emergency"),
    # Weight bearing: "cannot put any weight", "only two steps and then stop", "hasnt been able to".
    ("went over on it at football and i cannot put any weight", "urgent"),
    ("i can manage only two steps before i have to sit down", "urgent"),
    ("my dad hasnt been able to stand on it since he tripped", "urgent"),
    # Bone tenderness in lay words.
    ("there is one sore spot on the bone just above my little toe", "urgent"),
    ("if i push on the knobbly bit on the inside of my ankle i actually yelp", "urgent"),
    # A calf symptom a few words after "calf", after an operation, a cast or a flight.
    ("had my ankle operated last week and my calf on that side is really throbbing", "urgent"),
    ("long flight home on sunday, now the calf of my left leg has got big", "urgent"),
    # Objects down a cast; a temperature written as a number.
    ("my son keeps pushing pencils down his cast to scratch", "urgent"),
    # After an Achilles repair: a new dent above the scar, and not pushing the toe down.
    ("six weeks after achilles repair and i can see a dent above the scar", "urgent"),
    ("slipped in the boot and since this morning i cannot point my toe down", "urgent"),
    # Redness over the metalwork.
    ("theres a hot red patch right over one of the screw heads", "urgent"),
    # Counted sprains.
    ("this is the third time since christmas that my ankle has rolled on the kerb", "routine"),
]


@pytest.mark.parametrize(
    ("text", "level"), AT_LEAST, ids=[re.sub(r"\W+", "-", t)[:50] for t, _ in AT_LEAST]
)
def test_lay_wording_reaches_its_level(engine, text, level):
    answer = engine.answer(text)
    assert level_rank(answer.triage) >= level_rank(level), (answer.triage, answer.red_flags)


NOT = [
    "my breathing is normal and my pulse is 64 sitting down",
    "i have a cold and my ankle is a bit stiff, which exercises today",
    "i can walk on it fine, how many reps of heel raises",
    "is the blue band or the green band better for my calf",
]


@pytest.mark.parametrize("text", NOT, ids=[re.sub(r"\W+", "-", t)[:50] for t in NOT])
def test_plain_messages_stay_plain(engine, text):
    answer = engine.answer(text)
    assert answer.triage == "none", (answer.triage, answer.red_flags)


# A fracture or operation named only as past does not raise a rehab question to "see your surgeon";
# named as now (or with no time), it still does.
FLOOR = [
    ("years ago i had an operation on my ankle, which balance exercises are good", "none"),
    ("as a teenager i broke my ankle, which balance exercises are good", "none"),
    ("i had an operation on my ankle last month, which balance exercises are good", "routine"),
    ("i broke my ankle, which balance exercises are good", "routine"),
]


@pytest.mark.parametrize(("text", "level"), FLOOR, ids=[re.sub(r"\W+", "-", t)[:50] for t, _ in FLOOR])
def test_a_past_fracture_or_operation_keeps_no_topic_floor(engine, text, level):
    assert engine.answer(text).triage == level


def test_a_racing_heart_during_drills_is_effort(engine):
    text = "my heart was pounding during the agility drills, how many sets next week"
    assert engine.answer(text).triage == "none"
    # ...but not at rest with a cast on.
    assert engine.answer("my heart is pounding and i am in a cast").triage == "emergency"


def test_a_colour_change_that_was_pink_again_is_resolved(engine):
    # An emergency-class finding that has passed still needs a check today: one step lower, not gone.
    answer = engine.answer("my toes went blue and cold while i sat on them, pink again now")
    assert answer.triage in ("urgent", "routine"), answer.triage

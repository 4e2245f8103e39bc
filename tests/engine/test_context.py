"""Context modifiers (knowledge/context.yaml, bot/engine/context.py): what a finding means where it stands.

Each modifier has messages that show it, and the safety limits it must keep: a past or passed
emergency-class finding still needs a same-day check, a past clot or fracture is a risk factor, an
imagined red flag gets the advice for when it happens, and someone writing about another person
describes a current finding.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.context import CURRENT, HISTORICAL, HYPOTHETICAL, RESOLVED
from bot.knowledge import load_default


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The rules alone: these tests are about what the rules decide. The learned safety net may only
    raise a level (tests/engine/test_safety_net.py), so a test of a lower bound holds with it too."""
    return Engine(load_default())


def _modifiers(engine: Engine, text: str) -> dict[str, str]:
    return {f.concept: f.modifier for f in engine.triage.assess(engine.parser.parse(text)).findings}


@pytest.mark.parametrize(
    ("text", "concept", "modifier"),
    [
        ("had a clot in my leg years ago", "calf_swollen_hot", HISTORICAL),
        ("my calf was swollen and hot last year", "calf_swollen_hot", HISTORICAL),
        ("what if my calf swells on the flight?", "calf_swollen_hot", HYPOTHETICAL),
        ("what if my toes go numb in the cast", "numb", HYPOTHETICAL),
        ("how do i know if my toes are numb from the cast", "numb", CURRENT),  # asked by people who are
        ("my foot goes numb for a minute every time i stand up", "numb", CURRENT),  # it keeps coming back
        ("my calf is swollen from the clot i had last year", "calf_swollen_hot", CURRENT),
        ("since my surgery last year my calf has been swollen", "calf_swollen_hot", CURRENT),
        ("my foot went numb for a minute", "numb", RESOLVED),
        ("the numbness has gone", "numb", RESOLVED),
        ("my foot is numb", "numb", CURRENT),
    ],
)
def test_modifier_of_a_finding(engine, text, concept, modifier):
    assert _modifiers(engine, text).get(concept) == modifier


@pytest.mark.parametrize(
    "text",
    [
        "no numbness at all, just stiff",  # negated
        "my phone is broken so sorry for the typos, how many reps",  # something else
        "i broke my phone screen yesterday",
        "the plaster on the wall fell down",
        "a cold drink after the exercises",
    ],
)
def test_negated_and_something_else_findings_drop_out(engine, text):
    assert engine.triage.assess(engine.parser.parse(text)).level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "i had chest pain after the op but its gone now",
        "was short of breath yesterday after the surgery, its fine now",
        "years ago i had a clot in my lung and now my chest hurts a bit",
    ],
)
def test_passed_emergency_findings_still_need_a_same_day_check(engine, text):
    assert engine.answer(text).triage in ("urgent", "emergency")


def test_historical_lowers_by_one_step_at_most(engine):
    result = engine.triage.assess(engine.parser.parse("i coughed up blood last year"))
    assert result.level == "urgent"
    assert ("possible-pulmonary-embolism", "emergency") in result.lowered


def test_a_new_finding_after_a_past_one_is_current(engine):
    assert engine.answer("had a clot years ago and now my calf is swollen and hot").triage == "urgent"


def test_a_past_fracture_or_operation_is_a_risk_factor(engine):
    # The operation was long ago, the calf pain is now: calf pain with a risk factor is a DVT check.
    assert "possible-dvt" in engine.answer("had an operation years ago, my calf hurts a lot").red_flags


def test_imagined_red_flags_get_advice_not_an_alarm(engine):
    answer = engine.answer("what if my calf swells on the flight?")
    assert answer.triage == "routine"
    assert "If it happens:" in answer.reply
    emergency = engine.answer("what should i do if i get short of breath after the operation")
    assert emergency.triage == "routine"
    assert "straight away" in emergency.reply


@pytest.mark.parametrize(
    "text",
    [
        "my son cant put any weight on his ankle after football",
        "my mum is short of breath since her ankle operation",
        "my patient has a cold white foot under the cast",
    ],
)
def test_someone_elses_finding_counts_as_current(engine, text):
    assert engine.answer(text).triage in ("urgent", "emergency")


def test_breathlessness_from_hard_sport_is_not_a_flag(engine):
    assert engine.answer("i get breathless after hard sprint intervals").triage == "none"
    # ...but after an operation, breathlessness on exertion is still an emergency.
    assert engine.answer("since the op i get breathless after exercise").triage == "emergency"
    # Walking is not hard sport.
    assert engine.answer("i get breathless walking to the kitchen").triage == "emergency"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i broke my phone screen", "none"),
        ("my english is broken sorry, my ankle is stiff", "none"),
        ("my ankle is broken", "routine"),  # a fracture question still goes to the fracture team
        ("broke my ankle and my phone", "routine"),
        ("my phone is broken, when can i run after my fracture", "routine"),
    ],
)
def test_matching_leaves_out_words_about_things(engine, text, level):
    assert engine.answer(text).triage == level


def test_a_lowered_rule_says_why_the_reply_is_one_step_lower(engine):
    result = engine.triage.assess(engine.parser.parse("i had chest pain after the op but its gone now"))
    assert result.level == "urgent"  # the rules' level (the safety net may raise it further)
    assert any(r.endswith("Even when it has passed, it needs a check today.") for r in result.reasons)

"""Every red-flag rule carries example messages in knowledge/red_flags.yaml: ones that must fire it and
ones that must not. They are the rule's own tests, next to the rule where a clinician reviews it."""

from __future__ import annotations

import re

import pytest

from bot.engine import Engine
from bot.knowledge import level_rank

ENGINE = Engine.default()
RULES = ENGINE.kb.red_flags.rules


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.lower())[:50]


def _params(kind: str) -> list:
    return [
        pytest.param(rule, text, id=f"{rule.id}:{_slug(text)}")
        for rule in RULES
        for text in getattr(rule, kind)
    ]


def test_every_rule_has_examples_both_ways():
    for rule in RULES:
        assert len(rule.fires_on) >= 2 and rule.not_on, rule.id


@pytest.mark.parametrize(("rule", "text"), _params("fires_on"))
def test_example_fires_the_rule_at_its_level(rule, text):
    assert rule.id in ENGINE.triage.assess(ENGINE.parser.parse(text)).rules
    assert level_rank(ENGINE.answer(text).triage) >= level_rank(rule.level)


@pytest.mark.parametrize(("rule", "text"), _params("not_on"))
def test_example_does_not_fire_the_rule_at_its_level(rule, text):
    result = ENGINE.triage.assess(ENGINE.parser.parse(text))
    # An imagined or past finding may still fire the rule one step lower; never at its own level.
    assert not (rule.id in result.rules and result.level == rule.level), result

"""The literal prefilter may skip a concept only when its regex cannot match: it never loses a red flag."""

import re

import pytest

from bot.engine import Engine
from bot.engine.prefilter import (
    PatternGates,
    TextIndex,
    concept_literals,
    required_literals,
    required_sets,
    stays_in_clause,
)
from bot.engine.triage import CLAUSE_SEPARATOR, _ClauseWindows


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"short(?:ness)? of breath\w*", {"breath"}),
        (r"(?:cannot|unable to) (?:\w+ ){0,2}breath\w*", {"breath"}),
        (r"(?:numb|tingl\w*)", {"numb", "tingl"}),
        (r"(?:\w+ )?x?", None),
    ],
)
def test_required_literals(pattern, literals):
    found = required_literals(pattern)
    assert (found if found is None else set(found)) == literals


@pytest.mark.parametrize(
    ("pattern", "opens", "stays_shut"),
    [
        (r"calf (?:\w+ ){0,3}(?:swollen|swell\w*)", "my calf is swollen", "my calf is tight today"),
        (r"(?:cannot|can't) (?:\w+ ){0,2}breath\w*", "i cannot catch my breath", "i can hold my breath"),
    ],
)
def test_a_pattern_runs_only_when_every_part_it_needs_is_there(pattern, opens, stays_shut):
    """Gates are conjunctions: "calf" alone does not open a pattern that also needs a swelling word."""
    gates = PatternGates([("c", 0, required_sets(pattern))])
    assert gates.open_for(TextIndex.of(opens)) == {"c": {0}}
    assert gates.open_for(TextIndex.of(stays_shut)) == {}
    assert re.search(pattern, opens) and not re.search(pattern, stays_shut)


def _corpus(engine: Engine) -> list[str]:
    from tests.engine.test_triage import BENIGN, EMERGENCY, ROUTINE, RULE_CASES, URGENT

    texts = [t for cases in RULE_CASES.values() for group in cases.values() for t in group]
    texts += [t for group in (EMERGENCY, URGENT, ROUTINE, BENIGN) for t in group]
    texts += [q for topic in engine.kb.topics.values() for q in topic.questions]
    return texts


def test_every_match_passes_the_prefilter():
    engine = Engine.default()
    triage = engine.triage
    concepts = {
        name: (re.compile(r"\b(?:" + "|".join(p) + r")\b"), concept_literals(p))
        for name, p in engine.kb.red_flags.concepts.items()
        if p  # a concept with no patterns is found by the vocabulary alone
    }
    checked = 0
    for text in _corpus(engine):
        joined = CLAUSE_SEPARATOR.join(triage._clauses(engine.parser.parse(text)))
        for name, (regex, literals) in concepts.items():
            if regex.search(joined):
                checked += 1
                assert literals is None or any(s in joined for s in literals), (name, text)
    assert checked > 100


def test_gated_search_finds_exactly_the_matches_of_the_full_regex():
    engine = Engine.default()
    triage = engine.triage
    compared = 0
    for text in _corpus(engine):
        joined = CLAUSE_SEPARATOR.join(triage._clauses(engine.parser.parse(text)))
        possible = triage._gates.open_for(TextIndex.of(joined))
        for name, patterns in engine.kb.red_flags.concepts.items():
            if not patterns:
                continue  # found by the vocabulary alone
            full = re.compile(r"\b(?:" + "|".join(patterns) + r")\b")
            expected = [m.span() for m in full.finditer(joined)]
            if name not in possible:
                assert expected == [], (name, text)
                continue
            gated = triage._matches(name, possible[name], joined)
            assert [(start, end) for start, end, _ in gated] == expected, (name, text)
            compared += 1
    assert compared > 1000


@pytest.mark.parametrize(
    ("pattern", "inside"),
    [
        (r"calf (?:\w+ ){0,3}(?:swollen|swell\w*)", True),
        (r"(?<!no )numb(?!ness gone)", True),
        (r"[0-9]+ ?days?", True),
        (r"pain.{0,20}calf", False),  # "." could read the separator
        (r"numb[^a]", False),
        (r"numb$", False),
        (r"numb\|", False),
    ],
)
def test_a_pattern_stays_in_its_clause_only_when_it_cannot_read_the_separator(pattern, inside):
    assert stays_in_clause(pattern) is inside


def test_searching_only_the_clauses_that_may_match_finds_exactly_what_the_full_search_finds():
    """Long messages: each pattern searched in the windows of _ClauseWindows, and in the whole text."""
    engine = Engine.default()
    triage = engine.triage
    texts = _corpus(engine)
    # Stories of many clauses, the red flags among them.
    stories = [". ".join(texts[i : i + 9]) for i in range(0, len(texts), 5)]
    compared = 0
    for text in stories:
        clauses = triage._clauses(engine.parser.parse(text))
        joined = CLAUSE_SEPARATOR.join(clauses)
        windows = _ClauseWindows(clauses, joined)
        if not windows.usable:  # the last, short stories
            continue
        for name, patterns in engine.kb.red_flags.concepts.items():
            every = range(len(patterns))
            found = triage._matches(name, every, joined)
            assert triage._matches(name, every, joined, windows) == found, (name, text)
            compared += bool(found)
    assert compared > 1000

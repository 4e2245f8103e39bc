"""The literal prefilter may skip a concept only when its regex cannot match: it never loses a red flag."""

import re

import pytest

from bot.engine import Engine
from bot.engine.prefilter import TextIndex, concept_literals, required_literals
from bot.engine.triage import CLAUSE_SEPARATOR


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
        for name, full in triage._concepts.items():
            expected = [m.span() for m in full.finditer(joined)]
            if name not in possible:
                assert expected == [], (name, text)
                continue
            gated = triage._regex_for(name, tuple(sorted(possible[name])))
            assert [m.span() for m in gated.finditer(joined)] == expected, (name, text)
            compared += 1
    assert compared > 1000

"""The literal prefilter may skip a concept only when its regex cannot match: it never loses a red flag."""

import re

import pytest

from bot.engine import Engine
from bot.engine.prefilter import concept_literals, required_literals
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
    from tests.engine.test_triage import RULE_CASES

    texts = [t for cases in RULE_CASES.values() for group in cases.values() for t in group]
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

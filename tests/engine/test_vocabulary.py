"""The red-flag vocabulary: generated word forms, and findings that work on their own."""

from __future__ import annotations

import dataclasses

import pytest

from bot.engine import Engine
from bot.engine.triage import Triage
from bot.engine.vocabulary import finding_patterns, forms, inflections, misspellings
from bot.knowledge import load_default

KB = load_default()


def test_generated_misspellings_are_never_english_words():
    assert "could" not in forms("cold")  # "cold" + "u" is a word: not generated
    assert "dumb" not in forms("numb") and "nub" not in forms("numb")
    assert {"numbb", "nmub", "colld"} <= forms("numb") | forms("cold")
    assert "fot" in forms("foot")


def test_inflections_are_english_words_only():
    assert {"swells", "swelling", "swelled"} <= inflections("swell")
    assert not any(form.endswith("ness") and form not in ("coldness",) for form in inflections("cold"))


def test_long_words_get_no_misspellings_the_spell_fixer_corrects_them():
    assert misspellings("swollen") == set()


def test_phrases_are_kept_as_written():
    assert forms("back of my leg") == {"back of my leg"}
    assert forms("cannot") >= {"cannot"}


@pytest.fixture(scope="module")
def vocabulary_only() -> tuple[Engine, Triage]:
    """Triage with the vocabulary's findings alone: none of red_flags.yaml's own patterns."""
    engine = Engine.default()
    flags = dataclasses.replace(KB.red_flags, concepts={})
    return engine, Triage(flags, engine.triage.spell, KB.context, KB.vocabulary)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my foot is freezing", "cold_foot"),
        ("toes are ice cold", "cold_foot"),
        ("my toes look blue", "pale_blue"),
        ("the foot has gone numb", "numb"),
        ("tingling in my toes", "tingling"),
        ("my calf is swollen and red", "calf_swollen_hot"),
        ("the boot is too tight", "tight_cast"),
        ("i cannot put weight on it", "cannot_weight_bear"),
    ],
)
def test_a_finding_is_found_from_the_vocabulary_alone(vocabulary_only, text, concept):
    engine, triage = vocabulary_only
    assert concept in triage.concepts_present(engine.parser.parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "my foot isnt cold",
        "my socks are white and my feet are fine",
        "my foot is purple with bruising",
        "what if my toes go numb on the flight",
        "i can put weight on it",
    ],
)
def test_negated_or_other_findings_are_not_current(vocabulary_only, text):
    engine, triage = vocabulary_only
    current = triage.concepts_present(engine.parser.parse(text))
    assert not current & {"cold_foot", "pale_blue", "numb", "cannot_weight_bear"}


def test_every_finding_names_a_known_concept_and_known_groups():
    for finding in KB.vocabulary.findings.values():
        assert finding.concept in KB.red_flags.concepts
        assert set(finding.groups) <= set(KB.vocabulary.terms)


@pytest.mark.parametrize(
    "text",
    [
        "rolling a frozen bottle under my foot",
        "i put my foot in ice cold water",
        "icy floor tiles on my feet",
    ],
)
def test_cold_things_on_a_foot_are_not_a_cold_foot(vocabulary_only, text):
    engine, triage = vocabulary_only
    assert "cold_foot" not in triage.concepts_present(engine.parser.parse(text))


def test_the_word_by_word_matcher_finds_what_the_generated_regexes_find():
    """FindingMatcher (the engine's) and finding_patterns (the same findings as regexes) agree."""
    import re

    from bot.engine.triage import CLAUSE_SEPARATOR
    from bot.engine.vocabulary import FindingMatcher
    from tests.engine.test_triage import BENIGN, EMERGENCY, ROUTINE, URGENT

    engine = Engine.default()
    matcher = FindingMatcher(KB.vocabulary)
    patterns = finding_patterns(KB.vocabulary)
    regexes = {c: re.compile(r"\b(?:" + "|".join(p) + r")\b") for c, p in patterns.items()}
    for text in EMERGENCY + URGENT + ROUTINE + BENIGN:
        joined = CLAUSE_SEPARATOR.join(engine.triage._clauses(engine.parser.parse(text)))
        by_matcher = {concept for concept, _, _ in matcher.spans(joined.split())}
        by_regex = {concept for concept, regex in regexes.items() if regex.search(joined)}
        assert by_matcher == by_regex, text


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("my left calf is much bigger than the other one", "calf_swollen_hot"),
        ("one leg is fatter than the other", "calf_swollen_hot"),
        ("the knobbly bit on the outside hurts to touch", "bone_tender"),
        ("the tip of the ankle bone is really tender", "bone_tender"),
        ("felt like someone kicked the back of my heel", "kicked"),
        ("heard something snapped at the back of my ankle", "achilles_rupture"),
    ],
)
def test_clinical_decision_rule_findings(vocabulary_only, text, concept):
    engine, triage = vocabulary_only
    assert concept in triage.concepts_present(engine.parser.parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "my achilles pops when i walk, is that normal",
        "i hit the back of my heel on the step",
        "my calf is not bigger than the other one",
    ],
)
def test_clinical_decision_rule_findings_not_found(vocabulary_only, text):
    engine, triage = vocabulary_only
    found = triage.concepts_present(engine.parser.parse(text))
    assert not found & {"achilles_rupture", "kicked", "calf_swollen_hot"}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("i cannot move my toes", "cannot_move_toes"),
        ("he is unable to wiggle his toes", "cannot_move_toes"),
        ("since this morning i cant lift the front of my foot", "foot_drop_signs"),
    ],
)
def test_nerve_findings(vocabulary_only, text, concept):
    engine, triage = vocabulary_only
    assert concept in triage.concepts_present(engine.parser.parse(text))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("pins and needles in my leg", "tingling"),
        ("my heel feels all buzzy", "tingling"),
        ("tingles down the outside of my shin", "tingling"),
        ("the incision", "wound"),
        ("around the pin sites", "wound"),
        ("the op site", "wound"),
        ("it is oozing", "infection_signs"),
        ("some greenish stuff", "infection_signs"),
        ("the edges came apart", "infection_signs"),
        ("there is pus", "pus"),
        ("shivering all night", "fever"),
        ("i fractured my fibula", "fracture_known"),
        ("the lump on the outside", "bony_site"),
        ("my head is spinning", "dizzy"),
        ("she fainted", "faint"),
        ("the ankle keeps giving way", "giving_way"),
        ("i have osteoarthritis", "needs_specialist_condition"),
        ("my toes are swollen like sausages", "toes_swollen"),
        ("puffy toes", "toes_swollen"),
        ("the bandage is very tight", "tight_wrap"),
        ("a tight bandage", "tight_wrap"),
        ("still stiff and sore", "lasting_symptom"),
        ("my toes in the plaster", "cast"),
        ("the pain is agonising", "severe_pain"),
        ("awful pain in my shin", "severe_pain"),
        ("it swelled up all of a sudden", "new_onset"),
        ("numb since last night", "new_onset"),
        ("two weeks after my orif", "operated_or_immobile"),
        ("they put pins in it", "operated_or_immobile"),
        ("a hairline crack", "fracture_or_surgery"),
        ("short of breath sitting down", "breathless"),
        ("i feel suicidal", "self_harm"),
        ("incontinence since yesterday", "bladder_bowel"),
        ("numbness down the outside", "numb"),
        ("my toes feel number than yesterday", "numb"),
    ],
)
def test_one_group_findings_are_any_word_of_the_group(vocabulary_only, text, concept):
    engine, triage = vocabulary_only
    assert concept in triage.concepts_present(engine.parser.parse(text))


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("the nurse said to press the buzzer", "tingling"),
        ("no tingling at all", "tingling"),
        ("i was scared to walk", "wound"),
        ("my ego is wounded", "wound"),
        ("i was discharged from hospital", "infection_signs"),
        ("warming up before the exercises", "infection_signs"),
        ("no fever", "fever"),
        ("stroking my foot helps", "needs_specialist_condition"),
        ("front crawl strokes", "needs_specialist_condition"),
        ("a swollen ankle and sore toes", "toes_swollen"),  # in_order: the swelling is the ankle's
        ("the bandage isnt tight", "tight_wrap"),
        ("my daughter painted my toenails", "lasting_symptom"),
        ("painless popping", "lasting_symptom"),
        ("how does this bot work", "cast"),
        ("trainers or boots", "cast"),
        ("the pain is not unbearable", "severe_pain"),
        ("pins and needles in my toes", "operated_or_immobile"),
        ("i screwed up the exercise", "operated_or_immobile"),
        ("a number of exercises", "numb"),
        ("reach to the numbers on a clock", "numb"),
    ],
)
def test_one_group_findings_not_found(vocabulary_only, text, concept):
    engine, triage = vocabulary_only
    assert concept not in triage.concepts_present(engine.parser.parse(text))


def test_not_forms_are_never_generated():
    from bot.engine.vocabulary import all_forms

    expanded = all_forms(KB.vocabulary)
    assert "buzzer" in forms("buzz") and "buzzer" not in expanded["buzz"]
    assert not any(f in KB.vocabulary.not_forms for t, words in expanded.items() for f in words if f != t)
    assert "holes" not in expanded["hole"] and "holes" in expanded["holes"]  # written as a term: kept

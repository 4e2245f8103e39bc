"""Normalisation: the same words reach triage and matching however people type them."""

import pytest

from bot.engine.normalise import SpellFixer, clauses, clean, stem, tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("My ANKLE Hurts", "my ankle hurts"),
        ("I can\u2019t walk", "i cannot walk"),
        ("I cant breathe", "i cannot breathe"),
        ("it's sooooo swollen", "its soo swollen"),
        ("don't", "dont"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


def test_british_and_us_spelling_meet():
    assert tokens(clean("Which colour band")) == tokens(clean("which color band"))
    assert tokens(clean("ankle mobilisation")) == tokens(clean("ankle mobilization"))


def test_common_misspellings_are_mapped():
    assert tokens(clean("excercise for my ankel")) == ["exercise", "for", "my", "ankle"]


def test_clauses_split_at_punctuation_and_but():
    assert clauses("No swelling, but my toes are numb. Help!") == [
        ["no", "swelling"],
        ["my", "toes", "are", "numb"],
        ["help"],
    ]


def test_an_aside_in_brackets_is_its_own_clause_after_its_sentence():
    # The words around the aside stay one clause ("my calf ... is sore" is a calf that is sore), and the
    # aside follows its own sentence, before the next one, so it keeps its place in the story.
    assert clauses("My calf (the leg in the boot) is sore. Help!") == [
        ["my", "calf", "is", "sore"],
        ["the", "leg", "in", "the", "boot"],
        ["help"],
    ]
    assert clauses("sad :) (joking) fine") == [["sad"], ["fine"], ["joking"]]


def test_spell_fixer_corrects_long_words_only():
    fixer = SpellFixer(["swollen", "numbness", "breathe", "calf"])
    assert fixer.fix("swolen") == "swollen"
    assert fixer.fix("numbnes") == "numbness"
    assert fixer.fix("calff") == "calf"  # a stretched letter is undone before any fuzzy guess
    assert fixer.fix("zzzzzz") == "zzzzzz"


def test_spell_fixer_leaves_short_words_alone():
    fixer = SpellFixer(["band", "hand"])
    assert fixer.fix("bnd") == "bnd"


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("stretch", "stretches", "stretching"), True),
        (("exercise", "exercises"), True),
        (("balance", "balancing"), True),
        (("heavy", "heaviest", "heavier"), True),
        (("times", "time"), False),  # "3 times a day" is not "time of day"
    ],
)
def test_stem(words, same):
    assert (len({stem(w) for w in words}) == 1) is same


def test_huge_input_is_truncated_not_processed_whole():
    assert len(clean("a" * 1_000_000)) <= 20_000


def test_a_decimal_number_is_not_a_clause_break():
    # "38.2" is a temperature and "1,500" a count, not the end of a sentence or a clause.
    assert clauses("sweats and 37.9-38.2, 2 wks after surgery. 1,500 steps") == [
        ["sweats", "and", "37", "9", "38", "2"],
        ["2", "wks", "after", "surgery"],
        ["1", "500", "steps"],
    ]

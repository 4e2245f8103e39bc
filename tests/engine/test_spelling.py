"""The spell fixer: it corrects typos, never an English word, and fixes a message's words in one batch."""

import pytest

from bot.engine import Engine
from bot.engine.normalise import SpellFixer
from bot.engine.spelling import Speller, english_words, is_english
from bot.knowledge import load_default


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_default())  # the rules alone (the safety net may only raise a level)


@pytest.mark.parametrize("word", ["could", "cloud", "colder", "version", "inner", "brake", "plaster"])
def test_english_words_are_never_corrected(word):
    fixer = SpellFixer(["cold", "loud", "eversion", "dinner", "break", "broken", "clot"])
    assert fixer.fix(word) == word


@pytest.mark.parametrize("word", ["realise", "programme", "fibre", "colour", "travelled", "analyse", "tyre"])
def test_british_spellings_count_as_english(word):
    assert is_english(word)


def test_typos_are_not_english():
    words = english_words()
    assert len(words) > 100_000
    for typo in ("swolen", "numbb", "breeth", "plastr", "ankel", "tinglin"):
        assert not is_english(typo)


def test_one_batch_gives_the_same_corrections_as_word_by_word():
    vocabulary = ["swollen", "numbness", "breathe", "tingling", "plaster", "fracture", "surgery"]
    words = ["swolen", "numbnes", "breeth", "tinglng", "plastr", "fractur", "surgry", "zzzzzz", "could"]
    one_by_one = [SpellFixer(vocabulary).fix(w) for w in words]
    assert SpellFixer(vocabulary).fix_all(words) == one_by_one
    assert one_by_one[:2] == ["swollen", "numbness"]


def test_views_share_one_speller_but_keep_their_own_rules():
    speller = Speller()
    loose = speller.add_view(["eversion", "swollen"])
    strict = speller.add_view(["eversion"], same_initial=True)
    loose_fix, strict_fix = speller.fix(["wversion", "swolen"], [loose, strict])
    assert loose_fix == {"wversion": "eversion", "swolen": "swollen"}
    assert strict_fix == {"wversion": "wversion", "swolen": "swolen"}  # another initial; not its word


def test_a_message_is_spell_fixed_with_one_cdist_call(engine, monkeypatch):
    import bot.engine.spelling as spelling

    calls = []
    real = spelling.process.cdist

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(spelling.process, "cdist", counting)
    engine.answer("my calff is swolenn and paniful, the plastrr feels tite, what excersizes qwertyuiop")
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("i think i brake my ankle", ("i", "think", "i", "break", "my", "ankle")),
        ("my angle is swollen", ("my", "ankle", "is", "swollen")),
        ("i cant bare weight on it", ("i", "cannot", "bear", "weight", "on", "it")),
    ],
)
def test_real_word_slips_are_read_as_meant(engine, text, fixed):
    parsed = engine.parser.parse(text)
    assert parsed.fixed_clauses[0] == fixed
    assert parsed.clauses[0] != fixed  # and as typed too


def test_a_slip_only_applies_in_its_phrase(engine):
    parsed = engine.parser.parse("the car brake squeaks")
    assert "brake" in parsed.fixed_clauses[0]


def test_cold_and_could_stay_apart(engine):
    assert engine.answer("it could be the band, my foot is fine").triage == "none"
    assert engine.parser.parse("i could walk").fixed_clauses[0] == ("i", "could", "walk")


def test_reading_the_dictionary_late_corrects_exactly_as_reading_it_first():
    vocabulary = ["swollen", "numbness", "could", "cold", "plaster", "eversion", "dinner", "broken"]
    words = ["swolen", "numbnes", "colld", "coulds", "plastr", "version", "inner", "brokn", "zzzzzz"]
    late = Speller()  # reads the dictionary at its first correction
    early = Speller(english=english_words())
    late_view, early_view = late.add_view(vocabulary), early.add_view(vocabulary)
    assert late.fix(words, [late_view]) == early.fix(words, [early_view])

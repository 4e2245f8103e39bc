"""Issue 14: a dose says "each side" only for an exercise done one side at a time. Every exercise of
the real knowledge base is read, through the real Application and the fake Bot API: its card from
/exercises, its line in every stage's /routine, and the engine's answer about it."""

from __future__ import annotations

import re

import pytest
from test_progress import texts

from bot.engine.compose import exercise_instructions
from bot.engine.facts import Facts
from bot.engine.shape import exercise_brief, exercise_short
from bot.knowledge import Dose, load_default

KB = load_default()
# The movement is made with both feet (or heels) at the same time: "lift both heels", "stand on a
# foam pad with both feet", "both feet together".
BOTH_AT_ONCE = re.compile(r"\b(?:lift|raise|press|push)\w* (?:up )?(?:through )?both (?:heels|feet)\b"
                          r"|\bwith both feet(?=[.,;])"
                          r"|\bboth (?:feet|heels) (?:together|at once|at the same time)\b", re.IGNORECASE)
EACH_SIDE = re.compile(r"\b(?:each|per) (?:side|leg|foot)\b", re.IGNORECASE)


def both_at_once(exercise) -> bool:
    return bool(BOTH_AT_ONCE.search(" ".join((exercise.setup, *exercise.steps))))


def doses(exercise) -> list[Dose]:
    """The exercise's own dose and every stage routine's dose for it."""
    found = [exercise.dose]
    for stage in KB.stages.values():
        found += [item.dose for item in stage.items
                  if item.exercise_id == exercise.id and item.dose.describe()]
    return found


def test_the_double_leg_exercises_are_found():
    """The pattern is not vacuous: the heel raises on two feet are read as done with both feet."""
    both = {e.id for e in KB.exercises.values() if both_at_once(e)}
    assert {"heel-raise", "seated-heel-raise", "foam-pad-heel-raise"} <= both
    assert not both & {"single-leg-heel-raise", "single-leg-balance", "band-eversion"}


@pytest.mark.parametrize("exercise_id", sorted(KB.exercises))
def test_no_exercise_done_with_both_feet_says_each_side(exercise_id):
    exercise = KB.exercises[exercise_id]
    for dose in doses(exercise):
        if both_at_once(exercise) or not dose.per_side:
            assert not dose.per_side, f"{exercise_id}: done with both feet at once, but per_side"
            said = [dose.describe(), exercise_brief(exercise, Facts()).split(". The steps")[0]]
            cards = (exercise_instructions(exercise, dose), exercise_short(exercise, Facts()))
            said += [line for text in cards for line in text.splitlines() if line.startswith("Dose:")]
            assert len(said) == 4
            for text in said:
                assert not EACH_SIDE.search(text), (exercise_id, text)
        else:
            assert dose.describe().endswith("each side")


def test_a_dose_with_its_own_unit_is_not_followed_by_reps():
    assert Dose("2-3", "5-10 lengths").describe() == "2-3 sets of 5-10 lengths"
    assert Dose("2-3", "10-15").describe() == "2-3 sets of 10-15 reps"
    assert Dose(None, "up to 10").describe() == "up to 10 reps"


@pytest.fixture
async def real_kb_bot(make_bot):
    return await make_bot(kb=KB)


async def test_cards_and_routines_say_each_side_only_where_it_is_true(real_kb_bot):
    bot = real_kb_bot
    for exercise in KB.exercises.values():
        card = texts(await bot.press(f"ex:{exercise.id}"))
        dose_line = next(line for line in card.splitlines() if "Dose:" in line)
        assert bool(EACH_SIDE.search(dose_line)) == exercise.dose.per_side, (exercise.id, dose_line)
        assert "lengths reps" not in card
    for stage in KB.stages.values():
        await bot.press(f"stage:{stage.id}")
        routine = texts(await bot.command("routine"))
        for item in stage.items:
            exercise = KB.exercises[item.exercise_id]
            line = next(line for line in routine.splitlines()
                        if line.split(". ", 1)[-1].startswith(exercise.name))
            dose = item.dose if item.dose.describe() else exercise.dose
            assert bool(EACH_SIDE.search(line)) == dose.per_side, (stage.id, line)
            if both_at_once(exercise):
                assert "each side" not in line

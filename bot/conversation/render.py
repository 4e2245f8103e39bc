"""Text for exercises, routines and topics, from the knowledge base. Plain text, no markup, so the
same string reads well in Telegram and in a terminal."""

from __future__ import annotations

from datetime import date

from bot.knowledge import Dose, KnowledgeBase, Stage

CATEGORY_TITLES = {
    "mobility": "Mobility",
    "stretch": "Stretches",
    "strength": "Strength",
    "balance": "Balance",
    "functional": "Functional",
}


def format_routine(stage: Stage, kb: KnowledgeBase, today: date, done_today: bool,
                   heading: str = "", week: str = "") -> str:
    """The routine; `heading` says what today is in the weekly plan, `week` how the week is going."""
    lines = [f"Today's routine: {stage.name} ({format_date(today)})"]
    lines += [part for part in (heading, week) if part]
    if stage.frequency:
        lines.append(stage.frequency)
    lines.append("")
    for number, item in enumerate(stage.items, start=1):
        exercise = kb.exercises.get(item.exercise_id)
        if exercise is None:
            continue
        dose = item.dose if item.dose.describe() else exercise.dose
        lines.append(f"{number}. {exercise.name}: {dose.describe()}")
    lines.append("")
    if done_today:
        lines.append("Tap an exercise for its step-by-step instructions.")
    else:
        lines.append("Tap an exercise for step-by-step instructions, and Done when you have finished.")
    return "\n".join(lines)


def routine_dose(stage: Stage, exercise_id: str) -> Dose | None:
    """The dose a stage's routine gives an exercise, if the routine sets its own."""
    for item in stage.items:
        if item.exercise_id == exercise_id and item.dose.describe():
            return item.dose
    return None


def format_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"

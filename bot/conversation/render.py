"""Text for exercises, routines and topics, from the knowledge base. Plain text, no markup, so the
same string reads well in Telegram and in a terminal."""

from __future__ import annotations

from datetime import date

from bot.knowledge import Dose, Exercise, KnowledgeBase, Stage

CATEGORY_TITLES = {
    "mobility": "Mobility",
    "stretch": "Stretches",
    "strength": "Strength",
    "balance": "Balance",
    "functional": "Functional",
}


def format_exercise(exercise: Exercise, dose: Dose | None = None) -> str:
    """Full instructions: name, equipment, set-up, numbered steps, dose, easier/harder, what to avoid.

    `dose` is a stage routine's dose when it differs from the exercise's own.
    """
    dose_text = (dose or exercise.dose).describe()
    lines = [exercise.name, ""]
    lines.append("Equipment: " + (", ".join(exercise.equipment) if exercise.equipment else "none"))
    if exercise.setup:
        lines.append(f"Set-up: {exercise.setup}")
    lines += ["", "Steps:"]
    lines += [f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1)]
    lines.append("")
    if dose_text:
        lines.append(f"Dose: {dose_text}")
    if exercise.easier:
        lines.append(f"Easier: {exercise.easier}")
    if exercise.harder:
        lines.append(f"Harder: {exercise.harder}")
    if exercise.avoid:
        lines += ["", "Avoid:"]
        lines += [f"- {item}" for item in exercise.avoid]
    return "\n".join(lines).strip()


def format_routine(stage: Stage, kb: KnowledgeBase, today: date, done_today: bool) -> str:
    lines = [f"Today's routine: {stage.name} ({format_date(today)})"]
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
        lines.append("Already done today. Well done!")
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

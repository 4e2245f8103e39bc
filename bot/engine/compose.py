"""Turn triage and match results into the text a person reads. Plain text: front-ends add markup."""

from __future__ import annotations

from bot.engine.policy import escalation_text
from bot.engine.triage import TriageResult
from bot.knowledge import Dose, Exercise, KnowledgeBase, Topic

EMPTY_REPLY = (
    "I didn't catch a question there. Ask me about your ankle exercises, for example "
    '"how many reps should I do?" or "how do I do the calf stretch?".'
)
UNSURE_REPLY = "I'm not sure I understood. Did you mean one of these?"
# To a message that asks nothing: it was not a question to misunderstand.
TOLD_REPLY = "Thank you for telling me. If you have a question, ask me any time, or pick one of these:"


def escalation(kb: KnowledgeBase, triage: TriageResult, level: str, topic_floor_note: str | None) -> str:
    """The escalation paragraph that opens a reply, or '' for level none."""
    reasons = list(triage.reasons) if triage.level == level else []
    if not reasons and topic_floor_note:
        reasons = [topic_floor_note]
    return escalation_text(kb.red_flags, level, reasons)


# What to do if an imagined red flag really happens ("what if my calf swells on the flight?").
_IF_IT_HAPPENS = {
    "emergency": "call {emergency_number} straight away.",
    "urgent": "get it checked the same day (urgent care, an out-of-hours doctor, or your fracture or "
    "surgical team).",
}


def conditional_advice(kb: KnowledgeBase, triage: TriageResult) -> str:
    """For red flags the message only imagines: what they mean and what to do if they happen; or ''."""
    lines = []
    for item in triage.conditional:
        action = _IF_IT_HAPPENS.get(item.level)
        if action is None:
            continue
        line = f"If it happens: {item.reason} If so, " + action.format(
            emergency_number=kb.red_flags.emergency_number
        )
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)


def exercise_instructions(exercise: Exercise, dose: Dose | None = None) -> str:
    """Full instructions: name, equipment, set-up, numbered steps, dose, easier/harder, what to avoid.

    The one formatter for exercises, used by the engine's answers and the conversation's buttons.
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


def topic_answer(topic: Topic, kb: KnowledgeBase, shown_exercises: set[str]) -> str:
    text = topic.answer.strip()
    related = [
        kb.exercises[e].name for e in topic.exercises if e in kb.exercises and e not in shown_exercises
    ]
    if related:
        text += "\nExercises that help: " + "; ".join(related) + "."
    return text


def suggestions_text(kb: KnowledgeBase, topic_ids: list[str], tells: bool = False) -> str:
    lines = [TOLD_REPLY if tells else UNSURE_REPLY]
    lines.extend(f"• {kb.topics[t].title}" for t in topic_ids)
    return "\n".join(lines)

"""Turn triage and match results into the text a person reads. Plain text: front-ends add markup."""

from __future__ import annotations

from bot.engine.triage import TriageResult
from bot.knowledge import Exercise, KnowledgeBase, Topic

EMPTY_REPLY = (
    "I didn't catch a question there. Ask me about your ankle exercises, for example "
    '"how many reps should I do?" or "how do I do the calf stretch?".'
)
UNSURE_REPLY = "I'm not sure I understood. Did you mean one of these?"
NO_EXERCISE_UNTIL_SEEN = "Until you have been checked, please rest from the exercises."


def escalation(kb: KnowledgeBase, triage: TriageResult, level: str, topic_floor_note: str | None) -> str:
    """The escalation paragraph that opens a reply, or '' for level none."""
    if level == "none":
        return ""
    text = kb.red_flags.replies[level].format(emergency_number=kb.red_flags.emergency_number)
    reasons = list(triage.reasons) if triage.level == level else []
    if not reasons and topic_floor_note:
        reasons = [topic_floor_note]
    if reasons:
        text += "\n" + "\n".join(f"• {r}" for r in reasons)
    return text


def exercise_instructions(exercise: Exercise) -> str:
    """Full instructions: what a person needs to do the exercise safely on their own."""
    lines = [exercise.name]
    if exercise.equipment:
        lines.append("You need: " + ", ".join(exercise.equipment) + ".")
    lines.append(exercise.setup)
    lines.extend(f"{n}. {step}" for n, step in enumerate(exercise.steps, start=1))
    dose = exercise.dose.describe()
    if dose:
        lines.append(f"Dose: {dose}.")
    lines.append(f"Easier: {exercise.easier}")
    lines.append(f"Harder: {exercise.harder}")
    lines.append("Avoid: " + " ".join(exercise.avoid))
    return "\n".join(lines)


def topic_answer(topic: Topic, kb: KnowledgeBase, shown_exercises: set[str]) -> str:
    text = topic.answer.strip()
    related = [
        kb.exercises[e].name for e in topic.exercises if e in kb.exercises and e not in shown_exercises
    ]
    if related:
        text += "\nExercises that help: " + "; ".join(related) + "."
    return text


def suggestions_text(kb: KnowledgeBase, topic_ids: list[str]) -> str:
    lines = [UNSURE_REPLY]
    lines.extend(f"• {kb.topics[t].title}" for t in topic_ids)
    return "\n".join(lines)

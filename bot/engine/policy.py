"""The safety policy: what a reply at each triage level may carry, and how its escalation reads.

Decided here only. The engine builds its text with `allowance`, the conversation layer builds its
buttons with it, and both front-ends pass every reply through the conversation's `enforce` (which asks
`allowance` again) as their last step, so no handler can add what the level forbids.

red-flags.md: an emergency means "call now, stop exercising"; urgent means "get seen today, no
exercises until seen". So an emergency reply carries the escalation and nothing else, and an urgent one
carries no exercise instructions and no exercise buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge import RedFlags


@dataclass(frozen=True)
class Allowance:
    answer_text: bool  # knowledge-base answers (topics, suggestions) may follow the escalation
    exercises: bool  # exercise instructions in the text, exercise ids in the answer, exercise buttons
    buttons: bool  # any button at all (suggestions, feedback)


_BY_LEVEL = {
    "none": Allowance(answer_text=True, exercises=True, buttons=True),
    "routine": Allowance(answer_text=True, exercises=True, buttons=True),
    # The topic is still named (for the record and a suggestion button), its text waits until seen.
    "urgent": Allowance(answer_text=False, exercises=False, buttons=True),
    "emergency": Allowance(answer_text=False, exercises=False, buttons=False),
}

# Said under every escalated reply that may not carry exercises, except an emergency's (nothing else).
NO_EXERCISE_UNTIL_SEEN = "Until you have been checked, please rest from the exercises."


def allowance(level: str) -> Allowance:
    """What a reply at `level` may carry. An unknown level is treated as an emergency: fail safe."""
    return _BY_LEVEL.get(level, _BY_LEVEL["emergency"])


def escalation_text(
    red_flags: RedFlags, level: str, reasons: Sequence[str] = (), emergency_number: str | None = None
) -> str:
    """The paragraph that opens an escalated reply: the level's advice, then its reasons; '' for none."""
    template = red_flags.replies.get(level)
    if level == "none" or template is None:
        return ""
    text = template.format(emergency_number=emergency_number or red_flags.emergency_number)
    if reasons:
        text += "\n" + "\n".join(f"• {reason}" for reason in reasons)
    return text


def escalation_lead(
    red_flags: RedFlags, level: str, reasons: Sequence[str] = (), emergency_number: str | None = None
) -> tuple[str, str]:
    """The escalation of a reply that is short first: (what opens the reply, what waits behind "More").

    emergency: the whole escalation and nothing behind "More" (an emergency reply carries nothing else);
    urgent: the whole escalation, what to do today and why (no answer follows it, nothing is held back);
    routine: one sentence that gives the reason, then the answer; the level's advice behind "More".
    """
    if level == "none" or red_flags.replies.get(level) is None:
        return "", ""
    if level != "routine":
        return escalation_text(red_flags, level, reasons, emergency_number), ""
    number = emergency_number or red_flags.emergency_number
    template = red_flags.replies[level].format(emergency_number=number)
    if not reasons:
        first, _, rest = template.partition(". ")
        return first.rstrip(".") + ".", rest
    extra = "\n".join(f"• {reason}" for reason in reasons[1:])
    return reasons[0], "\n".join(p for p in (template, extra) if p)

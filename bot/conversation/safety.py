"""The safety policy applied to a conversation reply: buttons the reply's triage level forbids go.

`bot.engine.policy.allowance` decides; this only maps its answer onto buttons. Handlers build their
buttons with it, and both front-ends call `enforce` on every reply as their last step, so a handler
that forgets cannot put an exercise button under an urgent answer.
"""

from __future__ import annotations

from dataclasses import replace

from bot.engine.policy import allowance

from . import callbacks as cb
from .replies import Button, Reply

# Buttons that invite exercising: an exercise's instructions, the catalogue, the routine, Done.
EXERCISE_BUTTONS = frozenset({cb.EXERCISE, cb.CATEGORY, cb.ROUTINE, cb.DONE})


def invites_exercise(button: Button) -> bool:
    return cb.split(button.data)[0] in EXERCISE_BUTTONS


def enforce(reply: Reply) -> Reply:
    """The reply without the buttons its level does not allow (all of them under an emergency)."""
    allowed = allowance(reply.level)
    if not reply.buttons or (allowed.buttons and allowed.exercises):
        return reply
    if not allowed.buttons:
        return replace(reply, buttons=())
    kept = tuple(row for row in (tuple(b for b in row if not invites_exercise(b)) for row in reply.buttons)
                 if row)
    return replace(reply, buttons=kept)

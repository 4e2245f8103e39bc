"""Typed requests and typed answers beyond pain scores: what `intents.read` found, the typed stage
and time when the bot asked for one, and asking back when a typed answer is unclear.

Nothing here acts on an unclear text: it is asked back, with the buttons that would act. Stopping the
reminders is always confirmed with a button.
"""

from __future__ import annotations

import re

from bot.storage import AwaitingRow

from . import callbacks as cb
from . import corrections, intents, learn, pain_log, profile, reminding, waiting
from .context import Services
from .intents import Intent
from .replies import Button, Caller, Reply

_ORDINALS = {"first": 1, "1st": 1, "one": 1, "second": 2, "2nd": 2, "two": 2, "third": 3, "3rd": 3,
             "three": 3, "last": 3}
_STAGE_FILLER = re.compile(r"\b(please|i am|im|i think|at|in|on|the|stage|one|phase|my|is|it is|its)\b")


def handle(s: Services, caller: Caller, intent: Intent) -> list[Reply]:
    """The replies to a typed request (see intents.py)."""
    if intent.kind == intents.ROUTINE:
        return learn.routine(s, caller)
    if intent.kind == intents.LOG:
        if intent.day == 0:
            return learn.done(s, caller, "routine")
        return pain_log.log_command(s, caller, ["yesterday"])
    if intent.kind == intents.REMIND:
        return reminding.remind_command(s, caller, [intent.time])
    if intent.kind == intents.CHANGE:
        return reminding.change_reminder(s, caller, intent.time)
    if intent.kind == intents.STOP:
        return reminding.confirm_stop(s, caller)
    if intent.kind == intents.ASK_TIME:
        return reminding.remind_command(s, caller, [])
    if intent.kind == intents.UNCLEAR_REMINDER:
        return _unclear_reminder()
    return _unclear_session(s, caller)


def _unclear_session(s: Services, caller: Caller) -> list[Reply]:
    """Sounds like the session, but not a plain "I did it": nothing is logged unless Done is tapped."""
    user = s.user(caller)
    return [Reply("I haven't logged anything. If you did today's session, tap Done; if not, that's fine: "
                  "/routine says whether today is a training or a rest day.",
                  ((Button("✅ Done", cb.done("routine", user.epoch)),),))]


def _unclear_reminder() -> list[Reply]:
    return [Reply("I'm not sure what you'd like to do with your reminders, so I haven't changed them. "
                  "/reminders shows them with a button to cancel each, /remind 08:00 adds one, and "
                  "\"change my reminder to 8:00\" moves it.")]


# ---------------------------------------------------------------- typed answers to a stage or a time


def typed_stage(s: Services, caller: Caller, awaiting: AwaitingRow, text: str) -> list[Reply] | None:
    words = intents.normalise(text)
    stage_id = None
    order = list(s.kb.stages)
    for word in words.split():
        if word in _ORDINALS and len(words.split()) <= 4:
            stage_id = order[min(_ORDINALS[word], len(order)) - 1]
            break
    if stage_id is None:
        stage_id = learn.match_stage(s, _STAGE_FILLER.sub(" ", words)) or learn.match_stage(s, words)
    if stage_id is None:
        return None
    return learn.set_stage(s, caller, stage_id)


def typed_time(s: Services, caller: Caller, awaiting: AwaitingRow, text: str) -> list[Reply] | None:
    local_time = intents.read_time(text)
    if local_time is None:
        return None
    return reminding.remind_command(s, caller, [local_time])


# ---------------------------------------------------------------- asking back


def _short(text: str, words: int) -> bool:
    return len(intents.normalise(text).split()) <= words and not text.rstrip().endswith("?")


def ask_back(s: Services, caller: Caller, awaiting: AwaitingRow | None, text: str) -> list[Reply] | None:
    """A short text that is not the awaited answer: the question again, with a hint; else None."""
    if awaiting is None:
        return None
    user = s.user(caller)
    if awaiting.question == waiting.PAIN and _short(text, 5):
        session = pain_log.awaited_session(s, caller, awaiting)
        if session is None:
            return None
        return [Reply("Please pick one number, the closest to how it felt: 0 is no pain at all, 10 the worst "
                      "pain you can imagine. Nothing is stored until you do."),
                pain_log.pain_question(s, user, session, s.today(user))]
    if awaiting.question == waiting.SETTLED and _short(text, 5):
        session = pain_log.awaited_session(s, caller, awaiting)
        if session is None:
            return None
        today = s.today(user)
        return [Reply("Yes if your ankle was back to how it usually is by the next morning, No if it still "
                      "hurt more than usual. " + pain_log.settled_text(session, today),
                      (pain_log.settled_buttons(session),))]
    if awaiting.question == waiting.STAGE and _short(text, 6):
        return [Reply("I didn't catch which stage you mean. " + learn.stages_in_brief(s) + " Tap one:",
                      learn.stage_buttons(s))]
    if awaiting.question == waiting.PROFILE and _short(text, 6):
        return profile.ask_back(s, caller, awaiting)
    if awaiting.question == waiting.DAY and _short(text, 6):
        return corrections.ask_back(s, caller, awaiting)
    if awaiting.question == waiting.TIME and _short(text, 5):
        return [Reply("I didn't catch a time there. Type it like 7:30, 18:00 or 8pm, or tap one:",
                      reminding.time_buttons())]
    return None

"""What the bot is waiting for from a person: one stored question per (person, chat).

The bot asks one question at a time (pain_log.py). Whatever it asks last is stored (`ask`) with the
subject it is about (a session id) and an expiry, so a typed answer ("3", "yes") is understood after
a restart too, and is not mistaken for a new question. `awaited` is the one function that says what is
awaited; the conversation asks it before treating text as a new question (answers.py). An answer,
a newer question or /forget ends the wait; after `OPEN_FOR` a typed "3" is a new message again.
"""

from __future__ import annotations

from datetime import timedelta

from bot.storage import AwaitingRow

from .context import Services
from .replies import Caller

PAIN = "pain"  # how much a session hurt, 0-10 (subject: the session id)
SETTLED = "settled"  # whether a session's pain settled by the next morning (subject: the session id)
STAGE = "stage"  # which rehab stage (after /start or /stage without a name)
TIME = "time"  # at what time to remind (after /remind without a time)
CHECK = "check"  # a safety-check question (subject: "<safety_checks row id>:<question id>")
PROFILE = "profile"  # an injury-profile question (subject: "consent" or "<field>:<s|e>", see profile.py)
DAY = "day"  # which day a logged session was really on (after "Another day"; subject: the session id)
FOLLOWUP = "followup"  # a follow-up to the answer just given, "and how long for?" (subject: answers_shown id)

# Long enough to answer after a shower or on the way to work; short enough that a number typed the
# next day is not filed as yesterday's pain score.
OPEN_FOR = {PAIN: timedelta(hours=6), SETTLED: timedelta(hours=12),
            # A choice offered with buttons: typed at once or not at all.
            STAGE: timedelta(hours=1), TIME: timedelta(hours=1), PROFILE: timedelta(hours=1),
            DAY: timedelta(hours=1),
            # A follow-up comes within minutes; later, a short message is a new one.
            FOLLOWUP: timedelta(minutes=30),
            # A safety question is answered soon or not at all; a "yes" typed the next day is a new message.
            CHECK: timedelta(hours=6)}


def ask(s: Services, user_id: int, chat_id: int, question: str, subject: object = "") -> None:
    """Record that `question` (about `subject`) was just asked in that chat."""
    expires = s.clock() + OPEN_FOR[question]
    s.storage.set_awaiting(user_id, chat_id, question, str(subject), expires)


def awaited(s: Services, caller: Caller) -> AwaitingRow | None:
    """What the bot is waiting for from this person in this chat, if anything (expired: nothing)."""
    return s.storage.get_awaiting(caller.user_id, caller.chat_id)


def answered(s: Services, caller: Caller, question: str, subject: object) -> None:
    """The question about `subject` has its answer (by button or typed): stop waiting for it."""
    # In every chat: the same question may have been asked in a group and in private.
    s.storage.clear_awaiting(caller.user_id, None, question, str(subject))


def ended(s: Services, caller: Caller, question: str) -> None:
    """Stop waiting for any `question` of this kind from the person, whatever its subject."""
    s.storage.clear_awaiting(caller.user_id, None, question)

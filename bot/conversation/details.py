"""Short first: the "More" button under an answer, and follow-ups that keep its thread.

Every answer with details is stored as it was shown (storage `answers_shown`: topic, level, the text
behind "More"), so its "More" button works after a restart and on any worker. The answer also becomes
what the bot waits for (`waiting.FOLLOWUP`, unless it already waits for something else, such as a pain
score): a short follow-up within half an hour ("and how long for?", "what about the other one?")
continues that answer's topic instead of starting afresh.
"""

from __future__ import annotations

from bot.engine import Answer

from . import callbacks as cb
from . import waiting
from .context import Services
from .replies import Button, Caller, Reply, stale
from .safety import enforce

MORE_LABEL = "More ▸"


def remember(s: Services, caller: Caller, question_id: int, answer: Answer) -> int | None:
    """Store the answer as shown; returns its id (for the "More" button), None when nothing to keep."""
    if not answer.more and not answer.topic:
        return None
    answer_id = s.storage.add_answer_shown(question_id, caller.user_id, caller.chat_id, answer.topic,
                                           answer.triage, answer.more)
    topic = s.kb.topics.get(answer.topic or "")
    if topic is not None and topic.kind == "clinical" and answer.triage in ("none", "routine"):
        awaiting = waiting.awaited(s, caller)
        if awaiting is None or awaiting.question == waiting.FOLLOWUP:
            waiting.ask(s, caller.user_id, caller.chat_id, waiting.FOLLOWUP, answer_id)
    return answer_id if answer.more else None


def more_button(answer_id: int) -> Button:
    return Button(MORE_LABEL, cb.more(answer_id))


def more(s: Services, caller: Caller, rest: str) -> list[Reply]:
    """The "More" button: the details of that answer, at its level (the policy applies again)."""
    answer_id = cb.parse_id(rest)
    shown = s.storage.get_answer_shown(answer_id) if answer_id is not None else None
    if shown is None or shown.user_id != caller.user_id or not shown.more:
        return stale()
    return [enforce(Reply(shown.more, level=shown.level))]


def follow_up(s: Services, caller: Caller, text: str, answer: Answer) -> Answer | None:
    """The answer to `text` as a follow-up of the last answer's topic, or None when it is a new question.

    `answer` is the engine's answer to the text on its own: triage has run on it, and a follow-up never
    lowers its level (an escalated message is never a follow-up).
    """
    if answer.triage not in ("none", "routine") or s.follow_up is None:
        return None
    awaiting = waiting.awaited(s, caller)
    if awaiting is None or awaiting.question != waiting.FOLLOWUP:
        return None
    shown = s.storage.get_answer_shown(cb.parse_id(awaiting.subject) or 0)
    if shown is None or shown.user_id != caller.user_id or shown.topic not in s.kb.topics:
        return None
    continued = s.follow_up(text, shown.topic, answer)
    if continued is None or continued.triage != answer.triage and continued.triage == "none":
        return None
    return continued

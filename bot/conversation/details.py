"""Short first: the "More" button under an answer, and follow-ups that keep its thread.

Every answer with details is stored as it was shown (storage `answers_shown`: topic, level, the text
behind "More"), so its "More" button works after a restart and on any worker. The answer also becomes
what the bot waits for (`waiting.FOLLOWUP`, unless it already waits for something else, such as a pain
score): a short follow-up within half an hour ("and how long for?", "what about the other one?")
continues that answer's topic instead of starting afresh.
"""

from __future__ import annotations

from bot.engine import Answer
from bot.knowledge import sentences

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


def follow_up(s: Services, caller: Caller, text: str, answer: Answer,
              replied_to: str | None = None) -> Answer | None:
    """The answer to `text` as a follow-up of the last answer's topic, or None when it is a new question.

    `answer` is the engine's answer to the text on its own: triage has run on it, and a follow-up never
    lowers its level (an escalated message is never a follow-up). replied_to: the text of the bot's
    answer the message replies to (Telegram's reply), which names the topic even hours later.
    """
    if answer.triage not in ("none", "routine") or s.follow_up is None:
        return None
    topic = topic_of(s, replied_to) if replied_to else None
    if topic is None:
        awaiting = waiting.awaited(s, caller)
        if awaiting is None or awaiting.question != waiting.FOLLOWUP:
            return None
        shown = s.storage.get_answer_shown(cb.parse_id(awaiting.subject) or 0)
        if shown is None or shown.user_id != caller.user_id or shown.topic not in s.kb.topics:
            return None
        topic = shown.topic
    continued = s.follow_up(text, topic, answer)
    if continued is None or continued.triage != answer.triage and continued.triage == "none":
        return None
    return continued


def topic_of(s: Services, shown_text: str) -> str | None:
    """The clinical topic whose answer a message of the bot's shows (its short answer, a variant of it,
    or a sentence of its details)."""
    for topic in s.kb.topics.values():
        if topic.kind != "clinical":
            continue
        texts = (topic.short, *topic.variants.values())
        if any(t and t in shown_text for t in texts):
            return topic.id
    for topic in s.kb.topics.values():
        if topic.kind == "clinical" and any(len(x) > 40 and x in shown_text for x in sentences(topic.answer)):
            return topic.id
    return None

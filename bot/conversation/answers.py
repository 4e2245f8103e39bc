"""Free text: the engine's answer with triage first, suggestions when unsure, and 👍/👎 feedback."""

from __future__ import annotations

from dataclasses import replace

from bot.engine import Answer
from bot.engine.policy import allowance
from bot.knowledge import LEVELS, level_rank

from . import callbacks as cb
from . import corrections, details, intents, pain_log, profile, requests, safety_check, waiting
from .context import Services
from .replies import Button, Caller, Reply, button_name, rows, stale
from .safety import enforce

# The engine offers at most 3 exercises, chosen for the person's phase and stage; each gets a button.
MAX_EXERCISE_BUTTONS = 3

_NOT_TEXT = {
    "photo": "I can't look at photos.",
    "video": "I can't watch videos.",
    "voice": "I can't listen to voice messages.",
    "audio": "I can't listen to audio.",
    "sticker": "Nice sticker!",
    "location": "I don't use locations. To set your time zone, send /timezone and your city.",
    "document": "I can't open files.",
    "contact": "I don't use contacts.",
    "poll": "I can't take part in polls.",
    "emoji": "I can't read emoji on their own.",
}
_UNDERSTAND = ("I understand questions typed in words, for example \"how many reps should I do?\". "
               "You can also use /routine, /exercises or /help.")


def not_text(kind: str) -> list[Reply]:
    """Photos, stickers, voice, files, emoji-only text: say kindly what the bot understands."""
    return [Reply(f"{_NOT_TEXT.get(kind, 'I can only read text.')} {_UNDERSTAND}")]


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def answer_text(s: Services, caller: Caller, text: str, message_id: int | None = None,
                replied_to: str | None = None) -> list[Reply]:
    """A typed message (or a caption): the answer to what the bot awaits, or the engine's answer.

    message_id: the front-end's id of the message; its triage level is kept so an edit can be compared.
    """
    if not text.strip():  # e.g. only the bot's @name in a group
        return [Reply(f"Yes? {_UNDERSTAND}")]
    if not has_words(text):
        return not_text("emoji")
    user = s.user(caller)
    answer = s.ask(text, user)  # triage first, always: an emergency typed instead of a score stays one
    awaiting = waiting.awaited(s, caller)
    plain = _plain_no(awaiting, text, answer)
    if plain is not None:
        # "not really" to "had it settled?": the answer, not a new symptom (see _plain_no).
        assert awaiting is not None
        replies = (safety_check.typed(s, caller, awaiting, text, plain) if awaiting.question == waiting.CHECK
                   else typed_answer(s, caller, text))
        if replies is not None:
            _remember_level(s, caller, message_id, plain.triage)
            return replies
    _remember_level(s, caller, message_id, answer.triage)
    if awaiting is not None and awaiting.question == waiting.CHECK:
        # A safety question is open: the reply answers it (an emergency typed instead ends it).
        replies = safety_check.typed(s, caller, awaiting, text, answer)
        if replies is not None:
            return replies
    elif level_rank(answer.triage) < level_rank("urgent"):
        typed = typed_answer(s, caller, text)
        if typed is not None:
            return typed
        if answer.triage == "none":
            # A request typed without its command ("I did my exercises", "remind me at 8pm"), then a short
            # unclear reply to what the bot asked, which is asked again rather than guessed.
            intent = intents.read(text)
            if intent is not None:
                return requests.handle(s, caller, intent)
            again = requests.ask_back(s, caller, waiting.awaited(s, caller), text)
            if again is not None:
                return again
        # "And how long for?" right after an answer continues its topic (never lowering the level).
        answer = details.follow_up(s, caller, text, answer, replied_to) or answer
    if answer.check is not None:
        # A new injury or operation: the physio's questions come before the answer.
        questions = safety_check.start(s, caller, text, answer)
        if questions is not None:
            return questions
    return engine_replies(s, caller, text, answer)


# The awaited questions a bare "no" answers.
YES_NO = frozenset({waiting.SETTLED, waiting.CHECK, waiting.PROFILE})


def _plain_no(awaiting, text: str, answer: Answer) -> Answer | None:
    """The answer as the red-flag rules read it, when `text` is a bare "no" ("not really", "nah",
    "not really no") to an awaited yes/no question and only the learned safety net raised it.

    Such a text holds no symptom: every word of it is a "no" (intents.plain_no), so the rules find
    nothing in it, and a level the safety net alone gives it comes from the words "not really" out of
    context, not from a problem. It is read as the answer. Anything else typed instead of the answer
    (a symptom, an emergency) keeps its level and its reply; so does a bare "no" the net calls an emergency.
    """
    if awaiting is None or awaiting.question not in YES_NO or answer.triage in ("none", "emergency"):
        return None
    if set(answer.red_flags) != {"safety-net"} or not intents.plain_no(text):
        return None
    return replace(answer, triage="none", red_flags=(), check=None, check_questions=())


def answer_caption(s: Services, caller: Caller, kind: str, caption: str,
                   message_id: int | None = None) -> list[Reply]:
    """A photo, video or file with a caption: the caption is read and triaged like a typed message."""
    if not has_words(caption):
        return not_text(kind)
    return answer_text(s, caller, caption, message_id)


def answer_edit(s: Services, caller: Caller, text: str, message_id: int) -> list[Reply]:
    """An edited message: answered again only when the edit raises its triage level.

    Correcting a typo must not repeat an answer, but "it's fine" edited into "my calf is hot and
    swollen" must not go unanswered. A message the bot has no record of counts as answered at 'none'.
    """
    if not has_words(text):
        return []
    answer = s.ask(text, s.storage.get_user(caller.user_id))
    before = s.storage.message_level(caller.chat_id, message_id) or "none"
    if level_rank(answer.triage) <= level_rank(before if before in LEVELS else "none"):
        return []
    s.user(caller)
    _remember_level(s, caller, message_id, answer.triage)
    return engine_replies(s, caller, text, answer)


def _remember_level(s: Services, caller: Caller, message_id: int | None, level: str) -> None:
    if message_id is not None:
        s.storage.set_message_level(caller.user_id, caller.chat_id, message_id, level)


def engine_replies(s: Services, caller: Caller, text: str, answer: Answer) -> list[Reply]:
    """The engine's answer as a reply: suggestions, exercise and feedback buttons, as its level allows."""
    # Unanswered, for curators: the engine offered suggestions, found nothing, or called it off-topic.
    unsure = bool(answer.suggestions) or (answer.topic in (None, "off-topic") and answer.triage == "none")
    question_id = s.storage.log_question(caller.user_id, text, answer.topic, answer.triage, unsure)
    answer_id = details.remember(s, caller, question_id, answer)
    buttons: list[tuple[Button, ...]] = []
    if answer_id is not None:
        buttons.append((details.more_button(answer_id),))  # the details, short first
    suggestions = [Button(s.kb.topics[t].title, cb.topic(t, question_id))
                   for t in answer.suggestions if t in s.kb.topics]
    buttons += rows(suggestions, per_row=1)
    buttons += exercise_buttons(s, answer.exercises)
    # Votes only on answers worth rating: not under "hi", "thanks" or an off-topic reply.
    topic = s.kb.topics.get(answer.topic or "")
    if not (answer.topic == "off-topic" or (topic is not None and topic.kind == "smalltalk")):
        buttons.append(feedback_row(question_id))
    # The level decides what may stay: nothing under an emergency, no exercise under an urgent answer.
    return [enforce(Reply(answer.reply, tuple(buttons), level=answer.triage))]


def exercise_buttons(s: Services, exercise_ids) -> tuple[tuple[Button, ...], ...]:
    return rows([Button(f"📋 {button_name(s.kb.exercises[e].name)}", cb.exercise(e))
                 for e in exercise_ids[:MAX_EXERCISE_BUTTONS] if e in s.kb.exercises], per_row=1)


# The questions the bot can await, and how a typed answer to each is read (None: not an answer).
_TYPED_ANSWERS = {waiting.PAIN: pain_log.typed_pain, waiting.SETTLED: pain_log.typed_settled,
                  waiting.STAGE: requests.typed_stage, waiting.TIME: requests.typed_time,
                  waiting.PROFILE: profile.typed, waiting.DAY: corrections.typed_day}


def typed_answer(s: Services, caller: Caller, text: str) -> list[Reply] | None:
    """The replies when `text` answers what the bot is waiting for; None when it is a new message."""
    awaiting = waiting.awaited(s, caller)
    reader = _TYPED_ANSWERS.get(awaiting.question) if awaiting is not None else None
    return reader(s, caller, awaiting, text) if reader is not None else None


def feedback_row(question_id: int) -> tuple[Button, ...]:
    return (Button("👍 Helpful", cb.feedback("up", question_id)),
            Button("👎 Not helpful", cb.feedback("down", question_id)))


def topic(s: Services, caller: Caller, rest: str) -> list[Reply]:
    topic_id, _, question = rest.partition(":")
    found = s.kb.topics.get(topic_id)
    if found is None:
        return stale()
    user = s.user(caller)
    level = found.triage_floor
    question_id = cb.parse_id(question)
    asked = s.storage.get_question(question_id) if question_id else None
    if asked is not None and asked.user_id == user.user_id:
        s.storage.set_chosen_topic(asked.id, user.user_id, topic_id)  # tells curators what people meant
        if asked.triage in LEVELS and level_rank(asked.triage) > level_rank(level):
            level = asked.triage
    escalation = s.escalation(level)
    short = found.short_for(None)
    text = "\n\n".join(part for part in (escalation, short) if part)
    buttons: list[tuple[Button, ...]] = []
    if not allowance(level).answer_text:
        text = escalation or short  # the topic's answer waits until the person has been seen
    elif asked is not None and asked.user_id == user.user_id and found.answer.strip() != short:
        answer_id = s.storage.add_answer_shown(asked.id, user.user_id, caller.chat_id, topic_id, level,
                                               found.answer.strip())
        buttons.append((details.more_button(answer_id),))
    else:
        text = "\n\n".join(part for part in (escalation, found.answer) if part)  # nowhere to keep "More"
    buttons += exercise_buttons(s, found.exercises)
    return [enforce(Reply(text, tuple(buttons), level=level))]


def feedback(s: Services, caller: Caller, rest: str) -> list[Reply]:
    vote, _, question = rest.partition(":")
    question_id = cb.parse_id(question)
    if vote not in ("up", "down") or question_id is None:
        return stale()
    user = s.user(caller)
    if not s.storage.record_feedback(question_id, user.user_id, vote):
        return [Reply("Only the person who asked can rate this answer, and only while it is stored.",
                      notice=True)]
    text = "Thanks for the feedback!" if vote == "up" else "Thanks, noted: this helps improve the answers."
    return [Reply(text, notice=True, drop=(f"{cb.FEEDBACK}:",))]

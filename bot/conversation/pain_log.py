"""Logging sessions: how much each one hurt, whether that pain settled by the next morning, and /log.

One question at a time. After a session is recorded (Done, or /log) and after each answer,
`follow_up` asks the next open question, in this order:
1. did the previous session's pain settle by the next morning (when it is due, see rules.py);
2. how much today's session hurt (when today's session has no score yet);
3. a progression offer (next stage, or the band question), never while the advice holds progress.

The pain and settled questions are stored as what the bot awaits (waiting.py), so they can be answered
by typing too ("3", "3/10", "yes", "no"); `typed_pain` and `typed_settled` read such answers.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.knowledge import Stage
from bot.progress import advise, settled_question_due
from bot.progress.model import PAIN_MAX, PAIN_MIN
from bot.progress.rules import SECOND_SESSION_MIN_GAP_HOURS
from bot.storage import AwaitingRow, SessionRow, UserRow

from . import adaptation, intents, plan, waiting
from . import callbacks as cb
from .context import Services
from .history import record, records
from .log_input import LogInputError, parse_log
from .render import format_date
from .replies import Button, Caller, Reply, stale

NOT_YOURS = "Only the person who logged this session can answer that."


def _when(day: date, today: date) -> str:
    """'today', 'yesterday' or 'on Sunday 9 March'."""
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"on {format_date(day)}"


def pain_question(s: Services, user: UserRow, session: SessionRow, today: date) -> Reply:
    waiting.ask(s, user.user_id, user.chat_id, waiting.PAIN, session.id)
    scores = [Button(str(n), cb.pain(session.id, n)) for n in range(PAIN_MIN, PAIN_MAX + 1)]
    return Reply(f"How much did the exercises hurt {_when(session.local_date, today)}? "
                 f"Tap a number: {PAIN_MIN} = no pain at all, {PAIN_MAX} = the worst pain you can imagine.",
                 (tuple(scores[:6]), tuple(scores[6:])))


def settled_buttons(session: SessionRow) -> tuple[Button, ...]:
    return (Button("Yes, it settled", cb.settled(session.id, True)),
            Button("No, still sore", cb.settled(session.id, False)))


def settled_text(session: SessionRow, today: date) -> str:
    return (f"Did the pain from your session {_when(session.local_date, today)} ({session.pain}/10) settle "
            "by the next morning?")


def open_settled_question(s: Services, user: UserRow, today: date) -> SessionRow | None:
    """The previous session, when it is time to ask whether its pain settled."""
    previous = s.storage.last_session_before(user.user_id, today)
    if previous is None or not settled_question_due(record(previous), today):
        return None
    return previous


def settled_question(s: Services, user: UserRow) -> list[Reply]:
    """The settled-by-morning question when it is due (for /routine), else nothing."""
    today = s.today(user)
    previous = open_settled_question(s, user, today)
    if previous is None:
        return []
    waiting.ask(s, user.user_id, user.chat_id, waiting.SETTLED, previous.id)
    return [Reply(settled_text(previous, today), (settled_buttons(previous),))]


def follow_up(s: Services, user: UserRow) -> list[Reply]:
    """The next open question, if any (see the module docstring for the order)."""
    today = s.today(user)
    questions = settled_question(s, user)
    if questions:
        return questions
    todays = s.storage.session_on(user.user_id, today)
    if todays is not None and todays.pain is None:
        return [pain_question(s, user, todays, today)]
    return adaptation.offers(s, user, records(s.storage.sessions(user.user_id)), today)


def unscored_today(s: Services, user: UserRow) -> SessionRow | None:
    """Today's session while it has no pain score: its pain question is open, asked or not."""
    todays = s.storage.session_on(user.user_id, s.today(user))
    return todays if todays is not None and todays.pain is None else None


def ask_again(s: Services, user: UserRow) -> list[Reply]:
    """The session question a newer one (a safety check) took the place of: whether the previous
    session's pain settled, or how much today's hurt, asked again (never an offer)."""
    questions = settled_question(s, user)
    todays = unscored_today(s, user)
    if questions or todays is None:
        return questions
    return [pain_question(s, user, todays, s.today(user))]


def pain_typed_meanwhile(s: Services, caller: Caller, text: str) -> Reply | None:
    """A pain score typed while another question (a safety check) holds the waiting slot: it answers
    today's open pain question, which that question replaced, so it is stored, not taken for the
    other question's answer. None when `text` is no score in 0-10 or no session waits for one."""
    pain = read_score(text)
    user = s.user(caller)
    session = unscored_today(s, user)
    if pain is None or not PAIN_MIN <= pain <= PAIN_MAX or session is None:
        return None
    s.storage.set_session_pain(session.id, caller.user_id, pain)
    noted = f"Noted: pain {pain}/10 today, for today's session (/log list changes it)."
    return Reply(_with_advice(s, user, session.id, noted))


def after_session(s: Services, caller: Caller, session_id: int) -> list[Reply]:
    """What follows a session recorded with Done: the next question."""
    return follow_up(s, s.user(caller))


def _own_session(s: Services, caller: Caller, ident: str) -> SessionRow | list[Reply]:
    """The caller's session named by button data, or the replies that explain why not."""
    session_id = cb.parse_id(ident)
    session = s.storage.get_session(session_id) if session_id else None
    if session is None:
        return stale()
    if session.user_id != caller.user_id:
        return [Reply(NOT_YOURS, notice=True)]
    return session


def pain_answer(s: Services, caller: Caller, rest: str) -> list[Reply]:
    ident, _, score = rest.partition(":")
    pain = int(score) if score.isascii() and score.isdigit() and len(score) <= 2 else None
    if pain is None or not PAIN_MIN <= pain <= PAIN_MAX:
        return stale()
    session = _own_session(s, caller, ident)
    if isinstance(session, list):
        return session
    return _record_pain(s, caller, session, pain, edit=True)


def _record_pain(s: Services, caller: Caller, session: SessionRow, pain: int, edit: bool) -> list[Reply]:
    s.storage.set_session_pain(session.id, caller.user_id, pain)
    waiting.answered(s, caller, waiting.PAIN, session.id)
    user = s.user(caller)
    today = s.today(user)
    noted = f"Noted: pain {pain}/10 {_when(session.local_date, today)}."
    return [Reply(_with_advice(s, user, session.id, noted), edit=edit), *follow_up(s, user)]


def _with_advice(s: Services, user: UserRow, session_id: int, noted: str) -> str:
    """`noted` and the advice, unless the next question is whether this session's pain settled:
    then the advice waits for that answer (until then it would speak of a morning already past)."""
    open_question = open_settled_question(s, user, s.today(user))
    if open_question is not None and open_question.id == session_id:
        return noted
    return f"{noted}\n\n{advise(records(s.storage.sessions(user.user_id))).text}"


def settled_answer(s: Services, caller: Caller, rest: str) -> list[Reply]:
    ident, _, answer = rest.partition(":")
    settled = cb.parse_yes_no(answer)
    if settled is None:
        return stale()
    session = _own_session(s, caller, ident)
    if isinstance(session, list):
        return session
    return _record_settled(s, caller, session, settled)


def _record_settled(s: Services, caller: Caller, session: SessionRow, settled: bool) -> list[Reply]:
    s.storage.set_session_settled(session.id, caller.user_id, settled)
    waiting.answered(s, caller, waiting.SETTLED, session.id)
    user = s.user(caller)
    today = s.today(user)
    advice = advise(records(s.storage.sessions(user.user_id)))
    when = _when(session.local_date, today)
    noted = (f"Good: the pain from your session {when} had settled by the next morning." if settled else
             f"Thanks for telling me: the pain from your session {when} had not settled by the next morning.")
    # A new message, not an edit: the question may sit in a reminder whose other buttons must stay.
    return [Reply(f"{noted}\n\n{advice.text}", drop=(f"{cb.SETTLED}:",)), *follow_up(s, user)]


# ---------------------------------------------------------------- /log


def log_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    user = s.user(caller)
    today = s.today(user)
    try:
        request = parse_log(args, today)
    except LogInputError as exc:
        return [Reply(str(exc))]
    when = _when(request.day, today)
    stage = s.kb.stages.get(user.stage or "")
    session_id = record_session(s, user, request.day, "manual", request.pain, stage)
    if session_id is None:
        return _already_logged(s, user, request.day, request.pain, today)
    if request.pain is None:
        # Today's session gets the usual questions; a past one is asked about directly.
        logged = s.storage.get_session(session_id)
        assert logged is not None
        questions = follow_up(s, user) if request.day == today else [pain_question(s, user, logged, today)]
        return [Reply(f"Logged: a session {when}."), *questions]
    noted = f"Logged: a session {when}, pain {request.pain}/10."
    return [Reply(_with_advice(s, user, session_id, noted)), *follow_up(s, user)]


def record_session(s: Services, user: UserRow, day: date, source: str, pain: int | None,
           stage: Stage | None) -> int | None:
    """Record a session as the stage's weekly plan allows (sessions a day; a double tap is one)."""
    return s.storage.record_session_within(
        user.user_id, day, source, pain, per_day=plan.target_of(stage).sessions_per_day,
        min_gap=timedelta(hours=SECOND_SESSION_MIN_GAP_HOURS))


def per_day_text(stage: Stage | None) -> str:
    per_day = plan.target_of(stage).sessions_per_day
    return "One session a day is counted" if per_day == 1 else f"Up to {per_day} sessions a day are counted"


def not_recorded_text(s: Services, user: UserRow, today: date, stage: Stage | None) -> str:
    """Why Done recorded nothing: the day is full, or a session was recorded moments ago."""
    count = len(s.storage.sessions_on(user.user_id, today))
    if count < plan.target_of(stage).sessions_per_day:
        return (f"I recorded a session a moment ago ({format_date(today)}), so I haven't counted it twice. "
                f"A second session today counts after a break of at least {SECOND_SESSION_MIN_GAP_HOURS} "
                "hours.")
    if count > 1:
        return f"Today's {count} sessions are already recorded ({format_date(today)}). Well done!"
    return f"Today's session is already recorded ({format_date(today)}). Well done!"


def _already_logged(s: Services, user: UserRow, day: date, pain: int | None, today: date) -> list[Reply]:
    existing = s.storage.session_on(user.user_id, day)
    assert existing is not None
    when = _when(day, today)
    if existing.pain is None and pain is not None:
        # The session was recorded with Done and its pain question skipped: this completes it.
        s.storage.set_session_pain(existing.id, user.user_id, pain)
        noted = f"You had already logged a session {when}; I've added the pain score, {pain}/10."
        return [Reply(_with_advice(s, user, existing.id, noted)), *follow_up(s, user)]
    scored = f" (pain {existing.pain}/10)" if existing.pain is not None else ""
    stage = s.kb.stages.get(user.stage or "")
    replies = [Reply(f"You already logged a session {when}{scored}, so I haven't added another. "
                     f"{per_day_text(stage)} at your stage, and two within "
                     f"{SECOND_SESSION_MIN_GAP_HOURS} hours count as one.")]
    if existing.pain is None:
        replies.append(pain_question(s, user, existing, today))
    return replies


# ---------------------------------------------------------------- typed answers

# "3", "3/10", "3 / 10", "3 out of 10", "pain 3", "about a 3", with a full stop or not.
_TYPED_SCORE = re.compile(r"^(?:(?:my\s+)?pain(?:\s+(?:is|was|of))?\s*:?\s*)?"
                          r"(?:about\s+|around\s+)?(?:an?\s+)?(\d{1,3})\s*(?:/\s*10|out\s+of\s+10)?\s*[.!]?$")
_YES = frozenset({"yes", "y", "yeah", "yep", "yup", "it did", "yes it did", "yes it settled", "it settled",
                  "settled", "yes settled", "all good", "fine", "all good this morning", "yes all good",
                  "yes fine", "back to normal", "yes back to normal", "it was fine", "yes it was fine"})
_NO = frozenset({"no", "n", "nope", "not really", "no it didnt", "no it did not", "it didnt", "it did not",
                 "still sore", "no still sore", "not settled", "no not settled", "still hurts",
                 "no it still hurts", "it still hurts", "no still hurts", "no it is still sore",
                 "its still sore", "no its still sore"})
# Typed without digits: "no pain", "zero", "a three", "it didn't hurt".
_WORD_SCORES = {"zero": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NO_PAIN = frozenset({"no pain", "no pain at all", "none", "nothing", "not at all", "painless", "zero pain",
                      "did not hurt", "it did not hurt", "did not hurt at all", "it did not hurt at all",
                      "no it did not hurt", "no pain whatsoever", "pain free", "painfree"})


def awaited_session(s: Services, caller: Caller, awaiting: AwaitingRow) -> SessionRow | None:
    """The caller's session the awaited question is about; a wait for a gone session is dropped."""
    session_id = cb.parse_id(awaiting.subject)
    session = s.storage.get_session(session_id) if session_id else None
    if session is None or session.user_id != caller.user_id:
        s.storage.clear_awaiting(caller.user_id, awaiting.chat_id)
        return None
    return session


def read_score(text: str) -> int | None:
    """The number of a typed pain score ("3", "3/10", "about a 5", "no pain"), in range or not."""
    words = intents.normalise(text)
    if words in _NO_PAIN:
        words = "0"
    words = " ".join(str(_WORD_SCORES.get(word, word)) for word in words.split())
    match = _TYPED_SCORE.match(words) or _TYPED_SCORE.match(" ".join(text.lower().split()))
    return int(match.group(1)) if match else None


def typed_pain(s: Services, caller: Caller, awaiting: AwaitingRow, text: str) -> list[Reply] | None:
    """A typed pain score answering the awaited pain question; None when the text is not one."""
    pain = read_score(text)
    if pain is None:
        return None
    session = awaited_session(s, caller, awaiting)
    if session is None:
        return None
    if not PAIN_MIN <= pain <= PAIN_MAX:
        user = s.user(caller)
        return [Reply(f"Pain is scored from {PAIN_MIN} to {PAIN_MAX}, so I can't store {pain}. "
                      f"{PAIN_MIN} means no pain at all, {PAIN_MAX} the worst pain you can imagine."),
                pain_question(s, user, session, s.today(user))]
    return _record_pain(s, caller, session, pain, edit=False)


def typed_settled(s: Services, caller: Caller, awaiting: AwaitingRow, text: str) -> list[Reply] | None:
    """A typed yes or no answering the awaited settled-by-morning question; None when it is neither."""
    words = " ".join(re.sub(r"[^a-z ]", "", text.lower().replace("'", "")).split())
    settled = True if words in _YES else False if words in _NO or intents.plain_no(text) else None
    if settled is None:
        return None
    session = awaited_session(s, caller, awaiting)
    if session is None:
        return None
    return _record_settled(s, caller, session, settled)

"""The safety check in a conversation: the physio's questions asked before the answer, with buttons.

The engine says which check a message needs (`Answer.check`, see bot/engine/check.py; never at urgent or
above). Here the questions are asked one at a time with Yes / No / Skip buttons, through the stored
waiting state (waiting.CHECK), so a typed answer is understood too:

- A typed answer is triaged first (answers.py): an emergency typed in reply gets the emergency answer
  and ends the check. "yes", "no", "a bit", "can't walk at all" are read by `read_typed`; "a bit",
  "barely" or "maybe" count as the worrying answer. A typed answer that is not understood is asked
  again once; the second time the safer (worrying) answer is taken. A typed answer that needs care on
  its own ("my calf is hot and swollen") counts as the worrying answer and is triaged with the message.
- After the answers, the message is triaged again together with the sentences the worrying answers add,
  by the same rules (never lower than the message alone); the answer follows at the level decided, with
  exercises only where the safety policy allows. An emergency answer ends the questions at once.
- "Skip" gives the answer with the safety advice for each question not asked.
- One check per episode (one injury or operation): a later message about the same problem gets its
  answer straight away. A new injury or operation ("rolled it again", "another operation"), or 14 days
  without a message about it, starts another episode. Buttons of an ended check, or of a question
  already answered, are out of date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from bot.engine import Answer
from bot.engine.check import added_sentences, marks_new_episode
from bot.engine.normalise import clean, tokens
from bot.knowledge import SafetyCheck, SafetyQuestion, level_rank
from bot.storage import CHECK_MESSAGE_LIMIT, AwaitingRow, SafetyCheckRow

from . import answers, pain_log, waiting
from . import callbacks as cb
from .context import Services
from .replies import Button, Caller, Reply, stale

# One episode: 14 days without a message about it starts another.
EPISODE = timedelta(days=14)
# A typed answer that is not understood is asked again this many times; then the safer answer is taken.
MAX_UNCLEAR = 1
NOT_YOURS = "Only the person who was asked can answer this question."
NOTHING_FOUND = "Thanks. Nothing in your answers needs a same-day check."
SKIPPED = "You skipped the safety questions, so please keep this in mind:"
AGAIN = "Sorry, I didn't catch that. Please answer Yes or No (or tap a button):"
RAISED = "Please answer the last question(s) too, in case it is more serious:"

SKIP = "skip"
PARTIAL = "partial"


def _phrases(words: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(words.split("|"), key=len, reverse=True)) + r")\b")


_SKIP = _phrases("skip|skip it|skip them|skip this|no more questions|rather not say|rather not answer")
_UNSURE = _phrases("not sure|unsure|dont know|do not know|no idea|cannot tell|cant tell|no clue|idk|dunno")
_PARTIAL = _phrases("a bit|a little|bit|little|slightly|somewhat|kind of|kinda|sort of|sorta|maybe|partly|"
                    "partially|sometimes|barely|hardly|just about|only just|with difficulty|not fully|"
                    "possibly|probably|i think so|a few steps|mildly|mild")
_YES = _phrases("yes|y|yeah|yea|yep|yup|ya|yah|aye|sure|correct|definitely|absolutely|it does|they are|it is|"
                "i can|i could|i did|true|indeed|affirmative")
_NO = _phrases("no|n|nope|nah|not at all|not really|none|never|negative|it doesnt|it does not|they arent|"
               "they are not|it isnt|it is not|cannot|couldnt|could not|unable|no way")


def read_typed(text: str) -> bool | str | None:
    """A typed answer to a Yes/No question: True, False, PARTIAL ("a bit"), SKIP, or None (unclear)."""
    said = " ".join(tokens(clean(text)))
    if not said:
        return None
    if _SKIP.search(said):
        return SKIP
    if _UNSURE.search(said):
        return None
    if _PARTIAL.search(said):
        return PARTIAL
    first = said.split()[0]
    if _YES.fullmatch(first):
        return True
    if _NO.fullmatch(first):
        return False
    yes, no = bool(_YES.search(said)), bool(_NO.search(said))
    return yes if yes != no else None


def _check(s: Services, check_id: str | None) -> SafetyCheck | None:
    return next((c for c in s.kb.safety_checks if c.id == check_id), None)


def _next_question(check: SafetyCheck, row: SafetyCheckRow) -> tuple[int, SafetyQuestion] | None:
    return next(((i, q) for i, q in enumerate(check.questions) if q.id not in row.answers), None)


def start(s: Services, caller: Caller, text: str, answer: Answer) -> list[Reply] | None:
    """The first question of the check the message needs; None when it is answered straight away
    (this episode had its check already)."""
    check = _check(s, answer.check)
    if check is None or len(text) > CHECK_MESSAGE_LIMIT:
        return None  # a pasted page is answered as it is: the check triages the whole message again
    latest = s.storage.latest_safety_check(caller.user_id, check.id)
    recent = latest is not None and s.clock() - latest.last_seen_at <= EPISODE
    if latest is not None and latest.outcome is None:
        if recent:
            # Asked but not answered yet: the open question again, about the newer message.
            s.storage.update_safety_check(latest.id, message=text, level=answer.triage)
            row = s.storage.get_safety_check(latest.id)
            assert row is not None
            return [_ask(s, caller, check, row, answer.triage, intro=True)]
        s.storage.finish_safety_check(latest.id, "abandoned")  # its buttons are out of date now
    elif recent and latest is not None and not marks_new_episode(check, text):
        s.storage.touch_safety_check(latest.id)  # the same episode: it goes on
        return None
    row = s.storage.start_safety_check(caller.user_id, caller.chat_id, check.id, text, answer.triage)
    return [_ask(s, caller, check, row, answer.triage, intro=True)]


def _ask(s: Services, caller: Caller, check: SafetyCheck, row: SafetyCheckRow, level: str,
         intro: bool = False, again: bool = False) -> Reply:
    found = _next_question(check, row)
    assert found is not None
    number, question = found
    waiting.ask(s, caller.user_id, caller.chat_id, waiting.CHECK, f"{row.id}:{question.id}")
    lines = []
    if level_rank(level) > level_rank(row.level):
        # An answer has raised the level: said at once, in case the person stops answering here.
        lines += [s.escalation(level) or "", RAISED]
    if intro:
        lines.append(check.intro.format(count=len(check.questions)))
    if again:
        lines.append(AGAIN)
    lines.append(f"{number + 1}/{len(check.questions)}. {question.text}")
    buttons = (
        (Button("Yes", cb.check_answer(row.id, question.id, True)),
         Button("No", cb.check_answer(row.id, question.id, False))),
        (Button("Skip the questions", cb.check_answer(row.id, question.id, None)),),
    )
    return Reply("\n\n".join(lines), buttons, level=level)


def button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    """A Yes / No / Skip button of a safety question."""
    ident, _, tail = rest.partition(":")
    question_id, _, value = tail.rpartition(":")
    row_id = cb.parse_id(ident)
    row = s.storage.get_safety_check(row_id) if row_id else None
    if row is None or value not in ("y", "n", cb.SKIP):
        return stale()
    if row.user_id != caller.user_id:
        return [Reply(NOT_YOURS, notice=True)]
    check = _check(s, row.check_id)
    found = _next_question(check, row) if check is not None else None
    if check is None or row.outcome is not None or found is None or found[1].id != question_id:
        return stale()  # used up: the check has ended, or this question has its answer
    if value == cb.SKIP:
        return _skip(s, caller, check, row)
    return _record(s, caller, check, row, found[1], value == "y", row.said)


def typed(s: Services, caller: Caller, awaiting: AwaitingRow, text: str,
          answer: Answer) -> list[Reply] | None:
    """A typed reply while a safety question is open (`answer`: the reply triaged on its own, first).
    None when the question is no longer open: then it is a new message."""
    ident, _, question_id = awaiting.subject.partition(":")
    row_id = cb.parse_id(ident)
    row = s.storage.get_safety_check(row_id) if row_id else None
    check = _check(s, row.check_id) if row is not None else None
    found = _next_question(check, row) if row is not None and check is not None else None
    if row is None or check is None or row.outcome is not None or found is None or found[1].id != question_id:
        waiting.ended(s, caller, waiting.CHECK)
        return None
    if answer.triage == "emergency":
        # Nothing may delay the emergency answer: the check ends with it.
        s.storage.finish_safety_check(row.id, "emergency")
        waiting.ended(s, caller, waiting.CHECK)
        return answers.engine_replies(s, caller, text, answer)
    reading = read_typed(text)
    if reading == SKIP:
        return _skip(s, caller, check, row)
    if reading is None and answer.triage == "none":
        # "3" after Done, then these questions: today's pain score, not an unclear answer to this one.
        noted = pain_log.pain_typed_meanwhile(s, caller, text)
        if noted is not None:
            return [noted, _ask(s, caller, check, row, answer.triage)]
    said = row.said + ((text,) if answer.triage != "none" else ())
    if reading is None and answer.check is not None:
        # Not an answer but a new problem that needs its own questions ("I had ankle surgery 2 weeks
        # ago"): a new message. The same problem again re-asks the open question (see `start`).
        waiting.ended(s, caller, waiting.CHECK)
        return None
    if reading is None and level_rank(answer.triage) >= level_rank("urgent"):
        reading = PARTIAL  # "my calf is hot and swollen": a worrying answer in its own words
    if reading is None:
        if row.unclear < MAX_UNCLEAR:
            s.storage.update_safety_check(row.id, said=said, unclear=row.unclear + 1)
            return [_ask(s, caller, check, row, answer.triage, again=True)]
        reading = PARTIAL  # unclear twice: err to the safer level
    value = None if reading == PARTIAL else bool(reading)
    return _record(s, caller, check, row, found[1], value, said)


def _record(s: Services, caller: Caller, check: SafetyCheck, row: SafetyCheckRow, question: SafetyQuestion,
            value: bool | None, said: tuple[str, ...]) -> list[Reply]:
    """Store one answer (True yes, False no, None taken as the worrying one); ask on, or decide."""
    answered = {**row.answers, question.id: value}
    s.storage.update_safety_check(row.id, answers=answered, said=said, unclear=0)
    row = s.storage.get_safety_check(row.id)
    assert row is not None
    so_far = _with_answers(s, check, row)
    if so_far.triage == "emergency" or _next_question(check, row) is None:
        return _decide(s, caller, row, so_far)
    return [_ask(s, caller, check, row, so_far.triage)]


def _with_answers(s: Services, check: SafetyCheck, row: SafetyCheckRow) -> Answer:
    """The message's answer with what the answers so far add (the engine never goes below the message's
    own level: the whole message is stored, see `start`)."""
    return s.answer(row.message, also=added_sentences(check, row.answers) + row.said)


def _decide(s: Services, caller: Caller, row: SafetyCheckRow, final: Answer) -> list[Reply]:
    """The answer after the questions: at the level the answers decided (never below the message's)."""
    s.storage.finish_safety_check(row.id, final.triage)
    waiting.ended(s, caller, waiting.CHECK)
    replies = answers.engine_replies(s, caller, row.message, final)
    if level_rank(final.triage) <= level_rank(row.level):
        replies[0] = replace(replies[0], text=f"{NOTHING_FOUND}\n\n{replies[0].text}")
    return replies + _asked_again(s, caller, final)


def _asked_again(s: Services, caller: Caller, final: Answer) -> list[Reply]:
    """The session question the check took the waiting slot from (today's pain, whether yesterday's
    settled), asked again once the check has its answer; never after an emergency answer."""
    if final.triage == "emergency":
        return []
    return pain_log.ask_again(s, s.user(caller))


def _skip(s: Services, caller: Caller, check: SafetyCheck, row: SafetyCheckRow) -> list[Reply]:
    """The answer without the questions left, with the safety advice for what was not checked."""
    final = _with_answers(s, check, row)
    s.storage.finish_safety_check(row.id, "skipped")
    waiting.ended(s, caller, waiting.CHECK)
    replies = answers.engine_replies(s, caller, row.message, final)
    if final.triage == "emergency":
        return replies  # an emergency answer carries nothing else
    advice = [q.if_skipped.format(emergency_number=s.number)
              for q in check.questions if q.id not in row.answers]
    text = "\n".join([SKIPPED, *(f"• {line}" for line in advice)]) + f"\n\n{replies[0].text}"
    replies[0] = replace(replies[0], text=text)
    return replies + _asked_again(s, caller, final)

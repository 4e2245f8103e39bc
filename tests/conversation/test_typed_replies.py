"""The typed-reply set (typed_replies.py, written before the intent reader) through the conversation
over the real knowledge base and engine: zero wrong destructive actions, and the outcome each case
names for nearly all of them.

A wrong destructive action is any change to what is stored (a session, a pain score, a settled answer,
the stage, a reminder) other than the one the case expects.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from typed_replies import CASES  # the set, next to this file

from bot.conversation import Caller, Conversation
from bot.storage import Storage

ME = Caller(1, 1, "Ann")


class Scheduler:
    def schedule(self, reminder_id: int) -> None: ...

    def unschedule(self, reminder_id: int) -> None: ...

    def snooze(self, reminder_id, until) -> None: ...


def _setup(storage: Storage, conv: Conversation, context: str, today) -> None:
    storage.ensure_user(1, 1)
    if context != "stage":  # asked for a stage: a new person, without one yet
        storage.set_stage(1, "strengthening", today - timedelta(days=30))
    storage.add_reminder(1, 1, "06:45")
    if context == "pain":
        conv.handle_button(ME, "done:routine")
    elif context == "settled":
        storage.record_session(1, today - timedelta(days=1), "routine", 4)
        conv.handle_command(ME, "routine")
    elif context == "stage":
        conv.handle_command(ME, "stage")
    elif context == "time":
        conv.handle_command(ME, "remind")
    assert context == "none" or storage.get_awaiting(1, 1).question == context


def _state(storage: Storage) -> dict:
    user = storage.get_user(1)
    return {
        "sessions": [(s.id, s.local_date, s.pain, s.settled_by_morning) for s in storage.sessions(1)],
        "reminders": sorted(r.local_time for r in storage.reminders_for(1)),
        "stage": user.stage if user else None,
    }


def _changes(before: dict, after: dict, today) -> list[str]:
    changes = []
    old = {s[0]: s for s in before["sessions"]}
    for sid, day, pain, settled in after["sessions"]:
        if sid not in old:
            changes.append("log" if day == today else "log-yesterday" if day == today - timedelta(days=1)
                           else f"log-{day}")
            continue
        if pain != old[sid][2]:
            changes.append(f"pain={pain}")
        if settled != old[sid][3]:
            changes.append(f"settled={'yes' if settled else 'no'}")
    if len(after["sessions"]) < len(before["sessions"]):
        changes.append("deleted")
    if after["stage"] != before["stage"]:
        changes.append(f"stage={after['stage']}")
    if after["reminders"] != before["reminders"]:
        added = [t for t in after["reminders"] if t not in before["reminders"]]
        gone = [t for t in before["reminders"] if t not in after["reminders"]]
        if added and gone:
            changes.append(f"change={added[0]}")
        elif added:
            changes.append(f"remind={added[0]}")
        else:
            changes.append("stopped")
    return changes


def _outcome(replies, changes: list[str]) -> str:
    if changes:
        return "+".join(changes)
    if any(r.level == "emergency" for r in replies):
        return "emergency"
    datas = [b.data for r in replies for b in r.all_buttons()]
    body = "\n".join(r.text for r in replies)
    if any(d.startswith("rem:stopall") for d in datas):
        return "confirm-stop"
    if "Today's routine:" in body:
        return "routine"
    if "Pain is scored from 0 to 10" in body:
        return "out-of-range"
    if any(d.startswith("fb:") for d in datas) or r"Something in your message" in body:
        return "answer"
    return "ask"


def _destructive(expected: str) -> bool:
    return expected not in ("routine", "confirm-stop", "ask", "answer", "emergency", "out-of-range")


def run_case(tmp_path, clock, context: str, text: str) -> tuple[str, list[str]]:
    storage = Storage(clock=clock)
    try:
        conv = Conversation.create(storage, clock=clock, scheduler=Scheduler(), emergency_number="112")
        user = storage.ensure_user(1, 1)
        today = conv.services.today(user)
        _setup(storage, conv, context, today)
        before = _state(storage)
        replies = conv.handle_text(ME, text)
        changes = _changes(before, _state(storage), today)
        return _outcome(replies, changes), changes
    finally:
        storage.close()


def test_the_set_has_at_least_100_replies_for_every_awaited_question():
    assert len(CASES) >= 100
    assert {context for context, _, _ in CASES} == {"none", "pain", "settled", "stage", "time"}


@pytest.mark.parametrize("context, text, expected", CASES, ids=[f"{c}:{t[:30]}" for c, t, _ in CASES])
def test_no_wrong_destructive_action(tmp_path, clock, context, text, expected):
    outcome, changes = run_case(tmp_path, clock, context, text)
    if changes:  # something stored changed: it must be exactly what the case expects
        assert outcome == expected, f"{text!r} ({context}): {outcome}, expected {expected}"


def test_outcomes_as_named(tmp_path, clock):
    wrong = []
    for context, text, expected in CASES:
        outcome, _ = run_case(tmp_path, clock, context, text)
        # "ask" and "answer" both leave everything as it was; they are told apart only roughly here.
        if outcome != expected and {outcome, expected} != {"ask", "answer"}:
            wrong.append(f"{context:8} {text!r}: {outcome} (expected {expected})")
    print(f"\n{len(CASES) - len(wrong)} of {len(CASES)} as named", *wrong, sep="\n")
    assert len(wrong) <= len(CASES) // 20, "\n".join(wrong)  # at least 95 % as named

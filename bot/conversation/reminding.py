"""/remind, /reminders, cancel and snooze, and the text of the reminder itself.

The front-end's scheduler only mirrors the database; every change goes to storage first.
"""

from __future__ import annotations

from dataclasses import replace

from bot.reminders import (
    MAX_REMINDERS_PER_USER,
    SNOOZE,
    ReminderInputError,
    describe_days,
    parse_days,
    parse_time,
    zone,
)
from bot.storage import ReminderRow

from . import callbacks as cb
from . import pain_log, waiting
from .context import Services
from .replies import Button, Caller, Reply, rows, stale
from .timezones import describe_zone

COMMON_TIMES = ("07:00", "07:30", "08:00", "12:00", "18:00", "20:00")
NO_REMINDERS_HERE = "Reminders are sent through Telegram; here I can't remind you."


def remind_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    user = s.user(caller)
    if not args:
        return [Reply(
            "When should I remind you? Send /remind and a time, e.g. /remind 07:30, or with days: "
            f"/remind 18:00 mon,wed,fri (or weekdays). Times are in your time zone, "
            f"{describe_zone(user.timezone)}. Or pick a time:",
            rows([Button(t, cb.remind(t)) for t in COMMON_TIMES], per_row=3))]
    try:
        local_time = parse_time(args[0])
        days = parse_days(args[1:])
    except ReminderInputError as exc:
        return [Reply(str(exc))]
    return _add(s, caller, local_time, days)


def remind_button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    try:
        local_time = parse_time(rest)
    except ReminderInputError:
        return stale()
    return [replace(reply, drop=(f"{cb.REMIND}:",)) for reply in _add(s, caller, local_time, "0123456")]


def _add(s: Services, caller: Caller, local_time: str, days: str) -> list[Reply]:
    assert s.scheduler is not None
    user = s.user(caller)
    existing = s.storage.reminders_for(user.user_id)
    if len(existing) >= MAX_REMINDERS_PER_USER and all(r.local_time != local_time for r in existing):
        return [Reply(f"You already have {MAX_REMINDERS_PER_USER} reminders; "
                      "cancel one in /reminders first.")]
    reminder = s.storage.add_reminder(user.user_id, caller.chat_id, local_time, days)
    s.scheduler.schedule(reminder.id)
    text = (f"Reminder set: {local_time} {describe_days(days)} ({describe_zone(user.timezone)} time). "
            "/reminders lists and cancels them.")
    if user.timezone == "UTC":
        text += ("\n\nYour time zone is UTC. If you live elsewhere, set it with /timezone and your city "
                 f"(e.g. /timezone Berlin) so the reminder comes at {local_time} your time.")
    return [Reply(text)]


def list_reminders(s: Services, caller: Caller) -> list[Reply]:
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    user = s.user(caller)
    reminders = s.storage.reminders_for(user.user_id)
    if not reminders:
        return [Reply("You have no reminders. /remind 07:30 sets one.")]
    lines = [f"Your reminders ({describe_zone(user.timezone)} time):"]
    lines += [f"{n}. {r.local_time} {describe_days(r.days)}" for n, r in enumerate(reminders, start=1)]
    buttons = [Button(f"Cancel {r.local_time}", cb.cancel_reminder(r.id)) for r in reminders]
    return [Reply("\n".join(lines), rows(buttons))]


def reminder_button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    action, _, ident = rest.partition(":")
    reminder_id = cb.parse_id(ident)
    if action != "cancel" or reminder_id is None:
        return stale()
    reminder = s.storage.get_reminder(reminder_id)
    if reminder is None or not s.storage.cancel_reminder(reminder_id, caller.user_id):
        return [Reply("That reminder no longer exists. /reminders shows the current ones.")]
    if s.scheduler:
        s.scheduler.unschedule(reminder_id)
    return [Reply(f"Reminder at {reminder.local_time} cancelled.", drop=(cb.cancel_reminder(reminder_id),))]


def snooze(s: Services, caller: Caller, rest: str) -> list[Reply]:
    reminder_id = cb.parse_id(rest)
    reminder = s.storage.get_reminder(reminder_id) if reminder_id else None
    if reminder is None or not reminder.active or reminder.user_id != caller.user_id or s.scheduler is None:
        return [Reply("That reminder no longer exists. /reminders shows the current ones.")]
    user = s.user(caller)
    if s.storage.has_session_on(user.user_id, s.today(user)):
        return [Reply("Today's session is already recorded, so no need to remind you. Well done!")]
    until = s.clock() + SNOOZE
    s.storage.set_snooze(reminder.id, user.user_id, until)
    s.scheduler.snooze(reminder.id, until)
    return [Reply(f"OK, I'll remind you again at {until.astimezone(zone(user.timezone)):%H:%M}.",
                  drop=(f"{cb.SNOOZE}:",))]


def reminder_message(s: Services, reminder: ReminderRow) -> Reply:
    user = s.storage.get_user(reminder.user_id)
    stage = s.kb.stages.get(user.stage or "") if user else None
    routine = f"your {stage.name} routine" if stage else "your ankle exercises"
    text = f"⏰ Time for {routine}!"
    buttons = ((Button("Show routine", cb.ROUTINE),),
               (Button("✅ Done", cb.done("reminder", user.epoch if user else "")),
                Button("Snooze 30 min", cb.snooze(reminder.id))))
    # The morning after a session is when to ask whether its pain settled (pain-monitoring model).
    if user is not None:
        today = s.today(user)
        previous = pain_log.open_settled_question(s, user, today)
        if previous is not None:
            text += f"\n\n{pain_log.settled_text(previous, today)}"
            buttons += (pain_log.settled_buttons(previous),)
            waiting.ask(s, reminder.user_id, reminder.chat_id, waiting.SETTLED, previous.id)
    return Reply(text, buttons)

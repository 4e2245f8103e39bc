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
from . import pain_log, plan, profile, waiting
from .context import Services
from .replies import Button, Caller, Reply, button_name, rows, stale
from .timezones import describe_zone

COMMON_TIMES = ("07:00", "07:30", "08:00", "12:00", "18:00", "20:00")
NO_REMINDERS_HERE = "Reminders are sent through Telegram; here I can't remind you."


def remind_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    user = s.user(caller)
    if not args:
        waiting.ask(s, caller.user_id, caller.chat_id, waiting.TIME)
        return [Reply(
            "When should I remind you? Send /remind and a time, e.g. /remind 07:30, or with days: "
            f"/remind 18:00 mon,wed,fri (or weekdays). Times are in your time zone, "
            f"{describe_zone(user.timezone)}. Or pick a time (or type it, like 8pm):",
            time_buttons())]
    if args[0].lower() in ("off", "stop", "none", "cancel"):
        return confirm_stop(s, caller)  # "/remind off": asked to confirm, like "stop the reminders"
    if len(args) > 1 and args[1].lower().replace(".", "") in ("am", "pm"):
        args = [args[0] + args[1], *args[2:]]  # "/remind 8 pm"
    try:
        local_time = parse_time(args[0])
        days = parse_days(args[1:])
    except ReminderInputError as exc:
        return [Reply(str(exc))]
    return _add(s, caller, local_time, days)


def time_buttons() -> tuple[tuple[Button, ...], ...]:
    return rows([Button(t, cb.remind(t)) for t in COMMON_TIMES], per_row=3)


def change_reminder(s: Services, caller: Caller, local_time: str) -> list[Reply]:
    """"Change my reminder to 8:00": the one reminder moves; with none, one is set; with several, ask."""
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    user = s.user(caller)
    reminders = s.storage.reminders_for(user.user_id)
    if not reminders:
        return _add(s, caller, local_time, "0123456")
    if len(reminders) > 1:
        return [Reply(f"You have {len(reminders)} reminders, so I'm not sure which one to move; I haven't "
                      f"changed any. Cancel the one you don't want in /reminders, then send /remind "
                      f"{local_time}.")]
    [old] = reminders
    if old.local_time == local_time:
        return [Reply(f"Your reminder is already at {local_time}. /reminders shows it.")]
    added = _add(s, caller, local_time, old.days)
    if s.storage.cancel_reminder(old.id, user.user_id):
        s.scheduler.unschedule(old.id)
    return [Reply(f"Moved your reminder from {old.local_time} to {local_time} {describe_days(old.days)} "
                  f"({describe_zone(user.timezone)} time).")] + added[1:]


def confirm_stop(s: Services, caller: Caller) -> list[Reply]:
    """"Stop the reminders": asked back with buttons; nothing is stopped by typing alone."""
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    user = s.user(caller)
    reminders = s.storage.reminders_for(user.user_id)
    if not reminders:
        return [Reply("You have no reminders, so there is nothing to stop. /remind 07:30 sets one.")]
    listed = ", ".join(f"{r.local_time} {describe_days(r.days)}" for r in reminders)
    return [Reply(f"Stop all your reminders ({listed})?",
                  ((Button("Yes, stop them", cb.with_epoch(f"{cb.REMINDER}:stopall", user.epoch)),
                    Button("No, keep them", f"{cb.REMINDER}:keep")),))]


def _stop_all(s: Services, caller: Caller) -> list[Reply]:
    stopped = []
    for reminder in s.storage.reminders_for(caller.user_id):
        if s.storage.cancel_reminder(reminder.id, caller.user_id):
            stopped.append(reminder.local_time)
            if s.scheduler:
                s.scheduler.unschedule(reminder.id)
    if not stopped:
        return [Reply("You have no reminders left to stop.", edit=True)]
    return [Reply(f"Done: I've stopped your reminders ({', '.join(stopped)}). /remind 07:30 sets a new one "
                  "whenever you like.", edit=True)]


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
    waiting.answered(s, caller, waiting.TIME, "")
    text = (f"Reminder set: {local_time} {describe_days(days)} ({describe_zone(user.timezone)} time). "
            "/reminders lists and cancels them.")
    if user.timezone == "UTC" and not user.timezone_chosen:
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
    if action == "stopall" and not ident:
        return _stop_all(s, caller)
    if action == "keep" and not ident:
        return [Reply("OK, your reminders stay as they are.", edit=True)]
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
    # Early mobility only while the profile says cast or boot.
    stage = profile.routine_stage(s, user) if user else None
    routine = f"your {stage.name} routine" if stage else "your ankle exercises"
    text = f"⏰ Time for {routine}!"
    if user is not None and stage is not None:
        # What today holds and the week so far, so the reminder is worth opening.
        today = s.today(user)
        names = [button_name(s.kb.exercises[i.exercise_id].name) for i in stage.items
                 if i.exercise_id in s.kb.exercises]
        day = plan.plan_today(s, user, stage, today)
        if not day.training:
            text = f"⏰ Today is a rest day in your {stage.name} plan ({day.reason})."
        text += f"\nToday's exercises: {', '.join(names)}.\n{plan.week_so_far(s, user, stage, today)}"
        if profile.in_cast(s, user):
            text += "\nIn a cast or boot: follow your team's instructions and do only what they have allowed."
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

"""/remind, /reminders, cancel, snooze, pause and stop, and the text of the reminder itself.

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
    pause_end,
    zone,
)
from bot.storage import ReminderRow

from . import callbacks as cb
from . import pain_log, plan, profile, waiting
from .context import Services
from .render import format_date
from .replies import Button, Caller, Reply, button_name, rows, stale
from .timezones import describe_zone

COMMON_TIMES = ("07:00", "07:30", "08:00", "12:00", "18:00", "20:00")
NO_REMINDERS_HERE = "Reminders are sent through Telegram; here I can't remind you."
GONE = "That button is out of date: that reminder no longer exists. /reminders shows the current ones."


def remind_command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    if s.scheduler is None:
        return [Reply(NO_REMINDERS_HERE)]
    user = s.user(caller)
    if not args:
        reminders = s.storage.reminders_for(user.user_id)
        status = f"{_status(s, reminders)}\n\n" if reminders else ""
        if len(reminders) >= MAX_REMINDERS_PER_USER:
            return [Reply(status + _full_text(reminders))]
        waiting.ask(s, caller.user_id, caller.chat_id, waiting.TIME)
        return [Reply(
            status + "When should I remind you? Send /remind and a time, e.g. /remind 07:30, or with days: "
            f"/remind 18:00 mon,wed,fri (or weekdays). Times are in your time zone, "
            f"{describe_zone(user.timezone)}. Or pick a time (or type it, like 8pm):",
            time_buttons())]
    if args[0].lower() in ("off", "stop", "none", "cancel"):
        return confirm_stop(s, caller)  # "/remind off": asked to confirm, like "stop the reminders"
    if args[0].lower() in ("on", "resume", "unpause", "continue"):
        return resume_all(s, caller)
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


def _full_text(reminders: list[ReminderRow]) -> str:
    listed = ", ".join(f"{r.local_time} {describe_days(r.days)}" for r in reminders)
    return (f"You already have {len(reminders)} reminders ({listed}), and {MAX_REMINDERS_PER_USER} is the "
            "most I keep for one person, so I haven't added another. To change one: cancel it in "
            "/reminders, then send /remind with the new time (e.g. /remind 08:00). To change only its "
            "days, send its time with the new days (e.g. /remind "
            f"{reminders[0].local_time} mon,wed,fri). /remind off stops them all.")


def _add(s: Services, caller: Caller, local_time: str, days: str) -> list[Reply]:
    assert s.scheduler is not None
    user = s.user(caller)
    # The storage counts and inserts in one locked step, so the cap holds for every path (/remind,
    # a time button, "remind me at 8pm", "change my reminder to 8:00") and for two workers at once.
    reminder = s.storage.add_reminder(user.user_id, caller.chat_id, local_time, days,
                                      limit=MAX_REMINDERS_PER_USER)
    if reminder is None:
        return [Reply(_full_text(s.storage.reminders_for(user.user_id)))]
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
    now = s.clock()
    lines = [f"Your reminders ({describe_zone(user.timezone)} time):"]
    lines += [f"{n}. {r.local_time} {describe_days(r.days)}{_paused_note(r, user.timezone, now)}"
              for n, r in enumerate(reminders, start=1)]
    buttons = [Button(f"Cancel {r.local_time}", cb.cancel_reminder(r.id)) for r in reminders]
    buttons += [Button(f"Resume {r.local_time}", cb.reminder_action("resume", r.id, user.epoch))
                for r in reminders if r.paused_at(now)]
    return [Reply("\n".join(lines), rows(buttons))]


def _paused_note(reminder: ReminderRow, timezone: str, now) -> str:
    if not reminder.paused_at(now):
        return ""
    return f" (paused until {_pause_day(reminder, timezone)})"


def _pause_day(reminder: ReminderRow, timezone: str) -> str:
    assert reminder.paused_until is not None
    return format_date(reminder.paused_until.astimezone(zone(timezone)).date())


def _status(s: Services, reminders: list[ReminderRow]) -> str:
    """What /remind says first when there are reminders: each one, and whether it is paused."""
    if not reminders:
        return ""
    timezone, now = reminders[0].timezone, s.clock()
    listed = "; ".join(f"{r.local_time} {describe_days(r.days)}{_paused_note(r, timezone, now)}"
                       for r in reminders)
    text = f"Your reminders now: {listed}."
    if any(r.paused_at(now) for r in reminders):
        text += " A paused reminder starts again by itself that day; /remind on resumes it now."
    return text


def resume_all(s: Services, caller: Caller) -> list[Reply]:
    """"/remind on": every paused reminder of the person comes again from now on."""
    user = s.user(caller)
    resumed = s.storage.resume_reminders(user.user_id)
    if not resumed:
        if not s.storage.reminders_for(user.user_id):
            return [Reply("You have no reminders to resume. /remind 07:30 sets one.")]
        return [Reply("None of your reminders is paused, so they come as usual. /reminders lists them.")]
    for reminder_id in resumed:
        if s.scheduler:
            s.scheduler.schedule(reminder_id)
    return [Reply(_resumed_text(s, [r for r in map(s.storage.get_reminder, resumed) if r is not None]))]


def _resumed_text(s: Services, reminders: list[ReminderRow]) -> str:
    listed = ", ".join(f"{r.local_time} {describe_days(r.days)}" for r in reminders)
    return f"Resumed: your reminders ({listed}) come again as usual."


def reminder_button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    action, _, ident = rest.partition(":")
    if action == "stopall" and not ident:
        return _stop_all(s, caller)
    if action == "keep" and not ident:
        return [Reply("OK, your reminders stay as they are.", edit=True)]
    reminder_id = cb.parse_id(ident)
    if reminder_id is None or action not in ("cancel", "pause", "resume", "stop", "stopyes"):
        return stale()
    if action != "cancel":
        return _own_button(s, caller, action, reminder_id)
    reminder = s.storage.get_reminder(reminder_id)
    if reminder is None or not s.storage.cancel_reminder(reminder_id, caller.user_id):
        return [Reply("That reminder no longer exists. /reminders shows the current ones.")]
    if s.scheduler:
        s.scheduler.unschedule(reminder_id)
    return [Reply(f"Reminder at {reminder.local_time} cancelled.", drop=(cb.cancel_reminder(reminder_id),))]


def _own_button(s: Services, caller: Caller, action: str, reminder_id: int) -> list[Reply]:
    """A reminder's own Pause / Stop buttons, the Stop's confirmation and Resume."""
    reminder = s.storage.get_reminder(reminder_id)
    if reminder is None or not reminder.active or reminder.user_id != caller.user_id or s.scheduler is None:
        return [Reply(GONE, edit=action == "stopyes")]
    user = s.user(caller)
    now = s.clock()
    when = f"{reminder.local_time} {describe_days(reminder.days)}"
    if action == "pause":
        used = (cb.reminder_action("pause", reminder_id), cb.snooze(reminder_id))
        if reminder.paused_at(now):
            return [Reply(f"Your {reminder.local_time} reminder is already paused until "
                          f"{_pause_day(reminder, user.timezone)}. /remind on resumes it now.", drop=used)]
        until = pause_end(user.timezone, now)
        if not s.storage.pause_reminder(reminder_id, user.user_id, until):
            return [Reply(GONE)]
        s.scheduler.schedule(reminder_id)
        others = [r for r in s.storage.reminders_for(user.user_id) if r.id != reminder_id]
        text = (f"Paused for a week: your {when} reminder stays quiet until "
                f"{format_date(until.astimezone(zone(user.timezone)).date())}, and then starts again by "
                "itself. Resume it sooner with the button or /remind on.")
        if others:
            text += f" Your other reminders ({', '.join(r.local_time for r in others)}) still come."
        resume = Button("▶️ Resume now", cb.reminder_action("resume", reminder_id, user.epoch))
        return [Reply(text, ((resume,),), drop=used)]
    if action == "resume":
        used = (cb.reminder_action("resume", reminder_id),)
        if not s.storage.resume_reminders(user.user_id, reminder_id):
            return [Reply(f"Your {reminder.local_time} reminder isn't paused, so it comes as usual.",
                          drop=used)]
        s.scheduler.schedule(reminder_id)
        return [Reply(_resumed_text(s, [reminder]), drop=used)]
    if action == "stop":
        return [Reply(f"Stop your {when} reminder? (To have a break instead, Pause 1 week stops it for a "
                      "week only.)",
                      ((Button("Yes, stop it", cb.reminder_action("stopyes", reminder_id, user.epoch)),
                        Button("No, keep it", f"{cb.REMINDER}:keep")),))]
    # "stopyes": the Stop confirmed
    if not s.storage.cancel_reminder(reminder_id, user.user_id):
        return [Reply(GONE, edit=True)]
    s.scheduler.unschedule(reminder_id)
    return [Reply(f"Done: I've stopped your {when} reminder. /remind {reminder.local_time} sets it again "
                  "whenever you like.", edit=True)]


def snooze(s: Services, caller: Caller, rest: str) -> list[Reply]:
    reminder_id = cb.parse_id(rest)
    reminder = s.storage.get_reminder(reminder_id) if reminder_id else None
    if reminder is None or not reminder.active or reminder.user_id != caller.user_id or s.scheduler is None:
        return [Reply("That reminder no longer exists. /reminders shows the current ones.")]
    user = s.user(caller)
    if reminder.paused_at(s.clock()):
        return [Reply(f"That reminder is paused until {_pause_day(reminder, user.timezone)}, so I won't "
                      "remind you before then. /remind on resumes it.", drop=(f"{cb.SNOOZE}:",))]
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
    epoch = user.epoch if user else ""
    buttons = ((Button("Show routine", cb.ROUTINE),),
               (Button("✅ Done", cb.done("reminder", epoch)),
                Button("Snooze 30 min", cb.snooze(reminder.id, epoch))),
               (Button("Pause 1 week", cb.reminder_action("pause", reminder.id, epoch)),
                Button("Stop", cb.reminder_action("stop", reminder.id, epoch))))
    # The morning after a session is when to ask whether its pain settled (pain-monitoring model).
    if user is not None:
        today = s.today(user)
        previous = pain_log.open_settled_question(s, user, today)
        if previous is not None:
            text += f"\n\n{pain_log.settled_text(previous, today)}"
            buttons += (pain_log.settled_buttons(previous),)
            waiting.ask(s, reminder.user_id, reminder.chat_id, waiting.SETTLED, previous.id)
    return Reply(text, buttons)

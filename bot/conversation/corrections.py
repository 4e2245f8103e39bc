"""Correcting the log: `/undo` (the latest session) and `/log list` (the latest sessions, each with
buttons to change its pain score, move it to another day, or delete it).

Moving a session changes only its date: Today, Yesterday (those that differ from its day), or
"Another day", typed and read the way /log reads a day (the answer waits in waiting.DAY, and typed text
is triaged first, as every awaited answer). A move never goes to the future, more than
LOG_MAX_DAYS_BACK days back, before the account was created, or onto a day that already has as many
sessions as the stage counts.

Deleting asks first, always: `/undo` and the list both show the session and a Delete button; nothing
is deleted by a command or a typed word alone. A deleted session's open questions go with it, and its
old buttons are out of date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.reminders import local_today
from bot.storage import AwaitingRow, SessionRow, UserRow

from . import callbacks as cb
from . import intents, pain_log, plan, waiting
from .context import Services
from .history import SOURCE_NOTES
from .log_input import LOG_MAX_DAYS_BACK, LogInputError, read_typed_day
from .render import format_date
from .replies import Button, Caller, Reply, quoted, stale

LISTED = 7  # the latest sessions /log list shows; older ones are in /report
LIST_WORDS = frozenset({"list", "edit", "fix", "change", "delete"})  # /log list, /log edit...


def log_or_list(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    """/log list (or edit, fix...) shows the latest sessions to correct; anything else logs one."""
    if args and args[0].lower() in LIST_WORDS:
        return list_sessions(s, caller)
    return pain_log.log_command(s, caller, args)


def _describe(session: SessionRow) -> str:
    pain = f"pain {session.pain}/10" if session.pain is not None else "no pain score"
    how = SOURCE_NOTES.get(session.source, session.source)
    return f"{format_date(session.local_date)} ({pain}, {how})"


def _short(session: SessionRow) -> str:
    """A button label of at most about 25 characters: 'Mon 10 Mar · pain 3'."""
    pain = f"pain {session.pain}" if session.pain is not None else "no score"
    return f"{session.local_date:%a} {session.local_date.day} {session.local_date:%b} · {pain}"


def undo_command(s: Services, caller: Caller, _args: list[str]) -> list[Reply]:
    user = s.user(caller)
    latest = s.storage.sessions(user.user_id)
    if not latest:
        return [Reply("Nothing to undo: you have no sessions logged.")]
    session = max(latest, key=lambda row: row.id)  # the one stored last, whatever its day
    return [Reply(f"Delete your latest logged session, {_describe(session)}?",
                  ((Button("Yes, delete it", cb.fix(session.id, user.epoch, "del")),
                    Button("No, keep it", cb.fix(session.id, user.epoch, "keep"))),))]


def list_sessions(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    sessions = sorted(s.storage.sessions(user.user_id), key=lambda row: (row.local_date, row.id))[-LISTED:]
    if not sessions:
        return [Reply("You have no sessions logged yet. After your routine tap Done, or log one with "
                      "/log (e.g. /log yesterday 3).")]
    lines = [f"Your latest {len(sessions)} session(s), newest first:"]
    lines += [f"- {_describe(row)}" for row in reversed(sessions)]
    lines += ["", "Tap one to change its pain score or its day, or to delete it."]
    buttons = tuple((Button(_short(row), cb.fix(row.id, user.epoch)),) for row in reversed(sessions))
    return [Reply("\n".join(lines), buttons)]


def fix_button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    action, _, ident = rest.rpartition(":")
    session_id = cb.parse_id(ident)
    session = s.storage.get_session(session_id) if session_id else None
    target = _target_day(action)
    if session is None or (action not in ("", "del", "keep", "pain", "day", "ask") and target is None):
        return stale()
    if session.user_id != caller.user_id:
        return [Reply(pain_log.NOT_YOURS, notice=True)]
    user = s.user(caller)
    if action == "":
        return [Reply(f"The session on {_describe(session)}. What would you like to do?",
                      ((Button("Change pain score", cb.fix(session.id, user.epoch, "pain")),
                        Button("Change day", cb.fix(session.id, user.epoch, "day"))),
                       (Button("Delete it", cb.fix(session.id, user.epoch, "del")),
                        Button("Keep it", cb.fix(session.id, user.epoch, "keep")))), edit=True)]
    if action == "keep":
        waiting.answered(s, caller, waiting.DAY, session.id)
        return [Reply(f"OK, I've kept the session on {_describe(session)} as it is.", edit=True)]
    if action == "pain":
        return [Reply(f"Changing the pain score of the session on {format_date(session.local_date)}.",
                      edit=True),
                pain_log.pain_question(s, user, session, s.today(user))]
    if action == "day":
        return [_day_choices(s, user, session)]
    if action == "ask":
        return [Reply(f"Moving the session on {_describe(session)} to another day.", edit=True),
                day_question(s, caller, user, session)]
    if target is not None:
        return _move(s, caller, user, session, target, pressed=cb.fix(session.id, "", action))
    if not s.storage.delete_session(session.id, user.user_id):
        return stale()
    return [Reply(f"Deleted: the session on {_describe(session)}. If you need it back, /log adds a "
                  f"session again (e.g. /log {session.local_date.isoformat()}).", edit=True)]


# ---------------------------------------------------------------- moving a session to another day


def _target_day(action: str) -> date | None:
    """The day of a 'to:YYYYMMDD' action, or None."""
    kind, _, digits = action.partition(":")
    if kind != "to" or len(digits) != 8 or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _day_label(label: str, day: date) -> str:
    return f"{label} ({day:%a} {day.day} {day:%b})"


def earliest_day(s: Services, user: UserRow, today: date) -> date:
    """The earliest day a session may be moved to: LOG_MAX_DAYS_BACK days ago, and not before the
    day (the person's local date) the account was created."""
    earliest = today - timedelta(days=LOG_MAX_DAYS_BACK)
    try:
        created = local_today(user.timezone, datetime.fromisoformat(user.created_at))
    except (TypeError, ValueError):  # a row without a readable stamp: only the 60 days hold
        return earliest
    return max(earliest, created)


def _day_choices(s: Services, user: UserRow, session: SessionRow) -> Reply:
    today = s.today(user)
    earliest = earliest_day(s, user, today)
    days = [(label, day) for label, day in (("Today", today), ("Yesterday", today - timedelta(days=1)))
            if day != session.local_date and day >= earliest]
    buttons = [Button(_day_label(label, day), cb.fix(session.id, user.epoch, f"to:{day:%Y%m%d}"))
               for label, day in days]
    buttons.append(Button("Another day", cb.fix(session.id, user.epoch, "ask")))
    return Reply(f"Which day was the session on {_describe(session)} really on?",
                 (tuple(buttons[:2]), tuple(buttons[2:]) + (Button("Keep it", cb.fix(session.id, user.epoch,
                                                                                       "keep")),)),
                 edit=True)


def _day_examples(today: date) -> str:
    earlier = today - timedelta(days=3)
    return (f"yesterday, {earlier:%A}, 3 days ago, {earlier.isoformat()} or {earlier.day}.{earlier.month} "
            "(day.month)")


def day_question(s: Services, caller: Caller, user: UserRow, session: SessionRow, lead: str = "") -> Reply:
    """Ask which day to move the session to; the typed answer is awaited (waiting.DAY)."""
    waiting.ask(s, caller.user_id, caller.chat_id, waiting.DAY, session.id)
    today = s.today(user)
    earliest = earliest_day(s, user, today)
    text = (f"{lead}Which day should the session on {format_date(session.local_date)} move to? Type it, for "
            f"example {_day_examples(today)}. Any day from {format_date(earliest)} to today.")
    keep = Button(_day_label("Keep it", session.local_date).replace(" (", " on ").rstrip(")"),
                  cb.fix(session.id, user.epoch, "keep"))
    return Reply(text.strip(), ((keep,),))


def _refusal(s: Services, user: UserRow, session: SessionRow, day: date, today: date) -> str | None:
    """Why the session cannot move to `day`, in words with what to do instead; None when it can."""
    if day == session.local_date:
        return f"The session is already on {format_date(day)}, so there was nothing to change."
    if day > today:
        return (f"{format_date(day)} is in the future: a session can only be on a day that has already "
                "come. Pick today or an earlier day.")
    if (today - day).days > LOG_MAX_DAYS_BACK:
        return (f"{format_date(day)} {day.year} is more than {LOG_MAX_DAYS_BACK} days ago; I keep sessions "
                f"from the last {LOG_MAX_DAYS_BACK} days only. Pick a later day.")
    earliest = earliest_day(s, user, today)
    if day < earliest:
        return (f"{format_date(day)} is before you started with me ({format_date(earliest)}), so I can't "
                "put a session there. Pick a day from then on.")
    stage = s.kb.stages.get(user.stage or "")
    per_day = plan.target_of(stage).sessions_per_day
    count = len(s.storage.sessions_on(user.user_id, day))
    if count >= per_day:
        had = "a session" if count == 1 else f"{count} sessions"
        return (f"{format_date(day)} already has {had} logged, and {pain_log.per_day_text(stage).lower()} at "
                "your stage, so I haven't moved this one. To move it there anyway, first delete or move "
                "that day's session (/log list), or pick another day.")
    return None


def _moved_text(s: Services, user: UserRow, session: SessionRow, day: date, today: date) -> str:
    pain = f"pain {session.pain}/10" if session.pain is not None else "no pain score yet"
    text = (f"Moved: the session from {format_date(session.local_date)} is now on {format_date(day)} "
            f"({pain}; its answers and notes stay as they were).")
    stage = s.kb.stages.get(user.stage or "")
    if stage is not None:
        text += " " + plan.week_so_far(s, user, stage, today)
    return text


def _move(s: Services, caller: Caller, user: UserRow, session: SessionRow, day: date,
          pressed: str | None = None) -> list[Reply]:
    """Move the session to `day`, or say why not. `pressed`: the button that asked (a refused day's
    button is used up; the others stay)."""
    today = s.today(user)
    refusal = _refusal(s, user, session, day, today)
    if refusal is None:
        stage = s.kb.stages.get(user.stage or "")
        if s.storage.move_session(session.id, user.user_id, day,
                                  per_day=plan.target_of(stage).sessions_per_day):
            waiting.answered(s, caller, waiting.DAY, session.id)
            return [Reply(_moved_text(s, user, session, day, today), edit=pressed is not None)]
        if s.storage.get_session(session.id) is None:
            return stale()  # deleted meanwhile
        refusal = _refusal(s, user, session, day, today) or "That day filled up meanwhile; pick another day."
    if pressed is not None:
        return [Reply(refusal, drop=(pressed,))]
    return [day_question(s, caller, user, session, lead=f"{refusal}\n\n")]


# Typed while a day is awaited: keep the session where it is.
_CANCEL = frozenset({"cancel", "keep it", "keep", "never mind", "nevermind", "leave it", "stop", "no",
                     "forget it", "no thanks"})


def typed_day(s: Services, caller: Caller, awaiting: AwaitingRow, text: str) -> list[Reply] | None:
    """A typed day answering "Another day"; None when the text is no day (then it is a new message)."""
    session = pain_log.awaited_session(s, caller, awaiting)
    if session is None:
        return None
    user = s.user(caller)
    today = s.today(user)
    if intents.normalise(text) in _CANCEL:
        waiting.answered(s, caller, waiting.DAY, session.id)
        return [Reply(f"OK, the session stays on {_describe(session)}.")]
    try:
        day = read_typed_day(text, today)
    except LogInputError:
        lead = f"{quoted(text)} is not a date in the calendar, so I haven't moved anything. "
        return [day_question(s, caller, user, session, lead=lead)]
    if day is None:
        return None
    return _move(s, caller, user, session, day)


def ask_back(s: Services, caller: Caller, awaiting: AwaitingRow) -> list[Reply] | None:
    """A short text that is no day while one is awaited: the question again, with a hint."""
    session = pain_log.awaited_session(s, caller, awaiting)
    if session is None:
        return None
    return [day_question(s, caller, s.user(caller), session,
                         lead="I didn't catch a day there, so I haven't moved anything. ")]

"""Correcting the log: `/undo` (the latest session) and `/log list` (the latest sessions, each with
buttons to change its pain score or delete it).

Deleting asks first, always: `/undo` and the list both show the session and a Delete button; nothing
is deleted by a command or a typed word alone. A deleted session's open questions go with it, and its
old buttons are out of date.
"""

from __future__ import annotations

from bot.storage import SessionRow

from . import callbacks as cb
from . import pain_log
from .context import Services
from .history import SOURCE_NOTES
from .render import format_date
from .replies import Button, Caller, Reply, stale

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
    lines += ["", "Tap one to change its pain score or delete it."]
    buttons = tuple((Button(_short(row), cb.fix(row.id, user.epoch)),) for row in reversed(sessions))
    return [Reply("\n".join(lines), buttons)]


def fix_button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    action, _, ident = rest.rpartition(":")
    session_id = cb.parse_id(ident)
    session = s.storage.get_session(session_id) if session_id else None
    if action not in ("", "del", "keep", "pain") or session is None:
        return stale()
    if session.user_id != caller.user_id:
        return [Reply(pain_log.NOT_YOURS, notice=True)]
    user = s.user(caller)
    if action == "":
        return [Reply(f"The session on {_describe(session)}. What would you like to do?",
                      ((Button("Change pain score", cb.fix(session.id, user.epoch, "pain")),),
                       (Button("Delete it", cb.fix(session.id, user.epoch, "del")),
                        Button("Keep it", cb.fix(session.id, user.epoch, "keep")))), edit=True)]
    if action == "keep":
        return [Reply(f"OK, I've kept the session on {_describe(session)} as it is.", edit=True)]
    if action == "pain":
        return [Reply(f"Changing the pain score of the session on {format_date(session.local_date)}.",
                      edit=True),
                pain_log.pain_question(s, user, session, s.today(user))]
    if not s.storage.delete_session(session.id, user.user_id):
        return stale()
    return [Reply(f"Deleted: the session on {_describe(session)}. If you need it back, /log adds a "
                  f"session again (e.g. /log {session.local_date.isoformat()}).", edit=True)]

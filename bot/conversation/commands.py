"""The commands, with the one-line descriptions shown in Telegram's menu and in /help."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    description: str
    needs_reminders: bool = False  # only where the front-end can send reminders (Telegram)


COMMANDS = (
    Command("start", "Welcome, and choose your rehab stage"),
    Command("routine", "Today's exercises for your stage"),
    Command("log", "Log a session by hand, e.g. /log yesterday 3"),
    Command("undo", "Delete the session you logged last (/log list: fix others)"),
    Command("progress", "Chart of your last 4 weeks"),
    Command("report", "Your log as a file for your physio"),
    Command("exercises", "All exercises, with instructions"),
    Command("stage", "Change your rehab stage"),
    Command("band", "Set your band colour, e.g. /band red"),
    Command("remind", "Daily reminder, e.g. /remind 07:30", needs_reminders=True),
    Command("reminders", "Your reminders (cancel them here)", needs_reminders=True),
    Command("timezone", "Set your time zone, e.g. /timezone Berlin"),
    Command("profile", "Your injury profile: see, change or delete it"),
    Command("privacy", "What I store and why"),
    Command("forget", "Delete everything I store about you"),
    Command("help", "What I can do"),
)
COMMAND_NAMES = tuple(c.name for c in COMMANDS)


def available(reminders: bool) -> tuple[Command, ...]:
    return tuple(c for c in COMMANDS if reminders or not c.needs_reminders)

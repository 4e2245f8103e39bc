"""Reminder rules, free of Telegram and of the database: parsing times and days, time zones, and
deciding which local day a reminder belongs to.

The Telegram front-end (bot/telegram/reminders.py) schedules and sends; this module only decides.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as fixed_offset_zone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ALL_DAYS = "0123456"  # 0 = Monday ... 6 = Sunday (Python's weekday())
WEEKDAYS = "01234"
WEEKEND = "56"
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CATCH_UP_WINDOW = timedelta(hours=2)  # a reminder missed while the bot was down is sent this late at most
SNOOZE = timedelta(minutes=30)
PAUSE_DAYS = 7  # "Pause 1 week": no reminder until the start of the local day a week from today
MAX_REMINDERS_PER_USER = 3
# Reminders due in the same minute go out spread over it: each at a stable second of its own, taken
# from its row id, so a burst of thousands at 08:00 is not queued for the send budget at 08:00:00.
SPREAD_SECONDS = 60

_DAY_WORDS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}
_DAY_GROUPS = {
    "daily": ALL_DAYS, "everyday": ALL_DAYS, "every": ALL_DAYS, "day": ALL_DAYS, "days": ALL_DAYS,
    "all": ALL_DAYS, "weekdays": WEEKDAYS, "weekday": WEEKDAYS, "workdays": WEEKDAYS,
    "weekends": WEEKEND, "weekend": WEEKEND,
}
# 7:30, 07:30, 7.30, 7h30, 7 30 (after joining), 730, 0730, 7, 7am, 7:30pm
_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.h]?(?P<m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?$")


class ReminderInputError(ValueError):
    """The user's time or days could not be read; the message explains the correct form."""


def parse_time(text: str) -> str:
    """A user's time -> 'HH:MM'. Lenient about the form, strict about the values."""
    raw = text.strip().lower().replace(" ", "")
    match = _TIME.match(raw)
    if not match:
        raise ReminderInputError(f"I can't read {text.strip()!r} as a time. Use hours and minutes, "
                                 "e.g. /remind 07:30 or /remind 18:45.")
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ReminderInputError(f"{text.strip()} is not a valid time: with am/pm the hour goes 1-12.")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ReminderInputError(f"{text.strip()} is not a valid time: hours go from 00 to 23 and minutes "
                                 "from 00 to 59, e.g. /remind 07:30.")
    return f"{hour:02d}:{minute:02d}"


def parse_days(words: list[str]) -> str:
    """['mon,wed', 'fri'] -> '024'; nothing -> every day; 'weekdays', 'weekends', 'mon-fri' work too."""
    text = " ".join(words).lower()
    tokens = [t for t in re.split(r"[\s,;/&+]+|\band\b", text) if t]
    if not tokens:
        return ALL_DAYS
    days: set[int] = set()
    for token in tokens:
        if token in _DAY_GROUPS:
            days.update(int(d) for d in _DAY_GROUPS[token])
        elif "-" in token and all(part in _DAY_WORDS for part in token.split("-", 1)):
            start, end = (_DAY_WORDS[p] for p in token.split("-", 1))
            span = range(start, end + 1) if start <= end else [*range(start, 7), *range(0, end + 1)]
            days.update(span)
        elif token in _DAY_WORDS:
            days.add(_DAY_WORDS[token])
        else:
            raise ReminderInputError(f"I don't know the day {token!r}. Use day names such as mon,wed,fri, "
                                     "or weekdays, weekends or daily.")
    return "".join(str(d) for d in sorted(days))


def describe_days(days: str) -> str:
    if days == ALL_DAYS:
        return "every day"
    if days == WEEKDAYS:
        return "on weekdays"
    if days == WEEKEND:
        return "at weekends"
    return "on " + ", ".join(DAY_NAMES[int(d)] for d in days)


# A fixed offset with minutes, as stored ('UTC+05:30'): tzdata's Etc/ zones have whole hours only.
_FIXED_OFFSET = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")


def zone(name: str) -> tzinfo:
    """The user's time zone; an unknown name (say, removed from tzdata) falls back to UTC."""
    fixed = _FIXED_OFFSET.match(name)
    if fixed:
        offset = timedelta(hours=int(fixed[2]), minutes=int(fixed[3]))
        return fixed_offset_zone(offset if fixed[1] == "+" else -offset, name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_today(timezone: str, now: datetime) -> date:
    return now.astimezone(zone(timezone)).date()


def local_clock_time(local_time: str) -> time:
    hour, minute = local_time.split(":")
    return time(int(hour), int(minute))


def last_occurrence(local_time: str, days: str, timezone: str, now: datetime) -> datetime | None:
    """The most recent moment, at or before `now`, when the reminder was due (aware, local time)."""
    tz = zone(timezone)
    local_now = now.astimezone(tz)
    clock = local_clock_time(local_time)
    for back in range(8):
        day = local_now.date() - timedelta(days=back)
        if str(day.weekday()) not in days:
            continue
        # Round-trip through UTC so a wall time skipped by a DST change lands on a real instant.
        due = datetime.combine(day, clock, tzinfo=tz).astimezone(UTC).astimezone(tz)
        if due <= local_now:
            return due
    return None


def missed_day(local_time: str, days: str, timezone: str, last_sent: date | None, now: datetime,
               window: timedelta = CATCH_UP_WINDOW) -> date | None:
    """The local day whose reminder was missed (due within `window`, not yet sent), else None."""
    due = last_occurrence(local_time, days, timezone, now)
    if due is None or now - due > window:
        return None
    if last_sent is not None and last_sent >= due.date():
        return None
    return due.date()


def occurrence(local_time: str, day: date, timezone: str) -> datetime:
    """The UTC instant of the reminder on that local day.

    A wall time skipped by the spring-forward change (02:30 on a night that jumps from 02:00 to 03:00)
    is read with the offset before the change, so it lands on a real instant just after the jump
    (03:30); a time repeated by the autumn change (fold 0) is its first occurrence. Either way, one
    instant per local day.
    """
    return datetime.combine(day, local_clock_time(local_time), tzinfo=zone(timezone)).astimezone(UTC)


def spread(reminder_id: int) -> timedelta:
    """The reminder's own second within its minute: ids 1, 2, ... 60 go at :00, :01, ... :59, and
    so on round. Stable (the same every day and on every worker), so nothing is kept in memory."""
    return timedelta(seconds=(reminder_id - 1) % SPREAD_SECONDS)


def pause_end(timezone: str, now: datetime, days: int = PAUSE_DAYS) -> datetime:
    """The UTC instant a pause pressed `now` ends: the start of the local day `days` days later."""
    tz = zone(timezone)
    day = now.astimezone(tz).date() + timedelta(days=days)
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


def next_due(local_time: str, days: str, timezone: str, after: datetime,
             after_day: date | None = None, offset: timedelta = timedelta(0)) -> tuple[datetime, date]:
    """The first (UTC instant, local day) of the reminder at or after `after`, on a local day later
    than `after_day` (the day last sent or claimed) when given. The instant is the reminder's minute
    plus `offset` (its second within the minute, see `spread`); `after` is compared with the minute."""
    if not days:
        raise ValueError("a reminder needs at least one day")
    day = after.astimezone(zone(timezone)).date() - timedelta(days=1)  # a skipped hour may land before
    if after_day is not None and day <= after_day:
        day = after_day + timedelta(days=1)
    for _ in range(16):
        if str(day.weekday()) in days:
            due = occurrence(local_time, day, timezone)
            if due >= after:
                return due + offset, day
        day += timedelta(days=1)
    raise AssertionError("unreachable: some day within two weeks is always one of the reminder's days")

"""Read what people type after /log: an optional day and an optional pain score, in either order.

Days: nothing or "today"; "yesterday"; "3 days ago"; a weekday ("monday", "mon": the latest one,
today included); ISO "2025-03-09"; day.month "9.3" or "09.03." (the latest such date that is not in
the future); day.month.year "9.3.2025" or "9.3.25". Slashes are not read, because 03/09 means
3 September to some people and 9 March to others. Pain: a whole number 0-10, optionally written "3/10".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.progress.model import PAIN_MAX, PAIN_MIN

from .replies import quoted

# Older sessions are not worth logging for the pain-monitoring rules, and a typo in the year
# (2205, 1925) is caught instead of quietly filing a session decades away.
LOG_MAX_DAYS_BACK = 60

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2, "thu": 3,
    "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5, "sun": 6,
    "sunday": 6,
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(?:(\d{4}|\d{2}))?$")
_PAIN = re.compile(r"^(\d{1,3})(?:/10)?$")
# "3 days ago" (three words after /log, joined into one by `_join_days_ago`), "a day ago", "two days ago".
_DAYS_AGO = re.compile(r"^(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten) days? ago$")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
# Words around a typed day that say nothing about it: "on friday", "it was yesterday".
_FILLER = frozenset({"on", "it", "was", "its", "it's", "that", "i", "did", "think", "please"})


class LogInputError(ValueError):
    """What was typed after /log could not be used; the message says why, with examples."""


@dataclass(frozen=True)
class LogRequest:
    day: date
    pain: int | None


def examples(today: date) -> str:
    """Every form /log reads, with dates people could really use today."""
    earlier = today - timedelta(days=2)
    return (f"/log (today), /log yesterday, /log yesterday 3, /log {earlier.isoformat()} or "
            f"/log {earlier.day}.{earlier.month}")


def _real_date(year: int, month: int, day: int, typed: str, today: date) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise LogInputError(f"{typed} is not a real date. Try for example {examples(today)}.") from None


def _read_day(token: str, today: date) -> date | None:
    """The day a word names, or None when it is not a day at all."""
    word = token.lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if match := _DAYS_AGO.match(word):
        ago = _NUMBER_WORDS.get(match[1]) or int(match[1])
        return today - timedelta(days=ago)  # 0 days ago is today; too far back is refused by the caller
    if word == "tomorrow":
        return today + timedelta(days=1)  # read, so that the answer can say why it cannot be logged
    if word in _WEEKDAYS:
        return today - timedelta(days=(today.weekday() - _WEEKDAYS[word]) % 7)
    if match := _ISO.match(word):
        return _real_date(int(match[1]), int(match[2]), int(match[3]), token, today)
    if match := _DAY_MONTH.match(word):
        day, month = int(match[1]), int(match[2])
        if match[3]:
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return _real_date(year, month, day, token, today)
        # Without a year: the latest such date that is not in the future (this year or an earlier
        # one; "29.2" may have to go back to the last leap year).
        for year in range(today.year, today.year - 5, -1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate <= today:
                return candidate
        raise LogInputError(f"{token} is not a real date. Try for example {examples(today)}.")
    return None


def _read_pain(token: str) -> int | None:
    match = _PAIN.match(token)
    if match is None:
        return None
    pain = int(match[1])
    if not PAIN_MIN <= pain <= PAIN_MAX:
        raise LogInputError(f"Pain goes from {PAIN_MIN} (none) to {PAIN_MAX} (the worst you can imagine), "
                            f"so {token} doesn't fit. For example: /log yesterday 3.")
    return pain


def _join_days_ago(tokens: Sequence[str]) -> list[str]:
    """["3", "days", "ago", "4"] -> ["3 days ago", "4"]: the one day written in three words."""
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        phrase = " ".join(tokens[i:i + 3]).lower()
        if _DAYS_AGO.match(phrase):
            joined.append(phrase)
            i += 3
        else:
            joined.append(tokens[i])
            i += 1
    return joined


def read_typed_day(text: str, today: date) -> date | None:
    """The one day a typed answer names ("yesterday", "on friday", "3 days ago", "7.3", "2025-03-07"),
    not yet checked against any limit; None when the text is not a day. A date that does not exist
    ("30.2") raises LogInputError."""
    tokens = []
    for token in text.lower().replace(",", " ").split():
        token = token.rstrip("!?")
        if token.endswith(".") and token[:-1].isalpha():
            token = token[:-1]
        if token and token not in _FILLER:
            tokens.append(token)
    tokens = _join_days_ago(tokens)
    if len(tokens) != 1:
        return None
    return _read_day(tokens[0], today)


def parse_log(args: Sequence[str], today: date) -> LogRequest:
    """The day and pain score in /log's arguments, checked against `today` (the user's local date)."""
    day: date | None = None
    pain: int | None = None
    for token in _join_days_ago(args):
        found_day = _read_day(token, today)
        if found_day is not None:
            if day is not None:
                raise LogInputError(f"Please give one day at a time. For example: {examples(today)}.")
            day = found_day
            continue
        found_pain = _read_pain(token)
        if found_pain is None:
            raise LogInputError(f"I can't read {quoted(token)} as a day or a pain score (0-10). "
                                f"Try for example {examples(today)}.")
        if pain is not None:
            raise LogInputError("Please give one pain score (0-10), for example /log yesterday 3.")
        pain = found_pain
    day = day or today
    if day > today:
        raise LogInputError(f"{day:%d %B %Y} is in the future: I can only log sessions you have already "
                            "done. For example: /log yesterday.")
    if (today - day).days > LOG_MAX_DAYS_BACK:
        raise LogInputError(f"{day:%d %B %Y} is more than {LOG_MAX_DAYS_BACK} days ago; I only log sessions "
                            f"from the last {LOG_MAX_DAYS_BACK} days. For example: {examples(today)}.")
    return LogRequest(day, pain)

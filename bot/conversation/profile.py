"""The injury profile: /profile, and the offer after /start.

What happened (sprain, fracture, operation, Achilles, something else), which side, roughly when, and
whether the person is still in a cast or boot. It is health data, so nothing is stored before a yes to
one plain consent line; every question can be skipped, every field changed later (Edit) and the whole
profile deleted (Delete, /profile delete, /forget).

The questions are asked one at a time with buttons, through the stored waiting state (waiting.PROFILE,
subject "consent" or "<field>:<mode>"), so they can be typed too: `typed` reads a typed answer (the
conversation triages the text first, as for every awaited answer), `ask_back` asks again when a short
text is not an answer.

What the profile changes elsewhere:
- the engine's facts (`known`): its injury and time fill what a message about the person leaves out;
- a suggested stage (`stage_suggestion`), offered and never set without a tap;
- someone in a cast or boot gets only early-mobility exercises, with "follow your team's instructions"
  (`routine_stage`, `cast_note`), and no offer to move on to the next stage;
- a line in the /report PDF and caption (`describe`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.engine.facts import Facts, Known
from bot.engine.shape import stages_for
from bot.knowledge import Stage
from bot.storage import AwaitingRow, ProfileRow, UserRow

from . import callbacks as cb
from . import waiting
from .context import Services
from .replies import Button, Caller, Reply, rows, stale

# Field codes in button data and the waiting subject -> storage fields.
INJURY, SIDE, WHEN, SUPPORT = "inj", "side", "when", "sup"
ORDER = (INJURY, SIDE, WHEN, SUPPORT)
_STORAGE_FIELD = {INJURY: "injury", SIDE: "side", WHEN: "when", SUPPORT: "support"}
SETUP, EDIT = "s", "e"  # after an answer: the next question (setup), or the profile (an edit)
CONSENT = "consent"

INJURIES = {"sprain": "Sprain", "fracture": "Fracture (broken bone)", "surgery": "Operation",
            "achilles": "Achilles tendon", "other": "Something else"}
SIDES = {"left": "Left", "right": "Right", "both": "Both"}
SUPPORTS = {"cast": "In a cast", "boot": "In a boot", "none": "Neither"}
# Button ranges of "when": (label, days ago at most, days ago at least); None: open-ended.
WHEN_RANGES = {"week": ("This week", 6, 0), "1-6w": ("1-6 weeks ago", 42, 7),
               "6w-3m": ("6 weeks-3 months ago", 91, 43), "longer": ("Longer ago", None, 92)}
_INJURY_WORDS = {"sprain": "sprain", "fracture": "fracture", "surgery": "operation",
                 "achilles": "Achilles tendon injury", "other": "another injury"}
_SIDE_WORDS = {"left": "Left ankle", "right": "Right ankle", "both": "Both ankles"}
_SUPPORT_WORDS = {"cast": "in a cast", "boot": "in a boot", "none": "no cast or boot"}

CONSENT_LINE = ("It is health data, so I keep it only if you say yes, and only so advice fits your stage; "
                "delete it any time with /forget or /profile delete.")
_QUESTIONS = {
    INJURY: "What happened to your ankle?",
    SIDE: "Which side?",
    WHEN: "Roughly when did it happen? Tap one, or type a date (2025-02-03, 3 February) or "
          "\"about 5 weeks ago\".",
    SUPPORT: "Are you still in a cast or a boot?",
}
_FIELD_NAMES = {INJURY: "What happened", SIDE: "Side", WHEN: "When", SUPPORT: "Cast or boot"}
NOT_STORED = "Nothing was stored."


# ---------------------------------------------------------------- describing a profile


def _span(days: int) -> str:
    if days < 7:
        return "1 day" if days == 1 else f"{days} days"
    if days < 63:
        weeks = round(days / 7)
        return "1 week" if weeks == 1 else f"{weeks} weeks"
    if days < 730:
        months = round(days / 30.4)
        return "1 month" if months == 1 else f"{months} months"
    return f"{round(days / 365)} years"


def when_text(profile: ProfileRow, today: date) -> str | None:
    """'about 5 weeks ago', 'between 1 week and 6 weeks ago', 'more than 3 months ago', or None."""
    after, before = profile.injured_after, profile.injured_before
    if before is None:
        return None
    latest = max(0, (today - before).days)
    if after is None:
        return f"more than {_span(latest)} ago"
    earliest = max(0, (today - after).days)
    if earliest == latest:
        if latest == 0:
            return "today"
        return "yesterday" if latest == 1 else f"about {_span(latest)} ago"
    if latest == 0:
        return f"in the last {_span(earliest + 1)}" if earliest >= 6 else f"in the last {earliest + 1} days"
    return f"between {_span(latest)} and {_span(earliest)} ago"


def describe(profile: ProfileRow | None, today: date) -> str | None:
    """The profile in plain words: 'Right ankle, fracture, about 5 weeks ago, in a boot'; None when
    there is no profile or nothing in it."""
    if profile is None:
        return None
    parts = [_SIDE_WORDS.get(profile.side or ""), _INJURY_WORDS.get(profile.injury or ""),
             when_text(profile, today), _SUPPORT_WORDS.get(profile.support or "")]
    kept = [p for p in parts if p]
    if not kept:
        return None
    line = ", ".join(kept)
    return line[0].upper() + line[1:]


def since_days(profile: ProfileRow, today: date) -> float | None:
    """How long ago, for the engine: the middle of the range (its near end when it is open-ended, which
    reads the earlier, more careful phase)."""
    after, before = profile.injured_after, profile.injured_before
    if before is None:
        return None
    latest = max(0, (today - before).days)
    if after is None:
        return float(latest)
    return (latest + max(0, (today - after).days)) / 2


def known(s: Services, user: UserRow) -> Known:
    """What the engine gets to know about the person: stage and band, and the profile's facts."""
    profile = s.storage.get_profile(user.user_id)
    if profile is None:
        return Known(user.stage, user.band_colour)
    return Known(user.stage, user.band_colour, profile.injury if profile.injury != "other" else None,
                 since_days(profile, s.today(user)), profile.in_cast_or_boot)


# ---------------------------------------------------------------- what the profile changes


def in_cast(s: Services, user: UserRow) -> bool:
    profile = s.storage.get_profile(user.user_id)
    return profile is not None and profile.in_cast_or_boot


def cast_note(s: Services, user: UserRow) -> str | None:
    """What someone still in a cast or boot reads above their routine."""
    profile = s.storage.get_profile(user.user_id)
    if profile is None or not profile.in_cast_or_boot:
        return None
    return (f"Your profile says you are still in a {profile.support}: follow your team's instructions. "
            "Until they say more is fine, I only suggest these early movements, and only those your team "
            "has allowed. When it comes off, tell me with /profile.")


def routine_stage(s: Services, user: UserRow) -> Stage | None:
    """The stage whose routine the person gets: their own, or early mobility while in a cast or boot."""
    stage = s.kb.stages.get(user.stage or "")
    if stage is not None and in_cast(s, user):
        return next(iter(s.kb.stages.values()), stage)  # the first stage: early mobility
    return stage


def suggested_stage(s: Services, profile: ProfileRow, today: date) -> str | None:
    """The latest stage the engine's phase rules allow for the profile (bot/engine/shape.stages_for);
    None when the profile says nothing of time and nothing of a cast or boot."""
    days = since_days(profile, today)
    if days is None and not profile.in_cast_or_boot:
        return None
    facts = Facts(since_days=days, injury=profile.injury if profile.injury != "other" else None,
                  in_cast=profile.in_cast_or_boot)
    allowed = [stage_id for stage_id in s.kb.stages if stage_id in stages_for(facts)]
    return allowed[-1] if allowed else None


def stage_suggestion(s: Services, user: UserRow, profile: ProfileRow) -> Reply | None:
    """An offer of the suggested stage, when the person has none yet or theirs is further on than the
    profile suggests (moving on is the progression offer's job, not the profile's)."""
    suggested = suggested_stage(s, profile, s.today(user))
    order = list(s.kb.stages)
    if suggested is None or suggested == user.stage:
        return None
    if user.stage in order and order.index(suggested) > order.index(user.stage):
        return None
    stage = s.kb.stages[suggested]
    current = s.kb.stages.get(user.stage or "")
    mine = f" (yours is {current.name})" if current else ""
    text = (f"From your profile, {stage.name} may suit you now{mine}: {stage.summary}\n\n"
            "It's only a suggestion: your own team's plan comes first.")
    keep = f"Keep {current.name}" if current else "Not now"
    return Reply(text, ((Button(f"Use {stage.name}", cb.stage(suggested)),
                         Button(keep, cb.profile("keep", epoch=user.epoch))),))


# ---------------------------------------------------------------- commands and the /start offer


def start_offer(s: Services, caller: Caller, user: UserRow) -> Reply:
    """After /start: the profile as it is, or the offer of one (skippable)."""
    line = describe(s.storage.get_profile(user.user_id), s.today(user))
    if s.storage.get_profile(user.user_id) is not None:
        return Reply(f"Your injury profile: {line or 'nothing filled in yet'}. /profile shows or changes it.")
    return Reply("Optional: tell me what happened to your ankle, which side, roughly when, and whether you "
                 "are in a cast or boot, so my advice fits your stage. You can skip this.",
                 ((Button("Set up my injury profile", cb.profile("start", epoch=user.epoch)),
                   Button("Skip", cb.profile("later", epoch=user.epoch))),))


def command(s: Services, caller: Caller, args: list[str]) -> list[Reply]:
    user = s.user(caller)
    word = " ".join(args).lower().strip()
    if word in ("delete", "del", "remove", "forget", "clear"):
        return confirm_delete(s, caller, user)
    profile = s.storage.get_profile(user.user_id)
    if profile is None:
        return ask_consent(s, caller, user)
    if word in ("edit", "change"):
        return [edit_choice(user)]
    return [summary(s, user, profile)]


def ask_consent(s: Services, caller: Caller, user: UserRow) -> list[Reply]:
    waiting.ask(s, caller.user_id, caller.chat_id, waiting.PROFILE, CONSENT)
    return [Reply("I can keep a short injury profile: what happened, which side, roughly when, and whether "
                  f"you are still in a cast or boot. {CONSENT_LINE} Every question can be skipped.\n\n"
                  "Shall I keep one?",
                  ((Button("Yes, keep a profile", cb.profile("yes", epoch=user.epoch)),
                    Button("No, thanks", cb.profile("no", epoch=user.epoch))),))]


def summary(s: Services, user: UserRow, profile: ProfileRow, saved: str = "") -> Reply:
    line = describe(profile, s.today(user)) or "nothing filled in yet"
    text = f"{saved}Your injury profile: {line}."
    note = cast_note(s, user)
    if note:
        text += f"\n\n{note}"
    return Reply(text, ((Button("Edit", cb.profile("edit", epoch=user.epoch)),
                         Button("Delete", cb.profile("del", epoch=user.epoch))),))


def edit_choice(user: UserRow) -> Reply:
    buttons = [Button(_FIELD_NAMES[f], cb.profile("edit", f, epoch=user.epoch)) for f in ORDER]
    return Reply("What would you like to change?", rows(buttons))


def confirm_delete(s: Services, caller: Caller, user: UserRow) -> list[Reply]:
    if s.storage.get_profile(user.user_id) is None:
        return [Reply("There is no injury profile to delete: I don't keep one for you.")]
    return [Reply("Delete your injury profile? Your sessions, stage and reminders stay.",
                  ((Button("Yes, delete it", cb.profile("del", "y", epoch=user.epoch)),
                    Button("No, keep it", cb.profile("del", "n", epoch=user.epoch))),))]


# ---------------------------------------------------------------- the questions


def question(s: Services, caller: Caller, user: UserRow, field: str, mode: str,
             profile: ProfileRow | None = None, lead: str = "") -> Reply:
    waiting.ask(s, caller.user_id, caller.chat_id, waiting.PROFILE, f"{field}:{mode}")
    epoch = user.epoch
    if field == INJURY:
        choices = [Button(label, cb.profile(INJURY, value, mode, epoch)) for value, label in INJURIES.items()]
    elif field == SIDE:
        choices = [Button(label, cb.profile(SIDE, value, mode, epoch)) for value, label in SIDES.items()]
    elif field == WHEN:
        choices = [Button(label, cb.profile(WHEN, value, mode, epoch))
                   for value, (label, _, _) in WHEN_RANGES.items()]
    else:
        choices = [Button(label, cb.profile(SUPPORT, value, mode, epoch))
                   for value, label in SUPPORTS.items()]
    text = _QUESTIONS[field]
    if mode == EDIT and profile is not None:
        now = _current(profile, field, s.today(user))
        text += f" (Now: {now}.)" if now else " (Not filled in yet.)"
    skip = "Skip" if mode == SETUP else "Clear it"
    buttons = (*rows(choices), (Button(skip, cb.profile("skip", field, mode, epoch)),))
    return Reply(f"{lead}{text}", buttons)


def _current(profile: ProfileRow, field: str, today: date) -> str | None:
    if field == INJURY:
        return _INJURY_WORDS.get(profile.injury or "")
    if field == SIDE:
        return _SIDE_WORDS.get(profile.side or "")
    if field == WHEN:
        return when_text(profile, today)
    return _SUPPORT_WORDS.get(profile.support or "")


def _after_answer(s: Services, caller: Caller, user: UserRow, field: str, mode: str,
                  saved: str = "Saved. ") -> list[Reply]:
    """The next question while setting up; the profile (and a stage suggestion) when done or edited."""
    profile = s.storage.get_profile(user.user_id)
    if profile is None:
        return stale()
    if mode == SETUP and field in ORDER and ORDER.index(field) + 1 < len(ORDER):
        return [question(s, caller, user, ORDER[ORDER.index(field) + 1], SETUP, profile)]
    waiting.ended(s, caller, waiting.PROFILE)
    replies = [summary(s, user, profile, saved if mode == EDIT else "Thanks, that's your profile. ")]
    suggestion = stage_suggestion(s, user, profile) if field != SIDE else None
    return replies + ([suggestion] if suggestion else [])


def _store(s: Services, user: UserRow, field: str, value: str | None,
           span: tuple[date | None, date | None] | None = None) -> bool:
    if field == WHEN:
        after, before = span or (None, None)
        return s.storage.set_profile_field(user.user_id, "when", after.isoformat() if after else None, before)
    return s.storage.set_profile_field(user.user_id, _STORAGE_FIELD[field], value)


def _range(value: str, today: date) -> tuple[date | None, date | None] | None:
    found = WHEN_RANGES.get(value)
    if found is None:
        return None
    _, most, least = found
    return (today - timedelta(days=most) if most is not None else None, today - timedelta(days=least))


# ---------------------------------------------------------------- buttons


def button(s: Services, caller: Caller, rest: str) -> list[Reply]:
    """prof:<action>[:<value>[:<mode>]] (see callbacks.py)."""
    action, _, tail = rest.partition(":")
    value, _, mode = tail.partition(":")
    user = s.user(caller)
    profile = s.storage.get_profile(user.user_id)
    if action == "start":
        return [summary(s, user, profile)] if profile is not None else ask_consent(s, caller, user)
    if action == "later":
        return [Reply("OK, no profile. /profile sets one up any time.", drop=(f"{cb.PROFILE}:",))]
    if action == "keep":
        stage = s.kb.stages.get(user.stage or "")
        kept = f"your stage stays {stage.name}" if stage else "no stage chosen yet (/stage)"
        return [Reply(f"OK, {kept}.", drop=(f"{cb.STAGE}:", f"{cb.PROFILE}:keep"))]
    if action == "yes":
        return consent(s, caller, user, True)
    if action == "no":
        return consent(s, caller, user, False)
    if action == "edit":
        if profile is None:
            return stale()
        if not value:
            return [edit_choice(user)]
        if value not in ORDER:
            return stale()
        return [question(s, caller, user, value, EDIT, profile)]
    if action == "del":
        if value == "":
            return confirm_delete(s, caller, user)
        if value == "n":
            return [Reply("OK, your profile stays as it is.", edit=True)]
        if value != "y":
            return stale()
        deleted = s.storage.delete_profile(user.user_id)
        waiting.ended(s, caller, waiting.PROFILE)
        return [Reply("Deleted: I no longer keep an injury profile for you." if deleted
                      else "There was no injury profile to delete.", edit=True)]
    if action == "skip":
        if profile is None or value not in ORDER or mode not in (SETUP, EDIT):
            return stale()
        if mode == EDIT:
            _store(s, user, value, None)
        waiting.ended(s, caller, waiting.PROFILE)
        return _after_answer(s, caller, user, value, mode, saved="Cleared. ")
    if action in ORDER:
        if profile is None or mode not in (SETUP, EDIT):
            return stale()  # deleted since (or never agreed to): nothing is stored without a yes
        return _answer(s, caller, user, action, value, mode)
    return stale()


def _answer(s: Services, caller: Caller, user: UserRow, field: str, value: str, mode: str) -> list[Reply]:
    choices = {INJURY: INJURIES, SIDE: SIDES, SUPPORT: SUPPORTS, WHEN: WHEN_RANGES}[field]
    if value not in choices:
        return stale()
    span = _range(value, s.today(user)) if field == WHEN else None
    if not _store(s, user, field, value, span):
        return stale()
    waiting.ended(s, caller, waiting.PROFILE)
    return _after_answer(s, caller, user, field, mode)


def consent(s: Services, caller: Caller, user: UserRow, yes: bool) -> list[Reply]:
    waiting.ended(s, caller, waiting.PROFILE)
    if not yes:
        return [Reply(f"OK, no profile. {NOT_STORED} /profile asks again any time.",
                      drop=(f"{cb.PROFILE}:",))]
    profile = s.storage.create_profile(user.user_id)
    return [question(s, caller, user, INJURY, SETUP, profile, lead="Thanks. ")]


# ---------------------------------------------------------------- typed answers

_YES = re.compile(r"^(yes|yeah|yep|yup|y|ok|okay|sure|fine|go ahead|please|yes please|of course)\b")
_NO = re.compile(r"^(no|nope|nah|n|not really|no thanks|not now|later|rather not|do not|don't|dont)\b")
_SKIP = re.compile(r"^(skip|pass|next|rather not say|prefer not to say|i do not know|i don't know|"
                   r"don't know|dont know|not sure|no idea)\b")
_INJURY_TYPED = (
    ("achilles", re.compile(r"\bachill|\btendon")),
    ("surgery", re.compile(r"\b(operat\w*|surgery|surgeries|op|orif|plates?|screws?|surgeon)\b")),
    ("fracture", re.compile(r"\b(fractur\w*|broke|broken|break|cracked|crack)\b")),
    ("sprain", re.compile(r"\b(sprain\w*|twist\w*|rolled|roll(?:ed)? it|turned|ligaments?|went over)\b")),
    ("other", re.compile(r"\b(other|something else|none of (?:these|them|those)|else)\b")),
)
_NEGATED = r"(?:no|not|out of (?:the|my|a)?|off|without|removed|never)\s*(?:in\s+)?(?:a|the|my)?\s*"
_CAST = re.compile(r"\b(cast|plaster|pot)\b")
_BOOT = re.compile(r"\b(boot|aircast|air cast|walker)\b")
_SUPPORT_NO = re.compile(r"^(no|nope|nah|neither|none|not any more|not anymore|no longer|off|out|"
                         r"it is off|it's off|they are off)\b|\b(neither|came off|come off|is off|"
                         r"taken off|removed|out of (?:the|my|a)?\s*(?:cast|boot))\b")
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
            "a few": 3, "few": 3, "several": 4, "fifteen": 15, "twenty": 20}
_NUMBER = r"(\d+(?:\.\d+)?|" + "|".join(sorted(map(re.escape, _NUMBERS), key=len, reverse=True)) + ")"
_UNITS = {"day": 1, "week": 7, "wk": 7, "month": 30.4, "year": 365, "yr": 365}
_DURATION = re.compile(rf"^(?:about|around|roughly|maybe|approx\w*|nearly|almost|over|just over|"
                       rf"just under|under|~)?\s*{_NUMBER}\s*(days?|weeks?|wks?|months?|years?|yrs?)"
                       rf"(?:\s+and a half)?(?:\s+(?:ago|back|since|now))?$")
_RELATIVE = {"today": 0, "this morning": 0, "yesterday": 1, "last night": 1, "the other day": 3,
             "last week": 7, "a week ago": 7, "last month": 30, "a month ago": 30, "last year": 365,
             "a year ago": 365}
_RANGE_TYPED = (
    ("week", re.compile(r"^(?:this|in the last|within the last|past) week$")),
    ("1-6w", re.compile(r"^1\s*(?:-|to)\s*6 weeks(?: ago)?$")),
    ("6w-3m", re.compile(r"^6 weeks\s*(?:-|to)\s*3 months(?: ago)?$")),
    ("longer", re.compile(r"^(?:longer(?: ago)?|ages ago|long ago|a long time ago|more than 3 months"
                          r"(?: ago)?|over 3 months(?: ago)?|years ago)$")),
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4})?)?$")
_DAY_MONTH = re.compile(rf"^(?:on\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
                        rf"(?:,?\s+(\d{{4}}))?$")
_MONTH_DAY = re.compile(rf"^(?:on\s+)?{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$")
_MONTH_ONLY = re.compile(rf"^(?:in\s+)?(?:early\s+|mid\s+|late\s+)?{_MONTH}(?:\s+(\d{{4}}))?$")
OLDEST_YEARS = 30


class WhenError(ValueError):
    """A typed date that cannot be the injury's: in the future, not a date, or very long ago."""


def read_when(text: str, today: date) -> tuple[date | None, date | None] | None:
    """A typed 'when' as (earliest, latest) dates; None when the text is not a time at all.
    Raises WhenError for a date that cannot be right (the reason is its message)."""
    line = " ".join(text.lower().strip().rstrip(".!").replace("\u2013", "-").split())
    line = re.sub(r"^(?:it was|it happened|i think|roughly|about|around)\s+(?=\D)", "", line) or line
    for value, pattern in _RANGE_TYPED:
        if pattern.match(line):
            return _range(value, today)
    for phrase, days in _RELATIVE.items():
        if line in (phrase, f"about {phrase}", f"around {phrase}"):
            day = today - timedelta(days=days)
            return day, day
    m = _DURATION.match(line)
    if m:
        count = float(m.group(1)) if m.group(1)[0].isdigit() else float(_NUMBERS[m.group(1)])
        if "and a half" in line:
            count += 0.5
        unit = next(days for name, days in _UNITS.items() if m.group(2).startswith(name))
        days = round(count * unit)
        if days > OLDEST_YEARS * 365:
            raise WhenError(f"That is more than {OLDEST_YEARS} years ago.")
        day = today - timedelta(days=days)
        return day, day
    day = _read_date(line, today)
    if day is None:
        return None
    if day > today:
        raise WhenError(f"{day:%-d %B %Y} is in the future.")
    if (today - day).days > OLDEST_YEARS * 365:
        raise WhenError(f"{day:%-d %B %Y} is more than {OLDEST_YEARS} years ago.")
    return day, day


def _month(name: str) -> int:
    return _MONTHS.index(name[:3]) + 1


def _read_date(line: str, today: date) -> date | None:
    """ISO, 3.2.2025, 3.2., '3 February [2025]', 'February 3', 'in February [2025]'; None otherwise.
    Without a year: the latest such day that is not in the future."""
    try:
        if m := _ISO.match(line):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DOTTED.match(line):
            return _latest(int(m.group(1)), int(m.group(2)), m.group(3), today)
        if m := _DAY_MONTH.match(line):
            return _latest(int(m.group(1)), _month(m.group(2)), m.group(3), today)
        if m := _MONTH_DAY.match(line):
            return _latest(int(m.group(2)), _month(m.group(1)), m.group(3), today)
        if m := _MONTH_ONLY.match(line):
            day = _latest(15, _month(m.group(1)), m.group(2), today)
            return min(day, today)  # "in March" during March: not a day in the future
    except ValueError as error:
        raise WhenError("That is not a date I can read.") from error
    return None


def _latest(day: int, month: int, year: str | None, today: date) -> date:
    if year:
        number = int(year)
        return date(number + 2000 if number < 100 else number, month, day)
    found = date(today.year, month, day) if (month, day) != (2, 29) else date(today.year, 3, 1)
    return found if found <= today else found.replace(year=today.year - 1)


def _read_choice(field: str, line: str) -> str | None:
    if field == INJURY:
        return next((kind for kind, pattern in _INJURY_TYPED if pattern.search(line)), None)
    if field == SIDE:
        left, right = re.search(r"\b(left|l)\b", line), re.search(r"\b(right|r)\b", line)
        if re.search(r"\b(both|each|two|either)\b", line) or (left and right):
            return "both"
        return "left" if left else "right" if right else None
    if field == SUPPORT:
        cast, boot = _CAST.search(line), _BOOT.search(line)
        negated = lambda p: re.search(rf"\b{_NEGATED}{p}\b", line)  # noqa: E731
        if boot and not negated("(?:boot|aircast|walker)") and not re.search(r"boot\b.{0,12}\boff\b", line):
            return "boot"
        if cast and not negated("(?:cast|plaster|pot)") and not re.search(r"cast\b.{0,12}\boff\b", line):
            return "cast"
        return "none" if _SUPPORT_NO.search(line) else None
    return None


def typed(s: Services, caller: Caller, awaiting: AwaitingRow, text: str) -> list[Reply] | None:
    """A typed answer to the profile question awaited (already triaged); None when it is not one."""
    user = s.user(caller)
    line = " ".join(text.lower().replace("\u2019", "'").strip().rstrip(".!").split())
    if awaiting.subject == CONSENT:
        if _YES.match(line) and not _NO.match(line):
            return consent(s, caller, user, True)
        if _NO.match(line):
            return consent(s, caller, user, False)
        return None
    field, _, mode = awaiting.subject.partition(":")
    profile = s.storage.get_profile(user.user_id)
    if field not in ORDER or mode not in (SETUP, EDIT) or profile is None:
        waiting.ended(s, caller, waiting.PROFILE)
        return None
    if _SKIP.match(line):
        return button(s, caller, f"skip:{field}:{mode}")
    if field == WHEN:
        try:
            span = read_when(text, s.today(user))
        except WhenError as error:
            return [Reply(f"{error} {NOT_STORED} Please type when it happened, or tap one:"),
                    question(s, caller, user, WHEN, mode, profile)]
        if span is None:
            return None
        _store(s, user, WHEN, None, span)
        waiting.ended(s, caller, waiting.PROFILE)
        return _after_answer(s, caller, user, WHEN, mode)
    value = _read_choice(field, line)
    if value is None or len(line.split()) > 12:
        return None
    return _answer(s, caller, user, field, value, mode)


_HINTS = {INJURY: "a sprain, a fracture, an operation, the Achilles tendon or something else",
          SIDE: "left, right or both", WHEN: "a date such as 3 February, or \"about 5 weeks ago\"",
          SUPPORT: "in a cast, in a boot, or neither"}


def ask_back(s: Services, caller: Caller, awaiting: AwaitingRow) -> list[Reply] | None:
    """A short text that is not an answer to the profile question: asked again, kindly."""
    user = s.user(caller)
    if awaiting.subject == CONSENT:
        return [Reply("Sorry, I didn't catch that. Shall I keep an injury profile? Tap a button, or type yes "
                      f"or no. {NOT_STORED}",
                      ((Button("Yes, keep a profile", cb.profile("yes", epoch=user.epoch)),
                        Button("No, thanks", cb.profile("no", epoch=user.epoch))),))]
    field, _, mode = awaiting.subject.partition(":")
    profile = s.storage.get_profile(user.user_id)
    if field not in ORDER or mode not in (SETUP, EDIT) or profile is None:
        return None
    return [question(s, caller, user, field, mode, profile,
                     lead=f"Sorry, I didn't catch that. Type {_HINTS[field]}, tap one, or skip. ")]

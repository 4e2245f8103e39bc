"""Adaptation rules: how the routine reacts to logged pain, when to offer the next stage or band.

Every rule lives here, next to its source, so a clinician can review them in one place.
All functions are pure and deterministic: plain data in, plain data out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from bot.progress.model import (
    LEVEL_ACCEPTABLE,
    LEVEL_EASE_OFF,
    LEVEL_FINE,
    LEVEL_SEE_PROFESSIONAL,
    TRIAGE_NONE,
    TRIAGE_ROUTINE,
    Advice,
    SessionRecord,
)

# --- Pain-monitoring model ------------------------------------------------------------------------
# Silbernagel et al., Am J Sports Med 2007: pain during exercise 0-3/10 is safe, 4-5 is acceptable
# if it settles by the next morning, over 5 is too much; if it is worse the next day, reduce the load.
SOURCE_PAIN_MODEL = "Silbernagel et al., Am J Sports Med 2007 (pain-monitoring model)"
PAIN_SAFE_MAX = 3
PAIN_ACCEPTABLE_MAX = 5

# Routine triage (red-flags.md, "Routine": pain that increases with the exercises or has not settled,
# repeatedly). Severe pain, or pain rising over several sessions, is for a professional to review.
SOURCE_ROUTINE_TRIAGE = (
    "red-flags.md routine level; Silbernagel et al., Am J Sports Med 2007 (pain-monitoring model)"
)
PAIN_SEE_PROFESSIONAL_MIN = 8
RISING_PAIN_SESSIONS = 3  # strictly increasing across this many consecutive scored sessions...
# ...and ending above the safe range: 0, 2, 3 is three safe sessions, not a reason to see anyone.

# --- Stage progression ----------------------------------------------------------------------------
# Project rule (issue 14, replacing issue 4's "8 safe sessions in 14 days", which a 3-days-a-week
# strength plan can never reach), built on the pain-monitoring model: move on after a steady run of
# weeks on the stage's weekly target with little pain. A week counts when it holds at least the
# target's minimum of training days with pain 0-3 (the current week counts as soon as it does).
# ACSM 2011: 2-3 strength days a week; Hupperets et al., BMJ 2009: balance 3 times a week.
SOURCE_STAGE_PROGRESSION = ("Issue 14 project rule on the pain-monitoring model (Silbernagel 2007); "
                            "ACSM 2011; Hupperets et al., BMJ 2009")
STAGE_MIN_WEEKS_ON_TARGET = 2  # in a row, ending this week or last week

# --- The weekly plan -------------------------------------------------------------------------------
# Each stage's target (knowledge/routines.yaml, `target`): training days a week, sessions a day, and
# whether a rest day follows each training day (ACSM 2011: a rest day between strength sessions for
# the same muscles). Weeks are calendar weeks, Monday to Sunday, in the person's local time.
SOURCE_WEEKLY_PLAN = ("ACSM 2011 (strength 2-3 days a week, a rest day between; mobility daily); "
                      "knowledge/routines.yaml")
# Two taps of Done within this time are one session (a double tap, or Done pressed in the routine and
# again in the reminder), even where the stage allows two sessions a day. Project choice.
SECOND_SESSION_MIN_GAP_HOURS = 2


# --- Band progression -----------------------------------------------------------------------------
# Thera-Band Academy guidance and both seed documents: 2-3 sets of 10-15 slow, controlled
# repetitions; when 20-25 repetitions feel easy, move to the next colour and drop back to 10-15.
SOURCE_BAND_PROGRESSION = "Thera-Band Academy guidance; seed documents"
BAND_COLOURS: tuple[str, ...] = ("yellow", "red", "green", "blue", "black", "silver", "gold")
BAND_REPS_START = "10-15"
BAND_REPS_EASY = "20-25"
# "Now and then": asking every session would nag. Project choice, not a clinical threshold.
BAND_ASK_MIN_DAYS = 7
BAND_ASK_MIN_SESSIONS = 3

# --- Asking the questions -------------------------------------------------------------------------
# The pain-monitoring model judges a session by how the ankle feels the next morning. Ask about the
# latest session when it was yesterday or the day before: later, people no longer remember how that
# morning felt. A session with pain 0 had nothing to settle. Project choices on Silbernagel 2007.
SETTLED_ASK_MAX_DAYS = 2
# "The person decides": after "Not yet" (or an ignored offer) the next stage is offered again a week
# later at the earliest, so the offer never turns into daily nagging. Project choice.
STAGE_OFFER_MIN_DAYS = 7



class TargetLike(Protocol):
    """A stage's weekly target (bot.knowledge.WeeklyTarget): the rules read only these fields."""

    days_min: int
    days_max: int
    sessions_per_day: int
    rest_day_between: bool


_EASE_OFF_HOW = "fewer repetitions, a lighter band, or a rest day"


def _scored(sessions: Iterable[SessionRecord]) -> list[SessionRecord]:
    """Sessions with a pain score, oldest first (stable, so same-day sessions keep their order)."""
    return sorted((s for s in sessions if s.pain is not None), key=lambda s: s.day)


def _is_rising(pains: Sequence[int]) -> bool:
    last = pains[-RISING_PAIN_SESSIONS:]
    return (len(last) == RISING_PAIN_SESSIONS and last[-1] > PAIN_SAFE_MAX
            and all(a < b for a, b in zip(last, last[1:], strict=False)))


def advise(sessions: Sequence[SessionRecord]) -> Advice:
    """Advice from the latest session with a pain score (and the trend over the last three)."""
    scored = _scored(sessions)
    if not scored:
        return Advice(
            level=LEVEL_FINE,
            text="No pain scores logged yet. After each session, tell me how much it hurt (0-10).",
            hold_progression=False,
            triage=TRIAGE_NONE,
            source=SOURCE_PAIN_MODEL,
        )

    latest = scored[-1]
    pains = [s.pain for s in scored if s.pain is not None]
    pain = pains[-1]

    # Most cautious rule first: a routine triage outranks easing off.
    if pain >= PAIN_SEE_PROFESSIONAL_MIN or _is_rising(pains):
        if pain >= PAIN_SEE_PROFESSIONAL_MIN:
            reason = f"pain of {pain}/10 during the exercises is more than they should cause"
        else:
            trend = ", ".join(str(p) for p in pains[-RISING_PAIN_SESSIONS:])
            reason = f"your pain has gone up over your last {RISING_PAIN_SESSIONS} sessions ({trend})"
        return Advice(
            level=LEVEL_SEE_PROFESSIONAL,
            text=(
                f"Please check this with your physio or doctor: {reason}. "
                f"Until then, ease off: {_EASE_OFF_HOW}, and stay at your current stage."
            ),
            hold_progression=True,
            triage=TRIAGE_ROUTINE,
            source=SOURCE_ROUTINE_TRIAGE,
        )

    # Pain that lingers to the next morning means the load was too high, whatever the score.
    if pain > PAIN_ACCEPTABLE_MAX or latest.settled is False:
        why = (
            f"Pain of {pain}/10 is more than the exercises should cause"
            if pain > PAIN_ACCEPTABLE_MAX
            else f"The pain ({pain}/10) had not settled by the next morning"
        )
        return Advice(
            level=LEVEL_EASE_OFF,
            text=(
                f"{why}. Ease off next time: {_EASE_OFF_HOW}. "
                "Stay at your current stage until the sessions feel comfortable again."
            ),
            hold_progression=True,
            triage=TRIAGE_NONE,
            source=SOURCE_PAIN_MODEL,
        )

    if pain <= PAIN_SAFE_MAX:
        return Advice(
            level=LEVEL_FINE,
            text=f"Pain of {pain}/10 is in the safe range (0-{PAIN_SAFE_MAX}). Keep going as planned.",
            hold_progression=False,
            triage=TRIAGE_NONE,
            source=SOURCE_PAIN_MODEL,
        )

    # 4-5: acceptable, provided it settles by the next morning.
    if latest.settled is None:
        text = (
            f"Pain of {pain}/10 is acceptable if it settles by tomorrow morning. "
            "Check tomorrow morning: if it still hurts more than usual, ease off next time."
        )
    else:
        text = f"Pain of {pain}/10 is acceptable, and it settled by the next morning. Keep the same load."
    return Advice(
        level=LEVEL_ACCEPTABLE,
        text=text,
        hold_progression=False,
        triage=TRIAGE_NONE,
        source=SOURCE_PAIN_MODEL,
    )


def _up_to(sessions: Iterable[SessionRecord], today: date) -> list[SessionRecord]:
    return [s for s in sessions if s.day <= today]


def stage_progression_due(sessions: Sequence[SessionRecord], today: date, target: TargetLike) -> bool:
    """True when the last weeks (this one or the last one included) were on target at low pain, two
    in a row, and nothing holds progress."""
    past = _up_to(sessions, today)
    safe_days = [s.day for s in past if s.pain is not None and s.pain <= PAIN_SAFE_MAX]
    return (weeks_on_target(safe_days, today, target) >= STAGE_MIN_WEEKS_ON_TARGET
            and not advise(past).hold_progression)


def should_offer_stage(sessions: Sequence[SessionRecord], last_offered: date | None, today: date,
                       target: TargetLike) -> bool:
    """Offer the next stage when it is due and was not offered in the last 7 days.

    `sessions`: the sessions at the current stage only (a new stage starts a new count).
    """
    if last_offered is not None and (today - last_offered).days < STAGE_OFFER_MIN_DAYS:
        return False
    return stage_progression_due(sessions, today, target)


def settled_question_due(session: SessionRecord, today: date) -> bool:
    """Ask "had the pain settled by the next morning?" about this session today?"""
    days_ago = (today - session.day).days
    return (session.pain is not None and session.pain > 0 and session.settled is None
            and 1 <= days_ago <= SETTLED_ASK_MAX_DAYS)


def next_stage(current: str, order: Sequence[str]) -> str | None:
    """The stage after `current`, or None at the last stage. Unknown stages are a caller bug."""
    try:
        index = list(order).index(current)
    except ValueError:
        raise ValueError(f"unknown stage {current!r}; expected one of {list(order)}") from None
    return order[index + 1] if index + 1 < len(order) else None


def _normalise_colour(colour: str) -> str:
    normalised = colour.strip().lower()
    if normalised not in BAND_COLOURS:
        raise ValueError(f"unknown band colour {colour!r}; expected one of {list(BAND_COLOURS)}")
    return normalised


def next_band(colour: str) -> str | None:
    """The next, stronger band colour, or None for the strongest. Case-insensitive."""
    index = BAND_COLOURS.index(_normalise_colour(colour))
    return BAND_COLOURS[index + 1] if index + 1 < len(BAND_COLOURS) else None


def should_ask_about_band(sessions: Sequence[SessionRecord], last_asked: date | None, today: date) -> bool:
    """Ask "did 20-25 repetitions feel easy?" now and then, never while progression is on hold.

    At most once every 7 days, and only after 3 sessions since the last ask (sessions on the day
    of the last ask count as before it).
    """
    past = _up_to(sessions, today)
    if advise(past).hold_progression:
        return False
    if last_asked is not None and (today - last_asked).days < BAND_ASK_MIN_DAYS:
        return False
    since = [s for s in past if last_asked is None or s.day > last_asked]
    return len(since) >= BAND_ASK_MIN_SESSIONS


def band_advice(easy: bool, colour: str | None) -> str:
    """What to say after the person answers whether 20-25 repetitions felt easy.

    colour None: the colour is not known; only possible for "not easy" (for "easy", ask the colour
    first: the advice names the next one).
    """
    if colour is None:
        if easy:
            raise ValueError("band_advice(easy=True) needs the current colour to name the next one")
        return (
            f"Keep going with your band: 2-3 sets of slow, controlled repetitions, building up towards "
            f"{BAND_REPS_EASY}. When {BAND_REPS_EASY} feel easy, it is time for the next colour."
        )
    current = _normalise_colour(colour)
    if not easy:
        return (
            f"Keep going with the {current} band: 2-3 sets of slow, controlled repetitions, "
            f"building up towards {BAND_REPS_EASY}. "
            f"When {BAND_REPS_EASY} feel easy, it is time for the next colour."
        )
    stronger = next_band(current)
    if stronger is None:
        return (
            f"Well done: {current} is the strongest band. Keep up 2-3 sets of {BAND_REPS_EASY}, "
            "and ask your physio how to make the exercises harder from here."
        )
    return (
        f"Well done! Move up from the {current} band to the {stronger} band, and drop back to "
        f"2-3 sets of {BAND_REPS_START} slow repetitions. "
        f"Build up to {BAND_REPS_EASY} again before the next change."
    )


def week_start(day: date) -> date:
    """The Monday of the calendar week `day` is in."""
    return day - timedelta(days=day.weekday())


def training_days_in_week(session_days: Iterable[date], day: date) -> list[date]:
    """The distinct days with a session in the week of `day`, oldest first (up to `day`)."""
    start = week_start(day)
    return sorted({d for d in session_days if start <= d <= day})


def week_on_target(session_days: Iterable[date], day: date, target: TargetLike) -> bool:
    """Did the week of `day` reach the target's minimum of training days (counted up to `day`)?"""
    return len(training_days_in_week(session_days, day)) >= target.days_min


def weeks_on_target(session_days: Iterable[date], today: date, target: TargetLike) -> int:
    """Calendar weeks on target in a row, ending this week if it already is, else last week.

    The streak of the weekly plan: a rest day never breaks it, a week below the target does.
    """
    days = set(session_days)
    week = today if week_on_target(days, today, target) else week_start(today) - timedelta(days=1)
    count = 0
    while week_on_target(days, week_start(week) + timedelta(days=6), target):
        count += 1
        week = week_start(week) - timedelta(days=1)
        if count > 520:  # ten years: enough, and no endless loop on odd data
            break
    return count


@dataclass(frozen=True)
class DayPlan:
    """What today is in the weekly plan."""

    training: bool  # a training day (False: a rest day)
    done_today: int  # sessions already recorded today
    more_today: bool  # one more session today still counts
    days_this_week: int  # training days this week so far, today included
    reason: str  # why today is a rest day ('' on a training day)


def day_plan(session_days: Sequence[date], today: date, target: TargetLike) -> DayPlan:
    """Training or rest day today, from the sessions' days (one entry per session) and the target.

    A rest day: the day after a training day when the stage wants a rest day between, or a week that
    already has its most training days. A day with a session is a training day.
    """
    done_today = sum(1 for d in session_days if d == today)
    week_days = training_days_in_week(session_days, today)
    if done_today:
        return DayPlan(True, done_today, done_today < target.sessions_per_day, len(week_days), "")
    reason = ""
    if len(week_days) >= target.days_max:
        reason = (f"you've done your {target.days_max} training days this week" if target.days_max > 1
                  else "you've done this week's training day")
    elif target.rest_day_between and (today - timedelta(days=1)) in set(session_days):
        reason = "you trained yesterday, and the muscles get stronger while they rest"
    return DayPlan(not reason, 0, not reason, len(week_days), reason)

"""The weekly plan in words: is today a training or a rest day, how is the week going, what is next.

The rules are in bot/progress/rules.py (`day_plan`, `weeks_on_target`); each stage's target is in
knowledge/routines.yaml. This module only reads the person's sessions and says it plainly and truly.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.knowledge import Stage, WeeklyTarget
from bot.progress import day_plan, training_days_in_week, week_start, weeks_on_target
from bot.progress.chart import target_text
from bot.progress.rules import DayPlan
from bot.storage import UserRow

from .context import Services
from .render import format_date

# Without a chosen stage: one session a day, no rest days, no target to be on.
NO_STAGE_TARGET = WeeklyTarget(days_min=1, days_max=7, sessions_per_day=1, rest_day_between=False)


def target_of(stage: Stage | None) -> WeeklyTarget:
    return stage.target if stage is not None else NO_STAGE_TARGET


def _days(s: Services, user: UserRow, today: date) -> list[date]:
    """One entry per session, from a week before this week's Monday (enough for the day's plan)."""
    since = week_start(today) - timedelta(days=7)
    return [row.local_date for row in s.storage.sessions(user.user_id, since=since)]


def plan_today(s: Services, user: UserRow, stage: Stage, today: date) -> DayPlan:
    return day_plan(_days(s, user, today), today, stage.target)


def _weekday_names(days: list[date]) -> str:
    return ", ".join(f"{d:%a}" for d in days)


def week_so_far(s: Services, user: UserRow, stage: Stage, today: date) -> str:
    """'This week: 2 training days (Mon, Wed) of your target of 3 days a week.'"""
    days = training_days_in_week(_days(s, user, today), today)
    target = stage.target
    if not days:
        return f"This week: no training day yet (your target: {target_text(target)})."
    done = f"{len(days)} training day{'' if len(days) == 1 else 's'} ({_weekday_names(days)})"
    if len(days) >= target.days_min:
        return f"This week: {done}. Your week is on target ({target_text(target)}). Well done!"
    return f"This week: {done} of your target of {target_text(target)}."


def next_training_day(s: Services, user: UserRow, stage: Stage, today: date) -> str:
    """When the next training day is, in words: 'tomorrow', 'on Monday'."""
    days = _days(s, user, today)
    for ahead in range(1, 8):
        day = today + timedelta(days=ahead)
        if day_plan(days, day, stage.target).training:
            return "tomorrow" if ahead == 1 else f"on {day:%A}"
    return "next week"


def routine_heading(s: Services, user: UserRow, stage: Stage, today: date, plan: DayPlan) -> str:
    """The first lines of /routine: training or rest day, and what to do about it."""
    if not plan.training:
        return (f"Today is a rest day ({plan.reason}). Rest days are part of the plan: a walk and the "
                f"calf stretch are fine. Your next training day: {next_training_day(s, user, stage, today)}. "
                "If you'd rather train today after all, the routine is below.")
    if plan.done_today and plan.more_today:
        return ("Today is a training day and you've done one session. Your stage allows "
                f"{stage.target.sessions_per_day} a day: a second one later today counts too, "
                "if the first one felt fine.")
    if plan.done_today:
        return "Today is a training day. Already done today. Well done!"
    return "Today is a training day."


def done_message(s: Services, user: UserRow, stage: Stage | None, today: date, when: str) -> str:
    """After Done: something encouraging and true (the week so far, and what comes next)."""
    if stage is None:
        return (f"Well done! I've recorded {when}'s session ({format_date(today)}). Choose your rehab "
                "stage with /stage and I'll plan your week with you.")
    days = _days(s, user, today)
    week = training_days_in_week(days, today)
    target = stage.target
    lines = [f"Well done! I've recorded {when}'s session ({format_date(today)})."]
    count = f"{len(week)} training day{'' if len(week) == 1 else 's'} this week"
    if len(week) >= target.days_min:
        weeks = weeks_on_target(days + _older_days(s, user, today), today, target)
        in_a_row = f", {weeks} weeks in a row" if weeks > 1 else ""
        lines.append(f"That's {count}: your week is on target ({target_text(target)}){in_a_row}.")
    else:
        left = target.days_min - len(week)
        lines.append(f"That's {count}; {left} more and your week is on target ({target_text(target)}).")
    plan = day_plan(days, today, target)
    if plan.more_today:
        lines.append("If it felt fine, a second session later today counts too.")
    else:
        lines.append(f"Next training day: {next_training_day(s, user, stage, today)}.")
    return " ".join(lines)


def _older_days(s: Services, user: UserRow, today: date) -> list[date]:
    """Sessions before the window `_days` reads (for the weeks-on-target count)."""
    since = week_start(today) - timedelta(days=7)
    return [row.local_date for row in s.storage.sessions(user.user_id) if row.local_date < since]

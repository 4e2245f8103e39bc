"""Issue 14, a weekly plan instead of a daily treadmill, through the real Application and the fake Bot
API: training and rest days in /routine, two sessions a day where the stage allows it, Done that says
how the week is going, and weeks on target in /progress.

The clock is the shared fake: Monday 10 March 2025, 12:00 UTC. The tiny knowledge base's stages have
the real stages' targets: early mobility 5-7 days a week, up to 2 a day; strengthening 3 days a week
with a rest day between; return to sport 3-4 days with a rest day between.
"""

from datetime import date, timedelta

TODAY = date(2025, 3, 10)  # a Monday


def texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method in ("sendMessage", "editMessageText", "sendPhoto"))


def buttons(calls) -> list[str]:
    return [data.split("~")[0] for c in calls for data in c.button_data]


def at_stage(bot, stage: str, *days_back: int, pain: int = 2) -> None:
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    storage.set_stage(1, stage, TODAY - timedelta(days=40))
    for back in days_back:
        storage.set_session_settled(storage.record_session(1, TODAY - timedelta(days=back), "routine", pain),
                                    1, True)


async def test_strength_routine_the_day_after_training_is_a_rest_day(bot):
    at_stage(bot, "strengthening", 1)  # yesterday (Sunday)
    calls = await bot.command("routine")
    assert "Today is a rest day (you trained yesterday" in texts(calls)
    assert "Your next training day: tomorrow" in texts(calls)
    assert "done:routine" in buttons(calls)  # the person decides: training anyway is recorded


async def test_strength_routine_after_a_rest_day_is_a_training_day_with_the_week_so_far(bot, clock):
    at_stage(bot, "strengthening", 2)  # Saturday; yesterday was a rest day
    calls = await bot.command("routine")
    assert "Today is a training day." in texts(calls)
    assert "This week: no training day yet (your target: 3 days a week)" in texts(calls)
    clock.advance(days=2)  # Wednesday, after Monday's session
    bot.parts.storage.record_session(1, TODAY, "routine", 1)
    calls = await bot.command("routine")
    assert "This week: 1 training day (Mon) of your target of 3 days a week" in texts(calls)


async def test_done_says_the_week_so_far_and_the_next_step(bot, clock):
    at_stage(bot, "strengthening")
    calls = await bot.press("done:routine")
    said = texts(calls)
    assert "Well done! I've recorded today's session (Monday 10 March)." in said
    assert "That's 1 training day this week; 2 more and your week is on target (3 days a week)" in said
    assert "Next training day: on Wednesday" in said  # tomorrow is a rest day
    for days in (2, 2):  # Wednesday, Friday
        clock.advance(days=days)
        await bot.press("done:routine")
    clock.advance(hours=1)
    said = texts(await bot.command("routine"))
    assert "Already done today" in said and "on target" in said


async def test_the_third_strength_day_puts_the_week_on_target(bot, clock):
    storage = bot.parts.storage
    at_stage(bot, "strengthening", 7, 5, 3)  # last week on target: Mon, Wed, Fri
    clock.advance(days=4)  # Friday of this week
    storage.record_session(1, TODAY, "routine", 2)
    storage.record_session(1, TODAY + timedelta(days=2), "routine", 2)
    said = texts(await bot.press("done:routine"))
    assert ("That's 3 training days this week: your week is on target (3 days a week), "
            "2 weeks in a row") in said
    # Saturday and Sunday: the week has its 3 days, so rest until Monday.
    clock.advance(days=1)
    assert "Today is a rest day (you've done your 3 training days this week)" in texts(
        await bot.command("routine"))


async def test_early_mobility_counts_a_second_session_later_the_same_day(bot, clock):
    at_stage(bot, "early-mobility")
    first = await bot.press("done:routine")
    assert "a second session later today counts too" in texts(first)
    double_tap = await bot.press("done:routine")
    assert "I recorded a session a moment ago" in texts(double_tap)
    assert len(bot.parts.storage.sessions(1)) == 1
    clock.advance(hours=3)
    routine = await bot.command("routine")
    assert "you've done one session" in texts(routine) and "done:routine" in buttons(routine)
    second = await bot.press("done:routine")
    assert "Well done! I've recorded today's session" in texts(second)
    assert len(bot.parts.storage.sessions(1)) == 2
    # The second session gets its own pain question.
    assert f"pain:{bot.parts.storage.sessions(1)[-1].id}:0" in buttons(second)
    clock.advance(hours=3)
    third = await bot.press("done:routine")
    assert "Today's 2 sessions are already recorded" in texts(third)
    assert len(bot.parts.storage.sessions(1)) == 2


async def test_strengthening_counts_one_session_a_day(bot, clock):
    at_stage(bot, "strengthening")
    await bot.press("done:routine")
    clock.advance(hours=4)
    assert "Today's session is already recorded" in texts(await bot.press("done:routine"))
    assert len(bot.parts.storage.sessions(1)) == 1
    calls = await bot.command("log", "today", "3")  # completes the pain score instead
    assert "added the pain score, 3/10" in texts(calls)


async def test_progress_counts_weeks_on_target_not_days_in_a_row(bot):
    # 3 days a week for the last three weeks (with rest days between): three weeks on target.
    at_stage(bot, "strengthening", 21, 19, 17, 14, 12, 10, 7, 5, 3)
    calls = await bot.command("progress")
    [photo] = [c for c in calls if c.method == "sendPhoto"]
    assert "Weeks on target in a row: 3." in photo.text
    assert "This week: 0 training days (your target: 3 days a week)." in photo.text

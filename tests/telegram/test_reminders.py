"""Reminders: scheduled from the database, correct across DST, never twice, resilient to failures.

Jobs are run by hand (`job.run(app)`) with the fake clock set to the due time, so no test waits for
the wall clock; the schedule itself is checked through the job's real APScheduler trigger.
"""

import asyncio
import time
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from bot.storage import QUESTIONS_KEPT_DAYS
from bot.telegram.reminders import daily_job_name, snooze_job_name, spread_second


def reminder_messages(bot):
    return [c for c in bot.api.sent("sendMessage") if c.text.startswith("⏰")]


def daily_job(bot, reminder_id=1):
    jobs = bot.app.job_queue.get_jobs_by_name(daily_job_name(reminder_id))
    assert len(jobs) == 1
    return jobs[0]


async def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


# ---------------------------------------------------------------- scheduling


async def test_remind_schedules_a_daily_job_at_local_time(bot):
    await bot.command("timezone", "Europe/Berlin")
    await bot.command("remind", "07:30")
    trigger = daily_job(bot).job.trigger
    assert str(trigger.timezone) == "Europe/Berlin"
    next_fire = trigger.get_next_fire_time(None, utc("2025-03-10T00:00:00+00:00"))
    assert next_fire == utc("2025-03-10T06:30:01+00:00")  # reminder 1 fires at second 1 of its minute


async def test_daylight_saving_change_keeps_0730_local(bot, clock):
    """Europe/London, last Sunday of March 2025: 07:30 local is 07:30 UTC, then 06:30 UTC."""
    await bot.command("timezone", "Europe/London")
    await bot.command("remind", "07:30")
    job = daily_job(bot)
    saturday = job.job.trigger.get_next_fire_time(None, utc("2025-03-29T00:00:00+00:00"))
    sunday = job.job.trigger.get_next_fire_time(saturday, saturday + timedelta(seconds=1))
    assert saturday == utc("2025-03-29T07:30:01+00:00")
    assert sunday == utc("2025-03-30T06:30:01+00:00")
    # And when the job fires at those instants, each day gets its reminder.
    for fire_time in (saturday, sunday):
        clock.now = fire_time.astimezone(UTC)
        await job.run(bot.app)
    assert len(reminder_messages(bot)) == 2
    assert bot.parts.storage.get_reminder(1).last_sent_date == date(2025, 3, 30)


async def test_days_are_passed_to_the_schedule(bot):
    await bot.command("remind", "07:30", "weekdays")
    trigger = daily_job(bot).job.trigger
    friday_evening = utc("2025-03-14T20:00:00+00:00")
    assert trigger.get_next_fire_time(None, friday_evening) == utc("2025-03-17T07:30:01+00:00")


async def test_a_new_time_zone_moves_existing_reminders(bot):
    await bot.command("remind", "07:30")
    await bot.command("timezone", "Asia/Tokyo")
    assert str(daily_job(bot).job.trigger.timezone) == "Asia/Tokyo"


async def test_cancel_and_forget_remove_jobs(bot):
    await bot.command("remind", "07:30")
    await bot.command("remind", "20:00")
    await bot.press("rem:cancel:1")
    assert bot.parts.reminders.jobs_for(1) == [] and bot.parts.reminders.jobs_for(2)
    await bot.press("forget:yes")
    assert bot.parts.reminders.jobs_for(2) == []


# ---------------------------------------------------------------- sending


async def test_the_reminder_has_routine_done_and_snooze_buttons_and_is_sent_once_a_day(bot, clock):
    await bot.command("remind", "12:00")  # the clock says Monday 12:00 UTC
    job = daily_job(bot)
    await job.run(bot.app)
    await job.run(bot.app)  # a duplicate firing the same day
    [message] = reminder_messages(bot)
    assert message.chat_id == 1
    assert [d.split("~")[0] for d in message.button_data] == ["routine", "done:reminder", "snooze:1"]
    clock.advance(days=1)
    await job.run(bot.app)
    assert len(reminder_messages(bot)) == 2


async def test_concurrent_sends_of_one_reminder_deliver_one_message(bot):
    await bot.command("remind", "12:00")
    results = await asyncio.gather(*(bot.parts.reminders.send_due(1) for _ in range(5)))
    assert sorted(results) == [False] * 4 + [True]
    assert len(reminder_messages(bot)) == 1


async def test_no_reminder_when_todays_routine_is_done(bot):
    await bot.command("remind", "12:00")
    await bot.press("done:routine")
    await daily_job(bot).job.func(bot.app.job_queue, daily_job(bot))
    assert reminder_messages(bot) == []


async def test_done_from_the_reminder_records_a_reminder_session(bot):
    await bot.command("remind", "12:00")
    await daily_job(bot).run(bot.app)
    await bot.press("done:reminder")
    assert [s.source for s in bot.parts.storage.sessions(1)] == ["reminder"]


async def test_snooze_sends_once_thirty_minutes_later(bot, clock):
    await bot.command("remind", "12:00")
    await daily_job(bot).run(bot.app)
    await bot.press("snooze:1")
    [job] = bot.app.job_queue.get_jobs_by_name(snooze_job_name(1))
    assert job.job.trigger.run_date == clock.now + timedelta(minutes=30)
    clock.advance(minutes=30)
    await job.run(bot.app)
    await job.run(bot.app)
    assert len(reminder_messages(bot)) == 2  # the daily one and one snoozed one


# ---------------------------------------------------------------- failures


async def test_blocked_user_gets_reminders_deactivated(bot):
    await bot.command("remind", "12:00")
    await bot.command("remind", "18:00")
    bot.api.fail("sendMessage", "forbidden")
    assert not await bot.parts.reminders.send_due(1)
    assert bot.parts.storage.reminders_for(1) == []
    assert bot.parts.reminders.jobs_for(1) == [] and bot.parts.reminders.jobs_for(2) == []


# The fake asks for a fraction of a second, where Telegram says whole seconds; PTB warns about that.
retry_after_in_fractions = pytest.mark.filterwarnings("ignore:.*retry_after.*")


@retry_after_in_fractions
async def test_retry_after_is_waited_out_and_retried(bot):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "retry_after", times=1, retry_after=0.05)
    assert await bot.parts.reminders.send_due(1)
    assert len(bot.api.sent("sendMessage")) - 1 == 2  # one refused, one delivered (after the /remind reply)
    assert bot.parts.storage.get_reminder(1).last_sent_date == date(2025, 3, 10)


@retry_after_in_fractions
async def test_flood_control_that_does_not_clear_releases_the_day_for_a_later_try(bot):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "retry_after", times=3, retry_after=0.01)  # max_retries=2: 3 attempts
    assert not await bot.parts.reminders.send_due(1)
    assert bot.parts.storage.get_reminder(1).last_sent_date is None
    assert await bot.parts.reminders.send_due(1)


async def test_network_errors_are_retried_a_bounded_number_of_times(bot):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "network", times=1)
    assert await bot.parts.reminders.send_due(1)
    bot.api.fail("sendMessage", "network", times=10)
    bot.parts.storage.release_reminder_day(1, date(2025, 3, 10), None)
    before = len(bot.api.sent("sendMessage"))
    assert not await bot.parts.reminders.send_due(1)
    assert len(bot.api.sent("sendMessage")) - before == 3  # retry_delays=(0, 0): 1 try + 2 retries


async def test_a_timeout_is_not_retried_so_the_reminder_is_never_doubled(bot):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "timeout")
    before = len(bot.api.sent("sendMessage"))
    assert not await bot.parts.reminders.send_due(1)
    assert len(bot.api.sent("sendMessage")) - before == 1
    assert bot.parts.storage.get_reminder(1).last_sent_date == date(2025, 3, 10)  # stays claimed


async def test_mass_sends_respect_the_configured_rate(make_bot, clock):
    bot = await make_bot(rate=100)
    for user in range(1, 51):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "12:00")
    stamps = []
    bot.api.on_call = lambda call: stamps.append(time.monotonic())
    assert await bot.parts.reminders.catch_up() == 50
    # 100 a second with a bucket of a tenth of a second (10 messages): the other 40 take 0.4 s.
    assert 0.35 <= stamps[-1] - stamps[0] < 2.0
    assert len({c.chat_id for c in reminder_messages(bot)}) == 50


# ---------------------------------------------------------------- restarts


async def test_a_restart_keeps_reminders(make_bot, tmp_path):
    db = str(tmp_path / "shared.sqlite3")
    first = await make_bot(db)
    await first.command("timezone", "Europe/London")
    await first.command("remind", "07:30", "mon,wed,fri")
    second = await make_bot(db)  # a new process on the same database
    trigger = daily_job(second).job.trigger
    assert str(trigger.timezone) == "Europe/London"
    next_fire = trigger.get_next_fire_time(None, utc("2025-03-11T00:00:00+00:00"))
    assert next_fire == utc("2025-03-12T07:30:01+00:00")  # Wednesday


async def test_catch_up_at_start_sends_a_missed_reminder_once(make_bot, tmp_path, clock):
    db = str(tmp_path / "shared.sqlite3")
    clock.set("2025-03-10T07:00:00+00:00")
    first = await make_bot(db)
    await first.command("remind", "07:30")
    await first.command("remind", "05:00", user_id=2)  # over two hours ago by then: dropped
    clock.set("2025-03-10T08:15:00+00:00")  # the bot was down at 07:30
    second = await make_bot(db, start=True)
    await wait_until(lambda: len(reminder_messages(second)) == 1)
    assert reminder_messages(second)[0].chat_id == 1
    third = await make_bot(db, start=True)  # and once more: nothing new
    await asyncio.sleep(0.3)
    assert reminder_messages(third) == [] and len(reminder_messages(second)) == 1


async def test_a_snooze_survives_a_restart(make_bot, tmp_path, clock):
    db = str(tmp_path / "shared.sqlite3")
    first = await make_bot(db)
    await first.command("remind", "12:00")
    assert await first.parts.reminders.send_due(1)
    await first.press("snooze:1")
    second = await make_bot(db)
    assert second.app.job_queue.get_jobs_by_name(snooze_job_name(1))
    clock.advance(minutes=45)  # down while the snooze fell due: the catch-up sends it
    assert await second.parts.reminders.catch_up() == 1
    assert await second.parts.reminders.catch_up() == 0


async def test_the_catch_up_runs_however_late_the_job_queue_starts(bot):
    """With thousands of reminders to schedule, the queue starts seconds after the catch-up was due;
    APScheduler's default (1 s grace) would silently skip it."""
    [catch_up] = bot.app.job_queue.get_jobs_by_name("catch-up")
    assert catch_up.job.misfire_grace_time is None


async def test_a_long_running_bot_deletes_old_questions_once_a_day(bot, clock):
    await bot.text("how many reps?")
    assert bot.parts.storage.count_rows(1)["questions"] == 1
    [job] = bot.app.job_queue.get_jobs_by_name("prune-questions")
    clock.advance(days=QUESTIONS_KEPT_DAYS + 1)
    await job.callback(SimpleNamespace(application=bot.app))
    rows = bot.parts.storage.count_rows(1)
    assert rows["questions"] == 0 and rows["answered_messages"] == 0  # and the other short-lived rows


async def test_reminders_set_for_the_same_minute_are_spread_over_it(make_bot):
    bot = await make_bot()
    for user in range(1, 121):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "07:30")
    bot.parts.reminders.schedule_all()
    fires = [daily_job(bot, n).job.trigger.get_next_fire_time(None, utc("2025-03-11T00:00:00+00:00"))
             for n in range(1, 121)]
    assert {f.replace(second=0) for f in fires} == {utc("2025-03-11T07:30:00+00:00")}  # all in 07:30
    assert sorted({f.second for f in fires}) == list(range(60))  # every second of it, twice
    assert [spread_second(n) for n in (1, 59, 60, 61)] == [1, 59, 0, 1]


async def test_a_burst_claims_each_reminder_shortly_before_it_is_sent(make_bot, monkeypatch):
    """A crash in the middle of a burst loses at most the few reminders claimed ahead, not the queue."""
    monkeypatch.setattr("bot.telegram.reminders.CLAIMED_AHEAD", 3)
    bot = await make_bot(rate=50)
    for user in range(1, 21):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "12:00")
    ahead = []

    def on_call(call):
        if call.text.startswith("⏰"):
            claimed = sum(1 for r in bot.parts.storage.active_reminders() if r.last_sent_date is not None)
            ahead.append(claimed - len(ahead))  # claimed, minus those already delivered before this one

    bot.api.on_call = on_call
    assert await bot.parts.reminders.catch_up() == 20
    assert len(ahead) == 20 and max(ahead) <= 3

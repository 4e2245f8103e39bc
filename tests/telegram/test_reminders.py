"""Reminders: stored with their next due time, correct across DST, claimed before sending, never
twice, resilient to failures and restarts. Every test runs on SQLite and on PostgreSQL.

The claim loop's rounds are run by hand (`send_all_due()`) with the fake clock set to the due time,
so no test waits for the wall clock; one test runs the real loop.
"""

import asyncio
import logging
import time
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from bot.storage import QUESTIONS_KEPT_DAYS


def reminder_messages(bot):
    return [c for c in bot.api.sent("sendMessage") if c.text.startswith("⏰")]


async def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        await asyncio.sleep(0.02)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@pytest.fixture
def bot_database(database):
    return database  # every reminder test runs on SQLite and on PostgreSQL


def next_due(bot, reminder_id=1):
    return bot.parts.storage.get_reminder(reminder_id).next_due


# ---------------------------------------------------------------- the stored schedule


async def test_remind_stores_the_next_due_time_from_the_local_time(bot):
    await bot.command("timezone", "Europe/Berlin")
    await bot.command("remind", "07:30")  # Monday 12:00 UTC: 07:30 Berlin has passed today
    assert next_due(bot) == utc("2025-03-11T06:30:00+00:00")
    assert bot.parts.storage.get_reminder(1).next_due_day == date(2025, 3, 11)


async def test_daylight_saving_change_keeps_0730_local(bot, clock):
    """Europe/London, last Sunday of March 2025: 07:30 local is 07:30 UTC, then 06:30 UTC."""
    clock.set("2025-03-29T00:00:00+00:00")
    await bot.command("timezone", "Europe/London")
    await bot.command("remind", "07:30")
    assert next_due(bot) == utc("2025-03-29T07:30:00+00:00")
    clock.set("2025-03-29T07:30:00+00:00")
    assert await bot.parts.reminders.send_all_due() == 1
    assert next_due(bot) == utc("2025-03-30T06:30:00+00:00")
    clock.set("2025-03-30T06:29:59+00:00")
    assert await bot.parts.reminders.send_all_due() == 0  # not a second early
    clock.set("2025-03-30T06:30:00+00:00")
    assert await bot.parts.reminders.send_all_due() == 1
    assert len(reminder_messages(bot)) == 2
    assert bot.parts.storage.get_reminder(1).last_sent_date == date(2025, 3, 30)


async def test_days_are_part_of_the_schedule(bot, clock):
    clock.set("2025-03-14T20:00:00+00:00")  # a Friday evening
    await bot.command("remind", "07:30", "weekdays")
    assert next_due(bot) == utc("2025-03-17T07:30:00+00:00")  # Monday


async def test_a_new_time_zone_moves_existing_reminders(bot):
    await bot.command("remind", "07:30")
    await bot.command("timezone", "Asia/Tokyo")
    assert next_due(bot) == utc("2025-03-10T22:30:00+00:00")  # 07:30 on Tuesday in Tokyo


async def test_cancelled_and_forgotten_reminders_are_not_sent(bot, clock):
    await bot.command("remind", "12:00")
    await bot.command("remind", "12:00", user_id=2)
    await bot.press("rem:cancel:1")
    await bot.press("forget:yes", user_id=2)
    assert await bot.parts.reminders.send_all_due() == 0


async def test_no_job_per_reminder(make_bot):
    bot = await make_bot()
    for user in range(1, 201):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "07:30")
    restarted = await make_bot()
    assert {job.name for job in restarted.app.job_queue.jobs()} <= {"reminder-loop", "prune-questions"}


# ---------------------------------------------------------------- sending


async def test_the_reminder_has_routine_done_and_snooze_buttons_and_is_sent_once_a_day(bot, clock):
    await bot.command("remind", "12:00")  # the clock says Monday 12:00 UTC
    assert await bot.parts.reminders.send_all_due() == 1
    assert await bot.parts.reminders.send_all_due() == 0  # a second round the same day
    [message] = reminder_messages(bot)
    assert message.chat_id == 1
    assert [d.split("~")[0] for d in message.button_data] == ["routine", "done:reminder", "snooze:1"]
    clock.advance(days=1)
    assert await bot.parts.reminders.send_all_due() == 1
    assert len(reminder_messages(bot)) == 2


async def test_concurrent_rounds_deliver_one_message(bot):
    await bot.command("remind", "12:00")
    await asyncio.gather(*(bot.parts.reminders.send_due_now() for _ in range(5)))
    assert len(reminder_messages(bot)) == 1


async def test_a_claimed_day_is_never_sent_again_even_if_the_schedule_points_back_at_it(bot):
    await bot.command("remind", "12:00")
    assert await bot.parts.reminders.send_all_due() == 1
    bot.parts.storage.reschedule_reminder(1, after=utc("2025-03-10T11:00:00+00:00"))  # as a stale writer
    bot.parts.storage._db.execute("UPDATE reminders SET next_due = ?, next_due_day = ? WHERE id = 1",
                                  ("2025-03-10T12:00:00+00:00", "2025-03-10"))
    assert await bot.parts.reminders.send_all_due() == 0
    assert next_due(bot) == utc("2025-03-11T12:00:00+00:00")  # and it moved on


async def test_no_reminder_when_todays_routine_is_done(bot):
    await bot.command("remind", "12:00")
    await bot.press("done:routine")
    assert await bot.parts.reminders.send_all_due() == 0
    assert reminder_messages(bot) == []
    assert next_due(bot) == utc("2025-03-11T12:00:00+00:00")


async def test_done_from_the_reminder_records_a_reminder_session(bot):
    await bot.command("remind", "12:00")
    await bot.parts.reminders.send_all_due()
    await bot.press("done:reminder")
    assert [s.source for s in bot.parts.storage.sessions(1)] == ["reminder"]


async def test_snooze_sends_once_thirty_minutes_later(bot, clock):
    await bot.command("remind", "12:00")
    await bot.parts.reminders.send_all_due()
    await bot.press("snooze:1")
    assert bot.parts.storage.get_reminder(1).snooze_until == clock.now + timedelta(minutes=30)
    clock.advance(minutes=29)
    assert await bot.parts.reminders.send_all_due() == 0
    clock.advance(minutes=1)
    assert await bot.parts.reminders.send_all_due() == 1
    assert await bot.parts.reminders.send_all_due() == 0
    assert len(reminder_messages(bot)) == 2  # the daily one and one snoozed one


async def test_a_snooze_is_not_sent_when_the_routine_was_done_meanwhile(bot, clock):
    await bot.command("remind", "12:00")
    await bot.parts.reminders.send_all_due()
    await bot.press("snooze:1")
    await bot.press("done:reminder")
    clock.advance(minutes=30)
    assert await bot.parts.reminders.send_all_due() == 0


async def test_the_loop_wakes_for_a_new_reminder_and_sends_it(make_bot, clock):
    bot = await make_bot(start=True)
    await bot.command("remind", "12:00")  # due now: schedule() wakes the running loop
    await wait_until(lambda: len(reminder_messages(bot)) == 1)


# ---------------------------------------------------------------- failures


async def test_blocked_user_gets_reminders_deactivated(bot):
    await bot.command("remind", "12:00")
    await bot.command("remind", "18:00")
    bot.api.fail("sendMessage", "forbidden")
    assert await bot.parts.reminders.send_all_due() == 0
    assert bot.parts.storage.reminders_for(1) == []


# The fake asks for a fraction of a second, where Telegram says whole seconds; PTB warns about that.
retry_after_in_fractions = pytest.mark.filterwarnings("ignore:.*retry_after.*")


@retry_after_in_fractions
async def test_retry_after_is_waited_out_and_retried(bot):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "retry_after", times=1, retry_after=0.05)
    assert await bot.parts.reminders.send_all_due() == 1
    assert len(bot.api.sent("sendMessage")) - 1 == 2  # one refused, one delivered (after the /remind reply)
    assert bot.parts.storage.get_reminder(1).last_sent_date == date(2025, 3, 10)


@retry_after_in_fractions
async def test_flood_control_that_does_not_clear_releases_the_day_for_a_later_try(bot, clock):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "retry_after", times=3, retry_after=0.01)  # max_retries=2: 3 attempts
    assert await bot.parts.reminders.send_all_due() == 0
    assert bot.parts.storage.get_reminder(1).last_sent_date is None
    clock.advance(minutes=1)
    assert await bot.parts.reminders.send_all_due() == 1


async def test_a_day_that_keeps_failing_is_given_up_after_the_catch_up_window(bot, clock):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "network", times=1000)
    for _ in range(4):  # 12:00, 13:00, 14:00 (each failing, tried again a minute later), 15:00
        await bot.parts.reminders.send_all_due()
        clock.advance(hours=1)
    assert next_due(bot) == utc("2025-03-11T12:00:00+00:00")  # past the window: on to tomorrow


async def test_network_errors_are_retried_a_bounded_number_of_times(bot):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "network", times=10)
    before = len(bot.api.sent("sendMessage"))
    assert await bot.parts.reminders.send_all_due() == 0
    assert len(bot.api.sent("sendMessage")) - before == 3  # retry_delays=(0, 0): 1 try + 2 retries


async def test_a_timeout_is_not_retried_so_the_reminder_is_never_doubled(bot, clock):
    await bot.command("remind", "12:00")
    bot.api.fail("sendMessage", "timeout")
    before = len(bot.api.sent("sendMessage"))
    assert await bot.parts.reminders.send_all_due() == 0
    clock.advance(minutes=5)
    assert await bot.parts.reminders.send_all_due() == 0
    assert len(bot.api.sent("sendMessage")) - before == 1
    assert bot.parts.storage.get_reminder(1).last_sent_date == date(2025, 3, 10)  # stays claimed


async def test_mass_sends_respect_the_configured_rate(make_bot, clock):
    bot = await make_bot(rate=100)
    for user in range(1, 51):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "12:00")
    stamps = []
    bot.api.on_call = lambda call: stamps.append(time.monotonic())
    assert await bot.parts.reminders.send_all_due() == 50
    # 100 a second with a bucket of a tenth of a second (10 messages): the other 40 take 0.4 s.
    assert 0.35 <= stamps[-1] - stamps[0] < 2.0
    assert len({c.chat_id for c in reminder_messages(bot)}) == 50


async def test_a_slot_too_big_for_the_rate_is_a_warning(bot, caplog):
    for user in range(1, 31):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "18:00")
    bot.parts.reminders.rate = 30 / (3 * 3600)  # 30 reminders would take 3 hours
    with caplog.at_level(logging.WARNING):
        bot.parts.reminders.check_slots()
    assert "30 reminders are due at 2025-03-10 18:00 UTC" in caplog.text
    assert "past the 120-minute catch-up window" in caplog.text


# ---------------------------------------------------------------- restarts


async def test_a_restart_keeps_reminders(make_bot, bot_database, clock):
    first = await make_bot(bot_database)
    await first.command("timezone", "Europe/London")
    await first.command("remind", "07:30", "mon,wed,fri")
    second = await make_bot(bot_database)  # a new process on the same database
    clock.set("2025-03-12T07:30:00+00:00")  # Wednesday
    assert await second.parts.reminders.send_all_due() == 1


async def test_catch_up_at_start_sends_a_missed_reminder_once(make_bot, bot_database, clock):
    clock.set("2025-03-10T07:00:00+00:00")
    first = await make_bot(bot_database)
    await first.command("remind", "07:30")
    await first.command("remind", "05:00", user_id=2)  # due tomorrow 05:00 by then
    clock.set("2025-03-11T08:15:00+00:00")  # the bot was down from Monday until Tuesday 08:15
    second = await make_bot(bot_database, start=True)
    await wait_until(lambda: len(reminder_messages(second)) == 1)
    assert reminder_messages(second)[0].chat_id == 1  # 07:30 is 45 minutes late; 05:00 over 3 hours
    third = await make_bot(bot_database, start=True)  # and once more: nothing new
    await asyncio.sleep(0.3)
    assert reminder_messages(third) == [] and len(reminder_messages(second)) == 1
    assert first.parts.storage.get_reminder(2).next_due == utc("2025-03-12T05:00:00+00:00")


async def test_a_snooze_survives_a_restart(make_bot, bot_database, clock):
    first = await make_bot(bot_database)
    await first.command("remind", "12:00")
    assert await first.parts.reminders.send_all_due() == 1
    await first.press("snooze:1")
    second = await make_bot(bot_database)
    clock.advance(minutes=45)  # down while the snooze fell due: the next start sends it
    assert await second.parts.reminders.send_all_due() == 1
    assert await second.parts.reminders.send_all_due() == 0


async def test_a_send_cut_off_by_a_crash_is_logged_at_the_next_start_and_not_sent_again(
        make_bot, bot_database, clock, caplog):
    first = await make_bot(bot_database)
    await first.command("remind", "12:00")
    [claim] = first.parts.storage.claim_due_reminders(clock.now, 10)  # claimed, then kill -9
    assert claim.day == date(2025, 3, 10)
    first.parts.storage.close()  # the process is gone: its connections (and advisory locks) with it
    with caplog.at_level(logging.WARNING):
        second = await make_bot(bot_database)
    assert "reminder 1 (user 1, day 2025-03-10) was being sent when the bot stopped" in caplog.text
    assert await second.parts.reminders.send_all_due() == 0
    assert next_due(second) == utc("2025-03-11T12:00:00+00:00")
    clock.advance(days=1)
    assert await second.parts.reminders.send_all_due() == 1  # the next day as usual


async def test_a_long_running_bot_deletes_old_questions_once_a_day(bot, clock):
    await bot.text("how many reps?")
    assert bot.parts.storage.count_rows(1)["questions"] == 1
    [job] = bot.app.job_queue.get_jobs_by_name("prune-questions")
    clock.advance(days=QUESTIONS_KEPT_DAYS + 1)
    await job.callback(SimpleNamespace(application=bot.app))
    assert bot.parts.storage.count_rows(1)["questions"] == 0


async def test_a_send_in_flight_on_a_live_worker_is_not_taken_for_lost(make_bot, bot_database, clock, caplog):
    first = await make_bot(bot_database)
    await first.command("remind", "12:00")
    first.parts.storage.claim_due_reminders(clock.now, 10)  # first is sending it right now
    with caplog.at_level(logging.WARNING):
        second = await make_bot(bot_database)  # a second worker starts meanwhile
    if second.parts.storage.dialect == "postgresql":  # SQLite: one process per file, so it cannot be
        assert "was being sent" not in caplog.text
        assert await second.parts.reminders.send_all_due() == 0

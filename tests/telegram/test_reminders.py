"""Reminders: stored with their next due time, correct across DST, claimed before sending, never
twice, resilient to failures and restarts. Every test runs on SQLite and on PostgreSQL.

The claim loop's rounds are run by hand (`send_all_due()`) with the fake clock set to the due time,
so no test waits for the wall clock; one test runs the real loop.
"""

import asyncio
import json
import logging
import threading
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from bot.storage import QUESTIONS_KEPT_DAYS
from bot.telegram.reminders import MAX_BATCH


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


async def test_the_reminder_has_routine_done_snooze_pause_and_stop_buttons_and_is_sent_once_a_day(bot, clock):
    await bot.command("remind", "12:00")  # the clock says Monday 12:00 UTC
    assert await bot.parts.reminders.send_all_due() == 1
    assert await bot.parts.reminders.send_all_due() == 0  # a second round the same day
    [message] = reminder_messages(bot)
    assert message.chat_id == 1
    assert [d.split("~")[0] for d in message.button_data] == ["routine", "done:reminder", "snooze:1",
                                                                "rem:pause:1", "rem:stop:1"]
    assert all(d.endswith("~" + bot.parts.storage.get_user(1).epoch) for d in message.button_data[1:])
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



async def test_the_loop_ends_with_its_application_and_claims_nothing_after(make_bot):
    """PTB runs post_stop (the loop's stop()) only under run_polling: a bot stopped any other way
    (a benchmark, an embedding) must not leave a loop behind that goes on claiming reminders."""
    bot = await make_bot(start=True)
    await wait_until(lambda: bot.parts.reminders.running)
    await bot.app.stop()  # and nothing else: no post_stop
    bot.parts.storage.ensure_user(1, 1)
    bot.parts.storage.add_reminder(1, 1, "12:00")  # due now: the clock says 12:00, and id 1 goes at :00
    bot.parts.reminders.schedule(1)  # wakes the loop, which finds its application stopped
    await wait_until(lambda: not bot.parts.reminders.running)
    assert reminder_messages(bot) == []
    row = bot.parts.storage.get_reminder(1)
    assert row.last_sent_date is None and row.next_due <= bot.parts.reminders.clock()  # unclaimed, still due


async def test_a_high_rate_still_claims_a_bounded_batch(make_bot, clock):
    """However high the configured rate, one claim takes at most MAX_BATCH rows: a batch of half a
    second at a million a second would have claimed a whole burst in one statement."""
    bot = await make_bot(rate=1_000_000)
    count = MAX_BATCH * 2 + 20
    with bot.parts.storage._transaction():
        for user in range(1, count + 1):
            bot.parts.storage.ensure_user(user, user)
            bot.parts.storage.add_reminder(user, user, "12:00")
    clock.advance(seconds=59)  # the end of their minute: all due
    assert await bot.parts.reminders.send_due_now() == MAX_BATCH
    assert len(reminder_messages(bot)) == MAX_BATCH
    assert await bot.parts.reminders.send_all_due() == count - MAX_BATCH
    assert Counter(m.chat_id for m in reminder_messages(bot)) == {user: 1 for user in range(1, count + 1)}


async def test_during_a_burst_the_loop_does_no_database_work_on_the_event_loop(make_bot, clock):
    """The running loop claims, builds each reminder (today's exercises, the week so far), finishes,
    and deactivates a blocked chat, all in the reminder thread; a person is answered meanwhile."""
    bot = await make_bot(start=True, rate=20)  # 60 reminders take 3 s at 20 a second
    count = 60
    await wait_until(lambda: bot.parts.reminders.running)
    storage = bot.parts.storage
    with storage._transaction():
        for user in range(1, count + 1):
            storage.ensure_user(user, user)
            storage.set_stage(user, "early-mobility", date(2025, 3, 1))
            storage.add_reminder(user, user, "11:59")
            storage.reschedule_reminder(user, after=clock.now - timedelta(minutes=2))  # due since 11:59
    bot.api.fail("sendMessage", "forbidden", chat_id=7)  # blocked: its reminders are deactivated
    loop_thread = threading.get_ident()
    on_loop = []
    execute = storage._db.execute

    def recording(sql, params=()):
        if threading.get_ident() == loop_thread:
            on_loop.append(sql)
        return execute(sql, params)

    storage._db.execute = recording
    try:
        first_reminder = bot.next_call(lambda c: c.text.startswith("⏰"))
        bot.parts.reminders.schedule(1)
        await asyncio.wait_for(first_reminder.wait(), 5)
        answered = bot.next_call(lambda c: c.chat_id == 999 and c.method == "sendMessage")
        await bot.enqueue(bot.updates.text("how many reps?", user_id=999))
        await asyncio.wait_for(answered.wait(), 5)
        reminders_before_the_reply = len(reminder_messages(bot))
        await wait_until(lambda: len(reminder_messages(bot)) == count, timeout=15)  # 59 and the refused one
        while await asyncio.to_thread(storage.earliest_due) <= clock.now:  # until every claim finished
            await asyncio.sleep(0.02)
    finally:
        storage._db.execute = execute
    assert on_loop == []
    assert reminders_before_the_reply < count  # the reply did not wait for the burst
    assert Counter(m.chat_id for m in reminder_messages(bot)) == {u: 1 for u in range(1, count + 1)}
    assert storage.reminders_for(7) == []
    assert "Today's exercises" in reminder_messages(bot)[0].text


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
    clock.advance(seconds=59)  # all due by the end of their minute
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
    # 05:00 plus reminder 2's own second in the minute (the spread)
    assert first.parts.storage.get_reminder(2).next_due == utc("2025-03-12T05:00:01+00:00")


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


# ---------------------------------------------------------------- a burst spread over its minute


def said(calls) -> list:
    """The messages sent or edited (not the button acknowledgements)."""
    return [c for c in calls if c.method in ("sendMessage", "editMessageText")]


def keyboard_of(call) -> list[list[str]]:
    """The pressed message's keyboard as the fake update carries it (callback data by row)."""
    markup = call.params.get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else markup
    return [[b["callback_data"] for b in row] for row in (markup or {}).get("inline_keyboard", [])]


async def test_a_burst_due_at_0800_is_sent_spread_over_the_minute_each_once(make_bot, clock):
    bot = await make_bot()
    clock.set("2025-03-11T07:00:00+00:00")
    count = 180
    for user in range(1, count + 1):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "08:00")
    clock.set("2025-03-11T07:59:59+00:00")
    assert await bot.parts.reminders.send_all_due() == 0
    sent_at: dict[int, list[int]] = {}
    for second in range(60):  # the claim loop's rounds, one a second through 08:00:00-08:00:59
        clock.set(f"2025-03-11T08:00:{second:02d}+00:00")
        before = len(reminder_messages(bot))
        await bot.parts.reminders.send_all_due()
        for message in reminder_messages(bot)[before:]:
            sent_at.setdefault(message.chat_id, []).append(second)
    clock.set("2025-03-11T08:01:00+00:00")
    assert await bot.parts.reminders.send_all_due() == 0  # a further round: nothing left, nothing twice
    assert sorted(sent_at) == list(range(1, count + 1))
    assert all(len(seconds) == 1 for seconds in sent_at.values())  # each exactly once
    per_second = Counter(seconds[0] for seconds in sent_at.values())
    assert per_second == {second: count // 60 for second in range(60)}  # 3 in each second, none at once
    # tomorrow each goes at the same second again (stable, from the row alone)
    assert next_due(bot, 61) == utc("2025-03-12T08:00:00+00:00")
    assert next_due(bot, 75) == utc("2025-03-12T08:00:14+00:00")


async def test_a_crash_in_the_middle_of_a_spread_burst_sends_nothing_twice(make_bot, bot_database, clock,
                                                                             caplog):
    first = await make_bot(bot_database)
    clock.set("2025-03-11T07:00:00+00:00")
    for user in range(1, 121):
        first.parts.storage.ensure_user(user, user)
        first.parts.storage.add_reminder(user, user, "08:00")
    clock.set("2025-03-11T08:00:09+00:00")
    claimed = first.parts.storage.claim_due_reminders(clock.now, 1000)  # claimed, then kill -9
    assert sorted(c.reminder.id for c in claimed) == [*range(1, 11), *range(61, 71)]  # :00-:09 of both rounds
    first.parts.storage.close()
    with caplog.at_level(logging.WARNING):
        second = await make_bot(bot_database)
    assert caplog.text.count("was being sent when the bot stopped") == 20
    for second_of_minute in range(9, 60):
        clock.set(f"2025-03-11T08:00:{second_of_minute:02d}+00:00")
        await second.parts.reminders.send_all_due()
    chats = [m.chat_id for m in reminder_messages(second)]
    assert sorted(chats) == sorted(set(range(1, 121)) - {c.reminder.user_id for c in claimed})


async def test_the_busiest_slot_counts_the_whole_minute(bot):
    for user in range(1, 91):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "18:00")
    start = utc("2025-03-10T12:00:00+00:00")
    busiest = bot.parts.storage.busiest_slot(start, start + timedelta(days=1))
    assert busiest == (utc("2025-03-10T18:00:00+00:00"), 90)


# ---------------------------------------------------------------- the reminder's own buttons


async def sent_reminder(bot) -> "object":
    assert await bot.parts.reminders.send_all_due() == 1
    return reminder_messages(bot)[-1]


def own(bot, data: str, user_id: int = 1) -> str:
    return f"{data}~{bot.parts.storage.get_user(user_id).epoch}"


async def test_pause_one_week_skips_the_reminder_and_it_resumes_by_itself(bot, clock):
    await bot.command("remind", "12:00")  # Monday 10 March, 12:00 UTC
    message = await sent_reminder(bot)
    calls = await bot.send(bot.updates.button(own(bot, "rem:pause:1"), keyboard=keyboard_of(message)))
    [reply] = [c for c in calls if c.method == "sendMessage"]
    assert "Paused for a week: your 12:00 every day reminder stays quiet until Monday 17 March" in reply.text
    assert [d.split("~")[0] for d in reply.button_data] == ["rem:resume:1"]
    [edit] = [c for c in calls if c.method == "editMessageReplyMarkup"]  # Pause and Snooze are used up
    assert [d.split("~")[0] for row in keyboard_of(edit) for d in row] == ["routine", "done:reminder",
                                                                           "rem:stop:1"]
    stored = bot.parts.storage.get_reminder(1)
    assert stored.paused_until == utc("2025-03-17T00:00:00+00:00")
    assert stored.next_due == utc("2025-03-17T12:00:00+00:00")
    for _ in range(6):  # Tuesday to Sunday: nothing
        clock.advance(days=1)
        assert await bot.parts.reminders.send_all_due() == 0
    clock.advance(days=1)  # Monday 17 March, 12:00: back by itself
    assert await bot.parts.reminders.send_all_due() == 1
    assert "paused" not in said(await bot.command("reminders"))[0].text


async def test_a_paused_reminder_is_shown_and_remind_on_resumes_it(bot, clock):
    await bot.command("remind", "12:00")
    await bot.command("remind", "18:00")
    await bot.press(own(bot, "rem:pause:1"))
    assert "Your other reminders (18:00) still come" in bot.api.sent("sendMessage")[-1].text
    [listing] = said(await bot.command("reminders"))
    assert "1. 12:00 every day (paused until Monday 17 March)" in listing.text
    assert "2. 18:00 every day\n" in listing.text + "\n"
    assert [d.split("~")[0] for d in listing.button_data] == ["rem:cancel:1", "rem:cancel:2", "rem:resume:1"]
    [status] = said(await bot.command("remind"))
    assert "12:00 every day (paused until Monday 17 March)" in status.text and "/remind on" in status.text
    [snoozed] = said(await bot.press(own(bot, "snooze:1")))
    assert "paused until Monday 17 March" in snoozed.text  # no snooze of a paused reminder
    assert bot.parts.storage.get_reminder(1).snooze_until is None
    [resumed] = said(await bot.command("remind", "on"))
    assert "Resumed: your reminders (12:00 every day) come again as usual" in resumed.text
    assert bot.parts.storage.get_reminder(1).next_due == utc("2025-03-10T12:00:00+00:00")  # today still
    assert await bot.parts.reminders.send_all_due() == 1
    [again] = said(await bot.command("remind", "on"))
    assert "None of your reminders is paused" in again.text


async def test_the_resume_button_resumes_once_and_then_disappears(bot):
    await bot.command("remind", "12:00")
    [paused] = [c for c in await bot.press(own(bot, "rem:pause:1")) if c.method == "sendMessage"]
    calls = await bot.send(bot.updates.button(paused.button_data[0], keyboard=keyboard_of(paused)))
    assert "Resumed: your reminders (12:00 every day)" in calls[-1].text
    assert any(c.method == "editMessageReplyMarkup" for c in calls)  # the Resume button goes
    assert bot.parts.storage.get_reminder(1).paused_until is None
    calls = await bot.press(paused.button_data[0])
    assert "isn't paused" in calls[-1].text


async def test_stop_asks_first_and_then_stops_only_that_reminder(bot):
    await bot.command("remind", "12:00")
    await bot.command("remind", "18:00")
    [question] = said(await bot.press(own(bot, "rem:stop:1")))
    assert "Stop your 12:00 every day reminder?" in question.text
    assert [d.split("~")[0] for d in question.button_data] == ["rem:stopyes:1", "rem:keep"]
    assert [r.id for r in bot.parts.storage.reminders_for(1)] == [1, 2]  # nothing stopped yet
    [kept] = said(await bot.press("rem:keep"))
    assert kept.method == "editMessageText" and "stay as they are" in kept.text
    [stopped] = said(await bot.press(question.button_data[0]))
    assert stopped.method == "editMessageText"
    assert "I've stopped your 12:00 every day reminder" in stopped.text
    assert [r.id for r in bot.parts.storage.reminders_for(1)] == [2]
    assert await bot.parts.reminders.send_all_due() == 0  # 12:00 today: stopped
    [late] = said(await bot.press(question.button_data[0]))  # pressed again: out of date
    assert "out of date" in late.text


async def test_old_reminder_buttons_are_out_of_date(bot):
    await bot.command("remind", "12:00")
    pause = own(bot, "rem:pause:1")
    await bot.press("forget:yes")  # a new account: the old token no longer fits
    [stale] = said(await bot.press(pause))
    assert "out of date" in stale.text
    await bot.command("remind", "12:00")  # reminder 2 of the new account
    await bot.press(own(bot, "rem:stopyes:2"))
    [gone] = said(await bot.press(own(bot, "rem:pause:2")))
    assert "out of date" in gone.text and "/reminders" in gone.text
    for data in ("rem:pause:x", "rem:pause:", "rem:frobnicate:2", own(bot, "rem:resume:99")):
        [reply] = said(await bot.press(data))
        assert "out of date" in reply.text
    [other] = said(await bot.press(own(bot, "rem:pause:2"), user_id=2))  # someone else's button
    assert "out of date" in other.text


async def test_pausing_a_send_in_flight_keeps_the_pause(bot, clock):
    await bot.command("remind", "12:00")
    [claim] = bot.parts.storage.claim_due_reminders(clock.now, 10)
    await bot.press(own(bot, "rem:pause:1"))  # pressed on yesterday's message while today's goes out
    bot.parts.reminders._finish(claim.reminder, claim.day)
    assert next_due(bot) == utc("2025-03-17T12:00:00+00:00")
    assert bot.parts.storage.earliest_due() == utc("2025-03-17T12:00:00+00:00")


# ---------------------------------------------------------------- at most 3 reminders a person


async def test_at_most_three_reminders_by_any_path(bot):
    await bot.command("remind", "07:00")
    await bot.text("remind me at 8pm")
    await bot.press("remind:12:00")
    assert [r.local_time for r in bot.parts.storage.reminders_for(1)] == ["07:00", "12:00", "20:00"]
    for attempt in (bot.command("remind", "09:00"), bot.text("remind me at 9pm"), bot.press("remind:18:00")):
        calls = await attempt
        assert "You already have 3 reminders (07:00 every day, 12:00 every day, 20:00 every day)" in \
            calls[-1].text
        assert "cancel it in /reminders" in calls[-1].text
    [full] = await bot.command("remind")  # no time: no buttons that cannot work
    assert "You already have 3 reminders" in full.text and full.button_data == []
    assert len(bot.parts.storage.reminders_for(1)) == 3
    await bot.press("rem:cancel:1")
    assert "Reminder set: 09:00" in (await bot.command("remind", "09:00"))[-1].text


async def test_change_my_reminder_moves_the_one_reminder_within_the_cap(bot):
    await bot.command("remind", "07:00")
    calls = await bot.text("change my reminder to 8:00")
    assert "Moved your reminder from 07:00 to 08:00" in calls[-1].text
    assert [r.local_time for r in bot.parts.storage.reminders_for(1)] == ["08:00"]

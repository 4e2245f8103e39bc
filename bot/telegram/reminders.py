"""Reminders in Telegram: the database is the truth, PTB's JobQueue a cache of it.

- `schedule_all()` at start puts every active reminder (and pending snooze) back on the job queue.
- `catch_up()` right after start sends, once, each reminder that fell due while the bot was down
  (at most CATCH_UP_WINDOW ago, not yet sent for that day).
- Every send first claims the local day in the database (an atomic, committed UPDATE), so no job,
  restart or crash can produce a second reminder for the same day. The price is "at most once": a
  crash between claim and send loses that day's reminder, which is better than nagging twice.
- Times are wall-clock times in the user's zone: `run_daily` gets a `datetime.time` with a ZoneInfo,
  and APScheduler's cron trigger keeps 07:30 at 07:30 local across daylight-saving changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from apscheduler.jobstores.base import JobLookupError
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ContextTypes, Job

from bot.conversation import Conversation, Reply
from bot.reminders import CATCH_UP_WINDOW, last_occurrence, local_clock_time, local_today, missed_day, zone
from bot.storage import ReminderRow, Storage

from .budget import BROADCAST
from .send import keyboard
from .workers import in_reminder_thread

log = logging.getLogger(__name__)

# Reminders claimed in the database but not yet delivered, at most (see ReminderService._claim_ahead):
# enough to keep the send budget (30 a second, 50 ms a request) busy, few enough to lose in a crash.
CLAIMED_AHEAD = 64
# Network errors (not timeouts, see _send) are retried after these pauses, then given up.
DEFAULT_RETRY_DELAYS = (1.0, 5.0)
_JOB_KWARGS = {
    # Run a job that is late (a busy loop, 10,000 reminders in one minute) instead of dropping it;
    # the claim in the database keeps it from ever sending twice.
    "misfire_grace_time": int(CATCH_UP_WINDOW.total_seconds()),
    "coalesce": True,
}


@dataclass(frozen=True)
class _Claim:
    """A reminder claimed for `day` in the database, with its message: now it may be sent."""

    reminder: ReminderRow
    day: date
    reply: Reply


class _Gone:
    """The reminder was deleted or deactivated: its jobs should go too."""


def ptb_days(days: str) -> tuple[int, ...]:
    """Our days (0 = Monday) -> PTB's run_daily days (0 = Sunday)."""
    return tuple(sorted((int(d) + 1) % 7 for d in days))


def spread_second(reminder_id: int) -> int:
    """The second within its minute at which a reminder fires.

    Thousands of reminders set for 07:30 would otherwise all fall due at 07:30:00; spread over the
    minute by id (consecutive ids, consecutive seconds), a burst reaches the send budget as an even
    stream and leaves room for the answers people are waiting for.
    """
    return reminder_id % 60


def daily_job_name(reminder_id: int) -> str:
    return f"reminder:{reminder_id}"


def snooze_job_name(reminder_id: int) -> str:
    return f"snooze:{reminder_id}"


class ReminderService:
    """Implements the conversation's ReminderScheduler on PTB's JobQueue, and sends reminders."""

    def __init__(self, application: Application, storage: Storage, clock: Callable[[], datetime],
                 retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS):
        self.application = application
        self.storage = storage
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        self.conversation: Conversation | None = None  # set once the conversation exists
        # Our jobs by name. PTB's get_jobs_by_name scans every job, which makes scheduling 10,000
        # reminders at start quadratic; this index keeps it linear.
        self._jobs: dict[str, Job] = {}
        self._claim_slots: asyncio.Semaphore | None = None  # made in the loop it serves

    @property
    def _claim_ahead(self) -> asyncio.Semaphore:
        """At most CLAIMED_AHEAD reminders between their claim and their delivery.

        A burst of 10,000 then claims each reminder shortly before the send budget can take it, not
        all at once: a crash loses at most this many of the day's reminders, not the whole queue,
        and the claims' database work is spread over the burst instead of crowding out the answers.
        """
        if self._claim_slots is None:
            self._claim_slots = asyncio.Semaphore(CLAIMED_AHEAD)
        return self._claim_slots

    @property
    def _queue(self):
        queue = self.application.job_queue
        if queue is None:
            raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
        return queue

    # ------------------------------------------------------------ ReminderScheduler

    def schedule(self, reminder_id: int) -> None:
        self._remove(daily_job_name(reminder_id))
        reminder = self.storage.get_reminder(reminder_id)
        if reminder is None or not reminder.active:
            return
        at = local_clock_time(reminder.local_time).replace(second=spread_second(reminder_id),
                                                           tzinfo=zone(reminder.timezone))
        name = daily_job_name(reminder_id)
        self._jobs[name] = self._queue.run_daily(
            self._daily_job, time=at, days=ptb_days(reminder.days), data=reminder_id, name=name,
            chat_id=reminder.chat_id, user_id=reminder.user_id, job_kwargs=_JOB_KWARGS)

    def unschedule(self, reminder_id: int) -> None:
        self._remove(daily_job_name(reminder_id))
        self._remove(snooze_job_name(reminder_id))

    def snooze(self, reminder_id: int, until: datetime) -> None:
        name = snooze_job_name(reminder_id)
        self._remove(name)
        self._jobs[name] = self._queue.run_once(self._snooze_job, when=until, data=(reminder_id, until),
                                                name=name, job_kwargs=_JOB_KWARGS)

    def _remove(self, name: str) -> None:
        job = self._jobs.pop(name, None)
        if job is not None:
            with contextlib.suppress(JobLookupError):  # a snooze job is gone once it has run
                job.schedule_removal()

    def jobs_for(self, reminder_id: int) -> list[Job]:
        """The reminder's jobs still on the queue."""
        names = (daily_job_name(reminder_id), snooze_job_name(reminder_id))
        return [job for name in names if (job := self._jobs.get(name)) is not None
                and self._queue.scheduler.get_job(job.job.id) is not None]

    # ------------------------------------------------------------ start-up

    def schedule_all(self) -> int:
        """Put every active reminder from the database on the job queue; returns how many."""
        now = self.clock()
        reminders = self.storage.active_reminders()
        for reminder in reminders:
            self.schedule(reminder.id)
            if reminder.snooze_until is not None and reminder.snooze_until > now:
                self.snooze(reminder.id, reminder.snooze_until)
        return len(reminders)

    async def catch_up(self) -> int:
        """Send what fell due while the bot was down (once); returns how many were sent."""
        now = self.clock()
        tasks = []
        for reminder in await in_reminder_thread(self.storage.active_reminders):  # thousands of rows
            if missed_day(reminder.local_time, reminder.days, reminder.timezone,
                          reminder.last_sent_date, now):
                tasks.append(self.send_due(reminder.id))
            if reminder.snooze_until is not None and reminder.snooze_until <= now:
                if now - reminder.snooze_until <= CATCH_UP_WINDOW:
                    tasks.append(self.send_snoozed(reminder.id, reminder.snooze_until))
                else:
                    self.storage.claim_snooze(reminder.id, reminder.snooze_until)  # too old: drop it
        results = await asyncio.gather(*tasks)
        return sum(results)

    async def catch_up_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        sent = await self.catch_up()
        if sent:
            log.info("sent %d reminder(s) missed while the bot was down", sent)

    # ------------------------------------------------------------ sending

    async def _daily_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.send_due(context.job.data)  # type: ignore[union-attr, arg-type]

    async def _snooze_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        reminder_id, until = context.job.data  # type: ignore[union-attr, misc]
        await self.send_snoozed(reminder_id, until)

    async def send_due(self, reminder_id: int) -> bool:
        """Send the reminder for its most recent due time, unless done, already sent or too late."""
        async with self._claim_ahead:
            claim = await in_reminder_thread(self._claim_due, reminder_id)
            if claim is None:
                return False
            if isinstance(claim, _Gone):
                self.unschedule(reminder_id)
                return False
            delivered = await self._send(claim.reminder, claim.reply)
            if delivered is None:  # Telegram certainly did not deliver it: let a later try send it
                await in_reminder_thread(self.storage.release_reminder_day, reminder_id, claim.day,
                                         claim.reminder.last_sent_date)
            return bool(delivered)

    def _claim_due(self, reminder_id: int) -> _Claim | _Gone | None:
        """In a worker thread: claim today's send in the database and build the message (or None)."""
        reminder = self.storage.get_reminder(reminder_id)
        if reminder is None or not reminder.active:
            return _Gone()
        now = self.clock()
        due = last_occurrence(reminder.local_time, reminder.days, reminder.timezone, now)
        if due is None or now - due > CATCH_UP_WINDOW:
            return None
        day = due.date()
        if self.storage.has_session_on(reminder.user_id, day):
            return None  # today's routine is done: no nagging
        if not self.storage.claim_reminder_day(reminder_id, day):
            return None  # already sent for that day (another job, or before a restart)
        return _Claim(reminder, day, self._message(reminder))

    async def send_snoozed(self, reminder_id: int, until: datetime) -> bool:
        async with self._claim_ahead:
            claim = await in_reminder_thread(self._claim_snoozed, reminder_id, until)
            return claim is not None and bool(await self._send(claim.reminder, claim.reply))

    def _claim_snoozed(self, reminder_id: int, until: datetime) -> _Claim | None:
        reminder = self.storage.get_reminder(reminder_id)
        if reminder is None or not reminder.active:
            return None
        today = local_today(reminder.timezone, self.clock())
        if self.storage.has_session_on(reminder.user_id, today):
            self.storage.claim_snooze(reminder_id, until)
            return None
        if not self.storage.claim_snooze(reminder_id, until):
            return None
        return _Claim(reminder, today, self._message(reminder))

    def _message(self, reminder: ReminderRow) -> Reply:
        assert self.conversation is not None
        return self.conversation.reminder_message(reminder)

    async def _send(self, reminder: ReminderRow, reply: Reply) -> bool | None:
        """True: sent. False: gave up (blocked, or maybe delivered). None: certainly not delivered."""
        for attempt in range(len(self.retry_delays) + 1):
            try:
                # A broadcast: sent when no reply to a person is waiting for the send budget.
                await self.application.bot.send_message(reminder.chat_id, reply.text,
                                                         reply_markup=keyboard(reply),
                                                         rate_limit_args=BROADCAST)
                return True
            except Forbidden:
                log.info("user %s blocked the bot; deactivating their reminders", reminder.user_id)
                self.deactivate_user(reminder.user_id)
                return False
            except RetryAfter:
                # The send budget already waited and retried max_retries times.
                log.warning("reminder %s: flood control did not clear; not sent", reminder.id)
                return None
            except TimedOut:
                # The request may have reached Telegram: retrying could send a second message.
                log.warning("reminder %s: timed out; not retried so it is never sent twice", reminder.id)
                return False
            except BadRequest as exc:
                log.warning("reminder %s: rejected by Telegram: %s", reminder.id, exc)
                if "chat not found" in str(exc).lower():
                    self.deactivate_user(reminder.user_id)  # the chat is gone for good
                return None
            except NetworkError as exc:
                if attempt == len(self.retry_delays):
                    log.warning("reminder %s: network error, giving up: %s", reminder.id, exc)
                    return None
                await asyncio.sleep(self.retry_delays[attempt])
        return None

    def deactivate_user(self, user_id: int) -> None:
        for reminder_id in self.storage.deactivate_reminders(user_id):
            self.unschedule(reminder_id)

"""Reminders in Telegram: the database holds each reminder's next due time; one loop claims and sends.

- Every reminder row carries `next_due` (UTC, indexed), computed from its local time, days and the
  owner's time zone (bot/reminders.py, DST-correct). Nothing is loaded at start, so start-up time
  and memory do not grow with the number of reminders.
- The loop sleeps until the earliest `next_due` (at most POLL seconds, so rows added by another
  worker are seen), then claims due rows in batches: one atomic UPDATE (`FOR UPDATE SKIP LOCKED` on
  PostgreSQL) marks each in flight and records its local day as sent BEFORE the message goes out.
  So no loop, worker, restart or duplicate can send a day twice; the price is "at most once": a
  crash between claim and send loses that send, and the next start logs each such loss.
- A send more than CATCH_UP_WINDOW late (the bot was down) is skipped; within it, a missed reminder
  goes out once after a restart. Snoozes are rows too (`snooze_until`), claimed the same way.
- A batch is what the send budget passes in about BATCH_SECONDS (at most MAX_BATCH, however high
  the rate), so claimed sends are in flight only briefly; a slot with more reminders than the rate
  can send within the catch-up window is logged as a warning at start and every hour.
- Reminders due in the same minute are spread over it: each row's next_due is its minute plus a
  stable second of its own (bot/reminders.spread, from its id), so a burst of thousands at 08:00
  falls due a sixtieth at a time from 08:00:00 to 08:00:59, and the claims follow the data.
- Paused reminders (`paused_until`) are not claimed until the pause is over; their next_due is
  moved past it when they are paused, so they resume by themselves.
- Reminders are broadcasts in the send budget: a reply to a person goes first. Database work runs
  in the reminder thread (workers.py), never on the loop that answers people.
- The loop ends when its Application stops, even where nothing calls `stop()` (PTB runs post_stop
  only under run_polling): a loop left behind would go on claiming reminders it can no longer send.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.conversation import Conversation, Reply
from bot.reminders import CATCH_UP_WINDOW, local_today, next_due, occurrence, spread
from bot.storage import ClaimedSend, ReminderRow, Storage

from .budget import BROADCAST
from .send import keyboard
from .workers import in_reminder_thread

log = logging.getLogger(__name__)

# Network errors (not timeouts, see _send) are retried after these pauses, then given up.
DEFAULT_RETRY_DELAYS = (1.0, 5.0)
POLL = 5.0  # seconds: the longest the loop sleeps, so other workers' new reminders are seen soon
# Claim what the send budget passes in this long: claimed sends stay in flight briefly (what a crash
# can lose), and a reply to a person waits behind at most one batch in the shared send queue.
BATCH_SECONDS = 0.5
# However high the rate: one claim is one statement, and each claimed send a task and a few calls in
# the reminder thread, so thousands at once would hold up the loop that answers people.
MAX_BATCH = 100
RETRY_LATER = timedelta(minutes=1)  # a send Telegram certainly refused is tried again this much later
# How often a running worker looks for sends claimed by a worker that has died since (PostgreSQL:
# its advisory lock is free; SQLite: one process per file, so any other's mark).
SWEEP_EVERY = timedelta(seconds=10)
SLOT_CHECK_EVERY = timedelta(hours=1)


class ReminderService:
    """Implements the conversation's ReminderScheduler over the database, and sends reminders."""

    def __init__(self, application: Application, storage: Storage, clock: Callable[[], datetime],
                 retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS, messages_per_second: float = 30.0):
        self.application = application
        self.storage = storage
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        self.rate = messages_per_second
        self.batch = min(MAX_BATCH, max(10, int(messages_per_second * BATCH_SECONDS)))
        self.conversation: Conversation | None = None  # set once the conversation exists
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._loop_of_task: asyncio.AbstractEventLoop | None = None
        self._last_slot_check: datetime | None = None
        self._last_sweep: datetime | None = None
        self.sent = 0  # messages delivered by this service (for tests and benchmarks)

    # ------------------------------------------------------------ ReminderScheduler

    def schedule(self, reminder_id: int) -> None:
        """Storage already holds the new next_due; wake the loop in case it is due sooner."""
        self._poke()

    def unschedule(self, reminder_id: int) -> None:
        """Nothing to remove: an inactive or deleted row is never claimed."""

    def snooze(self, reminder_id: int, until: datetime) -> None:
        self._poke()

    def _poke(self) -> None:
        # The conversation calls in from worker threads, and an asyncio.Event may only be set on
        # its own loop.
        loop = self._loop_of_task
        if loop is None:
            self._wake.set()
        elif loop.is_running():
            loop.call_soon_threadsafe(self._wake.set)

    # ------------------------------------------------------------ start and stop

    def prepare(self) -> None:
        """At start: this worker announces itself, reminders from before next_due get one, and sends
        cut off by a crash of any worker are logged."""
        self.storage.register_worker()
        filled = self.storage.fill_next_due(CATCH_UP_WINDOW)
        if filled:
            log.info("computed the next due time of %d reminder(s) from before this version", filled)
        self.report_abandoned_sends()
        self.check_slots()

    def start(self) -> None:
        if self._task is None or self._task.done():  # done: it ended with a stopped application
            self._stopping.clear()
            self._loop_of_task = asyncio.get_running_loop()
            self._task = self._loop_of_task.create_task(self._loop(), name="reminder-loop")

    async def stop(self) -> None:
        """Let the batch in flight finish (its sends are claimed), then stop."""
        self._stopping.set()
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    @property
    def running(self) -> bool:
        """The loop is running (started and not finished)."""
        return self._task is not None and not self._task.done()

    async def _loop(self) -> None:
        # Not once the application has stopped, even if nobody called stop() (see the module notes).
        while not self._stopping.is_set() and self.application.running:
            try:
                if await self.send_due_now():
                    continue  # more may be due: claim the next batch at once
                delay = await in_reminder_thread(self._housekeeping)
            except Exception:
                log.exception("reminder loop: a round failed; trying again shortly")
                delay = POLL
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=delay)
            self._wake.clear()

    def _housekeeping(self) -> float:
        """Between rounds: the periodic checks; returns how long to sleep until the next due time."""
        now = self.clock()
        if self._last_sweep is None or now - self._last_sweep >= SWEEP_EVERY:
            self._last_sweep = now
            self.report_abandoned_sends()
        if self._last_slot_check is None or now - self._last_slot_check >= SLOT_CHECK_EVERY:
            self.check_slots()
        return self._seconds_until_next()

    def _seconds_until_next(self) -> float:
        earliest = self.storage.earliest_due()
        if earliest is None:
            return POLL
        return min(POLL, max(0.0, (earliest - self.clock()).total_seconds()))

    def report_abandoned_sends(self) -> int:
        """Log each send a dead worker had claimed but maybe not finished; it is not sent again."""
        lost = 0
        while batch := self.storage.abandoned_sends():
            for reminder, sending in batch:
                if sending is not None:
                    lost += 1
                    log.warning("reminder %d (user %d, %s) was being sent when the bot stopped; it may not "
                                "have arrived and is not sent again", reminder.id, reminder.user_id,
                                "snooze" if sending == "snooze" else f"day {sending}")
                self._finish(reminder, claimed_day=reminder.next_due_day if sending != "snooze" else None)
        return lost

    def check_slots(self) -> None:
        """Warn when one due time holds more reminders than the rate can send within the catch-up window."""
        now = self.clock()
        self._last_slot_check = now
        busiest = self.storage.busiest_slot(now, now + timedelta(days=1))
        if busiest is None:
            return
        at, count = busiest
        seconds = count / self.rate
        if seconds > CATCH_UP_WINDOW.total_seconds():
            log.warning("%d reminders are due at %s UTC: at %g messages a second the last would go out "
                        "%.0f minutes late, past the %d-minute catch-up window, and those are skipped",
                        count, f"{at:%Y-%m-%d %H:%M}", self.rate, seconds / 60,
                        CATCH_UP_WINDOW.total_seconds() // 60)

    # ------------------------------------------------------------ claiming and sending

    async def send_due_now(self) -> int:
        """Claim one batch of due reminders and snoozes and send them; returns how many were claimed."""
        claims = await in_reminder_thread(self._claim_batch)
        if claims:
            await asyncio.gather(*(self._deliver(claim) for claim in claims))
        return len(claims)

    def _claim_batch(self) -> list[ClaimedSend]:
        now = self.clock()
        claims = self.storage.claim_due_reminders(now, self.batch)
        return claims + self.storage.claim_due_snoozes(now, CATCH_UP_WINDOW, max(1, self.batch - len(claims)))

    async def send_all_due(self) -> int:
        """Send everything due now (tests and benchmarks); returns how many messages went out."""
        sent_before = self.sent
        while await self.send_due_now():
            pass
        return self.sent - sent_before

    async def _deliver(self, claim: ClaimedSend) -> None:
        reminder = claim.reminder
        try:
            reply = await in_reminder_thread(self._message_if_due, claim)
            if reply is None:
                await in_reminder_thread(self._finish, reminder, claim.day)
                return
            delivered = await self._send(reminder, reply)
            if delivered is None and claim.day is not None:  # certainly not delivered: a later try may
                await in_reminder_thread(self.storage.release_send, reminder.id, claim.day,
                                         self.clock() + RETRY_LATER)
                return
            await in_reminder_thread(self._finish, reminder, claim.day)
        except Exception:
            # The day stays claimed (at most once); the row must not stay in flight.
            log.exception("reminder %d: sending failed", reminder.id)
            await in_reminder_thread(self._finish, reminder, claim.day)

    def _message_if_due(self, claim: ClaimedSend) -> Reply | None:
        """In the reminder thread: the message to send for a claim, or None when there is nothing to
        send (that day was sent already, it is past the catch-up window, or the routine is done)."""
        reminder, day = claim.reminder, claim.day
        if day is None:  # a snooze
            today = local_today(reminder.timezone, self.clock())
            return None if self.storage.has_session_on(reminder.user_id, today) else self._message(reminder)
        if claim.already_sent:
            return None
        late = self.clock() - occurrence(reminder.local_time, day, reminder.timezone)
        if late > CATCH_UP_WINDOW:
            log.info("reminder %d: %s was due %.0f minutes ago, past the catch-up window; skipped",
                     reminder.id, day, late.total_seconds() / 60)
            return None
        if self.storage.has_session_on(reminder.user_id, day):
            return None  # that day's routine is done: no nagging
        return self._message(reminder)

    def _message(self, reminder: ReminderRow) -> Reply:
        assert self.conversation is not None
        return self.conversation.reminder_message(reminder)

    def _finish(self, reminder: ReminderRow, claimed_day) -> None:
        if claimed_day is None:
            self.storage.finish_send(reminder.id)
            return
        due, day = next_due(reminder.local_time, reminder.days, reminder.timezone,
                            occurrence(reminder.local_time, claimed_day, reminder.timezone), claimed_day,
                            spread(reminder.id))
        self.storage.finish_send(reminder.id, next_due_at=due, next_day=day)

    async def _send(self, reminder: ReminderRow, reply: Reply) -> bool | None:
        """True: sent. False: gave up (blocked, or maybe delivered). None: certainly not delivered."""
        for attempt in range(len(self.retry_delays) + 1):
            try:
                # A broadcast: sent when no reply to a person is waiting for the send budget.
                await self.application.bot.send_message(reminder.chat_id, reply.text,
                                                         reply_markup=keyboard(reply),
                                                         rate_limit_args=BROADCAST)
                self.sent += 1
                return True
            except Forbidden:
                log.info("user %s blocked the bot; deactivating their reminders", reminder.user_id)
                await in_reminder_thread(self.deactivate_user, reminder.user_id)
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
                if "chat not found" in str(exc).lower():  # the chat is gone for good
                    await in_reminder_thread(self.deactivate_user, reminder.user_id)
                return None
            except NetworkError as exc:
                if attempt == len(self.retry_delays):
                    log.warning("reminder %s: network error, giving up: %s", reminder.id, exc)
                    return None
                await asyncio.sleep(self.retry_delays[attempt])
        return None

    def deactivate_user(self, user_id: int) -> None:
        self.storage.deactivate_reminders(user_id)

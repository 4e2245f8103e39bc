"""The running bot under load, with a realistic Bot API round trip: throughput and reply latency.

The whole bot runs as in production, started with `Application.start()`: updates go through PTB's
update queue and the per-chat update processor, the conversation runs in worker threads over the real
engine, knowledge base and an SQLite file, and every message passes the send budget at Telegram's
limits (30 a second overall, about 1 a second per chat). Only the HTTP exchange is replaced: the
offline fake Bot API answers each call after `--round-trip` seconds (default 50 ms).

The load is mixed: questions, button presses, commands, Done (which asks the pain question) and a few
/report requests (a CSV and a PDF drawn in a worker thread). Four runs:

0. processing alone: run 1 with the send budget out of the way, to show it is not processing that
   limits run 1;
1. saturation: `--burst` updates queued at once; replies per second shows what limits the bot
   (the send budget allows 30; processing should not be the limit);
2. steady: updates arriving at `--rate` a second (random, Poisson) for `--seconds`. Reply latency
   is from queueing the update until its first reply was sent (what the person waits for before
   seeing an answer; the gate), and until its last (a /report's PDF comes after its CSV);
3. the same steady load while `--reminders` reminders are being sent (all fall due at once: a harder
   case than the bot's own spreading over the minute). Replies must keep their latency.

    python benchmarks/bench_updates.py [--round-trip 0.05] [--rate 15] [--seconds 20] [--reminders 10000]
    python benchmarks/bench_updates.py --quick      # a shorter run of all three
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.ext import TypeHandler

from bot.config import Settings
from bot.storage import Storage
from bot.telegram import build_application, parts
from bot.telegram.app import on_startup, on_stop
from bot.telegram.fake_api import FakeBotAPI, UpdateFactory

QUESTIONS = (
    "how many reps should I do?", "my ankle is still swollen after a week", "is it ok to run again",
    "which band colour should I start with", "how long do I hold the calf stretch",
    "it hurts when I exercise", "can I use ice or heat", "what is ankle impingement", "hi", "thanks!",
    "pain 4/10 during heel raises ok?", "how often should i do the routine", "whats the weather tomorrow",
)
COMMANDS = (("routine",), ("exercises",), ("help",), ("stage", "strengthening"), ("reminders",))
BUTTONS = ("ex:band-eversion", "routine", "cat:balance", "ex:single-leg-balance", "done:routine")
USERS = range(1000, 1200)
REMINDER_USERS_FROM = 100_000
REPORT_EVERY = 60  # one update in 60 is a /report


def mixed_update(factory: UpdateFactory, n: int, rng: random.Random) -> tuple[str, dict]:
    user = rng.choice(USERS)
    if n % REPORT_EVERY == REPORT_EVERY - 1:
        return "report", factory.command("report", user_id=user)
    roll = n % 20
    if roll < 12:
        return "text", factory.text(rng.choice(QUESTIONS), user_id=user)
    if roll < 17:
        return "button", factory.button(rng.choice(BUTTONS), user_id=user)
    name, *args = rng.choice(COMMANDS)
    return "command", factory.command(name, *args, user_id=user)


@dataclass
class Meter:
    """When each update was queued, first answered and finished; when each reply and reminder went.

    The first message sent to a chat after one of its updates was queued answers the oldest of its
    updates not yet finished: the per-chat order guarantees that the one before has finished.
    """

    queued: dict[int, tuple[str, float]] = field(default_factory=dict)  # update id -> kind, when
    waiting: dict[int, deque[int]] = field(default_factory=dict)  # chat -> its unfinished updates
    first: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds to the first reply
    done: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds to the last reply
    answered: set[int] = field(default_factory=set)
    replies: list[float] = field(default_factory=list)
    reminders: list[float] = field(default_factory=list)

    def queue(self, kind: str, data: dict) -> None:
        chat = (data.get("message") or data["callback_query"])["from"]["id"]
        self.queued[data["update_id"]] = (kind, time.perf_counter())
        self.waiting.setdefault(chat, deque()).append(data["update_id"])

    def on_call(self, call) -> None:
        if not (call.method.startswith("send") or call.method == "editMessageText"):
            return  # answerCallbackQuery only stops the button's spinner
        now = time.perf_counter()
        if call.text.startswith("⏰"):
            self.reminders.append(now)
            return
        self.replies.append(now)
        pending = self.waiting.get(call.chat_id)
        if pending and pending[0] not in self.answered:
            self.answered.add(pending[0])
            kind, queued = self.queued[pending[0]]
            self.first.setdefault(kind, []).append(now - queued)

    async def on_done(self, update: Update, _context) -> None:
        kind, queued = self.queued.pop(update.update_id, (None, 0.0))
        if kind is None:
            return
        self.done.setdefault(kind, []).append(time.perf_counter() - queued)
        pending = self.waiting.get(update.effective_user.id)
        if pending and pending[0] == update.update_id:
            pending.popleft()
        self.answered.discard(update.update_id)

    def reset(self) -> None:
        for collected in (self.first, self.done, self.replies, self.reminders):
            collected.clear()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def every(by_kind: dict[str, list[float]]) -> list[float]:
    return [v for values in by_kind.values() for v in values]


def latency_table(meter: Meter) -> list[str]:
    lines = [f"    {'':<9}{'':>8}{'first reply, ms':^27}{'all replies, ms':^18}",
             f"    {'kind':<9}{'updates':>8}{'p50':>9}{'p99':>9}{'max':>9}{'p50':>9}{'p99':>9}"]
    for kind in [*sorted(meter.done), "all"]:
        first = every(meter.first) if kind == "all" else meter.first.get(kind, [])
        done = every(meter.done) if kind == "all" else meter.done[kind]
        lines.append(f"    {kind:<9}{len(done):>8}{percentile(first, 0.5) * 1e3:>9.0f}"
                     f"{percentile(first, 0.99) * 1e3:>9.0f}{max(first, default=float('nan')) * 1e3:>9.0f}"
                     f"{percentile(done, 0.5) * 1e3:>9.0f}{percentile(done, 0.99) * 1e3:>9.0f}")
    return lines


async def queue(app, meter: Meter, kind: str, data: dict) -> None:
    meter.queue(kind, data)
    await app.update_queue.put(Update.de_json(data, app.bot))


async def wait_until_done(app, meter: Meter, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while meter.queued and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)


async def saturation(app, meter: Meter, factory: UpdateFactory, count: int, rng: random.Random) -> dict:
    meter.reset()
    started = time.perf_counter()
    for n in range(count):
        await queue(app, meter, *mixed_update(factory, n, rng))
    await wait_until_done(app, meter, timeout=count)
    elapsed = max(meter.replies) - started
    return {"updates": count, "replies": len(meter.replies), "elapsed": elapsed,
            "updates/s": count / elapsed, "replies/s": len(meter.replies) / elapsed}


async def steady(app, meter: Meter, factory: UpdateFactory, rate: float, seconds: float,
                 rng: random.Random) -> dict:
    meter.reset()
    started = time.perf_counter()
    n = 0
    next_at = started
    while next_at - started < seconds:
        await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
        await queue(app, meter, *mixed_update(factory, n, rng))
        n += 1
        next_at += rng.expovariate(rate)
    await wait_until_done(app, meter, timeout=30)
    elapsed = time.perf_counter() - started
    first, done = every(meter.first), every(meter.done)
    return {"updates": n, "unfinished": len(meter.queued), "p50": percentile(first, 0.5),
            "p99": percentile(first, 0.99), "p99 all": percentile(done, 0.99),
            "replies/s": len(meter.replies) / elapsed,
            "reminders": len(meter.reminders), "reminders/s": len(meter.reminders) / elapsed}


def seed(storage: Storage, reminders: int, now: datetime) -> list[int]:
    """Users with a stage and a few sessions (so /report has a log); reminders due in 12 hours."""
    today = now.date()
    for user in USERS:
        storage.ensure_user(user, user)
        storage.set_stage(user, "strengthening", today - timedelta(days=30))
        for back in (3, 2, 1):
            storage.record_session(user, today - timedelta(days=back), "routine", back)
    local_time = f"{now + timedelta(hours=12):%H:%M}"  # not due during runs 0-2 (make_due makes them due)
    ids = []
    for user in range(REMINDER_USERS_FROM, REMINDER_USERS_FROM + reminders):
        storage.ensure_user(user, user)
        ids.append(storage.add_reminder(user, user, local_time).id)
    return ids


def make_due(storage: Storage, reminder_ids: list[int], now: datetime) -> None:
    """All due at this very second (the bot itself would spread them over their minute): the harder
    case. Their day is the one of their next time, not yet sent, so each goes out once."""
    storage._db.execute("UPDATE reminders SET next_due = ? WHERE id >= ? AND id <= ?",
                        (now.isoformat(timespec="seconds"), min(reminder_ids), max(reminder_ids)))


async def start_bot(storage: Storage, meter: Meter, round_trip: float, settings: Settings):
    api = FakeBotAPI(record=False, round_trip=round_trip)
    api.on_call = meter.on_call
    app = build_application(settings, request=api, storage=storage)
    app.add_handler(TypeHandler(Update, meter.on_done), group=1)  # after the bot's own handlers
    await app.initialize()
    await on_startup(app)  # post_init runs only under run_polling: the reminder loop needs it
    await app.start()
    return app


async def stop_bot(app) -> None:
    # As webhook.serve does: post_stop (the reminder loop's stop) runs only under run_polling too. A
    # loop left running keeps claiming, and run 0's (at a million a second) took a whole burst at once.
    await app.stop()
    await on_stop(app)
    await app.shutdown()


async def warm_up(app, meter: Meter, factory: UpdateFactory, rng: random.Random) -> None:
    """Caches, the first drawing, the first database pages."""
    for n in range(60):
        await queue(app, meter, *mixed_update(factory, n, rng))
    await wait_until_done(app, meter, timeout=60)


def print_saturation(title: str, result: dict) -> None:
    print(title)
    print(f"    {result['replies']} replies in {result['elapsed']:.1f} s: "
          f"{result['replies/s']:.1f} replies/s, {result['updates/s']:.1f} updates/s")


async def processing_capacity(storage: Storage, args: argparse.Namespace, rng: random.Random) -> None:
    """Run 0: the same saturation with the send budget out of the way: what processing alone allows."""
    meter = Meter()
    unlimited = Settings(token="1:BENCH", messages_per_second=1e6, chat_limits=False)
    app = await start_bot(storage, meter, args.round_trip, unlimited)
    factory = UpdateFactory()
    await warm_up(app, meter, factory, rng)
    print_saturation(f"0. processing alone (no send budget): {args.burst} updates queued at once",
                     await saturation(app, meter, factory, args.burst, rng))
    await stop_bot(app)


async def bench(args: argparse.Namespace) -> int:
    rng = random.Random(7)
    meter = Meter()
    with tempfile.TemporaryDirectory() as tmp:
        storage = Storage(str(Path(tmp) / "bench.sqlite3"))
        # Due in 12 hours, so none goes out in runs 0-2; run 3 makes them all due at once.
        reminder_ids = seed(storage, args.reminders, datetime.now(UTC))
        print(f"Bot API round trip {args.round_trip * 1e3:.0f} ms; {len(USERS)} people; mixed load "
              f"(1 in {REPORT_EVERY} is a /report)\n")
        await processing_capacity(storage, args, rng)

        app = await start_bot(storage, meter, args.round_trip, Settings(token="1:BENCH"))
        factory = UpdateFactory()
        await warm_up(app, meter, factory, rng)
        result = await saturation(app, meter, factory, args.burst, rng)
        print_saturation(f"\n1. with the send budget (30/s overall, ~1/s per chat): {args.burst} updates "
                         "queued at once (gate: >= 25 replies/s)", result)
        saturated = result["replies/s"]

        result = await steady(app, meter, factory, args.rate, args.seconds, rng)
        print(f"\n2. steady: {result['updates']} updates at {args.rate:g}/s for {args.seconds:g} s "
              f"({result['replies/s']:.1f} replies/s)")
        print("\n".join(latency_table(meter)))
        quiet_p99, quiet_all = result["p99"], result["p99 all"]

        # All due now: the bot's own reminder loop claims and sends them while people write.
        await asyncio.to_thread(make_due, storage, reminder_ids, datetime.now(UTC))
        parts(app).reminders.schedule(0)  # wake the loop
        await asyncio.sleep(1.0)  # the burst is under way
        result = await steady(app, meter, factory, args.rate, args.seconds, rng)
        print(f"\n3. steady, while {args.reminders} reminders are being sent: {result['updates']} updates "
              f"at {args.rate:g}/s ({result['replies/s']:.1f} replies/s; reminders meanwhile "
              f"{result['reminders/s']:.1f}/s, {result['reminders']} in the window)")
        print("\n".join(latency_table(meter)))
        burst_p99, burst_all = result["p99"], result["p99 all"]
        await stop_bot(app)  # the rest of the burst is not needed for the measurement
        storage.close()

    ok = saturated >= 25 and quiet_p99 < 1.0 and burst_p99 < 1.0
    print(f"\n{'OK' if ok else 'FAILED'}: {saturated:.1f} replies/s (>= 25); first reply p99 "
          f"{quiet_p99 * 1e3:.0f} ms, and {burst_p99 * 1e3:.0f} ms during the reminder burst (< 1000 ms); "
          f"last reply p99 {quiet_all * 1e3:.0f} ms and {burst_all * 1e3:.0f} ms")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--round-trip", type=float, default=0.05, help="seconds per Bot API call (0.05)")
    parser.add_argument("--burst", type=int, default=600, help="updates queued at once in run 1 (600)")
    parser.add_argument("--rate", type=float, default=15, help="updates a second in runs 2 and 3 (15)")
    parser.add_argument("--seconds", type=float, default=20, help="length of runs 2 and 3 (20)")
    parser.add_argument("--reminders", type=int, default=10_000, help="reminders sent during run 3 (10000)")
    parser.add_argument("--quick", action="store_true", help="burst 300, 8 s runs")
    args = parser.parse_args()
    if args.quick:
        args.burst, args.seconds = 300, 8.0
    return asyncio.run(bench(args))


if __name__ == "__main__":
    raise SystemExit(main())

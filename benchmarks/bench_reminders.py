"""N reminders due in the same minute: start-up time, memory, all sent once, none twice, at the rate.

The real path: N users with one reminder each are written to a database (a child process, so the
figures below are the bot's alone), the bot starts on it (nothing is loaded: the claim loop asks the
database what is due), they all fall due at the next whole minute, and each is claimed in the
database before it goes through AIORateLimiter to the offline fake Bot API. Every due round is then
repeated, as a duplicate would, and a second bot starts on the same database (a restart): both must
send nothing.

    python benchmarks/bench_reminders.py [--count 10000] [--rate 30] [--database URL]

At the default 30 messages a second, 10,000 reminders take about 5.5 minutes: that is the point. The
scale gates use a fast rate: `--count 100000 --rate 2000` (about 50 s of sending).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Update

from bot.config import DEFAULT_MESSAGES_PER_SECOND, Settings
from bot.storage import Storage
from bot.telegram import build_application, parts
from bot.telegram.app import on_startup, on_stop
from bot.telegram.fake_api import FakeBotAPI, UpdateFactory

REPLY_USERS = 10_000_000  # chat ids of the people who write during the burst (no reminders of their own)


def next_minute(min_lead: float) -> datetime:
    """The next whole minute at least `min_lead` seconds away (time to create the reminders and start)."""
    now = datetime.now(UTC)
    due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    while (due - now).total_seconds() < min_lead:
        due += timedelta(minutes=1)
    return due


def create_reminders(target: str, count: int, local_time: str) -> None:
    storage = Storage(target)
    with storage._transaction():  # one transaction: the set-up is not what is measured
        for user in range(1, count + 1):
            storage.ensure_user(user, user)
            storage.add_reminder(user, user, local_time)
    storage.close()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


async def start_bot(target: str, rate: float, api: FakeBotAPI):
    storage = Storage(target)
    app = build_application(Settings(token="1:BENCH", messages_per_second=rate), request=api, storage=storage)
    await app.initialize()
    await on_startup(app)
    await app.start()
    return app, storage


async def stop_bot(app, storage) -> None:
    await app.stop()
    await on_stop(app)  # post_stop, which only run_polling calls: the reminder loop ends before close
    await app.shutdown()
    storage.close()


async def bench(count: int, rate: float, timeout: float, target: str) -> int:
    per_chat: Counter[int] = Counter()
    stamps: list[float] = []
    asked: dict[int, float] = {}
    reply_latency: list[float] = []

    def on_call(call) -> None:
        if call.method == "sendMessage" and call.text.startswith("⏰"):
            per_chat[call.chat_id] += 1
            stamps.append(time.time())
        elif call.method == "sendMessage" and call.chat_id in asked:
            reply_latency.append(time.perf_counter() - asked.pop(call.chat_id))

    # Creating 100,000 rows takes a while (longer on PostgreSQL): leave room before they fall due.
    due = next_minute(min_lead=15 + count / (400 if "://" in target else 1000))
    creator = multiprocessing.get_context("fork").Process(target=create_reminders,
                                                         args=(target, count, f"{due:%H:%M}"))
    started = time.perf_counter()
    creator.start()
    creator.join()
    created_s = time.perf_counter() - started
    rss_before = rss_mb()

    api = FakeBotAPI(record=False)
    api.on_call = on_call
    started = time.perf_counter()
    app, storage = await start_bot(target, rate, api)
    startup_s = time.perf_counter() - started
    rss_started = rss_mb()
    print(f"{count} reminders created in {created_s:.1f} s; bot started in {startup_s:.2f} s; "
          f"{len(app.job_queue.jobs())} jobs; due at {due:%H:%M:%S} UTC, "
          f"in {(due - datetime.now(UTC)).total_seconds():.0f} s")
    # Wait while sending goes on (a fast rate may be more than the machine can do), at most
    # `timeout` seconds without progress once due.
    updates, writer = UpdateFactory(), REPLY_USERS
    progress_at, last_total = max(time.time(), due.timestamp()), 0
    while sum(per_chat.values()) < count and time.time() - max(progress_at, due.timestamp()) < timeout:
        await asyncio.sleep(0.2)
        if sum(per_chat.values()) != last_total:
            progress_at, last_total = time.time(), sum(per_chat.values())
        if stamps and len(stamps) < count:  # during the burst: someone asks a question
            writer += 1
            asked[writer] = time.perf_counter()
            update = Update.de_json(updates.text("how many reps should I do?", user_id=writer), app.bot)
            app.create_task(app.process_update(update))
    await asyncio.sleep(1.0)  # anything sent twice would show up now
    duplicates_before = sum(per_chat.values())
    await parts(app).reminders.send_all_due()  # a duplicate round, as a second worker's would be
    duplicate_fires = sum(per_chat.values()) - duplicates_before
    rss_after = rss_mb()
    await stop_bot(app, storage)

    restart_api = FakeBotAPI(record=False)
    restart_api.on_call = on_call
    before_restart = sum(per_chat.values())
    app, storage = await start_bot(target, rate, restart_api)
    await parts(app).reminders.send_all_due()
    await stop_bot(app, storage)
    after_restart = sum(per_chat.values()) - before_restart

    sent = len(per_chat)
    twice = sum(1 for n in per_chat.values() if n > 1)
    elapsed = (stamps[-1] - due.timestamp()) if stamps else float("nan")
    spread = (stamps[-1] - stamps[0]) if stamps else float("nan")
    ideal = count / rate
    rows = [
        ("reminders", f"{count}"), ("rate limit (msg/s)", f"{rate:g}"),
        ("start-up (s)", f"{startup_s:.2f}"),
        ("peak RSS before start (MB)", f"{rss_before:.0f}"),
        ("peak RSS after start (MB)", f"{rss_started:.0f}"),
        ("peak RSS after sending (MB)", f"{rss_after:.0f}"),
        ("users reminded", f"{sent}"), ("reminded twice", f"{twice}"),
        ("sent on a duplicate round", f"{duplicate_fires}"),
        ("sent after restart", f"{after_restart}"),
        ("first send after due (s)", f"{stamps[0] - due.timestamp():.2f}" if stamps else "-"),
        ("elapsed, due to last (s)", f"{elapsed:.1f}"), ("ideal, count / rate (s)", f"{ideal:.1f}"),
        ("first to last (s)", f"{spread:.1f}"),
        ("achieved rate (msg/s)", f"{(sent - 1) / spread:.1f}" if spread else "-"),
        ("elapsed vs ideal", f"{elapsed / ideal:.3f}x"),
        ("replies during the burst", f"{len(reply_latency)}"),
        ("reply latency p50 (s)", f"{_quantile(reply_latency, 0.5):.2f}"),
        ("reply latency p99 (s)", f"{_quantile(reply_latency, 0.99):.2f}"),
    ]
    for name, value in rows:
        print(f"{name:<30}{value:>12}")
    ok = sent == count and twice == 0 and duplicate_fires == 0 and after_restart == 0
    print("OK: all sent once, none twice" if ok else "FAILED")
    return 0 if ok else 1


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="reminders due in the same minute")
    parser.add_argument("--rate", type=float, default=DEFAULT_MESSAGES_PER_SECOND,
                        help="messages per second (default: the bot's default, 30)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds without a new send (once due) before giving up")
    parser.add_argument("--database", help="a postgresql:// URL of an EMPTY database (default: a new "
                                           "SQLite file in a temporary folder)")
    args = parser.parse_args()
    if args.database:
        return asyncio.run(bench(args.count, args.rate, args.timeout, args.database))
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(bench(args.count, args.rate, args.timeout, str(Path(tmp) / "reminders.sqlite3")))


if __name__ == "__main__":
    raise SystemExit(main())

"""N reminders due in the same minute: all sent once, none twice, at the configured rate.

The real path: reminders are written to an SQLite file, the bot starts and schedules them from the
database (`run_daily` jobs on PTB's JobQueue), they fall due over the next whole minute (spread by
id, second by second), and each claims its day in the database before it is sent, as a broadcast,
through the send budget to the offline fake Bot API (which takes `--round-trip` seconds a call, 50 ms
by default, like the real network). Then a second bot starts on the same database (a restart) and
must send nothing.

    python benchmarks/bench_reminders.py [--count 10000] [--rate 30] [--round-trip 0.05]

At the default 30 messages a second, 10,000 reminders take about 5.5 minutes: that is the point.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config import DEFAULT_MESSAGES_PER_SECOND, Settings
from bot.storage import Storage
from bot.telegram import build_application, parts
from bot.telegram.app import on_startup
from bot.telegram.fake_api import FakeBotAPI
from bot.telegram.reminders import spread_second


def next_minute(min_lead: float = 5.0) -> datetime:
    """The next whole minute at least `min_lead` seconds away (time to create and schedule)."""
    now = datetime.now(UTC)
    due = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return due if (due - now).total_seconds() >= min_lead else due + timedelta(minutes=1)


def create_reminders(path: str, count: int, local_time: str) -> None:
    storage = Storage(path)
    for user in range(1, count + 1):
        storage.ensure_user(user, user)
        storage.add_reminder(user, user, local_time)
    storage.close()


async def start_bot(path: str, rate: float, api: FakeBotAPI):
    storage = Storage(path)
    app = build_application(Settings(token="1:BENCH", messages_per_second=rate), request=api, storage=storage)
    await app.initialize()
    await on_startup(app)
    await app.start()
    return app, storage


async def stop_bot(app, storage) -> None:
    await app.stop()
    await app.shutdown()
    storage.close()


async def bench(count: int, rate: float, timeout: float, round_trip: float) -> int:
    per_chat: Counter[int] = Counter()
    stamps: list[float] = []

    def on_call(call) -> None:
        if call.method == "sendMessage" and call.text.startswith("⏰"):
            per_chat[call.chat_id] += 1
            stamps.append(time.time())

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "reminders.sqlite3")
        due = next_minute()
        create_reminders(path, count, f"{due:%H:%M}")
        api = FakeBotAPI(record=False, round_trip=round_trip)
        api.on_call = on_call
        app, storage = await start_bot(path, rate, api)
        scheduled = sum(1 for job in app.job_queue.jobs() if job.name.startswith("reminder:"))
        print(f"{count} reminders scheduled from the database ({scheduled} jobs); due at {due:%H:%M:%S} UTC, "
              f"in {(due - datetime.now(UTC)).total_seconds():.0f} s")
        deadline = due.timestamp() + count / rate * 1.5 + timeout
        while sum(per_chat.values()) < count and time.time() < deadline:
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)  # anything sent twice would show up now
        # Fire every job once more, as a duplicate trigger would.
        duplicates_before = sum(per_chat.values())
        await asyncio.gather(*(parts(app).reminders.send_due(r) for r in range(1, count + 1)))
        duplicate_fires = sum(per_chat.values()) - duplicates_before
        await stop_bot(app, storage)

        restart_api = FakeBotAPI(record=False, round_trip=round_trip)
        restart_api.on_call = on_call
        before_restart = sum(per_chat.values())
        app, storage = await start_bot(path, rate, restart_api)
        catch_up = await parts(app).reminders.catch_up()
        await stop_bot(app, storage)
        after_restart = sum(per_chat.values()) - before_restart

    sent = len(per_chat)
    twice = sum(1 for n in per_chat.values() if n > 1)
    elapsed = (stamps[-1] - due.timestamp()) if stamps else float("nan")
    spread = (stamps[-1] - stamps[0]) if stamps else float("nan")
    # They fall due over the minute (one second of it per reminder id, spread_second), so however
    # fast the budget, the last cannot go before second 59.
    ideal = max(count / rate, float(max(spread_second(r) for r in range(1, count + 1))))
    rows = [
        ("reminders", f"{count}"), ("rate limit (msg/s)", f"{rate:g}"),
        ("users reminded", f"{sent}"), ("reminded twice", f"{twice}"),
        ("sent on duplicate firing", f"{duplicate_fires}"),
        ("sent after restart", f"{after_restart} ({catch_up})"),
        ("first send after due (s)", f"{stamps[0] - due.timestamp():.2f}" if stamps else "-"),
        ("elapsed, due to last (s)", f"{elapsed:.1f}"), ("ideal (s)", f"{ideal:.1f}"),
        ("first to last (s)", f"{spread:.1f}"),
        ("achieved rate (msg/s)", f"{(sent - 1) / spread:.1f}" if spread else "-"),
        ("elapsed vs ideal", f"{elapsed / ideal:.3f}x"),
    ]
    for name, value in rows:
        print(f"{name:<28}{value:>12}")
    ok = sent == count and twice == 0 and duplicate_fires == 0 and after_restart == 0
    print("OK: all sent once, none twice" if ok else "FAILED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000, help="reminders due in the same minute")
    parser.add_argument("--rate", type=float, default=DEFAULT_MESSAGES_PER_SECOND,
                        help="messages per second (default: the bot's default, 30)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="extra seconds to wait before giving up")
    parser.add_argument("--round-trip", type=float, default=0.05, help="seconds per Bot API call (0.05)")
    args = parser.parse_args()
    return asyncio.run(bench(args.count, args.rate, args.timeout, args.round_trip))


if __name__ == "__main__":
    raise SystemExit(main())

"""Updates per second through `Application.process_update`, with the offline fake Bot API.

The whole bot runs: Update.de_json, PTB's handler dispatch, the conversation layer, the real engine
and knowledge base, SQLite (a WAL file in a temporary directory), the AIORateLimiter and PTB's
request encoding. Only the HTTP exchange is replaced. The limiter's rate is raised so that it does
not throttle: this measures the bot's own cost per update, not Telegram's 30 messages a second.

    python benchmarks/bench_updates.py [--count 5000] [--users 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from telegram import Update

from bot.config import Settings
from bot.storage import Storage
from bot.telegram import build_application
from bot.telegram.app import on_startup
from bot.telegram.fake_api import FakeBotAPI, UpdateFactory

QUESTIONS = (
    "how many reps should I do?", "my ankle is still swollen after a week", "is it ok to run again",
    "which band colour should I start with", "how long do I hold the calf stretch",
    "it hurts when I exercise",
    "can I use ice or heat", "what is ankle impingement", "hi", "thanks!", "pain 4/10 during heel raises ok?",
    "how often should i do the routine", "whats the weather tomorrow",
)
COMMANDS = (("routine",), ("exercises",), ("help",), ("stage", "strengthening"), ("reminders",))
BUTTONS = ("ex:band-eversion", "routine", "cat:balance", "ex:single-leg-balance", "stage:strengthening")


def build_updates(count: int, users: int) -> list[tuple[str, dict]]:
    factory = UpdateFactory()
    updates = []
    for n in range(count):
        user = 1000 + n % users
        if n % 10 < 6:
            updates.append(("text", factory.text(QUESTIONS[n % len(QUESTIONS)], user_id=user)))
        elif n % 10 < 8:
            name, *args = COMMANDS[n % len(COMMANDS)]
            updates.append(("command", factory.command(name, *args, user_id=user)))
        else:
            updates.append(("button", factory.button(BUTTONS[n % len(BUTTONS)], user_id=user)))
    return updates


async def bench(count: int, users: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        api = FakeBotAPI(record=False)
        storage = Storage(str(Path(tmp) / "bench.sqlite3"))
        settings = Settings(token="1:BENCH", messages_per_second=1e9)
        app = build_application(settings, request=api, storage=storage)
        await app.initialize()
        await on_startup(app)
        for _kind, data in build_updates(300, users):  # warm-up: caches, first database pages
            await app.process_update(Update.de_json(data, app.bot))
        updates = build_updates(count, users)
        durations: dict[str, list[float]] = {"text": [], "command": [], "button": []}
        api.clear()
        started = time.perf_counter()
        for kind, data in updates:
            t0 = time.perf_counter()
            await app.process_update(Update.de_json(data, app.bot))
            durations[kind].append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - started
        await app.shutdown()
        storage.close()

    rows = [("kind", "updates", "mean ms", "p50 ms", "p99 ms")]
    for kind, values in durations.items():
        ordered = sorted(values)
        rows.append((kind, str(len(values)), f"{statistics.fmean(values) * 1e3:.2f}",
                     f"{ordered[len(ordered) // 2] * 1e3:.2f}",
                     f"{ordered[int(len(ordered) * 0.99)] * 1e3:.2f}"))
    print(f"{'':<2}".join(f"{cell:<10}" for cell in rows[0]))
    for row in rows[1:]:
        print(f"{'':<2}".join(f"{cell:<10}" for cell in row))
    print()
    print(f"updates            {count}")
    by_method = ", ".join(f"{method} {n}" for method, n in api.counts.items())
    print(f"Bot API calls      {sum(api.counts.values())} ({by_method})")
    print(f"elapsed            {elapsed:.2f} s")
    print(f"updates per second {count / elapsed:.0f}  (target >= 500)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000, help="updates to process (default 5000)")
    parser.add_argument("--users", type=int, default=200, help="distinct users (default 200)")
    args = parser.parse_args()
    asyncio.run(bench(args.count, args.users))


if __name__ == "__main__":
    main()

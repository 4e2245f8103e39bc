"""Answer-engine benchmark: knowledge-base load time, per-message latency, peak memory.

    python benchmarks/bench_engine.py [--messages 10000]

Targets on the 2-core CI machine: load < 300 ms, p99 < 2 ms on short and on long messages (200-2,000
characters, reported separately), RSS < 100 MB. A benchmark, not a test: it prints figures and exits 0;
read them, and put them in the closing note of the change.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout, not an installed copy


def _messages(kb, count: int, seed: int = 7) -> list[str]:
    """Realistic traffic: knowledge-base phrasings with noise, red flags, chatter, long and odd input."""
    rng = random.Random(seed)
    phrasings = [q for t in kb.topics.values() for q in t.questions]
    phrasings += [a for e in kb.exercises.values() for a in e.aliases]
    noise = ["pls", "my ankle", "after my sprain", "??", "with the red band", "since yesterday", "lol"]
    extras = [
        "my toes are white and cold under the cast",
        "calf is hot and swollen after surgery",
        "hi",
        "thanks!",
        "😀",
        "",
        "what's the weather like",
        "x" * 4000,
        "I twisted it playing football and now the outside of my ankle is swollen and bruised, " * 5,
    ]
    out = []
    for _ in range(count):
        if rng.random() < 0.15:
            out.append(rng.choice(extras))
            continue
        words = rng.choice(phrasings).split()
        if words and rng.random() < 0.3:  # a typo: drop a letter from one word
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 4:
                j = rng.randrange(len(w))
                words[i] = w[:j] + w[j + 1 :]
        if rng.random() < 0.5:
            words.insert(rng.randrange(len(words) + 1), rng.choice(noise))
        out.append(" ".join(words))
    return out


# Sentences of the stories people tell around a question (written for this benchmark).
_STORY = [
    "I rolled my ankle playing netball about three weeks ago and it is still a bit swollen in the evening.",
    "My physio gave me some band exercises but I keep forgetting which ones come first.",
    "I work from home and sit at the desk most of the day, so I am not sure I move enough.",
    "The outside of the ankle goes purple and yellow, the bruise has moved down to my heel now.",
    "Last week I tried a short jog and it felt fine during it but stiff the next morning.",
    "sorry for my english, I am from Poland and my doctor say only rest, but I want to do more.",
    "had the op on the other side years ago and it was fine since, this time it is just a sprain.",
    "no numbness, no tingling, the toes are warm and pink, i can walk on it but it aches by evening.",
    "what if my calf swells on the flight next month, should i wear compression socks?",
    "my foot went to sleep sitting cross legged and woke up again after a minute, all fine now.",
    "I use the red band now, the yellow one got too easy after two weeks of daily sessions.",
    "also my phone screen is broken so sorry for the typos, i cant see half of what i type lol",
]


def _long_messages(kb, count: int, seed: int = 11) -> list[str]:
    """Story-like messages of 200-2,000 characters: background sentences around a real question."""
    rng = random.Random(seed)
    questions = [q for t in kb.topics.values() for q in t.questions]
    out = []
    while len(out) < count:
        target = rng.randint(200, 2000)
        parts = [rng.choice(_STORY)]
        while sum(len(p) + 1 for p in parts) < target:
            parts.append(rng.choice(_STORY) if rng.random() < 0.7 else rng.choice(questions) + "?")
        text = " ".join(parts)[:2000]
        if len(text) >= 200:
            out.append(text)
    return out


def _percentiles(engine, messages: list[str], clock) -> dict[str, float]:
    latencies = []
    for text in messages:
        t0 = clock()
        engine.answer(text)
        latencies.append((clock() - t0) * 1000)
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    return {
        "n": len(latencies), "p50": pct(50), "p99": pct(99), "max": latencies[-1],
        "mean": statistics.fmean(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--cpu", action="store_true",
                        help="time each message in CPU time of this thread (fairer on a busy machine)")
    args = parser.parse_args()
    clock = time.thread_time if args.cpu else time.perf_counter

    start = time.perf_counter()
    from bot.engine import Engine
    from bot.engine.language import Languages
    from bot.engine.safety_net import SafetyNet
    from bot.knowledge import default_root, load

    imported = time.perf_counter()
    root = default_root()
    kb = load(root)
    loaded = time.perf_counter()
    safety_net = SafetyNet.load(root)
    languages = Languages.load(root)
    model_loaded = time.perf_counter()
    # The engine as the bot runs it: the rules, the safety net and the language check.
    engine = Engine(kb, safety_net, "both", languages)
    built = time.perf_counter()

    messages = _messages(kb, args.messages)
    long_messages = _long_messages(kb, max(200, args.messages // 10))
    for text in messages[:200] + long_messages[:50]:  # warm caches the way a running bot has them warm
        engine.answer(text)
    short = _percentiles(engine, [m for m in messages if len(m) < 200], clock)
    long = _percentiles(engine, long_messages + [m for m in messages if len(m) >= 200], clock)

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("import engine modules", f"{(imported - start) * 1000:.0f} ms", ""),
        ("load + validate knowledge base", f"{(loaded - imported) * 1000:.0f} ms", "target < 300 ms"),
        ("load safety-net model + languages", f"{(model_loaded - loaded) * 1000:.0f} ms", ""),
        ("build engine index", f"{(built - model_loaded) * 1000:.0f} ms", ""),
        ("load total (KB + model + index)", f"{(built - imported) * 1000:.0f} ms", "target < 300 ms"),
    ]
    for name, figures in (("short (< 200 chars)", short), ("long (>= 200 chars)", long)):
        rows += [
            (f"{name}: messages", f"{figures['n']}", ""),
            (f"{name}: latency p50", f"{figures['p50']:.3f} ms", ""),
            (f"{name}: latency p99", f"{figures['p99']:.3f} ms", "target < 2 ms"),
            (f"{name}: latency max", f"{figures['max']:.3f} ms", ""),
            (f"{name}: latency mean", f"{figures['mean']:.3f} ms", ""),
        ]
    rows.append(("peak RSS", f"{rss_mb:.0f} MB", "target < 100 MB"))
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")


if __name__ == "__main__":
    main()

"""Answer-engine benchmark: knowledge-base load time, per-message latency, peak memory.

    python benchmarks/bench_engine.py [--messages 10000]

Targets on the 2-core CI machine: load < 300 ms, p99 < 2 ms, RSS < 100 MB. A benchmark, not a test:
it prints figures and exits 0; read them, and put them in the closing note of the change.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()

    start = time.perf_counter()
    from bot.engine import Engine
    from bot.knowledge import default_root, load

    imported = time.perf_counter()
    kb = load(default_root())
    loaded = time.perf_counter()
    engine = Engine(kb)
    built = time.perf_counter()

    messages = _messages(kb, args.messages)
    for text in messages[:200]:  # warm caches the way a running bot has them warm
        engine.answer(text)
    latencies = []
    for text in messages:
        t0 = time.perf_counter()
        engine.answer(text)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]

    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [
        ("import engine modules", f"{(imported - start) * 1000:.0f} ms", ""),
        ("load + validate knowledge base", f"{(loaded - imported) * 1000:.0f} ms", "target < 300 ms"),
        ("build engine index", f"{(built - loaded) * 1000:.0f} ms", ""),
        ("load total (KB + index)", f"{(built - imported) * 1000:.0f} ms", "target < 300 ms"),
        ("messages answered", f"{len(latencies)}", ""),
        ("latency p50", f"{pct(50):.3f} ms", ""),
        ("latency p99", f"{pct(99):.3f} ms", "target < 2 ms"),
        ("latency max", f"{latencies[-1]:.3f} ms", ""),
        ("latency mean", f"{statistics.fmean(latencies):.3f} ms", ""),
        ("peak RSS", f"{rss_mb:.0f} MB", "target < 100 MB"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")


if __name__ == "__main__":
    main()

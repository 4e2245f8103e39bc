"""How often the safety check is asked, and how often it is asked where no answer could change the level.

    python benchmarks/check_rate.py [MESSAGES.txt] [--verbose]

MESSAGES.txt: one message per line (# comments and blank lines ignored); by default
tests/data/injury_messages.txt (written before reading the rules). For each message asked a check,
"useless" means even the worst answers (every question answered the worrying way) leave the level the
message had: then the questions only delay the answer.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.engine import Engine  # noqa: E402
from bot.engine.check import worst_case  # noqa: E402

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "injury_messages.txt"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("messages", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    lines = [line.strip() for line in args.messages.read_text(encoding="utf-8").splitlines()]
    messages = [line for line in lines if line and not line.startswith("#")]
    engine = Engine.default()
    checks = {c.id: c for c in engine.kb.safety_checks}
    levels = collections.Counter()
    asked = collections.Counter()
    useless = []
    question_changes = collections.Counter()  # (check, question) -> asked where its answer can change it
    question_asked = collections.Counter()
    for text in messages:
        answer = engine.answer(text)
        levels[answer.triage] += 1
        if answer.check is None:
            if args.verbose:
                print(f"  -  {answer.triage:9} {text}")
            continue
        asked[answer.check] += 1
        worst = engine.answer(text, also=worst_case(checks[answer.check]))
        if worst.triage == answer.triage:
            useless.append(text)
        for q in checks[answer.check].questions:
            question_asked[(answer.check, q.id)] += 1
            if engine.answer(text, also=(q.adds,)).triage != answer.triage:
                question_changes[(answer.check, q.id)] += 1
        if args.verbose:
            mark = "U" if worst.triage == answer.triage else "C"
            print(f"  {mark}  {answer.triage:9} {answer.check:28} {text}")
    n, k = len(messages), sum(asked.values())
    print(f"messages: {n}; levels of the messages alone: {dict(levels)}")
    print(f"check asked: {k} ({100 * k / n:.1f} %): {dict(asked)}")
    share = 100 * len(useless) / max(k, 1)
    print(f"asked where no answer could change the level: {len(useless)} ({share:.1f} % of those asked)")
    for text in useless:
        print(f"  {text}")
    print("per question, asked / where its worrying answer alone changes the level:")
    for key, count in sorted(question_asked.items()):
        print(f"  {key[0]} / {key[1]}: {count} / {question_changes[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Reply-shape gates (issue 12): short first, small talk never answers a question, no contradiction.

    python3 benchmarks/reply_shape.py [--dev ../shared/eval/dev.jsonl] [--verbose]

Over the shared dev set, the project's own realistic questions (benchmarks/data/replies_set.jsonl,
written with a stated time since the injury or an exercise that makes it worse where it matters) and
issue 13's graded questions (eval/graded-questions.jsonl, read only: a frozen set, field "text"; it has
no `phase` or `worse` labels, so the contradiction check finds nothing to check there, and its small
talk count is reported, not gated: it was never tuned on, and the check's wording heuristic counts "see
how it goes" as a question):
- the text before "More": median under 600 characters, none over 1,000;
- no reply where small talk (a greeting, thanks) answered a message that also asks something;
- contradictions, checked with this file's own patterns (not the engine's): wording for another phase of
  recovery than the one stated (labelled `phase` in the set: "most sprains feel better in 2 weeks" to
  someone injured 3 years ago), and an exercise the person said makes it worse among those offered.
Exit status 1 when a gate fails.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bot.engine import Engine  # noqa: E402

OWN_SET = HERE / "data" / "replies_set.jsonl"
GRADED_SET = HERE.parent / "eval" / "graded-questions.jsonl"
DEV_SET = HERE.parent.parent / "shared" / "eval" / "dev.jsonl"
MEDIAN_MAX, LONGEST_MAX = 600, 1000
SMALLTALK = {"greeting", "thanks"}
_ASKS = re.compile(r"\?|\b(how|what|when|should|can i|could i|is it|do i|does|will|which|where|why)\b", re.I)
_EARLY_WORDS = re.compile(
    r"first (?:few |1-3 |2-3 )?days|within (?:about )?2 weeks|in the first days|fresh sprain|first week|"
    r"straight after the injury", re.I)
_LATE_WORDS = re.compile(r"\b(?:months|years) (?:later|after)|long after|after months|years after", re.I)
CONFLICTS = {"years": _EARLY_WORDS, "months": _EARLY_WORDS, "first-days": _LATE_WORDS}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def contradictions(row: dict, answer) -> list[str]:
    out = []
    pattern = CONFLICTS.get(row.get("phase") or "")
    for part, text in (("reply", answer.reply), ("more", answer.more)):
        if pattern is not None and (m := pattern.search(text)):
            out.append(f"{part} says {m.group(0)!r} to someone in phase {row['phase']}")
    for exercise_id in row.get("worse", ()):
        if exercise_id in answer.exercises:
            out.append(f"offers {exercise_id}, which the person said makes it worse")
    return out


def smalltalk_answered_a_question(text: str, answer) -> bool:
    if not answer.topics or answer.topics[0] not in SMALLTALK:
        return False
    # What is left once the greeting or thanks is taken away still asks something.
    rest = re.sub(r"^\W*(hi|hello|hey|good (morning|evening)|thanks?( you)?( so much)?( for [^.!?,]*)?)\b\W*",
                  "", text, flags=re.I)
    return bool(_ASKS.search(rest)) and len(rest.split()) >= 3


def measure(engine: Engine, rows: list[dict]) -> dict:
    lengths, small, contra, over = [], [], [], []
    for row in rows:
        answer = engine.answer(row["text"])
        lengths.append(len(answer.reply))
        if len(answer.reply) > LONGEST_MAX:
            over.append((row["text"], len(answer.reply)))
        if smalltalk_answered_a_question(row["text"], answer):
            small.append(row["text"])
        contra += [f"{row['text']!r}: {c}" for c in contradictions(row, answer)]
    return {
        "messages": len(rows),
        "median_chars": statistics.median(lengths),
        "p90_chars": sorted(lengths)[int(0.9 * (len(lengths) - 1))],
        "longest_chars": max(lengths),
        "over_600": sum(length > MEDIAN_MAX for length in lengths),
        "over_1000": over,
        "smalltalk_answered_question": small,
        "contradictions": contra,
    }


def gates_hold(result: dict, smalltalk: bool = True) -> bool:
    return (result["median_chars"] < MEDIAN_MAX and not result["over_1000"]
            and not (smalltalk and result["smalltalk_answered_question"]) and not result["contradictions"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV_SET)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    engine = Engine.default()
    ok = True
    sets = [("own", OWN_SET)] + [(name, path) for name, path in (("dev", args.dev), ("graded", GRADED_SET))
                                 if path.exists()]
    for name, path in sets:
        result = measure(engine, load(path))
        held = gates_hold(result, smalltalk=name != "graded")
        ok &= held
        print(f"{name}: messages={result['messages']} median_chars={result['median_chars']:.0f} "
              f"p90_chars={result['p90_chars']} longest_chars={result['longest_chars']} "
              f"over_600={result['over_600']} over_1000={len(result['over_1000'])} "
              f"smalltalk_answered_question={len(result['smalltalk_answered_question'])} "
              f"contradictions={len(result['contradictions'])} {'ok' if held else 'FAIL'}"
              f"{' (small talk reported, not gated)' if name == 'graded' else ''}")
        if args.verbose or not held or result["smalltalk_answered_question"]:
            found = (*result["over_1000"], *result["smalltalk_answered_question"], *result["contradictions"])
            for item in found:
                print("   ", item)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

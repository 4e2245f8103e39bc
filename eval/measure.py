#!/usr/bin/env python3
"""Triage figures on a labelled set, for rules only, the safety net only, and both (the bot's way).

    python3 eval/measure.py eval/heldout-1.jsonl [--sources both,rules,model] [--misses]

Lines are the shared evaluation format: {"id", "text", "triage_min", "triage_max", ...}. Prints, per
source: missed emergencies, under-triage (share of the messages that need care), benign escalated
(share of triage_max 0), false emergencies (non-emergencies sent to the emergency number, share of all),
over-triage (share above triage_max). Standard library only; runs `ankle-bot ask --jsonl --triage X`.
"""

import argparse
import json
import shutil
import subprocess
import sys

LEVELS = {"none": 0, "routine": 1, "urgent": 2, "emergency": 3}


def answers(command: list[str], rows: list[dict], source: str) -> list[dict]:
    payload = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows)
    out = subprocess.run([*command, "ask", "--jsonl", "--triage", source], input=payload, text=True,
                         capture_output=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def figures(rows: list[dict], got: list[dict]) -> dict:
    levels = [LEVELS[a["triage"]] for a in got]
    need = [i for i, r in enumerate(rows) if r["triage_min"] >= 1]
    emergencies = [i for i, r in enumerate(rows) if r["triage_min"] == 3]
    benign = [i for i, r in enumerate(rows) if r["triage_max"] == 0]
    under = [i for i, r in enumerate(rows) if levels[i] < r["triage_min"]]
    return {
        "cases": len(rows),
        "missed_emergencies": sum(levels[i] < 3 for i in emergencies),
        "emergencies": len(emergencies),
        "under_triage": len(under),
        "under_triage_pct_of_need": round(100 * len(under) / max(1, len(need)), 2),
        "need_care": len(need),
        "escalated_pct_of_need": round(100 * sum(levels[i] >= 1 for i in need) / max(1, len(need)), 2),
        "benign_escalated_pct": round(100 * sum(levels[i] > 0 for i in benign) / max(1, len(benign)), 2),
        "benign": len(benign),
        "false_emergency_pct_of_all": round(
            100 * sum(levels[i] == 3 and r["triage_min"] < 3 for i, r in enumerate(rows)) / len(rows), 2),
        "over_triage_pct": round(100 * sum(levels[i] > r["triage_max"] for i, r in enumerate(rows))
                                 / len(rows), 2),
        "_under": under,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labels")
    parser.add_argument("--sources", default="rules,model,both")
    parser.add_argument("--cmd", default=shutil.which("ankle-bot") or "ankle-bot")
    parser.add_argument("--misses", action="store_true", help="list under-triaged and over-triaged lines")
    args = parser.parse_args()
    with open(args.labels, encoding="utf-8") as file:
        rows = [json.loads(line) for line in file if line.strip()]
    for source in args.sources.split(","):
        got = answers(args.cmd.split(), rows, source)
        result = figures(rows, got)
        under = result.pop("_under")
        print(source.ljust(6), " ".join(f"{k}={v}" for k, v in result.items()))
        if args.misses:
            for i in under:
                print(f"   UNDER {rows[i]['id']} want>={rows[i]['triage_min']} got {got[i]['triage']}: "
                      f"{rows[i]['text'][:160]!r}")
            for i, r in enumerate(rows):
                if LEVELS[got[i]["triage"]] > r["triage_max"]:
                    print(f"   OVER  {r['id']} want<={r['triage_max']} got {got[i]['triage']}: "
                          f"{r['text'][:160]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

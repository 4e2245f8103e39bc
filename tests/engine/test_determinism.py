"""The same message gets the same answer in every process: nothing depends on Python's hash seed."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The corpus's first messages (people's own stories, several with two near-tied topics): a float
# summed in a set's order, which changes with the hash seed, flipped four of these 900 answers.
_SCRIPT = """
import glob, json, sys
sys.path.insert(0, sys.argv[1])
from bot.engine import Engine
engine = Engine.default()
lines = [line for name in sorted(glob.glob(sys.argv[1] + "/knowledge/corpus/*.jsonl")) for line in open(name)]
texts = [json.loads(line)["text"] for line in lines[:900]]
print(json.dumps([[a.triage, a.topics, a.exercises, a.reply] for a in map(engine.answer, texts)]))
"""


def _answers(seed: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen([sys.executable, "-c", _SCRIPT, str(ROOT)], env=env,
                            stdout=subprocess.PIPE, text=True)


def test_answers_do_not_depend_on_the_hash_seed():
    runs = [_answers("1"), _answers("2")]  # side by side
    first, second = (json.loads(run.communicate()[0]) for run in runs)
    assert len(first) == 900
    assert first == second

"""The `ankle-bot` command: the JSON-lines contract the evaluation relies on, and kb tools."""

import io
import json
import subprocess
import sys

import pytest

from bot.cli import answer_jsonl, main
from bot.engine import Engine


def _jsonl(lines: list[str]) -> list[dict]:
    out = io.StringIO()
    assert answer_jsonl(Engine.default(), io.StringIO("".join(lines)), out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_jsonl_answers_each_line_in_order_echoing_id():
    rows = _jsonl(
        [
            json.dumps({"id": 7, "text": "how many reps should I do"}) + "\n",
            json.dumps({"id": "b", "text": "my toes went white and cold under the cast"}) + "\n",
        ]
    )
    assert [r["id"] for r in rows] == [7, "b"]
    assert rows[0]["topic"] == "reps-and-sets" and rows[0]["triage"] == "none"
    assert rows[1]["triage"] == "emergency" and rows[1]["exercises"] == []
    for row in rows:
        assert set(row) >= {"id", "triage", "topic", "exercises", "reply"}
        assert row["reply"].strip()


@pytest.mark.parametrize(
    ("line", "ident"),
    [
        ("this is not json\n", None),
        ("[1, 2, 3]\n", None),
        ('{"id": 3}\n', 3),
        ('{"id": 4, "text": 42}\n', 4),
        ('"just a string"\n', None),
    ],
)
def test_jsonl_bad_line_gets_an_error_object_and_the_run_goes_on(line, ident):
    rows = _jsonl([line, json.dumps({"id": "next", "text": "hi"}) + "\n"])
    assert rows[0]["id"] == ident and rows[0]["error"]
    assert rows[1]["id"] == "next" and rows[1]["topic"] == "greeting"


def test_jsonl_skips_blank_lines():
    assert len(_jsonl(["\n", "  \n", json.dumps({"id": 1, "text": "thanks"}) + "\n"])) == 1


def test_ask_json_prints_the_documented_fields(capsys):
    assert main(["ask", "--json", "how often should I do the exercises"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"triage", "topic", "topics", "subtopic", "exercises", "suggestions", "check",
                         "reply", "more"}
    assert data["topic"] == "how-often" and data["topics"] == ["how-often"] and data["subtopic"] is None
    assert len(data["exercises"]) <= 3 and data["more"]


def test_ask_prints_the_reply(capsys):
    assert main(["ask", "which colour band should I start with"]) == 0
    assert "band" in capsys.readouterr().out.lower()


def test_kb_check_passes_on_the_shipped_knowledge(capsys):
    assert main(["kb", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_kb_check_fails_and_lists_problems(tmp_path, monkeypatch, capsys):
    (tmp_path / "topics.yaml").write_text("topics: {}\n")
    monkeypatch.setenv("ANKLE_BOT_KNOWLEDGE", str(tmp_path))
    assert main(["kb", "check"]) == 1
    err = capsys.readouterr().err
    assert "exercises.yaml" in err and "topics.yaml" in err


def test_kb_export_lists_topics_and_exercises(capsys):
    assert main(["kb", "export"]) == 0
    data = json.loads(capsys.readouterr().out)
    topic = next(t for t in data["topics"] if t["id"] == "reps-and-sets")
    assert topic["questions"] and topic["answer"]
    exercise = next(e for e in data["exercises"] if e["id"] == "band-eversion")
    assert exercise["name"] and exercise["aliases"]


def test_run_without_token_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert "TELEGRAM_BOT_TOKEN" in err and len(err.splitlines()) == 1


def test_installed_command_reads_jsonl_from_stdin():
    # The real console entry point, as the evaluation runs it (including a 1 MB line).
    payload = (
        json.dumps({"id": 1, "text": "x" * 1_000_000}) + "\n" + json.dumps({"id": 2, "text": "hi"}) + "\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--jsonl"],
        input=payload,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, 2] and rows[0]["reply"]


def test_chat_piped_into_a_closed_reader_exits_without_a_traceback():
    # `ankle-bot chat | head -1`: the reader goes away while the bot is still answering.
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "chat"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(b"how many reps\n" * 3000, timeout=60)
    assert b"Traceback" not in err


def test_run_with_a_file_that_is_not_a_database_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    (tmp_path / "notes.txt").write_text("not a database\n" * 50)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/notes.txt")
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"error: cannot open the SQLite database '{tmp_path}/notes.txt': "
                                        "file is not a database"]


def test_run_with_an_unreachable_bot_api_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bot.sqlite3")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")  # nothing listens on port 9
    monkeypatch.setenv("NO_PROXY", "*")
    assert main(["run"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1].startswith("error: cannot reach the Bot API at http://127.0.0.1:9/bot")
    assert not any("Traceback" in line for line in lines)


def test_kb_explain_shows_findings_modifiers_and_rules(capsys):
    assert main(["kb", "explain", "had a clot years ago and now my calf is swollen and hot"]) == 0
    out = capsys.readouterr().out
    assert "findings:" in out and "calf_swollen_hot" in out and "current" in out
    assert "possible-dvt: urgent, on current findings" in out
    assert "rules' level: urgent" in out


def test_kb_explain_shows_a_lowered_rule(capsys):
    assert main(["kb", "explain", "i coughed up blood last year"]) == 0
    out = capsys.readouterr().out
    assert "historical" in out
    assert "possible-pulmonary-embolism: emergency -> urgent" in out


def test_kb_explain_shows_the_safety_nets_scores_and_thresholds(capsys):
    assert main(["kb", "explain", "my ankle is tight and hard to move"]) == 0
    out = capsys.readouterr().out
    assert "safety net (learned model): emergency" in out
    assert "P(>= emergency) whole" in out and "(needs " in out
    assert "raised by the safety net (learned model) to: emergency" in out


def test_kb_explain_shows_the_facts_read(capsys):
    assert main(["kb", "explain", "broke my fibula 6 weeks ago, heel raises make it worse. swelling?"]) == 0
    out = capsys.readouterr().out
    assert "facts:" in out and "phase first-weeks" in out and "injury: fracture" in out
    assert "bone: fibula" in out and "makes it worse: heel-raise" in out
    assert "heel-raise" not in out.split("exercises offered:")[-1]

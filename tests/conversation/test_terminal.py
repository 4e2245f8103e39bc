"""`ankle-bot chat`: the same conversation through stdin/stdout, buttons as numbers."""

import io
import subprocess
import sys

from bot.conversation import Conversation, Document, Reply, Services
from bot.terminal import _show, chat


def run_chat(lines: str, conversation: Conversation) -> str:
    out = io.StringIO()
    assert chat(io.StringIO(lines), out, conversation) == 0
    return out.getvalue()


def test_buttons_are_numbered_and_pressed_by_typing_the_number(tiny_kb, storage, answer, clock):
    conversation = Conversation(Services(tiny_kb, storage, answer, clock))
    out = run_chat("/routine\n2\n1\n2\n", conversation)
    assert "[2] Strengthening" in out
    assert "Your stage is now Strengthening" in out  # 2 pressed the stage button
    assert "Today's routine: Strengthening" in out  # 1 pressed "Show today's routine"
    assert "Band eversion step one." in out  # 2 opened the second exercise
    assert out.rstrip().endswith("Bye! Take care of that ankle.")


def test_a_number_out_of_range_is_explained(tiny_kb, storage, answer, clock):
    out = run_chat("/stage\n9\n", Conversation(Services(tiny_kb, storage, answer, clock)))
    assert "Pick a number from 1 to 3" in out


def test_quit_stops_reading(tiny_kb, storage, answer, clock):
    out = run_chat("/help\n/quit\n/exercises\n", Conversation(Services(tiny_kb, storage, answer, clock)))
    assert "/routine" in out and "Pick a category" not in out


def test_files_are_saved_and_their_path_printed(tmp_path):
    out = io.StringIO()
    _show([Reply("chart", photo=b"\x89PNG"), Reply("report", document=Document("../r.csv", b"a,b"))],
          out, tmp_path)
    assert (tmp_path / "progress.png").read_bytes() == b"\x89PNG"
    assert (tmp_path / "r.csv").read_bytes() == b"a,b"  # never outside the directory
    assert str(tmp_path / "r.csv") in out.getvalue()


def test_ankle_bot_chat_works_with_piped_stdin(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"], input="/stage strengthening\n/routine\n😀\n",
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert "Your stage is now Strengthening" in result.stdout
    assert "Today's routine: Strengthening" in result.stdout
    assert "Bye!" in result.stdout
    assert list(tmp_path.iterdir()) == []  # in-memory database: nothing written


def test_the_terminal_shows_no_exercise_button_under_an_urgent_reply(tmp_path):
    from bot.conversation import Button

    reply = Reply("get seen today", ((Button("📋 Heel raise", "ex:heel-raise"),), (Button("👍", "fb:up:1"),)),
                  level="urgent")
    out = io.StringIO()
    choices = _show([reply], out, tmp_path)
    assert [b.data for b in choices.values()] == ["fb:up:1"] and "Heel raise" not in out.getvalue()


def test_the_terminal_shows_a_prompt_before_each_line(tmp_path):
    import io

    from bot.terminal import PROMPT, chat

    out = io.StringIO()
    chat(io.StringIO("/help\n"), out, output_dir=tmp_path)
    assert out.getvalue().count(PROMPT) == 2  # before /help, and before the end of input

"""`ankle-bot chat`: the bot in a terminal, through the same conversation layer as Telegram.

Reads lines from stdin until EOF or /quit (works with piped input, no tty needed). Buttons are printed
as numbered choices: typing the number presses the button. Buttons that are numbers themselves (the
0-10 pain scale) keep their own number, so typing 3 answers "3", not the third button. Pictures and
files (/progress, /report) are saved in the working directory and their path is printed. One fixed
local user; the database is in memory (nothing is written to disk) unless DATABASE_URL is set.
Reminders need Telegram, so the reminder commands are not offered here.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import TextIO

from bot.config import database_path
from bot.conversation import Button, Caller, Conversation, Reply, rendered
from bot.conversation.safety import enforce
from bot.storage import MEMORY, Storage

LOCAL_USER = Caller(user_id=1, chat_id=1)
QUIT = ("/quit", "/exit")


def open_storage() -> Storage:
    url = os.environ.get("DATABASE_URL", "").strip()
    return Storage(database_path(url) if url else MEMORY)


PROMPT = "> "


def chat(stdin: TextIO, stdout: TextIO, conversation: Conversation | None = None,
         output_dir: Path | None = None) -> int:
    conversation = conversation or Conversation.create(
        open_storage(), emergency_number=os.environ.get("EMERGENCY_NUMBER", "").strip() or None)
    stdout.write("Ankle-rehab assistant (terminal). Ask a question, or try /routine, /exercises, /progress "
                 "or /help. Type a number to press a button; /quit to leave.\n\n")
    stdout.flush()
    choices: dict[str, Button] = {}
    while True:
        stdout.write(PROMPT)  # where to type (piped input shows it too, harmlessly)
        stdout.flush()
        line = stdin.readline()
        if not line:
            stdout.write("\n")
            break
        text = line.strip()
        if text.lower() in QUIT:
            break
        if not text:
            continue
        replies = _respond(conversation, text, choices)
        choices = _show(replies, stdout, output_dir or Path.cwd())
    stdout.write("Bye! Take care of that ankle.\n")
    stdout.flush()
    return 0


def _respond(conversation: Conversation, text: str, choices: dict[str, Button]) -> list[Reply]:
    if text.isdigit() and choices:
        if text in choices:
            return conversation.handle_button(LOCAL_USER, choices[text].data)
        keys = sorted(choices, key=int)
        if keys == [str(n) for n in range(1, len(keys) + 1)]:
            return [Reply(f"Pick a number from 1 to {len(keys)}, or type a question.")]
        return [Reply("Pick one of the numbers shown in [brackets], or type a question.")]
    if text.startswith("/"):
        name, *args = text[1:].split()
        return conversation.handle_command(LOCAL_USER, name.split("@", 1)[0], args)
    return conversation.handle_text(LOCAL_USER, text)


def _is_scale(row: tuple[Button, ...]) -> bool:
    """A row of number buttons (0-10 pain scores): each is pressed by typing its own number."""
    return all(button.text.isdigit() for button in row)


def _show(replies: list[Reply], stdout: TextIO, output_dir: Path) -> dict[str, Button]:
    """Print the replies; returns the buttons by the number typed to press them."""
    taken = {b.text for reply in replies for row in reply.buttons if _is_scale(row) for b in row}
    free = (str(n) for n in itertools.count(1) if str(n) not in taken)
    choices: dict[str, Button] = {}
    for reply in (rendered(enforce(r)) for r in replies):  # the safety policy has the last word
        stdout.write(reply.text.rstrip() + "\n")
        if reply.photo is not None:
            stdout.write(f"(picture saved to {_save(output_dir, 'progress.png', reply.photo)})\n")
        if reply.document is not None:
            saved = _save(output_dir, reply.document.filename, reply.document.data)
            stdout.write(f"(file saved to {saved})\n")
        for row in reply.buttons:
            if _is_scale(row):
                choices.update((button.text, button) for button in row)
                stdout.write("  " + " ".join(f"[{button.text}]" for button in row) + "\n")
                continue
            for button in row:
                key = next(free)
                choices[key] = button
                stdout.write(f"  [{key}] {button.text}\n")
        stdout.write("\n")
    stdout.flush()
    return choices


def _save(directory: Path, filename: str, data: bytes) -> Path:
    path = directory / Path(filename).name  # never write outside the directory
    path.write_bytes(data)
    return path

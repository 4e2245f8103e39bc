"""`ankle-bot chat`: the bot in a terminal, through the same conversation layer as Telegram.

Reads lines from stdin until EOF or /quit (works with piped input, no tty needed). Buttons are printed
as numbered choices: typing the number presses the button. One fixed local user; the database is in
memory (nothing is written to disk) unless DATABASE_URL is set. Reminders need Telegram, so the
reminder commands are not offered here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from bot.config import database_path
from bot.conversation import Button, Caller, Conversation, Reply
from bot.storage import MEMORY, Storage

LOCAL_USER = Caller(user_id=1, chat_id=1)
QUIT = ("/quit", "/exit")


def open_storage() -> Storage:
    url = os.environ.get("DATABASE_URL", "").strip()
    return Storage(database_path(url) if url else MEMORY)


def chat(stdin: TextIO, stdout: TextIO, conversation: Conversation | None = None,
         output_dir: Path | None = None) -> int:
    conversation = conversation or Conversation.create(
        open_storage(), emergency_number=os.environ.get("EMERGENCY_NUMBER", "").strip() or None)
    stdout.write("Ankle-rehab assistant (terminal). Ask a question, or try /routine, /exercises, /stage "
                 "or /help. Type a number to press a button; /quit to leave.\n\n")
    stdout.flush()
    choices: list[Button] = []
    for line in stdin:
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


def _respond(conversation: Conversation, text: str, choices: list[Button]) -> list[Reply]:
    if text.isdigit() and choices:
        number = int(text)
        if 1 <= number <= len(choices):
            return conversation.handle_button(LOCAL_USER, choices[number - 1].data)
        return [Reply(f"Pick a number from 1 to {len(choices)}, or type a question.")]
    if text.startswith("/"):
        name, *args = text[1:].split()
        return conversation.handle_command(LOCAL_USER, name.split("@", 1)[0], args)
    return conversation.handle_text(LOCAL_USER, text)


def _show(replies: list[Reply], stdout: TextIO, output_dir: Path) -> list[Button]:
    """Print the replies; returns the buttons, numbered in the order shown."""
    choices: list[Button] = []
    for reply in replies:
        stdout.write(reply.text.rstrip() + "\n")
        if reply.photo is not None:
            stdout.write(f"(picture saved to {_save(output_dir, 'progress.png', reply.photo)})\n")
        if reply.document is not None:
            saved = _save(output_dir, reply.document.filename, reply.document.data)
            stdout.write(f"(file saved to {saved})\n")
        for button in reply.all_buttons():
            choices.append(button)
            stdout.write(f"  [{len(choices)}] {button.text}\n")
        stdout.write("\n")
    stdout.flush()
    return choices


def _save(directory: Path, filename: str, data: bytes) -> Path:
    path = directory / Path(filename).name  # never write outside the directory
    path.write_bytes(data)
    return path

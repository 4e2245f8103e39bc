"""The platform-neutral conversation layer: text, commands and buttons in, Replies out.

Telegram (bot/telegram) and the terminal (bot/terminal.py) only translate to and from this.
"""

from .commands import COMMAND_NAMES, COMMANDS, Command
from .context import ReminderScheduler, Services
from .core import Conversation
from .replies import Button, Caller, Document, Reply, rendered

__all__ = [
    "COMMANDS",
    "COMMAND_NAMES",
    "Button",
    "Caller",
    "Command",
    "Conversation",
    "Document",
    "ReminderScheduler",
    "Reply",
    "rendered",
    "Services",
]

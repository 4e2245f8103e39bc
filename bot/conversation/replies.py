"""What the conversation layer hands to a front-end: plain data, no Telegram types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

# Telegram rejects callback data longer than 64 bytes; we hold every front-end to that limit.
MAX_BUTTON_DATA_BYTES = 64
STALE = "That button is out of date. Try /routine, /exercises or /help."


@dataclass(frozen=True)
class Caller:
    """Who wrote: a stable user id and the chat to answer in (equal in a private chat)."""

    user_id: int
    chat_id: int
    first_name: str | None = None


@dataclass(frozen=True)
class Button:
    text: str
    data: str

    def __post_init__(self) -> None:
        if not self.data or len(self.data.encode("utf-8")) > MAX_BUTTON_DATA_BYTES:
            raise ValueError(f"button data must be 1-{MAX_BUTTON_DATA_BYTES} bytes, got {self.data!r}")


# An attachment drawn only when it is shown: a chart or a PDF takes a few hundred milliseconds, which the
# Telegram front-end spends in a worker thread rather than on the event loop that serves everyone else.
Render = Callable[[], bytes]


@dataclass(frozen=True)
class Document:
    filename: str
    data: bytes | Render


@dataclass(frozen=True)
class Reply:
    """One message to show.

    buttons: rows of buttons under the message.
    photo / document: an attachment; `text` is then its caption.
    edit: replace the message whose button was pressed (a front-end without editing just shows it).
    notice: a short acknowledgement of a button press (Telegram shows it as a toast, not a message).
    level: the triage level the reply answers at; `safety.enforce` strips what that level forbids.
    drop: buttons of the pressed message that are used up now and disappear from it: callback data
        ending in ':' drops every button it begins, other data that one button (a front-end without
        editing ignores it; an `edit` reply replaces the whole message anyway).
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    photo: bytes | Render | None = None
    document: Document | None = None
    edit: bool = False
    notice: bool = False
    level: str = "none"
    drop: tuple[str, ...] = ()

    def all_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]

    @property
    def needs_rendering(self) -> bool:
        return callable(self.photo) or (self.document is not None and callable(self.document.data))


def rendered(reply: Reply) -> Reply:
    """The reply with its attachment drawn (see Render); a reply without one comes back as it is."""
    if not reply.needs_rendering:
        return reply
    photo = reply.photo() if callable(reply.photo) else reply.photo
    document = reply.document
    if document is not None and callable(document.data):
        document = Document(document.filename, document.data())
    return replace(reply, photo=photo, document=document)


def rows(buttons: list[Button], per_row: int = 2) -> tuple[tuple[Button, ...], ...]:
    """Lay buttons out `per_row` to a row, so labels stay readable on a phone."""
    return tuple(tuple(buttons[i:i + per_row]) for i in range(0, len(buttons), per_row))


# What a person typed is quoted back at most this long: a pasted page is not sent back three times.
QUOTE_LIMIT = 40


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """User input as it is quoted back in a reply: one line, cut with an ellipsis, in quotes."""
    line = " ".join(text.split())
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")


def drops(data: str, used: tuple[str, ...]) -> bool:
    """Is the button with callback `data` among the `used` ones (see Reply.drop)?"""
    return any(data.startswith(u) if u.endswith(":") else data.split(EPOCH_SEP)[0] == u for u in used)


# Buttons that act on a person's own state carry their account's token after this (see callbacks.py).
EPOCH_SEP = "~"


def button_name(name: str) -> str:
    """An exercise's name for a button, short enough for a phone (about 30 characters): the part
    before its explanation in brackets, 'Ankle alphabet (draw letters with your foot)' -> 'Ankle alphabet'."""
    return name.split(" (", 1)[0] if len(name) > BUTTON_LABEL_MAX - 2 else name


# Longer button labels are cut off on a phone.
BUTTON_LABEL_MAX = 30


def stale() -> list[Reply]:
    """The answer to a button whose data no longer parses or points at something gone."""
    return [Reply(STALE)]

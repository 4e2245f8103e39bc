"""Turn conversation Replies into Bot API calls."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.conversation import Reply
from bot.conversation.replies import drops
from bot.conversation.safety import enforce

from .markup import to_html
from .workers import drawn

log = logging.getLogger(__name__)

MAX_TEXT = 4096  # Telegram's limit for one message
MAX_CAPTION = 1024
HTML_MARGIN = 600  # room for what escaping and bold tags add to a piece of plain text
MAX_NOTICE = 200  # a callback answer (toast) is cut off beyond this
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
                                 for row in reply.buttons])


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split at paragraph, then line, then word boundaries so no piece exceeds `limit` characters."""
    text = text.strip() or "…"
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        if cut <= 0:
            cut = limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pieces.append(text)
    return pieces


async def deliver(bot: Bot, chat_id: int, replies: Sequence[Reply], *, query: CallbackQuery | None = None,
                  quote: Message | None = None) -> None:
    """Send `replies` to `chat_id`.

    query: the button press being answered: it is always acknowledged (Telegram shows a spinner until
    then), with the first notice as its toast; `edit` replies replace the pressed message.
    quote: in group chats, the message to reply to, so the answer is visibly threaded.
    """
    if query is not None:
        notice = next((r.text for r in replies if r.notice), None)
        await query.answer(text=notice[:MAX_NOTICE] if notice else None)
        used = tuple(d for r in replies for d in r.drop)
        if used and not any(r.edit for r in replies):
            await _drop_buttons(query, used)
    reply_to = ReplyParameters(quote.message_id, allow_sending_without_reply=True) if quote else None
    for reply in map(enforce, replies):  # the safety policy has the last word on every reply
        if reply.notice and query is not None:
            continue
        if reply.edit and query is not None and await _edit(query, reply):
            continue
        await send_reply(bot, chat_id, reply, reply_to)


async def _drop_buttons(query: CallbackQuery, used: tuple[str, ...]) -> None:
    """Take the used-up buttons off the pressed message, so they cannot be pressed twice."""
    message = query.message
    markup = message.reply_markup if isinstance(message, Message) else None
    if markup is None:
        return
    kept = [[b for b in row if not (isinstance(b.callback_data, str) and drops(b.callback_data, used))]
            for row in markup.inline_keyboard]
    kept = [row for row in kept if row]
    if sum(map(len, kept)) == sum(map(len, markup.inline_keyboard)):
        return
    try:
        await query.edit_message_reply_markup(InlineKeyboardMarkup(kept) if kept else None)
    except BadRequest as exc:  # too old to edit, or already changed: the reply still goes out
        log.debug("could not drop used buttons: %s", exc)


async def _edit(query: CallbackQuery, reply: Reply) -> bool:
    message = query.message
    if not isinstance(message, Message) or len(reply.text) > MAX_TEXT or reply.photo or reply.document:
        return False
    try:
        try:
            await query.edit_message_text(to_html(reply.text), reply_markup=keyboard(reply),
                                          link_preview_options=NO_PREVIEW, parse_mode=ParseMode.HTML)
        except BadRequest as exc:
            if not refused_markup(exc):
                raise
            log.warning("Telegram refused the markup, editing as plain text: %s", exc)
            await query.edit_message_text(reply.text, reply_markup=keyboard(reply),
                                          link_preview_options=NO_PREVIEW)
    except BadRequest as exc:
        # e.g. "message is not modified" or too old to edit: fall back to a new message.
        log.debug("edit failed, sending instead: %s", exc)
        return False
    return True


async def send_reply(bot: Bot, chat_id: int, reply: Reply, reply_to: ReplyParameters | None = None) -> None:
    if reply.needs_rendering:
        # Drawing a chart or a PDF takes a few hundred milliseconds: not on the loop everyone shares.
        reply = await drawn(reply)
    markup = keyboard(reply)
    if reply.photo is not None or reply.document is not None:
        caption, rest = (reply.text, "") if len(reply.text) <= MAX_CAPTION else ("", reply.text)
        if reply.photo is not None:
            await bot.send_photo(chat_id, photo=reply.photo, caption=caption or None,
                                 reply_markup=None if rest else markup, reply_parameters=reply_to)
        else:
            assert reply.document is not None
            await bot.send_document(chat_id, document=InputFile(reply.document.data,
                                                                filename=reply.document.filename),
                                    caption=caption or None, reply_markup=None if rest else markup,
                                    reply_parameters=reply_to)
        if not rest:
            return
        reply = Reply(rest, reply.buttons)
    # Split the plain text (escaping makes it longer, hence the margin), then mark each piece up.
    pieces = split_text(reply.text, MAX_TEXT - HTML_MARGIN)
    for number, piece in enumerate(pieces, start=1):
        await send_text(bot, chat_id, piece, markup if number == len(pieces) else None, reply_to)


async def send_text(bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None,
                    reply_to: ReplyParameters | None) -> None:
    """One message in HTML (bold headings, bullets; everything else escaped), or as plain text when
    Telegram refuses the markup."""
    html_text = to_html(text)
    if len(html_text) <= MAX_TEXT:
        try:
            await bot.send_message(chat_id, html_text, reply_markup=markup, parse_mode=ParseMode.HTML,
                                   link_preview_options=NO_PREVIEW, reply_parameters=reply_to)
            return
        except BadRequest as exc:
            if not refused_markup(exc):
                raise
            log.warning("Telegram refused the markup, sending plain text: %s", exc)
    await bot.send_message(chat_id, text, reply_markup=markup, link_preview_options=NO_PREVIEW,
                           reply_parameters=reply_to)


def refused_markup(exc: BadRequest) -> bool:
    """Telegram's 400 for markup it cannot read ("Can't parse entities: ...")."""
    message = str(exc).lower()
    return "parse entities" in message or "can't parse" in message or "unsupported start tag" in message

"""Telegram updates -> the conversation -> Bot API calls. All handlers are registered in one place,
`register_handlers`, in the order PTB tries them."""

from __future__ import annotations

import logging
import re

from telegram import Bot, Chat, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.conversation import COMMAND_NAMES, Caller, Conversation

from .reminders import ReminderService
from .send import deliver
from .workers import in_conversation_thread as off_loop

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side. Please try again in a moment."
_NEW_MESSAGES = filters.UpdateType.MESSAGE  # not edits, not channel posts
_EDITS = filters.UpdateType.EDITED_MESSAGE
# Attachments whose caption is read like a typed message.
_CAPTIONED = filters.CAPTION & (filters.PHOTO | filters.VIDEO | filters.Document.ALL | filters.ANIMATION)


def _caller(update: Update) -> Caller | None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    return Caller(user.id, chat.id, user.first_name)


def _is_group(chat: Chat | None) -> bool:
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def _addressed_to_bot(message: Message, username: str, bot_id: int) -> bool:
    """In a group: does the message mention the bot or reply to one of its messages?"""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    kinds = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    mentions = message.parse_entities(kinds) if message.text else message.parse_caption_entities(kinds)
    for entity, text in mentions.items():
        if entity.type == MessageEntity.MENTION and text.lower() == f"@{username}".lower():
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    return False


def _for_the_bot(message: Message, text: str, bot: Bot) -> str | None:
    """The text to answer: in a group only when addressed to the bot, with its @name taken out."""
    if not _is_group(message.chat):
        return text
    if not _addressed_to_bot(message, bot.username, bot.id):
        return None
    return re.sub(rf"@{re.escape(bot.username)}\b", " ", text, flags=re.IGNORECASE).strip()


def _quote(message: Message) -> Message | None:
    """In groups, answers quote the question so it is clear whom they are for."""
    return message if _is_group(message.chat) else None


def _non_text_kind(message: Message) -> str:
    if message.animation:  # a GIF carries a `document` too, but it is watched, not opened
        return "video"
    for kind in ("photo", "sticker", "voice", "audio", "document", "location", "contact", "poll"):
        if getattr(message, kind, None):
            return kind
    if message.video or message.video_note or message.animation:
        return "video"
    if message.venue:
        return "location"
    return "other"


def _replied_bot_text(message: Message, bot_id: int) -> str | None:
    """The text of the bot's message this one replies to (a follow-up to that answer), if any."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != bot_id:
        return None
    return replied.text or replied.caption


class TelegramFrontend:
    """Each handler reads the update, runs the conversation in a worker thread (database and engine
    off the event loop) and delivers the replies."""

    def __init__(self, conversation: Conversation, reminders: ReminderService):
        self.conversation = conversation
        self.reminders = reminders

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, caller = update.effective_message, _caller(update)
        if message is None or caller is None or not message.text:
            return
        name = message.text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
        replies = await off_loop(self.conversation.handle_command, caller, name, list(context.args or []))
        await deliver(context.bot, caller.chat_id, replies, quote=_quote(message))

    async def on_unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, caller = update.effective_message, _caller(update)
        if message is None or caller is None or not message.text:
            return
        head = message.text.split(maxsplit=1)[0]
        name, _, target = head[1:].partition("@")
        if target and target.lower() != (context.bot.username or "").lower():
            return  # a command for another bot
        if _is_group(message.chat) and not target:
            return  # in groups, unknown bare commands are probably for someone else
        replies = await off_loop(self.conversation.handle_command, caller, name, [])
        await deliver(context.bot, caller.chat_id, replies, quote=_quote(message))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, caller = update.effective_message, _caller(update)
        if message is None or caller is None or message.text is None:
            return
        text = _for_the_bot(message, message.text, context.bot)
        if text is None:
            return
        replies = await off_loop(self.conversation.handle_text, caller, text, message.message_id,
                                 _replied_bot_text(message, context.bot.id))
        await deliver(context.bot, caller.chat_id, replies, quote=_quote(message))

    async def on_caption(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo, video or file with a caption: the caption is triaged and answered like text."""
        message, caller = update.effective_message, _caller(update)
        if message is None or caller is None or message.caption is None:
            return
        caption = _for_the_bot(message, message.caption, context.bot)
        if caption is None:
            return
        replies = await off_loop(self.conversation.handle_caption, caller, _non_text_kind(message), caption,
                                 message.message_id)
        await deliver(context.bot, caller.chat_id, replies, quote=_quote(message))

    async def on_edit(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An edited text or caption: answered again, quoting it, when the edit raises the level."""
        message, caller = update.effective_message, _caller(update)
        if message is None or caller is None:
            return
        text = message.text if message.text is not None else message.caption
        if text is None or text.startswith("/"):
            return  # an edited command is not run again
        text = _for_the_bot(message, text, context.bot)
        if text is None:
            return
        replies = await off_loop(self.conversation.handle_edit, caller, text, message.message_id)
        if replies:
            await deliver(context.bot, caller.chat_id, replies, quote=message)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, caller = update.effective_message, _caller(update)
        if message is None or caller is None or _is_group(message.chat):
            return  # in groups, photos and stickers are for the people there
        replies = await off_loop(self.conversation.handle_other, caller, _non_text_kind(message))
        await deliver(context.bot, caller.chat_id, replies)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, caller = update.callback_query, _caller(update)
        if query is None or caller is None:
            return
        replies = await off_loop(self.conversation.handle_button, caller, query.data or "")
        await deliver(context.bot, caller.chat_id, replies, query=query)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if isinstance(update, Update) and isinstance(error, Forbidden) and update.effective_user:
            # The person blocked the bot while we answered: stop reminding them.
            self.reminders.deactivate_user(update.effective_user.id)
            return
        log.error("error while handling an update", exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                if update.callback_query is not None:
                    await update.callback_query.answer()
                await context.bot.send_message(update.effective_chat.id, SORRY)
            except TelegramError as exc:
                log.warning("could not send the apology: %s", exc)


def register_handlers(application: Application, frontend: TelegramFrontend) -> None:
    """Every handler, in order: known commands, other commands, buttons, text, captions, edits,
    everything else."""
    application.add_handler(CommandHandler(COMMAND_NAMES, frontend.on_command, filters=_NEW_MESSAGES))
    application.add_handler(MessageHandler(_NEW_MESSAGES & filters.COMMAND, frontend.on_unknown_command))
    application.add_handler(CallbackQueryHandler(frontend.on_button))
    application.add_handler(MessageHandler(_NEW_MESSAGES & filters.TEXT & ~filters.COMMAND, frontend.on_text))
    application.add_handler(MessageHandler(_NEW_MESSAGES & _CAPTIONED, frontend.on_caption))
    application.add_handler(MessageHandler(_EDITS & (filters.TEXT | filters.CAPTION), frontend.on_edit))
    application.add_handler(MessageHandler(_NEW_MESSAGES & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           frontend.on_other))
    application.add_error_handler(frontend.on_error)

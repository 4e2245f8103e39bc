"""The conversation: one entry point per kind of input, returning Replies. Telegram and the terminal
are thin shells around this class."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.knowledge import KnowledgeBase
from bot.storage import ReminderRow, Storage, utc_now

from . import (
    account,
    adaptation,
    answers,
    corrections,
    details,
    learn,
    pain_log,
    profile,
    progress,
    reminding,
    safety_check,
)
from . import callbacks as cb
from .commands import COMMAND_NAMES, Command, available
from .context import ReminderScheduler, Services
from .replies import Caller, Reply, quoted

log = logging.getLogger(__name__)

Handler = Callable[[Services, Caller, str], list[Reply]]

# Button prefix -> handler(services, caller, rest of the data). See callbacks.py for the scheme.
_BUTTONS: dict[str, Handler] = {
    cb.EXERCISE: learn.exercise,
    cb.CATEGORY: learn.category,
    cb.STAGE: learn.set_stage,
    cb.ROUTINE: lambda s, c, _rest: learn.routine(s, c),
    cb.DONE: learn.done,
    cb.TOPIC: answers.topic,
    cb.FEEDBACK: answers.feedback,
    cb.TIMEZONE: account.set_timezone,
    cb.REMIND: reminding.remind_button,
    cb.REMINDER: reminding.reminder_button,
    cb.SNOOZE: reminding.snooze,
    cb.FORGET: account.forget_answer,
    cb.PAIN: pain_log.pain_answer,
    cb.SETTLED: pain_log.settled_answer,
    cb.MOVE: adaptation.move_answer,
    cb.BAND: adaptation.band_answer,
    cb.FIX: corrections.fix_button,
    cb.CHECK: safety_check.button,
    cb.MORE: details.more,
    cb.PROFILE: profile.button,
}

# Command name -> handler(services, caller, args).
_COMMANDS: dict[str, Callable[[Services, Caller, list[str]], list[Reply]]] = {
    "start": lambda s, c, _a: learn.welcome(s, c),
    "help": lambda s, c, _a: learn.help_reply(s, c),
    "exercises": lambda s, c, _a: learn.catalogue(s, c),
    "routine": lambda s, c, _a: learn.routine(s, c),
    "stage": learn.stage_command,
    "log": corrections.log_or_list,
    "undo": corrections.undo_command,
    "progress": lambda s, c, _a: progress.progress_command(s, c),
    "report": lambda s, c, _a: progress.report_command(s, c),
    "band": adaptation.band_command,
    "timezone": account.timezone_command,
    "remind": reminding.remind_command,
    "reminders": lambda s, c, _a: reminding.list_reminders(s, c),
    "profile": profile.command,
    "privacy": lambda s, c, _a: account.privacy(s, c),
    "forget": lambda s, c, _a: account.forget_command(s, c),
}
assert set(_COMMANDS) == set(COMMAND_NAMES), "every listed command needs a handler"


class Conversation:
    def __init__(self, services: Services):
        self.services = services

    @classmethod
    def create(cls, storage: Storage, *, kb: KnowledgeBase | None = None,
               answer: Callable | None = None, clock: Callable[[], datetime] = utc_now,
               scheduler: ReminderScheduler | None = None,
               emergency_number: str | None = None) -> Conversation:
        """The conversation over the default knowledge base and engine unless given others."""
        from bot.engine import Engine
        from bot.knowledge import load_default

        base = kb or load_default()
        kb = base
        if emergency_number:
            kb = replace(base, red_flags=replace(base.red_flags, emergency_number=emergency_number))
        answer_for = follow_up = None
        if answer is None:
            if base is load_default():
                # The bot's engine keeps its safety net and languages when only the number changes.
                default = Engine.default()
                engine = default if kb is base else Engine(kb, default.safety_net, default.triage_source,
                                                            default.languages)
            else:
                engine = Engine(kb)
            answer, answer_for = engine.answer, engine.answer

            def follow_up(text, topic_id, alone):
                return engine.follow_up(text, topic_id, alone)
        return cls(Services(kb, storage, answer, clock, scheduler, emergency_number, answer_for, follow_up))

    @property
    def storage(self) -> Storage:
        return self.services.storage

    def commands(self) -> tuple[Command, ...]:
        """The commands this front-end offers (reminder commands only where reminders can be sent)."""
        return available(self.services.scheduler is not None)

    def handle_command(self, caller: Caller, name: str, args: list[str] | None = None) -> list[Reply]:
        # Commands missing from this front-end's menu (reminders in the terminal) still answer, to say why.
        handler = _COMMANDS.get(name.lower())
        if handler is None:
            return [Reply(f"I don't know the command {quoted('/' + name)}. /help lists what I can do.")]
        return handler(self.services, caller, list(args or []))

    def handle_text(self, caller: Caller, text: str, message_id: int | None = None,
                    replied_to: str | None = None) -> list[Reply]:
        """Typed text. message_id (where the front-end has one) lets a later edit be compared;
        replied_to: the text of the bot's answer this message replies to (a follow-up of it)."""
        return answers.answer_text(self.services, caller, text, message_id, replied_to)

    def handle_caption(self, caller: Caller, kind: str, caption: str,
                       message_id: int | None = None) -> list[Reply]:
        """A photo, video or file sent with a caption: the caption is answered like text."""
        return answers.answer_caption(self.services, caller, kind, caption, message_id)

    def handle_edit(self, caller: Caller, text: str, message_id: int) -> list[Reply]:
        """An edited message (or caption): replies only when the edit raises its triage level."""
        return answers.answer_edit(self.services, caller, text, message_id)

    def handle_button(self, caller: Caller, data: str) -> list[Reply]:
        head, epoch = cb.split_epoch(data or "")
        kind, rest = cb.split(head)
        handler = _BUTTONS.get(kind)
        if handler is None or ((epoch or kind in cb.WITH_EPOCH) and not self._same_account(caller, epoch)):
            log.info("stale or unknown button %r", data[:64] if data else data)
            return learn.stale()
        return handler(self.services, caller, rest)

    def _same_account(self, caller: Caller, epoch: str) -> bool:
        """Was the button made for the caller's account as it is now (not one deleted by /forget)?"""
        user = self.storage.get_user(caller.user_id)
        return user is not None and (not epoch or epoch == user.epoch)

    def handle_other(self, caller: Caller, kind: str) -> list[Reply]:
        """A message that is not text: photo, sticker, voice, location, document..."""
        return answers.not_text(kind)

    def reminder_message(self, reminder: ReminderRow) -> Reply:
        return reminding.reminder_message(self.services, reminder)

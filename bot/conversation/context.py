"""What the conversation handlers need, bundled once: knowledge, storage, the engine, a clock and
(in Telegram only) a reminder scheduler."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.engine import Answer
from bot.engine.facts import Known
from bot.engine.policy import escalation_text
from bot.knowledge import KnowledgeBase
from bot.reminders import local_today
from bot.storage import Storage, UserRow, utc_now

from .replies import Caller


class ReminderScheduler(Protocol):
    """The front-end's job queue. The database stays the truth; these calls keep the cache in step."""

    def schedule(self, reminder_id: int) -> None:
        """(Re)schedule the reminder from its database row (new time, days or time zone)."""

    def unschedule(self, reminder_id: int) -> None: ...

    def snooze(self, reminder_id: int, until: datetime) -> None: ...


@dataclass
class Services:
    kb: KnowledgeBase
    storage: Storage
    answer: Callable[..., Answer]  # (text, also=()) -> Answer; see Engine.answer
    clock: Callable[[], datetime] = utc_now
    scheduler: ReminderScheduler | None = None  # None: this front-end cannot send reminders
    emergency_number: str | None = None
    # The engine's answer with what is stored about the person (stage, band); None: `answer` alone.
    answer_for: Callable[[str, Known], Answer] | None = None
    # (text, the last answer's topic, the text's own answer) -> the follow-up's answer, or None.
    follow_up: Callable[[str, str, Answer], Answer | None] | None = None

    @property
    def number(self) -> str:
        return self.emergency_number or self.kb.red_flags.emergency_number

    def ask(self, text: str, user: UserRow | None) -> Answer:
        """The engine's answer to `text`, using the person's stored stage, band and injury profile
        (what the message itself states wins) where it can."""
        if self.answer_for is not None and user is not None:
            from .profile import known  # profile.py needs Services

            return self.answer_for(text, known(self, user))
        return self.answer(text)

    def user(self, caller: Caller) -> UserRow:
        return self.storage.ensure_user(caller.user_id, caller.chat_id)

    def today(self, user: UserRow) -> date:
        """The user's local date: sessions and reminders count days where the user lives."""
        return local_today(user.timezone, self.clock())

    def escalation(self, level: str) -> str | None:
        """The knowledge base's wording for a triage level (None for 'none')."""
        return escalation_text(self.kb.red_flags, level, emergency_number=self.number) or None

"""The engine's result: what a front-end needs to show, and what the evaluation reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Answer:
    triage: str  # none | routine | urgent | emergency
    topic: str | None  # a topic id, or None when unsure
    exercises: tuple[str, ...]  # exercise ids in the reply (full instructions first, then related ones)
    suggestions: tuple[str, ...]  # topic ids offered when the engine is unsure
    reply: str  # the text the user sees first: the direct answer, short (the "More" button holds the rest)
    red_flags: tuple[str, ...] = ()  # ids of the red-flag rules that fired
    more: str = ""  # the details behind "More" ('' when there are none)
    topics: tuple[str, ...] = ()  # the topic of each question answered, in order (`topic` is the first)
    subtopic: str | None = None  # the finer topic when `topic` is its parent
    facts: tuple[str, ...] = ()  # what was read from the message (bot/engine/facts.py), one line each
    followup: bool = False  # answered as a follow-up of the previous answer's topic
    # The safety check to ask before this answer (knowledge/safety_checks.yaml), or None; and its
    # questions. `triage` stays the level of the message alone; `reply` is the answer that follows it.
    check: str | None = None
    check_questions: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data = asdict(self)
        for name in ("exercises", "suggestions", "red_flags", "topics", "facts"):
            data[name] = list(getattr(self, name))
        data["check"] = self.check_json()
        del data["check_questions"]
        return data

    def check_json(self) -> dict | None:
        """The JSON contract's "check": the check's id and the questions that would be asked, or null."""
        if self.check is None:
            return None
        return {"id": self.check, "questions": list(self.check_questions)}

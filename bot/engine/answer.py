"""The engine's result: what a front-end needs to show, and what the evaluation reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Answer:
    triage: str  # none | routine | urgent | emergency
    topic: str | None  # a topic id, or None when unsure
    exercises: tuple[str, ...]  # exercise ids in the reply (full instructions first, then related ones)
    suggestions: tuple[str, ...]  # topic ids offered when the engine is unsure
    reply: str  # the text the user sees
    red_flags: tuple[str, ...] = ()  # ids of the red-flag rules that fired
    # The finer topic (knowledge/topics/*.yaml) that answered, when one did; `topic` is then its parent.
    subtopic: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["exercises"] = list(self.exercises)
        data["suggestions"] = list(self.suggestions)
        data["red_flags"] = list(self.red_flags)
        return data

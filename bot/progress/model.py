"""Plain data passed between storage, the adaptation rules, the chart and the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PAIN_MIN = 0
PAIN_MAX = 10

# Advice levels, from least to most cautious.
LEVEL_FINE = "fine"
LEVEL_ACCEPTABLE = "acceptable"
LEVEL_EASE_OFF = "ease-off"
LEVEL_SEE_PROFESSIONAL = "see-professional"
ADVICE_LEVELS = (LEVEL_FINE, LEVEL_ACCEPTABLE, LEVEL_EASE_OFF, LEVEL_SEE_PROFESSIONAL)

# Triage levels used here; the names match the bot's triage levels in red-flags.md.
TRIAGE_NONE = "none"
TRIAGE_ROUTINE = "routine"


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One completed exercise session.

    pain: 0-10 during the exercises, None if the person did not answer.
    settled: did that pain settle by the next morning; None = not asked or not answered yet.
    """

    day: date
    pain: int | None = None
    settled: bool | None = None

    def __post_init__(self) -> None:
        # Fail loudly at the boundary so a bad score never reaches the rules silently.
        if self.pain is not None and not PAIN_MIN <= self.pain <= PAIN_MAX:
            raise ValueError(f"pain must be between {PAIN_MIN} and {PAIN_MAX}, got {self.pain!r}")


@dataclass(frozen=True, slots=True)
class Advice:
    """What the adaptation rules conclude about the latest session(s)."""

    level: str  # one of ADVICE_LEVELS
    text: str  # plain-language message for the user; never a diagnosis
    hold_progression: bool  # True: do not offer the next stage or band
    triage: str  # TRIAGE_NONE or TRIAGE_ROUTINE
    source: str  # where the rule comes from, for clinician review

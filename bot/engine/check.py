"""The safety check: whether a message needs the questions a physio would ask first, and which.

Pure data and text, no Telegram, no storage. The question sets are knowledge
(`knowledge/safety_checks.yaml`); this module only says which set applies to a parsed message, and what
a set of answers adds for triage. The conversation layer asks the questions and keeps the episode
(bot/conversation/safety_check.py).

A check applies when one of its context phrases stands in the message as something happening now
(read with the same ConText modifiers as triage: "what if I twist it", "an old injury from years ago"
do not count) and the clause does not say it happened longer ago than the check's `within_days`.
The caller asks only when the message's own level is below urgent (see `Engine.answer`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.engine.context import HISTORICAL, HYPOTHETICAL, ContextReader
from bot.engine.normalise import clean, tokens
from bot.engine.parse import ParsedMessage
from bot.knowledge import SafetyCheck, SafetyQuestion

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "couple": 2, "couple of": 2,
    "several": 4, "many": 6,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# How long ago something happened, as people write it: "3 days ago", "two weeks ago", "6 weeks post op",
# "6 weeks in", "a month after", "last year".
_AGE = re.compile(
    r"\b(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple(?: of)?"
    r"|several|many) (?P<unit>day|week|month|year)s? (?:ago|back|in|post|after|since|out)\b"
    r"|\blast (?P<last>week|month|year)\b"
    r"|\b(?P<recent>today|yesterday|this morning|last night|tonight|just now|an hour ago|hours ago)\b"
)


def days_ago(clause: str) -> int | None:
    """The longest time ago a clause says something happened, in days; None when it says none."""
    ages = []
    for m in _AGE.finditer(clause):
        if m.group("recent"):
            ages.append(1)
            continue
        if m.group("last"):
            ages.append(_UNIT_DAYS[m.group("last")])
            continue
        n = m.group("n")
        count = int(n) if n.isdigit() else _NUMBERS[n]
        ages.append(count * _UNIT_DAYS[m.group("unit")])
    return max(ages) if ages else None


def _phrase_regex(phrases: Sequence[str]) -> re.Pattern | None:
    if not phrases:
        return None
    parts = sorted(phrases, key=len, reverse=True)
    return re.compile(
        r"\b(?:" + "|".join(re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p) for p in parts)
        + r")\b"
    )


class CheckFinder:
    """Which safety check (if any) a message calls for."""

    def __init__(self, checks: Sequence[SafetyCheck], context: ContextReader, negations: Sequence[str] = ()):
        self.checks = tuple(checks)
        self.context = context
        # "I didn't injure it": a context phrase with a negation just before it does not count.
        self._negation = _phrase_regex(negations)
        self._context = {c.id: _phrase_regex(c.context) for c in self.checks}
        self._not_when = {c.id: _phrase_regex(c.not_when) for c in self.checks}

    def applies(self, parsed: ParsedMessage) -> SafetyCheck | None:
        """The first check whose context the message describes as current and recent; or None."""
        clauses = _clause_texts(parsed)
        # When the clause itself says nothing of when, the rest of the message may ("rehab after a
        # sprain, I'm 6 weeks in"): too old when every time it names is.
        ages = [a for a in map(days_ago, clauses) if a is not None]
        for check in self.checks:
            regex = self._context[check.id]
            too_old = bool(ages) and min(ages) > check.within_days
            recent = bool(ages) and min(ages) <= check.within_days
            not_when = self._not_when[check.id]
            if not recent and not_when is not None and any(not_when.search(c) for c in clauses):
                continue  # "keeps giving way", "I twist them easily": long-standing, not a new problem
            if regex is not None and any(self._current(regex, clause, check, too_old) for clause in clauses):
                return check
        return None

    def _current(self, regex: re.Pattern, clause: str, check: SafetyCheck, message_too_old: bool) -> bool:
        age = days_ago(clause)
        if (age is not None and age > check.within_days) or (age is None and message_too_old):
            return False  # "sprained it 6 months ago": not the acute problem the check is for
        for m in regex.finditer(clause):
            before = clause[: m.start()]
            if self._negation is not None and self._negation.search(" ".join(before.split()[-3:])):
                continue
            # Imagined or long past: no check. A finding "about something else" still counts here
            # ("jumped off a wall and landed badly"): an unneeded question is the lesser harm.
            if self.context.modifier(before, m.group(0), clause[m.end() :]) not in (HISTORICAL, HYPOTHETICAL):
                return True
        return False


def marks_new_episode(check: SafetyCheck, text: str) -> bool:
    """True when the message marks a new injury or operation ("rolled it again", "another op")."""
    regex = _phrase_regex(check.new_episode)
    return regex is not None and regex.search(" ".join(tokens(clean(text)))) is not None


def _clause_texts(parsed: ParsedMessage) -> list[str]:
    """Each clause as typed and spell-fixed, de-duplicated, in order."""
    out: dict[str, None] = {}
    for words, fixed in zip(parsed.clauses, parsed.fixed_clauses, strict=True):
        out[" ".join(words)] = None
        out[" ".join(fixed)] = None
    return list(out)


def flagged(question: SafetyQuestion, answer: bool | None) -> bool:
    """True when the answer (True = yes, False = no, None = unclear) is, or is taken as, the worrying one.

    Unclear errs to the safer level: it counts as the worrying answer."""
    if answer is None:
        return True
    return answer == (question.flag == "yes")


def added_sentences(check: SafetyCheck, answers: Mapping[str, bool | None]) -> tuple[str, ...]:
    """What the answers given so far add to the message for triage (question id -> answer)."""
    return tuple(
        q.adds for q in check.questions if q.id in answers and flagged(q, answers[q.id])
    )


def worst_case(check: SafetyCheck) -> tuple[str, ...]:
    """The sentences every worrying answer adds: the most any set of answers can add."""
    return tuple(q.adds for q in check.questions)


def unserved(engine) -> list[str]:
    """Problems with the checks' `adds` sentences: each must fire, on its own, the rule it `serves`, at
    that rule's level (so the answer means what the data says). Empty when all do. `engine`: an Engine."""
    problems = []
    for check in engine.kb.safety_checks:
        for q in check.questions:
            result = engine.triage.assess(engine.parser.parse(q.adds))
            fired = {f.rule: f.level for f in result.fired}
            rule_level = next(r.level for r in engine.kb.red_flags.rules if r.id == q.serves)
            if fired.get(q.serves) != rule_level:
                problems.append(
                    f"safety_checks.yaml: entry '{check.id}/{q.id}', field 'adds': {q.adds!r} does not fire "
                    f"rule {q.serves!r} at {rule_level} (fired: {', '.join(sorted(fired)) or 'nothing'})"
                )
    return problems

"""Red-flag triage: which level of care a message needs. Runs first, on every message.

Rules in `knowledge/red_flags.yaml` combine *concepts* (named lists of regex patterns such as
`breathless` or `cast`): a rule fires when every concept of one of its alternatives is present.
A concept is present when one of its patterns matches inside a clause and is not negated there
("no numbness", "not swollen anymore"). Matching runs on the cleaned text and on its spell-fixed
version; a typo fix can only add matches, never remove one, so it cannot cause under-triage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.normalise import SpellFixer, clauses
from bot.engine.parse import ParsedMessage
from bot.engine.prefilter import concept_literals
from bot.knowledge import RedFlags, concept_regex_source, level_rank

# Clauses are searched together, joined by this; no concept pattern can match across it.
CLAUSE_SEPARATOR = " | "
# How many words before / after a symptom a negation word still reaches ("no real swelling").
NEGATION_WINDOW_BEFORE = 3
NEGATION_WINDOW_AFTER = 4
# A negation reaches along an "or" list: "i dont have any numbness or tingling", "no fever or chills".
NEGATION_WINDOW_LIST = 6
# An after-cue preceded by one of these denies nothing: "the numbness hasnt gone", "it wont go away",
# "the swelling never went away", "the pain has not settled".
_DOUBLE_NEGATION = re.compile(r"\b(?:wont|will not|cannot|couldnt|could not|wouldnt)\b")
# "gone" is a denial only when it ends the clause or is followed by one of these ("the swelling has gone
# down", "the tingling is gone now"); "numb and gone white" or "swollen and gone hard" describe a change.
_GONE_FOLLOWERS = frozenset({
    "away", "down", "off", "now", "completely", "totally", "entirely", "already", "today", "since",
    "yesterday", "again", "thankfully", "mostly", "nearly", "almost", "fully", "and", "after", "for", "by",
    "overnight",
})


@dataclass(frozen=True)
class TriageResult:
    level: str  # none | routine | urgent | emergency
    rules: tuple[str, ...]  # ids of the rules that fired at that level
    reasons: tuple[str, ...]  # their plain-language reasons, in the same order


class Triage:
    def __init__(self, red_flags: RedFlags, spell: SpellFixer | None = None):
        self.red_flags = red_flags
        self.spell = spell
        self._concepts = {
            name: re.compile(concept_regex_source(patterns)) for name, patterns in red_flags.concepts.items()
        }
        # Strings one of which every match of the concept contains (see prefilter.py): a concept none
        # of whose strings is in the message cannot match, and its regex is not run.
        self._literals = {name: concept_literals(patterns) for name, patterns in red_flags.concepts.items()}
        self._before = self._cue_regex(red_flags.negation_before, anchor_end=True)
        self._after = self._cue_regex(red_flags.negation_after, anchor_end=False)
        self._pseudo = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, red_flags.pseudo_negations)) + r")\b")
            if red_flags.pseudo_negations
            else None
        )
        self._rules = sorted(red_flags.rules, key=lambda r: -level_rank(r.level))
        self._alternatives = [(rule, [frozenset(alt) for alt in rule.when]) for rule in self._rules]

    @staticmethod
    def _cue_regex(cues: tuple[str, ...], anchor_end: bool) -> re.Pattern | None:
        if not cues:
            return None
        return re.compile(
            r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b"
        )

    def parse(self, text: str) -> ParsedMessage:
        """A message parsed for triage alone (the engine parses once for triage and matching)."""
        words = clauses(text)
        fixed = [self.spell.fix_all(w) for w in words] if self.spell is not None else words
        return ParsedMessage(
            text, "", tuple(map(tuple, words)), tuple(map(tuple, fixed)), (), ()
        )

    def _clauses(self, message: str | ParsedMessage) -> list[str]:
        """The message's clauses as triage reads them: raw and spell-fixed, pseudo-negations removed."""
        parsed = message if isinstance(message, ParsedMessage) else self.parse(message)
        variants: dict[str, None] = {}  # ordered and de-duplicated: pasted text repeats itself
        for words, fixed in zip(parsed.clauses, parsed.fixed_clauses, strict=True):
            variants[" ".join(words)] = None
            variants[" ".join(fixed)] = None
        if self._pseudo is None:
            return list(variants)
        # "not sure if", "no idea why": they look like negations but deny nothing.
        return [self._pseudo.sub(" ", clause) for clause in variants]

    def concepts_present(self, text: str | ParsedMessage) -> set[str]:
        """The concepts the message affirms. One search per concept over all clauses at once (patterns
        cannot cross the separator, see knowledge.py); negation is checked only where a pattern hit."""
        joined = CLAUSE_SEPARATOR.join(self._clauses(text))
        present = set()
        literals = self._literals
        for name, regex in self._concepts.items():
            required = literals[name]
            if required is not None and not any(s in joined for s in required):
                continue
            if regex.search(joined) and self._has_affirmed_match(regex, joined):
                present.add(name)
        return present

    def _has_affirmed_match(self, regex: re.Pattern, joined: str) -> bool:
        for match in regex.finditer(joined):
            # The negation scope is the clause the match stands in.
            start = joined.rfind(CLAUSE_SEPARATOR, 0, match.start()) + 1
            end = joined.find(CLAUSE_SEPARATOR, match.end())
            clause_before = joined[start : match.start()].split()
            before = clause_before[-NEGATION_WINDOW_BEFORE:]
            if "or" in before:
                before = clause_before[-NEGATION_WINDOW_LIST:]
            after = joined[match.end() : end if end >= 0 else None].split()
            negated = (self._before is not None and self._before.search(" ".join(before))) or (
                self._after_negates(after)
            )
            if not negated:
                return True
        return False

    def _after_negates(self, rest: list[str]) -> bool:
        """True when a cue in the few words after a symptom denies it ("the numbness has gone")."""
        if self._after is None:
            return False
        text = " ".join(rest[:NEGATION_WINDOW_AFTER])
        for cue in self._after.finditer(text):
            lead = " ".join(text[: cue.start()].split()[-2:])
            if _DOUBLE_NEGATION.search(lead) or (self._before is not None and self._before.search(lead)):
                continue  # "hasnt gone", "did not go away", "still not settled": the symptom is there
            if cue.group(0) == "gone":
                follower = " ".join(rest)[cue.end() :].split()[:1]
                if follower and follower[0] not in _GONE_FOLLOWERS:
                    continue  # "gone white", "gone numb": a change, not a denial
            return True
        return False

    def assess(self, text: str | ParsedMessage) -> TriageResult:
        present = self.concepts_present(text)
        fired = [rule for rule, alts in self._alternatives if any(alt <= present for alt in alts)]
        if not fired:
            return TriageResult("none", (), ())
        # The reply speaks for the most severe level only; milder reasons would blur its message.
        fired = [rule for rule in fired if rule.level == fired[0].level]
        reasons: list[str] = []
        for rule in fired:
            if rule.reason not in reasons:
                reasons.append(rule.reason)
        return TriageResult(fired[0].level, tuple(r.id for r in fired), tuple(reasons))

"""Red-flag triage: which level of care a message needs. Runs first, on every message.

Rules in `knowledge/red_flags.yaml` combine *concepts* (such as `breathless` or `cast`): a rule fires
when every concept of one of its alternatives is present. A concept is found by its regex patterns
and by the vocabulary's findings for it (`knowledge/vocabulary.yaml`, vocabulary.py), inside a clause.
Each finding then gets its context: negated ("no numbness") and about something else ("my phone is
broken") findings drop out; historical, resolved and hypothetical ones (context.py) change what a rule
that fires on them means: one step lower, or advice for when it happens (see `assess`). Matching runs
on the clauses as typed and as spell-fixed; a typo fix can only add matches, never remove one, so it
cannot cause under-triage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from bot.engine.context import CURRENT, HISTORICAL, HYPOTHETICAL, RESOLVED, SOMETHING_ELSE, ContextReader
from bot.engine.normalise import SpellFixer, clauses
from bot.engine.parse import ParsedMessage
from bot.engine.prefilter import PatternGates, TextIndex, required_sets_all, stays_in_clause_all
from bot.engine.vocabulary import FindingMatcher
from bot.knowledge import Context, RedFlagRule, RedFlags, Vocabulary, concept_regex_source, level_rank

# Clauses are searched together, joined by this; no concept pattern can match across it.
CLAUSE_SEPARATOR = " | "
_WORDS = re.compile(r"\S+")
# From this length of joined clauses on, a pattern is searched only in the clauses that may hold a match
# (see _ClauseWindows).
WINDOWS_FROM_CHARS = 160
# Compiled regexes of some of a concept's patterns (those that can match a message), kept for reuse.
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
class Finding:
    concept: str  # a concept of red_flags.yaml
    modifier: str  # current | historical | hypothetical | resolved (see context.py)
    text: str  # the words that matched
    # The context as written, before a risk factor counts as current whatever its time ("broke it years
    # ago": a risk factor now, but said as historical).
    said: str = CURRENT


@dataclass(frozen=True)
class Conditional:
    """Advice for a red flag the message only imagines ("what if my calf swells on the flight?")."""

    level: str  # the level the rule has when it really happens
    rule: str
    reason: str


@dataclass(frozen=True)
class FiredRule:
    rule: str
    rule_level: str  # the level the rule has (red_flags.yaml)
    level: str  # the level it stands for in this message (lower for past or imagined findings)
    how: str  # on what kind of findings it fired
    concepts: tuple[str, ...]  # the alternative of its `when` that was met


@dataclass(frozen=True)
class TriageResult:
    level: str  # none | routine | urgent | emergency
    rules: tuple[str, ...]  # ids of the rules that fired at that level
    reasons: tuple[str, ...]  # their plain-language reasons, in the same order
    findings: tuple[Finding, ...] = ()  # what was found, with its context (for `kb explain`)
    # Rules that fired only on past or passed findings, each lowered one step: (rule id, its own level).
    lowered: tuple[tuple[str, str], ...] = ()
    conditional: tuple[Conditional, ...] = ()  # rules that fired only on imagined findings
    fired: tuple[FiredRule, ...] = ()  # every rule that fired, at any level (for `kb explain`)


class _ClauseWindows:
    """Where in the joined clauses a pattern that stays in its clause can match: the runs of clauses
    that contain one of the texts every match of it contains (clause sets are bit masks, a bit a clause).

    Regexes starting at a word boundary give `re` no literal prefix to skip ahead with, so a search
    costs about the same at every character; a long message's few clauses about the calf are a small
    part of it. A window starts where its first clause starts (`re` still sees the text before it, so
    lookbehinds and boundaries read the same) and stops one character after its last clause, on the
    separator's space: past it comes the "|" that such a pattern can neither match nor look across,
    so the end of the window reads as the full text does there."""

    def __init__(self, clauses: list[str], joined: str):
        self.joined = joined
        self.starts: list[int] = []
        self.ends: list[int] = []
        at = 0
        for clause in clauses:
            self.starts.append(at)
            at += len(clause)
            self.ends.append(at)
            at += len(CLAUSE_SEPARATOR)
        # A clause with a "|" of its own (none is expected) would break the reasoning: search it all.
        # So is a short text: finding the clauses would cost more than the search it saves.
        self.usable = len(joined) >= WINDOWS_FROM_CHARS and not any("|" in clause for clause in clauses)
        self._whole = [(0, len(joined))]
        self._by_text: dict[str, int] = {}  # text -> mask of the clauses that contain it
        self._by_group: dict[frozenset[str], int] = {}  # texts -> mask of the clauses holding one

    def around(self, texts: frozenset[str] | None) -> list[tuple[int, int]]:
        """(start, stop) windows to search, in order, for a pattern every match of which contains one
        of the texts; the whole text when nothing narrows it."""
        if texts is None or not self.usable:
            return self._whole
        held = self._holding_one(texts)
        windows: list[tuple[int, int]] = []
        previous = -2
        clause = 0
        while held > 0:
            if held & 1:
                stop = min(self.ends[clause] + 1, len(self.joined))
                if clause == previous + 1:
                    windows[-1] = (windows[-1][0], stop)  # clauses side by side: one window
                else:
                    windows.append((self.starts[clause], stop))
                previous = clause
            held >>= 1
            clause += 1
        return windows

    def _holding_one(self, texts: frozenset[str]) -> int:
        mask = self._by_group.get(texts)
        if mask is None:
            mask = 0
            for text in texts:
                mask |= self._holding(text)
            self._by_group[texts] = mask
        return mask

    def _holding(self, text: str) -> int:
        mask = self._by_text.get(text)
        if mask is None:
            mask = 0
            at = self.joined.find(text)
            while at >= 0:
                clause = bisect_right(self.starts, at) - 1
                mask |= 1 << clause
                at = self.joined.find(text, self.ends[clause])  # on to the next clause
            self._by_text[text] = mask
        return mask


def _merge(found: list[Finding]) -> list[Finding]:
    """One finding per concept: the first current one, else the first one (a concept can also be found
    under another's name: exertion reads "breathless" as "breath_effort")."""
    by_concept: dict[str, Finding] = {}
    for finding in found:
        known = by_concept.get(finding.concept)
        if known is None or (finding.modifier == CURRENT and known.modifier != CURRENT):
            by_concept[finding.concept] = finding
    return list(by_concept.values())


# How far a rule that fired only on historical or resolved findings drops (at most one step).
_ONE_STEP_DOWN = {"emergency": "urgent", "urgent": "routine", "routine": "routine"}
# Said after the reason of a rule that fired on past or passed findings only, by the rule's own level.
_LOWERED_NOTE = {
    "emergency": " Even when it has passed, it needs a check today.",
    "urgent": " As it was in the past, please mention it to your physio or doctor.",
}
# What an imagined emergency or urgent problem makes of the reply: see the physio or doctor, and what
# to do if it happens.
HYPOTHETICAL_LEVEL = "routine"


class Triage:
    def __init__(
        self,
        red_flags: RedFlags,
        spell: SpellFixer | None = None,
        context: Context | None = None,
        vocabulary: Vocabulary | None = None,
    ):
        self.red_flags = red_flags
        self.spell = spell
        self.context = ContextReader(context)
        self._risk_factors = frozenset(context.risk_factors) if context is not None else frozenset()
        # Each concept is searched by its patterns, and apart from them by the vocabulary's findings
        # for it (vocabulary.py). Found apart, a vocabulary finding can only add to what the patterns
        # find, never take the place of one of their matches.
        searches = dict(red_flags.concepts)
        self._concept_of = {name: name for name in searches}
        self._vocabulary = FindingMatcher(vocabulary) if vocabulary is not None else None
        # For each pattern, conditions one of which every match meets (see prefilter.py): a concept is
        # searched with only the patterns that can match the message, or not at all.
        every = [(key, pattern) for key, found in searches.items() for pattern in found]
        conditions = iter(required_sets_all([pattern for _, pattern in every]))
        self._patterns = {
            key: tuple((pattern, next(conditions)) for pattern in found) for key, found in searches.items()
        }
        # Each pattern compiled once, when a message first lets it through (most never are: compiling
        # them all would double the start).
        self._pattern_sources = {key: tuple(found) for key, found in searches.items()}
        self._pattern_regexes: dict[str, list[re.Pattern | None]] = {
            key: [None] * len(found) for key, found in searches.items()
        }
        # For each pattern that cannot reach past a clause (prefilter.stays_in_clause), the texts of its
        # most selective condition set: every match contains one of them, so the pattern is searched
        # only in the clauses holding one (the other sets would narrow it further, but finding their
        # texts costs more than the search they save). None: the pattern is searched in every clause.
        inside = iter(stays_in_clause_all([pattern for _, pattern in every]))
        self._clause_texts = {
            key: tuple(
                frozenset(text for _, text in conditions[0]) if next(inside) and conditions else None
                for _, conditions in patterns
            )
            for key, patterns in self._patterns.items()
        }
        # The same, inverted: which patterns each condition lets through, and the patterns that always run.
        self._gates = PatternGates(
            (name, i, conditions)
            for name, patterns in self._patterns.items()
            for i, (_, conditions) in enumerate(patterns)
        )
        self._before = self._cue_regex(red_flags.negation_before, anchor_end=True)
        self._just_before = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, red_flags.negation_just_before)) + r")\s*$")
            if red_flags.negation_just_before
            else None
        )
        self._after = self._cue_regex(red_flags.negation_after, anchor_end=False)
        self._pseudo = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, red_flags.pseudo_negations)) + r")\b")
            if red_flags.pseudo_negations
            else None
        )
        self._rules = sorted(red_flags.rules, key=lambda r: -level_rank(r.level))  # stable: file order
        self._alternatives = [(rule, [frozenset(alt) for alt in rule.when]) for rule in self._rules]
        # Each rule's concepts together: a rule none of whose concepts was found cannot fire.
        self._rule_concepts = [frozenset().union(*alts) for _, alts in self._alternatives]

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
        """The concepts the message affirms as current (or as a risk factor, whatever their time)."""
        return {f.concept for f in self.findings(text) if f.modifier == CURRENT}

    def findings(self, text: str | ParsedMessage) -> list[Finding]:
        """Each concept the message mentions and does not deny, with the strongest context it has.

        One search per concept over all clauses at once (patterns cannot cross the separator, see
        knowledge.py); negation and context are read only where a pattern hit."""
        clauses = self._clauses(text)
        joined = CLAUSE_SEPARATOR.join(clauses)
        possible = self._gates.open_for(TextIndex.of(joined))
        windows = _ClauseWindows(clauses, joined)
        found = []
        for key in self._pattern_regexes:  # in file order, so findings come out in a stable order
            if key not in possible:
                continue
            spans = self._matches(key, possible[key], joined, windows)
            if spans:
                found += self._findings_at(self._concept_of[key], spans, joined)
        if self._vocabulary is not None:
            found += self._vocabulary_findings(joined)
        return _merge(found)

    def _vocabulary_findings(self, joined: str) -> list[Finding]:
        words = list(_WORDS.finditer(joined))
        by_concept: dict[str, list[tuple[int, int, str]]] = {}
        for concept, first, end in self._vocabulary.spans([w.group(0) for w in words]):
            start, stop = words[first].start(), words[end - 1].end()
            by_concept.setdefault(concept, []).append((start, stop, joined[start:stop]))
        found = []
        for concept, spans in by_concept.items():
            found += self._findings_at(concept, sorted(spans), joined)
        return found

    def _matches(self, name: str, possible, joined: str, windows: _ClauseWindows | None = None
                 ) -> list[tuple[int, int, str]]:
        """The concept's matches among only the patterns that can match the text: leftmost first, not
        overlapping, the earlier pattern winning at one place (as one alternation of them would)."""
        regexes = self._pattern_regexes[name]
        for i in possible:
            if regexes[i] is None:
                regexes[i] = re.compile(concept_regex_source([self._pattern_sources[name][i]]))
        texts = self._clause_texts[name]
        hits = sorted(
            (m.start(), i, m.end(), m.group(0))
            for i in possible
            for start, stop in (windows.around(texts[i]) if windows is not None else ((0, len(joined)),))
            for m in regexes[i].finditer(joined, start, stop)
        )
        spans, reached = [], -1
        for start, _, end, matched in hits:
            if start >= reached:
                spans.append((start, end, matched))
                reached = max(end, start + 1)
        return spans

    def _findings_at(self, name: str, spans, joined: str) -> list[Finding]:
        """The concept's findings at (start, end, text) spans of the joined clauses, one per concept it is
        read as (see `_merge`)."""
        found: list[Finding] = []
        for match_start, match_end, matched in spans:
            # The negation scope is the clause the match stands in.
            start = joined.rfind(CLAUSE_SEPARATOR, 0, match_start) + 1
            end = joined.find(CLAUSE_SEPARATOR, match_end)
            before_text = joined[start:match_start]
            after_text = joined[match_end : end if end >= 0 else None]
            clause_before = before_text.split()
            before = clause_before[-NEGATION_WINDOW_BEFORE:]
            if "or" in before:
                before = clause_before[-NEGATION_WINDOW_LIST:]
            after = after_text.split()
            if self._before is not None and self._before.search(" ".join(before)):
                continue  # "no numbness"
            if self._just_before is not None and self._just_before.search(before_text):
                continue  # "nothing broken" (but "nothing helps, my foot is white")
            next_clause = self._next_clause(joined, end) if end >= 0 else ""
            if self._after_negates(after):
                # "the numbness has gone": it was there and has passed (unless it keeps coming back).
                modifier = CURRENT if self.context.recurs(f"{before_text} {after_text}") else RESOLVED
            else:
                modifier = self.context.modifier(before_text, matched, after_text,
                                                 event=name in self._risk_factors)
                if (modifier == CURRENT and next_clause and self.context.resolves(next_clause)
                        and not self.context.recurs(self._following(joined, end, 3))):
                    # "i had chest pain after the op, but its gone now" (and not "...but it keeps coming
                    # back" in the clauses after).
                    modifier = RESOLVED
            if modifier == SOMETHING_ELSE:
                continue  # "my phone is broken"
            concept = name
            nearby = ""
            if name in self.context.explainable:  # the clauses around it, only where they can matter
                around = (self._previous_clause(joined, start), before_text, matched, after_text,
                          self._following(joined, end, 2))
                nearby = " ".join(" ".join(around).split())  # phrases match single spaces only
            if nearby and self.context.harmless(name, nearby, joined):
                continue  # "my toes looked blue: the dye from my new socks", "raynauds, my gp knows"
            if nearby and modifier == CURRENT and self.context.told_as_past(name, nearby, joined):
                modifier = HISTORICAL  # "Achilles rupture at 47, surgery, 9 months of rehab"
            if name in self.context.exertion_reads_as and self.context.exertion(nearby):
                # "breathless after sprint intervals": the effort of hard exercise, not a red flag alone.
                concept = self.context.exertion_reads_as[name]
            said = modifier
            if concept in self._risk_factors and modifier in (HISTORICAL, RESOLVED, HYPOTHETICAL):
                modifier = CURRENT  # a past clot, fracture or operation is a risk factor now
            found.append(Finding(concept, modifier, matched, said))
        return found

    @staticmethod
    def _previous_clause(joined: str, start: int) -> str:
        """The text of up to two clauses before the clause at `start` ("did sprint intervals |
        totally breathless"); two, because a spell-fixed clause stands next to its raw one."""
        stop = joined.rfind(CLAUSE_SEPARATOR, 0, start + len(CLAUSE_SEPARATOR))
        if stop < 0:
            return ""
        begin = stop
        for _ in range(2):
            found = joined.rfind(CLAUSE_SEPARATOR, 0, begin)
            if found < 0:
                return joined[:stop]
            begin = found
        return joined[begin + len(CLAUSE_SEPARATOR) : stop]

    @staticmethod
    def _following(joined: str, end: int, clauses: int) -> str:
        """The text of up to `clauses` clauses after the separator at `end`."""
        stop = end
        for _ in range(clauses):
            found = joined.find(CLAUSE_SEPARATOR, stop + len(CLAUSE_SEPARATOR))
            if found < 0:
                return joined[end:]
            stop = found
        return joined[end:stop]

    @staticmethod
    def _next_clause(joined: str, end: int) -> str:
        start = end + len(CLAUSE_SEPARATOR)
        stop = joined.find(CLAUSE_SEPARATOR, start)
        return joined[start : stop if stop >= 0 else None]

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
        findings = tuple(self.findings(text))
        current = {f.concept for f in findings if f.modifier == CURRENT}
        past = current | {f.concept for f in findings if f.modifier == HISTORICAL}
        # A passed emergency-class finding still needs a same-day check; a milder one that has passed
        # ("the swelling has gone down") is not a red flag any more.
        passed = past | {f.concept for f in findings if f.modifier == RESOLVED}
        imagined = current | {f.concept for f in findings if f.modifier == HYPOTHETICAL}

        def first(alts, present) -> tuple[str, ...] | None:
            return next((alt for alt in alts if alt <= present), None)

        decided: list[tuple[str, RedFlagRule]] = []  # (level it stands for here, rule)
        lowered: list[tuple[str, str]] = []
        conditional: list[Conditional] = []
        fired_rules: list[FiredRule] = []
        found = imagined | passed
        for (rule, alts), concepts in zip(self._alternatives, self._rule_concepts, strict=True):
            if concepts.isdisjoint(found):
                continue
            if (alt := first(alts, current)) is not None:
                level, how = rule.level, "current findings"
            elif (alt := first(alts, past) or (first(alts, passed) if rule.level == "emergency" else None)):
                level, how = _ONE_STEP_DOWN[rule.level], "past or passed findings: one step lower"
                lowered.append((rule.id, rule.level))
            elif (alt := first(alts, imagined)) is not None:
                if level_rank(rule.level) >= level_rank("urgent"):
                    level, how = HYPOTHETICAL_LEVEL, "imagined findings: advice for when it happens"
                    conditional.append(Conditional(rule.level, rule.id, rule.reason))
                else:
                    level, how = rule.level, "imagined findings"
            else:
                continue
            decided.append((level, rule))
            fired_rules.append(FiredRule(rule.id, rule.level, level, how, tuple(sorted(alt))))
        if not decided:
            return TriageResult("none", (), (), findings)
        fired_all = tuple(fired_rules)
        # The reply speaks for the most severe level only; milder reasons would blur its message.
        level = max((lvl for lvl, _ in decided), key=level_rank)
        fired = [rule for lvl, rule in decided if lvl == level]
        reasons: list[str] = []
        imagined_rules = {c.rule for c in conditional}
        lowered_from = dict(lowered)
        for rule in fired:
            # An imagined red flag is explained by its "if it happens" line (compose), not as a reason.
            if rule.id in imagined_rules:
                continue
            # A lowered rule's reason speaks of its own level; say why this reply is one step lower.
            reason = rule.reason + _LOWERED_NOTE.get(lowered_from.get(rule.id, ""), "")
            if reason not in reasons:
                reasons.append(reason)
        return TriageResult(
            level, tuple(r.id for r in fired), tuple(reasons), findings, tuple(lowered), tuple(conditional),
            fired_all,
        )

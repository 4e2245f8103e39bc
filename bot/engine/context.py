"""Context modifiers for red-flag findings, after the ConText algorithm (Harkema et al. 2009).

A trigger phrase ("years ago", "what if", "for a minute") modifies a finding that stands inside its
scope: from the trigger in its direction to the end of the clause, or to a terminator word ("now",
"again", "started") if one comes first. The rules are data (`knowledge/context.yaml`); this module only
applies them. Negation stays where it was (triage.py), as it has its own finer rules.

This is a small own implementation rather than medspaCy: a spaCy pipeline costs more per message than
the whole 2 ms budget, and the engine already has its clauses and words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from bot.knowledge import Context

CURRENT = "current"
HISTORICAL = "historical"
HYPOTHETICAL = "hypothetical"
RESOLVED = "resolved"
SOMETHING_ELSE = "something else"
STORIES = "stories"  # context.yaml's name for a film, book or leaflet: read as SOMETHING_ELSE
# "is it fine now", "will it be ok": a question, whatever words follow.
_ASKING = frozenset("is are was were will would does do did can could should".split())
_SUBJECTS = frozenset("it that this she he they the my his her its".split())
# A clause that says a finding has passed is short: "but its gone now", not a new story.
MAX_RESOLVING_WORDS = 6
# ...or opens with the phrase and tells how it passed, in a short clause.
MAX_RESOLVING_CLAUSE_WORDS = 12


# Placeholders a trigger phrase may hold (context.yaml): "{year}" is a year at least two years back (so
# "in 2015" is history, "in 2025" may be this rehab), "{number}" a number of one or two digits.
YEARS_BACK = 2


@functools.lru_cache(maxsize=4)  # the same for every phrase of a day: ~1,500 phrases are built at start
def _past_years(today: date) -> str:
    last = today.year - YEARS_BACK
    return "(?:" + "|".join(str(y) for y in range(last, 1929, -1)) + ")"


def _phrase_regex(phrase: str, today: date) -> str:
    return (
        re.escape(phrase)
        .replace(r"\{year\}", _past_years(today))
        .replace(r"\{number\}", r"\d{1,2}")
        .replace("colour", "colou?r")  # the cleaned text spells it "color"
    )


class _LazyRegex:
    """A regex compiled when it is first used. Compiling the ~70 phrase lists (1,500 phrases) was a
    tenth of the engine's start, and most messages name no finding, so most of them are never read."""

    __slots__ = ("_source", "_regex")

    def __init__(self, source: str):
        self._source = source
        self._regex: re.Pattern | None = None

    def _compiled(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(self._source)
        return self._regex

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        return self._compiled().search(text, pos)

    def match(self, text: str) -> re.Match | None:
        return self._compiled().match(text)

    def finditer(self, text: str):
        return self._compiled().finditer(text)


def _phrases(phrases, today: date | None = None) -> _LazyRegex | None:
    if not phrases:
        return None
    today = today or date.today()
    alternatives = "|".join(_phrase_regex(p, today) for p in sorted(set(phrases), key=len, reverse=True))
    return _LazyRegex(r"\b(?:" + alternatives + r")\b")


@dataclass(frozen=True)
class _Modifier:
    name: str
    direction: str
    triggers: _LazyRegex
    max_after: int | None
    max_after_events: int | None = None


@dataclass(frozen=True)
class _Explanation:
    """A cause named near a finding that explains it ("sat cross legged", "in the snow ... warmed up")."""

    concepts: frozenset[str]
    causes: _LazyRegex | None
    needs: _LazyRegex | None  # one of these must be said too; None: nothing more
    needs_too: _LazyRegex | None  # and one of these; None: nothing more
    unless: _LazyRegex | None
    near_a_cast: bool  # applies near a cast, boot or operation too
    anywhere: bool = False  # read in the whole message, not only the clauses around the finding
    past: bool = False  # tells the finding as past (historical), rather than explaining it away

    def explains(self, nearby: str, message: str = "") -> bool:
        text = message if self.anywhere and message else nearby
        return (
            self.causes is not None
            and self.causes.search(text) is not None
            and (self.needs is None or self.needs.search(text) is not None)
            and (self.needs_too is None or self.needs_too.search(text) is not None)
            and (self.unless is None
                 or all(_negated_before(text, m.start()) for m in self.unless.finditer(text)))
        )


# "no pain, no numbness": a word that rules a cause out, denied, does not rule it out.
# Only right before it: "no, it stays cold" must still rule the cause out.
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|without|never|nor|isnt|arent|wasnt|dont|doesnt|didnt|hasnt|havent)\s+$")


def _negated_before(text: str, start: int) -> bool:
    return _NEGATION_BEFORE.search(text[max(0, start - 30):start]) is not None


class ContextReader:
    """Decides, for one finding in its clause, which modifier applies (or `CURRENT`)."""

    def __init__(self, context: Context | None):
        self._modifiers: list[_Modifier] = []
        self._terminators = None
        self._nouns = self._body = self._breakable = None
        self._breaking: frozenset[str] = frozenset()
        self._window = 3
        self._resolving = self._exertion = self._recurring = None
        self.exertion_reads_as: dict[str, str] = {}
        self.harmless_concepts: frozenset[str] = frozenset()
        self.explainable: frozenset[str] = frozenset()
        self._colour_concepts: frozenset[str] = frozenset()
        self._improving_concepts: frozenset[str] = frozenset()
        self._improving = self._not_improving = None
        self._on_the_skin = None
        self._explanations_of: dict[str, tuple[_Explanation, ...]] = {}  # concept -> what may explain it
        self._told_as_past: dict[str, tuple[_Explanation, ...]] = {}  # concept -> what says it is past
        self._long_standing = self._not_harmless = self._not_long_standing = None
        self.thing_words: frozenset[str] = frozenset()
        if context is None:
            return
        # Checked in this order; the first that applies wins: a hypothetical about a past event is
        # still a hypothetical, and a finding that has passed is resolved even if it was long ago.
        for name in (STORIES, HYPOTHETICAL, RESOLVED, HISTORICAL):
            triggers = context.modifiers.get(name)
            if triggers is not None and (regex := _phrases(triggers.triggers)) is not None:
                self._modifiers.append(_Modifier(name, triggers.direction, regex, triggers.max_after,
                                                 triggers.max_after_events))
        self._terminators = _phrases(context.terminators)
        self._nouns = _phrases(context.something_else_nouns)
        self._breakable = _phrases(context.breakable_things)
        self._breaking = frozenset(context.breaking_words)
        self._body = _phrases(context.body_words)
        self._window = context.something_else_window
        resolving = sorted(set(context.resolving_clauses), key=len, reverse=True)
        self._resolving = (
            # "but its gone now", "she's all healed now": the words that may open the clause.
            _LazyRegex(r"(?:(?:but|and|then|though|now|its|it|has|been|was|shes|hes|she|he|im|i|is|am|they|"
                       r"theyre|are)\s+)*(?:"
                       + "|".join(_phrase_regex(p, date.today()) for p in resolving) + r")(?=\s|$)")
            if resolving
            else None
        )
        self._exertion = _phrases(context.exertion_triggers)
        self._recurring = _phrases(context.recurring)
        self.thing_words = frozenset(context.something_else_words) | self._breaking
        self.exertion_reads_as = dict(context.exertion_reads_as)
        self.harmless_concepts = frozenset(context.harmless_concepts)
        self._long_standing = _phrases(context.harmless_long_standing)
        self._not_harmless = _phrases(context.harmless_not_with)
        self._not_long_standing = _phrases(context.harmless_not_long_standing_with)
        self._colour_concepts = frozenset(context.colour_concepts)
        self._improving_concepts = frozenset(context.improving_concepts)
        self._improving = _phrases(context.improving_words)
        self._not_improving = _phrases(context.not_improving_words)
        self._on_the_skin = _phrases(context.colour_on_the_skin)
        explained_by = [
            _Explanation(frozenset(c.concepts), _phrases(c.causes), _phrases(c.needs), _phrases(c.needs_too),
                         _phrases(c.unless), c.near_a_cast, c.anywhere, c.past)
            for c in context.explained_by
        ]
        for concept in {c for e in explained_by for c in e.concepts}:
            covering = [e for e in explained_by if concept in e.concepts]
            self._explanations_of[concept] = tuple(e for e in covering if not e.past)
            self._told_as_past[concept] = tuple(e for e in covering if e.past)
        # The concepts whose surrounding clauses something here reads (harmless(), exertion()).
        self.explainable = (self.harmless_concepts | self._colour_concepts | self._improving_concepts
                            | frozenset(self._explanations_of) | frozenset(self.exertion_reads_as))

    def resolves(self, next_clause: str) -> bool:
        """True when the clause after a finding says it has passed: only that ("but its gone now"), or
        opening with it and saying how ("went away after a minute when i stood up"), as long as the
        clause does not bring it back ("went away but keeps coming back")."""
        words = next_clause.split()
        if self._resolving is None or not words:
            return False
        if len(words) > 1 and words[0] in _ASKING and words[1] in _SUBJECTS:
            return False  # "is it fine now that its back in?" asks; it does not say so
        text = " ".join(words)
        opening = self._resolving.match(text)
        if opening is None:
            return False
        if opening.end() == len(text):
            return len(words) <= MAX_RESOLVING_WORDS
        if opening.group(0).endswith("gone"):
            return False  # "its gone soft there", "gone white": a change, not a recovery
        return len(words) <= MAX_RESOLVING_CLAUSE_WORDS and not self.recurs(text)

    def harmless(self, concept: str, nearby: str, message: str = "") -> bool:
        """True when a finding has a harmless explanation in the clauses around it: a colour that is on
        the skin ("the dye from my new socks"); a lasting symptom in a message that says it is getting
        better; a colour, cold or nerve finding of a long-standing condition the person's doctor knows
        ("raynauds, always been like that, my gp knows"), unchanged, never near a cast, boot or
        operation; or one of context.yaml's `explained_by` causes ("laces too tight", "in the snow ...
        warmed up", "the smell when they cut the cast off"). (A finding that passed is `RESOLVED`,
        whatever its cause: an emergency-class one still needs a same-day check.)"""
        if (concept in self._colour_concepts and self._on_the_skin is not None
                and self._on_the_skin.search(nearby) is not None):
            return True
        if (concept in self._improving_concepts and self._improving is not None
                and self._improving.search(nearby) is not None):
            # "3 months on, a bit puffy after a long hike but getting better": not "not improving".
            return self._not_improving is None or self._not_improving.search(nearby) is None
        explanations = self._explanations_of.get(concept, ())
        if concept not in self.harmless_concepts and not explanations:
            return False
        if any(e.explains(nearby, message) for e in explanations if e.near_a_cast):
            return True
        if self._not_harmless is not None and self._not_harmless.search(nearby):
            return False
        if any(e.explains(nearby, message) for e in explanations if not e.near_a_cast):
            return True
        return concept in self.harmless_concepts and (
            self._long_standing is not None
            and self._long_standing.search(nearby) is not None
            and (self._not_long_standing is None or self._not_long_standing.search(nearby) is None)
        )

    def told_as_past(self, concept: str, nearby: str, message: str = "") -> bool:
        """True when an `explained_by` cause marked `past` says the finding is an injury already treated
        ("Achilles rupture at 47, surgery, 9 months of rehab"): historical, one step lower, never dropped."""
        return any(e.explains(nearby, message) for e in self._told_as_past.get(concept, ()))

    def exertion(self, clause: str) -> bool:
        """True when the clause names hard exercise ("breathless after sprint intervals")."""
        return self._exertion is not None and self._exertion.search(clause) is not None

    def modifier(self, before: str, matched: str, after: str, event: bool = False) -> str:
        """The modifier of a finding: `matched`, with `before` and `after` the rest of its clause. An
        `event` (a fracture, a cast, an operation) is told in the past tense, so a time after it reaches it
        from further away ("had a cast for a broken ankle when he was 8")."""
        if self._about_something_else(before, matched, after):
            return SOMETHING_ELSE
        for modifier in self._modifiers:
            if modifier.name == RESOLVED and self.recurs(f"{before} {after}"):
                continue  # "numb for a minute every time i stand up": it keeps coming back
            ongoing = self._terminators is not None and self._terminators.search(matched)
            if modifier.name == HISTORICAL and ongoing:
                continue  # "last year my calf has been swollen": the finding itself says it goes on
            forward = modifier.direction in ("forward", "both")
            backward = modifier.direction in ("backward", "both")
            if (forward and self._reaches_forward(modifier.triggers, before)) or (
                backward and self._reaches_backward(
                    modifier.triggers, after,
                    modifier.max_after_events if event and modifier.max_after_events else modifier.max_after)
            ):
                return SOMETHING_ELSE if modifier.name == STORIES else modifier.name
        return CURRENT

    def recurs(self, clause: str) -> bool:
        """True when the clause says the finding keeps coming back."""
        return self._recurring is not None and self._recurring.search(clause) is not None

    def _reaches_forward(self, triggers: _LazyRegex, before: str) -> bool:
        """A trigger before the finding, with no terminator between them."""
        terminators = self._terminators
        return any(
            terminators is None or not terminators.search(before, t.end())
            for t in triggers.finditer(before)
        )

    def _reaches_backward(self, triggers: _LazyRegex, after: str, max_after: int | None) -> bool:
        """A trigger after the finding (within `max_after` words), with no terminator between them."""
        terminators = self._terminators
        for t in triggers.finditer(after):
            gap = after[: t.start()]
            if max_after is not None and len(gap.split()) > max_after:
                break
            if terminators is None or not terminators.search(gap):
                return True
        return False

    def _breakable_near(self, matched: str, near: str) -> bool:
        return (
            self._breakable is not None
            and not self._breaking.isdisjoint(matched.split())
            and self._breakable.search(near) is not None
        )

    def words_about_things(self, words: tuple[str, ...]) -> set[int]:
        """Positions of words that are about a thing, not the body ("my phone screen is broken")."""
        if (self._nouns is None and self._breakable is None) or self.thing_words.isdisjoint(words):
            return set()
        return {
            i
            for i, word in enumerate(words)
            if word in self.thing_words
            and self._about_something_else(" ".join(words[:i]), word, " ".join(words[i + 1 :]))
        }

    def _about_something_else(self, before: str, matched: str, after: str) -> bool:
        """A thing named right next to the finding, and no body word near it: "my phone is broken"; or,
        for a word of breaking only, a breakable thing or feeling: "my motivation is broken"."""
        if self._body is not None and self._body.search(matched):
            return False
        following = after.split()[:1]
        if (following and self._nouns is not None and not self._breaking.isdisjoint(matched.split())
                and self._nouns.match(following[0])):
            return True  # "cut my ankle on a broken glass": the word right after says what broke
        window = self._window
        words_before = before.split()[-window:]
        words_after = after.split()[:window]
        near = " ".join(words_before + ["|"] + words_after)
        thing_near = self._nouns is not None and self._nouns.search(near) is not None
        if not thing_near and not self._breakable_near(matched, near):
            return False
        # "broke my phone and my ankle": a body word a little further on still makes it about the body.
        wider = " ".join(before.split()[-2 * window :] + after.split()[: 2 * window])
        return self._body is None or not self._body.search(wider)

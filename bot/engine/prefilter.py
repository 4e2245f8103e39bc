"""Which regex patterns can match a text at all, decided without running them.

Each red-flag pattern needs some literal text to match: `(?:cannot|unable to) (?:\\w+ ){0,2}breath\\w*`
cannot match a text without a word starting with "breath". `required` reads that off the parsed
pattern as a set of *conditions* (a word, a word start, a word end or a piece of text), one of which
every match meets. It is a necessary condition, so skipping a pattern whose conditions all fail never
loses a match: the idea of a trigram index in code search. Triage then searches each concept with only
its patterns that can match; leaving out alternatives that match nowhere in the text does not change
which alternative matches where, so the matches are exactly the same.

Conditions are checked against the message's words, their starts and their ends (sets built once per
message), which is much cheaper than searching the text for each piece.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the names read like sre's own
import re._parser as sre_parse
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.engine import cache

WORD, START, END, PIECE = 0, 1, 2, 3  # a whole word, a word start, a word end, text anywhere
Condition = tuple[int, str]
Conditions = frozenset[Condition] | None  # None: nothing is certain (the pattern must always run)

_ZERO_WIDTH = {C.ASSERT, C.ASSERT_NOT, C.AT}


def required(pattern: str) -> Conditions:
    """Conditions one of which every match of `pattern` meets (the pattern starts at a word boundary, as
    triage wraps every concept in \\b...\\b), or None."""
    try:
        return _sequence(sre_parse.parse(pattern), True)[0]
    except (re.error, TypeError, ValueError, IndexError):
        return None


# How many independent condition sets a pattern's gate checks (the most selective first).
MAX_GATE_SETS = 3


def required_sets(pattern: str) -> tuple[frozenset[Condition], ...] | None:
    """Condition sets that every match of `pattern` meets ALL of (one condition of each): the pattern's
    top-level parts in order of selectivity. "calf .{0,20}(?:swollen|swell)" needs "calf" and one of the
    swell words; a text with only the first cannot match. None when nothing is certain."""
    try:
        candidates, _ = _candidates(sre_parse.parse(pattern), True)
    except (re.error, TypeError, ValueError, IndexError):
        return None
    if not candidates:
        return None
    return tuple(sorted(set(candidates), key=_score, reverse=True)[:MAX_GATE_SETS])


# Bump when the way conditions are derived changes: cached conditions of older code are not reused.
ALGORITHM_VERSION = "2"


def required_sets_all(patterns: list[str]) -> list[tuple[frozenset[Condition], ...] | None]:
    """`required_sets` for each pattern, kept in the engine's cache (cache.py): parsing ~600 regexes is
    slow."""

    def compute() -> list:
        return [None if (c := required_sets(p)) is None else [sorted(s) for s in c] for p in patterns]

    name = "prefilter-sets-" + cache.key(ALGORITHM_VERSION, *patterns)
    return [
        None if c is None else tuple(frozenset((int(k), t) for k, t in s) for s in c)
        for c in cache.cached(name, compute)
    ]


def required_literals(pattern: str) -> frozenset[str] | None:
    """The texts of `required(pattern)` (for tests and for reading)."""
    found = required(pattern)
    return None if found is None else frozenset(text for _, text in found)


def concept_literals(patterns: tuple[str, ...]) -> frozenset[str] | None:
    """For a concept (any of its patterns): the union of its patterns' texts; None if any is None."""
    out: set[str] = set()
    for pattern in patterns:
        literals = required_literals(pattern)
        if not literals:
            return None
        out |= literals
    return frozenset(out)


# How much a kind of condition adds to its length as a guess of how rarely it is met.
_KIND_BONUS = {WORD: 2, START: 1, END: 1, PIECE: 0}


def _selectivity(condition: Condition) -> int:
    return len(condition[1]) + _KIND_BONUS[condition[0]]


def _score(conditions: frozenset[Condition]) -> tuple[int, int]:
    """Higher is more selective: the weakest condition of the set decides."""
    return min(map(_selectivity, conditions)), -len(conditions)


def _run_condition(run: str, at_start: bool) -> frozenset[Condition] | None:
    best: Condition | None = None
    segments = run.split(" ")
    for k, segment in enumerate(segments):
        if not segment:
            continue
        # A boundary before a word character is a word start; before anything else it says nothing.
        starts = k > 0 or (at_start and segment[0].isalnum())
        ends = k < len(segments) - 1
        kind = WORD if starts and ends else START if starts else END if ends else PIECE
        if best is None or _selectivity((kind, segment)) > _selectivity(best):
            best = (kind, segment)
    return frozenset({best}) if best else None


def _sequence(items, at_start: bool) -> tuple[Conditions, bool]:
    """(conditions of the sequence, whether it ends at a word start)."""
    candidates, here = _candidates(items, at_start)
    if not candidates:
        return None, here
    return max(candidates, key=_score), here


def _candidates(items, at_start: bool) -> tuple[list[frozenset[Condition]], bool]:
    """Each part of the sequence that every match must contain, as conditions one of which it meets;
    and whether the sequence ends at a word start."""
    candidates: list[frozenset[Condition]] = []
    run: list[str] = []
    run_start = at_start
    here = at_start  # is the current position a word start?
    for op, av in items:
        if op is C.LITERAL:
            if not run:
                run_start = here
            run.append(chr(av))
            here = chr(av) == " "
            continue
        if op in _ZERO_WIDTH:
            if op is C.AT and av is C.AT_BOUNDARY:
                here = True  # a boundary before a word character is a word start
            continue  # consumes nothing: the literals on either side are still next to each other
        if run:
            if (cond := _run_condition("".join(run), run_start)) is not None:
                candidates.append(cond)
            run = []
        sub, here = _item(op, av, here)
        if sub:
            candidates.append(sub)
    if run and (cond := _run_condition("".join(run), run_start)) is not None:
        candidates.append(cond)
    return candidates, here


def _item(op, av, here: bool) -> tuple[Conditions, bool]:
    if op is C.SUBPATTERN:
        return _sequence(av[-1], here)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, here)
    if op is C.BRANCH:
        out: set[Condition] = set()
        ends = True
        certain = True
        for branch in av[1]:
            conditions, branch_ends = _sequence(branch, here)
            ends = ends and branch_ends
            if not conditions:
                certain = False
            else:
                out |= conditions
        return (frozenset(out) if certain else None), ends
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        conditions, body_ends = _sequence(sub, here)
        # After no repetition the position is where it was; after one or more, where the body ends.
        after = body_ends if low >= 1 else (here and body_ends)
        return (conditions if low >= 1 else None), after
    return None, False


@dataclass(frozen=True)
class TextIndex:
    """The words of a text, their starts and their ends, for checking conditions."""

    text: str
    words: frozenset[str]
    starts: frozenset[str]
    ends: frozenset[str]

    @classmethod
    def of(cls, text: str) -> TextIndex:
        words = set(text.split())
        words |= {part for word in words if "/" in word for part in word.split("/")}  # "3/10" is 3 and 10
        starts = {w[:i] for w in words for i in range(1, len(w) + 1)}
        ends = {w[i:] for w in words for i in range(len(w))}
        return cls(text, frozenset(words), frozenset(starts), frozenset(ends))

    def meets(self, condition: Condition) -> bool:
        kind, text = condition
        if kind == WORD:
            return text in self.words
        if kind == START:
            return text in self.starts
        if kind == END:
            return text in self.ends
        return text in self.text


# A condition set split by kind (words, word starts, word ends, pieces): met with set operations.
_Group = tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]


def _by_kind(conditions: frozenset[Condition]) -> _Group:
    texts = {kind: [t for k, t in conditions if k == kind] for kind in (WORD, START, END, PIECE)}
    return frozenset(texts[WORD]), frozenset(texts[START]), frozenset(texts[END]), tuple(texts[PIECE])


def _group_met(group: _Group, index: TextIndex) -> bool:
    words, starts, ends, pieces = group
    return (
        not words.isdisjoint(index.words)
        or not starts.isdisjoint(index.starts)
        or not ends.isdisjoint(index.ends)
        or any(piece in index.text for piece in pieces)
    )


class PatternGates:
    """Which patterns of which concepts can match a text: set intersections instead of a loop per pattern."""

    def __init__(self, patterns: Iterable[tuple[str, int, Conditions | tuple[frozenset[Condition], ...]]]):
        """Each pattern with its conditions: one set (one condition of it must be met) or a tuple of sets
        (one condition of EACH must be met; the first set, the most selective, is the one indexed)."""
        self._by_condition: dict[Condition, list[tuple[str, int]]] = defaultdict(list)
        self._always: dict[str, set[int]] = defaultdict(set)
        self._also: dict[tuple[str, int], tuple[_Group, ...]] = {}
        for concept, index, conditions in patterns:
            if not conditions:
                self._always[concept].add(index)
                continue
            if isinstance(conditions, tuple):
                conditions, *others = conditions
                if others:
                    self._also[(concept, index)] = tuple(map(_by_kind, others))
            for condition in conditions:
                self._by_condition[condition].append((concept, index))
        self._keys = {
            kind: frozenset(text for k, text in self._by_condition if k == kind)
            for kind in (WORD, START, END, PIECE)
        }

    def open_for(self, index: TextIndex) -> dict[str, set[int]]:
        """Concept -> indexes of its patterns that can match the indexed text (no entry: none can)."""
        met = [(WORD, t) for t in self._keys[WORD] & index.words]
        met += [(START, t) for t in self._keys[START] & index.starts]
        met += [(END, t) for t in self._keys[END] & index.ends]
        met += [(PIECE, t) for t in self._keys[PIECE] if t in index.text]
        possible: dict[str, set[int]] = defaultdict(set)
        for concept, indexes in self._always.items():
            possible[concept] |= indexes
        also = self._also
        for condition in met:
            for concept, i in self._by_condition[condition]:
                others = also.get((concept, i))
                if others is None or all(_group_met(group, index) for group in others):
                    possible[concept].add(i)
        return possible


# What a pattern may read and still be searched clause by clause (see `stays_in_clause`): word
# characters, digits, spaces, literal characters other than the separator's "|", boundaries.
_CLASS_ITEMS_INSIDE = {C.CATEGORY_WORD, C.CATEGORY_DIGIT, C.CATEGORY_SPACE}
_SEPARATOR_MARK = ord("|")


def stays_in_clause(pattern: str) -> bool:
    """True when nothing in `pattern` can match or look at a "|" and its only anchors are word
    boundaries. Such a pattern neither matches nor looks past the separator " | " that joins clauses,
    so searching only the clauses that may hold a match finds exactly what searching all of them does.
    False (search everything) for anything it cannot vouch for."""
    try:
        return _inside(sre_parse.parse(pattern))
    except (re.error, TypeError, ValueError, IndexError):
        return False


def stays_in_clause_all(patterns: list[str]) -> list[bool]:
    """`stays_in_clause` for each pattern, kept in the engine's cache (parsing ~650 regexes is slow)."""
    name = "prefilter-in-clause-" + cache.key(ALGORITHM_VERSION, *patterns)
    return cache.cached(name, lambda: [stays_in_clause(p) for p in patterns])


def _inside(items) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            ok = av != _SEPARATOR_MARK
        elif op is C.IN:
            ok = all(_class_item_inside(kind, value) for kind, value in av)
        elif op is C.AT:
            ok = av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY)
        elif op is C.SUBPATTERN:
            ok = _inside(av[-1])
        elif op is C.ATOMIC_GROUP:
            ok = _inside(av)
        elif op is C.BRANCH:
            ok = all(_inside(branch) for branch in av[1])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            ok = _inside(av[2])
        elif op in (C.ASSERT, C.ASSERT_NOT):
            ok = _inside(av[1])
        else:  # any character, a negated class, a back reference, ^ or $...
            ok = False
        if not ok:
            return False
    return True


def _class_item_inside(kind, value) -> bool:
    if kind is C.LITERAL:
        return value != _SEPARATOR_MARK
    if kind is C.RANGE:
        return not value[0] <= _SEPARATOR_MARK <= value[1]
    return kind is C.CATEGORY and value in _CLASS_ITEMS_INSIDE

"""Which regex patterns can match a text at all, decided without running them.

Each red-flag pattern needs some literal text to match: `(?:cannot|unable to) (?:\\w+ ){0,2}breath\\w*`
cannot match a text without "breath" in it. `required_literals` reads that off the parsed pattern
(a set of strings one of which every match contains), and triage skips a concept when none of its
strings occurs in the message. It is a necessary condition, so skipping never loses a match: the same
idea as a trigram index in code search. Most concepts are skipped for most messages, and the regex
search was most of the time spent on long messages.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the names read like sre's own
import re._parser as sre_parse

Literals = frozenset[str] | None  # None: no literal is certain (the pattern must always run)

_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


def required_literals(pattern: str) -> Literals:
    """A set of strings such that every match of `pattern` contains one of them, or None."""
    try:
        return _sequence(sre_parse.parse(pattern))
    except (re.error, TypeError, ValueError):
        return None


def concept_literals(patterns: tuple[str, ...]) -> Literals:
    """For a concept (any of its patterns): the union of its patterns' sets; None if any is None."""
    out: set[str] = set()
    for pattern in patterns:
        literals = required_literals(pattern)
        if not literals:
            return None
        out |= literals
    return frozenset(out)


def _sequence(items) -> Literals:
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the literals on either side are still next to each other
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        sub = _item(op, av)
        if sub:
            candidates.append(sub)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    # The most selective: the set whose shortest string is longest, then the smallest set.
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


def _item(op, av) -> Literals:
    if op is C.SUBPATTERN:
        return _sequence(av[-1])
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            literals = _sequence(branch)
            if not literals:
                return None
            out |= literals
        return frozenset(out)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    return None

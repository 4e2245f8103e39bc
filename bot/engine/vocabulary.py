"""The red-flag vocabulary (knowledge/vocabulary.yaml): the words of each term group and where findings are.

A clinician writes words and findings; this module expands and finds them. Each term is expanded with its
inflections ("swell" -> "swells", "swelled", "swelling"), kept only when they are English words, and,
for short words the spell fixer does not touch (it corrects words of five letters or more), with
common misspellings (a doubled or swapped letter, a vowel too many), kept only when they are NOT
English words: "cold" would give "could", a real word, so it does not.

`FindingMatcher` finds the findings in a message's words, word by word (a dictionary look-up per word,
no regex): a word of each group, in any order, at most `within` words apart, with no negation word (or
`not_across` word) between them, and no `unless_followed_by` word within three words after.
An `in_order` finding takes its groups only in the order written.
`finding_patterns` writes the same findings as regexes, for reading and for testing the matcher.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from bot.engine import cache
from bot.engine.normalise import clean, tokens
from bot.engine.spelling import MIN_LENGTH, dictionary_fingerprint, is_english
from bot.knowledge import Vocabulary, VocabularyFinding

_VOWELS = "aeiou"
# Words that deny what follows them inside a gap ("my foot isnt cold"): the finding must not reach over.
_GAP_NEGATIONS = "no|not|isnt|arent|wasnt|werent|dont|doesnt|didnt|never|hasnt|havent|nor|without"


def inflections(word: str) -> set[str]:
    """English inflections of a word: plural, past, -ing, comparative and the like."""
    stems = {word, word[:-1]} if word.endswith("e") else {word}
    candidates = {word + "s", word + "es", word + "ed", word + "ing", word + "er", word + "ness", word + "y"}
    candidates |= {s + suffix for s in stems for suffix in ("ed", "ing", "er")}
    if word.endswith("y"):
        candidates |= {word[:-1] + "ies", word[:-1] + "ied", word[:-1] + "iness"}
    if len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        candidates |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "swell" no, "pop" -> "popped"
    return {c for c in candidates if c != word and is_english(c)}


def misspellings(word: str) -> set[str]:
    """Common slips of a short word that are not English words themselves."""
    if len(word) >= MIN_LENGTH or len(word) < 3 or not word.isalpha():
        return set()  # longer words are corrected by the spell fixer; shorter ones are too ambiguous
    candidates = {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) >= 4 else set()  # "fot"
    for i in range(len(word)):
        candidates.add(word[:i] + word[i] + word[i:])  # a doubled letter: "numbb"
        if i + 1 < len(word):
            candidates.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped: "nmub"
        for vowel in _VOWELS:
            candidates.add(word[: i + 1] + vowel + word[i + 1 :])  # a vowel too many: "colde", "could"
    return {c for c in candidates if c != word and not is_english(c)}


def forms(term: str) -> set[str]:
    """A term as the engine reads it (normalised): a word with its generated forms; a phrase as it is."""
    words = tokens(clean(term))
    if len(words) != 1:
        return {" ".join(words)} if words else set()
    word = words[0]
    return {word} | inflections(word) | misspellings(word)


# Bump when `forms` changes: cached forms of older code are not reused.
FORMS_VERSION = "2"


def all_forms(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Term -> its forms, for every term of the vocabulary, less the vocabulary's `not_forms` (a term
    written as such is always kept), kept in the engine's cache (cache.py): the English checks need
    the whole dictionary, which the engine otherwise reads only when it must."""
    terms = sorted({t for words in vocabulary.terms.values() for t in words})
    left_out = vocabulary.not_forms
    name = "vocabulary-" + cache.key(FORMS_VERSION, dictionary_fingerprint(), *terms, "-", *sorted(left_out))
    return cache.cached(
        name, lambda: {t: sorted(f for f in forms(t) if f == t or f not in left_out) for t in terms}
    )


def _alternation(terms: Iterable[str], expanded: dict[str, list[str]]) -> str:
    every = sorted({f for term in terms for f in expanded[term]}, key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(f).replace("\\ ", " ") for f in every) + ")"


def finding_patterns(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """Concept name -> the patterns of the findings that stand for it."""
    out: dict[str, list[str]] = {}
    expanded = all_forms(vocabulary)
    groups = {name: _alternation(words, expanded) for name, words in vocabulary.terms.items()}
    for finding in vocabulary.findings.values():
        stops = "|".join([_GAP_NEGATIONS, *map(re.escape, finding.not_across)])
        gap = rf"(?:(?:(?!(?:{stops})\b)\w+ ){{0,{finding.within}}})"
        unless = "".join(rf"(?! (?:\w+ ){{0,3}}{groups[g]})" for g in finding.unless_followed_by)
        not_after = "".join(
            f"(?<!{re.escape(f).replace(chr(92) + ' ', ' ')} )"
            for g in finding.unless_preceded_by for term in vocabulary.terms[g] for f in expanded[term]
        )
        for order in _orders(finding):
            # "A GAP B": a space after each group word, then up to `within` words, then the next group.
            out.setdefault(finding.concept, []).append(
                f" {gap}".join(not_after + groups[g] for g in order) + unless
            )
    return {concept: tuple(patterns) for concept, patterns in out.items()}


def _orders(finding: VocabularyFinding) -> Iterable[tuple[str, ...]]:
    """The orders its groups may come in: as written for an `in_order` finding, else any."""
    return (finding.groups,) if finding.in_order else itertools.permutations(finding.groups)


_GAP_NEGATION_WORDS = frozenset(_GAP_NEGATIONS.split("|"))
# A finding's words never reach over a clause boundary (triage joins clauses with " | ").
_BOUNDARY = "|"
_UNLESS_WINDOW = 3


class FindingMatcher:
    """Finds the vocabulary's findings in a list of words: (concept, first word, end) spans."""

    def __init__(self, vocabulary: Vocabulary):
        self._single: dict[str, set[str]] = {}  # word form -> groups
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (phrase, group)
        expanded = all_forms(vocabulary)
        for group, terms in vocabulary.terms.items():
            for term in terms:
                for form in expanded[term]:
                    words = tuple(form.split())
                    if len(words) == 1:
                        self._single.setdefault(words[0], set()).add(group)
                    else:
                        self._phrases.setdefault(words[0], []).append((words, group))
        self._findings: list[tuple[VocabularyFinding, frozenset[str]]] = [
            (f, _GAP_NEGATION_WORDS | frozenset(f.not_across) | {_BOUNDARY})
            for f in vocabulary.findings.values()
        ]

    def occurrences(self, words: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Group -> (start, end) word spans of its terms."""
        found: dict[str, list[tuple[int, int]]] = {}
        single, phrases = self._single, self._phrases
        for i, word in enumerate(words):
            for group in single.get(word, ()):
                found.setdefault(group, []).append((i, i + 1))
            for phrase, group in phrases.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    found.setdefault(group, []).append((i, i + len(phrase)))
        return found

    def spans(self, words: list[str]) -> list[tuple[str, int, int]]:
        """(concept, start, end) for every place a finding is named."""
        where = self.occurrences(words)
        out: list[tuple[str, int, int]] = []
        for finding, stops in self._findings:
            if not all(g in where for g in finding.groups):
                continue
            usable = self._not_preceded(where, finding) if finding.unless_preceded_by else where
            if not all(usable.get(g) for g in finding.groups):
                continue
            for order in _orders(finding):
                for start, end in self._chains(words, usable, order, finding.within, stops):
                    if not self._followed_by(where, finding.unless_followed_by, end):
                        out.append((finding.concept, start, end))
        return out

    @staticmethod
    def _chains(words, where, order, within: int, stops) -> list[tuple[int, int]]:
        chains = [(s, e) for s, e in where[order[0]]]
        for group in order[1:]:
            longer = []
            for start, end in chains:
                for s, e in where[group]:
                    if end <= s <= end + within and stops.isdisjoint(words[end:s]):
                        longer.append((start, e))
            chains = longer
            if not chains:
                break
        return chains

    @staticmethod
    def _not_preceded(where, finding: VocabularyFinding) -> dict[str, list[tuple[int, int]]]:
        """The occurrences of the finding's groups, less those right after an `unless_preceded_by` word
        ("hiking boots" is footwear, not a medical boot)."""
        ends = {e for g in finding.unless_preceded_by for _s, e in where.get(g, ())}
        return {g: [(s, e) for s, e in where[g] if s not in ends] for g in finding.groups}

    @staticmethod
    def _followed_by(where, groups: tuple[str, ...], end: int) -> bool:
        return any(end <= s <= end + _UNLESS_WINDOW for g in groups for s, _ in where.get(g, ()))

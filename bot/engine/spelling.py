"""Spell fixing that never turns a real English word into another word.

A word is corrected only when it is unknown: not in the knowledge base's vocabulary, not among the
protected words, and not an English word. What is an English word is decided by a well-kept dictionary
(pyspellchecker's English list, about 160,000 words), not by the knowledge base: "could" is a word, so it
never becomes "cold"; "cloud" never becomes "loud". Real-word slips that matter ("brake my ankle") are
a short curated map in `knowledge/real_word_slips.yaml`, applied by the parser, not guessed here.

All unknown words of a message are scored against the vocabulary with one rapidfuzz `process.cdist`
call. Triage and matching correct towards different vocabularies (triage knows its red-flag words,
matching keeps a typo's first letter), so one `Speller` holds the union of both vocabularies as the
columns of that one call, and each *view* masks the columns it may use.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from bot.engine import cache

# At four letters or fewer a one-letter change is usually another word ("band" / "hand").
MIN_LENGTH = 5
DEFAULT_CUTOFF = 85.0
# A flood of random words must not grow memory for ever.
MAX_CACHE = 50_000
_DOUBLED = re.compile(r"(\w)\1")
_DICTIONARY_KEY = re.compile(r'"([a-z]+)":')

# pyspellchecker's list is American English. British spellings are read as their US forms, so that
# "realise", "programme" or "fibre" count as words too. Each pair: (British ending, US ending).
_BRITISH_ENDINGS = (
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
    ("ising", "izing"), ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"),
    ("re", "er"), ("res", "ers"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("ogue", "og"), ("ogues", "ogs"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"),
    ("ence", "ense"), ("mme", "m"), ("mmes", "ms"),
)
# British words with no regular US counterpart, plus common words the US list lacks.
_EXTRA_WORDS = frozenset(
    """
    aeroplane aeroplanes tyre tyres kerb kerbs jewellery plough ploughs grey greys whilst amongst
    oesophagus paediatric paediatrics orthopaedic orthopaedics anaesthetic anaesthetist haemorrhage
    oedema foetus manoeuvre manoeuvres pyjamas cheque cheques mum mums wee weeing poo pooing physio
    physios sellotape hoover trainers
    """.split()
)


def _dictionary_file() -> bytes | None:
    try:
        return (importlib.resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):  # a layout change in a later release
        return None


@functools.cache
def dictionary_fingerprint() -> str:
    """A hash of the dictionary's data file: what the cached word list and word forms depend on."""
    data = _dictionary_file()
    return hashlib.sha256(data).hexdigest() if data is not None else "no-data-file"


@functools.cache
def english_words() -> frozenset[str]:
    """The English dictionary: lower-case alphabetic words of pyspellchecker's English list.

    Read straight from the package's data file rather than through `SpellChecker()` (which also builds
    a frequency model we do not use), and kept in the engine's cache (cache.py) as a plain word list."""
    data = _dictionary_file()
    if data is None:
        from spellchecker import SpellChecker

        return frozenset(w for w in SpellChecker(language="en").word_frequency.dictionary if w.isalpha()) | (
            _EXTRA_WORDS
        )
    name = "english-" + cache.key(dictionary_fingerprint(), _DICTIONARY_KEY.pattern)

    def read() -> str:
        return " ".join(_DICTIONARY_KEY.findall(gzip.decompress(data).decode("utf-8")))

    return frozenset(cache.cached(name, read).split()) | _EXTRA_WORDS


def is_english(word: str, words: frozenset[str] | None = None) -> bool:
    """True for a dictionary word, in British or US spelling."""
    words = english_words() if words is None else words
    if word in words:
        return True
    for british, us in _BRITISH_ENDINGS:
        if word.endswith(british) and word[: -len(british)] + us in words:
            return True
    return False


@dataclass
class SpellView:
    """One way of correcting: towards `vocabulary` only, leaving `known` words alone."""

    vocabulary: frozenset[str]
    known: frozenset[str]
    same_initial: bool
    columns: np.ndarray  # bool per Speller column: may this view correct to it?
    cache: dict[str, str] = field(default_factory=dict)


class Speller:
    """Corrects unknown words towards one or more vocabularies (views) with one `cdist` per batch.

    The English dictionary is read when the first correction is about to be made, not at start (it
    is the largest thing the engine reads): until then a correction is checked against it after it is
    found, from then on before. Either way an English word is never corrected."""

    def __init__(self, cutoff: float = DEFAULT_CUTOFF, english: frozenset[str] | None = None):
        self.cutoff = cutoff
        self._english = english
        self._views: list[SpellView] = []
        self._choices: list[str] = []
        self._initials: dict[str, np.ndarray] = {}
        self._english_cache: dict[str, bool] = {}

    def add_view(
        self, vocabulary: Iterable[str], protected: Iterable[str] = (), same_initial: bool = False
    ) -> SpellView:
        """A new view. Views are added before the first correction (they fix the columns)."""
        vocab = frozenset(w for w in vocabulary if w.isalpha())
        known = vocab | frozenset(w for w in protected if w.isalpha())
        view = SpellView(vocab, known, same_initial, np.zeros(0, dtype=bool))
        self._views.append(view)
        self._choices = sorted({w for v in self._views for w in v.vocabulary if len(w) >= MIN_LENGTH})
        for v in self._views:
            v.columns = np.array([w in v.vocabulary for w in self._choices], dtype=bool)
            v.cache.clear()
        self._initials = {}
        for i, w in enumerate(self._choices):
            self._initials.setdefault(w[0], np.zeros(len(self._choices), dtype=bool))[i] = True
        return view

    @property
    def english(self) -> frozenset[str]:
        if self._english is None:
            self._english = english_words()
        return self._english

    def is_english(self, word: str) -> bool:
        known = self._english_cache.get(word)
        if known is None:
            known = is_english(word, self.english)
            if len(self._english_cache) < MAX_CACHE:
                self._english_cache[word] = known
        return known

    def _needs_fuzzy(self, word: str, view: SpellView) -> bool:
        return (
            word not in view.cache
            and word not in view.known
            and len(word) >= MIN_LENGTH
            and word.isalpha()
            # Before the dictionary is read, the check comes after a correction is found (`_checked`).
            and not (self._english is not None and self.is_english(word))
        )

    def _checked(self, word: str, fixed: str) -> str:
        """The correction, unless the word is English after all."""
        return word if fixed != word and self.is_english(word) else fixed

    def fix(self, words: Iterable[str], views: Iterable[SpellView]) -> list[dict[str, str]]:
        """For each view, a map from every word to its correction (itself when nothing is better).

        One `process.cdist` call scores all words that some view still has to guess."""
        words = list(dict.fromkeys(words))
        views = list(views)
        results: list[dict[str, str]] = []
        todo: dict[str, None] = {}
        for view in views:
            result = {}
            for word in words:
                cached = view.cache.get(word)
                if cached is not None:
                    result[word] = cached
                elif not self._needs_fuzzy(word, view):
                    result[word] = self._remember(view, word, word)  # known: one lookup next time
                elif (single := _DOUBLED.sub(r"\1", word)) in view.vocabulary:
                    # "numbb" -> "numb": a doubled letter left by stretching is the cheapest correction.
                    result[word] = self._remember(view, word, self._checked(word, single))
                else:
                    todo[word] = None
            results.append(result)
        if todo:
            self._guess(list(todo), views, results)
        return results

    def _guess(self, words: list[str], views: list[SpellView], results: list[dict[str, str]]) -> None:
        scores = (
            process.cdist(words, self._choices, scorer=fuzz.ratio, score_cutoff=self.cutoff, dtype=np.float32)
            if self._choices
            else None
        )
        for view, result in zip(views, results, strict=True):
            for row, word in enumerate(words):
                if word in result:
                    continue
                fixed = word
                if scores is not None:
                    allowed = view.columns
                    if view.same_initial:
                        initial = self._initials.get(word[0])
                        allowed = allowed & initial if initial is not None else np.zeros_like(allowed)
                    masked = np.where(allowed, scores[row], 0.0)
                    best = int(masked.argmax())  # the first best, as extractOne picks it
                    if masked[best] >= self.cutoff:
                        fixed = self._choices[best]
                result[word] = self._remember(view, word, self._checked(word, fixed))

    @staticmethod
    def _remember(view: SpellView, word: str, fixed: str) -> str:
        if len(view.cache) < MAX_CACHE:
            view.cache[word] = fixed
        return fixed

"""Find the topic and exercises a message is about.

Each knowledge-base entry (a topic or an exercise) brings its phrasings (topic questions, exercise
names and aliases). Words are weighted by how rare they are across entries (IDF), so "colour" counts
for more than "ankle". A phrasing's score is the weighted F1 of the words it shares with the message:
both how much of the message it explains and how much of the phrasing the message contains. That is
what avoids the subset trap of `token_set_ratio`, where "hi" scores 100 against any phrasing containing
"hi". An entry's score blends its best phrasing with how much of the message its whole vocabulary covers.

Messages from people are not phrasings: they tell a story around the question ("I'm 45, rolled it at
netball 3 weeks ago, should I be icing it?"). Three things keep that background from deciding the match:
everyday words (GENERIC_WORDS) weigh little however rare they are in the knowledge base, linking words
and hedges are stopwords, and the longer the message, the more the score rewards containing a whole
phrasing over explaining every word of the message (an F-beta instead of F1).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

from bot.engine import cache, normalise
from bot.engine.normalise import SpellFixer, clean, stem, tokens
from bot.engine.parse import ParsedMessage
from bot.engine.spelling import Speller
from bot.knowledge import KnowledgeBase

# Words that carry no topic on their own. Deliberately short: "when", "often", "long", "before",
# "without" stay, because they separate topics ("how often" vs "how many").
STOPWORDS = frozenset(
    """
a an the i me my mine myself we our us you your yours he she him her his they them their it its itself
this that these those is am are was were be been being do does did doing have has had having will would
shall should can could may might must of to in on at by for with about from into onto and or so if then
than just also too very really please any some there here what which who whom how why where im ive id
ill youre get gets got getting go goes going thing things bit lot lots like know want wanted need needed
anyone someone something anything ok okay um uh well still now yet right ever even much many tell said
say says told think guess maybe actually basically literally every around round mean means meaning whats
thats hows theres yeah mate while else question questions wondering wonder curious quick but since
because cause as until till though although however way look looks stuff normal normally wants needs
thinks knows tells wondered worried worry worrying concerned
""".split()
)

# Everyday words, weighed at most GENERIC_WEIGHT (see Matcher.__init__), dates among them: a word that one
# phrasing happens to use ("lost", "order", "faster") would otherwise weigh as much as "fracture". Not the
# words that name a topic's question ("often", "long", "hold", "before", "weak", "again", "first").
_GENERIC_TEXT = """
able above across actual add added almost alone already always another anymore anything anyway bad barely
best better big bring came change changed choose come comes coming different done else end enough far fast
faster feel feels felt fine finish fix full gain give gave given good great happen happened happens hard
help helps home idea important improve increase instead keep keeps kept last later least less let little
lose losing lost made make makes making matter more most move moved moving much near never new next nothing
number old only order own part past perfect pick place possible proper properly put quite real same see seem
show small soon start started stay stop sure take takes taking talk third thing through time times together
top touch try trying two use used using weekend weekends whole wrong year years young hardly tip tips advice
suggest suggestion suggestions recommendation recommendations kind sort type dont didnt doesnt isnt wasnt
arent havent hasnt wouldnt shouldnt couldnt wont ago month months january february march april may june july
august september october november december monday tuesday wednesday thursday friday saturday sunday
"""
GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
GENERIC_WEIGHT = 1.2

# "Turning my foot out against the band" is eversion: the direction becomes a word of its own ("outward"),
# as in the exercise's own aliases. Not "in", a stopword: "turn in", "foot in a boot" say other things.
_OUTWARD = re.compile(
    r"\b((?:turn|turns|turning|turned|push|pushes|pushing|move|moves|moving|rotate|rotating)"
    r"(?:\s+(?:my|the|your|his|her|each|both))?\s+(?:foot|feet|sole|soles))\s+out\b(?!\s+(?:of|the|a)\b)"
)
# "3x10", "2 x 15": sets by reps, the way physios write a dose.
_SETS_BY_REPS = re.compile(r"\b\d+\s*[x\u00d7]\s*\d+\b")

# Words whose spell-fixed terms are remembered (see Matcher._fixed_terms).
WORD_MEMO_SIZE = 50_000

# Weight of the phrasing's best F1 against the entry's whole-vocabulary coverage.
BEST_PHRASING_WEIGHT = 0.65
# Added per topic keyword present in the message (at most two count): "fracture" or "surgery" should
# pull a question towards those topics even when its other words echo a generic phrasing.
KEYWORD_BONUS = 0.08
MAX_KEYWORDS_COUNTED = 2
# Beyond RECALL_FROM_TERMS terms, each more term adds RECALL_GAIN to beta squared (see rank_terms).
RECALL_GAIN = 0.5
RECALL_FROM_TERMS = 4


class Scored(NamedTuple):  # a named tuple: ranking builds dozens per segment, and tuples are quick to make
    kind: str  # "topic" | "exercise"
    id: str
    score: float


@dataclass(frozen=True)
class _Doc:
    entry: int  # index into Matcher._entries
    terms: frozenset[str]


class Matcher:
    def __init__(self, kb: KnowledgeBase, spell: SpellFixer | None = None, speller: Speller | None = None):
        # Spell-fixed terms of each word seen, without and with stopwords (see _fixed_terms).
        self._word_terms: dict[bool, dict[str, tuple[str, ...]]] = {False: {}, True: {}}
        self._entries: list[tuple[str, str]] = []
        # Finer topics (with a parent) win an exact tie with their parent: their answer is the specific one.
        self._finer = frozenset(t.id for t in kb.topics.values() if t.parent)
        phrasings: list[tuple[int, str]] = []
        keywords: dict[int, list[str]] = {}
        for topic in kb.topics.values():
            self._entries.append(("topic", topic.id))
            keywords[len(self._entries) - 1] = list(topic.keywords)
            for text in (topic.title, *topic.questions):
                phrasings.append((len(self._entries) - 1, text))
        for exercise in kb.exercises.values():
            self._entries.append(("exercise", exercise.id))
            for text in (exercise.name, exercise.id.replace("-", " "), *exercise.aliases):
                phrasings.append((len(self._entries) - 1, text))

        # Normalising the knowledge base's texts (~3,900 phrasings) was a third of the start; what it
        # gives depends on those texts and this code alone, so it is kept in the start-up cache. Only
        # lists of words are kept: the sets and floats below are built here, in this process's order.
        texts = _texts(kb, phrasings, keywords)
        normalised = cache.cached("matcher-" + _texts_key(texts), lambda: _normalised(texts))
        self._synonyms = _synonym_replacer({tuple(v): tuple(c) for v, c in normalised["synonyms"]})
        self._word_synonyms = {variant: tuple(words) for variant, words in normalised["word_synonyms"]}
        self.spell = spell or SpellFixer(
            normalised["raw_words"], protected=STOPWORDS | set(normalised["prose_words"]), same_initial=True,
            speller=speller,
        )
        self._docs = [
            _Doc(entry, frozenset(terms))
            for (entry, _), terms in zip(phrasings, normalised["phrasing_terms"], strict=True)
            if terms
        ]
        self._entry_index = {entry_id: i for i, (_, entry_id) in enumerate(self._entries)}
        # A keyword of several words ("foot drop", "heel spur") counts only when all of them are there.
        self._keywords = {
            entry: tuple({frozenset(terms) for terms in keyword_terms})
            for entry, keyword_terms in zip(keywords, normalised["keyword_terms"], strict=True)
            if keywords[entry]
        }

        # IDF over
        # Each keyword filed under one of its terms: ranking checks only the keywords that could be there.
        self._keywords_by_term: dict[str, list[tuple[int, frozenset[str]]]] = defaultdict(list)
        for entry, entry_keywords in self._keywords.items():
            for keyword in entry_keywords:
                self._keywords_by_term[min(keyword)].append((entry, keyword))

        # IDF over entries, not phrasings: a word in 30 phrasings of one topic is still specific to it.
        entry_terms: dict[int, set[str]] = defaultdict(set)
        for doc in self._docs:
            entry_terms[doc.entry].update(doc.terms)
        df: dict[str, int] = defaultdict(int)
        for terms in entry_terms.values():
            for term in terms:
                df[term] += 1
        n = len(self._entries)
        self._idf = {t: math.log(1 + n / c) for t, c in df.items()}
        # An everyday word that one phrasing happens to use ("lost", "order", "faster") is rare in the
        # knowledge base but says little about the topic: its weight is capped.
        self._generic = frozenset(stem(w) for w in GENERIC_WORDS)
        for term in self._generic & self._idf.keys():
            self._idf[term] = min(self._idf[term], GENERIC_WEIGHT)
        # A word the knowledge base never uses still dilutes the match (it is about something else).
        self._unknown_weight = math.log(1 + n / 2)
        self._entry_terms = {e: frozenset(t) for e, t in entry_terms.items()}
        self._doc_weight = [sum(self._idf[t] for t in d.terms) for d in self._docs]
        self._doc_entry = [d.entry for d in self._docs]
        # The same index as weight matrices, term by phrasing and term by entry, so that ranking is a
        # few numpy sums instead of Python loops over posting lists (long messages rank many segments).
        self._term_row = {term: row for row, term in enumerate(self._idf)}
        row_idf = np.array(list(self._idf.values()))  # the idf of each row's term
        # Both matrices are built from their cells' positions in one go, not cell by cell (~12,000 cells).
        rows, columns = self._cells((i, doc.terms) for i, doc in enumerate(self._docs))
        # Term by phrasing is mostly zeros (a term is in a few of ~1,900 phrasings): kept sparse.
        self._doc_weights = _SparseRows.from_cells((len(self._idf), len(self._docs)), rows, columns,
                                                   row_idf[rows])
        self._entry_weights = np.zeros((len(self._idf), len(self._entries)))
        rows, columns = self._cells(self._entry_terms.items())
        self._entry_weights[rows, columns] = row_idf[rows]
        self._doc_weight_vec = np.array(self._doc_weight)
        self._doc_entry_vec = np.array(self._doc_entry, dtype=np.intp)
        # Phrasings are stored entry by entry, so an entry's best phrasing is a max over one slice.
        self._entry_starts = np.flatnonzero(np.r_[True, np.diff(self._doc_entry_vec) != 0])
        self._contiguous = len(self._entry_starts) == len(self._entries) and bool(
            (np.diff(self._doc_entry_vec) >= 0).all()
        )
        self._topic_entries = np.array([kind == "topic" for kind, _ in self._entries])

    def _cells(self, columns: Iterable[tuple[int, Iterable[str]]]) -> tuple[np.ndarray, np.ndarray]:
        """The rows and columns of the cells of a term by column matrix, from each column's terms."""
        rows: list[int] = []
        cols: list[int] = []
        for column, terms in columns:
            rows += [self._term_row[term] for term in terms]
            cols += [column] * (len(rows) - len(cols))
        return np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)

    # ------------------------------------------------------------ text -> terms

    def _words(self, text: str) -> list[str]:
        """Cleaned words, with every synonym variant replaced by its canonical word(s)."""
        return self.words_of_cleaned(clean(text))

    def words_of_cleaned(self, cleaned: str) -> list[str]:
        """The matcher's words of already-cleaned text (see `bot/engine/parse.py`)."""
        return _words_of_cleaned(cleaned, self._synonyms)

    def _select(
        self, words: list[str], fix_spelling: bool, keep_stopwords: bool, fixed: Iterable[str] | None = None
    ) -> list[str]:
        if fix_spelling and fixed is None:
            return self._fixed_terms(words, keep_stopwords)
        if fix_spelling:
            words = [w for f in fixed for w in self._word_synonyms.get(f, (f,))]
        return _terms_of(words, keep_stopwords)

    def _fixed_terms(self, words: list[str], keep_stopwords: bool) -> list[str]:
        """`_select` with spelling fixed, word by word from a memo: a word's terms depend on that word
        alone (its correction, its synonyms, its stem), and long messages repeat their words in every
        question segment. The words not seen before are spell-fixed together."""
        memo = self._word_terms[keep_stopwords]
        new = list(dict.fromkeys(w for w in words if w not in memo))
        found = {}
        if new:
            for word, fixed in zip(new, self.spell.fix_all(new), strict=True):
                found[word] = tuple(self._select([word], True, keep_stopwords, [fixed]))
            if len(memo) + len(found) <= WORD_MEMO_SIZE:  # a flood of random words must not grow it
                memo.update(found)
        return [term for word in words for term in (found[word] if word in found else memo[word])]

    def terms(self, text: str, fix_spelling: bool = True, keep_stopwords: bool = False) -> list[str]:
        return self._select(self._words(text), fix_spelling, keep_stopwords)

    def terms_fixed_and_typed(self, message: str | ParsedMessage) -> tuple[list[str], list[str]]:
        """The terms of a message spell-fixed and as typed, from one pass of normalisation."""
        if isinstance(message, ParsedMessage):
            words = list(message.match_words)
            return self._select(words, True, False, message.match_fixed), self._select(words, False, False)
        words = self._words(message)
        return self._select(words, True, False), self._select(words, False, False)

    def all_terms(self, message: ParsedMessage) -> list[str]:
        """The spell-fixed terms of a parsed message, stopwords kept (for messages of stopwords only)."""
        return self._select(list(message.match_words), True, True, message.match_fixed)

    def has_keyword(self, entry_id: str, terms: set[str]) -> bool:
        """True when one of the entry's keywords is among the terms."""
        entry = self._entry_index.get(entry_id)
        return any(keyword <= terms for keyword in self._keywords.get(entry, ()))

    def topics_named(self, terms: set[str]) -> frozenset[str]:
        """The topics one of whose keywords is among the terms (`has_keyword` for every topic at once)."""
        return frozenset(self._entries[entry][1] for entry in self._keyword_hits(terms)
                         if self._entries[entry][0] == "topic")

    def weight(self, term: str) -> float:
        return self._idf.get(term) or self._unseen_weight(term)

    def _unseen_weight(self, term: str) -> float:
        return GENERIC_WEIGHT if term in self._generic else self._unknown_weight

    def known(self, term: str) -> bool:
        return term in self._idf

    # ------------------------------------------------------------ ranking

    def rank(self, text: str) -> tuple[list[Scored], list[Scored]]:
        """Topics and exercises, best first, each with a score in [0, 1]."""
        terms = set(self.terms(text))
        if not terms:
            # "who are you?" is all stopwords; match on every word instead.
            terms = set(self.terms(text, keep_stopwords=True))
        return self.rank_terms(terms)

    def rank_terms(self, terms: set[str]) -> tuple[list[Scored], list[Scored]]:
        if not terms:
            return [], []
        idf = self._idf
        # Summed in a fixed order: a set's order changes with the hash seed, and so would the last bits of
        # a float sum, and with them a near-tie between two topics.
        ordered = sorted(terms)
        message_weight = sum(idf.get(t) or self._unseen_weight(t) for t in ordered)
        rows = [self._term_row[t] for t in ordered if t in idf]
        if not rows:
            return [], []
        shared = self._doc_weights.dense(rows).sum(axis=0)  # phrasing -> weight it shares with the message
        covered = self._entry_weights[rows].sum(axis=0)  # entry -> weight of the message its words cover
        # A long message holds context besides its question, so how much of a phrasing it contains
        # (recall) counts for more than how much of the message the phrasing explains (precision).
        b2 = 1 + RECALL_GAIN * max(0, len(terms) - RECALL_FROM_TERMS)
        # Weighted F-beta of (overlap / message) and (overlap / phrasing), simplified; F1 when b2 is 1.
        # The constant factor (1 + b2) is applied once per entry below.
        f = shared / (message_weight + b2 * self._doc_weight_vec)
        best = np.zeros(len(self._entries))
        np.maximum.at(best, self._doc_entry_vec, f)
        topics, exercises = [], []
        phrasing_factor = BEST_PHRASING_WEIGHT * (1 + b2)
        coverage_factor = (1 - BEST_PHRASING_WEIGHT) / message_weight
        found = np.flatnonzero(best > 0)
        scores = (phrasing_factor * best[found] + coverage_factor * covered[found]).tolist()
        hits = self._keyword_hits(terms)
        entries = self._entries
        for entry, score in zip(found.tolist(), scores, strict=True):
            if entry in hits:
                score += KEYWORD_BONUS * min(hits[entry], MAX_KEYWORDS_COUNTED)
            kind, entry_id = entries[entry]
            (topics if kind == "topic" else exercises).append(Scored(kind, entry_id, round(score, 4)))
        topics.sort(key=lambda s: (-s.score, s.id not in self._finer, s.id))
        exercises.sort(key=lambda s: (-s.score, s.id))
        return topics, exercises


    def best_topics(self, term_sets: list[set[str]], allowed) -> list[Scored | None]:
        """For each term set, its best topic among those `allowed(entry_id, terms)` accepts, or None.

        The same choice as `rank_terms(terms)[0]` filtered by `allowed`, taking the first, but for all
        term sets with a few numpy operations: a long message has dozens of question segments."""
        if not term_sets:
            return []
        if not self._contiguous:  # a layout rank_terms handles, but the batch does not
            out = []
            for terms in term_sets:
                kept = [s for s in self.rank_terms(terms)[0] if allowed(s.id, terms)]
                out.append(kept[0] if kept else None)
            return out
        idf = self._idf
        n = len(term_sets)
        rows, starts = [], []
        message_weight = np.empty(n)
        b2 = np.empty(n)
        for i, terms in enumerate(term_sets):
            ordered = sorted(terms)  # a fixed order, as in rank_terms
            starts.append(len(rows))
            rows += [self._term_row[t] for t in ordered if t in idf]
            message_weight[i] = sum(idf.get(t) or self._unseen_weight(t) for t in ordered) if terms else 1.0
            b2[i] = 1 + RECALL_GAIN * max(0, len(terms) - RECALL_FROM_TERMS)
        # Only the sets with known terms are summed: reduceat over an empty slice gives the next row, and
        # an empty last set would cut the one before it short.
        known = [i for i in range(n) if starts[i] < (starts[i + 1] if i + 1 < n else len(rows))]
        if not known:
            return [None] * n
        idx = np.array([starts[i] for i in known])
        weight, gain = message_weight[known], b2[known]
        shared = self._doc_weights.reduceat(rows, idx)
        covered = np.add.reduceat(self._entry_weights[rows], idx, axis=0)
        f = shared / (weight[:, None] + gain[:, None] * self._doc_weight_vec[None, :])
        best = np.maximum.reduceat(f, self._entry_starts, axis=1)
        scores = (BEST_PHRASING_WEIGHT * (1 + gain))[:, None] * best + (
            (1 - BEST_PHRASING_WEIGHT) / weight
        )[:, None] * covered
        # Each set's topics as _pick ranks them, for all sets at once: -1 for what is no topic match.
        rows_of_scores = np.where(self._topic_entries & (best > 0), scores, -1.0)
        for row, i in enumerate(known):
            for entry, count in self._keyword_hits(term_sets[i]).items():
                if rows_of_scores[row, entry] >= 0:
                    rows_of_scores[row, entry] += KEYWORD_BONUS * min(count, MAX_KEYWORDS_COUNTED)
        orders = np.argsort(-rows_of_scores, axis=1, kind="stable").tolist()
        raws = rows_of_scores.tolist()
        out: list[Scored | None] = [None] * n
        for row, i in enumerate(known):
            out[i] = self._pick(orders[row], raws[row], term_sets[i], allowed)
        return out
        return out

    def _keyword_hits(self, terms: set[str]) -> dict[int, int]:
        """Entry -> how many of its keywords are among the terms."""
        hits: dict[int, int] = defaultdict(int)
        for term in terms:
            for entry, keyword in self._keywords_by_term.get(term, ()):
                if keyword <= terms:
                    hits[entry] += 1
        return hits

    def _pick(self, order: list[int], raw: list[float], terms: set[str], allowed) -> Scored | None:
        """The best allowed topic of one set's scores (keyword bonus added, -1 for no match; `order`:
        the entries by score, best first, stable), ranked exactly as `rank_terms` ranks."""
        first_allowed = next(
            (e for e in order if raw[e] >= 0 and allowed(self._entries[e][1], terms)), None
        )
        if first_allowed is None:
            return None
        # rank_terms sorts by the score rounded to 4 places, then finer topics first, then by id: any topic
        # that ranks before the first allowed one there is within 1e-4 of it here. Rank those exactly, keep
        # the first allowed.
        floor = raw[first_allowed] - 1e-4
        ranked = sorted(
            (Scored("topic", self._entries[e][1], round(raw[e], 4)) for e in order if raw[e] >= floor),
            key=lambda s: (-s.score, s.id not in self._finer, s.id),
        )
        return next(s for s in ranked if allowed(s.id, terms))


class _SparseRows:
    """A matrix of mostly zeros, kept by rows, whose row sums are the very floats numpy gives for the
    dense matrix, at a fraction of the cost: a long message's segments use ~80 terms, and adding 80
    dense rows of ~1,900 phrasings was the largest cost of ranking them.

    Floats of one sum only depend on the order of addition when at least three of them are not zero
    (0.0 + x is x, and x + y is y + x). So in `reduceat`, a column that no sum adds three values in is
    summed with `np.bincount`; the few others are summed by numpy's reduceat itself, on a dense block
    of just those columns (reduceat sums each column on its own, whatever the width: checked by
    tests/engine/test_matching.py). Not so `sum(axis=0)`, whose order depends on the array's width:
    a plain sum is taken on the dense rows (`dense`), cheap for the few rows of one message.

    The dense matrix itself is not kept (26 MB for the knowledge base): the few rows a sum needs are
    built from the cells, the same floats in the same places, at about the cost of copying them."""

    def __init__(self, dense: np.ndarray):
        rows, columns = np.nonzero(dense)  # row by row, each row's columns in order
        self._keep(dense.shape, rows, columns, dense[rows, columns])

    @classmethod
    def from_cells(cls, shape: tuple[int, int], rows: np.ndarray, columns: np.ndarray,
                   weights: np.ndarray) -> _SparseRows:
        """The matrix of `shape` with `weights` at (`rows`, `columns`), each cell given once: the same as
        `_SparseRows(dense)` without making the dense matrix and scanning it for its cells."""
        kept = weights != 0
        rows, columns, weights = rows[kept], columns[kept], weights[kept]
        order = np.lexsort((columns, rows))  # row by row, each row's columns in order, as np.nonzero
        matrix = cls.__new__(cls)
        matrix._keep(shape, rows[order], columns[order], weights[order])
        return matrix

    def _keep(self, shape: tuple[int, int], rows: np.ndarray, columns: np.ndarray,
              weights: np.ndarray) -> None:
        self.columns = shape[1]
        self.column = columns
        self.starts = np.zeros(shape[0] + 1, dtype=np.intp)  # row r's cells: starts[r] to starts[r+1]
        self.starts[1:] = np.cumsum(np.bincount(rows, minlength=shape[0]))
        self.weight = weights

    def dense(self, rows: list[int]) -> np.ndarray:
        """dense[rows]."""
        cells, lengths = self._cells(rows)
        block = np.zeros((len(rows), self.columns))
        block[np.repeat(np.arange(len(rows)), lengths), self.column[cells]] = self.weight[cells]
        return block

    def reduceat(self, rows: list[int], starts: np.ndarray) -> np.ndarray:
        """`np.add.reduceat(dense[rows], starts, axis=0)`: the rows of each slice summed."""
        groups, members = [], []
        for k, start in enumerate(starts.tolist()):
            stop = int(starts[k + 1]) if k + 1 < len(starts) else len(rows)
            picked = range(start, stop) if start < stop else range(start, start + 1)  # reduceat's rule
            groups += [k] * len(picked)
            members += picked
        return self._summed(
            groups, [rows[m] for m in members], len(starts),
            lambda block: np.add.reduceat(block, starts, axis=0), dense_rows=rows,
        )

    def _cells(self, rows: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the rows' cells, row after row, and how many cells each row has."""
        row_index = np.asarray(rows, dtype=np.intp)
        first = self.starts[row_index]
        lengths = self.starts[row_index + 1] - first
        return np.repeat(first - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum()), lengths

    def _summed(self, groups: list[int], rows: list[int], count: int, numpy_sum,
                dense_rows: list[int]) -> np.ndarray:
        """Per group (rows[i] belongs to groups[i]), the sum of its rows; where a column's sum adds
        three values or more, `numpy_sum` of the block of `dense_rows` decides."""
        cells, lengths = self._cells(rows)
        keys = np.repeat(np.asarray(groups, dtype=np.intp), lengths) * self.columns + self.column[cells]
        size = count * self.columns
        out = np.bincount(keys, weights=self.weight[cells], minlength=size).reshape(count, self.columns)
        addends = np.bincount(keys, minlength=size).reshape(count, self.columns)
        order_matters = np.flatnonzero((addends >= 3).any(axis=0))
        if len(order_matters):
            out[:, order_matters] = numpy_sum(self._block(dense_rows, order_matters))
        return out

    def _block(self, rows: list[int], columns: np.ndarray) -> np.ndarray:
        """dense[rows][:, columns]."""
        cells, lengths = self._cells(rows)
        position = np.full(self.columns, -1, dtype=np.intp)
        position[columns] = np.arange(len(columns))
        wanted = position[self.column[cells]]
        kept = wanted >= 0
        block = np.zeros((len(rows), len(columns)))
        block[np.repeat(np.arange(len(rows)), lengths)[kept], wanted[kept]] = self.weight[cells][kept]
        return block


def _words_of_cleaned(cleaned: str, synonyms) -> list[str]:
    """`Matcher.words_of_cleaned` with the synonym replacer given."""
    text = _SETS_BY_REPS.sub(" sets of reps ", cleaned)
    text = _OUTWARD.sub(r"\1 outward", text)
    return synonyms(tokens(text))


def _terms_of(words: Iterable[str], keep_stopwords: bool) -> list[str]:
    """The terms of words as they are (no spelling fixed): stems, without numbers (and stopwords)."""
    out = []
    for word in words:
        if word.isdigit() or "/" in word:
            continue
        if not keep_stopwords and word in STOPWORDS:
            continue
        out.append(stem(word))
    return out


def _texts(kb: KnowledgeBase, phrasings: list[tuple[int, str]], keywords: dict[int, list[str]]) -> dict:
    """Every text of the knowledge base the matcher normalises, in order (see `_normalised`)."""
    prose: list[str] = []  # the knowledge base's own prose (answers, instructions)
    for topic in kb.topics.values():
        prose += [topic.title, topic.answer]
    for exercise in kb.exercises.values():
        prose += [exercise.name, exercise.setup, exercise.easier, exercise.harder, *exercise.steps]
        prose += exercise.avoid
    return {
        "phrasings": [text for _, text in phrasings],
        "keywords": list(keywords.values()),
        "synonyms": [[canonical, list(variants)] for canonical, variants in kb.synonyms.items()],
        "prose": prose,
    }


def _texts_key(texts: dict) -> str:
    """A hash of the texts and of the code that normalises them (this module, normalise.py, Python's
    Unicode tables)."""
    code = [hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in (__file__, normalise.__file__)]
    return cache.key(*code, sys.version, json.dumps(texts))


def _normalised(texts: dict) -> dict:
    """What the matcher reads from the knowledge base's texts, as lists of words (JSON for the cache):
    the synonym tables, each phrasing's terms, each keyword's terms, the vocabulary to spell-fix towards
    and the prose's words (real words, never corrected)."""
    synonyms = {canonical: tuple(variants) for canonical, variants in texts["synonyms"]}
    mapping = _synonym_mapping(synonyms)
    replace = _synonym_replacer(mapping)
    # One-word variants and their canonical words, for words that only become a variant once spell-fixed.
    word_synonyms = {
        variant: tokens(clean(canonical))
        for canonical, variants in synonyms.items()
        for variant in map(clean, variants)
        if variant.isalpha()
    }
    # Each phrasing's words, read once (the vocabulary and the phrasing's terms both need them).
    words_of = {text: _words_of_cleaned(clean(text), replace) for text in texts["phrasings"]}
    # A misspelt variant ("repetitons") is corrected to the variant, then mapped to its canonical word.
    raw_words = {w for words in words_of.values() for w in words} | set(word_synonyms)
    # A phrasing of stopwords only ("who are you") keeps them, like a message of stopwords only.
    phrasing_terms = [
        _terms_of(words, False) or _terms_of(words, True)
        for words in (words_of[text] for text in texts["phrasings"])
    ]
    keyword_terms = [
        [terms for word in words if (terms := _terms_of(_words_of_cleaned(clean(word), replace), False))]
        for words in texts["keywords"]
    ]
    return {
        "synonyms": [[list(variant), list(canonical)] for variant, canonical in mapping.items()],
        "word_synonyms": list(word_synonyms.items()),
        "raw_words": sorted(raw_words),
        "prose_words": sorted({w for text in texts["prose"] for w in tokens(clean(text))}),
        "phrasing_terms": phrasing_terms,
        "keyword_terms": keyword_terms,
    }


def _synonym_mapping(synonyms: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each variant (one or more words) and its canonical words, tokenised like messages, so "x-ray",
    "x ray" and "a&e", "a and e" are written once."""
    mapping: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canonical, variants in synonyms.items():
        target = tuple(tokens(clean(canonical)))
        for variant in variants:
            if key := tuple(tokens(clean(variant))):
                mapping[key] = target
    return mapping


def _synonym_replacer(mapping: dict[tuple[str, ...], tuple[str, ...]]):
    """A function replacing, in a list of words, every variant of `mapping` with its canonical words.

    The longest variant starting at a word wins ("rolled my ankle" before "rolled"), scanning left to right.
    """
    # First word -> [(length, {variant: canonical})], longest first: one lookup per length, not per variant.
    grouped: dict[str, dict[int, dict[tuple[str, ...], tuple[str, ...]]]] = defaultdict(dict)
    for key, target in mapping.items():
        grouped[key[0]].setdefault(len(key), {})[key] = target
    by_first = {first: sorted(by_length.items(), reverse=True) for first, by_length in grouped.items()}

    def replace(words: list[str]) -> list[str]:
        if by_first.keys().isdisjoint(words):
            return list(words)
        out: list[str] = []
        done = 0  # words before this are in `out`
        # Only where a variant can start is there anything to try; the words between are copied whole.
        for i in [i for i, word in enumerate(words) if word in by_first]:
            if i < done:
                continue  # inside a variant already replaced
            for length, variants in by_first[words[i]]:
                target = variants.get(tuple(words[i : i + length]))
                if target is not None:
                    out.extend(words[done:i])
                    out.extend(target)
                    done = i + length
                    break
        out.extend(words[done:])
        return out

    return replace

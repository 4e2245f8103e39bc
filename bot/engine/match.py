"""Find the topic and exercises a message is about.

Each knowledge-base entry (a topic or an exercise) brings its phrasings (topic questions, exercise
names and aliases). Words are weighted by how rare they are across entries (IDF), so "colour" counts
for more than "ankle". A phrasing's score is the weighted F1 of the words it shares with the message:
both how much of the message it explains and how much of the phrasing the message contains. That is
what avoids the subset trap of `token_set_ratio`, where "hi" scores 100 against any phrasing containing
"hi". An entry's score blends its best phrasing with how much of the message its whole vocabulary covers.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from bot.engine.normalise import SpellFixer, clean, stem, tokens
from bot.knowledge import KnowledgeBase

# Words that carry no topic on their own. Deliberately short: "when", "often", "long", "before",
# "without" and "instead" stay, because they separate topics ("how often" vs "how many").
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "our",
        "us",
        "you",
        "your",
        "yours",
        "he",
        "she",
        "him",
        "her",
        "his",
        "they",
        "them",
        "their",
        "it",
        "its",
        "itself",
        "this",
        "that",
        "these",
        "those",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "about",
        "from",
        "into",
        "onto",
        "and",
        "or",
        "so",
        "if",
        "then",
        "than",
        "just",
        "also",
        "too",
        "very",
        "really",
        "please",
        "any",
        "some",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "why",
        "where",
        "im",
        "ive",
        "id",
        "ill",
        "youre",
        "get",
        "gets",
        "got",
        "getting",
        "go",
        "goes",
        "going",
        "thing",
        "things",
        "bit",
        "lot",
        "lots",
        "like",
        "know",
        "want",
        "wanted",
        "need",
        "needed",
        "anyone",
        "someone",
        "something",
        "anything",
        "ok",
        "okay",
        "um",
        "uh",
        "well",
        "still",
        "now",
        "yet",
        "right",
        "ever",
        "even",
        "much",
        "many",
        "tell",
        # Filler of chat messages: reported speech, hedges, contractions that lost their apostrophe.
        "said",
        "say",
        "says",
        "told",
        "think",
        "guess",
        "maybe",
        "actually",
        "basically",
        "literally",
        "every",
        "around",
        "round",
        "mean",
        "means",
        "meaning",
        "whats",
        "thats",
        "hows",
        "theres",
        "yeah",
        "mate",
        "while",
        "else",
        # "Quick question about my ankle": announcing a question says nothing about which one.
        "question",
        "questions",
        "wondering",
        "wonder",
        "curious",
        "quick",
    ]
)

# "3x10", "2 x 15": sets by reps, the way physios write a dose.
_SETS_BY_REPS = re.compile(r"\b\d+\s*[x\u00d7]\s*\d+\b")

# Weight of the phrasing's best F1 against the entry's whole-vocabulary coverage.
BEST_PHRASING_WEIGHT = 0.65
# Added per topic keyword present in the message (at most two count): "fracture" or "surgery" should
# pull a question towards those topics even when its other words echo a generic phrasing.
KEYWORD_BONUS = 0.08
MAX_KEYWORDS_COUNTED = 2


@dataclass(frozen=True)
class Scored:
    kind: str  # "topic" | "exercise"
    id: str
    score: float


@dataclass(frozen=True)
class _Doc:
    entry: int  # index into Matcher._entries
    terms: frozenset[str]


class Matcher:
    def __init__(self, kb: KnowledgeBase, spell: SpellFixer | None = None):
        self._synonyms = _synonym_replacer(kb.synonyms)
        self._entries: list[tuple[str, str]] = []
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

        self._word_synonyms = _word_synonyms(kb.synonyms)
        raw_words = {w for _, text in phrasings for w in tokens(clean(self._synonyms(clean(text))))}
        # A misspelt variant ("repetitons") is corrected to the variant, then mapped to its canonical word.
        raw_words |= set(self._word_synonyms)
        self.spell = spell or SpellFixer(raw_words, protected=STOPWORDS | _prose_words(kb), same_initial=True)
        self._docs = []
        for entry, text in phrasings:
            # A phrasing of stopwords only ("who are you") keeps them, like a message of stopwords only.
            terms = self.terms(text, fix_spelling=False) or self.terms(
                text, fix_spelling=False, keep_stopwords=True
            )
            if terms:
                self._docs.append(_Doc(entry, frozenset(terms)))
        # A keyword of several words ("foot drop", "heel spur") counts only when all of them are there.
        self._keywords = {
            entry: tuple(
                {frozenset(terms) for word in words if (terms := self.terms(word, fix_spelling=False))}
            )
            for entry, words in keywords.items()
            if words
        }

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
        # A word the knowledge base never uses still dilutes the match (it is about something else).
        self._unknown_weight = math.log(1 + n / 2)
        self._entry_terms = {e: frozenset(t) for e, t in entry_terms.items()}
        self._index: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(self._docs):
            for term in doc.terms:
                self._index[term].append(i)
        self._doc_weight = [sum(self._idf[t] for t in d.terms) for d in self._docs]
        self._doc_entry = [d.entry for d in self._docs]
        self._term_entries: dict[str, tuple[int, ...]] = defaultdict(tuple)
        for term in self._idf:
            self._term_entries[term] = tuple(e for e, vocab in self._entry_terms.items() if term in vocab)

    # ------------------------------------------------------------ text -> terms

    def terms(self, text: str, fix_spelling: bool = True, keep_stopwords: bool = False) -> list[str]:
        words = tokens(clean(self._synonyms(_SETS_BY_REPS.sub(" sets of reps ", clean(text)))))
        if fix_spelling:
            words = [self._word_synonyms.get(w, w) for w in self.spell.fix_all(words)]
        out = []
        for word in words:
            if word.isdigit() or "/" in word:
                continue
            if not keep_stopwords and word in STOPWORDS:
                continue
            out.append(stem(word))
        return out

    def weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_weight)

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
        message_weight = sum(idf.get(t, self._unknown_weight) for t in terms)
        shared: dict[int, float] = defaultdict(float)  # phrasing -> weight it shares with the message
        covered: dict[int, float] = defaultdict(float)  # entry -> weight of the message its words cover
        for term in terms:
            w = idf.get(term)
            if w is None:
                continue
            for doc_index in self._index[term]:
                shared[doc_index] += w
            for entry in self._term_entries[term]:
                covered[entry] += w
        best: dict[int, float] = {}
        doc_entry, doc_weight = self._doc_entry, self._doc_weight
        for doc_index, overlap in shared.items():
            # Weighted F1 of (overlap / message) and (overlap / phrasing), simplified.
            f1 = 2 * overlap / (message_weight + doc_weight[doc_index])
            entry = doc_entry[doc_index]
            if f1 > best.get(entry, 0.0):
                best[entry] = f1
        topics, exercises = [], []
        for entry, f1 in best.items():
            score = BEST_PHRASING_WEIGHT * f1 + (1 - BEST_PHRASING_WEIGHT) * covered[entry] / message_weight
            keywords = self._keywords.get(entry)
            if keywords:
                hits = sum(1 for keyword in keywords if keyword <= terms)
                score += KEYWORD_BONUS * min(hits, MAX_KEYWORDS_COUNTED)
            kind, entry_id = self._entries[entry]
            (topics if kind == "topic" else exercises).append(Scored(kind, entry_id, round(score, 4)))
        topics.sort(key=lambda s: (-s.score, s.id))
        exercises.sort(key=lambda s: (-s.score, s.id))
        return topics, exercises


def _word_synonyms(synonyms: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """One-word variants and their canonical word, for words that only become a variant once spell-fixed."""
    return {
        variant: canonical
        for canonical, variants in synonyms.items()
        for variant in map(clean, variants)
        if variant.isalpha()
    }


def _prose_words(kb: KnowledgeBase) -> set[str]:
    """Ordinary words of the knowledge base's own prose (answers, instructions): real words, not typos."""
    texts: list[str] = []
    for topic in kb.topics.values():
        texts += [topic.title, topic.answer]
    for exercise in kb.exercises.values():
        texts += [exercise.name, exercise.setup, exercise.easier, exercise.harder, *exercise.steps]
        texts += exercise.avoid
    return {w for text in texts for w in tokens(clean(text))}


def _synonym_replacer(synonyms: dict[str, tuple[str, ...]]):
    """A function replacing every variant (already cleaned text) with its canonical word."""
    mapping: dict[str, str] = {}
    for canonical, variants in synonyms.items():
        for variant in variants:
            mapping[clean(variant)] = canonical
    if not mapping:
        return lambda text: text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(v) for v in sorted(mapping, key=len, reverse=True)) + r")\b"
    )
    return lambda text: pattern.sub(lambda m: mapping[m.group(1)], text)

"""The learned safety net under the triage rules: it may raise the rules' level, never lower it.

One "level >= k" logistic regression per level (routine, urgent, emergency) over word 1-2-grams and
character 3-5-grams of each word, trained with scikit-learn by `ankle-bot kb train` (bot/training.py)
on the labelled corpus in knowledge/corpus/. The weights live in knowledge/safety_net.json.gz with a
hash of the corpus they came from; loading refuses a missing, corrupt or stale file.

At run time this small pure-Python scorer computes the same tf-idf features and probabilities as the
training library (tests/engine/test_safety_net.py proves it against scikit-learn). The whole message
and each of its sentences are scored, so a flag buried in a long story is not diluted.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from bot.engine import cache
from bot.engine.triage import TriageResult
from bot.knowledge import level_rank

# Bump when `features` changes: a model trained on other features is then refused as stale.
FEATURES_VERSION = 1
MODEL_FILE = "safety_net.json.gz"
CORPUS_DIR = "corpus"
LEVELS = ("none", "routine", "urgent", "emergency")
# Only the start of a pasted novel is scored (Telegram's own limit is 4,096 characters).
MAX_CHARS = 5000
# A sentence this short says too little to be scored on its own; it still counts in the whole message.
MIN_SENTENCE_WORDS = 3
CHAR_NGRAMS = (3, 4, 5)
WORD_CACHE_SIZE = 50_000  # words whose character n-grams are kept as feature indices
MODEL_REASON = "Something in your message sounds like it needs checking by a professional."
# The id a raise by the model carries among the fired rules (kb gaps lists these messages for review).
SAFETY_NET_RULE = "safety-net"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?;\n]+(?:\s|$)|\n")


class SafetyNetError(Exception):
    """The model file is missing, unreadable, or was trained on another corpus."""


def prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower()
    return text.replace("’", "'").replace("‘", "'")


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(prepare(text)) if part.strip()]


def word_char_ngrams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i : i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)]


def sentence_features(sentence: str) -> Counter[str]:
    """Word unigrams and bigrams, and character 3-5-grams inside each word padded with spaces."""
    words = _WORD.findall(sentence)
    found: Counter[str] = Counter()
    for word in words:
        found["w " + word] += 1
        found.update("c " + gram for gram in word_char_ngrams(word))
    for first, second in zip(words, words[1:], strict=False):
        found[f"b {first} {second}"] += 1
    return found


def message_features(text: str) -> Counter[str]:
    """The whole message's features: the sum of its sentences', so that training (on whole messages)
    and scoring (the whole and each sentence) read the same features."""
    whole: Counter[str] = Counter()
    for sentence in sentences(text):
        whole.update(sentence_features(sentence))
    return whole


def corpus_hash(root: Path) -> str:
    """A hash of every corpus file and of the feature version: any edit makes the model stale."""
    digest = hashlib.sha256(f"features-{FEATURES_VERSION}\n".encode())
    for path in sorted((root / CORPUS_DIR).glob("*.jsonl")):
        digest.update(path.name.encode() + b"\n" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class NetResult:
    level: str  # the highest level the message or one of its sentences reaches, or "none"
    probabilities: dict[str, float]  # P(level >= k) for routine, urgent, emergency, of the whole message
    sentence: str | None = None  # the sentence that raised the level (None: the whole message did)
    sentence_probabilities: dict[str, float] | None = None  # the highest of its sentences' P(level >= k)


class SafetyNet:
    def __init__(self, model: dict):
        names: list[str] = model["features"]
        self.vocabulary: dict[str, int] = {f: i for i, f in enumerate(names)}
        self.idf: list[float] = model["idf"]
        self.levels: list[dict] = model["levels"]  # one per level >= 1: coef, intercept, threshold
        self.corpus_hash: str = model["corpus_hash"]
        self.trained: dict = model.get("trained", {})
        # The scoring path looks words up without building feature names: words and bigrams in one
        # table, and each word's character n-grams cached as feature indices (words repeat a lot).
        self._words = {n[2:]: i for i, n in enumerate(names) if n[0] in "wb"}
        self._chars = {n[2:]: i for i, n in enumerate(names) if n[0] == "c"}
        self._word_cache: dict[str, tuple[int, ...]] = {}
        self._idf = np.asarray(self.idf, dtype=np.float64)
        self._coef = np.asarray([lv["coef"] for lv in self.levels], dtype=np.float64)
        self._intercepts = np.asarray([lv["intercept"] for lv in self.levels], dtype=np.float64)

    @classmethod
    def load(cls, root: Path) -> SafetyNet:
        path = root / MODEL_FILE
        if not path.is_file():
            raise SafetyNetError(f"{path}: missing; run `ankle-bot kb train` (pip install '.[train]')")
        try:
            data = path.read_bytes()
            # The model as built from this very file by this very code, from the engine's cache when
            # there (decompressing and indexing ~40,000 features is most of loading it).
            name = "safety-net-" + cache.key(
                hashlib.sha256(data).hexdigest(), hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
            )
            net = cache.cached_object(name, lambda: cls._from_bytes(data), SafetyNet)
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise SafetyNetError(f"{path}: corrupt ({exc}); run `ankle-bot kb train`") from exc
        expected = corpus_hash(root)
        if net.corpus_hash != expected:
            raise SafetyNetError(
                f"{path}: stale, trained on another version of {root / CORPUS_DIR}; run `ankle-bot kb train`"
            )
        return net

    @classmethod
    def _from_bytes(cls, data: bytes) -> SafetyNet:
        model = json.loads(gzip.decompress(data).decode("utf-8"))
        _check_shape(model)
        return cls(model)

    def probabilities(self, features: Counter[str]) -> list[float]:
        """P(level >= k) for k = routine, urgent, emergency, as scikit-learn's predict_proba gives it."""
        known = [(self.vocabulary[f], c) for f, c in features.items() if f in self.vocabulary]
        indices = np.asarray([i for i, _ in known], dtype=np.int64)
        counts = np.asarray([c for _, c in known], dtype=np.float64)
        return self._score(indices, counts, np.zeros(len(known), dtype=np.int64), 1)[0].tolist()

    def _score(self, indices: np.ndarray, counts: np.ndarray, part: np.ndarray, parts: int) -> np.ndarray:
        """P(level >= k) for each part: sublinear tf-idf, l2-normalised per part, then one logistic
        regression per level. Row p of the result is part p's probabilities."""
        weights = (1.0 + np.log(counts)) * self._idf[indices] if len(indices) else np.zeros(0)
        norms = np.sqrt(np.bincount(part, weights * weights, minlength=parts))
        norms[norms == 0.0] = 1.0
        dots = np.stack([np.bincount(part, self._coef[k, indices] * weights, minlength=parts)
                         for k in range(len(self.levels))], axis=1)
        z = self._intercepts + dots / norms[:, None]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -700, 700)))

    def _indices(self, words: list[str]) -> list[int]:
        """A sentence's known features as indices, repeated as often as they occur: the same features
        as `sentence_features` of the sentence these are the words of, without building their names."""
        found: list[int] = []
        for word in words:
            grams = self._word_cache.get(word)
            if grams is None:
                grams = tuple(i for g in word_char_ngrams(word) if (i := self._chars.get(g)) is not None)
                if (i := self._words.get(word)) is not None:
                    grams += (i,)
                if len(self._word_cache) < WORD_CACHE_SIZE:
                    self._word_cache[word] = grams
            found.extend(grams)
        for first, second in zip(words, words[1:], strict=False):
            if (index := self._words.get(f"{first} {second}")) is not None:
                found.append(index)
        return found

    def assess(self, text: str) -> NetResult:
        split = sentences(text)
        words = [_WORD.findall(sentence) for sentence in split]
        # Each sentence's features are read once: the whole message's are their sum.
        features = [self._indices(sentence_words) for sentence_words in words]
        # Part 0 is the whole message; parts 1.. its sentences (scored only when there are several).
        scored = [k for k, w in enumerate(words) if len(w) >= MIN_SENTENCE_WORDS] if len(split) > 1 else []
        size = len(self.vocabulary)
        # Keys: a feature of the whole message is its index; of scored sentence p, p * size + index.
        keys = np.array(list(chain.from_iterable(features)), dtype=np.int64)
        if scored:
            part_of_sentence = np.zeros(len(split), dtype=np.int64)
            part_of_sentence[scored] = np.arange(1, len(scored) + 1)
            part = np.repeat(part_of_sentence, [len(f) for f in features])
            in_part = part > 0
            keys = np.concatenate([keys, keys[in_part] + part[in_part] * size])
        unique, counts = np.unique(keys, return_counts=True)
        probs = self._score(unique % size, counts.astype(np.float64), unique // size, len(scored) + 1)
        whole, parts = probs[0], probs[1:]
        best_part = parts.max(axis=0) if len(parts) else np.zeros(len(self.levels))
        # Levels are ordered: the model reaches level k only when it also reaches every level below
        # ("needs care at all", then "today"...). A message it does not rate as needing care is no
        # emergency for it either, however much it looks like one word by word. A sentence alone has
        # its own, stricter threshold: scored one by one, the many sentences of a long benign story
        # would otherwise raise far more of them than the whole message does.
        reached, by_sentence = 0, False
        while reached < len(self.levels):
            level = self.levels[reached]
            if whole[reached] >= level["threshold"]:
                reached += 1
            elif best_part[reached] >= level.get("sentence_threshold", level["threshold"]):
                reached, by_sentence = reached + 1, True
            else:
                break
        sentence = split[scored[int(parts[:, reached - 1].argmax())]] if by_sentence and reached else None
        return NetResult(LEVELS[reached], dict(zip(LEVELS[1:], whole.tolist(), strict=True)), sentence,
                         dict(zip(LEVELS[1:], best_part.tolist(), strict=True)))


def raise_only(rules: TriageResult, net: NetResult) -> TriageResult:
    """max(rules, model): the model may add a level the rules did not reach, never take one away."""
    if level_rank(net.level) <= level_rank(rules.level):
        return rules
    return TriageResult(net.level, (*rules.rules, SAFETY_NET_RULE), (MODEL_REASON,))


def _check_shape(model: dict) -> None:
    size = len(model["features"])
    if len(model["idf"]) != size or len(model["levels"]) != len(LEVELS) - 1:
        raise ValueError("features, idf and levels do not fit together")
    for level in model["levels"]:
        thresholds = (float(level["threshold"]), float(level.get("sentence_threshold", 0.5)))
        if len(level["coef"]) != size or not all(0.0 < t < 1.0 for t in thresholds):
            raise ValueError("a level's weights or threshold are malformed")

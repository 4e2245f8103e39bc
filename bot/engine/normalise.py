"""Text normalisation shared by triage and matching.

Messages arrive in lower or upper case, with typos, stretched letters ("sooo swollen"), British or US
spelling and contractions. Normalising once, the same way for the knowledge base and for messages, lets
the rest of the engine compare plain tokens.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from bot.engine.spelling import Speller

# Longest accepted input for analysis; Telegram caps messages at 4096 characters, so this only trims
# pasted novels (and keeps the per-message cost bounded).
MAX_CHARS = 20_000

_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "can not": "cannot",
    "cnt": "cannot",
    "couldn't": "couldnt",
    "won't": "wont",
    "don't": "dont",
    "doesn't": "doesnt",
    "didn't": "didnt",
    "isn't": "isnt",
    "aren't": "arent",
    "wasn't": "wasnt",
    "haven't": "havent",
    "hasn't": "hasnt",
    "i'm": "im",
    "it's": "its",
    "i've": "ive",
    "what's": "whats",
    "shouldn't": "shouldnt",
    "wouldn't": "wouldnt",
}

# British -> US spelling and frequent misspellings, token level. Both sides of the knowledge base and
# the messages pass through this, so the choice of canonical form does not matter.
_SPELLING = {
    "colour": "color",
    "colours": "colors",
    "coloured": "colored",
    "mobilisation": "mobilization",
    "mobilise": "mobilize",
    "mobilising": "mobilizing",
    "mobilisations": "mobilizations",
    "oedema": "edema",
    "orthopaedic": "orthopedic",
    "paralysed": "paralyzed",
    "tyre": "tire",
    "centre": "center",
    "favourite": "favorite",
    "programme": "program",
    "programmes": "programs",
    "practise": "practice",
    "stabilise": "stabilize",
    "stabilising": "stabilizing",
    "recognise": "recognize",
    "excercise": "exercise",
    "excercises": "exercises",
    "exercize": "exercise",
    "exersise": "exercise",
    "exersises": "exercises",
    "excersise": "exercise",
    "excersises": "exercises",
    "exercice": "exercise",
    "exercices": "exercises",
    "exrecise": "exercise",
    "exercies": "exercises",
    "exercis": "exercise",
    "ankel": "ankle",
    "ancle": "ankle",
    "anckle": "ankle",
    "ankl": "ankle",
    "ankels": "ankles",
    "strech": "stretch",
    "streches": "stretches",
    "streching": "stretching",
    "stretchs": "stretches",
    "swolen": "swollen",
    "swollon": "swollen",
    "sweling": "swelling",
    "swellin": "swelling",
    "balence": "balance",
    "ballance": "balance",
    "physo": "physio",
    "fisio": "physio",
    "pyhsio": "physio",
    "theraband": "theraband",
    "thera-band": "theraband",
    "therabands": "therabands",
    "achiles": "achilles",
    "achillies": "achilles",
    "archilles": "achilles",
    "tendonitis": "tendinitis",
    "planter": "plantar",
    "fascitis": "fasciitis",
    "fasciatis": "fasciitis",
    "fasciits": "fasciitis",
    "repititions": "repetitions",
    "repetions": "repetitions",
    "reptitions": "repetitions",
    "sholud": "should",
    "shoud": "should",
    "wat": "what",
    "wht": "what",
    "hw": "how",
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thanks",
    "brethe": "breathe",
    "breath": "breath",
    "numbe": "numb",
    "tinglin": "tingling",
    "surgury": "surgery",
    "surgey": "surgery",
    "sugery": "surgery",
    "operaton": "operation",
    "fractur": "fracture",
    "fratcure": "fracture",
    "sprane": "sprain",
    "spained": "sprained",
    "sprainned": "sprained",
    "twisterd": "twisted",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_STRETCHED = re.compile(r"(\w)\1{2,}")
# A full stop or comma between digits is part of a number ("temp 38.5", "1,000 steps"), not a break.
_CLAUSE_BREAK = re.compile(
    r"(?:[;!?:\n()\[\]]|[.,](?!\d)|(?<!\d)[.,])+|\s[-\u2013\u2014]+\s|\b(?:but|however|although|though|except)\b"
)
_ASIDE = re.compile(r"\(([^()]*)\)([^.!?\n()]*)")  # an aside, and the rest of its sentence
_WORD = re.compile(r"[a-z0-9]+(?:/[0-9]+)?")
_CONTRACTION_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_CONTRACTIONS, key=len, reverse=True)) + r")\b"
)


def clean(text: str) -> str:
    """Lower case, unicode-folded, apostrophes unified, stretched letters shortened."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).translate(_APOSTROPHES).lower()
    text = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], text)
    text = text.replace("'", "")
    return _STRETCHED.sub(r"\1\1", text)


def tokens(text: str) -> list[str]:
    """Words of already-cleaned text, with spelling variants mapped to one form."""
    return [_SPELLING.get(word, word) for word in _WORD.findall(text)]


def clauses(text: str) -> list[list[str]]:
    """Text cleaned and split into clauses (for negation scope), each a token list."""
    return split_clauses(clean(text))


def split_clauses(cleaned: str) -> list[list[str]]:
    """Already-cleaned text split into clauses, each a token list.

    An aside in brackets is a clause of its own, right after the rest of its sentence, and the words
    around it stay one clause: "my calf (the leg in the boot) is sore" is "my calf is sore" and "the leg
    in the boot". Kept in its sentence, an aside keeps its time ("In 2021 (bone through the skin) ...").
    """
    if "(" in cleaned:
        cleaned = _ASIDE.sub(lambda m: f" {m.group(2)}\n{m.group(1)}\n", cleaned)
    return [tok for part in _CLAUSE_BREAK.split(cleaned) if (tok := tokens(part))]


class SpellFixer:
    """Maps unknown words to the closest known word (knowledge-base and red-flag vocabulary).

    Short words are left alone: at four letters or fewer a one-letter change is another word. English
    words are never corrected (see `bot/engine/spelling.py`). `protected` words are real words that are
    never corrected but never offered as a correction either (ordinary English from the answers, so
    "wearing" is not read as "bearing"). With `same_initial`, a correction keeps the first letter: typos
    rarely change it, while real words that happen to be one letter away from a knowledge-base word often
    do ("inner" / "dinner", "version" / "eversion").

    A front for a `Speller` with one view; the engine shares one `Speller` between triage and matching.
    """

    def __init__(
        self,
        vocabulary: Iterable[str],
        cutoff: float = 85.0,
        protected: Iterable[str] = (),
        same_initial: bool = False,
        speller: Speller | None = None,
    ):
        self.speller = speller or Speller(cutoff)
        self.view = self.speller.add_view(vocabulary, protected, same_initial)
        self.vocabulary = self.view.vocabulary

    def fix(self, word: str) -> str:
        return self.fix_all([word])[0]

    def fix_all(self, words: list[str]) -> list[str]:
        fixed = self.speller.fix(words, [self.view])[0]
        return [fixed[w] for w in words]


_STEM_KEEP = {
    "cross",
    "press",
    "less",
    "loss",
    "across",
    "bus",
    "yes",
    "achilles",
    "plus",
    "thus",
    "this",
    "was",
    "has",
    "does",
    "is",
    "its",
    "us",
    "always",
    "sometimes",
    "news",
    "pass",
    "stress",
    "lateral",
    "ball",
    "fall",
    "still",
    "sprint",
    "times",
    "tape",  # not "tap"
}


@functools.lru_cache(maxsize=50_000)  # the same words come back in every message
def stem(word: str) -> str:
    """A light suffix stripper: enough to make 'stretches', 'stretching' and 'stretch' meet."""
    if len(word) <= 3 or word in _STEM_KEEP or not word.isalpha():
        return word
    suffixes = (("iest", "y"), ("ier", "y"), ("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""),
                ("ly", ""))
    for suffix, replacement in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    else:
        if word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
    # "running" -> "runn" -> "run"; "stopped" -> "stopp" -> "stop"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word

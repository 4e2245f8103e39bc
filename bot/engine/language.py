"""Which language a message is in, when it is clearly not English (data: knowledge/languages.yaml).

The bot only understands English. A message in another language gets that said honestly, in that
language where the knowledge base has the sentence, always with the emergency number. Detection is
deliberately cautious: non-native and misspelt English keeps its English small words, so it is never
taken for another language (tests/engine/test_language.py holds both kinds).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

FILE = "languages.yaml"
# A language in Latin letters needs at least this many of its small words (distinct), and more than
# English ones.
MIN_FOREIGN_WORDS = 3
# Share of letters in a script that makes a message that script's language.
MIN_SCRIPT_SHARE = 0.5

# Unicode name prefixes of the scripts languages.yaml may name.
_SCRIPTS = {
    "cyrillic": ("CYRILLIC",), "arabic": ("ARABIC",), "devanagari": ("DEVANAGARI",),
    "han": ("CJK UNIFIED",), "kana": ("HIRAGANA", "KATAKANA"), "hangul": ("HANGUL",),
    "greek": ("GREEK",), "hebrew": ("HEBREW",), "thai": ("THAI",),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class LanguageError(Exception):
    pass


@dataclass(frozen=True)
class Language:
    id: str
    name: str
    reply: str  # contains {emergency_number}
    words: frozenset[str] = frozenset()
    script: str | None = None


class Languages:
    def __init__(self, languages: list[Language], english_words: frozenset[str], fallback: str):
        self.languages = languages
        self.english_words = english_words
        self.fallback = fallback
        self._by_script = {lang.script: lang for lang in languages if lang.script}

    @classmethod
    def load(cls, root: Path) -> Languages:
        problems: list[str] = []
        languages = _read(root / FILE, problems)
        if problems:
            raise LanguageError("\n".join(problems))
        return languages

    def detect(self, text: str) -> Language | None:
        """The message's language when it is clearly not English, else None."""
        head = text[:2000]
        letters = sum(ch.isalpha() for ch in head) if not head.isascii() else 1
        if not letters:
            return None
        scripts: dict[str, int] = {}
        if not head.isascii():  # ASCII is Latin script: only other text needs a look at each letter
            for ch in head:
                script = _script(ch) if ch.isalpha() else None
                if script is not None:
                    scripts[script] = scripts.get(script, 0) + 1
        if scripts:
            script, count = max(scripts.items(), key=lambda item: item[1])
            if count / letters >= MIN_SCRIPT_SHARE:
                return self._by_script.get(script) or Language("other", "another language", self.fallback)
        words = {w.lower() for w in _WORD.findall(text[:2000])}  # distinct: "po ... po" is one word
        english = len(words & self.english_words)
        best, best_count = None, 0
        for lang in self.languages:
            count = len((words & lang.words) - self.english_words)
            if count > best_count:
                best, best_count = lang, count
        if best is not None and best_count >= MIN_FOREIGN_WORDS and best_count > english:
            return best
        return None


# libyaml's safe loader is several times faster (as in bot/knowledge.py); the pure-Python one otherwise.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=4096)
def _script(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    for script, prefixes in _SCRIPTS.items():
        if name.startswith(prefixes):
            return script
    return None


def check(root: Path) -> list[str]:
    """Every problem in languages.yaml (for `kb check`)."""
    problems: list[str] = []
    _read(root / FILE, problems)
    return problems


def _read(path: Path, problems: list[str]) -> Languages:
    where = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{where}: cannot be read ({exc})")
        return Languages([], frozenset(), "")
    fallback = data.get("fallback_reply")
    if not isinstance(fallback, str) or "{emergency_number}" not in fallback:
        problems.append(f"{where}, field 'fallback_reply': needs a sentence with {{emergency_number}}")
        fallback = ""
    english = data.get("english_words")
    if not isinstance(english, list) or not english:
        problems.append(f"{where}, field 'english_words': needs a list of English small words")
        english = []
    languages = []
    for number, entry in enumerate(data.get("languages") or [], start=1):
        ident = entry.get("id") if isinstance(entry, dict) else None
        label = f"{where}: entry {ident or number!r}"
        if not isinstance(entry, dict) or not isinstance(ident, str):
            problems.append(f"{label}, field 'id': needs a language id")
            continue
        reply, words, script = entry.get("reply"), entry.get("words"), entry.get("script")
        if not isinstance(reply, str) or "{emergency_number}" not in reply:
            problems.append(f"{label}, field 'reply': needs a sentence with {{emergency_number}}")
            continue
        if script is not None and script not in _SCRIPTS:
            problems.append(f"{label}, field 'script': one of {', '.join(_SCRIPTS)}")
            continue
        if script is None and not (isinstance(words, list) and len(words) >= MIN_FOREIGN_WORDS):
            problems.append(f"{label}, field 'words': needs at least {MIN_FOREIGN_WORDS} small words")
            continue
        languages.append(Language(ident, str(entry.get("name", ident)), reply,
                                  frozenset(str(w).lower() for w in words or ()), script))
    return Languages(languages, frozenset(str(w).lower() for w in english), fallback)

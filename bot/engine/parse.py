"""Parse once: a message becomes one `ParsedMessage` that triage and matching share.

Before this, the text was cleaned and spell-fixed three or more times per message (triage, matching,
the second-question search). Now `Parser.parse` cleans it once, splits it into clauses once, and
spell-fixes every unknown word of the message, for triage and for matching at once, with one
`process.cdist` call (see `bot/engine/spelling.py`). Real-word slips ("brake my ankle") are applied to
the spell-fixed reading only, so the message is also read as typed: a correction can add a red flag,
never hide one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from bot.engine.context import ContextReader
from bot.engine.normalise import clean, split_clauses, tokens
from bot.engine.spelling import Speller, SpellView

Words = tuple[str, ...]


@dataclass(frozen=True)
class ParsedMessage:
    text: str  # as received
    cleaned: str  # lower case, contractions unified, stretched letters shortened
    clauses: tuple[Words, ...]  # each clause's tokens as typed (spelling variants mapped)
    fixed_clauses: tuple[Words, ...]  # the same clauses spell-fixed for triage, real-word slips applied
    match_words: Words  # the matcher's words (its synonyms applied), as typed
    match_fixed: Words  # the same words spell-fixed for matching, real-word slips applied

    @property
    def words(self) -> Words:
        return tuple(w for clause in self.clauses for w in clause)


def phrase_replacer(mapping: dict[Words, Words]) -> Callable[[Words], Words]:
    """Replaces, left to right, the longest phrase of `mapping` that starts at each word."""
    by_first: dict[str, list[tuple[Words, Words]]] = defaultdict(list)
    for key, target in sorted(mapping.items(), key=lambda item: -len(item[0])):
        by_first[key[0]].append((key, target))
    first_words = frozenset(by_first)

    def replace(words: Words) -> Words:
        if first_words.isdisjoint(words):
            return words
        out: list[str] = []
        done = 0  # words before this are in `out`
        # Only where a phrase can start is there anything to try; the words between are copied whole.
        for i in [i for i, word in enumerate(words) if word in first_words]:
            if i < done:
                continue  # inside a phrase already replaced
            for key, target in by_first[words[i]]:
                if words[i : i + len(key)] == key:
                    out.extend(words[done:i])
                    out.extend(target)
                    done = i + len(key)
                    break
        if not done:
            return tuple(words)  # nothing replaced
        out.extend(words[done:])
        return tuple(out)

    return replace


class Parser:
    """Builds `ParsedMessage`s. `match_words` turns cleaned text into the matcher's words."""

    def __init__(
        self,
        speller: Speller,
        triage_view: SpellView,
        match_view: SpellView,
        match_words: Callable[[str], list[str]],
        real_word_slips: dict[str, str],
        context: ContextReader | None = None,
    ):
        self.speller = speller
        self.triage_view = triage_view
        self.match_view = match_view
        self._match_words = match_words
        self._context = context
        slips = {
            tuple(tokens(clean(typed))): tuple(tokens(clean(meant)))
            for typed, meant in real_word_slips.items()
        }
        self.apply_slips = phrase_replacer({k: v for k, v in slips.items() if k and v})

    def _slips(self, words: Words) -> Words:
        # Twice: slips may overlap ("brake my angle" is "break my" and then "my ankle").
        return self.apply_slips(self.apply_slips(words))

    def parse(self, text: str) -> ParsedMessage:
        cleaned = clean(text)
        clauses = tuple(tuple(words) for words in split_clauses(cleaned))
        for_matching = cleaned
        if self._context is not None:
            things = [self._context.words_about_things(clause) for clause in clauses]
            if any(things):
                # "my phone screen is broken": a broken thing is no question for a topic about fractures.
                # (Rare: only then is the text for matching rebuilt from its words, clause by clause.)
                for_matching = ". ".join(
                    " ".join(w for i, w in enumerate(clause) if i not in out)
                    for clause, out in zip(clauses, things, strict=True)
                )
        match_words = tuple(self._match_words(for_matching))
        every_word = [w for clause in clauses for w in clause]
        every_word += match_words
        triage_fix, match_fix = self.speller.fix(every_word, (self.triage_view, self.match_view))
        fixed_clauses = tuple(self._slips(tuple(triage_fix[w] for w in c)) for c in clauses)
        match_fixed = self._slips(tuple(match_fix[w] for w in match_words))
        return ParsedMessage(text, cleaned, clauses, fixed_clauses, match_words, match_fixed)

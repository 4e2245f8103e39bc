"""Follow-ups: a short message right after an answer ("and how long for?", "what about the other
one?") continues that answer's topic. The conversation layer knows which answer came last (its stored
state); this decides whether a message continues it, and which part of the topic it asks about.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.engine.answer import Answer
from bot.engine.facts import Facts
from bot.engine.shape import fits_phase
from bot.knowledge import KnowledgeBase, Topic, sentences

MAX_WORDS = 9
_STARTS = re.compile(
    r"^\W*(?:ok(?:ay)?|so|and|but|also|then|yes|no|right|thanks)?\W*(?:and\s+)?"
    r"(?:what about|how about|and|for how long|how long|how often|how many|how much|how far|how soon|"
    r"what if|is that|is it|does that|does it|can i|should i|why|when|which|the other|other one|"
    r"same for|even|only|also|too)\b", re.IGNORECASE)
# What a follow-up asks about -> words of the sentences that answer it.
_ASKS = (
    (re.compile(r"\bhow long|for how long|how many (?:minutes|seconds|weeks|days|months)|how soon", re.I),
     re.compile(r"\d+\s*(?:-\s*\d+\s*)?(?:minutes?|seconds?|days?|weeks?|months?)|\bminutes?\b|\bseconds?\b|"
                r"\bweeks?\b|\bmonths?\b|\blong\b", re.I)),
    (re.compile(r"\bhow often|how many times|every day|a day\b|per day|a week\b|per week", re.I),
     re.compile(r"\btimes\b|a day|a week|every day|daily|days a week|\boften\b", re.I)),
    (re.compile(r"\bthe other|other one|other side|other leg|other foot|both", re.I),
     re.compile(r"\bother\b|\bboth\b|\beach\b|\blater\b|\bthen\b", re.I)),
    (re.compile(r"\bhow many|how much", re.I), re.compile(r"\d+\s*-\s*\d+|\bsets?\b|\breps?\b", re.I)),
)


# Matcher terms that name no subject of their own: "and how long for?", "what about the other one?".
GENERIC_TERMS = frozenset("long often howmany other one last only far ankl foot feet side time much normal "
                          "ok okay day week then".split())


def continues(text: str, topic_id: str, alone: Answer, kb: KnowledgeBase,
              terms: Callable[[str], list[str]]) -> bool:
    """Does the message continue the last answer (about `topic_id`) rather than ask something new?"""
    words = text.split()
    if not words or len(words) > MAX_WORDS:
        return False
    own = kb.topics.get(alone.topic or "")
    if own is not None and own.kind == "clinical" and alone.topic != topic_id and (
        set(terms(text)) - GENERIC_TERMS
    ):
        return False  # "and for the swelling?" after an answer about ice: a question of its own
    if _STARTS.search(text):
        return True
    # A short message the engine cannot place on its own ("only ice so far"), or answers with chatter.
    topic = kb.topics.get(alone.topic or "")
    return alone.topic is None or topic is None or topic.kind != "clinical"


def focus(topic: Topic, text: str, facts: Facts, terms: Callable[[str], list[str]]) -> str:
    """The sentences of the topic that answer the follow-up (at most two), or its short answer."""
    wanted = [answer for asks, answer in _ASKS if asks.search(text)]
    asked_terms = set(terms(text))
    candidates = [s for s in sentences(topic.answer) if fits_phase(s, facts.phase)]
    scored = []
    for index, sentence in enumerate(candidates):
        score = sum(2 for pattern in wanted if pattern.search(sentence))
        score += len(asked_terms & set(terms(sentence)))
        if score:
            scored.append((score, index, sentence))
    if not scored:
        return topic.short_for(facts.phase)
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:2]
    return " ".join(sentence for _, _, sentence in sorted(best, key=lambda item: item[1]))

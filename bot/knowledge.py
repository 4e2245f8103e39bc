"""Load and validate the knowledge base (the YAML files in `knowledge/`).

Everything clinical the bot says comes from here. Validation collects every problem at once and names
the file, the entry and the field, so a clinician editing YAML can fix a batch of mistakes in one go.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

LEVELS = ("none", "routine", "urgent", "emergency")
STAGE_IDS = ("early-mobility", "strengthening", "return-to-sport")
CATEGORIES = ("mobility", "stretch", "strength", "balance", "functional")
TOPIC_KINDS = ("clinical", "smalltalk")
# Phases of recovery a topic's short answer may have a variant for (see bot/engine/facts.py): the first
# days after an injury; the first weeks after a cast or an operation; months later; years later.
PHASES = ("first-days", "first-weeks", "months", "years")
# The text before "More": 1-3 short sentences.
SHORT_MAX_CHARS = 360
SHORT_MAX_SENTENCES = 3
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Triage joins a message's clauses with " | " and searches them in one go; a pattern may only span
# words and single spaces, so nothing that matches "|" or runs of anything is allowed.
_CROSSES_CLAUSES = re.compile(r"(?<!\\)\.|\\[sSWD]|\[\^")
# libyaml's safe loader is several times faster; fall back to the pure-Python one where it is missing.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def level_rank(level: str) -> int:
    return LEVELS.index(level)


def concept_regex_source(patterns: Iterable[str]) -> str:
    """One regex for a red-flag concept: any of its patterns, as whole words."""
    return r"\b(?:" + "|".join(patterns) + r")\b"


# ---------------------------------------------------------------- data classes


@dataclass(frozen=True)
class Dose:
    sets: str | None = None
    reps: str | None = None
    hold: str | None = None
    per_side: bool = False

    def describe(self) -> str:
        """'2-3 sets of 10-15 reps, hold 1-2 seconds, each side'."""
        parts = []
        # "5-10 lengths" names its own unit: not "5-10 lengths reps".
        reps = self.reps if not self.reps or re.search(r"[a-z]\s*$", self.reps) else f"{self.reps} reps"
        if self.sets and reps:
            parts.append(f"{self.sets} sets of {reps}")
        elif self.sets:
            parts.append(f"{self.sets} sets")
        elif reps:
            parts.append(reps)
        if self.hold:
            parts.append(f"hold {self.hold}")
        if self.per_side:
            parts.append("each side")
        return ", ".join(parts)


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    category: str
    stages: tuple[str, ...]
    aliases: tuple[str, ...]
    equipment: tuple[str, ...]
    setup: str
    steps: tuple[str, ...]
    dose: Dose
    easier: str
    harder: str
    avoid: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Source:
    """One public document a fact rests on: its title, its publisher (from sources.yaml) and its address."""

    title: str
    publisher: str
    address: str

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher}, {self.address})"


@dataclass(frozen=True)
class Publisher:
    """An allowed publisher (knowledge/sources.yaml): web hosts it publishes on, or project paths."""

    name: str
    # Shell-style host patterns, each optionally with a path prefix: "www.nhs.uk", "*.nhs.uk",
    # "journals.lww.com/acsm-msse".
    hosts: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()  # path prefixes: "../shared/reference/"

    def publishes(self, address: str) -> bool:
        if self.hosts:
            url = urlsplit(address)
            host, path = (url.hostname or "").lower(), url.path.lower()
            if url.scheme in ("http", "https") and host:
                for pattern in self.hosts:
                    host_pattern, _, prefix = pattern.partition("/")
                    if fnmatch.fnmatchcase(host, host_pattern) and path.startswith("/" + prefix):
                        return True
                return False
        if self.paths and "://" not in address:
            parts = PurePosixPath(address).parts
            for prefix in self.paths:
                head = PurePosixPath(prefix).parts
                rest = parts[len(head):]
                if parts[: len(head)] == head and rest and ".." not in rest:
                    return True
        return False


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    kind: str
    triage_floor: str
    questions: tuple[str, ...]
    answer: str
    exercises: tuple[str, ...]
    source: str | None
    keywords: tuple[str, ...] = ()  # words that point strongly at this topic ("fracture", "cast")
    # True for topics about something that happened (an operation, a broken bone): a message that
    # names none of the keywords is not about them, however well its other words fit.
    keyword_required: bool = False
    # The direct answer in 1-3 short sentences, shown first; `answer` is the "More" behind it.
    short: str = ""
    # Phase -> a short answer for that phase of recovery (PHASES), replacing `short` when it applies.
    variants: dict[str, str] = field(default_factory=dict)
    # A finer topic names one of the contract ids as its parent: the JSON `topic` is the parent.
    parent: str | None = None
    # The documents behind `source`, one by one (title, publisher, address).
    sources: tuple[Source, ...] = ()
    # The file the topic was read from: topics.yaml or topics/<name>.yaml.
    file: str = field(default="topics.yaml", compare=False)
    # The phases of recovery (PHASES) the topic is about, for a topic that fits only some ("the first
    # weeks after surgery"); empty: every phase.
    phases: tuple[str, ...] = ()

    def fits(self, phase: str | None) -> bool:
        return not self.phases or phase is None or phase in self.phases

    def short_for(self, phase: str | None) -> str:
        """The short answer for a phase of recovery (the general one when there is no variant)."""
        return self.variants.get(phase or "", "") or self.short or _first_sentences(self.answer)


def sentences(text: str) -> list[str]:
    """A text's sentences ("2.5" and "e.g." stay whole: a sentence ends at . ! ? before a space)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text.strip()) if s.strip()]


def _first_sentences(text: str, count: int = 2) -> str:
    return " ".join(sentences(text)[:count])


@dataclass(frozen=True)
class RoutineItem:
    exercise_id: str
    dose: Dose


@dataclass(frozen=True)
class WeeklyTarget:
    """How often a stage's routine is meant to be done, in a calendar week (Monday to Sunday).

    days_min..days_max: training days a week (a week with at least days_min is "on target");
    sessions_per_day: how many sessions one day may count; rest_day_between: a rest day after each
    training day (strength work), so a day right after a training day is a rest day.
    """

    days_min: int = 3
    days_max: int = 3
    sessions_per_day: int = 1
    rest_day_between: bool = False


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    summary: str
    frequency: str
    items: tuple[RoutineItem, ...]
    source: str
    target: WeeklyTarget = WeeklyTarget()
    hint: str = ""  # a few words for its choice button: "first weeks" -> "Early mobility: first weeks"
    brief: str = ""  # what the stage is, in one short line (the list above the choice buttons)

    @property
    def label(self) -> str:
        """The stage's choice button: its name and, when it has one, its hint."""
        return f"{self.name}: {self.hint}" if self.hint else self.name


STAGE_LABEL_MAX = 30  # a stage's choice button stays on one line on a phone
STAGE_BRIEF_MAX = 90


@dataclass(frozen=True)
class RedFlagRule:
    id: str
    level: str
    reason: str
    when: tuple[tuple[str, ...], ...]  # OR of ANDs over concept names
    source: str
    # Messages that must fire the rule, and messages that must not (run as tests).
    fires_on: tuple[str, ...] = ()
    not_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedFlags:
    emergency_number: str
    replies: dict[str, str]  # level -> reply text (may contain {emergency_number})
    concepts: dict[str, tuple[str, ...]]  # concept name -> regex patterns
    negation_before: tuple[str, ...]
    negation_after: tuple[str, ...]
    pseudo_negations: tuple[str, ...]
    rules: tuple[RedFlagRule, ...]
    negation_just_before: tuple[str, ...] = ()  # cues that deny only the word right after them


@dataclass(frozen=True)
class ContextTriggers:
    direction: str  # forward | backward | both
    triggers: tuple[str, ...]
    max_after: int | None = None  # a trigger after the finding reaches it from at most this many words
    max_after_events: int | None = None  # the same for an event (a risk factor: a fracture, a cast, ...)


@dataclass(frozen=True)
class Context:
    """ConText rules (knowledge/context.yaml): how a finding's surroundings modify it."""

    modifiers: dict[str, ContextTriggers]  # historical | hypothetical | resolved -> triggers
    terminators: tuple[str, ...]
    something_else_nouns: tuple[str, ...]
    something_else_window: int
    body_words: tuple[str, ...]
    risk_factors: tuple[str, ...]
    something_else_words: tuple[str, ...] = ()  # words matching leaves out next to a something-else noun
    breakable_things: tuple[str, ...] = ()  # nouns next to which only a word of breaking is about a thing
    breaking_words: tuple[str, ...] = ()
    resolving_clauses: tuple[str, ...] = ()
    recurring: tuple[str, ...] = ()  # in a clause with one of these, nothing is resolved
    exertion_triggers: tuple[str, ...] = ()
    exertion_reads_as: dict[str, str] = field(default_factory=dict)  # concept -> concept it becomes
    # A finding with a harmless explanation near it drops out (see context.yaml `harmless_causes`).
    harmless_concepts: tuple[str, ...] = ()
    harmless_long_standing: tuple[str, ...] = ()
    harmless_not_with: tuple[str, ...] = ()
    harmless_not_long_standing_with: tuple[str, ...] = ()
    improving_concepts: tuple[str, ...] = ()  # lasting symptoms an "it's getting better" explains
    improving_words: tuple[str, ...] = ()
    not_improving_words: tuple[str, ...] = ()
    colour_concepts: tuple[str, ...] = ()  # colour findings that a colour on the skin explains
    colour_on_the_skin: tuple[str, ...] = ()  # "dye from my socks", "nail polish"
    explained_by: tuple[ExplainingCause, ...] = ()  # "sat cross legged", "toes white in the snow, warmed up"


@dataclass(frozen=True)
class ExplainingCause:
    """A cause that explains the findings named near it (context.yaml `harmless_causes.explained_by`)."""

    name: str
    concepts: tuple[str, ...]
    causes: tuple[str, ...]
    needs: tuple[str, ...] = ()  # one of these must be said too ("warmed up"); empty: nothing more
    needs_too: tuple[str, ...] = ()  # and one of these ("the same colour"); empty: nothing more
    unless: tuple[str, ...] = ()  # any of these rules the cause out ("still", "hours")
    near_a_cast: bool = False  # True: applies near a cast, boot or operation too (harmless_causes.not_with)
    anywhere: bool = False  # True: the cause may be anywhere in the message, not only nearby
    past: bool = False  # True: the finding is told as past (historical: one step lower), not dropped


@dataclass(frozen=True)
class SafetyQuestion:
    """One Yes/No question of a safety check (knowledge/safety_checks.yaml)."""

    id: str
    text: str
    flag: str  # "yes" | "no": the answer that signals the red flag
    adds: str  # what the worrying answer adds: a sentence triaged together with the message
    serves: str  # the red-flag rule that sentence must fire
    if_skipped: str  # the safety advice when the question is skipped (may contain {emergency_number})
    source: str


@dataclass(frozen=True)
class SafetyCheck:
    """The questions a physio would ask first, for one kind of problem (knowledge/safety_checks.yaml)."""

    id: str
    title: str
    intro: str  # may contain {count}
    within_days: int  # a problem said to be older than this gets no check
    context: tuple[str, ...]  # phrases that make the check apply; a trailing * matches any ending
    new_episode: tuple[str, ...]  # phrases that mark a new injury or operation
    questions: tuple[SafetyQuestion, ...]
    source: str
    # Phrases of a long-standing or recurring problem ("keeps giving way"): no check, unless the message
    # says it happened recently ("rolled it again just now").
    not_when: tuple[str, ...] = ()


@dataclass(frozen=True)
class VocabularyFinding:
    id: str
    groups: tuple[str, ...]  # term groups that must all be named in one clause
    within: int  # at most this many words between them
    concept: str  # the red-flag concept it is one more way to find
    unless_followed_by: tuple[str, ...] = ()  # groups that, right after it, make it something else
    not_across: tuple[str, ...] = ()  # words that may not stand between its groups
    # Groups that, right before one of its words, make that word another thing ("hiking boots").
    unless_preceded_by: tuple[str, ...] = ()
    in_order: bool = False  # its groups only in the order written ("toes ... swollen", not the reverse)


@dataclass(frozen=True)
class Vocabulary:
    """The red-flag vocabulary (knowledge/vocabulary.yaml): term groups and findings built from them."""

    terms: dict[str, tuple[str, ...]]
    findings: dict[str, VocabularyFinding]
    # Generated forms that are other words ("scared" is no scar, "number" is not numb): never generated.
    not_forms: frozenset[str] = frozenset()


CONTEXT_MODIFIERS = ("historical", "hypothetical", "resolved")
# Optional: a film, a book, a leaflet or a story someone tells ("watched a film where his leg went black"):
# what it names happens to no one here, so a finding in its scope drops out like "something else".
STORY_MODIFIER = "stories"
DIRECTIONS = ("forward", "backward", "both")


@dataclass(frozen=True)
class KnowledgeBase:
    exercises: dict[str, Exercise]
    topics: dict[str, Topic]
    stages: dict[str, Stage]  # in rehab order
    red_flags: RedFlags
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> variants
    root: Path | None = None
    # Real-word slips: a phrase as typed -> the phrase meant ("brake my" -> "break my").
    real_word_slips: dict[str, str] = field(default_factory=dict)
    context: Context | None = None  # None: no context modifiers (only negation)
    vocabulary: Vocabulary | None = None  # None: red flags are found by red_flags.yaml's patterns only
    publishers: dict[str, Publisher] = field(default_factory=dict)  # the sources.yaml allow-list
    safety_checks: tuple[SafetyCheck, ...] = ()  # in priority order: the first that applies is asked

    def contract_topic(self, topic_id: str | None) -> str | None:
        """The id the JSON `topic` names: a finer topic's parent, else the topic itself."""
        topic = self.topics.get(topic_id or "")
        return topic.parent if topic is not None and topic.parent else topic_id

    def stage_order(self) -> list[str]:
        return list(self.stages)


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f": entry '{self.entry}'"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class KnowledgeError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


# ---------------------------------------------------------------- locating and loading


def default_root() -> Path:
    """`$ANKLE_BOT_KNOWLEDGE`, else the copy shipped in the wheel, else the repository's `knowledge/`."""
    env = os.environ.get("ANKLE_BOT_KNOWLEDGE")
    if env:
        return Path(env)
    packaged = Path(__file__).parent / "_knowledge"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "knowledge"


@functools.lru_cache(maxsize=4)
def load_default() -> KnowledgeBase:
    return load(default_root())


def load(root: Path | str) -> KnowledgeBase:
    """Load and validate; raise KnowledgeError listing every problem.

    A knowledge base that loads without problems is kept in the engine's cache (bot/engine/cache.py)
    under a hash of every YAML file it may read and of this module's code: an edited file makes a new
    entry, never a stale answer. Reading ~20 YAML files and validating them is most of the start."""
    from bot.engine import cache  # here, not at the top: the engine imports this module

    root = Path(root)
    return cache.cached_object("knowledge-" + _fingerprint(root), lambda: _load_valid(root), KnowledgeBase)


def _load_valid(root: Path) -> KnowledgeBase:
    kb, problems = _load(root)
    if problems:
        raise KnowledgeError(problems)
    assert kb is not None
    return kb


def _fingerprint(root: Path) -> str:
    """A hash of what `_load(root)` depends on: the YAML files' names and bytes, the root as given and
    as resolved (the knowledge base records it), this module's code, and the YAML library's version."""
    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), yaml.__version__.encode(), sys.version.encode(),
                 str(root).encode(), str(root.resolve()).encode()):
        digest.update(hashlib.sha256(part).digest())
    for path in sorted(root.glob("*.yaml")) + sorted((root / "topics").glob("*.yaml")):
        if path.is_file():
            digest.update(hashlib.sha256(str(path.relative_to(root)).encode()).digest())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def check(root: Path | str) -> list[Problem]:
    """Every problem in the knowledge base at `root` (empty when it is valid)."""
    return _load(Path(root))[1]


class _Reader:
    """Reads typed fields from one YAML entry and records problems instead of raising."""

    def __init__(self, problems: list[Problem], file: str, entry: str, data: Any):
        self.problems, self.file, self.entry = problems, file, entry
        self.data = data if isinstance(data, dict) else {}
        if not isinstance(data, dict):
            self.fail("", "must be a mapping of fields")

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.entry, field_name, message))

    def text(self, name: str, required: bool = True) -> str | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(name, "must be a non-empty string")
            return None
        return value.strip()

    def texts(self, name: str, min_items: int = 0) -> tuple[str, ...]:
        value = self.data.get(name, [] if min_items == 0 else None)
        if value is None:
            self.fail(name, "is missing")
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(name, "must be a list of non-empty strings")
            return ()
        if len(value) < min_items:
            self.fail(name, f"needs at least {min_items} item(s), has {len(value)}")
        return tuple(v.strip() for v in value)

    def choice(self, name: str, allowed: Iterable[str], default: str | None = None) -> str:
        allowed = tuple(allowed)
        value = self.data.get(name, default)
        if value not in allowed:
            self.fail(name, f"must be one of {', '.join(allowed)} (got {value!r})")
            return allowed[0]
        return value

    def dose(self, name: str = "dose", required: bool = True) -> Dose | None:
        value = self.data.get(name)
        if value is None:
            if required:
                self.fail(name, "is missing")
            return None
        if not isinstance(value, dict):
            self.fail(name, "must be a mapping with sets, reps, hold, per_side")
            return None
        parts = {}
        for key in ("sets", "reps", "hold"):
            v = value.get(key)
            if v is not None and not isinstance(v, str | int):
                self.fail(f"{name}.{key}", "must be text such as '2-3' or null")
                v = None
            parts[key] = str(v) if v is not None else None
        per_side = value.get("per_side", False)
        if not isinstance(per_side, bool):
            self.fail(f"{name}.per_side", "must be true or false")
            per_side = False
        unknown = set(value) - {"sets", "reps", "hold", "per_side"}
        if unknown:
            self.fail(name, f"unknown key(s): {', '.join(sorted(unknown))}")
        if not (parts["reps"] or parts["hold"]):
            self.fail(name, "needs reps or hold")
        return Dose(parts["sets"], parts["reps"], parts["hold"], per_side)


def _read_yaml(path: Path, problems: list[Problem], name: str | None = None) -> Any:
    name = name or path.name
    if not path.is_file():
        problems.append(Problem(name, "", "", "file is missing"))
        return None
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        problems.append(Problem(name, "", "", f"is not valid YAML: {exc}"))
        return None


def _entries(doc: Any, file: str, key: str, problems: list[Problem]) -> list[tuple[str, Any]]:
    """The entries under `key`, each with its id; duplicate or malformed ids are problems."""
    if doc is None:
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        problems.append(Problem(file, "", key, f"the file must hold a list under '{key}:'"))
        return []
    seen: set[str] = set()
    out = []
    for index, entry in enumerate(doc[key], start=1):
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(entry_id, str) or not _ID.match(entry_id):
            problems.append(Problem(file, f"#{index}", "id", "must be a kebab-case id such as 'heel-raise'"))
            entry_id = f"#{index}"
        elif entry_id in seen:
            problems.append(Problem(file, entry_id, "id", "is used twice"))
        seen.add(entry_id)
        out.append((entry_id, entry))
    return out


def _load(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    problems: list[Problem] = []
    publishers = _load_publishers(_read_yaml(root / "sources.yaml", problems), problems)
    exercises = _load_exercises(_read_yaml(root / "exercises.yaml", problems), problems, publishers)
    topics = _load_topics(_read_yaml(root / "topics.yaml", problems), problems, publishers)
    # Finer topics live in topics/*.yaml (same schema, under `topics:`), read after topics.yaml in name
    # order; an id is unique across all the files.
    for path in sorted((root / "topics").glob("*.yaml")) if (root / "topics").is_dir() else ():
        file = f"topics/{path.name}"
        more = _load_topics(_read_yaml(path, problems, file), problems, publishers, file, topics)
        topics.update(more)
    stages = _load_stages(_read_yaml(root / "routines.yaml", problems), problems)
    red_flags = _load_red_flags(_read_yaml(root / "red_flags.yaml", problems), problems)
    synonyms = _load_synonyms(_read_yaml(root / "synonyms.yaml", problems), problems)
    slips_path = root / "real_word_slips.yaml"
    slips = _load_slips(_read_yaml(slips_path, problems), problems) if slips_path.exists() else {}
    context_path = root / "context.yaml"
    context = None
    if context_path.exists():
        context = _load_context(_read_yaml(context_path, problems), red_flags, problems)
    checks_path = root / "safety_checks.yaml"
    checks: tuple[SafetyCheck, ...] = ()
    if checks_path.exists():
        checks = _load_safety_checks(_read_yaml(checks_path, problems), red_flags, problems)
    vocabulary_path = root / "vocabulary.yaml"
    vocabulary = None
    if vocabulary_path.exists():
        vocabulary = _load_vocabulary(_read_yaml(vocabulary_path, problems), red_flags, problems)
    _check_concepts_found(red_flags, vocabulary, problems)
    _cross_check(exercises, topics, stages, problems)
    if problems or red_flags is None:
        return None, problems
    return (
        KnowledgeBase(
            exercises, topics, stages, red_flags, synonyms, root, slips, context, vocabulary, publishers,
            checks,
        ),
        problems,
    )


def _load_exercises(
    doc: Any, problems: list[Problem], publishers: dict[str, Publisher]
) -> dict[str, Exercise]:
    out = {}
    for entry_id, data in _entries(doc, "exercises.yaml", "exercises", problems):
        r = _Reader(problems, "exercises.yaml", entry_id, data)
        stages = r.texts("stages", min_items=1)
        for stage in stages:
            if stage not in STAGE_IDS:
                r.fail("stages", f"unknown stage {stage!r} (one of {', '.join(STAGE_IDS)})")
        out[entry_id] = Exercise(
            id=entry_id,
            name=r.text("name") or entry_id,
            category=r.choice("category", CATEGORIES),
            stages=stages,
            aliases=r.texts("aliases", min_items=1),
            equipment=r.texts("equipment"),
            setup=r.text("setup") or "",
            steps=r.texts("steps", min_items=2),
            dose=r.dose() or Dose(),
            easier=r.text("easier") or "",
            harder=r.text("harder") or "",
            avoid=r.texts("avoid", min_items=1),
            # A list of {title, publisher, address} is checked against the allow-list; older entries
            # still name their sources in one line of text.
            source=_source_text(r, publishers, required=True, legacy_text=True)[0],
        )
    return out


def _load_topics(
    doc: Any,
    problems: list[Problem],
    publishers: dict[str, Publisher],
    file: str = "topics.yaml",
    earlier: dict[str, Topic] | None = None,
) -> dict[str, Topic]:
    out = {}
    earlier = earlier or {}
    for entry_id, data in _entries(doc, file, "topics", problems):
        r = _Reader(problems, file, entry_id, data)
        if entry_id in earlier:
            r.fail("id", f"is already used in {earlier[entry_id].file}")
            continue
        kind = r.choice("kind", TOPIC_KINDS, default="clinical")
        title = r.text("title") or entry_id
        if len(title) > 40:
            r.fail("title", "must be at most 40 characters (it is shown on a button)")
        keywords = r.texts("keywords")
        keyword_required = r.data.get("keyword_required", False)
        if not isinstance(keyword_required, bool):
            r.fail("keyword_required", "must be true or false")
            keyword_required = False
        if keyword_required and not keywords:
            r.fail("keyword_required", "needs a list of keywords to require")
        # Every clinical fact must be reviewable: clinical topics need a source from the allow-list.
        source, sources = _source_text(r, publishers, required=kind == "clinical")
        out[entry_id] = Topic(
            id=entry_id,
            title=title,
            kind=kind,
            triage_floor=r.choice("triage_floor", ("none", "routine", "urgent"), default="none"),
            questions=r.texts("questions", min_items=3),
            answer=r.text("answer") or "",
            exercises=r.texts("exercises"),
            source=source,
            keywords=keywords,
            keyword_required=keyword_required,
            short=_short_text(r, "short", required=True),
            variants=_variants(r),
            phases=_phases(r),
            parent=r.text("parent", required=False),
            sources=sources,
            file=file,
        )
    return out


def _load_publishers(doc: Any, problems: list[Problem]) -> dict[str, Publisher]:
    """The allow-list of publishers a clinical source may come from (sources.yaml)."""
    out = {}
    for entry_id, data in _entries(doc, "sources.yaml", "publishers", problems):
        r = _Reader(problems, "sources.yaml", entry_id, data)
        name = r.text("name") or entry_id
        hosts, paths = r.texts("hosts"), r.texts("paths")
        if not hosts and not paths:
            r.fail("hosts", "list the web hosts (or, for project documents, the paths) it publishes on")
        if name in out:
            r.fail("name", "is used twice")
        out[name] = Publisher(name, tuple(h.lower() for h in hosts), paths)
    return out


def _source_text(
    r: _Reader, publishers: dict[str, Publisher], required: bool, legacy_text: bool = False
) -> tuple[str, tuple[Source, ...]]:
    """The `source` field: a list of {title, publisher, address}, each publisher from the allow-list.

    Returns the sources as one line of text (what the bot and the export show) and one by one.
    """
    raw = r.data.get("source")
    if raw is None:
        if required:
            r.fail("source", "is missing")
        return "", ()
    if legacy_text and isinstance(raw, str) and raw.strip():
        return raw.strip(), ()
    if not isinstance(raw, list) or not raw:
        r.fail("source", "must be a list of {title, publisher, address} (publisher from sources.yaml)")
        return "", ()
    out = []
    for index, item in enumerate(raw, start=1):
        name = f"source #{index}"
        if not isinstance(item, dict):
            r.fail(name, "must be a mapping with title, publisher, address")
            continue
        title, publisher, address = (item.get(k) for k in ("title", "publisher", "address"))
        if not all(isinstance(v, str) and v.strip() for v in (title, publisher, address)):
            r.fail(name, "needs a title, a publisher and an address, each as text")
            continue
        unknown = set(item) - {"title", "publisher", "address"}
        if unknown:
            r.fail(name, f"unknown key(s): {', '.join(sorted(unknown))}")
        allowed = publishers.get(publisher.strip())
        if allowed is None:
            r.fail(f"{name}.publisher",
                   f"{publisher!r} is not an allowed publisher (see sources.yaml: {', '.join(publishers)})")
            continue
        if not allowed.publishes(address.strip()):
            r.fail(f"{name}.address", f"{address!r} is not an address {publisher} publishes on "
                   "(sources.yaml)")
            continue
        out.append(Source(title.strip(), allowed.name, address.strip()))
    return "; ".join(str(s) for s in out), tuple(out)


def _short_text(r: _Reader, name: str, required: bool) -> str:
    text = r.text(name, required=required) or ""
    if text and len(text) > SHORT_MAX_CHARS:
        r.fail(name, f"must be at most {SHORT_MAX_CHARS} characters (it is read first), has {len(text)}")
    if text and len(sentences(text)) > SHORT_MAX_SENTENCES:
        r.fail(name, f"must be at most {SHORT_MAX_SENTENCES} sentences, has {len(sentences(text))}")
    return text


def _phases(r: _Reader) -> tuple[str, ...]:
    phases = r.texts("phases")
    for phase in phases:
        if phase not in PHASES:
            r.fail("phases", f"{phase!r} must be one of {', '.join(PHASES)}")
    return phases


def _variants(r: _Reader) -> dict[str, str]:
    raw = r.data.get("variants")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        r.fail("variants", f"must map a phase ({', '.join(PHASES)}) to a short answer")
        return {}
    out = {}
    for phase in raw:
        if phase not in PHASES:
            r.fail(f"variants.{phase}", f"must be one of {', '.join(PHASES)}")
            continue
        text = _short_text(_Reader(r.problems, r.file, r.entry, raw), str(phase), required=True)
        if text:
            out[phase] = text
    return out


def _load_stages(doc: Any, problems: list[Problem]) -> dict[str, Stage]:
    out = {}
    for entry_id, data in _entries(doc, "routines.yaml", "stages", problems):
        r = _Reader(problems, "routines.yaml", entry_id, data)
        if entry_id not in STAGE_IDS:
            r.fail("id", f"must be one of {', '.join(STAGE_IDS)}")
        items = []
        raw_items = r.data.get("exercises")
        if not isinstance(raw_items, list) or not raw_items:
            r.fail("exercises", "must be a non-empty list of {id, dose?}")
            raw_items = []
        for index, item in enumerate(raw_items, start=1):
            ir = _Reader(problems, "routines.yaml", f"{entry_id} exercise #{index}", item)
            ex_id = ir.text("id") or ""
            items.append(RoutineItem(ex_id, ir.dose(required=False) or Dose()))
        out[entry_id] = Stage(
            id=entry_id,
            name=r.text("name") or entry_id,
            summary=r.text("summary") or "",
            frequency=r.text("frequency") or "",
            items=tuple(items),
            source=r.text("source") or "",
            target=_weekly_target(r),
            hint=r.text("hint") or "",
            brief=r.text("brief") or "",
        )
        stage = out[entry_id]
        if not stage.hint or len(stage.label) > STAGE_LABEL_MAX:
            r.fail("hint", f"needs a few words, at most {STAGE_LABEL_MAX} characters with the name "
                           f"({stage.label!r})")
        if not stage.brief or len(stage.brief) > STAGE_BRIEF_MAX or "\n" in stage.brief:
            r.fail("brief", f"needs one line of at most {STAGE_BRIEF_MAX} characters")
    missing = [s for s in STAGE_IDS if s not in out]
    if doc is not None and missing:
        problems.append(Problem("routines.yaml", "", "stages", f"missing stage(s): {', '.join(missing)}"))
    # Keep rehab order regardless of file order.
    return {s: out[s] for s in STAGE_IDS if s in out}


def _weekly_target(r: _Reader) -> WeeklyTarget:
    """A stage's `target`: {days_per_week: [min, max] or n, sessions_per_day: n, rest_day_between: bool}."""
    value = r.data.get("target")
    if not isinstance(value, dict):
        r.fail("target", "is missing (a mapping with days_per_week, sessions_per_day, rest_day_between)")
        return WeeklyTarget()
    unknown = set(value) - {"days_per_week", "sessions_per_day", "rest_day_between"}
    if unknown:
        r.fail("target", f"unknown key(s): {', '.join(sorted(unknown))}")
    days = value.get("days_per_week")
    if isinstance(days, int) and not isinstance(days, bool):
        days = [days, days]
    if (not isinstance(days, list) or len(days) != 2
            or not all(isinstance(d, int) and not isinstance(d, bool) for d in days)
            or not 1 <= days[0] <= days[1] <= 7):
        r.fail("target.days_per_week", "must be a number of days 1-7 or [min, max] with min <= max")
        days = [3, 3]
    per_day = value.get("sessions_per_day", 1)
    if not isinstance(per_day, int) or isinstance(per_day, bool) or not 1 <= per_day <= 3:
        r.fail("target.sessions_per_day", "must be 1, 2 or 3")
        per_day = 1
    rest = value.get("rest_day_between", False)
    if not isinstance(rest, bool):
        r.fail("target.rest_day_between", "must be true or false")
        rest = False
    if rest and days[0] > 4:
        r.fail("target.days_per_week", "a rest day between training days allows at most 4 days a week")
    return WeeklyTarget(days[0], days[1], per_day, rest)


def _load_red_flags(doc: Any, problems: list[Problem]) -> RedFlags | None:
    file = "red_flags.yaml"
    if doc is None:
        return None
    r = _Reader(problems, file, "", doc)
    number = r.text("emergency_number") or "112"
    replies = {}
    levels = r.data.get("levels")
    if not isinstance(levels, dict):
        r.fail("levels", "must map emergency, urgent and routine to a reply")
        levels = {}
    for level in ("emergency", "urgent", "routine"):
        replies[level] = _Reader(problems, file, f"levels.{level}", levels.get(level)).text("reply") or ""
    concepts: dict[str, tuple[str, ...]] = {}
    raw_concepts = r.data.get("concepts")
    if not isinstance(raw_concepts, dict):
        r.fail("concepts", "must map concept names to lists of patterns")
        raw_concepts = {}
    for name, patterns in raw_concepts.items():
        # An empty list: the concept is found by the vocabulary's findings alone (vocabulary.yaml).
        if not isinstance(patterns, list):
            problems.append(Problem(file, f"concept {name}", "", "must be a list of regex patterns"))
            continue
        if not all(isinstance(p, str) for p in patterns):
            # YAML reads a bare `no` or `on` as a boolean: such a pattern would never match its word.
            problems.append(Problem(file, f"concept {name}", "", "every pattern must be a string (quote it)"))
            continue
        for pattern in patterns:
            if _CROSSES_CLAUSES.search(pattern):
                problems.append(Problem(
                    file, f"concept {name}", "",
                    f"pattern {pattern!r} may reach across clauses: write word gaps as (?:\\w+ ){{0,3}}, "
                    "not . \\s \\W or [^...]",
                ))
        try:
            # Compile the concept exactly as triage will; `re` caches it, so triage gets it for free.
            re.compile(concept_regex_source(patterns))
        except re.error:
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    problems.append(Problem(file, f"concept {name}", "", f"bad pattern {pattern!r}: {exc}"))
        concepts[name] = tuple(patterns)
    rules = []
    for entry_id, data in _entries(doc, file, "rules", problems):
        rr = _Reader(problems, file, entry_id, data)
        when = rr.data.get("when")
        alternatives: list[tuple[str, ...]] = []
        if not isinstance(when, list) or not when:
            rr.fail("when", "must be a list of concept lists (any list matching in full fires the rule)")
            when = []
        for alt in when:
            alt = [alt] if isinstance(alt, str) else alt
            if not isinstance(alt, list) or not alt:
                rr.fail("when", "each alternative must be a concept name or a list of them")
                continue
            for name in alt:
                if name not in concepts:
                    rr.fail("when", f"unknown concept {name!r}")
            alternatives.append(tuple(alt))
        examples = _Reader(problems, file, entry_id, rr.data.get("examples"))
        rules.append(
            RedFlagRule(
                entry_id,
                rr.choice("level", ("routine", "urgent", "emergency")),
                rr.text("reason") or "",
                tuple(alternatives),
                rr.text("source") or "",
                examples.texts("fire", min_items=2),
                examples.texts("not", min_items=1),
            )
        )
    return RedFlags(
        emergency_number=number,
        replies=replies,
        concepts=concepts,
        negation_before=r.texts("negation_before", min_items=1),
        negation_after=r.texts("negation_after"),
        pseudo_negations=r.texts("pseudo_negations"),
        rules=tuple(rules),
        negation_just_before=r.texts("negation_just_before"),
    )


def _load_synonyms(doc: Any, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    if doc is None:
        return {}
    groups = doc.get("synonyms") if isinstance(doc, dict) else None
    if not isinstance(groups, dict):
        problems.append(Problem("synonyms.yaml", "", "synonyms", "must map a canonical word to its variants"))
        return {}
    out = {}
    for canonical, variants in groups.items():
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            problems.append(Problem("synonyms.yaml", str(canonical), "", "must be a list of strings"))
            continue
        out[str(canonical)] = tuple(variants)
    return out


def _check_concepts_found(red_flags: RedFlags | None, vocabulary: Vocabulary | None,
                          problems: list[Problem]) -> None:
    """A concept with no patterns of its own must be found by a vocabulary finding."""
    if red_flags is None:
        return
    by_vocabulary = {f.concept for f in vocabulary.findings.values()} if vocabulary is not None else set()
    for name, patterns in red_flags.concepts.items():
        if not patterns and name not in by_vocabulary:
            problems.append(Problem(
                "red_flags.yaml", f"concept {name}", "",
                "has no patterns and no vocabulary finding (vocabulary.yaml): nothing would find it",
            ))


def _load_vocabulary(doc: Any, red_flags: RedFlags | None, problems: list[Problem]) -> Vocabulary | None:
    file = "vocabulary.yaml"
    if not isinstance(doc, dict):
        problems.append(Problem(file, "", "", "must be a mapping with terms and findings"))
        return None
    terms: dict[str, tuple[str, ...]] = {}
    raw_terms = doc.get("terms")
    if not isinstance(raw_terms, dict):
        problems.append(Problem(file, "", "terms", "must map a group name to its words"))
        raw_terms = {}
    for name, words in raw_terms.items():
        if not (isinstance(words, list) and words and all(isinstance(w, str) and w.strip() for w in words)):
            problems.append(Problem(file, f"terms.{name}", "", "must be a non-empty list of words"))
            continue
        terms[str(name)] = tuple(w.strip().lower() for w in words)
    findings = {}
    raw_findings = doc.get("findings")
    if not isinstance(raw_findings, dict):
        problems.append(Problem(file, "", "findings", "must map a finding name to its groups"))
        raw_findings = {}
    concepts = red_flags.concepts if red_flags is not None else {}
    for name, data in raw_findings.items():
        r = _Reader(problems, file, f"findings.{name}", data)
        groups = r.texts("all", min_items=1)  # one group: any of its words is the finding
        for group in groups:
            if group not in terms:
                r.fail("all", f"unknown term group {group!r}")
        within = r.data.get("within", 4)
        if not isinstance(within, int) or not 0 <= within <= 8:
            r.fail("within", "must be a whole number of words from 0 to 8")
            within = 4
        concept = r.text("concept") or ""
        if concepts and concept and concept not in concepts:
            r.fail("concept", f"unknown concept {concept!r} (see red_flags.yaml concepts)")
        unless = r.texts("unless_followed_by")
        for group in unless:
            if group not in terms:
                r.fail("unless_followed_by", f"unknown term group {group!r}")
        preceded = r.texts("unless_preceded_by")
        for group in preceded:
            if group not in terms:
                r.fail("unless_preceded_by", f"unknown term group {group!r}")
        in_order = r.data.get("in_order", False)
        if not isinstance(in_order, bool):
            r.fail("in_order", "must be true or false")
            in_order = False
        findings[str(name)] = VocabularyFinding(
            str(name), groups, within, concept, unless, r.texts("not_across"), preceded, in_order
        )
    not_forms = _Reader(problems, file, "not_forms", doc).texts("not_forms")
    return Vocabulary(terms, findings, frozenset(w.lower() for w in not_forms))


def _explaining_causes(
    problems: list[Problem], file: str, data: Any, concepts: Any
) -> tuple[ExplainingCause, ...]:
    """context.yaml `harmless_causes.explained_by`: name -> concepts, causes, needs, needs_too, unless."""
    if not isinstance(data, dict):
        problems.append(Problem(file, "harmless_causes", "explained_by", "must be a mapping of named causes"))
        return ()
    out = []
    for name, entry in data.items():
        r = _Reader(problems, file, f"harmless_causes.explained_by.{name}", entry)
        for concept in r.texts("concepts", min_items=1):
            if concepts and concept not in concepts:
                r.fail("concepts", f"unknown concept {concept!r} (see red_flags.yaml concepts)")
        flags = {flag: r.data.get(flag, False) for flag in ("near_a_cast", "anywhere", "past")}
        for flag, value in flags.items():
            if not isinstance(value, bool):
                r.fail(flag, "must be true or false")
        near_a_cast, anywhere, past = (flags[flag] is True for flag in ("near_a_cast", "anywhere", "past"))
        out.append(ExplainingCause(
            name=str(name), concepts=r.texts("concepts", min_items=1), causes=r.texts("causes", min_items=1),
            needs=r.texts("needs"), needs_too=r.texts("needs_too"), unless=r.texts("unless"),
            near_a_cast=near_a_cast, anywhere=anywhere, past=past,
        ))
    return tuple(out)


def _load_context(doc: Any, red_flags: RedFlags | None, problems: list[Problem]) -> Context | None:
    file = "context.yaml"
    if not isinstance(doc, dict):
        problems.append(Problem(file, "", "", "must be a mapping (see the comment at its top)"))
        return None
    modifiers = {}
    for name in (*CONTEXT_MODIFIERS, *([STORY_MODIFIER] if STORY_MODIFIER in doc else [])):
        r = _Reader(problems, file, name, doc.get(name))
        reach = {}
        for key in ("max_after", "max_after_events"):
            words = r.data.get(key)
            if words is not None and (not isinstance(words, int) or not 0 < words <= 20):
                r.fail(key, "must be a whole number of words from 1 to 20")
                words = None
            reach[key] = words
        modifiers[name] = ContextTriggers(
            r.choice("direction", DIRECTIONS), r.texts("triggers", min_items=1), reach["max_after"],
            reach["max_after_events"],
        )
    top = _Reader(problems, file, "", doc)
    other = _Reader(problems, file, "something_else", doc.get("something_else"))
    window = other.data.get("window", 3)
    if not isinstance(window, int) or not 0 < window <= 6:
        other.fail("window", "must be a whole number of words from 1 to 6")
        window = 3
    risk_factors = top.texts("risk_factors")
    concepts = red_flags.concepts if red_flags is not None else {}
    for name in risk_factors:
        if concepts and name not in concepts:
            top.fail("risk_factors", f"unknown concept {name!r} (see red_flags.yaml concepts)")
    exertion = _Reader(problems, file, "exertion", doc.get("exertion", {}))
    reads_as = exertion.data.get("reads_as", {})
    if not isinstance(reads_as, dict):
        exertion.fail("reads_as", "must map a concept to the concept it reads as")
        reads_as = {}
    for source, target in reads_as.items():
        for name in (source, target):
            if concepts and name not in concepts:
                exertion.fail("reads_as", f"unknown concept {name!r} (see red_flags.yaml concepts)")
    harmless = _Reader(problems, file, "harmless_causes", doc.get("harmless_causes", {}))
    improving = _Reader(problems, file, "improving", doc.get("improving", {}))
    for name in improving.texts("concepts"):
        if concepts and name not in concepts:
            improving.fail("concepts", f"unknown concept {name!r} (see red_flags.yaml concepts)")
    harmless_concepts = harmless.texts("concepts")
    explained_by = _explaining_causes(problems, file, harmless.data.get("explained_by", {}), concepts)
    for name in (*harmless_concepts, *harmless.texts("colour_concepts")):
        if concepts and name not in concepts:
            harmless.fail("concepts", f"unknown concept {name!r} (see red_flags.yaml concepts)")
    return Context(
        harmless_concepts=harmless_concepts,
        harmless_long_standing=harmless.texts("long_standing"),
        harmless_not_with=harmless.texts("not_with"),
        harmless_not_long_standing_with=harmless.texts("not_long_standing_with"),
        colour_concepts=harmless.texts("colour_concepts"),
        improving_concepts=improving.texts("concepts"),
        improving_words=improving.texts("words"),
        not_improving_words=improving.texts("not_with"),
        colour_on_the_skin=harmless.texts("colour_on_the_skin"),
        explained_by=explained_by,
        resolving_clauses=top.texts("resolving_clauses"),
        recurring=top.texts("recurring"),
        exertion_triggers=exertion.texts("triggers"),
        exertion_reads_as={str(k): str(v) for k, v in reads_as.items()},
        modifiers=modifiers,
        terminators=top.texts("terminators"),
        something_else_nouns=other.texts("nouns"),
        something_else_window=window,
        body_words=other.texts("body_words"),
        something_else_words=other.texts("words"),
        breakable_things=other.texts("breakable_things"),
        breaking_words=other.texts("breaking_words"),
        risk_factors=risk_factors,
    )


SAFETY_ANSWERS = ("yes", "no")
MAX_SAFETY_QUESTIONS = 4
# A question is read on a phone, above its buttons.
MAX_SAFETY_QUESTION_CHARS = 120
_PHRASE = re.compile(r"^[a-z]+(?: [a-z]+)*\*?$")


def _load_safety_checks(
    doc: Any, red_flags: RedFlags | None, problems: list[Problem]
) -> tuple[SafetyCheck, ...]:
    file = "safety_checks.yaml"
    rules = {rule.id: rule for rule in red_flags.rules} if red_flags is not None else {}
    out = []
    for check_id, data in _entries(doc, file, "checks", problems):
        r = _Reader(problems, file, check_id, data)
        within = r.data.get("within_days")
        if not isinstance(within, int) or isinstance(within, bool) or not 1 <= within <= 365:
            r.fail("within_days", "must be a whole number of days from 1 to 365")
            within = 14
        context, new_episode = r.texts("context", min_items=1), r.texts("new_episode")
        not_when = r.texts("not_when")
        for name, phrases in (("context", context), ("new_episode", new_episode), ("not_when", not_when)):
            for phrase in phrases:
                if not _PHRASE.match(phrase):
                    r.fail(name, f"{phrase!r} must be lower-case words, optionally ending in *")
        intro = r.text("intro") or ""
        if intro and "{count}" not in intro:
            r.fail("intro", "must say how many questions follow: {count}")
        raw = r.data.get("questions")
        questions = []
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SAFETY_QUESTIONS:
            r.fail("questions", f"must be a list of 1 to {MAX_SAFETY_QUESTIONS} questions")
            raw = []
        seen: set[str] = set()
        for index, item in enumerate(raw, start=1):
            question_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(question_id, str) or not _ID.match(question_id) or question_id in seen:
                r.fail(f"questions #{index}.id", "must be a kebab-case id, unique in the check")
                question_id = f"#{index}"
            seen.add(question_id)
            q = _Reader(problems, file, f"{check_id}/{question_id}", item)
            text = q.text("text") or ""
            if len(text) > MAX_SAFETY_QUESTION_CHARS:
                q.fail("text", f"must be at most {MAX_SAFETY_QUESTION_CHARS} characters, has {len(text)}")
            serves = q.text("serves") or ""
            if rules and serves and serves not in rules:
                q.fail("serves", f"unknown red-flag rule {serves!r} (see red_flags.yaml rules)")
            elif serves in rules and level_rank(rules[serves].level) < level_rank("urgent"):
                q.fail("serves", f"rule {serves!r} is {rules[serves].level}: a check asks about urgent or "
                                 "emergency signs only")
            questions.append(SafetyQuestion(
                question_id, text, q.choice("flag", SAFETY_ANSWERS), q.text("adds") or "", serves,
                q.text("if_skipped") or "", q.text("source") or "",
            ))
        out.append(SafetyCheck(check_id, r.text("title") or "", intro, within, context, new_episode,
                               tuple(questions), r.text("source") or "", not_when))
    return tuple(out)


def _load_slips(doc: Any, problems: list[Problem]) -> dict[str, str]:
    file = "real_word_slips.yaml"
    slips = doc.get("slips") if isinstance(doc, dict) else None
    if not isinstance(slips, dict):
        problems.append(Problem(file, "", "slips", "must map a phrase as typed to the phrase meant"))
        return {}
    out = {}
    for typed, meant in slips.items():
        if not isinstance(typed, str) or not isinstance(meant, str) or not typed.strip() or not meant.strip():
            problems.append(Problem(file, str(typed), "", "typed and meant must both be non-empty text"))
            continue
        if len(typed.split()) != len(meant.split()):
            # Word for word, so the clause keeps its length and every word its place (for context scopes).
            problems.append(Problem(file, typed, "", f"must have as many words as {meant!r}"))
            continue
        out[typed.strip().lower()] = meant.strip().lower()
    return out


def _cross_check(exercises: dict, topics: dict, stages: dict, problems: list[Problem]) -> None:
    for topic in topics.values():
        for ex_id in topic.exercises:
            if ex_id not in exercises:
                problems.append(Problem(topic.file, topic.id, "exercises", f"unknown exercise {ex_id!r}"))
    for stage in stages.values():
        for item in stage.items:
            if item.exercise_id and item.exercise_id not in exercises:
                problems.append(
                    Problem("routines.yaml", stage.id, "exercises", f"unknown exercise {item.exercise_id!r}")
                )
    if "off-topic" not in topics and topics:
        problems.append(Problem("topics.yaml", "", "topics", "an 'off-topic' topic is required"))
    for topic in topics.values():
        if topic.parent is None:
            continue
        parent = topics.get(topic.parent)
        if parent is None or parent.parent is not None:
            problems.append(Problem(topic.file, topic.id, "parent",
                                    f"must be the id of a topic without a parent, got {topic.parent!r}"))

"""Facts from the message: what the person said about themselves, read once from the parsed message.

How long ago the injury or operation was, what it was (sprain, fracture and which bone, surgery, a joint
replacement, or no injury at all), the band colour, the sport, the exercises they say make it worse,
and whom the message is about. The user's stored stage and band (from the conversation) join them, and
so does their injury profile (/profile): its injury and its time fill what a message about the person
does not state (what the message states wins), and a cast or boot limits the exercises offered.
The reply uses them: a phase variant of the answer, no exercise too early for the phase, never the
exercise that makes it worse (bot/engine/shape.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from bot.knowledge import KnowledgeBase

# The band colours of bot/progress/rules.py (not imported: that package draws charts, the engine stays light).
BAND_COLOURS = ("yellow", "red", "green", "blue", "black", "silver", "gold")

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "couple of": 2, "couple": 2,
    "several": 4, "fifteen": 15, "twenty": 20,
}
_UNIT_DAYS = {"day": 1, "week": 7, "wk": 7, "month": 30, "year": 365, "yr": 365}
_NUMBER = r"(\d+(?:\.\d+)?|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|" \
          r"eight|nine|ten|eleven|twelve|fifteen|twenty)"
_UNIT = r"(days?|weeks?|wks?|months?|years?|yrs?)"
# "3 years ago", "two weeks since", "6 months post op", "10 days after surgery", "for 2 years now"
_AGO = re.compile(rf"\b{_NUMBER}\s+(?:and a half\s+)?{_UNIT}\s+(?:ago|since|back|post|after|out of|later|"
                  r"in a (?:cast|boot)|now|of (?:pain|rehab|physio|recovery))\b")
_FOR = re.compile(rf"\b(?:for|over|past|last|almost|nearly|about|around|since)\s+(?:the\s+)?"
                  rf"(?:past\s+|last\s+)?{_NUMBER}\s+{_UNIT}\b")
# "week 3 post op", "day 5 after surgery"
_ORDINAL = re.compile(r"\b(day|week|month)\s+(\d+)\s+(?:post|after|of|since|out)\b")
# "broke it in 2019", "plate and screws 2015": a year before this one (this year's could be days or months
# ago, so it says nothing); not a count ("2000 steps", "1500 m").
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b(?!\s*(?:steps?|m|metres?|meters?|km|kms|miles?|calories|kcal|mg|"
                   r"ml|reps?|times|feet|ft|lbs?|kg|g|pounds|people|words|characters)\b)")
_RELATIVE = (
    (re.compile(r"\b(today|this morning|tonight|an hour ago|hours ago|just now|yesterday|last night|"
                r"the other day|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"), 2),
    (re.compile(r"\blast week\b"), 7),
    (re.compile(r"\blast month\b"), 30),
    (re.compile(r"\blast year\b"), 365),
    (re.compile(r"\b(years ago|many years|for years|old injury|years later|decades?|when i was (?:a kid|"
                r"a child|little|young|younger|a teenager|a teen|at school)|as a (?:kid|child|teenager|teen)|"
                r"since (?:i was (?:a kid|a child|little|young)|childhood))\b"), 3 * 365),
    (re.compile(r"\b(months ago|for months|months later|months now)\b"), 120),
)

_KINDS = (
    ("replacement", re.compile(r"\b(replacement|replaced|arthroplasty|new (?:ankle|joint))\b")),
    ("surgery", re.compile(r"\b(surgery|operation|operated|op|post op|postop|orif|plates?|screws?|pins?|"
                           r"arthroscopy|repair(?:ed)?|reconstruction|fusion|keyhole)\b")),
    ("fracture", re.compile(r"\b(fracture[ds]?|broke|broken|break|cracked|crack|bimalleolar|"
                            r"trimalleolar)\b")),
    ("sprain", re.compile(r"\b(sprain(?:ed|s)?|twist(?:ed)?|rolled|rolling|turned my ankle|went over on)\b")),
)
_NO_INJURY = re.compile(r"\b(no (?:injury|accident|fall|trauma|sprain)|never (?:injured|hurt|sprained|broke)|"
                        r"without (?:an? )?(?:injury|reason|fall)|did not (?:injure|hurt|twist|fall)|"
                        r"(?:nothing|no) happened|out of nowhere|for no reason)\b")
_DENIED_BEFORE = re.compile(r"\b(?:no|not|without|never|didnt need|did not need|didnt have|did not have|"
                            r"wasnt|was not|no need for|avoided|nothing|nothings)(?: an?| any| the)?\s+$")
_BONES = {
    "fibula": r"fibula|fibular|weber",
    "tibia": r"tibia|tibial|shin ?bone|pilon|plafond",
    "malleolus": r"malleol\w*|ankle bone",
    "talus": r"talus|talar",
    "calcaneus": r"calcaneus|calcaneal|heel bone",
    "metatarsal": r"metatarsals?|jones fracture",
    "navicular": r"navicular",
}
_BONE = re.compile(r"\b(" + "|".join(f"(?P<{k}>{v})" for k, v in _BONES.items()) + r")\b")
_SPORTS = {
    "running": r"running|run|jogging|jog|marathon|parkrun|runner",
    "football": r"football|soccer",
    "basketball": r"basketball",
    "volleyball": r"volleyball",
    "netball": r"netball",
    "tennis": r"tennis|badminton|squash|padel",
    "dance": r"ballet|dance|dancing|dancer",
    "hiking": r"hiking|hike|trekking|climbing",
    "rugby": r"rugby",
    "skiing": r"skiing|snowboarding",
    "gym": r"crossfit|weightlifting|gym",
}
_SPORT = re.compile(r"\b(" + "|".join(f"(?P<{k}>{v})" for k, v in _SPORTS.items()) + r")\b")
_ABOUT = (
    ("child", re.compile(r"\bmy (?:son|daughter|child|kid|boy|girl|baby|toddler)\b")),
    ("parent", re.compile(r"\bmy (?:mum|mom|mother|dad|father|gran|grandma|grandmother|grandad|"
                          r"grandfather)\b")),
    ("partner", re.compile(r"\bmy (?:wife|husband|partner|boyfriend|girlfriend)\b")),
    ("patient", re.compile(r"\bmy (?:patient|client)s?\b")),
    ("someone else", re.compile(r"\bmy (?:friend|brother|sister|colleague|neighbour|neighbor)\b")),
)
# "X makes it worse", "X hurts", "X is too painful" (within a few words after the exercise's name), and
# "it hurts when I do X", "cannot do X" (just before it).
_WORSE_AFTER = re.compile(r"^(?:\S+\s+){0,4}?(?:make|makes|made|making)?\s*(?:it|things|the pain|my \w+)?\s*"
                          r"(?:worse|hurts?|hurting|painful|sore|aggravates?|flares?|pinch(?:es|ing)?|"
                          r"(?:causes?|gives?) (?:me )?(?:pain|a pinch))\b")
# Not "cannot do": "I can't do a single heel raise" is a weak calf, not an exercise that makes it worse.
_WORSE_BEFORE = re.compile(r"\b(?:hurts? (?:when|during|with|doing|if)|"
                           r"pain (?:when|during|with|doing|if)|worse (?:after|with|when|doing|if)|"
                           r"flares? up (?:after|with|when))"
                           r"(?:\s+(?:i|do|doing|the|my|any|a))*\s*$")
_WORD = re.compile(r"[a-z0-9]+")
_WORSE_CUE = re.compile(r"worse|hurt|pain|sore|aggravat|flare|pinch")
_CLAUSE_END = re.compile(r"[.;!?,]|\bbut\b|\band\b")


@dataclass(frozen=True)
class Facts:
    since_days: float | None = None  # how long ago the injury or operation was, in days
    injury: str | None = None  # sprain | fracture | surgery | replacement | none
    bone: str | None = None  # the broken bone, when named
    band: str | None = None  # the band colour named in the message, or the stored one
    sport: str | None = None
    worse: tuple[str, ...] = ()  # exercise ids the person says make it worse
    about: str = "self"  # self | child | parent | partner | patient | someone else
    stage: str | None = None  # the user's stored rehab stage
    in_cast: bool = False  # the stored profile says they are still in a cast or boot
    clues: tuple[str, ...] = field(default=(), compare=False)  # the words each fact was read from

    @property
    def after_cast_or_surgery(self) -> bool:
        # An Achilles rupture (from the profile) is weeks in a cast or boot, operated or not.
        return self.in_cast or self.injury in ("fracture", "surgery", "replacement", "achilles")

    @property
    def phase(self) -> str | None:
        """first-days | first-weeks | months | years, or None when the message says nothing of time."""
        if self.since_days is None:
            return None
        if self.since_days <= 7:
            # A week after an operation or a broken bone is the start of its first weeks, not "the first
            # days" of a sprain.
            return "first-weeks" if self.after_cast_or_surgery else "first-days"
        if self.since_days <= (84 if self.after_cast_or_surgery else 21):
            return "first-weeks"
        if self.since_days < 365:
            return "months"
        return "years"

    def describe(self) -> list[str]:
        """One line per fact read, for `kb explain`."""
        out = []
        if self.since_days is not None:
            out.append(f"since: about {_days_text(self.since_days)} (phase {self.phase})")
        for name in ("injury", "bone", "band", "sport", "stage"):
            value = getattr(self, name)
            if value:
                out.append(f"{name}: {value}")
        if self.in_cast:
            out.append("in a cast or boot (profile)")
        if self.worse:
            out.append("makes it worse: " + ", ".join(self.worse))
        if self.about != "self":
            out.append(f"about: {self.about}")
        return out


@dataclass(frozen=True)
class Known:
    """What the bot has stored about the person: joins the facts of each message."""

    stage: str | None = None
    band: str | None = None
    # From the injury profile: the injury (as Facts.injury, 'achilles' too), how many days ago it was
    # (today, roughly), and whether they are still in a cast or boot.
    injury: str | None = None
    since_days: float | None = None
    in_cast: bool = False


def _with_profile(facts: Facts, known: Known) -> Facts:
    """The stored profile fills what the message does not state; what the message states wins. A
    message naming another kind of injury than the stored one is about that injury: the stored time
    is not its time."""
    injury = facts.injury or known.injury
    other_injury = facts.injury not in (None, known.injury) and known.injury is not None
    since = facts.since_days
    if since is None and not other_injury and facts.injury != "none":
        since = known.since_days
    return replace(facts, injury=injury, since_days=since, in_cast=known.in_cast)


def _days_text(days: float) -> str:
    if days >= 365:
        return f"{days / 365:.3g} year(s)"
    if days >= 84:
        return f"{days / 30:.3g} month(s)"
    if days >= 7:
        return f"{days / 7:.3g} week(s)"
    return f"{days:.3g} day(s)"


def _count(word: str) -> float:
    word = word.strip()
    if word.startswith("a ") and word != "a":
        word = word[2:]
    try:
        return float(word)
    except ValueError:
        return float(_NUMBER_WORDS.get(word, 1))


def _unit(word: str) -> int:
    return next(days for unit, days in _UNIT_DAYS.items() if word.startswith(unit))


# Everyday names of exercises that neither their names nor their aliases spell out this way.
_COMMON_NAMES = {
    "calf raise": "heel-raise", "calf raises": "heel-raise", "tiptoe": "heel-raise",
    "heel raises": "heel-raise", "squat": "sumo-squat", "squats": "sumo-squat", "lunges": "lunge",
    "step up": "balance-pad-step-up", "step ups": "balance-pad-step-up", "balancing": "single-leg-balance",
    "one leg balance": "single-leg-balance",
    "calf stretch": "standing-calf-stretch", "alphabet": "ankle-alphabet", "deadlift": "single-leg-deadlift",
    "toe curls": "towel-scrunch",
}


def exercise_names(kb: KnowledgeBase) -> dict[str, str]:
    """Lower-case ways to name each exercise: its name, aliases, id words and everyday names."""
    names = dict(_COMMON_NAMES)
    for exercise in kb.exercises.values():
        for name in (exercise.name, *exercise.aliases, exercise.id.replace("-", " ")):
            names.setdefault(name.lower(), exercise.id)
    return {name: ex for name, ex in names.items() if ex in kb.exercises}


class FactReader:
    """Reads `Facts` from a message's cleaned text; exercise names come from the knowledge base."""

    def __init__(self, kb: KnowledgeBase, names: dict[str, str] | None = None):
        self.kb = kb
        exercise_names_ = names if names is not None else exercise_names(kb)
        # Lower-case name or alias -> exercise id, longest first ("single leg balance" before "balance").
        # First two words -> (the name's words, exercise id), longest first, and one-word names: a regex
        # alternation of a hundred names costs half a millisecond on a long message, look-ups almost nothing.
        self._by_two: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        self._single: dict[str, str] = {}
        for name, exercise_id in sorted(exercise_names_.items(), key=lambda item: -len(item[0].split())):
            words = tuple(_WORD.findall(name))
            for form in {words, (*words[:-1], words[-1] + "s"), (*words[:-1], words[-1] + "es")}:
                if len(form) == 1:
                    self._single.setdefault(form[0], exercise_id)
                elif form:
                    self._by_two.setdefault(form[:2], []).append((form, exercise_id))
        self._firsts = frozenset(self._single) | {pair[0] for pair in self._by_two}
        self._band = re.compile(r"\b(" + "|".join(BAND_COLOURS) + r")\b\s+(?:band|theraband|one|resistance)")

    def read(self, cleaned: str, known: Known | None = None) -> Facts:
        clues: list[str] = []
        since = self._since(cleaned, clues)
        injury = None
        if _NO_INJURY.search(cleaned):
            injury = "none"
            clues.append("no injury")
        else:
            for kind, pattern in _KINDS:
                # "broke it, no surgery": a kind denied right before is not the injury.
                m = next((m for m in pattern.finditer(cleaned)
                          if not _DENIED_BEFORE.search(cleaned[max(0, m.start() - 24):m.start()])), None)
                if m:
                    injury = kind
                    clues.append(m.group(0))
                    break
        bone = None
        m = _BONE.search(cleaned)
        if m:
            bone = next(k for k, v in m.groupdict().items() if v)
            if injury in (None, "sprain") and re.search(r"\b(broke|broken|fracture|break|crack)", cleaned):
                injury = "fracture"
        band = None
        m = self._band.search(cleaned)
        if m:
            band = m.group(1)
        sport = None
        m = _SPORT.search(cleaned)
        if m:
            sport = next(k for k, v in m.groupdict().items() if v)
        about = next((who for who, pattern in _ABOUT if pattern.search(cleaned)), "self")
        facts = Facts(since, injury, bone, band, sport, self._worse(cleaned), about, clues=tuple(clues))
        if known is not None:
            facts = replace(facts, stage=known.stage, band=facts.band or known.band)
            if about == "self":
                facts = _with_profile(facts, known)
        return facts

    def _since(self, cleaned: str, clues: list[str]) -> float | None:
        for pattern in (_AGO, _FOR):
            m = pattern.search(cleaned)
            if m:
                clues.append(m.group(0))
                return _count(m.group(1)) * _unit(m.group(2))
        m = _ORDINAL.search(cleaned)
        if m:
            clues.append(m.group(0))
            return float(m.group(2)) * _UNIT_DAYS[m.group(1)]
        today = date.today()
        for m in _YEAR.finditer(cleaned):
            if 1950 <= int(m.group(1)) < today.year:
                clues.append(m.group(0))
                return float((today - date(int(m.group(1)), 7, 1)).days)  # the middle of that year
        for pattern, days in _RELATIVE:
            m = pattern.search(cleaned)
            if m:
                clues.append(m.group(0))
                return float(days)
        return None

    def _worse(self, cleaned: str) -> tuple[str, ...]:
        """Exercises named right before "makes it worse" / "hurts", or right after "hurts when I do"."""
        if not _WORSE_CUE.search(cleaned):
            return ()
        out: list[str] = []
        words = _WORD.findall(cleaned)
        if self._firsts.isdisjoint(words):
            return ()
        spans = [m.span() for m in _WORD.finditer(cleaned)]
        skip_to = 0
        for i, word in enumerate(words):
            if i < skip_to or word not in self._firsts:
                continue
            found = next(((form, ex) for form, ex in self._by_two.get(tuple(words[i:i + 2]), ())
                          if tuple(words[i:i + len(form)]) == form), None)
            if found is None and word in self._single:
                found = ((word,), self._single[word])
            if found is None:
                continue
            form, exercise_id = found
            skip_to = i + len(form)
            start, end = spans[i][0], spans[skip_to - 1][1]
            after = cleaned[end:end + 60]
            after = after[:cut.start()] if (cut := _CLAUSE_END.search(after)) else after
            before = cleaned[max(0, start - 40):start]
            worse = _WORSE_AFTER.search(after.strip()) or _WORSE_BEFORE.search(before)
            if worse and exercise_id not in out:
                out.append(exercise_id)
        return tuple(out)

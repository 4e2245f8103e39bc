"""The shape of a reply: short first, every question answered, what the person said used.

The text before "More" is the escalation as one sentence (when there is one), then the direct answer to
each question in 1-3 short sentences, numbered when there are several. The details (a topic's full
answer, an exercise's set-up, easier and harder versions) go behind "More". When a message asks several
questions, each answer shows its first sentences up to its share of `ANSWERS_BUDGET` (whole sentences
only, and never without a sentence that says to get help at once), and "More" holds each full answer
under the same number; a reply that is still long shows an exercise as its name and dose, with the
steps behind "More". At most `MAX_EXERCISES` exercises are offered, chosen for the person's phase of
recovery and stage, never one they said makes it worse. Plain text: front-ends add markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.engine.facts import Facts
from bot.engine.policy import Allowance
from bot.knowledge import STAGE_IDS, Exercise, KnowledgeBase, Topic, sentences

MAX_EXERCISES = 3
MAX_QUESTIONS = 3
# Characters for the answers of a several-question reply, shared equally: 300 each for two, 200 for three.
ANSWERS_BUDGET = 600
# A several-question reply longer than this shows its exercises by name and dose, the steps behind "More".
REPLY_BUDGET = 900
# A sentence that says to get help at once or the same day stays in the reply, whatever the budget.
GET_HELP_NOW = re.compile(
    r"\b(?:emergency(?! stop)|call \d+|today|the same day|same-day|urgent\w*|straight away|immediately|"
    r"right away|at once)\b", re.IGNORECASE)

# Stages of exercise that suit each phase of recovery: nothing ahead of early mobility in the first days
# or in the first weeks after a cast or an operation (heel raises, lunges and one-leg balance two weeks
# after surgery are what the person's team decides, not the bot).
_PHASE_STAGES = {
    "first-days": ("early-mobility",),
    "first-weeks": ("early-mobility",),
    "months": ("early-mobility", "strengthening"),
    "years": STAGE_IDS,
}

_PHASE_WORDS = {
    "first-days": "in the first days",
    "first-weeks": "in the first weeks after a cast or an operation",
    "months": "at this point",
}

# Wording that contradicts a phase of recovery the person stated: "most sprains feel better in 2 weeks"
# to someone injured 3 years ago. Sentences with it are left out of the reply (also behind "More"), and
# the contradiction check (benchmarks/reply_shape.py, tests/engine/test_shape.py) looks for it.
PHASE_CONFLICTS = {
    "years": re.compile(
        r"\b(first (?:few |1-3 |2-3 )?days|in the first days|first week|within (?:about )?2 weeks|"
        r"over 6-8 weeks|fresh (?:sprain|injury)|straight after the injury|by about 12 weeks|"
        r"right after (?:the|your) injury)\b", re.IGNORECASE),
    "months": re.compile(
        r"\b(first (?:few |1-3 |2-3 )?days|in the first days|first week|within (?:about )?2 weeks|"
        r"fresh (?:sprain|injury)|straight after the injury|right after (?:the|your) injury)\b",
        re.IGNORECASE),
    "first-days": re.compile(r"\b(months? (?:later|after|ago)|years? (?:later|after|ago)|for months)\b",
                             re.IGNORECASE),
    "first-weeks": re.compile(r"\b(years? (?:later|after|ago)|first 1-3 days|within (?:about )?2 weeks)\b",
                              re.IGNORECASE),
}


# For someone whose profile says they are still in a cast or boot.
IN_CAST_NOTE = ("You are still in a cast or boot: this one comes later. Don't start it until your team says "
                "you may.")
IN_CAST_ALLOWED = "In a cast or boot: do this only if your team has said you may move the ankle."


@dataclass(frozen=True)
class Shaped:
    short: str  # the text before "More"
    more: str  # the details behind it ('' when there are none)
    exercises: tuple[str, ...]  # the exercise ids offered (at most MAX_EXERCISES)


def fits_phase(text: str, phase: str | None) -> bool:
    """False when the text says something that contradicts the phase of recovery."""
    pattern = PHASE_CONFLICTS.get(phase or "")
    return pattern is None or not pattern.search(text)


def _phase_safe(text: str, phase: str | None) -> str:
    """The text without its sentences that contradict the phase (line breaks kept)."""
    if fits_phase(text, phase):
        return text
    lines = []
    for line in text.split("\n"):
        kept = " ".join(s for s in sentences(line) if fits_phase(s, phase))
        if kept or not line.strip():
            lines.append(kept)
    return "\n".join(lines).strip()


def stages_for(facts: Facts) -> tuple[str, ...]:
    """The exercise stages that suit the person now: their phase and their stored stage, the stricter."""
    if facts.in_cast:
        # Still in a cast or boot: nothing beyond early mobility, and that only as the team allows.
        return ("early-mobility",)
    allowed = _PHASE_STAGES.get(facts.phase or "", STAGE_IDS)
    if facts.phase == "first-weeks" and not facts.after_cast_or_surgery:
        allowed = ("early-mobility", "strengthening")  # a sprain's first weeks: strength work starts
    if facts.stage in STAGE_IDS:
        up_to = STAGE_IDS[: STAGE_IDS.index(facts.stage) + 1]
        allowed = tuple(s for s in allowed if s in up_to) or allowed[:1]
    return allowed


def too_early(exercise: Exercise, facts: Facts) -> bool:
    return not set(exercise.stages) & set(stages_for(facts))


def choose_exercises(kb: KnowledgeBase, asked: Sequence[str], topic_ids: Sequence[str], facts: Facts,
                     allowed: Allowance) -> tuple[str, ...]:
    """At most MAX_EXERCISES: the ones asked about, then the topics' that fit the phase and stage."""
    if not allowed.exercises:
        return ()
    chosen = [e for e in asked if e in kb.exercises and e not in facts.worse]
    fitting = set(stages_for(facts))
    candidates: list[str] = []
    # Round robin over the topics, so a second question gets an exercise too.
    lists = [list(kb.topics[t].exercises) for t in topic_ids if t in kb.topics]
    for i in range(max((len(x) for x in lists), default=0)):
        candidates += [x[i] for x in lists if i < len(x)]
    stage = facts.stage
    # Exercises of the person's own stage first, then the others that still fit.
    candidates.sort(key=lambda e: 0 if stage is None or stage in kb.exercises[e].stages else 1)
    for exercise_id in candidates:
        exercise = kb.exercises.get(exercise_id)
        if exercise is None or exercise_id in chosen or exercise_id in facts.worse:
            continue
        if set(exercise.stages) & fitting:
            chosen.append(exercise_id)
    return tuple(chosen[:MAX_EXERCISES])


def exercise_short(exercise: Exercise, facts: Facts) -> str:
    """An exercise's name, dose and numbered steps: enough to do it."""
    dose = exercise.dose.describe()
    lines = [exercise.name] + ([f"Dose: {dose}"] if dose else [])
    if facts.in_cast:
        lines.append(IN_CAST_NOTE if too_early(exercise, facts) else IN_CAST_ALLOWED)
    elif too_early(exercise, facts):
        lines.append(
            f"This usually comes later than {_PHASE_WORDS.get(facts.phase or '', 'your stage')}: check with "
            "your physio or team before you start it.")
    lines.append("Steps:")
    lines += [f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1)]
    return "\n".join(lines)


def exercise_more(exercise: Exercise) -> str:
    """What `exercise_short` leaves out: equipment, set-up, easier, harder, what to avoid."""
    lines = [exercise.name]
    lines.append("Equipment: " + (", ".join(exercise.equipment) if exercise.equipment else "none"))
    if exercise.setup:
        lines.append(f"Set-up: {exercise.setup}")
    if exercise.easier:
        lines.append(f"Easier: {exercise.easier}")
    if exercise.harder:
        lines.append(f"Harder: {exercise.harder}")
    if exercise.avoid:
        lines.append("Avoid:")
        lines += [f"- {item}" for item in exercise.avoid]
    return "\n".join(lines)


def topic_short(topic: Topic, facts: Facts) -> str:
    return _phase_safe(topic.short_for(facts.phase), facts.phase) or topic.short


def topic_more(topic: Topic, facts: Facts) -> str:
    """The topic's full answer, less what contradicts the person's phase."""
    return _phase_safe(topic.answer.strip(), facts.phase)


def worse_note(kb: KnowledgeBase, facts: Facts, others: bool) -> str:
    """One sentence for "X makes it worse": leave it out for now (the pain guide has the rule)."""
    names = [kb.exercises[e].name for e in facts.worse if e in kb.exercises]
    if not names:
        return ""
    text = f"Leave out {' and '.join(names)} while it makes things worse, and tell your physio"
    return text + ("; the exercises below leave it out." if others else ".")


def numbered(items: Sequence[str]) -> str:
    """'1. first\n\n2. second' for several items; the item itself for one."""
    if len(items) == 1:
        return items[0]
    return "\n\n".join(f"{number}. {item}" for number, item in enumerate(items, start=1))


def first_sentences(text: str, budget: int) -> str:
    """The text's first sentences within `budget` characters, never cut inside a sentence (the first is
    kept whatever its length), and every later sentence that says to get help at once or the same day."""
    parts = sentences(text)
    kept: list[str] = []
    used = 0
    for index, sentence in enumerate(parts):
        fits = not kept or used + 1 + len(sentence) <= budget
        if (fits and len(kept) == index) or GET_HELP_NOW.search(sentence):
            kept.append(sentence)
            used += len(sentence) + (1 if used else 0)
    return " ".join(kept)


def exercise_brief(exercise: Exercise, facts: Facts) -> str:
    """An exercise in a long several-question reply: its name and dose (and a too-early warning)."""
    dose = exercise.dose.describe()
    text = exercise.name + (f": {dose}" if dose else "") + "."
    if too_early(exercise, facts):
        text += (f" This usually comes later than {_PHASE_WORDS.get(facts.phase or '', 'your stage')}: check "
                 "with your physio or team before you start it.")
    return text + " The steps are under More."


def exercise_full(exercise: Exercise, facts: Facts) -> str:
    """`exercise_short` and `exercise_more` in one: behind "More" when the reply shows the brief."""
    return exercise_short(exercise, facts) + "\n" + exercise_more(exercise).partition("\n")[2]


@dataclass
class _Part:
    """One question's answer: what the reply shows, what waits behind "More"."""

    short: str
    more: str
    full: str = ""  # the whole answer, when `short` is cut to fit (it then leads the "More" text)
    brief: str = ""  # an exercise: its name and dose only, for a reply that is still too long
    brief_more: str = ""  # ...and then its full instructions behind "More"

    def trim(self, budget: int) -> None:
        if self.brief:
            return  # an exercise's steps are kept whole, or moved as a whole (see `shorten`)
        cut = first_sentences(self.short, budget)
        if cut != self.short:
            self.full, self.short = self.short, cut

    def shorten(self) -> None:
        if self.brief:
            self.short, self.more, self.brief = self.brief, self.brief_more, ""

    def details(self) -> str:
        return "\n".join(p for p in (self.full, self.more) if p)


def shape(kb: KnowledgeBase, *, lead: Sequence[str], lead_more: str, asked: Sequence[str],
          topic_ids: Sequence[str], facts: Facts, allowed: Allowance, tail: Sequence[str] = (),
          explain: Sequence[str] | None = None, detail: Sequence[str] = (),
          focus: dict[str, str] | None = None) -> Shaped:
    """The reply: `lead` (escalation sentence, advice for what if) first, then one answer per question.

    asked: exercises the message names (offered first); explain: those it asks how to do (default: all);
    topic_ids: the topics of its questions, in order; detail: topics whose answer goes only behind
    "More" (the exercise asked about is the answer); focus: a topic's short answer replaced by the part
    of it a follow-up asks about.

    Several questions: each answer is cut to its share of ANSWERS_BUDGET at a sentence end (a sentence
    that says to get help at once always stays), and "More" holds the whole of each cut answer, under
    its number, before its details. Above REPLY_BUDGET, an exercise's steps move behind "More" too.
    """
    explain = asked if explain is None else explain
    exercises = choose_exercises(kb, asked, topic_ids, facts, allowed)
    parts: list[_Part] = []
    extra: list[str] = []  # details of topics answered only behind "More"
    if allowed.answer_text:
        for exercise_id in explain:
            if exercise_id in exercises:
                exercise = kb.exercises[exercise_id]
                parts.append(_Part(exercise_short(exercise, facts), exercise_more(exercise),
                                   brief=exercise_brief(exercise, facts),
                                   brief_more=exercise_full(exercise, facts)))
        for topic_id in topic_ids:
            topic = kb.topics[topic_id]
            more = topic_more(topic, facts) if topic.kind == "clinical" else ""
            if focus and topic_id in focus:
                parts.append(_Part(focus[topic_id], more))
            elif topic_id not in detail:
                parts.append(_Part(topic_short(topic, facts), more))
            elif more:
                extra.append(more)
    shown = parts[:MAX_QUESTIONS]
    for part in parts[MAX_QUESTIONS:]:
        part.full = part.brief_more or part.short  # not shown: its whole answer waits behind "More"
    note = worse_note(kb, facts, bool(exercises)) if allowed.exercises and allowed.answer_text else ""

    def reply() -> str:
        answers = numbered([p.short for p in shown]) if shown else ""
        return "\n\n".join(p for p in (*lead, answers, note, *tail) if p)

    if len(shown) > 1:
        for part in shown:
            part.trim(ANSWERS_BUDGET // len(shown))
        if len(reply()) > REPLY_BUDGET:
            for part in shown:
                part.shorten()
    mores = [p.details() for p in parts] + extra
    if len(parts) > 1:
        # Numbered as the reply is, so "2." behind "More" is the rest of the reply's second answer.
        details = "\n\n".join(f"{n}. {m}" for n, m in enumerate(mores, start=1) if m)
    else:
        details = numbered([m for m in mores if m]) if any(mores) else ""
    more = "\n\n".join(p for p in (lead_more, details) if p)
    return Shaped(reply(), more, exercises)

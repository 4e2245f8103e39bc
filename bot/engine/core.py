"""Engine: one message in, one Answer out. Triage always runs first, on the whole message."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from bot.engine import compose, followup, policy, shape
from bot.engine.answer import Answer
from bot.engine.check import CheckFinder
from bot.engine.context import HISTORICAL, HYPOTHETICAL, RESOLVED
from bot.engine.facts import FactReader, Facts, Known
from bot.engine.language import Languages
from bot.engine.match import Matcher, Scored
from bot.engine.normalise import SpellFixer
from bot.engine.parse import ParsedMessage, Parser
from bot.engine.safety_net import MODEL_REASON, SAFETY_NET_RULE, SafetyNet, raise_only
from bot.engine.spelling import Speller
from bot.engine.triage import Triage, TriageResult
from bot.knowledge import KnowledgeBase, default_root, level_rank, load_default

# Score thresholds on the matcher's [0, 1] scale, tuned on the shared dev set and checked on
# paraphrases of it (see tests/engine/test_matching.py).
TOPIC_CONFIDENT = 0.40
EXERCISE_CONFIDENT = 0.55
EXERCISE_WITH_INTENT = 0.40  # "how do I do ..." makes a weaker exercise match enough
EXERCISE_CONFIDENT_NO_DOMAIN = 0.75  # see DOMAIN_WORDS
# "Pumping my foot back and forth, how fast?": a weaker exercise match is enough when no topic comes close.
EXERCISE_CLEAR = 0.45
EXERCISE_CLEAR_LEAD = 0.20
SECOND_TOPIC_CONFIDENT = 0.50
# Up to this many parts, a statement in a message that also asks something gets its own answer (with
# three, graders marked the answer to a background sentence down as an irrelevant item).
STATEMENTS_ANSWERED_UP_TO = 2
# How many of a question's closest topics count as answering it (see Engine._answers_it).
CLOSEST_TO_A_QUESTION = 5
TOPIC_CONFIDENT_NO_DOMAIN = 0.50  # see DOMAIN_WORDS
# A message that triage already flagged is about the ankle for sure, so a weaker topic match is
# trusted to say what it is about (the reply leads with the escalation either way).
TOPIC_WHEN_FLAGGED = 0.25
# "How do I lift my foot up with the band?" is about the exercise, not the foot-drop topic.
EXERCISE_DOMINATES = 0.30
SUGGESTIONS = 3
# A greeting or thanks gives way to a clinical topic scoring within this much of it.
SMALLTALK_YIELDS = 0.15
# A one-word message answers a topic only when its best entry leads the next one by this much.
LONE_WORD_MARGIN = 0.10
# Words of the ankle-rehab world. An unmatched message with one of them is unclear (offer suggestions);
# one without any is about something else ("which phone should I buy", "how to lose weight fast"),
# even when some of its words occur in the knowledge base. This replaces a share-of-known-words rule,
# which called "what's wrong with my ankle" off-topic because "ankle" is in every entry and weighs
# little. Passed through the matcher's normalisation, so synonyms count ("hurts" is "pain").
DOMAIN_WORDS = (
    "ankle foot feet heel toe calf shin leg knee achilles tendon ligament arch sole joint muscle bone "
    "sprain fracture surgery physio rehab exercise stretch band swelling pain stiff brace tape cast boot "
    "crutches injury injured limp walk doctor ice heat rep set balance run sport gym massage foamroller "
    "recover insole orthotic wobble mobility flexibility side "
    # The exercises by the names people give them.
    "lunge squat deadlift rdl plie sumo hinge tiptoe alphabet pump scrunch theraband dorsiflexion "
    "plantarflexion inversion eversion proprioception stance pad foam cushion pillow"
)

# The one sentence that opens a reply whose topic sends the person to their own team.
_FLOOR_NOTES = {
    "after-fracture": "After a broken bone, your fracture clinic or physio sets the plan, so check this "
    "with them too.",
    "after-surgery": "After an operation, your surgeon and physio set the plan, so check this with them too.",
}
_FLOOR_NOTE = "Your own physio or doctor knows your case, so check this with them too."

_INSTRUCTION_INTENT = re.compile(
    r"\b(how (do|should|can|to)|how is|show me|explain|instructions?|steps?|technique|demonstrat\w*|"
    r"what is the|whats the|describe|teach me|form for|proper form|correct way|how exactly|exactly how)\b"
    r"|\bhow\s*(?:\?|$)"  # "..., how?"
)

class Engine:
    """`safety_net`: the learned model under the rules (None: rules only, as in tests with a tiny
    knowledge base). `triage_source` is for evaluation only: "rules", "model" or "both" (the bot)."""

    def __init__(self, kb: KnowledgeBase, safety_net: SafetyNet | None = None, triage_source: str = "both",
                 languages: Languages | None = None):
        self.kb = kb
        self.safety_net = safety_net
        self.languages = languages
        self.triage_source = triage_source
        self.speller = Speller()
        self.matcher = Matcher(kb, speller=self.speller)
        self._domain_terms = frozenset(self.matcher.terms(DOMAIN_WORDS, fix_spelling=False))
        # Looked up for every ranked topic of every message: kept as plain sets.
        self._needs_keyword = frozenset(t.id for t in kb.topics.values() if t.keyword_required)
        self._parent_of = {t.id: t.parent for t in kb.topics.values() if t.parent}
        # Triage spell-fixes against the matcher's vocabulary plus the words of its own patterns.
        triage_words = {
            w
            for patterns in kb.red_flags.concepts.values()
            for p in patterns
            for w in re.findall(r"[a-z]{4,}", p)
        }
        if kb.vocabulary is not None:
            # ...and the red-flag vocabulary's words (typos of them are corrected towards them).
            triage_words |= {w for words in kb.vocabulary.terms.values() for t in words for w in t.split()}
        triage_spell = SpellFixer(self.matcher.spell.vocabulary | triage_words, speller=self.speller)
        self.triage = Triage(kb.red_flags, triage_spell, kb.context, kb.vocabulary)
        self.facts = FactReader(kb)
        self.checks = CheckFinder(kb.safety_checks, self.triage.context, kb.red_flags.negation_before)
        self.parser = Parser(
            self.speller, triage_spell.view, self.matcher.spell.view, self.matcher.words_of_cleaned,
            kb.real_word_slips, self.triage.context,
        )

    @classmethod
    @functools.cache
    def default(cls, triage_source: str = "both") -> Engine:
        """The bot's engine: the default knowledge base and its safety net (SafetyNetError when the model
        file is missing, corrupt or stale: the bot does not start without it)."""
        root = default_root()
        return cls(load_default(), SafetyNet.load(root), triage_source, Languages.load(root))

    def assess(self, text: str) -> TriageResult:
        """The level a message needs: the rules, raised (never lowered) by the safety net."""
        return self._with_safety_net(text, self.triage.assess(self.parser.parse(text)))

    def _with_safety_net(self, text: str, rules: TriageResult) -> TriageResult:
        if self.safety_net is None or self.triage_source == "rules":
            return rules
        net = self.safety_net.assess(text)
        if self.triage_source == "model":
            return TriageResult(net.level, (SAFETY_NET_RULE,) if net.level != "none" else (),
                                (MODEL_REASON,) if net.level != "none" else ())
        return raise_only(rules, net)

    def answer(self, text: str, known: Known | None = None, also: Sequence[str] = ()) -> Answer:
        """The answer to one message. known: what the bot has stored about the person (stage, band).

        also: sentences that the answers to a safety check add (bot/engine/check.py). They are triaged
        together with the message by the same rules, and can only raise its level; topics and
        exercises are still matched on the message alone. With them, no check is offered again.
        """
        text = text if isinstance(text, str) else ""
        if not any(ch.isalnum() for ch in text):
            return Answer("none", None, (), (), compose.EMPTY_REPLY)
        parsed = self.parser.parse(text)
        rules = self.triage.assess(parsed)
        triage = self._with_safety_net(text, rules)
        if also:
            together = "\n".join([text, *also])
            with_answers = self._with_safety_net(together, self.triage.assess(self.parser.parse(together)))
            if level_rank(with_answers.level) > level_rank(triage.level):
                triage = with_answers
        facts = self.facts.read(parsed.cleaned, known)
        if triage.level == "emergency":
            # The policy lets an emergency reply carry nothing but the escalation: no topic answer, no
            # exercise, nothing that could delay the call. So there is nothing to match.
            reply = compose.escalation(self.kb, triage, "emergency", None)
            return Answer("emergency", None, (), (), "\n\n".join(filter(None, (reply, self._foreign(text)))),
                          triage.rules, facts=tuple(facts.describe()))
        foreign = self._foreign(text)
        if foreign:
            # Matching English topics against another language would answer at random.
            escalation = compose.escalation(self.kb, triage, triage.level, None)
            return Answer(triage.level, None, (), (), "\n\n".join(filter(None, (escalation, foreign))),
                          triage.rules)

        # What the message is about is read with the rules' findings, not the model's hunch.
        topic_ids, exercise_ids, suggestions, unasked = self._match(parsed, rules, facts.phase)
        topic_ids = self._fitting_the_phase(topic_ids, facts.phase)
        if facts.injury == "none":
            topic_ids = self._without_an_injury(topic_ids)
        elif facts.injury in ("fracture", "surgery", "replacement"):
            topic_ids = self._without_a_sprain(topic_ids)
        # "How do I do heel raises?" is answered by the exercise; the topic it shares words with goes
        # behind "More".
        one_question = len([s for s in question_segments(text) if s[1]]) <= 1
        intent = bool(_INSTRUCTION_INTENT.search(parsed.cleaned))
        detail = topic_ids if exercise_ids and intent and one_question and len(topic_ids) == 1 else []
        # "so fed up with this ankle" asks nothing: an unsure reply thanks them before offering topics.
        tells = ("?" not in text and not _ASKING_WORDS.search(parsed.cleaned)
                 and not any(asks for _segment, asks in question_segments(text)))
        # A broken bone or an operation a year or more ago, told as fine ("broke it in 2010, healed,
        # never bothered me"), is history: its topic's floor does not send the person to their team.
        history = (facts.phase == "years" and bool(_TOLD_AS_FINE.search(parsed.cleaned))
                   and not _NOT_FINE.search(parsed.cleaned))
        answer = self._compose(triage, facts, topic_ids, exercise_ids, suggestions, unasked, detail=detail,
                               tells=tells, event_is_history=history)
        if not also and level_rank(answer.triage) < level_rank("urgent") and answer.topic != "off-topic":
            # Never before an urgent or emergency answer: those are given at once.
            check = self.checks.applies(parsed)
            if check is not None:
                questions = tuple(q.text for q in check.questions)
                answer = replace(answer, check=check.id, check_questions=questions)
        return answer

    def _compose(self, triage: TriageResult, facts: Facts, topic_ids: list[str], exercise_ids: list[str],
                 suggestions: list[str], unasked: list[str], explain: list[str] | None = None,
                 detail: list[str] | None = None, followup: bool = False,
                 focus: dict[str, str] | None = None, tells: bool = False,
                 event_is_history: bool = False) -> Answer:
        """explain: exercises to explain in the text (default: all); detail: topics only behind "More";
        tells: the message asks nothing (a story, news, how they feel)."""
        # A topic only the story names ("I broke my ankle in May") still raises the level to its floor;
        # a topic about something that happened (a broken bone, an operation) only when triage found that
        # event as the person's own, now (not "broke it years ago, fine since", not "no fracture").
        current_event = _names_current_event(triage) and not event_is_history
        floors = [self.kb.topics[t].triage_floor for t in (*topic_ids, *unasked)
                  if current_event or not self._about_an_event(t)]
        level = max([triage.level, *floors], key=level_rank)
        floor_note = next(
            (self._floor_note(t) for t in (*topic_ids, *unasked) if self.kb.topics[t].triage_floor == level),
            None,
        )
        reasons = list(triage.reasons) if triage.level == level else []
        if floor_note and (not reasons or reasons == [MODEL_REASON]):
            # The topic's own reason says more than the safety net's "something sounds like it needs
            # checking" when both reach the same level.
            reasons = [floor_note]
        lead, lead_more = policy.escalation_lead(self.kb.red_flags, level, reasons)
        allowed = policy.allowance(level)
        opening = [lead, compose.conditional_advice(self.kb, triage)]
        if not allowed.exercises:
            # Same-day care comes first; exercise instructions would invite what should wait.
            opening.append(policy.NO_EXERCISE_UNTIL_SEEN)
        tail = ([compose.suggestions_text(self.kb, suggestions, tells)]
                if suggestions and allowed.answer_text else [])
        if not allowed.answer_text:
            topic_ids = topic_ids[:1]  # named for the record; its answer waits until the person is seen
        shaped = shape.shape(
            self.kb, lead=opening, lead_more=lead_more, asked=exercise_ids,
            topic_ids=topic_ids if allowed.answer_text else [], facts=facts, allowed=allowed, tail=tail,
            explain=exercise_ids if explain is None else explain, detail=detail or [], focus=focus,
        )
        reply = shaped.short or compose.EMPTY_REPLY  # never an empty message
        parents = [self.kb.topics[t].parent or t for t in topic_ids]
        topic = parents[0] if parents else None
        subtopic = topic_ids[0] if topic_ids and self.kb.topics[topic_ids[0]].parent else None
        return Answer(
            level, topic, shaped.exercises, tuple(suggestions), reply, triage.rules, shaped.more,
            tuple(dict.fromkeys(parents)), subtopic, tuple(facts.describe()), followup,
        )

    def follow_up(self, text: str, topic_id: str, alone: Answer | None = None,
                  known: Known | None = None) -> Answer | None:
        """`text` as a follow-up of an answer about `topic_id` ("and how long for?"), or None when it
        is a question of its own. `alone`: the answer to the text on its own, when already made."""
        alone = alone or self.answer(text, known)
        topic = self.kb.topics.get(topic_id)
        if topic is None or topic.kind != "clinical" or alone.triage not in ("none", "routine"):
            return None
        if not followup.continues(text, topic_id, alone, self.kb, self.matcher.terms):
            return None
        parsed = self.parser.parse(text)
        rules = self.triage.assess(parsed)
        triage = self._with_safety_net(text, rules)
        facts = self.facts.read(parsed.cleaned, known)
        focus = followup.focus(topic, text, facts, self.matcher.terms)
        return self._compose(triage, facts, [topic_id], [], [], [], followup=True, focus={topic_id: focus})

    def _foreign(self, text: str) -> str | None:
        """'I only understand English for now', in the message's language, when it is not English."""
        language = self.languages.detect(text) if self.languages is not None else None
        if language is None:
            return None
        return language.reply.format(emergency_number=self.kb.red_flags.emergency_number)

    def _about_an_event(self, topic_id: str) -> bool:
        """A topic about a broken bone or an operation (it or its parent needs its keyword): its floor
        counts only when the message names that event as the person's own, now."""
        topic = self.kb.topics[topic_id]
        parent = self.kb.topics.get(topic.parent) if topic.parent else None
        return topic.keyword_required or (parent is not None and parent.keyword_required)

    def _floor_note(self, topic_id: str) -> str:
        """Why a topic's floor sends the person to their team, in one sentence."""
        family = self.kb.contract_topic(topic_id)
        return _FLOOR_NOTES.get(family, _FLOOR_NOTE)

    # ------------------------------------------------------------ matching decisions

    def _match(
        self, parsed: ParsedMessage, rules: TriageResult, phase: str | None = None
    ) -> tuple[list[str], list[str], list[str], list[str]]:
        """(topic ids to answer in order, exercise ids to explain, topic ids to suggest, topics only the
        story names: not answered, but their triage floor counts). Topics about another phase of
        recovery than the person's give way before the best is chosen ("still not right years on" is
        no answer two days after a sprain), as long as one is left."""
        text = parsed.text
        flagged = rules.level != "none"
        fixed, typed = self.matcher.terms_fixed_and_typed(parsed)
        terms = set(fixed)
        topics, exercises = self.matcher.rank_terms(terms or set(self.matcher.all_terms(parsed)))
        denied = self._denied_only(parsed.cleaned)
        topics = self._without_unnamed_events(topics, terms - denied, denied)
        topics = [s for s in topics if self.kb.topics[s.id].fits(phase)] or topics
        # Words as typed: "a flight to Spain" is not a misspelt sprain.
        in_domain = bool(self._domain_terms.intersection(typed))
        if in_domain and any(s.id == "off-topic" for s in topics):
            # A message about the ankle world is never answered as "something else".
            topics = [s for s in topics if s.id != "off-topic"]
        if len(terms) == 1 and _ambiguous(topics, exercises) and self._all_smalltalk(topics[:2]):
            # "What can you help me with" against "thanks for your help": chatter is told apart by its
            # small words, which the ranking otherwise leaves out.
            # Only the order changes: the word itself matched them both fully.
            by_small_words = {
                s.id: s.score for s in self.matcher.rank_terms(set(self.matcher.all_terms(parsed)))[0]
            }
            topics = sorted(topics, key=lambda s: -by_small_words.get(s.id, 0.0))
        elif len(terms) == 1 and _ambiguous(topics, exercises):
            # One word that many entries share ("heel", "calf", "ankle"): offer the closest topics
            # instead of answering one of them with false confidence. A word only exercises share
            # ("tiptoe") goes on to the best of them.
            topics_shown = [s.id for s in topics if self.kb.topics[s.id].kind == "clinical"]
            if topics_shown:
                return [], [], topics_shown[:SUGGESTIONS], []
        intent = bool(_INSTRUCTION_INTENT.search(parsed.cleaned))
        best_topic = topics[0] if topics else None
        if best_topic is not None and self.kb.topics[best_topic.id].kind == "smalltalk":
            # "hi there, how many reps?": the greeting must not hide a question asked with it.
            clinical = next((s for s in topics if self.kb.topics[s.id].kind == "clinical"), None)
            if clinical is not None and clinical.score >= max(
                TOPIC_CONFIDENT, best_topic.score - SMALLTALK_YIELDS
            ):
                best_topic = clinical
        best_exercise = exercises[0] if exercises else None

        exercise_ids: list[str] = []
        if (
            best_exercise
            and (
                best_exercise.score >= EXERCISE_CONFIDENT
                or (intent and best_exercise.score >= EXERCISE_WITH_INTENT)
                or (
                    best_exercise.score >= EXERCISE_CLEAR
                    and best_exercise.score - (best_topic.score if best_topic else 0.0) >= EXERCISE_CLEAR_LEAD
                )
            )
            # "Can you write my cover letter" is not the ankle alphabet ("write letters with my big toe").
            and (in_domain or flagged or best_exercise.score >= EXERCISE_CONFIDENT_NO_DOMAIN)
            and (best_topic is None or best_exercise.score >= best_topic.score - 0.05 or intent)
        ):
            exercise_ids.append(best_exercise.id)

        topic_ids: list[str] = []
        threshold = TOPIC_WHEN_FLAGGED if flagged else TOPIC_CONFIDENT
        if (
            not flagged
            and best_topic is not None
            and self.kb.topics[best_topic.id].kind == "clinical"
            and not in_domain
        ):
            # "can you order me a pizza" shares "order" with "what order should I do the exercises in":
            # without a single word of the ankle world, a clinical answer needs a clearer match.
            threshold = TOPIC_CONFIDENT_NO_DOMAIN
        if (
            best_topic
            and best_topic.score >= threshold
            and not self._exercise_question(best_topic, best_exercise, exercise_ids, intent)
        ):
            topic_ids.append(best_topic.id)
        topic_ids, unasked = self._questions(text, topic_ids, [s.id for s in topics[:SUGGESTIONS]], denied)
        # A message that names an event with a triage floor (a broken bone, an operation) as happening now
        # keeps that floor when a finer question wins the answer ("I broke my ankle, which balance
        # exercises are good?"). A word alone ("my scar is fine") names no event.
        if _names_current_event(rules):
            unasked += [t.id for t in self.kb.topics.values()
                        if t.keyword_required and t.parent is None and t.triage_floor != "none"
                        and t.id not in topic_ids and t.id not in unasked
                        and self.matcher.has_keyword(t.id, terms)]
        # Good news with a routine flag ("stroke last year ... small wins") is still good news; the reply
        # keeps the routine line. Never under an urgent or emergency level.
        if (level_rank(rules.level) < level_rank("urgent") and "thanks" in self.kb.topics
                and _GOOD_NEWS.search(parsed.cleaned)
                and not _NOT_ALL_GOOD.search(parsed.cleaned) and "?" not in text
                and not any(asks for _segment, asks in question_segments(text))):
            # "I had a bad sprain last year, did these exercises, now I'm back to running": no question, a
            # story that ends well. Thanks fits it; a return-to-running answer does not. A finer kind of
            # thanks among the closest topics (a testimonial, a story) fits it better still.
            closest = [s.id for s in topics[:SUGGESTIONS]
                       if s.id == "thanks" or self.kb.topics[s.id].parent == "thanks"]
            chosen = closest[0] if closest else "thanks"
            if (chosen == "thanks" and not _THANKING.search(parsed.cleaned)
                    and "testimonial" in self.kb.topics):
                chosen = "testimonial"  # "Day 40 post op, slowly getting there!": no "You're welcome"
            return [chosen], [], [], []

        if topic_ids or exercise_ids:
            return topic_ids, exercise_ids, [], unasked
        if self._off_topic(in_domain, best_topic):
            return ["off-topic"], [], [], []
        suggestions = [s.id for s in topics if self.kb.topics[s.id].kind == "clinical"][:SUGGESTIONS]
        if not suggestions:
            # No topic shares a word with it ("how do I fix a squeaky door hinge"): something else.
            return ["off-topic"], [], [], []
        return [], [], suggestions, unasked

    def _exercise_question(
        self, best_topic: Scored, best_exercise: Scored | None, exercise_ids: list[str], intent: bool
    ) -> bool:
        """True when the message asks how to do an exercise rather than about the topic."""
        if not exercise_ids or best_exercise is None:
            return False
        if self.kb.topics[best_topic.id].kind == "smalltalk":
            return True
        return intent and best_exercise.score - best_topic.score >= EXERCISE_DOMINATES

    def _questions(self, text: str, found: list[str], closest: list[str],
                   denied: set[str] = frozenset()) -> tuple[list[str], list[str]]:
        """The topics of the message's questions, the whole message's first (at most three in all), and
        topics that are named but not answered (their triage floor still counts; none for now).

        "My ankle is stiff in the morning. Should I use heat?" gets both answers, numbered. A greeting or
        thanks never answers a message that asks a real question too. With no topic found for the whole
        message, a part of it may still be a clear question, but only one of the closest topics of the
        whole: otherwise a line of background ("I work from home and sit all day") would decide.
        """
        segments = question_segments(text)
        if len(segments) < 2:
            return found, []
        # "is that normal?" asks nothing new: segments without terms are left out. Pasted text repeats
        # itself: each different segment is read once.
        # A denied word ("nothing broken") names nothing to answer.
        terms_of = {segment: frozenset(self.matcher.terms(segment)) - denied for segment, _asks in segments}
        parts = [(terms, asks) for segment, asks in segments if (terms := terms_of[segment])]
        asking = {terms for terms, asks in parts if asks}
        unique = list(dict.fromkeys(terms for terms, _asks in parts))
        bests = self.matcher.best_topics([set(t) for t in unique], self._names_its_event)
        others: list[tuple[str, bool]] = []  # the clinical topics of the parts in order, and if they ask
        for best, terms in zip(bests, unique, strict=True):
            if best is not None and best.score >= SECOND_TOPIC_CONFIDENT and (
                self.kb.topics[best.id].kind == "clinical"
            ):
                others.append((best.id, terms in asking))
        if len(parts) == 2 and parts[0][1] and not parts[1][1]:
            # A statement after the question tells more about it ("when can I ride my bike after a sprain?
            # bad one, on crutches for a week"): background, with no answer of its own.
            others = [(t, asks) for t, asks in others if asks]
        elif len(parts) > STATEMENTS_ANSWERED_UP_TO and any(asks for _terms, asks in parts):
            # A message with a question in it: its other sentences are background ("Do the plates have to
            # come out? Mine are 1 year in and ache in the cold"), so only the parts that ask get answers
            # of their own. In a two-part message the statement is the problem: "my ankle swells at night.
            # ice or heat?" gets both answers.
            # When neither the whole message nor an asking part has a topic, a statement is all there is:
            # "surgeon says 50% weight bearing. how am i supposed to know what 50% is??"
            asked = [(t, asks) for t, asks in others if asks]
            others = asked if asked or found else others
            if found and len(asking) == 1 and self._answers_it(found[0], next(iter(asking))):
                # One question in a story, and the whole message's topic answers it: the asking part's own
                # closest topic would say the same again in other words ("is it too late?" twice). A
                # finer topic of the whole's still replaces it.
                others = [(t, asks) for t, asks in others
                          if not asks or self.kb.topics[t].parent == found[0]]
        whole = found[0] if found else None
        if whole is None:
            return list(dict.fromkeys(t for t, _asks in others if t in closest))[:2], []
        if self.kb.topics[whole].kind == "smalltalk":
            # "Thanks! And how long should I ice it?": the question is answered, not the thanks.
            ordered = self._distinct([t for t, _asks in others]) if others else [whole]
        else:
            ordered = self._distinct([whole], others)
        return ordered[: shape.MAX_QUESTIONS], []

    def _answers_it(self, topic_id: str, question_terms: frozenset[str]) -> bool:
        """Whether a topic (or one of its family) is among the closest to a question's own words: then it
        answers that question, and was not only matched on the story around it."""
        closest = self.matcher.rank_terms(set(question_terms))[0][:CLOSEST_TO_A_QUESTION]
        return any(s.id == topic_id or self._same_family(s.id, topic_id) for s in closest)

    def _distinct(self, first: list[str], others: Sequence[tuple[str, bool]] = ()) -> list[str]:
        """The topics to answer, each once, without a second answer of the same family that would say
        the same thing again: a parent after its finer topic ("after a broken ankle" after "still not
        right months on") gives way to it, and a sibling comes only from a part that asks a question
        ("it has never been right. is it too late?" is one question, not two answers)."""
        ordered = list(dict.fromkeys(first))
        for topic, asks in others:
            if topic in ordered:
                continue
            related = [t for t in ordered if self._same_family(t, topic)]
            if not related:
                ordered.append(topic)
                continue
            parent = self.kb.topics[topic].parent
            if any(self.kb.topics[t].parent == topic for t in related):
                continue  # the finer answer is already there
            if parent in related:
                ordered = [topic if t == parent else t for t in ordered]  # the finer answer replaces it
                continue
            if asks:
                ordered.append(topic)
        return list(dict.fromkeys(ordered))

    def _fitting_the_phase(self, topic_ids: list[str], phase: str | None) -> list[str]:
        """The topics less those about another phase of recovery than the person's ("the first weeks
        after surgery" to someone operated a year ago), as long as one is left to answer."""
        fitting = [t for t in topic_ids if self.kb.topics[t].fits(phase)]
        return fitting or topic_ids

    def _without_an_injury(self, topic_ids: list[str]) -> list[str]:
        """The topics less those that assume an injury ("after a sprain", "after a broken bone") for someone
        who said there was none, as long as one is left to answer."""
        fitting = [t for t in topic_ids if self.kb.contract_topic(t) not in _INJURY_FAMILIES]
        return fitting or topic_ids

    def _without_a_sprain(self, topic_ids: list[str]) -> list[str]:
        """The topics less those about a sprain ("a few weeks after a sprain...") for someone whose ankle was
        broken or operated on, as long as one is left to answer."""
        fitting = [t for t in topic_ids if self.kb.contract_topic(t) not in _SPRAIN_FAMILIES]
        return fitting or topic_ids

    def _same_family(self, a: str, b: str) -> bool:
        return self.kb.contract_topic(a) == self.kb.contract_topic(b)

    def _names_its_event(self, topic_id: str, terms: set[str]) -> bool:
        """False for a `keyword_required` topic whose keywords the terms do not name."""
        return not self.kb.topics[topic_id].keyword_required or self.matcher.has_keyword(topic_id, terms)

    def _without_unnamed_events(self, topics: list[Scored], terms: set[str],
                                denied: set[str] = frozenset()) -> list[Scored]:
        """The topics, less those with `keyword_required` whose keywords the message does not name, and
        less the finer topics of an event the message only denies ("nothing broke": no "will it break
        again?").

        "I get out of breath after jogging" is no question after surgery; as such topics raise the triage
        level, a false match would also over-escalate."""
        named = self.matcher.topics_named(terms)
        needs_keyword = self._needs_keyword
        kept = [s for s in topics if s.id not in needs_keyword or s.id in named]
        denied_events = self.matcher.topics_named(denied) - named if denied else frozenset()
        if not denied_events:
            return kept
        parent_of = self._parent_of
        return [s for s in kept if s.id in named or parent_of.get(s.id) not in denied_events]

    def _denied_only(self, cleaned: str) -> set[str]:
        """The terms the message names only right after a denial: "sprained it, no fracture" and "nothing
        broken" name no broken bone, so no fracture topic may answer them."""
        denied = [m.group(1) for m in _DENIED_WORD.finditer(cleaned)]
        if not denied:
            return set()
        denied_terms = set(self.matcher.terms_fixed_and_typed(" ".join(denied))[0])
        if not self.matcher.topics_named(denied_terms):
            return set()  # "no swelling": no topic needs that word, so none can be wrongly named by it
        rest = _DENIED_WORD.sub(" ", cleaned)
        return denied_terms - set(self.matcher.terms_fixed_and_typed(rest)[0])

    def _all_smalltalk(self, topics: list[Scored]) -> bool:
        return bool(topics) and all(self.kb.topics[s.id].kind == "smalltalk" for s in topics)

    def _off_topic(self, in_domain: bool, best_topic: Scored | None) -> bool:
        if best_topic is not None and best_topic.id == "off-topic":
            return True
        # Unmatched, with no word of the ankle world: about something else. With one: unclear.
        return not in_domain


# An old injury told as fine, and nothing said to be wrong with it now (see `answer`).
_TOLD_AS_FINE = re.compile(
    r"\b(?:fine|healed|all good|never bothered|not bothered|no problems?|no issues?|zero (?:problems|issues)|"
    r"perfect|been good|good ever since|good since|no trouble|totally ok|completely ok)\b")
_NOT_FINE = re.compile(
    r"\b(?:still(?! (?:in|there|have|got)\b)|but|however|recently|lately|worse|never fully|cant|cannot|"
    r"unable|limp\w*|swell\w*|swollen|"
    r"pain\w*|hurts?|hurting|ach\w*|stiff\w*|lump|rubbing|unsteady|wobbly|weak\w*|flatter|smaller|sore|"
    r"click\w*|grind\w*|numb\w*|tingl\w*|gives? way|giving way)\b")
# A word right after a denial ("no fracture", "nothing broken", "didnt need an operation").
_DENIED_WORD = re.compile(r"\b(?:no|not|nothing|nothings|without|never|wasnt|isnt|didnt need|did not need|"
                          r"didnt have|did not have|no need for|avoided)(?: an?| any| the)? (\w+)")
# Words that ask without a question mark ("ankle thing question", "need advice on my boot").
_ASKING_WORDS = re.compile(r"\b(?:question|questions|help|wondering|wonder|advice|tips|ask|asking|explain)\b")
_QUESTION_WORDS = re.compile(
    r"^\W*(?:(?:and|also|so|but|ok|okay|plus|then|or|oh|hi|hello|hey|thanks|thank you|please)\W+)*"
    r"(?:how|what|whats|when|whens|should|shall|can|could|do|does|did|is|are|was|will|would|why|which|where|"
    r"any|anything|am i|have|has|must|may|might)\b"
)
# Where a segment ends: ? ; ! a full stop, a new line, "also", or "and / plus" before a question word. Not
# "or": "will it recover or is this permanent" is one question with its alternatives, not two.
# Each alternative starts with its letter and checks the word boundary right after it ("a(?<!\wa)lso" is
# "\balso"): `re` then skips straight to the few characters that can start a match, instead of trying
# every position of a long message (twice as fast, the same splits).
_BEFORE_QUESTION_WORD = r"\s+(?=(?:how|what|when|should|can|do|does|is|are|which|where|why)\b)"
_SEGMENT = re.compile(
    r"(\?|;|!|\.(?=\s|$)|\n|a(?<!\wa)lso\b"
    rf"|a(?<!\wa)nd{_BEFORE_QUESTION_WORD}|p(?<!\wp)lus{_BEFORE_QUESTION_WORD})"
)


# Words of a question that only asks on about what came before it ("and how long for?").
_FRAGMENT_WORDS = frozenset("and or how long for what about then it that this so ok too".split())
_FRAGMENT_TOKENS = re.compile(r"[a-z']+")
_COMMA_QUESTION = re.compile(
    r",\s*(?:and\s+)?(?=(?:how|what|when|should|can|do|does|is|are|which|where|why)\b)", re.IGNORECASE
)


@functools.lru_cache(maxsize=64)  # asked twice per message: by the shape decision and by _questions
def question_segments(text: str) -> tuple[tuple[str, bool], ...]:
    """The message's parts of at least two words, each with whether it asks something.

    A part asks when a question mark ends it or it opens with a question word ("how", "should", "can"...).
    """
    pieces = _SEGMENT.split(text)
    out = []
    for i in range(0, len(pieces), 2):
        mark = pieces[i + 1] if i + 1 < len(pieces) else ""
        # "how many sets, how often, and which band?": a question's commas may separate questions;
        # a statement's ("my scar is fine, can I use the band?") do not.
        parts = _COMMA_QUESTION.split(pieces[i]) if _QUESTION_WORDS.search(pieces[i].lower()) else [pieces[i]]
        for number, segment in enumerate(parts, start=1):
            words = len(segment.split())
            if words < 2:
                continue
            ends = mark if number == len(parts) else "?"
            lower = segment.lower()
            asks = ends == "?" or (words >= 3 and bool(_QUESTION_WORDS.search(lower)))
            if out and set(_FRAGMENT_TOKENS.findall(lower)) <= _FRAGMENT_WORDS:
                # "can I use ice, and how long for?": a fragment asks about what came before it.
                out[-1] = (f"{out[-1][0]} {segment}", out[-1][1] or asks)
                continue
            out.append((segment, asks))
    return tuple(out)


_GOOD_NEWS = re.compile(
    r"\b(thank(?:s+| ?(?:yo)?u+)|helped(?: me)?|fully recovered|back to (?:running|normal|sport|football|"
    r"work|dancing|the gym)|all good now|(?:works?|worked) (?:great|well|wonders)|(?:feels?|feeling) "
    r"(?:great|fine|normal|good) now|great (?:video|videos|advice|bot)|"
    # Progress told as a story ("ran my first 5k since breaking my ankle", "back playing netball").
    r"(?:ran|did|walked|played|finished|managed) my first|"
    r"first (?:5k|10k|run|jog|jump|match|game|hike|race|marathon|half marathon) (?:since|after|in|without)|"
    r"back (?:playing|running|on the pitch|on the court|on the building site|at work|in the gym|dancing|"
    r"hiking|training)|(?:exercises|they|it) (?:really )?worked|small wins?|getting there|not once since|"
    r"without a limp|just (?:wanted to (?:say|share|let you know)|sharing)|sharing my story|dont give up|"
    r"with no pain|no pain and no|"
    # A step forward told as news ("walked to the shops without the crutch today!").
    r"(?:walked|went|got|made it) (?:\w+ ){0,4}without (?:the |my |a |any )?"
    r"(?:crutch|crutches|stick|frame|boot)|"
    r"(?:week|day|month) \d+ update)\b"
)


# ...unless something is still wrong ("it helped, but it still swells": "still" says it, not "but", which
# joins good news too: "legs like jelly but so happy").
_NOT_ALL_GOOD = re.compile(
    r"\b(still|however|except|although|though|yet|worse|(?<!no )(?<!not the )pain\w*|hurts?|swell\w*|swollen|"
    r"stiff\w*|sore|weak|unstable|gives? way|problem|never|cant|cannot|not(?! once| the pain)|difficult\w*|"
    r"restricted|limited|blocked|"
    r"tight|when|will|how|what|should|is it)\b"
)
# Words that thank: without them, good news gets praise, not "You're welcome".
_THANKING = re.compile(r"\b(?:thank\w*|thanx|thx|ty|cheers|grateful|appreciate\w*)\b")


def _ambiguous(topics: list[Scored], exercises: list[Scored]) -> bool:
    ranked = sorted((s.score for s in (*topics[:2], *exercises[:2])), reverse=True)
    return len(ranked) > 1 and ranked[0] - ranked[1] < LONE_WORD_MARGIN


# The families whose answers assume an injury: not for someone who said there was none.
_INJURY_FAMILIES = frozenset({"after-fracture", "after-surgery", "sprain-recovery", "sprain-first-days"})
_SPRAIN_FAMILIES = frozenset({"sprain-recovery", "sprain-first-days"})
# The findings that say something happened to the ankle: a broken bone, an operation, a cast.
_EVENT_CONCEPTS = frozenset({"fracture_known", "fracture_or_surgery", "operated_or_immobile", "cast"})
_PAST = frozenset({HISTORICAL, RESOLVED, HYPOTHETICAL})


def _names_current_event(rules: TriageResult) -> bool:
    """True when the rules found a broken bone, an operation or a cast said as happening now."""
    return any(f.concept in _EVENT_CONCEPTS and f.said not in _PAST for f in rules.findings)

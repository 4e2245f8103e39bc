"""The engine end to end: what a person reads for a given message."""

import pytest

from bot.engine import Engine
from bot.engine.core import DOMAIN_WORDS


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


def test_emergency_reply_names_the_number_and_invites_no_exercise(engine):
    answer = engine.answer("I had ankle surgery last week and now I'm short of breath with chest pain")
    assert answer.triage == "emergency"
    assert "112" in answer.reply and "911" in answer.reply and "999" in answer.reply
    assert answer.exercises == () and answer.topic is None
    lowered = answer.reply.lower()
    assert not any(word in lowered for word in ("reps", "sets", "stretch", "band", "routine"))


def test_urgent_reply_leads_with_escalation_and_gives_no_instructions(engine):
    answer = engine.answer("my calf is hot, red and swollen since the operation. how do I do a calf stretch")
    assert answer.triage == "urgent"
    assert answer.reply.startswith("Please get this checked today")
    assert answer.exercises == ()
    assert "1." not in answer.reply  # no numbered exercise steps


def test_topic_floor_raises_triage_and_keeps_the_answer(engine):
    answer = engine.answer("when can I start running after my ankle fracture?")
    assert answer.triage == "routine"
    # One sentence that gives the reason opens the reply; the level's advice waits behind "More".
    first = answer.reply.split("\n")[0]
    assert "plan" in first and first.count(". ") == 0, first
    assert "Please check this with your physio or doctor" in answer.more
    assert answer.topic in ("after-fracture", "return-to-running")


def test_no_healing_time_promised_after_fracture(engine):
    reply = engine.answer("how long until my broken ankle is healed").reply.lower()
    assert "depends" in reply
    assert "you will be healed" not in reply and "will heal in" not in reply


def test_plain_question_gets_a_plain_answer(engine):
    answer = engine.answer("how many reps should I do with the band?")
    assert (answer.triage, answer.topic) == ("none", "reps-and-sets")
    assert "10-15" in answer.reply


def test_exercise_question_gets_numbered_instructions_and_dose(engine):
    answer = engine.answer("how do I do the band exercise where I turn my foot outwards")
    assert answer.exercises[0] == "band-eversion"
    assert "1. " in answer.reply and "2. " in answer.reply and "Dose:" in answer.reply


def test_two_questions_are_both_answered(engine):
    answer = engine.answer("how many sets should I do, and how many times a day?")
    reply = answer.reply
    topics = engine.kb.topics
    assert answer.topic in ("reps-and-sets", "how-often")
    assert answer.topics == (answer.topic, *({"reps-and-sets", "how-often"} - {answer.topic}))
    # Numbered, each with its short answer.
    assert reply.startswith("1. ") and "\n\n2. " in reply
    assert topics["reps-and-sets"].short in reply and topics["how-often"].short in reply


def test_greeting_before_a_question_does_not_hide_the_question(engine):
    assert engine.answer("hi there, how many reps should I do?").topic == "reps-and-sets"


def test_unsure_answer_offers_three_suggestions(engine):
    answer = engine.answer("ankle thing question")
    assert answer.topic is None and len(answer.suggestions) == 3
    assert "not sure" in answer.reply


def test_an_unsure_reply_to_a_message_that_asks_nothing_thanks_before_offering_topics(engine):
    # A story or a feeling is no question to misunderstand.
    answer = engine.answer("my ankle does a weird thing")
    assert answer.suggestions and answer.reply.startswith("Thank you for telling me"), answer.reply
    assert "not sure I understood" not in answer.reply


@pytest.mark.parametrize("text", ["what is the capital of France", "tell me a joke", "book me a taxi"])
def test_off_topic_is_answered_as_off_topic(engine, text):
    answer = engine.answer(text)
    assert answer.topic == "off-topic" and answer.triage == "none"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀😀😀",
        "\x00\x01\x02\x1b[31m",
        "x" * 1_000_000,
        "ankle " * 200_000,
        "<script>alert('hi')</script>",
        "'; DROP TABLE users; --",
        "**bold** _italic_ [link](http://example.com) `code`",
        "¿Cuántas repeticiones debo hacer?",
        "Сколько повторений делать?",
        "我的脚踝很痛",
        "\ud800",  # a lone surrogate, as broken clients send
    ],
)
def test_bad_input_gets_a_sensible_reply_never_a_traceback(engine, text):
    answer = engine.answer(text)
    assert answer.reply.strip()
    assert answer.triage in ("none", "routine", "urgent", "emergency")


@pytest.mark.parametrize("template", ["{w}", "how do i fix a squeaky door {w}", "{w} for my granddad's car"])
def test_every_ankle_word_in_any_company_gets_a_reply(engine, template):
    # An ankle word among words no topic knows ("a squeaky door hinge") once produced an empty reply.
    empty = [w for w in DOMAIN_WORDS.split() if not engine.answer(template.format(w=w)).reply.strip()]
    assert empty == []


def test_markup_looking_input_is_not_treated_as_a_red_flag(engine):
    assert engine.answer("'; DROP TABLE users; --").triage == "none"


def test_answers_are_deterministic(engine):
    text = "my ankle is stiff in the morning, what can I do"
    assert engine.answer(text) == engine.answer(text)


def test_emergency_reply_gives_only_emergency_reasons(engine):
    # Breathless (emergency) plus a hot swollen calf (urgent on its own): one clear message, not two.
    answer = engine.answer("I'm short of breath and my calf is hot and swollen")
    assert answer.triage == "emergency"
    assert "same-day" not in answer.reply and "today" not in answer.reply


def test_batched_segment_ranking_picks_what_rank_terms_picks():
    """best_topics (numpy, all segments at once) must choose exactly as rank_terms followed by the filter."""
    engine = Engine.default()
    matcher = engine.matcher
    texts = [q for topic in engine.kb.topics.values() for q in topic.questions]
    texts += [a for exercise in engine.kb.exercises.values() for a in exercise.aliases]
    term_sets = [terms for text in texts if (terms := set(matcher.terms(text)))]
    picked = matcher.best_topics(term_sets, engine._names_its_event)
    for terms, best in zip(term_sets, picked, strict=True):
        slow = [s for s in matcher.rank_terms(terms)[0] if engine._names_its_event(s.id, terms)]
        assert best == (slow[0] if slow else None), terms


def test_batched_ranking_with_sets_of_unknown_words_between_and_last():
    """A set of words the knowledge base never uses, in the middle or last, changes nothing for the
    others (a last one once cut the set before it short by a word)."""
    engine = Engine.default()
    matcher = engine.matcher
    texts = ("how many reps should i do", "can i use ice on my swollen ankle")
    known = [set(matcher.terms(t)) for t in texts]
    unknown = {"zzxqv"}
    for term_sets in ([known[0], unknown, known[1]], [known[0], known[1], unknown], [unknown, known[0]]):
        picked = matcher.best_topics(term_sets, engine._names_its_event)
        for terms, best in zip(term_sets, picked, strict=True):
            slow = [s for s in matcher.rank_terms(terms)[0] if engine._names_its_event(s.id, terms)]
            assert best == (slow[0] if slow else None), (term_sets, terms)

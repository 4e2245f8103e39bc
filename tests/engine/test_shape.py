"""Replies shaped for people: short first, every question answered, what they said used."""

import sys
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.engine.facts import Known
from bot.engine.shape import GET_HELP_NOW, MAX_EXERCISES, PHASE_CONFLICTS
from bot.knowledge import level_rank, sentences

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import reply_shape  # noqa: E402


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


@pytest.mark.parametrize(("text", "phase", "injury"), [
    ("I sprained my ankle 3 years ago and it still hurts", "years", "sprain"),
    ("broke my fibula 6 weeks ago, cast off yesterday", "first-weeks", "fracture"),
    ("rolled my ankle yesterday at football", "first-days", "sprain"),
    ("week 3 post op", "first-weeks", "surgery"),
    ("my mum had an ankle replacement 4 months ago", "months", "replacement"),
    ("no injury, it just started aching when running", None, "none"),
    # A year before this one, and childhood, are years ago; a count is no year.
    ("broke my ankle in 2019, plate and 6 screws, still swells", "years", "surgery"),
    ("it has been weak since i was a kid, sprained it on a trampoline", "years", "sprain"),
    ("i walked 2000 steps today after my sprain", "first-days", "sprain"),
    # A kind denied right before is not the injury: a break treated without an operation.
    ("6 months post fracture, no surgery, still stiff", "months", "fracture"),
    ("broke it in march, didnt need an operation", None, "fracture"),
])
def test_facts_read_time_phase_and_what_it_was(engine, text, phase, injury):
    facts = engine.facts.read(text.lower())
    assert (facts.phase, facts.injury) == (phase, injury)


def test_facts_read_bone_band_sport_who_and_what_makes_it_worse(engine):
    facts = engine.facts.read("my son broke his fibula playing football, heel raises make it worse, red band")
    assert (facts.bone, facts.sport, facts.about, facts.band) == ("fibula", "football", "child", "red")
    assert facts.worse == ("heel-raise",)
    assert engine.facts.read("it hurts when i do lunges").worse == ("lunge",)
    assert engine.facts.read("lunges are fine").worse == ()
    # Not being able to do one is weakness, not an exercise that makes it worse.
    assert engine.facts.read("i cant do a single leg heel raise on that side").worse == ()


def test_stored_stage_and_band_join_the_facts(engine):
    facts = engine.facts.read("how many reps", Known(stage="early-mobility", band="green"))
    assert (facts.stage, facts.band) == ("early-mobility", "green")


def test_the_answer_is_short_and_the_details_wait_behind_more(engine):
    answer = engine.answer("how many reps should I do with the band?")
    topic = engine.kb.topics["reps-and-sets"]
    assert answer.reply == topic.short and answer.more == topic.answer.strip()
    assert len(answer.exercises) <= MAX_EXERCISES


@pytest.mark.parametrize("text", [
    "how do I do the ankle alphabet", "how often should I exercise", "my ankle is stiff, any stretches?",
    "which exercises help with balance", "impingement exercises please",
])
def test_at_most_three_exercises_and_json_lists_exactly_them(engine, text):
    assert len(engine.answer(text).exercises) <= MAX_EXERCISES


def test_phase_variant_years_after_a_sprain_never_says_two_weeks(engine):
    answer = engine.answer("I sprained my ankle 3 years ago, it is still not right, how long does it take?")
    assert "years" in answer.reply.lower() or "long" in answer.reply.lower()
    for text in (answer.reply, answer.more):
        assert not PHASE_CONFLICTS["years"].search(text), text


def test_no_exercise_too_early_two_weeks_after_surgery(engine):
    answer = engine.answer("I had ankle surgery 2 weeks ago, which exercises can I do?")
    for exercise_id in answer.exercises:
        assert "early-mobility" in engine.kb.exercises[exercise_id].stages, exercise_id
    assert "heel-raise" not in answer.exercises and "lunge" not in answer.exercises


def test_the_stored_stage_limits_the_exercises(engine):
    answer = engine.answer("which exercises help balance", Known(stage="early-mobility"))
    assert all("early-mobility" in engine.kb.exercises[e].stages for e in answer.exercises)


def test_the_exercise_that_makes_it_worse_is_never_offered(engine):
    answer = engine.answer("heel raises make it worse, what else can I do for my achilles tendon pain?")
    assert "heel-raise" not in answer.exercises
    assert "Leave out Heel raises" in answer.reply


def test_three_questions_numbered_topics_in_order(engine):
    text = "how many sets should i do, how often per week, and should I use a red or green band"
    answer = engine.answer(text)
    assert answer.topics == ("how-often", "reps-and-sets", "band-resistance")
    assert answer.topic == answer.topics[0]
    assert answer.reply.startswith("1. ") and "\n\n2. " in answer.reply and "\n\n3. " in answer.reply


def test_a_long_story_answers_its_question_not_each_background_sentence(engine):
    text = ("I'm a chef and on my feet all day. I sprained my ankle in the spring. By the evening it swells "
            "up. My knee aches on stairs too. When can I go back to running?")
    answer = engine.answer(text)
    assert "return-to-running" in answer.topics
    assert len(answer.topics) <= 2 and "stiffness" not in answer.topics, answer.topics


def test_a_short_message_answers_its_question_not_its_background(engine):
    # Three parts: the sentences around the question are background, not questions of their own...
    answer = engine.answer("Do the plates and screws have to come out? Mine went in a year ago. "
                           "They sometimes ache in the cold")
    assert answer.subtopic == "metalwork-removal" and "\n\n2. " not in answer.reply, answer.reply
    # ...unless nothing else has an answer: then the statement says what the question is about.
    answer = engine.answer("physio says 50% weight bearing. how on earth do i tell what half is?? "
                           "been guessing all week")
    assert answer.subtopic == "partial-weight-bearing", (answer.topic, answer.subtopic)
    # ...while in two parts the statement is the problem and gets its answer too.
    answer = engine.answer("my ankle swells at night. ice or heat?")
    assert {"swelling", "ice-and-heat"} <= set(answer.topics), answer.topics


def test_one_question_in_a_story_gets_one_answer_not_the_same_point_twice(engine):
    # A story with a single question: the question's own closest topic ("not too late" after a sprain)
    # would repeat the whole message's answer ("not too late" after a broken ankle) in other words.
    answer = engine.answer("I broke my ankle two years ago at 70. Still a bit stiff and wobbly on the "
                           "stairs. My son printed your exercises. Am I too old for them to help?")
    assert "\n\n2. " not in answer.reply, answer.reply
    assert answer.reply.lower().count("not too late") <= 1, answer.reply


def test_a_question_with_alternatives_is_one_question(engine):
    # "will it ... or is it ..." offers two answers to one question, not two questions.
    answer = engine.answer("Ligament torn in a bad sprain 18 months ago, it still gives way on kerbs. "
                           "Will physio ever sort it or is an operation the only option now?")
    assert "\n\n2. " not in answer.reply, answer.reply


def test_a_sprain_answer_gives_way_for_a_broken_or_operated_ankle(engine):
    assert engine._without_a_sprain(["after-fracture", "sprain-recovery"]) == ["after-fracture"]
    assert engine._without_a_sprain(["sprain-first-days", "ice-and-heat"]) == ["ice-and-heat"]
    # ...unless nothing else answers.
    assert engine._without_a_sprain(["sprain-recovery"]) == ["sprain-recovery"]
    answer = engine.answer("When can I get back to netball after a broken fibula? The op was 3 months ago, "
                           "I walk fine now, slight limp by the evening")
    assert not {"sprain-recovery", "sprain-first-days"} & set(answer.topics), answer.topics


def test_a_topic_that_assumes_an_injury_gives_way_when_there_was_none(engine):
    assert engine._without_an_injury(["tendinopathy", "after-fracture"]) == ["tendinopathy"]
    assert engine._without_an_injury(["sprain-recovery", "ice-and-heat"]) == ["ice-and-heat"]
    # ...unless nothing else answers.
    assert engine._without_an_injury(["after-fracture"]) == ["after-fracture"]


def test_a_topic_about_another_phase_gives_way(engine):
    """"The first weeks after surgery" is no answer for someone operated years ago, unless nothing else
    answers them (then its phase-safe text still goes out)."""
    assert not engine.kb.topics["first-weeks-after-surgery"].fits("years")
    assert engine._fitting_the_phase(["stiffness", "first-weeks-after-surgery"], "years") == ["stiffness"]
    assert engine._fitting_the_phase(["first-weeks-after-surgery"], "years") == ["first-weeks-after-surgery"]
    assert engine._fitting_the_phase(["stiffness", "first-weeks-after-surgery"], None) == [
        "stiffness", "first-weeks-after-surgery"]


def test_a_topic_floor_gives_its_own_reason_before_the_safety_nets(engine):
    """Where the topic's floor reaches the same level as the safety net's raise, the reply opens with
    why the person's own team decides, not "something in your message sounds like it needs checking"."""
    answer = engine.answer("broke my ankle 5 weeks ago, scared to walk without the boot")
    assert answer.triage == "routine"
    assert answer.reply.startswith("After a broken bone, your fracture clinic or physio sets the plan")
    assert "sounds like it needs checking" not in answer.reply


def test_one_family_answers_once(engine):
    """A generic parent answer never follows its finer topic, and a sibling answer comes only from a
    part that asks: "it has never been right. is it too late?" is one question, not two answers."""
    distinct = engine._distinct
    assert distinct(["old-fracture-not-right"], [("after-fracture", True)]) == ["old-fracture-not-right"]
    assert distinct(["after-fracture"], [("old-fracture-not-right", False)]) == ["old-fracture-not-right"]
    assert distinct(["too-late-for-rehab"], [("old-sprain-still-hurts", False)]) == ["too-late-for-rehab"]
    assert distinct(["too-late-for-rehab"], [("old-sprain-still-hurts", True)]) == [
        "too-late-for-rehab", "old-sprain-still-hurts"]
    # Other families still get their own answer, asked or not ("my ankle is stiff. should I use heat?").
    assert distinct(["ice-and-heat"], [("stiffness", False)]) == ["ice-and-heat", "stiffness"]


@pytest.mark.parametrize("text", [
    "hi! how many reps should I do?", "thanks for the help. also how often should i do them per week?",
    "thank you so much! one more question: when can i start running again after my sprain?",
])
def test_small_talk_never_answers_a_question_asked_with_it(engine, text):
    answer = engine.answer(text)
    assert answer.topic not in ("greeting", "thanks") and "You're welcome" not in answer.reply


def test_a_message_without_a_question_gets_a_short_reply_that_fits(engine):
    answer = engine.answer("Thank you for your videos, they helped me so much after my sprain!")
    assert answer.topic == "thanks" and len(answer.reply) < 120


def test_a_routine_escalation_is_one_sentence_then_the_answer(engine):
    answer = engine.answer("my ankle keeps giving way on uneven ground, should I wear a brace for hiking?")
    assert answer.triage == "routine"
    lead, _, rest = answer.reply.partition("\n\n")
    assert lead.count(". ") == 0 and lead.endswith(".") and rest
    assert "physio or doctor" in answer.more


def test_a_finer_topic_reports_its_parent(engine):
    from dataclasses import replace

    kb = engine.kb
    finer = replace(kb.topics["stiffness"], id="stiff-after-cast", parent="stiffness")
    topics = {**{k: v for k, v in kb.topics.items() if k != "stiffness"}, "stiff-after-cast": finer}
    answer = Engine(replace(kb, topics=topics)).answer("my ankle is stiff in the morning")
    assert (answer.topic, answer.subtopic) == ("stiffness", "stiff-after-cast")


def test_reply_shape_gates_hold_on_the_own_set_and_its_contradiction_check_is_clean(engine):
    result = reply_shape.measure(engine, reply_shape.load(reply_shape.OWN_SET))
    assert result["median_chars"] < 600 and not result["over_1000"], result
    assert not result["smalltalk_answered_question"] and not result["contradictions"], result


def test_the_contradiction_check_finds_what_it_looks_for():
    from bot.engine.answer import Answer

    said = Answer("none", "sprain-recovery", ("heel-raise",), (), "Most are better within about 2 weeks.")
    found = reply_shape.contradictions({"phase": "years", "worse": ["heel-raise"]}, said)
    assert len(found) == 2


@pytest.mark.parametrize(("text", "topic"), [
    ("I had a bad sprain last year and did all these exercises, now I'm back to running marathons", "thanks"),
    ("the band exercises helped me a lot", "thanks"),
    ("these exercises helped, but my ankle still swells in the evening", "swelling"),
    ("grade 2 sprain, when will it be back to normal roughly", "sprain-recovery"),
])
def test_a_story_that_ends_well_gets_thanks_unless_something_is_still_wrong(engine, text, topic):
    assert engine.answer(text).topic == topic


def _replies(engine, rows):
    return [(row["text"], engine.answer(row["text"]).reply) for row in rows]


@pytest.mark.parametrize("which", ["own", "dev"])
def test_no_first_reply_over_1000_characters_and_the_median_under_600(engine, which):
    path = reply_shape.OWN_SET if which == "own" else reply_shape.DEV_SET
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared dev set sits next to the checkout)")
    replies = _replies(engine, reply_shape.load(path))
    too_long = [(text, len(reply)) for text, reply in replies if len(reply) > 1000]
    assert not too_long
    lengths = sorted(len(reply) for _text, reply in replies)
    assert lengths[len(lengths) // 2] < 600


@pytest.mark.parametrize("text", [
    "how many sets should i do, how often per week, and should I use a red or green band",
    "how do I do heel raises, how often should I train, and when can I run again after my sprain?",
    "I had a stroke last year, which shoes are best for foot drop, and can exercises still help my "
    "stiff ankle?",
])
def test_a_several_question_reply_shows_whole_sentences_and_more_holds_each_full_answer(engine, text):
    from bot.engine.shape import topic_short

    answer = engine.answer(text)
    assert len(answer.topics) >= 2
    facts = engine.facts.read(text.lower())
    items = answer.reply.split("\n\n")
    for topic_id in answer.topics:
        full = topic_short(engine.kb.topics[topic_id], facts)
        shown = next((item.split(". ", 1)[1] for item in items if item[:1].isdigit()
                      and sentences(item.split(". ", 1)[1])[0] == sentences(full)[0]), "")
        # What the reply shows is whole sentences of the answer (a fourth waits behind More), and
        # what it leaves out is behind More: the full answer, under its number.
        assert set(sentences(shown)) <= set(sentences(full))
        assert shown == full or full in answer.more
        assert not GET_HELP_NOW.search(full) or GET_HELP_NOW.search(shown)


def test_a_cut_answer_keeps_a_sentence_that_says_to_get_help_today():
    from bot.engine.shape import first_sentences

    text = ("A first sentence that is long enough to use the whole budget on its own. "
            "A detail that can wait. If it came on recently, get seen today. Another detail.")
    assert first_sentences(text, 80) == (
        "A first sentence that is long enough to use the whole budget on its own. "
        "If it came on recently, get seen today.")
    assert first_sentences("One. Two.", 1) == "One."  # never cut inside a sentence, never empty


def test_a_long_several_question_reply_gives_an_exercises_steps_to_more(engine):
    from bot.engine import shape
    from bot.engine.facts import Facts
    from bot.engine.policy import allowance

    kb = engine.kb
    shaped = shape.shape(kb, lead=["A reason. " * 40], lead_more="", asked=["heel-raise"],
                         topic_ids=["how-often", "reps-and-sets"], facts=Facts(), allowed=allowance("none"))
    first = shaped.short.split("\n\n")[1]
    assert first.startswith("1. Heel raises") and "Steps:" not in shaped.short
    for step in kb.exercises["heel-raise"].steps:
        assert step in shaped.more
    assert shaped.more.startswith("1. Heel raises") and "\n\n2. " in shaped.more


def test_a_step_forward_asked_as_a_question_is_no_news(engine):
    assert engine.answer("can i walk to the shops without my crutches yet?").topic != "thanks"


@pytest.mark.parametrize("text", [
    "Just wanted to say I ran my first 10k since my fracture last spring, legs like jelly but so happy",
    "my wife had a stroke in march and we do the foot exercises every night, her toes lift a little now. "
    "small wins",
    "day 40 update: got to the end of the road and back without my crutches!",
])
def test_good_news_without_a_question_gets_a_reply_that_fits_it(engine, text):
    answer = engine.answer(text)
    assert answer.topic == "thanks", (answer.topic, answer.reply)
    assert level_rank(answer.triage) < level_rank("urgent")

"""Finer topics (knowledge/topics/*.yaml) are found for typical phrasings, reported as their parent.

The phrasings are this project's own, written for these tests (not the shared dev set): a long story, a
short question, typos left in where people make them. The JSON `topic` names the parent (topic ids are a
contract) and `subtopic` the finer topic that answered.
"""

import json

import pytest

from bot.cli import answer_jsonl
from bot.engine import Engine

CASES = [
    ('i sprained my ankle two years back and it still aches on long walks',
     'sprain-recovery', 'old-sprain-still-hurts'),
    ('is it too late to start ankle exercises after so many years', 'sprain-recovery', 'too-late-for-rehab'),
    ('broke my ankle 10 months ago and its still sore and stiff', 'after-fracture', 'old-fracture-not-right'),
    ('my ankle has been giving way for years whenever i step on uneven ground',
     'recurrent-sprains', 'ankle-gives-way-years'),
    ('my calf got really skinny in the cast, how do i build it back',
     'after-fracture', 'weak-calf-after-cast'),
    ('the cast came off yesterday, how should i start walking', 'after-fracture', 'walking-after-cast'),
    ('how do i get up the stairs on crutches with my broken ankle', 'after-fracture', 'stairs-on-crutches'),
    ('which hand do i hold the walking stick in', 'after-fracture', 'crutches-and-sticks'),
    ('my ankle puffs up every evening since the boot came off', 'swelling', 'swelling-after-boot'),
    ('im scared to trust my ankle since the fracture', 'after-fracture', 'fear-of-walking'),
    ('when am i allowed to drive after breaking my right ankle',
     'after-fracture', 'driving-after-ankle-injury'),
    ('how long off work with a broken ankle in a standing job', 'after-fracture', 'work-after-fracture'),
    ('when can i go back to football after my ankle operation', 'after-surgery', 'sport-after-surgery'),
    ('5 months after the fracture my ankle still wont bend properly',
     'stiffness', 'stiff-months-after-fracture'),
    ('it feels like a hard block at the front of my ankle when i bend it',
     'impingement', 'hard-block-front-ankle'),
    ('is foot drop permanent or will it recover', 'foot-drop', 'foot-drop-outlook'),
    ('do i need an afo splint for my drop foot', 'foot-drop', 'afo-and-splints'),
    ("my mum's ankle wont move since her stroke", 'foot-drop', 'ankle-after-stroke'),
    ('the exercises are making my ankle worse, should i stop',
     'pain-during-exercise', 'exercises-make-it-worse'),
    ('my ankle is worse the morning after the exercises', 'pain-during-exercise', 'worse-next-morning'),
    ('my ankle clicks when i do circles is that bad', 'stiffness', 'clicking-ankle'),
    ('there is a numb patch next to my scar after the ankle operation',
     'after-surgery', 'numb-patch-near-scar'),
    ('how do i massage the scar on my ankle', 'after-surgery', 'scar-tissue'),
    ('my ankle hurts but i never injured it', 'tendinopathy', 'pain-without-injury'),
    ('can my stiff ankle cause knee pain', 'stiffness', 'knee-pain-from-ankle'),
    ('can exercises give me a higher arch', 'flat-feet', 'change-my-arch'),
    ('the black band is too easy now what', 'band-resistance', 'band-too-easy'),
    ('my band snapped, what can i do without one', 'getting-a-band', 'no-band-at-home'),
    ('these exercises really helped my ankle, amazing', 'thanks', 'testimonial'),
    ('ok bye for now', 'greeting', 'goodbye'),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.default()


@pytest.mark.parametrize(("text", "parent", "subtopic"), CASES)
def test_a_finer_topic_answers_and_the_parent_is_named(engine, text, parent, subtopic):
    answer = engine.answer(text)
    assert (answer.topic, answer.subtopic) == (parent, subtopic)
    assert engine.kb.topics[subtopic].parent == parent


def test_the_jsonl_contract_names_parent_and_subtopic(engine):
    import io

    text, parent, subtopic = CASES[0]
    out = io.StringIO()
    answer_jsonl(engine, io.StringIO(json.dumps({"id": "x", "text": text}) + "\n"), out)
    row = json.loads(out.getvalue())
    assert (row["topic"], row["subtopic"]) == (parent, subtopic)


def test_every_finer_topic_is_found_by_one_of_its_own_questions(engine):
    missed = []
    for topic in engine.kb.topics.values():
        if topic.parent is None:
            continue
        if not any(engine.answer(q).subtopic == topic.id for q in topic.questions):
            missed.append(topic.id)
    assert not missed, missed


def test_a_finer_topic_wins_an_exact_tie_with_its_parent(engine):
    # "after-fracture" sorts before "driving-after-ankle-injury", and both score the same here.
    answer = engine.answer("when am i allowed to drive after breaking my right ankle")
    assert (answer.topic, answer.subtopic) == ("after-fracture", "driving-after-ankle-injury")


def test_stair_technique_with_an_aid_is_for_the_weeks_with_it(engine):
    assert engine.answer("how do i go up stairs with crutches").subtopic == "stairs-on-crutches"
    assert engine.answer("stairs in my walking boot, which foot first?").subtopic == "stairs-in-a-boot"
    months_on = engine.answer("7 months after my fracture i still go down the stairs one at a time, my leg "
                              "feels weak. what exercises?")
    assert months_on.subtopic not in ("stairs-on-crutches", "stairs-in-a-boot"), months_on.subtopic

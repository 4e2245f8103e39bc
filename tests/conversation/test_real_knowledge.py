"""The conversation over the real knowledge base and engine: what users actually see."""

import zoneinfo

import pytest

from bot.conversation import Button, Caller, Conversation
from bot.conversation import callbacks as cb
from bot.conversation.replies import MAX_BUTTON_DATA_BYTES
from bot.engine.compose import exercise_instructions
from bot.knowledge import load_default

ME = Caller(1, 1, "Ann")
KB = load_default()


@pytest.fixture
def conv(storage, clock):
    return Conversation.create(storage, clock=clock, emergency_number="112")


@pytest.mark.parametrize("exercise_id", sorted(KB.exercises))
def test_every_exercise_renders_complete_instructions(exercise_id):
    exercise = KB.exercises[exercise_id]
    body = exercise_instructions(exercise)
    assert body.startswith(exercise.name)
    assert all(f"{n}. {step}" in body for n, step in enumerate(exercise.steps, start=1))
    assert f"Dose: {exercise.dose.describe()}" in body and "Avoid:" in body


def test_every_button_the_knowledge_base_can_produce_fits_telegrams_limit():
    longest_zone = max(zoneinfo.available_timezones(), key=len)
    datas = [cb.exercise(e) for e in KB.exercises] + [cb.stage(s) for s in KB.stages]
    datas += [cb.topic(t, 10**12) for t in KB.topics]
    datas += [cb.category(e.category) for e in KB.exercises.values()]
    datas += [cb.timezone(longest_zone), cb.feedback("down", 10**12), cb.cancel_reminder(10**12),
              cb.snooze(10**12)]
    assert max(len(d.encode()) for d in datas) <= MAX_BUTTON_DATA_BYTES
    with pytest.raises(ValueError):
        Button("too long", "ex:" + "x" * 62)


@pytest.mark.parametrize("stage_id", list(KB.stages))
def test_every_stage_has_a_routine_with_instructions_behind_each_button(conv, stage_id):
    conv.handle_button(ME, cb.stage(stage_id))
    routine = conv.handle_command(ME, "routine")[0]
    buttons = [b.data for b in routine.all_buttons() if b.data.startswith("ex:")]
    assert len(buttons) == len(KB.stages[stage_id].items)
    for data in buttons:
        assert "Steps:" in conv.handle_button(ME, data)[0].text


def test_every_category_lists_its_exercises(conv):
    for category in {e.category for e in KB.exercises.values()}:
        listed = [b.data for b in conv.handle_button(ME, cb.category(category))[0].all_buttons()]
        assert {d[3:] for d in listed if d.startswith("ex:")} == {
            e.id for e in KB.exercises.values() if e.category == category}


def test_an_emergency_gets_the_emergency_advice_and_no_buttons(conv):
    replies = conv.handle_text(ME, "my foot is cold and blue and I can't feel my toes")
    assert len(replies) == 1 and not replies[0].buttons
    assert "112" in replies[0].text


def test_an_everyday_question_gets_an_answer_with_feedback(conv):
    reply = conv.handle_text(ME, "how many reps should I do?")[0]
    assert reply.text and reply.all_buttons()[-1].data.startswith("fb:down:")


def test_an_emergency_number_from_the_settings_keeps_the_safety_net_and_languages(storage, clock):
    # The number changes the knowledge base's wording; the engine must still have its learned safety
    # net (here the rules alone miss "my ankle is cold and white") and its language detection.
    conv = Conversation.create(storage, clock=clock, emergency_number="112")
    [reply] = conv.handle_text(ME, "my ankle is cold and white under the cast")
    assert reply.level == "emergency" and "112" in reply.text
    [other] = conv.handle_text(ME, "Mein Knöchel tut seit gestern weh, was soll ich machen?")
    assert "nur Englisch" in other.text and "bitte 112 an" in other.text


@pytest.mark.parametrize("text", ["hi", "thanks!", "what's the weather like tomorrow?"])
def test_no_votes_under_hello_thanks_or_off_topic(conv, text):
    datas = [b.data for r in conv.handle_text(ME, text) for b in r.all_buttons()]
    assert not any(d.startswith("fb:") for d in datas), text


def test_every_button_label_fits_a_phone(conv):
    replies = [*conv.handle_command(ME, "exercises")]
    for category in {e.category for e in KB.exercises.values()}:
        replies += conv.handle_button(ME, cb.category(category))
    for stage in KB.stages:
        conv.handle_button(ME, cb.stage(stage))
        replies += conv.handle_command(ME, "routine")
    replies += conv.handle_text(ME, "how do I do ankle alphabet and the seated ankle stretch")
    labels = [b.text for r in replies for b in r.all_buttons()]
    assert labels and max(map(len, labels)) <= 30, max(labels, key=len)

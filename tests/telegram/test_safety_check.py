"""The safety check through the real Application and the real knowledge base: after a twist or a fall,
or after surgery or in a cast, the physio's questions come first, with buttons or typed answers, and the
answers decide the level with the same red-flag rules."""

import itertools

import pytest
from test_progress import buttons, texts

from bot.conversation.safety_check import AGAIN, NOTHING_FOUND, SKIPPED
from bot.engine import Engine
from bot.knowledge import level_rank, load_default

INJURY = "twisted my ankle yesterday, which exercises should I do?"
SURGERY = "had ankle surgery 2 weeks ago, which exercises are safe"
NEW_SYMPTOM = "my ankle started hurting this week for no reason, what exercises"
LEVEL_WORDS = {
    "emergency": ("This could be an emergency",),
    "urgent": ("Please get this checked today",),
    "routine": ("Please check this with your physio or doctor", "needs checking by a professional",
                "so check this with them too"),
}


@pytest.fixture
async def real_bot(make_bot):
    return await make_bot(kb=load_default(), answer_fn=Engine.default().answer)


def check_of(message):
    answer = Engine.default().answer(message)
    return next(c for c in load_default().safety_checks if c.id == answer.check), answer.triage


def level_of(text: str) -> str:
    """The level a reply speaks at, read from what the person sees."""
    return next((level for level, words in LEVEL_WORDS.items() if any(w in text for w in words)), "none")


def check_buttons(calls) -> list[str]:
    return [b for b in buttons(calls) if b.startswith("chk:")]


def answer_button(calls, yes: bool) -> str:
    return next(b for b in check_buttons(calls) if b.endswith(":y" if yes else ":n"))


def seen(calls) -> str:
    """Messages and button toasts."""
    return texts(calls) + "\n".join(str(c.params.get("text") or "") for c in calls
                                    if c.method == "answerCallbackQuery")


def expected_level(message: str, answers: tuple[bool, ...]) -> str:
    """From the data alone: the message's level, raised by the rule each worrying answer serves."""
    check, level = check_of(message)
    rules = {r.id: r.level for r in load_default().red_flags.rules}
    for question, yes in zip(check.questions, answers, strict=True):
        if yes == (question.flag == "yes"):
            level = max(level, rules[question.serves], key=level_rank)
    return level


@pytest.mark.parametrize("message", [INJURY, SURGERY, NEW_SYMPTOM])
@pytest.mark.parametrize("answers", list(itertools.product((True, False), repeat=3)))
async def test_every_combination_of_answers_gets_the_level_the_rules_give(real_bot, message, answers):
    check, alone = check_of(message)
    calls = await real_bot.text(message)
    assert "1/3." in texts(calls) and check.questions[0].text in texts(calls)
    assert level_of(texts(calls)) == "none" and not [b for b in buttons(calls) if b.startswith("ex:")]
    expected = expected_level(message, answers)
    for number, yes in enumerate(answers):
        calls = await real_bot.press(answer_button(calls, yes))
        if not check_buttons(calls):
            break  # decided
        assert f"{number + 2}/3." in texts(calls)
    assert not check_buttons(calls), "all questions answered: the answer follows"
    assert level_of(texts(calls)) == expected
    if expected == "emergency":
        assert buttons(calls) == []  # nothing but the call to the emergency number
        # An emergency answer ends the questions at once: no question after the one that found it.
        rules = {r.id: r.level for r in load_default().red_flags.rules}
        first_emergency = next(i for i, (q, yes) in enumerate(zip(check.questions, answers, strict=True))
                               if yes == (q.flag == "yes") and rules[q.serves] == "emergency")
        assert number == first_emergency
    elif expected == "urgent":
        assert not [b for b in buttons(calls) if b.startswith("ex:")]  # no exercise until seen
    else:
        assert expected == alone
        assert NOTHING_FOUND in texts(calls)
        if Engine.default().answer(message).exercises:
            assert [b for b in buttons(calls) if b.startswith("ex:")]  # the exercises follow


@pytest.mark.parametrize("typed, level", [
    (["yes", "no", "no"], "none"),
    (["Yep I walked home", "nope", "nah"], "none"),
    (["a bit", "no", "no"], "urgent"),  # only "a bit" able to walk: the worrying answer
    (["can't walk at all", "no", "no"], "urgent"),
    (["yes", "it does hurt there", "no"], "urgent"),
    (["yes", "no", "yes, it looks misshapen"], "emergency"),
])
async def test_typed_answers_are_understood(real_bot, typed, level):
    calls = await real_bot.text(INJURY)
    for reply in typed:
        calls = await real_bot.text(reply)
    assert level_of(texts(calls)) == level
    assert not check_buttons(calls)


async def test_an_unclear_answer_is_asked_again_once_then_the_safer_answer_is_taken(real_bot):
    await real_bot.text(INJURY)
    calls = await real_bot.text("hmm the weather is nice")
    assert AGAIN in texts(calls) and "1/3." in texts(calls)
    calls = await real_bot.text("what do you mean")
    assert "2/3." in texts(calls)  # unclear twice: taken as "could not take four steps"
    await real_bot.text("no")
    calls = await real_bot.text("no")
    assert level_of(texts(calls)) == "urgent"


async def test_an_emergency_typed_as_an_answer_gets_the_emergency_answer_and_ends_the_check(real_bot):
    first = await real_bot.text(SURGERY)
    calls = await real_bot.text("I can't breathe and my chest hurts")
    assert level_of(texts(calls)) == "emergency" and buttons(calls) == []
    calls = await real_bot.press(answer_button(first, False))
    assert "out of date" in seen(calls)
    calls = await real_bot.text("no")  # no question is open any more: a new (unclear) message
    assert AGAIN not in texts(calls)


async def test_skip_answers_with_the_safety_advice_for_what_was_not_checked(real_bot):
    check, _ = check_of(INJURY)
    calls = await real_bot.text(INJURY)
    calls = await real_bot.press(answer_button(calls, True))  # four steps: yes
    skip = next(b for b in check_buttons(calls) if b.endswith(":skip"))
    calls = await real_bot.press(skip)
    shown = texts(calls)
    assert SKIPPED in shown
    assert check.questions[0].if_skipped not in shown  # that one was answered
    for question in check.questions[1:]:
        assert question.if_skipped.format(emergency_number="999")[:40] in shown
    assert [b for b in buttons(calls) if b.startswith("ex:")]  # the answer follows, as its level allows
    assert "out of date" in seen(await real_bot.press(skip))


async def test_typed_skip(real_bot):
    await real_bot.text(SURGERY)
    calls = await real_bot.text("skip")
    assert SKIPPED in texts(calls) and "blood clot" in texts(calls)


async def test_one_check_per_episode(real_bot, clock):
    calls = await real_bot.text(INJURY)
    for _ in range(3):
        calls = await real_bot.press(answer_button(calls, yes="four steps" in texts(calls)))
    calls = await real_bot.text("I twisted my ankle, how many reps of the band exercises?")
    assert not check_buttons(calls)  # the same injury: answered at once
    clock.advance(days=3)
    calls = await real_bot.text("I rolled my ankle again today at football")
    assert "1/3." in texts(calls)  # a new injury: a new check
    await real_bot.text("skip")
    clock.advance(days=15)
    calls = await real_bot.text("twisted my ankle this morning, what should I do")
    assert "1/3." in texts(calls)  # 14 days without one: a new episode
    calls = await real_bot.text(SURGERY)  # typed while the injury's first question is open
    assert "1/3." in texts(calls) and "calf" in texts(calls)  # an operation is its own episode


async def test_no_question_before_an_urgent_or_emergency_answer(real_bot):
    calls = await real_bot.text("rolled my ankle and the foot is pointing the wrong way")
    assert level_of(texts(calls)) == "emergency" and not check_buttons(calls)
    calls = await real_bot.text("twisted my ankle yesterday and now I can't put any weight on it")
    assert level_of(texts(calls)) == "urgent" and not check_buttons(calls)


async def test_only_the_person_asked_can_answer_and_a_restart_keeps_the_question(make_bot, tmp_path):
    db = str(tmp_path / "shared.sqlite3")
    engine, kb = Engine.default(), load_default()
    bot = await make_bot(db, kb=kb, answer_fn=engine.answer)
    calls = await bot.text(INJURY)
    other = await bot.press(answer_button(calls, True), user_id=2)
    assert "Only the person who was asked" in seen(other)
    again = await make_bot(db, kb=kb, answer_fn=engine.answer)  # a restart
    calls = await again.text("yes")
    assert "2/3." in texts(calls)


async def test_a_reply_that_needs_care_on_its_own_counts_as_the_worrying_answer(real_bot):
    await real_bot.text(SURGERY)
    calls = await real_bot.text("my calf is hot and swollen")  # to "is one calf swollen, warm or red?"
    assert "2/3." in texts(calls)  # taken as yes; the questions go on (an emergency could follow)
    # ...and what it means is said at once, in case the person stops answering here.
    assert level_of(texts(calls)) == "urgent"
    await real_bot.text("no")
    calls = await real_bot.text("no")
    assert level_of(texts(calls)) == "urgent" and "blood clot" in texts(calls)


async def test_forget_deletes_the_episode_and_the_open_question(real_bot):
    first = await real_bot.text(INJURY)
    await real_bot.command("forget")
    await real_bot.press("forget:yes")
    assert real_bot.parts.storage.count_rows(1).get("safety_checks", 0) == 0
    assert "out of date" in seen(await real_bot.press(answer_button(first, True)))
    calls = await real_bot.text(INJURY)
    assert "1/3." in texts(calls)  # nothing remembered: the check is asked again


async def test_a_new_operation_starts_another_episode(real_bot, clock):
    await real_bot.text(SURGERY)
    await real_bot.text("skip")
    clock.advance(days=2)
    calls = await real_bot.text("my ankle surgery went well, how soon can I do the band exercises")
    assert not check_buttons(calls)  # the same operation: answered at once
    clock.advance(days=5)
    calls = await real_bot.text("I had a second operation on my ankle yesterday, which exercises now")
    assert "1/3." in texts(calls) and "calf" in texts(calls)

"""Replies shaped for people, through the real Application: short first with a "More" button whose
state is stored, HTML that escapes everything and falls back to plain text, numbered questions,
follow-ups that keep the thread, phase variants."""

from __future__ import annotations

import pytest

from bot.knowledge import load_default
from bot.telegram.fake_api import valid_html


@pytest.fixture
async def real_bot(make_bot, tmp_path):
    """The bot with the real knowledge base and engine."""
    db = str(tmp_path / "real.sqlite3")

    async def make():
        return await make_bot(db, kb=load_default(), answer_fn=None)

    return make


async def _after_safety_check(bot, calls):
    """The answer that follows a safety check (bot/conversation/safety_check.py), each question answered
    the reassuring way; the calls as they are when no check was asked."""
    flags = {(c.id, q.id): q.flag for c in load_default().safety_checks for q in c.questions}
    while True:
        data = [d for c in calls for d in c.button_data if d.startswith("chk:")]
        if not data:
            return calls
        _, row, question, _ = data[0].split(":")
        check = next(c.id for c in load_default().safety_checks if any(q.id == question for q in c.questions))
        reassuring = "y" if flags[(check, question)] == "no" else "n"
        calls = await bot.press(f"chk:{row}:{question}:{reassuring}")


def _reply(calls):
    messages = [c for c in calls if c.method in ("sendMessage", "editMessageText")]
    assert messages, calls
    return messages[-1]


def _more_data(call) -> str:
    return next(d for d in call.button_data if d.startswith("more:"))


async def test_short_answer_first_and_more_works_after_a_restart(real_bot):
    bot = await real_bot()
    answer = _reply(await bot.text("how many reps should I do with the band?"))
    kb = load_default()
    assert answer.text == kb.topics["reps-and-sets"].short  # nothing to escape in it
    assert answer.params["parse_mode"] == "HTML"
    data = _more_data(answer)
    exercise_buttons = [d for d in answer.button_data if d.startswith("ex:")]
    assert 1 <= len(exercise_buttons) <= 3
    # Another process on the same database (a restart, another worker) opens it.
    again = await real_bot()
    more = _reply(await again.press(data))
    assert "Once 20-25 repetitions feel easy" in more.text and valid_html(more.text)


async def test_more_is_only_for_the_person_who_asked(real_bot):
    bot = await real_bot()
    data = _more_data(_reply(await bot.text("how many reps should I do with the band?")))
    other = _reply(await bot.press(data, user_id=2))
    assert "out of date" in other.text


async def test_knowledge_base_text_is_escaped_in_html(real_bot):
    bot = await real_bot()
    calls = await bot.text("I sprained my ankle yesterday, what should I do?")
    answer = _reply(await _after_safety_check(bot, calls))
    more = _reply(await bot.press(_more_data(answer)))
    assert "PEACE &amp; LOVE" in more.text and "PEACE & LOVE" not in more.text
    assert more.params["parse_mode"] == "HTML" and valid_html(more.text)


async def test_what_the_person_typed_is_escaped(real_bot):
    bot = await real_bot()
    reply = _reply(await bot.text("/nosuch<b>&x"))
    assert "&lt;b&gt;&amp;x" in reply.text and valid_html(reply.text)


async def test_refused_markup_falls_back_to_plain_text(real_bot):
    bot = await real_bot()
    bot.api.fail("sendMessage", "bad_markup")
    calls = await bot.text("how do I do heel raises properly?")
    sent = [c for c in calls if c.method == "sendMessage"]
    assert len(sent) == 2
    assert sent[0].params["parse_mode"] == "HTML" and "<b>Steps:</b>" in sent[0].text
    assert "parse_mode" not in sent[1].params and "Steps:\n1. " in sent[1].text
    assert sent[1].button_data == sent[0].button_data  # the buttons still come with it


async def test_several_questions_are_numbered(real_bot):
    bot = await real_bot()
    reply = _reply(await bot.text("how many sets should i do, how often per week, and should I use a red or "
                                  "green band?"))
    assert reply.text.startswith("1. ") and "\n\n2. " in reply.text and "\n\n3. " in reply.text


async def test_a_greeting_with_a_question_gets_the_answer(real_bot):
    bot = await real_bot()
    reply = _reply(await bot.text("Hello! How many reps should I do?"))
    assert "Hello" not in reply.text and "10-15" in reply.text


async def test_a_follow_up_continues_the_topic_even_after_a_restart(real_bot):
    bot = await real_bot()
    first = _reply(await bot.text("should I put ice on my ankle?"))
    assert "cold pack" in first.text
    again = await real_bot()
    follow = _reply(await again.text("and how long for?"))
    assert "15-20 minutes" in follow.text
    # Without an answer before it, the same words are not an ice question.
    fresh = _reply(await again.text("and how long for?", user_id=5))
    assert "15-20 minutes" not in fresh.text


async def test_a_follow_up_that_names_a_new_subject_is_a_new_question(real_bot):
    bot = await real_bot()
    await bot.text("should I put ice on my ankle?")
    reply = _reply(await bot.text("how many reps should I do?"))
    assert "10-15" in reply.text


async def test_a_follow_up_never_hides_a_red_flag(real_bot):
    bot = await real_bot()
    await bot.text("should I put ice on my ankle?")
    reply = _reply(await bot.text("and my calf is hot, red and swollen"))
    assert "today" in reply.text and "15-20 minutes" not in reply.text


async def test_phase_variant_years_later(real_bot):
    bot = await real_bot()
    reply = _reply(await bot.text("I sprained my ankle 3 years ago and it never got right. How long does "
                                  "recovery take?"))
    assert "2 weeks" not in reply.text and "years" in reply.text.lower()
    more = _reply(await bot.press(_more_data(reply)))
    assert "2 weeks" not in more.text


async def test_no_exercise_button_too_early_after_surgery(real_bot):
    bot = await real_bot()
    calls = await bot.text("I had ankle surgery 2 weeks ago, which exercises can I do?")
    reply = _reply(await _after_safety_check(bot, calls))
    kb = load_default()
    offered = [d.split(":", 1)[1] for d in reply.button_data if d.startswith("ex:")]
    assert offered and all("early-mobility" in kb.exercises[e].stages for e in offered)


async def test_a_reply_to_an_older_answer_continues_its_topic(real_bot, clock):
    bot = await real_bot()
    ice = _reply(await bot.text("should I put ice on my ankle?"))
    await bot.text("how many reps should I do?")  # another answer since, and hours later
    clock.advance(hours=3)
    follow = _reply(await bot.text("and how long for?", reply_to_bot=True, replied_text=ice.text))
    assert "15-20 minutes" in follow.text

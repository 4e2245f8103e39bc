"""Issue 14, /start, through the real Application and the fake Bot API with the real knowledge base:
each stage is said in one short line and its choice button says what it is; a returning person is
told their stage and their injury profile first, before anything is asked."""

from __future__ import annotations

from datetime import date

import pytest
from test_progress import texts

from bot.knowledge import STAGE_LABEL_MAX, load_default

KB = load_default()


@pytest.fixture
async def real_kb_bot(make_bot):
    return await make_bot(kb=KB)


def labels(calls) -> list[str]:
    keyboards = [(c.params.get("reply_markup") or {}).get("inline_keyboard", []) for c in calls]
    return [b["text"] for keyboard in keyboards for row in keyboard for b in row]


async def test_a_new_person_gets_one_short_line_per_stage_and_buttons_that_say_what_it_is(real_kb_bot):
    calls = await real_kb_bot.command("start")
    first = calls[0].text if calls[0].method == "sendMessage" else texts(calls)
    for number, stage in enumerate(KB.stages.values(), start=1):
        assert f"{number}. {stage.name}: {stage.brief}" in first
    names = [stage.name for stage in KB.stages.values()]
    stage_labels = [label for label in labels(calls) if label.startswith(tuple(names))]
    assert stage_labels == ["Early mobility: first weeks", "Strengthening: walking OK",
                            "Return to sport: walking fine"]
    assert all(len(label) <= STAGE_LABEL_MAX for label in stage_labels)
    assert "Which one are you at?" in first
    assert "Set up my injury profile" in labels(calls)  # then the profile is offered
    chosen = await real_kb_bot.text("strengthening")
    assert "Your stage is now Strengthening" in texts(chosen)


async def test_a_returning_person_is_told_their_stage_and_profile_first(real_kb_bot):
    storage = real_kb_bot.parts.storage
    storage.ensure_user(1, 1)
    storage.set_stage(1, "strengthening", date(2025, 3, 1))
    storage.create_profile(1)
    storage.set_profile_field(1, "injury", "fracture")
    storage.set_profile_field(1, "side", "right")
    calls = await real_kb_bot.command("start")
    sent = [c.text for c in calls if c.method == "sendMessage"]
    assert len(sent) == 1  # no separate profile offer: it is shown, in the same message
    text = sent[0]
    stage = KB.stages["strengthening"]
    told = text.index(f"Welcome back! Your stage is Strengthening ({stage.brief}).")
    profile = text.index("Your injury profile: Right ankle, fracture")
    assert told < profile < text.index("I can:") < text.index("tap another stage to change it")
    assert "Which one are you at?" not in text


async def test_a_returning_person_without_a_profile_is_told_their_stage_then_offered_one(real_kb_bot):
    await real_kb_bot.press("stage:return-to-sport")
    calls = await real_kb_bot.command("start")
    assert texts(calls).index("Your stage is Return to sport") < texts(calls).index("I can:")
    assert "Set up my injury profile" in labels(calls)

"""Every message is triaged (issue 8, item 6), through the real Application: captions of photos, videos
and documents are answered like text; an edit is answered again when it raises the triage level; in
groups, captions and edits count only when they mention the bot."""

import pytest

GROUP = -1001234567890


def texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method == "sendMessage")


@pytest.mark.parametrize("kind", ["photo", "video", "document", "animation"])
async def test_a_caption_is_triaged_and_answered_like_text(bot, kind):
    calls = await bot.send(bot.updates.captioned(kind, "emergency, my foot is blue"))
    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].text == "EMERGENCY: call 999 now."
    assert "reply_markup" not in calls[0].params  # the safety policy holds for captions too


async def test_an_ordinary_caption_gets_the_answer_with_its_buttons(bot):
    calls = await bot.send(bot.updates.captioned("photo", "how many reps?"))
    assert calls[0].text.startswith("Do 10-15 reps.")
    assert "fb:up:1" in calls[0].button_data
    assert bot.parts.storage.count_rows(1)["questions"] == 1


async def test_a_caption_without_words_gets_the_attachments_explanation(bot):
    calls = await bot.send(bot.updates.captioned("photo", "👀"))
    assert texts(calls).startswith("I can't look at photos.")
    calls = await bot.send(bot.updates.captioned("animation", "😂"))
    assert texts(calls).startswith("I can't watch videos.")  # a GIF is not a file to open


async def test_a_caption_can_answer_the_awaited_pain_question(bot, clock):
    bot.parts.storage.ensure_user(1, 1)
    bot.parts.storage.set_stage(1, "strengthening", clock().date())
    await bot.press("done:routine")
    await bot.send(bot.updates.captioned("photo", "4"))
    assert bot.parts.storage.get_session(1).pain == 4


async def test_an_edit_that_raises_the_level_is_answered_again_quoting_it(bot):
    original = bot.updates.text("my ankle is a bit sore")
    first = await bot.send(original)
    assert first[0].text.startswith("Do 10-15 reps.")
    calls = await bot.send(bot.updates.edited(original, "my ankle is sore, emergency, my foot is blue"))
    assert [c.method for c in calls] == ["sendMessage"]
    assert calls[0].text == "EMERGENCY: call 999 now."
    assert calls[0].params["reply_parameters"]["message_id"] == original["message"]["message_id"]


async def test_an_edit_at_the_same_or_a_lower_level_is_not_answered_again(bot):
    original = bot.updates.text("urgent: my calf is hot")
    assert texts(await bot.send(original)).startswith("URGENT")
    assert await bot.send(bot.updates.edited(original, "urgent: my calf is hot and red")) == []
    assert await bot.send(bot.updates.edited(original, "how many reps?")) == []  # a typo fixed, lower
    calls = await bot.send(bot.updates.edited(original, "emergency now"))  # raised: answered
    assert texts(calls) == "EMERGENCY: call 999 now."
    assert await bot.send(bot.updates.edited(original, "emergency!")) == []  # already answered at that


async def test_an_edited_caption_is_triaged_again(bot):
    original = bot.updates.captioned("photo", "my swollen ankle")
    await bot.send(original)
    calls = await bot.send(bot.updates.edited(original, "my swollen ankle, urgent, it is hot"))
    assert texts(calls).startswith("URGENT")


async def test_an_edit_of_a_message_the_bot_never_answered_counts_from_none(bot):
    unseen = bot.updates.text("hello")  # never processed, e.g. sent while the bot was down long ago
    assert await bot.send(bot.updates.edited(unseen, "how many reps?")) == []
    assert texts(await bot.send(bot.updates.edited(unseen, "emergency"))) == "EMERGENCY: call 999 now."


async def test_an_edited_command_is_not_run_again(bot):
    original = bot.updates.command("forget")
    await bot.send(original)
    assert await bot.send(bot.updates.edited(original, "/forget now")) == []


async def test_in_a_group_a_caption_is_answered_only_when_it_mentions_the_bot(bot):
    assert await bot.send(bot.updates.captioned("photo", "emergency, look", chat_id=GROUP)) == []
    calls = await bot.send(bot.updates.captioned("photo", "@AnkleTestBot how many reps?", chat_id=GROUP))
    assert calls[0].chat_id == GROUP and calls[0].text.startswith("Do 10-15 reps. (how many reps?)")
    assert "message_id" in calls[0].params["reply_parameters"]


async def test_in_a_group_an_edit_counts_only_when_it_mentions_the_bot(bot):
    original = bot.updates.text("@AnkleTestBot how many reps?", chat_id=GROUP)
    await bot.send(original)
    assert await bot.send(bot.updates.edited(original, "emergency, foot is blue")) == []  # mention gone
    calls = await bot.send(bot.updates.edited(original, "@AnkleTestBot emergency, foot is blue"))
    assert calls[0].chat_id == GROUP and calls[0].text == "EMERGENCY: call 999 now."


async def test_forget_deletes_the_stored_levels(bot):
    await bot.text("how many reps?")
    assert bot.parts.storage.count_rows(1)["answered_messages"] == 1
    await bot.press("forget:yes")
    assert set(bot.parts.storage.count_rows(1).values()) == {0}

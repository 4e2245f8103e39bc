"""Group chats: only commands and messages that mention the bot (or reply to it) are answered."""

GROUP = -1001234567890


async def test_plain_group_chatter_is_ignored(bot):
    assert await bot.text("how many reps should I do?", chat_id=GROUP) == []
    assert await bot.send(bot.updates.other("photo", chat_id=GROUP)) == []
    assert await bot.text("/frobnicate", chat_id=GROUP) == []  # maybe another bot's command


async def test_a_mention_is_answered_in_the_group_quoting_the_question(bot):
    calls = await bot.text("@AnkleTestBot how many reps?", chat_id=GROUP)
    assert len(calls) == 1 and calls[0].chat_id == GROUP
    assert calls[0].text.startswith("Do 10-15 reps. (how many reps?)")  # the mention is stripped
    assert "message_id" in calls[0].params["reply_parameters"]


async def test_a_bare_mention_gets_a_prompt(bot):
    calls = await bot.text("@AnkleTestBot", chat_id=GROUP)
    assert calls[0].text.startswith("Yes?")


async def test_a_reply_to_the_bot_is_answered(bot):
    calls = await bot.send(bot.updates.text("and how many sets?", chat_id=GROUP, reply_to_bot=True))
    assert len(calls) == 1 and calls[0].chat_id == GROUP


async def test_commands_are_answered_in_groups(bot):
    calls = await bot.command("exercises", chat_id=GROUP)
    assert calls[0].chat_id == GROUP and "Pick a category" in calls[0].text
    calls = await bot.command("help", chat_id=GROUP, addressed=True)
    assert calls[0].chat_id == GROUP


async def test_buttons_pressed_in_a_group_act_for_the_person_who_pressed(bot):
    await bot.press("stage:strengthening", user_id=7, chat_id=GROUP)
    assert bot.parts.storage.get_user(7).stage == "strengthening"
    assert bot.parts.storage.get_user(7).chat_id == GROUP

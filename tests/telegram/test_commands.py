"""Every command through the real Application and the fake Bot API."""

import pytest

from bot.conversation import COMMAND_NAMES
from bot.telegram.fake_api import valid_html


def sent_texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method == "sendMessage")


async def test_startup_registers_the_command_menu(bot):
    menu = bot.api.sent("setMyCommands")
    assert len(menu) == 1
    commands = menu[0].params["commands"]
    assert [c["command"] for c in commands] == list(COMMAND_NAMES)
    assert all(c["description"] for c in commands)


@pytest.mark.parametrize("command, args, expected, buttons", [
    # The stage buttons, then the injury profile's offer (tests/telegram/test_profile.py).
    ("start", (), "I'm an ankle-rehab assistant", None),
    ("profile", (), "Shall I keep one?", None),
    ("help", (), "/routine: Today's exercises", []),
    ("exercises", (), "Pick a category", ["cat:mobility", "cat:strength", "cat:balance"]),
    ("routine", (), "which rehab stage", ["stage:early-mobility", "stage:strengthening",
                                          "stage:return-to-sport"]),
    ("stage", ("strength",), "Your stage is now Strengthening", ["routine"]),
    ("stage", (), "Pick a stage", ["stage:early-mobility", "stage:strengthening", "stage:return-to-sport"]),
    ("stage", ("nonsense",), "I don't know the stage 'nonsense'", ["stage:early-mobility",
                                                                   "stage:strengthening",
                                                                   "stage:return-to-sport"]),
    ("timezone", ("new", "york"), "Time zone set to America/New_York", []),
    ("timezone", ("atlantis",), "I don't know a time zone called 'atlantis'", None),
    ("remind", ("7:30",), "Reminder set: 07:30 every day", []),
    ("remind", ("25:99",), "hours go from 00 to 23", []),
    ("remind", (), "When should I remind you?", ["remind:07:00", "remind:07:30", "remind:08:00",
                                                 "remind:12:00", "remind:18:00", "remind:20:00"]),
    ("reminders", (), "You have no reminders", []),
    ("privacy", (), "What I store, and why", []),
    ("forget", (), "Delete it all?", ["forget:yes", "forget:no"]),
])
async def test_each_command_answers_in_the_chat(bot, command, args, expected, buttons):
    calls = await bot.command(command, *args)
    messages = [c for c in calls if c.method == "sendMessage"]
    assert messages and all(m.chat_id == 1 for m in messages)
    assert expected in sent_texts(calls)
    if buttons is not None:
        assert messages[-1].button_data == buttons
    # HTML that Telegram can read: everything from the conversation escaped, only our own tags.
    assert messages[-1].params.get("parse_mode") == "HTML" and valid_html(messages[-1].text)


async def test_routine_after_choosing_a_stage(bot):
    await bot.press("stage:strengthening")
    calls = await bot.command("routine")
    assert "1. Heel raises: 2 sets of 12 reps" in sent_texts(calls)
    assert [d.split("~")[0] for d in calls[-1].button_data] == ["ex:heel-raise", "ex:band-eversion",
                                                                 "done:routine", "stage"]


async def test_command_addressed_to_this_bot_works_and_to_another_bot_is_ignored(bot):
    assert "I'm an ankle-rehab assistant" in sent_texts(await bot.command("start", addressed=True))
    assert await bot.text("/start@SomeOtherBot") == []
    assert await bot.text("/frobnicate@SomeOtherBot") == []


async def test_unknown_command_in_private_points_to_help(bot):
    assert "/help lists what I can do" in sent_texts(await bot.text("/frobnicate"))


async def test_edited_messages_are_not_answered_again(bot):
    data = bot.updates.command("help")
    data["edited_message"] = data.pop("message")
    data["edited_message"]["edit_date"] = data["edited_message"]["date"]
    assert await bot.send(data) == []

"""Issue 14, typed replies and requests, through the real Application and the fake Bot API: a typed
stage and time when the bot asked for one, "I did my exercises", "remind me at 8pm", "change my
reminder to 8:00", "stop the reminders" (confirmed with a button), and the negated or unclear ones
that must change nothing. Triage comes first: the scripted engine calls anything with "emergency" one.
"""

from datetime import date

TODAY = date(2025, 3, 10)


def texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method in ("sendMessage", "editMessageText"))


def data_of(calls) -> list[str]:
    return [d for c in calls for d in c.button_data]


def reminder_times(bot) -> list[str]:
    return [r.local_time for r in bot.parts.storage.reminders_for(1)]


async def test_start_explains_the_stages_and_a_typed_stage_is_taken(bot):
    calls = await bot.command("start")
    assert "The stages, in order: 1. Early mobility, 2. Strengthening, 3. Return to sport" in texts(calls)
    calls = await bot.text("strengthening please")
    assert "Your stage is now Strengthening" in texts(calls)
    assert bot.parts.storage.get_user(1).stage == "strengthening"
    again = await bot.command("start")
    assert "Welcome back! Your stage is Strengthening." in texts(again)


async def test_a_typed_unclear_stage_is_asked_again_and_an_emergency_answered_first(bot):
    await bot.command("stage")
    calls = await bot.text("banana")
    assert "I didn't catch which stage you mean" in texts(calls)
    assert "stage:early-mobility" in data_of(calls)
    emergency = await bot.text("emergency, my foot is white")
    assert "EMERGENCY" in texts(emergency) and data_of(emergency) == []
    assert bot.parts.storage.get_user(1).stage is None
    assert "Your stage is now Early mobility" in texts(await bot.text("the first one"))


async def test_a_typed_time_after_remind_and_remind_8_pm(bot):
    await bot.command("remind")
    calls = await bot.text("8 pm")
    assert "Reminder set: 20:00" in texts(calls)
    assert "Reminder set: 07:15" in texts(await bot.command("remind", "7:15", "am"))
    assert reminder_times(bot) == ["07:15", "20:00"]


async def test_i_did_my_exercises_logs_today_and_asks_the_pain(bot):
    await bot.press("stage:strengthening")
    calls = await bot.text("I did my exercises")
    assert "Well done! I've recorded today's session" in texts(calls)
    assert "How much did the exercises hurt today?" in texts(calls)
    assert "Noted: pain 2/10 today" in texts(await bot.text("2"))
    assert [(s.local_date, s.pain) for s in bot.parts.storage.sessions(1)] == [(TODAY, 2)]


async def test_i_didnt_do_my_exercises_logs_nothing_and_offers_done(bot):
    await bot.press("stage:strengthening")
    for text in ("I didn't do my exercises", "I haven't done my exercises yet", "I'll do my routine later"):
        calls = await bot.text(text)
        assert "I haven't logged anything" in texts(calls), text
        assert any(d.startswith("done:routine") for d in data_of(calls))
    assert bot.parts.storage.sessions(1) == []


async def test_what_do_i_do_today_shows_the_routine(bot):
    await bot.press("stage:strengthening")
    assert "Today's routine: Strengthening" in texts(await bot.text("what should I do today?"))


async def test_remind_me_at_8pm_and_change_my_reminder(bot):
    await bot.text("remind me at 8pm")
    assert reminder_times(bot) == ["20:00"]
    calls = await bot.text("change my reminder to 8:00")
    assert "Moved your reminder from 20:00 to 08:00" in texts(calls)
    assert reminder_times(bot) == ["08:00"]


async def test_stop_the_reminders_asks_first_and_the_button_stops_them(bot):
    await bot.command("remind", "07:30")
    await bot.command("remind", "18:00")
    calls = await bot.text("stop the reminders")
    assert "Stop all your reminders (07:30 every day, 18:00 every day)?" in texts(calls)
    assert reminder_times(bot) == ["07:30", "18:00"]  # nothing stopped by typing
    [yes, no] = data_of(calls)
    assert "your reminders stay" in texts(await bot.press(no))
    assert reminder_times(bot) == ["07:30", "18:00"]
    assert "I've stopped your reminders (07:30, 18:00)" in texts(await bot.press(yes))
    assert reminder_times(bot) == []
    assert "no reminders left to stop" in texts(await bot.press(yes))


async def test_dont_stop_the_reminders_changes_nothing(bot):
    await bot.command("remind", "07:30")
    for text in ("don't stop the reminders", "should I stop the reminders?", "don't remind me at 8pm"):
        calls = await bot.text(text)
        assert "I haven't changed them" in texts(calls), text
        assert not any(d.startswith("rem:stopall") for d in data_of(calls))
    assert reminder_times(bot) == ["07:30"]


async def test_an_old_stop_button_is_out_of_date_after_forget(bot):
    await bot.command("remind", "07:30")
    [yes, _no] = data_of(await bot.text("stop the reminders"))
    await bot.press("forget:yes")
    await bot.command("remind", "09:00")  # a new account with a new reminder
    assert "out of date" in texts(await bot.press(yes))
    assert reminder_times(bot) == ["09:00"]



# ---------------------------------------------------------------- smaller items (issue 14, item 9)


async def test_no_utc_warning_after_an_explicit_timezone_utc(bot):
    assert "Your time zone is UTC" in texts(await bot.command("remind", "07:30"))
    await bot.command("timezone", "UTC")
    assert "Your time zone is UTC" not in texts(await bot.command("remind", "08:30"))
    assert bot.parts.storage.get_user(1).timezone_chosen


async def test_no_votes_under_off_topic_replies(bot):
    calls = await bot.text("what about the weather")  # the scripted engine: off-topic
    assert not any(d.startswith("fb:") for d in data_of(calls))
    assert any(d.startswith("fb:") for d in data_of(await bot.text("how many reps")))


async def test_remind_off_asks_to_confirm_then_stops(bot):
    await bot.command("remind", "07:30")
    calls = await bot.command("remind", "off")
    assert "Stop all your reminders (07:30 every day)?" in texts(calls)
    assert reminder_times(bot) == ["07:30"]
    await bot.press(data_of(calls)[0])
    assert reminder_times(bot) == []


def test_the_reminder_names_todays_exercises_and_the_week(bot):
    storage, conversation = bot.parts.storage, bot.parts.conversation
    storage.ensure_user(1, 1)
    storage.set_stage(1, "strengthening", TODAY)
    reminder = storage.add_reminder(1, 1, "07:30")
    text = conversation.reminder_message(storage.get_reminder(reminder.id)).text
    assert "Today's exercises: Heel raises, Band eversion." in text
    assert "This week: no training day yet (your target: 3 days a week)." in text

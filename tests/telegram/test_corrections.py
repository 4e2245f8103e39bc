"""Issue 14, corrections and used-up buttons, through the real Application and the fake Bot API:
/undo and /log list (change a pain score, delete a session), buttons that disappear once used, and
old buttons that are out of date after /forget.

The clock is the shared fake: Monday 10 March 2025, 12:00 UTC.
"""

from datetime import date, timedelta

from bot.conversation.learn import STALE

TODAY = date(2025, 3, 10)


def texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method in ("sendMessage", "editMessageText"))


def data_of(calls) -> list[str]:
    return [d for c in calls for d in c.button_data]


def markups(calls) -> list:
    return [c for c in calls if c.method == "editMessageReplyMarkup"]


async def routine_done(bot) -> list[str]:
    """/routine at strengthening and the data of its buttons (with the account token)."""
    await bot.press("stage:strengthening")
    return data_of(await bot.command("routine"))


# ---------------------------------------------------------------- /undo and /log list


async def test_undo_asks_before_deleting_the_latest_session(bot):
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    storage.record_session(1, TODAY - timedelta(days=2), "manual", 2)
    latest = storage.record_session(1, TODAY - timedelta(days=3), "manual", 5)  # stored last, older day
    calls = await bot.command("undo")
    assert ("Delete your latest logged session, Friday 7 March (pain 5/10, added later by hand)?"
            in texts(calls))
    assert len(storage.sessions(1)) == 2  # nothing deleted by the command alone
    [yes, no] = data_of(calls)
    assert yes.startswith(f"fix:del:{latest}~") and no.startswith(f"fix:keep:{latest}~")
    kept = await bot.press(no)
    assert "kept the session on Friday 7 March" in texts(kept) and len(storage.sessions(1)) == 2
    deleted = await bot.press(yes)
    assert [c.method for c in deleted if c.method != "answerCallbackQuery"] == ["editMessageText"]
    assert "Deleted: the session on Friday 7 March (pain 5/10" in texts(deleted)
    assert [s.id for s in storage.sessions(1)] == [latest - 1]
    again = await bot.press(yes)  # the same button once more
    assert STALE in texts(again) and len(storage.sessions(1)) == 1


async def test_undo_with_nothing_logged_says_so(bot):
    assert "Nothing to undo" in texts(await bot.command("undo"))


async def test_log_list_changes_a_pain_score(bot):
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    first = storage.record_session(1, TODAY - timedelta(days=1), "routine", 7)
    storage.record_session(1, TODAY, "routine")
    calls = await bot.command("log", "list")
    assert "Your latest 2 session(s), newest first:" in texts(calls)
    labels = [b["text"] for c in calls for row in c.params["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == ["Mon 10 Mar · no score", "Sun 9 Mar · pain 7"]
    assert all(len(label) <= 30 for label in labels)
    menu = await bot.press(data_of(calls)[1])
    assert "The session on Sunday 9 March (pain 7/10" in texts(menu)
    change = [d for d in data_of(menu) if d.startswith("fix:pain:")][0]
    question = await bot.press(change)
    assert "How much did the exercises hurt yesterday?" in texts(question)
    answered = await bot.text("3")  # typed, as the stored question allows
    assert "Noted: pain 3/10 yesterday" in texts(answered)
    assert storage.get_session(first).pain == 3


async def test_log_list_deletes_a_session_and_its_open_question_goes_with_it(bot):
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    await bot.press("stage:strengthening")
    await bot.press("done:routine")  # asks for today's pain score
    [session] = storage.sessions(1)
    menu = await bot.press(data_of(await bot.command("log", "edit"))[0])
    delete = [d for d in data_of(menu) if d.startswith("fix:del:")][0]
    await bot.press(delete)
    assert storage.sessions(1) == [] and storage.get_awaiting(1, 1) is None
    calls = await bot.text("4")  # no longer an answer: the session is gone
    assert storage.sessions(1) == []
    assert STALE in texts(await bot.press(f"pain:{session.id}:4"))
    assert "Noted" not in texts(calls)


async def test_someone_else_cannot_correct_my_sessions(bot):
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    session = storage.record_session(1, TODAY, "routine", 2)
    storage.ensure_user(2, 2)
    calls = await bot.press(f"fix:del:{session}", user_id=2)
    assert storage.get_session(session) is not None
    assert any(c.method == "answerCallbackQuery" and "Only the person" in (c.params.get("text") or "")
               for c in calls)


# ---------------------------------------------------------------- used-up buttons disappear


async def test_done_takes_done_and_snooze_off_the_pressed_message(bot):
    buttons = await routine_done(bot)
    done = [d for d in buttons if d.startswith("done:")][0]
    keyboard = [[d] for d in buttons]
    calls = await bot.send(bot.updates.button(done, keyboard=keyboard))
    [edit] = markups(calls)
    assert edit.button_data == [d for d in buttons if not d.startswith("done:")]  # the rest stays
    assert "Well done!" in texts(calls)


async def test_settled_answer_takes_only_the_yes_no_row_off_a_reminder(bot):
    keyboard = [["routine"], ["done:reminder", "snooze:1"], ["settled:1:y", "settled:1:n"]]
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    storage.record_session(1, TODAY - timedelta(days=1), "routine", 4)
    calls = await bot.send(bot.updates.button("settled:1:n", keyboard=keyboard))
    [edit] = markups(calls)
    assert edit.button_data == ["routine", "done:reminder", "snooze:1"]
    second = await bot.send(bot.updates.button("settled:1:y", keyboard=[["routine"]]))
    assert markups(second) == []  # nothing left to drop; the stored answer is simply replaced by a fresh one
    assert storage.get_session(1).settled_by_morning is True


async def test_feedback_buttons_disappear_after_a_vote(bot):
    calls = await bot.text("how many reps")
    votes = [d for d in data_of(calls) if d.startswith("fb:")]
    keyboard = [[d] for d in data_of(calls)]
    pressed = await bot.send(bot.updates.button(votes[0], keyboard=keyboard))
    [edit] = markups(pressed)
    assert not any(d.startswith("fb:") for d in edit.button_data)


# ---------------------------------------------------------------- stale after /forget


async def test_old_done_band_and_offer_buttons_are_out_of_date_after_forget(bot):
    buttons = await routine_done(bot)
    done = [d for d in buttons if d.startswith("done:")][0]
    band = [d for d in data_of(await bot.command("band")) if d.startswith("band:set:")][0]
    await bot.press("forget:yes")
    storage = bot.parts.storage
    for old in (done, band, "done:routine", "done:reminder", "band:set:red", "move:return-to-sport:y"):
        calls = await bot.press(old)
        assert STALE in texts(calls), old
    assert storage.get_user(1) is None or storage.sessions(1) == []
    # Back again: a new account, a new token; the old token-carrying buttons stay out of date.
    await bot.command("start")
    for old in (done, band):
        assert STALE in texts(await bot.press(old)), old
    assert storage.sessions(1) == [] and storage.get_user(1).band_colour is None
    fresh = [d for d in data_of(await bot.command("band")) if d.startswith("band:set:red")][0]
    assert "Band set: red" in texts(await bot.press(fresh))

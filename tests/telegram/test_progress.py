"""Issue 4 through the real Application and the fake Bot API: pain after each session, whether it
settled by the next morning, the adaptation rules at their boundaries, stage and band offers, /log,
/progress, /report and /forget.

History is set up through storage (as if logged on earlier days); every answer is a real
callback-query update. The clock is the shared fake: Monday 10 March 2025, 12:00 UTC.
"""

import asyncio
import csv
import io
import time
from datetime import date, timedelta

import pytest
from matplotlib.image import imread

from bot.conversation import COMMAND_NAMES
from bot.conversation.learn import STALE

TODAY = date(2025, 3, 10)
NEW_STAGE_DAY = TODAY - timedelta(days=30)  # the stage was chosen well before the history below


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def texts(calls) -> str:
    """Everything the user saw: new messages, edited messages and captions."""
    return "\n".join(c.text for c in calls if c.method in ("sendMessage", "editMessageText", "sendPhoto",
                                                          "sendDocument"))


def buttons(calls) -> list[str]:
    """The buttons' data without the account token (tested in test_corrections.py)."""
    return [data.split("~")[0] for c in calls for data in c.button_data]


def history(bot, *pains, stage="strengthening", band=None, settled=True):
    """User 1 at `stage` since 30 days ago, with one session a day ending yesterday (oldest first)."""
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    storage.set_stage(1, stage, NEW_STAGE_DAY)
    if band:
        storage.set_band(1, band, NEW_STAGE_DAY)
    for back, pain in zip(range(len(pains), 0, -1), pains, strict=True):
        session = storage.record_session(1, days_ago(back), "routine", pain)
        if settled is not None and pain is not None:
            storage.set_session_settled(session, 1, settled)


async def done_and_score(bot, pain: int):
    """Press Done, answer "it settled" if yesterday's pain is asked about first, then press the pain
    score; returns the calls of that last press."""
    calls = await bot.press("done:routine")
    settled = [d for d in buttons(calls) if d.startswith("settled:") and d.endswith(":y")]
    if settled:
        calls = await bot.press(settled[0])
    [question] = [d for d in buttons(calls) if d.endswith(f":{pain}") and d.startswith("pain:")]
    return await bot.press(question)


# ---------------------------------------------------------------- the pain question


async def test_done_asks_how_much_it_hurt_with_two_rows_of_buttons(bot):
    history(bot)
    calls = await bot.press("done:routine")
    question = calls[-1]
    assert "How much did the exercises hurt today?" in question.text
    assert question.button_data == [f"pain:1:{n}" for n in range(11)]
    keyboard = question.params["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in keyboard] == [["0", "1", "2", "3", "4", "5"],
                                                              ["6", "7", "8", "9", "10"]]


async def test_done_from_a_reminder_asks_too(bot):
    history(bot)
    calls = await bot.press("done:reminder")
    assert "pain:1:0" in buttons(calls)


@pytest.mark.parametrize("pain, level_words", [
    (3, "Pain of 3/10 is in the safe range"),
    (4, "Pain of 4/10 is acceptable if it settles by tomorrow morning"),
    (5, "Pain of 5/10 is acceptable if it settles by tomorrow morning"),
    (6, "Pain of 6/10 is more than the exercises should cause. Ease off next time"),
    (7, "Pain of 7/10 is more than the exercises should cause. Ease off next time"),
    (8, "Please check this with your physio or doctor: pain of 8/10"),
])
async def test_pain_score_is_stored_and_answered_with_the_advice_at_each_boundary(bot, pain, level_words):
    history(bot)
    calls = await done_and_score(bot, pain)
    assert calls[0].method == "answerCallbackQuery"
    edit = next(c for c in calls if c.method == "editMessageText")
    assert edit.params["message_id"] == 777  # the question itself now shows the answer
    assert f"Noted: pain {pain}/10 today." in edit.text and level_words in edit.text
    assert bot.parts.storage.sessions(1)[-1].pain == pain


async def test_pain_rising_over_three_sessions_means_see_a_professional(bot):
    history(bot, 2, 3)
    calls = await done_and_score(bot, 4)
    body = texts(calls)
    assert "Please check this with your physio or doctor: your pain has gone up over your last 3 sessions " \
           "(2, 3, 4)" in body
    assert not any(d.startswith(("move:", "band:")) for d in buttons(calls))  # no progression offers


async def test_a_new_score_replaces_the_old_one(bot):
    history(bot)
    await done_and_score(bot, 6)
    calls = await bot.press("pain:1:2")
    assert "Noted: pain 2/10 today." in texts(calls)
    assert bot.parts.storage.get_session(1).pain == 2


@pytest.mark.parametrize("data", ["pain:999:3", "pain:1:11", "pain:1:-1", "pain:1:", "pain:x:3", "pain:1",
                                  "settled:999:y", "settled:1:maybe", "move:nowhere:y", "move:strengthening",
                                  "band:set:purple", "band:easy:red", "band:fly:red"])
async def test_stale_or_garbled_progress_buttons_get_the_out_of_date_reply(bot, data):
    history(bot)
    await bot.press("done:routine")
    calls = await bot.press(data)
    assert calls[0].method == "answerCallbackQuery"
    assert STALE in texts(calls) or "out of date" in texts(calls)
    assert bot.parts.storage.get_session(1).pain is None


async def test_only_the_owner_can_answer_for_a_session(bot):
    history(bot)
    await bot.press("done:routine")
    calls = await bot.press("pain:1:9", user_id=2)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params["text"].startswith("Only the person who logged this session")
    calls = await bot.press("settled:1:n", user_id=2)
    assert calls[0].params["text"].startswith("Only the person")
    session = bot.parts.storage.get_session(1)
    assert (session.pain, session.settled_by_morning) == (None, None)


# ---------------------------------------------------------------- settled by the next morning


async def _yesterday_with_pain(bot, clock, pain=4):
    """Yesterday (per the clock, after this call): a session with a pain score, no settled answer."""
    history(bot)
    await done_and_score(bot, pain)
    clock.advance(days=1)


async def test_the_next_mornings_reminder_asks_whether_the_pain_settled(bot, clock):
    await bot.command("remind", "07:30")
    await _yesterday_with_pain(bot, clock)
    clock.set("2025-03-11T07:30:00+00:00")
    before = len(bot.api.calls)
    assert await bot.parts.reminders.send_all_due() == 1
    calls = bot.api.calls[before:]
    [reminder] = [c for c in calls if c.text.startswith("⏰")]
    assert "Did the pain from your session yesterday (4/10) settle by the next morning?" in reminder.text
    assert buttons([reminder]) == ["routine", "done:reminder", "snooze:1", "rem:pause:1", "rem:stop:1",
                                   "settled:1:y", "settled:1:n"]


async def test_not_settled_is_stored_and_leads_to_easing_off(bot, clock):
    await _yesterday_with_pain(bot, clock, pain=4)
    calls = await bot.press("settled:1:n")
    body = texts(calls)
    assert "had not settled by the next morning" in body
    assert "Ease off next time: fewer repetitions, a lighter band, or a rest day" in body
    assert bot.parts.storage.get_session(1).settled_by_morning is False


async def test_settled_is_stored_and_keeps_the_load(bot, clock):
    await _yesterday_with_pain(bot, clock, pain=5)
    calls = await bot.press("settled:1:y")
    assert "Pain of 5/10 is acceptable, and it settled by the next morning. Keep the same load." \
        in texts(calls)
    assert bot.parts.storage.get_session(1).settled_by_morning is True
    # The answer does not remove the reminder's other buttons: it comes as a new message.
    assert not any(c.method == "editMessageText" for c in calls)


async def test_without_a_reminder_the_next_done_asks_first_then_the_pain_question(bot, clock):
    await _yesterday_with_pain(bot, clock)
    calls = await bot.press("done:routine")
    assert buttons(calls) == ["settled:1:y", "settled:1:n"]  # one question at a time
    calls = await bot.press("settled:1:y")
    assert "settled by the next morning" in texts(calls)
    assert "How much did the exercises hurt today?" in texts(calls)
    assert "pain:2:0" in buttons(calls)


async def test_the_next_routine_asks_too(bot, clock):
    await _yesterday_with_pain(bot, clock)
    calls = await bot.command("routine")
    assert "settle by the next morning" in texts(calls)
    assert buttons(calls)[-2:] == ["settled:1:y", "settled:1:n"]


async def test_no_settled_question_after_pain_0_or_a_week_later(bot, clock):
    await _yesterday_with_pain(bot, clock, pain=0)
    assert "settle" not in texts(await bot.command("routine"))
    bot.parts.storage.set_session_pain(1, 1, 4)
    clock.advance(days=6)
    assert "settle" not in texts(await bot.command("routine"))


# ---------------------------------------------------------------- stage progression


# TODAY is a Monday: 13 daily sessions before it fill last week and the one before (two weeks on
# target); 7 fill only last week.
@pytest.mark.parametrize("earlier, offered", [(13, True), (7, False)])
async def test_next_stage_is_offered_after_two_weeks_on_target_at_low_pain(bot, earlier, offered):
    history(bot, *[2] * earlier)
    calls = await done_and_score(bot, 2)
    stage_buttons = [d for d in buttons(calls) if d.startswith("move:")]
    if offered:
        assert stage_buttons == ["move:return-to-sport:y", "move:return-to-sport:n"]
        assert "move on to Return to sport?" in texts(calls)
        assert "weekly target (3 days a week)" in texts(calls)
        assert bot.parts.storage.get_user(1).stage_offered_on == TODAY
    else:
        assert stage_buttons == []


async def test_three_days_a_week_with_rest_days_reaches_the_stage_offer(bot):
    # The old "8 safe sessions in 14 days" could never be reached by the strength plan's 3 days a week.
    storage = bot.parts.storage
    storage.ensure_user(1, 1)
    storage.set_stage(1, "strengthening", NEW_STAGE_DAY)
    for back in (14, 12, 10, 7, 5, 3):  # Monday, Wednesday and Friday of the last two weeks
        storage.set_session_settled(storage.record_session(1, days_ago(back), "routine", 2), 1, True)
    calls = await done_and_score(bot, 2)
    assert "move:return-to-sport:y" in buttons(calls)


async def test_accepting_the_offer_moves_the_stage_and_logs_it(bot):
    history(bot, *[2] * 13)
    await done_and_score(bot, 1)
    calls = await bot.press("move:return-to-sport:y")
    assert "Your stage is now Return to sport" in texts(calls)
    assert bot.parts.storage.get_user(1).stage == "return-to-sport"
    last = bot.parts.storage.events(1)[-1]
    assert (last.kind, last.old, last.new, last.local_date) == ("stage-change", "strengthening",
                                                                "return-to-sport", TODAY)


async def test_not_yet_keeps_the_stage_and_the_offer_does_not_come_back_the_next_day(bot, clock):
    history(bot, *[2] * 13)
    await done_and_score(bot, 1)
    calls = await bot.press("move:return-to-sport:n")
    assert "you stay at Strengthening" in texts(calls)
    assert bot.parts.storage.get_user(1).stage == "strengthening"
    clock.advance(days=1)
    calls = await done_and_score(bot, 1)
    assert not any(d.startswith("move:") for d in buttons(calls))
    for ahead in (2, 3, 4):  # this week stays on target too
        bot.parts.storage.set_session_settled(
            bot.parts.storage.record_session(1, TODAY + timedelta(days=ahead), "routine", 1), 1, True)
    clock.advance(days=6)  # a week after the offer: asked again
    calls = await done_and_score(bot, 1)
    assert "move:return-to-sport:y" in buttons(calls)


async def test_no_stage_offer_when_todays_pain_says_ease_off(bot):
    history(bot, *[2] * 9)
    calls = await done_and_score(bot, 6)
    assert not any(d.startswith(("move:", "band:")) for d in buttons(calls))


async def test_a_new_stage_starts_a_new_count(bot):
    history(bot, *[2] * 13, stage="early-mobility")
    bot.parts.storage.set_stage(1, "strengthening", days_ago(1))  # changed yesterday, after those sessions
    calls = await done_and_score(bot, 2)
    assert not any(d.startswith("move:") for d in buttons(calls))


async def test_an_old_offer_is_out_of_date_once_the_stage_changed(bot):
    history(bot, *[2] * 13)
    await done_and_score(bot, 1)
    await bot.command("stage", "return")
    calls = await bot.press("move:return-to-sport:y")
    assert "out of date" in texts(calls)


# ---------------------------------------------------------------- band progression


async def test_band_question_yes_stores_the_next_colour_and_resets_the_reps(bot):
    history(bot, 2, 2, band="red")
    calls = await done_and_score(bot, 2)
    assert buttons(calls)[-2:] == ["band:easy:red:y", "band:easy:red:n"]
    assert "20-25 slow, controlled repetitions with your red band" in texts(calls)
    assert bot.parts.storage.get_user(1).band_asked_on == TODAY
    calls = await bot.press("band:easy:red:y")
    assert "from the red band to the green band" in texts(calls) and "10-15" in texts(calls)
    assert bot.parts.storage.get_user(1).band_colour == "green"
    last = bot.parts.storage.events(1)[-1]
    assert (last.kind, last.old, last.new) == ("band-change", "red", "green")


async def test_band_question_no_keeps_the_band(bot):
    history(bot, 2, 2, band="red")
    await done_and_score(bot, 2)
    calls = await bot.press("band:easy:red:n")
    assert "Keep going with the red band" in texts(calls)
    assert bot.parts.storage.get_user(1).band_colour == "red"


async def test_band_yes_with_an_unknown_colour_asks_which_band_first(bot):
    history(bot, 2, 2)
    calls = await done_and_score(bot, 2)
    assert buttons(calls)[-2:] == ["band:easy:none:y", "band:easy:none:n"]
    calls = await bot.press("band:easy:none:y")
    assert "band:from:yellow" in buttons(calls)
    await bot.press("band:from:yellow")
    assert bot.parts.storage.get_user(1).band_colour == "red"


async def test_band_question_is_not_asked_again_within_a_week(bot, clock):
    history(bot, 2, 2, band="red")
    await done_and_score(bot, 2)
    for _ in range(3):
        clock.advance(days=1)
        calls = await done_and_score(bot, 2)
        assert not any(d.startswith("band:") for d in buttons(calls))


async def test_no_stronger_band_while_pain_says_hold(bot):
    history(bot, 2, 2, band="red")
    await done_and_score(bot, 2)
    await bot.press("pain:3:7")  # today's score corrected upwards
    calls = await bot.press("band:easy:red:y")
    assert "hold off on a stronger band" in texts(calls)
    assert bot.parts.storage.get_user(1).band_colour == "red"


async def test_band_command_sets_the_colour(bot):
    calls = await bot.command("band")
    assert buttons(calls) == [f"band:set:{c}" for c in ("yellow", "red", "green", "blue", "black", "silver",
                                                       "gold")]
    assert "Band set: green" in texts(await bot.command("band", "Green"))
    assert bot.parts.storage.get_user(1).band_colour == "green"
    await bot.press("band:set:blue")
    assert bot.parts.storage.get_user(1).band_colour == "blue"
    calls = await bot.command("band", "purple")
    assert "I don't know the band colour 'purple'" in texts(calls)
    assert bot.parts.storage.get_user(1).band_colour == "blue"
    assert [e.new for e in bot.parts.storage.events(1)] == ["green", "blue"]


# ---------------------------------------------------------------- /log


@pytest.mark.parametrize("args, day, pain", [
    ((), TODAY, None),
    (("today", "2"), TODAY, 2),
    (("yesterday",), days_ago(1), None),
    (("yesterday", "3"), days_ago(1), 3),
    (("3/10", "yesterday"), days_ago(1), 3),
    (("2025-03-08",), date(2025, 3, 8), None),
    (("8.3",), date(2025, 3, 8), None),
    (("08.03.2025", "0"), date(2025, 3, 8), 0),
    (("friday",), date(2025, 3, 7), None),
])
async def test_log_records_a_session_by_hand(bot, args, day, pain):
    calls = await bot.command("log", *args)
    [session] = bot.parts.storage.sessions(1)
    assert (session.local_date, session.pain, session.source) == (day, pain, "manual")
    assert "Logged: a session" in texts(calls)
    if pain is None:
        assert "pain:1:0" in buttons(calls)  # asks how much it hurt


@pytest.mark.parametrize("args, message", [
    (("banana",), "I can't read 'banana' as a day or a pain score"),
    (("2025-02-30",), "2025-02-30 is not a real date"),
    (("31.4",), "31.4 is not a real date"),
    (("tomorrow",), "is in the future"),
    (("2025-03-11",), "is in the future"),
    (("2024-12-01",), "more than 60 days ago"),
    (("yesterday", "11"), "Pain goes from 0 (none) to 10"),
    (("yesterday", "today"), "one day at a time"),
    (("3", "4"), "one pain score"),
])
async def test_log_explains_bad_input_with_an_example_and_stores_nothing(bot, args, message):
    body = texts(await bot.command("log", *args))
    assert message in body and "/log yesterday" in body
    assert bot.parts.storage.sessions(1) == []


async def test_log_on_a_day_that_already_has_a_session_says_so(bot):
    bot.parts.storage.ensure_user(1, 1)
    await bot.press("done:routine")
    calls = await bot.command("log", "today")
    assert "You already logged a session today" in texts(calls)
    assert len(bot.parts.storage.sessions(1)) == 1
    calls = await bot.command("log", "today", "3")  # Done's pain question was skipped: this completes it
    assert "I've added the pain score, 3/10" in texts(calls)
    assert bot.parts.storage.sessions(1)[0].pain == 3
    calls = await bot.command("log", "today", "5")
    assert "already logged a session today (pain 3/10)" in texts(calls)
    assert bot.parts.storage.sessions(1)[0].pain == 3


async def test_log_yesterday_with_pain_asks_at_once_whether_it_settled(bot):
    calls = await bot.command("log", "yesterday", "4")
    assert buttons(calls) == ["settled:1:y", "settled:1:n"]
    assert "tomorrow morning" not in texts(calls)  # that morning has passed: the answer decides


# ---------------------------------------------------------------- /progress and /report


async def test_progress_sends_a_valid_phone_sized_png_with_a_summary(bot):
    history(bot, 2, 3, None, 4, 2)
    calls = await bot.command("progress")
    [photo] = [c for c in calls if c.method == "sendPhoto"]
    _name, data, _mime = photo.files["photo"]
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert 5_000 <= len(data) <= 300_000
    image = imread(io.BytesIO(data), format="png")
    assert image.shape[0] > image.shape[1] >= 600  # portrait, wide enough to read on a phone
    assert "Sessions: 5 in the last 7 days" in photo.text and "Weeks on target in a row: 1" in photo.text


async def test_others_are_answered_while_a_chart_is_being_drawn(bot, monkeypatch):
    # Drawing happens in a worker thread: a slow chart for one person must not hold up everyone else.
    answered_meanwhile = []

    def slow_chart(*_args, **_kwargs) -> bytes:
        time.sleep(0.5)
        answered_meanwhile.append(any(c.method == "sendMessage" and c.chat_id == 2 for c in bot.api.calls))
        return b"\x89PNG\r\n\x1a\n slow"

    monkeypatch.setattr("bot.conversation.progress.render_progress_png", slow_chart)

    async def someone_else_asks():
        await asyncio.sleep(0.05)
        await bot.text("how many reps?", user_id=2)

    await asyncio.gather(bot.command("progress"), someone_else_asks())
    assert answered_meanwhile == [True]
    assert bot.api.sent("sendPhoto")[0].files["photo"][1].endswith(b" slow")


async def test_progress_with_nothing_logged_still_sends_the_chart_and_says_how_to_log(bot):
    calls = await bot.command("progress")
    [photo] = [c for c in calls if c.method == "sendPhoto"]
    assert photo.files["photo"][1].startswith(b"\x89PNG")
    assert "No sessions logged yet" in photo.text and "/log" in photo.text


async def test_report_sends_the_log_as_csv_and_pdf_documents(bot, clock):
    history(bot, 2, None, band="red", settled=None)
    bot.parts.storage.set_session_settled(1, 1, False)
    await done_and_score(bot, 4)
    calls = await bot.command("report")
    documents = [c for c in calls if c.method == "sendDocument"]
    names = [d.files["document"][0] for d in documents]
    assert names == ["ankle-log-2025-03-10.csv", "ankle-log-2025-03-10.pdf"]
    assert "3 session(s), 2 with a pain score" in documents[0].text
    rows = list(csv.DictReader(io.StringIO(documents[0].files["document"][1].decode("utf-8"))))
    cells = [(r["date"], r["kind"], r["pain"], r["settled_by_morning"], r["stage"], r["band"]) for r in rows]
    assert cells == [
        ("2025-02-08", "stage-change", "", "", "Strengthening", ""),
        ("2025-02-08", "band-change", "", "", "", "red"),
        ("2025-03-08", "session", "2", "no", "Strengthening", "red"),
        ("2025-03-09", "session", "", "", "Strengthening", "red"),
        ("2025-03-10", "session", "4", "", "Strengthening", "red"),
    ]
    assert documents[1].files["document"][1].startswith(b"%PDF")


async def test_report_with_nothing_logged_says_so(bot):
    calls = await bot.command("report")
    assert [c.method for c in calls] == ["sendMessage"]
    assert "Nothing logged yet" in calls[0].text


# ---------------------------------------------------------------- commands, privacy, forget


async def test_new_commands_are_in_the_menu_and_in_help(bot):
    for name in ("log", "progress", "report", "band"):
        assert name in COMMAND_NAMES
    menu = [c["command"] for c in bot.api.sent("setMyCommands")[0].params["commands"]]
    assert {"log", "progress", "report", "band"} <= set(menu)
    body = texts(await bot.command("help"))
    assert "/log: " in body and "/progress: " in body and "/report: " in body and "/band: " in body


async def test_privacy_says_pain_scores_and_settled_answers_are_stored(bot):
    body = texts(await bot.command("privacy"))
    assert "how much each one hurt (0-10)" in body and "settled by the next morning" in body


async def test_forget_removes_sessions_pain_scores_and_stage_and_band_history(bot, clock):
    history(bot, 2, 3, band="red")
    await done_and_score(bot, 4)
    await bot.command("band", "green")
    await bot.command("log", "2025-03-01", "1")
    storage = bot.parts.storage
    assert storage.count_rows(1)["sessions"] == 4 and storage.count_rows(1)["events"] == 3
    await bot.press("forget:yes")
    assert set(storage.count_rows(1).values()) == {0}
    assert storage.sessions(1) == [] and storage.events(1) == []
    assert "Nothing logged yet" in texts(await bot.command("report"))

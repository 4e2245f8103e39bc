"""Issue 14, corrections: a session logged for the wrong day moves to another day, through the real
Application and the fake Bot API, on SQLite and on PostgreSQL: Today / Yesterday buttons, "Another day"
typed (read as /log reads a day, triaged first), the limits (no future, not before the account, at most
60 days back, not onto a full day), stale buttons after /forget, another person's press, and the
weekly plan and streak that follow from the moved session.

The clock is the shared fake: Monday 10 March 2025, 12:00 UTC. The account is made on 1 February.
"""

from datetime import date, timedelta

import pytest

from bot.conversation.learn import STALE

TODAY = date(2025, 3, 10)  # a Monday
YESTERDAY = TODAY - timedelta(days=1)


@pytest.fixture
def bot_database(database):
    return database  # each test runs on SQLite and on PostgreSQL


def texts(calls) -> str:
    return "\n".join(c.text for c in calls if c.method in ("sendMessage", "editMessageText", "sendPhoto"))


def data_of(calls) -> list[str]:
    return [d for c in calls for d in c.button_data]


def labels(calls) -> list[str]:
    return [b["text"] for c in calls if c.params.get("reply_markup")
            for row in c.params["reply_markup"]["inline_keyboard"] for b in row]


def account(bot, clock, stage: str = "strengthening", user_id: int = 1) -> None:
    """An account made on 1 February, at `stage` since then."""
    now = clock.now
    clock.set("2025-02-01T12:00:00+00:00")
    storage = bot.parts.storage
    storage.ensure_user(user_id, user_id)
    storage.set_stage(user_id, stage, date(2025, 2, 1))
    clock.now = now


async def day_menu(bot, session_id: int, **kw) -> list:
    """/log list -> the session -> Change day: the calls of the day choices."""
    listed = await bot.command("log", "list", **kw)
    [pick] = [d for d in data_of(listed) if d.startswith(f"fix:{session_id}~")]
    menu = await bot.press(pick, **kw)
    assert "Change day" in labels(menu)
    [change] = [d for d in data_of(menu) if d.startswith("fix:day:")]
    return await bot.press(change, **kw)


async def test_a_session_moves_to_yesterday_by_button(bot, clock):
    account(bot, clock)
    storage = bot.parts.storage
    session = storage.record_session(1, TODAY, "routine", 3)
    storage.set_session_settled(session, 1, True)
    before = storage.get_session(session)
    choices = await day_menu(bot, session)
    assert "Which day was the session on Monday 10 March (pain 3/10" in texts(choices)
    assert labels(choices) == ["Yesterday (Sun 9 Mar)", "Another day", "Keep it"]  # not today: its day
    [to_yesterday] = [d for d in data_of(choices) if d.startswith("fix:to:20250309:")]
    moved = await bot.press(to_yesterday)
    assert [c.method for c in moved if c.method != "answerCallbackQuery"] == ["editMessageText"]
    assert "Moved: the session from Monday 10 March is now on Sunday 9 March (pain 3/10" in texts(moved)
    after = storage.get_session(session)
    assert after.local_date == YESTERDAY  # only the date changed
    assert (after.pain, after.settled_by_morning, after.source, after.created_at) == (
        before.pain, before.settled_by_morning, before.source, before.created_at)
    # A session on yesterday gets a Today button, no Yesterday.
    assert labels(await day_menu(bot, session))[:2] == ["Today (Mon 10 Mar)", "Another day"]
    # The used button once more: nothing to change, nothing lost.
    again = await bot.press(to_yesterday)
    assert "already on Sunday 9 March" in texts(again)
    assert storage.get_session(session).local_date == YESTERDAY


async def test_another_day_is_typed_and_read_like_log(bot, clock):
    account(bot, clock)
    storage = bot.parts.storage
    session = storage.record_session(1, TODAY, "manual", 4)
    choices = await day_menu(bot, session)
    [another] = [d for d in data_of(choices) if d.startswith("fix:ask:")]
    asked = await bot.press(another)
    assert "Which day should the session on Monday 10 March move to? Type it" in texts(asked)
    assert storage.get_awaiting(1, 1).question == "day"

    def day() -> date:
        return storage.get_session(session).local_date

    bad = await bot.text("30.2")
    assert "'30.2' is not a date in the calendar, so I haven't moved anything." in texts(bad)
    assert "2025-02-30 is not" not in texts(bad) and day() == TODAY
    future = await bot.text("2025-03-12")
    assert "Wednesday 12 March is in the future" in texts(future) and day() == TODAY
    assert "in the future" in texts(await bot.text("tomorrow")) and day() == TODAY
    too_long = await bot.text("2024-12-01")
    assert "more than 60 days ago" in texts(too_long) and day() == TODAY
    before_account = await bot.text("2025-01-20")
    assert "before you started with me (Saturday 1 February)" in texts(before_account) and day() == TODAY
    unclear = await bot.text("banana")
    assert "I didn't catch a day there" in texts(unclear) and day() == TODAY
    # Triaged first: an urgent message typed instead is answered as one, and moves nothing.
    urgent = await bot.text("my calf is urgent")
    assert "URGENT" in texts(urgent) and day() == TODAY
    assert storage.get_awaiting(1, 1).question == "day"  # every refusal keeps asking

    moved = await bot.text("3 days ago")
    assert "Moved: the session from Monday 10 March is now on Friday 7 March (pain 4/10" in texts(moved)
    assert day() == date(2025, 3, 7) and storage.get_awaiting(1, 1) is None
    # Answered: a day typed now is a new message, not a move.
    await bot.text("5.3")
    assert day() == date(2025, 3, 7)

    # A date, typed the way /log reads it.
    await bot.press(another)
    moved = await bot.text("on 5.3")
    assert "now on Wednesday 5 March" in texts(moved) and day() == date(2025, 3, 5)
    await bot.press(another)
    moved = await bot.text("2025-03-08")
    assert "now on Saturday 8 March" in texts(moved) and day() == date(2025, 3, 8)
    # Changing one's mind.
    await bot.press(another)
    assert "stays on Saturday 8 March" in texts(await bot.text("never mind"))
    assert storage.get_awaiting(1, 1) is None and day() == date(2025, 3, 8)


async def test_log_reads_days_ago_too(bot, clock):
    account(bot, clock)
    calls = await bot.command("log", "3", "days", "ago", "2")
    assert "Logged: a session on Friday 7 March, pain 2/10." in texts(calls)
    assert [(s.local_date, s.pain) for s in bot.parts.storage.sessions(1)] == [(date(2025, 3, 7), 2)]


async def test_a_full_day_is_refused_with_what_to_do(bot, clock):
    account(bot, clock)  # strengthening: one session a day
    storage = bot.parts.storage
    storage.record_session(1, YESTERDAY, "routine", 2)
    session = storage.record_session(1, TODAY, "routine", 5)
    choices = await day_menu(bot, session)
    [to_yesterday] = [d for d in data_of(choices) if d.startswith("fix:to:")]
    keyboard = [[d] for d in data_of(choices)]
    refused = await bot.send(bot.updates.button(to_yesterday, keyboard=keyboard))
    assert ("Sunday 9 March already has a session logged, and one session a day is counted at your stage, "
            "so I haven't moved this one. To move it there anyway, first delete or move that day's session "
            "(/log list), or pick another day.") in texts(refused)
    [edit] = [c for c in refused if c.method == "editMessageReplyMarkup"]
    assert edit.button_data == [d for d in data_of(choices) if d != to_yesterday]  # the rest stays
    assert storage.get_session(session).local_date == TODAY
    assert [s.local_date for s in storage.sessions(1)] == [YESTERDAY, TODAY]
    # Typed, the same refusal, and the question stays open.
    await bot.press([d for d in data_of(choices) if d.startswith("fix:ask:")][0])
    assert "already has a session logged" in texts(await bot.text("yesterday"))
    assert storage.get_session(session).local_date == TODAY


async def test_early_mobility_takes_a_second_session_on_a_day(bot, clock):
    account(bot, clock, stage="early-mobility")  # up to two sessions a day
    storage = bot.parts.storage
    storage.record_session(1, YESTERDAY, "routine", 2)
    session = storage.record_session(1, TODAY, "routine", 1)
    choices = await day_menu(bot, session)
    moved = await bot.press([d for d in data_of(choices) if d.startswith("fix:to:")][0])
    assert "now on Sunday 9 March" in texts(moved)
    assert [s.local_date for s in storage.sessions(1)] == [YESTERDAY, YESTERDAY]
    third = storage.record_session(1, TODAY, "routine", 1)
    refused = await bot.press([d for d in data_of(await day_menu(bot, third)) if d.startswith("fix:to:")][0])
    assert "already has 2 sessions logged, and up to 2 sessions a day are counted" in texts(refused)
    assert storage.get_session(third).local_date == TODAY


async def test_day_buttons_are_out_of_date_after_forget(bot, clock):
    account(bot, clock)
    storage = bot.parts.storage
    session = storage.record_session(1, TODAY, "routine", 3)
    choices = await day_menu(bot, session)
    old = [d for d in data_of(choices)]
    await bot.press([d for d in old if d.startswith("fix:ask:")][0])  # a day is awaited
    await bot.press("forget:yes")
    for button in old:
        assert STALE in texts(await bot.press(button)), button
    await bot.command("start")
    storage.record_session(1, TODAY, "routine", 6)  # the new account's own session (a new id)
    for button in old:
        assert STALE in texts(await bot.press(button)), button
    assert "Moved" not in texts(await bot.text("yesterday"))  # the wait went with the old account
    assert [(s.local_date, s.pain) for s in storage.sessions(1)] == [(TODAY, 6)]


async def test_another_person_cannot_move_my_session(bot, clock):
    account(bot, clock)
    account(bot, clock, user_id=2)
    storage = bot.parts.storage
    session = storage.record_session(1, TODAY, "routine", 3)
    choices = await day_menu(bot, session)
    mine = [d for d in data_of(choices) if d.startswith("fix:to:")][0]
    refused = await bot.press(mine, user_id=2)  # my button (my account's token), pressed by someone else
    assert STALE in texts(refused)
    untokened = await bot.press(mine.split("~")[0], user_id=2)
    assert any(c.method == "answerCallbackQuery" and "Only the person" in (c.params.get("text") or "")
               for c in untokened)
    for action in ("day", "ask"):
        calls = await bot.press(f"fix:{action}:{session}", user_id=2)
        assert "Only the person" in " ".join(c.params.get("text") or "" for c in calls)
    # My "Another day" waits for my answer only: someone else's typed day moves nothing.
    await bot.press([d for d in data_of(choices) if d.startswith("fix:ask:")][0])
    await bot.text("yesterday", user_id=2)
    assert storage.get_session(session).local_date == TODAY


async def test_the_weekly_plan_and_streak_follow_a_moved_session(bot, clock):
    # Strengthening, 3 days a week: the week before last on target (Mon, Wed, Fri); last week Mon and
    # Wed, and Friday's session logged today by mistake.
    account(bot, clock)
    storage = bot.parts.storage
    for back in (14, 12, 10, 7, 5):
        storage.set_session_settled(storage.record_session(1, TODAY - timedelta(days=back), "routine", 2),
                                    1, True)
    session = storage.record_session(1, TODAY, "manual", 2)
    before = await bot.command("routine")
    assert "This week: 1 training day (Mon)" in texts(before)
    progress = texts(await bot.command("progress"))
    assert "Weeks on target in a row:" in progress and "Weeks on target in a row: 2." not in progress
    choices = await day_menu(bot, session)
    await bot.press([d for d in data_of(choices) if d.startswith("fix:ask:")][0])
    moved = await bot.text("friday")
    assert "now on Friday 7 March" in texts(moved)
    assert "This week: no training day yet (your target: 3 days a week)." in texts(moved)
    after = await bot.command("routine")
    assert "Today is a training day." in texts(after) and "This week: no training day yet" in texts(after)
    assert "Weeks on target in a row: 2." in texts(await bot.command("progress"))

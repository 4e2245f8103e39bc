"""Responsive under load, through the running Application (updates queued as polling queues them):
different chats are served concurrently, one chat's updates stay in order, a slow report does not
hold up anyone else, and /report is limited per person in the database.

Nothing here depends on timing: the slow parts block on events the test releases, and the test
waits for the fake Bot API to receive a given call (with a generous timeout only as a safety net).
"""

import asyncio
import threading

from telegram import Update
from test_progress import history

from bot.telegram.ordering import PerChatOrder, chat_key

WAIT = 10  # seconds; only a safety net so a broken test fails instead of hanging


def replies_to(bot, chat_id):
    return [c for c in bot.api.calls if c.chat_id == chat_id and c.method.startswith("send")]


class Gate:
    """Blocks a worker thread until the test opens it; tells the test once something waits at it."""

    def __init__(self):
        self.reached = threading.Event()
        self.opened = threading.Event()

    def wait_here(self) -> None:
        self.reached.set()
        assert self.opened.wait(WAIT), "the test never opened the gate"

    async def until_reached(self) -> None:
        assert await asyncio.to_thread(self.reached.wait, WAIT)

    def open(self) -> None:
        self.opened.set()


async def test_a_slow_first_update_is_not_overtaken_by_the_second_but_other_chats_go_on(make_bot, answer):
    gate = Gate()

    def engine(text):
        if text.startswith("slow"):
            gate.wait_here()
        return answer(text)

    bot = await make_bot(start=True, answer_fn=engine)
    other_answered = bot.next_call(lambda c: c.method == "sendMessage" and c.chat_id == 2)
    await bot.enqueue(bot.updates.text("slow question", user_id=1))
    await bot.enqueue(bot.updates.text("second question", user_id=1))
    await bot.enqueue(bot.updates.text("hi", user_id=2))
    await gate.until_reached()
    await asyncio.wait_for(other_answered.wait(), WAIT)  # chat 2 is served while chat 1 waits
    assert replies_to(bot, 1) == []  # "second question" did not overtake the slow first one
    gate.open()
    await bot.drain()
    assert [c.text for c in replies_to(bot, 1)] == ["Do 10-15 reps. (slow question)",
                                                    "Do 10-15 reps. (second question)"]


async def test_another_person_is_answered_while_a_report_is_being_drawn(make_bot, monkeypatch):
    gate = Gate()

    def slow_csv(rows):
        gate.wait_here()
        return b"date,kind\n"

    monkeypatch.setattr("bot.conversation.progress.render_report_csv", slow_csv)
    bot = await make_bot(start=True)
    history(bot, 3, 2)
    other_answered = bot.next_call(lambda c: c.method == "sendMessage" and c.chat_id == 2)
    await bot.enqueue(bot.updates.command("report", user_id=1))
    await gate.until_reached()  # the report is being drawn now, in a drawing thread
    await bot.enqueue(bot.updates.text("how many reps?", user_id=2))
    await asyncio.wait_for(other_answered.wait(), WAIT)
    assert bot.api.sent("sendDocument") == []  # still drawing
    gate.open()
    await bot.drain()
    assert [c.chat_id for c in bot.api.sent("sendDocument")] == [1, 1]  # the CSV and the PDF


async def test_reports_are_limited_per_person_and_the_limit_survives_a_restart(make_bot, tmp_path, clock):
    db = str(tmp_path / "shared.sqlite3")
    bot = await make_bot(db)
    history(bot, 3, 2)
    for _ in range(3):
        assert len(await bot.command("report")) == 2  # two files
    refused = await bot.command("report")
    assert [c.method for c in refused] == ["sendMessage"]
    assert "You've asked for 3 reports in the last minute" in refused[0].text
    assert "try /report again in about 60 seconds" in refused[0].text
    assert bot.parts.storage.sessions(1)  # nothing lost
    restarted = await make_bot(db)
    assert [c.method for c in await restarted.command("report")] == ["sendMessage"]
    assert "Nothing logged yet" in (await restarted.command("report", user_id=2))[0].text  # not limited
    clock.advance(seconds=61)
    assert [c.method for c in await restarted.command("report")] == ["sendDocument", "sendDocument"]


async def test_charts_are_limited_too(bot):
    for _ in range(3):
        assert [c.method for c in await bot.command("progress")] == ["sendPhoto"]
    calls = await bot.command("progress")
    assert "You've asked for 3 charts in the last minute" in calls[0].text


def test_updates_are_ordered_by_chat_and_by_user_without_a_chat(bot):
    message = Update.de_json(bot.updates.text("hi", user_id=5, chat_id=-100), bot.app.bot)
    button = Update.de_json(bot.updates.button("routine", user_id=6), bot.app.bot)
    assert (chat_key(message), chat_key(button), chat_key(object())) == (-100, 6, None)


async def test_one_chats_lock_is_dropped_once_its_updates_are_done():
    order = PerChatOrder(running=2)
    await order.initialize()
    seen = []

    async def work(n):
        await asyncio.sleep(0)
        seen.append(n)

    update = Update.de_json({"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "x",
                                                         "chat": {"id": 9, "type": "private"}}}, None)
    await asyncio.gather(*(order.process_update(update, work(n)) for n in range(5)))
    assert seen == [0, 1, 2, 3, 4] and order.chats_in_progress == 0

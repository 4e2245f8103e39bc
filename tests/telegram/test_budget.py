"""The send budget: replies before queued reminders, each chat's own limit, the shared limit."""

import asyncio
import time

import pytest

from bot.telegram.budget import BROADCAST, REPLY, Limit, PriorityBudget, SendBudget


async def test_a_reply_goes_before_the_reminders_already_queued(make_bot, clock):
    bot = await make_bot(rate=8)  # 16 reminders take 2 s at 8 a second
    for user in range(1, 17):
        bot.parts.storage.ensure_user(user, user)
        bot.parts.storage.add_reminder(user, user, "12:00")
    clock.advance(seconds=59)  # the end of their minute: all 16 are due (they are spread over it)
    first_reminder = bot.next_call(lambda c: c.text.startswith("⏰"))
    burst = asyncio.ensure_future(bot.parts.reminders.send_all_due())
    await asyncio.wait_for(first_reminder.wait(), 5)  # the other 15 are queued in the budget now
    calls = await bot.text("how many reps?", user_id=999)
    assert calls[-1].chat_id == 999
    reminders_before = sum(1 for c in bot.api.calls if c.text.startswith("⏰"))
    # First in, first out would have sent all 16 first; the reply takes the next free slot (typically
    # after 1 or 2), and this holds even on a machine slow enough to need most of the 2 seconds.
    assert reminders_before < 16
    assert await burst == 16  # and every reminder still goes out


async def test_waiting_replies_get_the_next_tokens_before_waiting_broadcasts():
    budget = PriorityBudget(Limit(per_second=1000, burst=1), clock=asyncio.get_running_loop().time)
    budget.pause(0.2)  # nothing goes out until then: everyone queues (in far less than 0.2 s)
    order = []

    async def send(name, priority):
        await budget.take(priority)
        order.append(name)

    tasks = [asyncio.ensure_future(send(f"reminder {n}", BROADCAST)) for n in range(3)]
    await asyncio.sleep(0)
    tasks += [asyncio.ensure_future(send("reply a", REPLY)), asyncio.ensure_future(send("reply b", REPLY))]
    await asyncio.sleep(0)
    assert budget.waiting == 5
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert order == ["reply a", "reply b", "reminder 0", "reminder 1", "reminder 2"]


async def test_a_cancelled_waiter_does_not_take_a_token():
    now = [0.0]
    budget = PriorityBudget(Limit(per_second=1000, burst=1), clock=lambda: now[0])
    budget.pause(0.01)
    gone = asyncio.ensure_future(budget.take(REPLY))
    kept = asyncio.ensure_future(budget.take(BROADCAST))
    await asyncio.sleep(0)
    gone.cancel()
    now[0] = 1.0
    await asyncio.wait_for(kept, 5)
    assert budget.waiting == 0


async def _send_all(limiter, chat_ids):
    async def request():
        return True

    started = time.monotonic()
    await asyncio.gather(*(limiter.process_request(request, (), {}, "sendMessage", {"chat_id": c}, None)
                           for c in chat_ids))
    return time.monotonic() - started


async def test_one_chat_gets_its_burst_then_its_own_rate_while_many_chats_go_at_once():
    limiter = SendBudget(1000, private_chat=Limit(per_second=10, burst=2), group_chat=None)
    assert await _send_all(limiter, range(1, 7)) < 0.3  # six chats: nothing to wait for
    # One chat: 2 at once, then 10 a second: the other 4 take at least 0.4 s.
    assert await _send_all(limiter, [9] * 6) >= 0.39
    await limiter.shutdown()


async def test_groups_have_their_own_limit_and_requests_without_a_chat_none():
    limiter = SendBudget(1000, private_chat=None, group_chat=Limit(per_second=10, burst=1))
    assert await _send_all(limiter, [-100] * 3) >= 0.19  # 1 at once, then 10 a second

    async def request():
        return "ok"

    assert await limiter.process_request(request, (), {}, "answerCallbackQuery", {}, None) == "ok"
    await limiter.shutdown()


async def test_the_shared_limit_spaces_everything_out():
    limiter = SendBudget(50, private_chat=None, group_chat=None)  # 5 at once, then 50 a second
    assert await _send_all(limiter, range(1, 31)) >= 0.45  # the other 25 take 0.5 s
    await limiter.shutdown()


async def test_shutting_down_cancels_whoever_still_waits():
    limiter = SendBudget(1000, private_chat=None, group_chat=None)
    limiter.budget.pause(60)

    async def request():
        return True

    waiting = asyncio.ensure_future(
        limiter.process_request(request, (), {}, "sendMessage", {"chat_id": 1}, None))
    await asyncio.sleep(0)
    await limiter.shutdown()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(waiting, 5)

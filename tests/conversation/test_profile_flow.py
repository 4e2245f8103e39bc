"""The injury profile in the terminal front-end and over the real knowledge base and engine: the
stored profile reaches the engine's facts through the conversation's answer path."""

import io

import pytest

from bot.conversation import Caller, Conversation, Services
from bot.conversation.profile import describe, read_when
from bot.knowledge import load_default
from bot.terminal import chat

ME = Caller(1, 1, "Ann")
KB = load_default()


def run_chat(lines: str, conversation: Conversation) -> str:
    out = io.StringIO()
    assert chat(io.StringIO(lines), out, conversation) == 0
    return out.getvalue()


def test_the_profile_in_the_terminal_by_numbers_and_typed(tiny_kb, storage, answer, clock):
    conversation = Conversation(Services(tiny_kb, storage, answer, clock))
    # /profile, 1 = yes; 2 = fracture; typed side; 2 = "1-6 weeks ago"; typed "in a boot".
    out = run_chat("/profile\n1\n2\nright\n2\nin a boot\n", conversation)
    assert "[1] Yes, keep a profile" in out and "[2] Fracture (broken bone)" in out
    assert "Your injury profile: Right ankle, fracture, between 1 week and 6 weeks ago, in a boot." in out
    row = storage.get_profile(1)
    assert (row.injury, row.side, row.support) == ("fracture", "right", "boot")


def test_no_in_the_terminal_stores_nothing(tiny_kb, storage, answer, clock):
    out = run_chat("/profile\n2\n", Conversation(Services(tiny_kb, storage, answer, clock)))
    assert "Nothing was stored" in out and storage.get_profile(1) is None


@pytest.fixture
def conv(storage, clock):
    return Conversation.create(storage, clock=clock, emergency_number="112")


def _profile(conv, storage, **fields):
    storage.ensure_user(1, 1)
    storage.create_profile(1)
    for name, value in fields.items():
        storage.set_profile_field(1, name, value)


def test_the_stored_profile_reaches_the_engines_answer(conv, storage):
    storage.ensure_user(1, 1)
    free = conv.handle_text(ME, "how do I get my calf stronger?")
    free_buttons = [b.data for r in free for b in r.all_buttons() if b.data.startswith("ex:")]
    _profile(conv, storage, injury="fracture", support="cast")
    storage.set_profile_field(1, "when", "2025-02-03", read_when("2025-02-03", storage._clock().date())[1])
    limited = conv.handle_text(ME, "how do I get my calf stronger?")
    limited_buttons = [b.data for r in limited for b in r.all_buttons() if b.data.startswith("ex:")]
    assert any(KB.exercises[d[3:]].stages == ("strengthening",) for d in free_buttons)
    assert limited_buttons and all("early-mobility" in KB.exercises[d[3:]].stages for d in limited_buttons)


def test_an_emergency_typed_as_a_profile_answer_gets_the_emergency_reply(conv, storage):
    conv.handle_command(ME, "profile")
    conv.handle_text(ME, "yes")
    replies = conv.handle_text(ME, "I can't breathe and my chest hurts after my operation")
    assert "112" in replies[0].text and not replies[0].buttons
    assert storage.get_profile(1).injury is None
    assert storage.get_awaiting(1, 1).question == "profile"


def test_the_profile_in_plain_words(storage, clock):
    storage.ensure_user(1, 1)
    assert describe(storage.get_profile(1), clock().date()) is None
    storage.create_profile(1)
    assert describe(storage.get_profile(1), clock().date()) is None  # nothing filled in yet
    storage.set_profile_field(1, "side", "right")
    storage.set_profile_field(1, "injury", "fracture")
    storage.set_profile_field(1, "when", "2025-02-03", read_when("2025-02-03", clock().date())[1])
    storage.set_profile_field(1, "support", "boot")
    line = describe(storage.get_profile(1), clock().date())
    assert line == "Right ankle, fracture, about 5 weeks ago, in a boot"

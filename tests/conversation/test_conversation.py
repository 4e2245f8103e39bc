"""The conversation layer on its own: every command and button, with a fixed knowledge base and a
scripted engine, and a scheduler that records what the front-end would be asked to do."""

from datetime import date

import pytest

from bot.conversation import Caller, Conversation, Reply, Services
from bot.conversation.learn import STALE
from bot.storage import QUESTIONS_KEPT_DAYS

ME = Caller(1, 1, "Ann")
OTHER = Caller(2, 2, "Bob")


class RecordingScheduler:
    def __init__(self):
        self.calls: list[tuple] = []

    def schedule(self, reminder_id):
        self.calls.append(("schedule", reminder_id))

    def unschedule(self, reminder_id):
        self.calls.append(("unschedule", reminder_id))

    def snooze(self, reminder_id, until):
        self.calls.append(("snooze", reminder_id, until))


@pytest.fixture
def scheduler():
    return RecordingScheduler()


@pytest.fixture
def conv(tiny_kb, storage, answer, clock, scheduler):
    return Conversation(Services(tiny_kb, storage, answer, clock, scheduler))


def data(replies: list[Reply]) -> list[str]:
    """The buttons' data without the account token (tested in test_corrections.py)."""
    return [b.data.split("~")[0] for r in replies for b in r.all_buttons()]


def text(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


# ---------------------------------------------------------------- start, help, stage


def test_start_welcomes_states_limits_and_safety_and_offers_stages(conv):
    replies = conv.handle_command(ME, "start")
    assert "Hi Ann" in text(replies)
    assert "diagnos" in text(replies) and "999" in text(replies)
    assert data(replies[0:1]) == ["stage:early-mobility", "stage:strengthening", "stage:return-to-sport"]
    # Then the injury profile, offered and skippable.
    assert data(replies[1:]) == ["prof:start", "prof:later"] and "skip" in replies[1].text


def test_help_lists_every_command(conv):
    body = text(conv.handle_command(ME, "help"))
    for name in ("start", "routine", "exercises", "stage", "remind", "reminders", "timezone", "privacy",
                 "forget"):
        assert f"/{name}" in body


def test_unknown_command_points_to_help(conv):
    assert "/help" in text(conv.handle_command(ME, "frobnicate"))


def test_stage_button_sets_stage_logs_event_and_offers_routine(conv, storage):
    replies = conv.handle_button(ME, "stage:strengthening")
    assert "Strengthening" in text(replies) and data(replies) == ["routine"]
    assert storage.get_user(1).stage == "strengthening"
    assert [(e.kind, e.new) for e in storage.events(1)] == [("stage-change", "strengthening")]


@pytest.mark.parametrize("words, stage", [
    (["strength"], "strengthening"), (["Early", "mobility"], "early-mobility"), (["3"], "return-to-sport"),
    (["return-to-sport"], "return-to-sport"),
])
def test_stage_command_accepts_names(conv, storage, words, stage):
    conv.handle_command(ME, "stage", words)
    assert storage.get_user(1).stage == stage


def test_stage_nonsense_is_corrected_with_choices(conv, storage):
    replies = conv.handle_command(ME, "stage", ["nonsense"])
    assert "don't know the stage 'nonsense'" in text(replies)
    assert len(data(replies)) == 3 and storage.get_user(1).stage is None


def test_stage_without_argument_shows_current_stage_and_summaries(conv):
    conv.handle_button(ME, "stage:early-mobility")
    body = text(conv.handle_command(ME, "stage"))
    assert "Your stage: Early mobility" in body and "Balance and sport." in body


# ---------------------------------------------------------------- exercises


def test_exercises_by_category_then_instructions(conv):
    categories = conv.handle_command(ME, "exercises")
    assert data(categories) == ["cat:mobility", "cat:strength", "cat:balance"]
    strength = conv.handle_button(ME, "cat:strength")
    assert strength[0].edit and data(strength) == ["ex:heel-raise", "ex:band-eversion", "cat:"]
    back = conv.handle_button(ME, "cat:")
    assert back[0].edit and data(back) == data(categories)


def test_instructions_hold_every_part_with_numbered_steps(conv):
    body = text(conv.handle_button(ME, "ex:band-eversion"))
    for part in ("Band eversion", "Equipment: resistance band", "Set-up: Set-up for Band eversion.",
                 "1. Band eversion step one.", "2. Band eversion step two.",
                 "Dose: 2-3 sets of 10-15 reps, hold 1-2 seconds, each side", "Easier: Easier Band eversion.",
                 "Harder: Harder Band eversion.", "- Avoid jerking in Band eversion."):
        assert part in body


def test_instructions_use_the_routine_dose_for_the_users_stage(conv):
    assert "Dose: 3 sets of 15 reps" in text(conv.handle_button(ME, "ex:heel-raise"))
    conv.handle_button(ME, "stage:strengthening")
    assert "Dose: 2 sets of 12 reps" in text(conv.handle_button(ME, "ex:heel-raise"))


# ---------------------------------------------------------------- routine and done


def test_routine_without_stage_asks_for_the_stage(conv):
    replies = conv.handle_command(ME, "routine")
    assert "which rehab stage" in text(replies)
    assert data(replies)[0] == "stage:early-mobility"


def test_routine_lists_doses_and_offers_instructions_and_done(conv):
    conv.handle_button(ME, "stage:strengthening")
    replies = conv.handle_command(ME, "routine")
    body = text(replies)
    assert "Strengthening (Monday 10 March)" in body
    assert "1. Heel raises: 2 sets of 12 reps" in body
    assert "2. Band eversion: 2-3 sets of 10-15 reps" in body
    assert data(replies) == ["ex:heel-raise", "ex:band-eversion", "done:routine", "stage"]


def test_change_stage_button_from_the_routine_shows_the_choice(conv):
    assert len(data(conv.handle_button(ME, "stage"))) == 3


def test_done_records_the_session_on_the_users_local_date_once(conv, storage, clock):
    clock.set("2025-03-10T23:30:00+00:00")  # already Tuesday in Auckland
    conv.handle_command(ME, "timezone", ["Pacific/Auckland"])
    conv.handle_button(ME, "stage:strengthening")
    assert "recorded today's session (Tuesday 11 March)" in text(conv.handle_button(ME, "done:routine"))
    assert "already recorded" in text(conv.handle_button(ME, "done:reminder"))
    sessions = storage.sessions(1)
    assert [(s.local_date, s.source) for s in sessions] == [(date(2025, 3, 11), "routine")]
    routine = conv.handle_command(ME, "routine")
    assert "Already done today" in text(routine) and "done:routine" not in data(routine)


def test_done_from_a_reminder_is_recorded_as_such(conv, storage):
    storage.ensure_user(1, 1)  # a reminder's Done comes from an existing account
    conv.handle_button(ME, "done:reminder")
    assert storage.sessions(1)[0].source == "reminder"


# ---------------------------------------------------------------- free text


def test_answer_has_exercise_and_feedback_buttons_and_is_logged(conv, storage):
    replies = conv.handle_text(ME, "how many reps")
    assert replies[0].text.startswith("Do 10-15 reps.")
    assert data(replies) == ["ex:heel-raise", "ex:band-eversion", "fb:up:1", "fb:down:1"]
    question = storage.get_question(1)
    assert (question.text, question.topic, question.unsure) == ("how many reps", "reps", False)


def test_emergency_answer_carries_no_buttons_at_all(conv):
    replies = conv.handle_text(ME, "emergency!")
    assert [(r.text, r.buttons) for r in replies] == [("EMERGENCY: call 999 now.", ())]


def test_urgent_answer_offers_no_exercise(conv):
    replies = conv.handle_text(ME, "urgent please")
    assert replies[0].text.startswith("URGENT")
    assert not any(d.startswith("ex:") for d in data(replies))


def test_unsure_answer_offers_known_suggestions_and_the_chosen_topic_is_remembered(conv, storage):
    replies = conv.handle_text(ME, "unsure about this")
    assert data(replies)[:2] == ["topic:reps:1", "topic:fracture:1"]  # the unknown topic is left out
    assert storage.get_question(1).unsure
    topic = conv.handle_button(ME, "topic:fracture:1")
    assert text(topic).startswith("ROUTINE: check with your physio.")  # the topic's triage floor
    assert "Follow your fracture plan." in text(topic) and data(topic) == ["ex:ankle-pumps"]
    assert storage.get_question(1).chosen_topic == "fracture"


def test_topic_button_keeps_the_questions_higher_triage(conv):
    conv.handle_text(ME, "urgent please")
    body = text(conv.handle_button(ME, "topic:reps:1"))
    assert body.startswith("URGENT")


def test_off_topic_is_logged_as_unanswered(conv, storage):
    conv.handle_text(ME, "weather today?")
    assert storage.get_question(1).unsure


def test_feedback_is_stored_and_acknowledged_briefly(conv, storage):
    conv.handle_text(ME, "how many reps")
    up = conv.handle_button(ME, "fb:up:1")
    assert up[0].notice
    conv.handle_button(ME, "fb:down:1")
    assert storage.feedback_for(1) == ["down"]


def test_feedback_on_someone_elses_question_is_refused(conv, storage):
    conv.handle_text(ME, "how many reps")
    assert conv.handle_button(OTHER, "fb:down:1")[0].notice
    assert storage.feedback_for(1) == []


@pytest.mark.parametrize("message", ["😀👍", "   ", "", "?!", "🦶🦶🦶"])
def test_emoji_only_and_empty_text_get_a_friendly_explanation(conv, storage, message):
    replies = conv.handle_text(ME, message)
    assert "questions typed in words" in text(replies)
    assert storage.count_rows(1)["questions"] == 0


@pytest.mark.parametrize("kind", ["photo", "sticker", "voice", "location", "document", "video", "other"])
def test_non_text_messages_say_what_the_bot_understands(conv, kind):
    assert "questions typed in words" in text(conv.handle_other(ME, kind))


def test_huge_message_is_answered(conv, storage):
    replies = conv.handle_text(ME, "reps " * 200_000)
    assert replies[0].text.startswith("Do 10-15 reps.")
    assert len(storage.get_question(1).text) == 500


# ---------------------------------------------------------------- time zone


def test_timezone_without_argument_explains_and_offers_choices(conv):
    replies = conv.handle_command(ME, "timezone")
    assert "Your time zone: UTC" in text(replies)
    assert "tz:Europe/Berlin" in data(replies) and "tz:UTC" in data(replies)


def test_timezone_by_city_and_button(conv, storage):
    assert "Europe/Berlin: it is 13:00 on" in text(conv.handle_command(ME, "timezone", ["berlin"]))
    conv.handle_button(ME, "tz:America/New_York")
    assert storage.get_user(1).timezone == "America/New_York"


def test_an_ambiguous_abbreviation_is_asked_back_with_the_local_time_on_each_button(conv, storage):
    replies = conv.handle_command(ME, "timezone", ["IST"])
    assert "more than one place" in text(replies)
    assert data(replies) == ["tz:Asia/Kolkata", "tz:Europe/Dublin", "tz:Asia/Jerusalem"]
    assert any("Kolkata · 17:30" in b.text for r in replies for b in r.all_buttons())  # clock: 12:00 UTC
    assert storage.get_user(1).timezone == "UTC"  # nothing is set until the person picks
    conv.handle_button(ME, "tz:Asia/Kolkata")
    assert storage.get_user(1).timezone == "Asia/Kolkata"


def test_an_offset_with_minutes_is_kept_and_warned_about_daylight_saving(conv, storage):
    reply = text(conv.handle_command(ME, "timezone", ["utc+5:30"]))
    assert "UTC+05:30: it is 17:30" in reply and "does not follow daylight saving" in reply
    assert storage.get_user(1).timezone == "UTC+05:30"


def test_a_named_zone_gets_no_daylight_saving_warning(conv):
    assert "daylight saving" not in text(conv.handle_command(ME, "timezone", ["est"]))


def test_timezone_nonsense_is_corrected(conv, storage):
    replies = conv.handle_command(ME, "timezone", ["atlantis"])
    assert "don't know a time zone called 'atlantis'" in text(replies) and data(replies)
    assert storage.get_user(1).timezone == "UTC"


def test_timezone_change_reschedules_the_users_reminders(conv, scheduler):
    conv.handle_command(ME, "remind", ["07:30"])
    scheduler.calls.clear()
    conv.handle_command(ME, "timezone", ["London"])
    assert scheduler.calls == [("schedule", 1)]


# ---------------------------------------------------------------- reminders


def test_remind_confirms_the_time_as_hh_mm_and_schedules(conv, storage, scheduler):
    body = text(conv.handle_command(ME, "remind", ["7.30", "mon,wed,fri"]))
    assert "Reminder set: 07:30 on Mon, Wed, Fri (UTC time)" in body
    assert "/timezone" in body  # still on the default zone: say how to change it
    assert scheduler.calls == [("schedule", 1)]
    assert storage.reminders_for(1)[0].days == "024"


def test_remind_without_time_offers_common_times(conv):
    replies = conv.handle_command(ME, "remind")
    assert "remind:07:30" in data(replies)
    assert "Reminder set: 07:30 every day" in text(conv.handle_button(ME, "remind:07:30"))


@pytest.mark.parametrize("args, message", [
    (["25:99"], "hours go from 00 to 23"), (["soon"], "can't read"), (["07:30", "someday"], "someday"),
])
def test_remind_bad_arguments_are_corrected_and_nothing_is_stored(conv, storage, args, message):
    assert message in text(conv.handle_command(ME, "remind", args))
    assert storage.reminders_for(1) == []


def test_reminders_are_listed_with_cancel_buttons(conv, storage, scheduler):
    assert "no reminders" in text(conv.handle_command(ME, "reminders"))
    conv.handle_command(ME, "remind", ["18:00"])
    conv.handle_command(ME, "remind", ["07:30", "weekdays"])
    replies = conv.handle_command(ME, "reminders")
    assert "1. 07:30 on weekdays\n2. 18:00 every day" in text(replies)
    assert data(replies) == ["rem:cancel:2", "rem:cancel:1"]
    assert "Reminder at 07:30 cancelled" in text(conv.handle_button(ME, "rem:cancel:2"))
    assert ("unschedule", 2) in scheduler.calls
    assert "no longer exists" in text(conv.handle_button(ME, "rem:cancel:2"))
    assert "no longer exists" in text(conv.handle_button(OTHER, "rem:cancel:1"))
    assert [r.id for r in storage.reminders_for(1)] == [1]


def test_reminder_limit(conv, storage):
    for hour in range(3):
        assert "Reminder set" in text(conv.handle_command(ME, "remind", [f"{hour:02d}:00"]))
    answer = text(conv.handle_command(ME, "remind", ["11:00"]))
    assert "You already have 3 reminders (00:00 every day, 01:00 every day, 02:00 every day)" in answer
    assert "cancel it in /reminders" in answer and "/remind off" in answer
    assert [r.local_time for r in storage.reminders_for(1)] == ["00:00", "01:00", "02:00"]
    # The same time again changes its days: not a new reminder, so the cap does not stop it.
    assert "Reminder set: 01:00 on weekdays" in text(conv.handle_command(ME, "remind", ["01:00", "weekdays"]))


def test_snooze_schedules_thirty_minutes_later_in_local_time(conv, storage, scheduler, clock):
    conv.handle_command(ME, "timezone", ["Berlin"])
    conv.handle_command(ME, "remind", ["12:30"])
    assert "again at 13:30" in text(conv.handle_button(ME, "snooze:1"))  # 12:00 UTC + 30 min = 13:30 CET
    assert scheduler.calls[-1][:2] == ("snooze", 1)
    assert storage.get_reminder(1).snooze_until == scheduler.calls[-1][2]


def test_snooze_after_done_or_for_others_does_nothing(conv, scheduler):
    conv.handle_command(ME, "remind", ["12:30"])
    assert "no longer exists" in text(conv.handle_button(OTHER, "snooze:1"))
    conv.handle_button(ME, "done:reminder")
    assert "already recorded" in text(conv.handle_button(ME, "snooze:1"))
    assert not any(c[0] == "snooze" for c in scheduler.calls)


def test_reminder_message_offers_routine_done_and_snooze(conv, storage):
    conv.handle_button(ME, "stage:strengthening")
    conv.handle_command(ME, "remind", ["07:30"])
    message = conv.reminder_message(storage.get_reminder(1))
    assert "Strengthening routine" in message.text
    assert data([message]) == ["routine", "done:reminder", "snooze:1", "rem:pause:1", "rem:stop:1"]


def test_without_a_scheduler_reminders_are_explained_not_offered(tiny_kb, storage, answer, clock):
    terminal = Conversation(Services(tiny_kb, storage, answer, clock, scheduler=None))
    assert "/remind" not in text(terminal.handle_command(ME, "help"))
    for command in ("remind", "reminders"):
        assert "through Telegram" in text(terminal.handle_command(ME, command, ["07:30"]))
    assert storage.reminders_for(1) == []


# ---------------------------------------------------------------- privacy and forget


def test_privacy_says_what_is_stored(conv):
    body = text(conv.handle_command(ME, "privacy"))
    assert "questions you type" in body and "/forget" in body
    assert f"deleted after {QUESTIONS_KEPT_DAYS} days" in body


def test_forget_asks_first_and_no_keeps_everything(conv, storage):
    conv.handle_button(ME, "stage:strengthening")
    assert data(conv.handle_command(ME, "forget")) == ["forget:yes", "forget:no"]
    kept = conv.handle_button(ME, "forget:no")
    assert kept[0].edit and storage.get_user(1).stage == "strengthening"


def test_forget_yes_deletes_everything_and_unschedules(conv, storage, scheduler):
    conv.handle_button(ME, "stage:strengthening")
    conv.handle_command(ME, "remind", ["07:30"])
    conv.handle_button(ME, "done:routine")
    conv.handle_text(ME, "how many reps")
    conv.handle_button(ME, "fb:up:1")
    replies = conv.handle_button(ME, "forget:yes")
    assert replies[0].edit and "deleted" in replies[0].text
    assert set(storage.count_rows(1).values()) == {0}
    assert ("unschedule", 1) in scheduler.calls


# ---------------------------------------------------------------- stale and unknown buttons


@pytest.mark.parametrize("button", [
    "", "nonsense", "v9:whatever", "ex:no-such-exercise", "cat:no-such", "stage:no-such", "done:yesterday",
    "topic:no-such", "fb:sideways:1", "fb:up:abc", "tz:Mars/Olympus", "remind:25:99", "rem:delete:1",
    "rem:cancel:x", "snooze:", "snooze:999", "forget:maybe", "fb:up:99999999999999999999999",
])
def test_stale_or_garbled_buttons_get_a_friendly_reply(conv, button):
    replies = conv.handle_button(ME, button)
    assert replies and all(isinstance(r, Reply) for r in replies)
    assert any(phrase in text(replies) for phrase in (STALE, "no longer exists", "Only the person"))


@pytest.mark.parametrize(("command", "args"), [("stage", ["x" * 4000]), ("band", ["y" * 4000]),
                                               ("log", ["z" * 4000]), ("timezone", ["w" * 4000]),
                                               ("q" * 4000, [])])
def test_a_pasted_page_is_not_echoed_back(conv, command, args):
    replies = conv.handle_command(ME, command, args)
    assert all(len(r.text) < 600 for r in replies)


def test_the_reminder_in_a_cast_names_only_early_mobility_and_the_teams_instructions(conv, storage):
    conv.handle_button(ME, "stage:strengthening")
    conv.handle_command(ME, "remind", ["07:30"])
    storage.create_profile(1)
    storage.set_profile_field(1, "support", "cast")
    message = conv.reminder_message(storage.get_reminder(1))
    assert "Early mobility routine" in message.text and "Ankle pumps" in message.text
    assert "Heel raises" not in message.text and "follow your team's instructions" in message.text

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.reminders import (
    ALL_DAYS,
    ReminderInputError,
    describe_days,
    last_occurrence,
    missed_day,
    parse_days,
    parse_time,
)


@pytest.mark.parametrize("text, expected", [
    ("7:30", "07:30"), ("07:30", "07:30"), ("7.30", "07:30"), ("730", "07:30"), ("0730", "07:30"),
    ("7h30", "07:30"), ("7", "07:00"), ("19:05", "19:05"), ("7am", "07:00"), ("7:30pm", "19:30"),
    ("12am", "00:00"), ("12 pm", "12:00"), ("00:00", "00:00"), ("23:59", "23:59"),
])
def test_times_are_read_leniently(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text, message", [
    ("25:99", "hours go from 00 to 23"), ("24:00", "hours go from 00 to 23"), ("7:60", "minutes"),
    ("13pm", "1-12"), ("soon", "can't read"), ("7:3", "can't read"), ("", "can't read"),
])
def test_bad_times_get_a_correction(text, message):
    with pytest.raises(ReminderInputError, match=message):
        parse_time(text)


@pytest.mark.parametrize("words, expected", [
    ([], ALL_DAYS), (["daily"], ALL_DAYS), (["weekdays"], "01234"), (["weekends"], "56"),
    (["mon,wed,fri"], "024"), (["mon", "wed", "fri"], "024"), (["Tuesday", "and", "thursday"], "13"),
    (["mon-fri"], "01234"), (["fri-mon"], "0456"), (["sun"], "6"),
])
def test_days_are_read_in_the_common_forms(words, expected):
    assert parse_days(words) == expected


def test_unknown_day_names_are_refused():
    with pytest.raises(ReminderInputError, match="funday"):
        parse_days(["mon,funday"])


def test_days_are_described_in_words():
    assert describe_days(ALL_DAYS) == "every day"
    assert describe_days("01234") == "on weekdays"
    assert describe_days("024") == "on Mon, Wed, Fri"


def test_last_occurrence_keeps_local_wall_time_across_the_dst_change():
    # Europe/London springs forward on Sunday 30 March 2025: 07:30 is 07:30 UTC before, 06:30 UTC after.
    saturday = last_occurrence("07:30", ALL_DAYS, "Europe/London", datetime(2025, 3, 29, 9, 0, tzinfo=UTC))
    sunday = last_occurrence("07:30", ALL_DAYS, "Europe/London", datetime(2025, 3, 30, 9, 0, tzinfo=UTC))
    assert saturday.astimezone(UTC) == datetime(2025, 3, 29, 7, 30, tzinfo=UTC)
    assert sunday.astimezone(UTC) == datetime(2025, 3, 30, 6, 30, tzinfo=UTC)


def test_last_occurrence_respects_the_days():
    # Monday 10 March 2025, 12:00 UTC; a Wednesday-only reminder last fell due on Wednesday 5 March.
    due = last_occurrence("07:30", "2", "UTC", datetime(2025, 3, 10, 12, 0, tzinfo=UTC))
    assert due.date() == date(2025, 3, 5)


def test_missed_day_only_within_two_hours_and_only_if_not_sent():
    now = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)
    assert missed_day("07:30", ALL_DAYS, "UTC", None, now) == date(2025, 3, 10)
    assert missed_day("07:00", ALL_DAYS, "UTC", None, now) == date(2025, 3, 10)  # exactly 2 hours
    assert missed_day("06:59", ALL_DAYS, "UTC", None, now) is None
    assert missed_day("07:30", ALL_DAYS, "UTC", date(2025, 3, 10), now) is None
    assert missed_day("07:30", ALL_DAYS, "UTC", date(2025, 3, 9), now) == date(2025, 3, 10)
    assert missed_day("09:30", ALL_DAYS, "UTC", None, now) is None  # later today: the job will send it


def test_missed_day_across_midnight_belongs_to_the_day_it_was_due():
    now = datetime(2025, 3, 11, 0, 30, tzinfo=UTC)
    assert missed_day("23:45", ALL_DAYS, "UTC", None, now) == date(2025, 3, 10)
    assert missed_day("23:45", ALL_DAYS, "UTC", None, now + timedelta(hours=3)) is None


def test_a_time_skipped_by_the_spring_change_is_not_due_before_it_really_happens():
    # 01:30 does not exist in London on 30 March 2025 (01:00 GMT -> 02:00 BST); it means 02:30 BST.
    # At 02:20 BST it is not due yet, however the wall-clock digits compare.
    early = last_occurrence("01:30", ALL_DAYS, "Europe/London", datetime(2025, 3, 30, 1, 20, tzinfo=UTC))
    assert early.date() == date(2025, 3, 29)
    later = last_occurrence("01:30", ALL_DAYS, "Europe/London", datetime(2025, 3, 30, 1, 40, tzinfo=UTC))
    assert later.date() == date(2025, 3, 30)


# ---------------------------------------------------------------- next_due: the stored schedule

from bot.reminders import next_due, occurrence  # noqa: E402


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_next_due_keeps_the_local_time_across_the_spring_change():
    """Europe/London, 30 March 2025: 07:30 local is 07:30 UTC on Saturday, 06:30 UTC on Sunday."""
    saturday = next_due("07:30", ALL_DAYS, "Europe/London", _utc("2025-03-29T00:00:00+00:00"))
    sunday = next_due("07:30", ALL_DAYS, "Europe/London", saturday[0], after_day=saturday[1])
    assert saturday == (_utc("2025-03-29T07:30:00+00:00"), date(2025, 3, 29))
    assert sunday == (_utc("2025-03-30T06:30:00+00:00"), date(2025, 3, 30))


def test_a_skipped_wall_time_is_sent_once_just_after_the_jump():
    # Europe/Berlin, 30 March 2025: 02:00 -> 03:00. 02:30 does not exist that night.
    due, day = next_due("02:30", ALL_DAYS, "Europe/Berlin", _utc("2025-03-29T12:00:00+00:00"),
                        after_day=date(2025, 3, 29))
    assert (due, day) == (_utc("2025-03-30T01:30:00+00:00"), date(2025, 3, 30))  # 03:30 CEST
    after = next_due("02:30", ALL_DAYS, "Europe/Berlin", due, after_day=day)
    assert after == (_utc("2025-03-31T00:30:00+00:00"), date(2025, 3, 31))  # back to 02:30 local


def test_a_repeated_wall_time_is_sent_once_at_its_first_occurrence():
    # Europe/Berlin, 26 October 2025: 03:00 -> 02:00. 02:30 happens twice; the first is 00:30 UTC.
    due, day = next_due("02:30", ALL_DAYS, "Europe/Berlin", _utc("2025-10-25T12:00:00+00:00"),
                        after_day=date(2025, 10, 25))
    assert (due, day) == (_utc("2025-10-26T00:30:00+00:00"), date(2025, 10, 26))
    assert next_due("02:30", ALL_DAYS, "Europe/Berlin", due, after_day=day)[1] == date(2025, 10, 27)


def test_next_due_respects_the_days_and_the_day_already_sent():
    monday_noon = _utc("2025-03-10T12:00:00+00:00")
    assert next_due("12:00", ALL_DAYS, "UTC", monday_noon) == (monday_noon, date(2025, 3, 10))
    tomorrow = next_due("12:00", ALL_DAYS, "UTC", monday_noon, after_day=date(2025, 3, 10))
    assert tomorrow[1] == date(2025, 3, 11)
    assert next_due("07:30", "4", "UTC", monday_noon)[1] == date(2025, 3, 14)  # Friday
    assert occurrence("23:30", date(2025, 3, 10), "Asia/Tokyo") == _utc("2025-03-10T14:30:00+00:00")

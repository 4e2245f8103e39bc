"""Issue 4 in the conversation layer and the terminal: what /log reads, how the report is put together
from sessions and changes, and the terminal's /progress, /report and 0-10 pain scale."""

import io
from datetime import date, datetime, timedelta

import pytest

from bot.conversation import Caller, Conversation, Services
from bot.conversation.history import report_rows, sessions_at_current_stage
from bot.conversation.log_input import LOG_MAX_DAYS_BACK, LogInputError, LogRequest, parse_log
from bot.storage import EventRow, SessionRow
from bot.terminal import chat

TODAY = date(2025, 3, 10)  # a Monday
ME = Caller(1, 1)


# ---------------------------------------------------------------- /log arguments


@pytest.mark.parametrize("args, day, pain", [
    ([], TODAY, None),
    (["today"], TODAY, None),
    (["Yesterday"], date(2025, 3, 9), None),
    (["mon"], TODAY, None),  # a weekday is the latest one, today included
    (["sunday", "4"], date(2025, 3, 9), 4),
    (["Tue"], date(2025, 3, 4), None),
    (["2025-03-01"], date(2025, 3, 1), None),
    (["2025-3-1"], date(2025, 3, 1), None),
    (["1.3"], date(2025, 3, 1), None),
    (["01.03."], date(2025, 3, 1), None),
    (["1.3.2025"], date(2025, 3, 1), None),
    (["1.3.25", "10/10"], date(2025, 3, 1), 10),
    (["0"], TODAY, 0),
    (["7", "yesterday"], date(2025, 3, 9), 7),
])
def test_log_reads_days_and_pain_in_either_order(args, day, pain):
    assert parse_log(args, TODAY) == LogRequest(day, pain)


def test_a_day_month_without_year_is_the_latest_such_date_not_in_the_future():
    assert parse_log(["30.12"], date(2026, 1, 5)).day == date(2025, 12, 30)  # across the new year
    with pytest.raises(LogInputError, match="more than 60 days ago"):
        parse_log(["29.2"], date(2025, 3, 10))  # the last 29 February was in 2024


@pytest.mark.parametrize("args, message", [
    (["banana"], "I can't read 'banana'"),
    (["2025-02-30"], "2025-02-30 is not a real date"),
    (["30.2"], "30.2 is not a real date"),
    (["13.13.2025"], "13.13.2025 is not a real date"),
    (["03/09"], "I can't read '03/09'"),  # slashes are ambiguous between countries
    (["tomorrow"], "11 March 2025 is in the future"),
    (["2026-03-10"], "is in the future"),
    (["12"], "Pain goes from 0 (none) to 10"),
    (["-1"], "I can't read '-1'"),
    (["today", "yesterday"], "one day at a time"),
    (["1", "2"], "one pain score"),
])
def test_log_rejects_nonsense_with_examples(args, message):
    with pytest.raises(LogInputError) as error:
        parse_log(args, TODAY)
    assert message in str(error.value)
    assert "/log" in str(error.value)


def test_log_reaches_back_60_days_and_no_further():
    oldest = TODAY - timedelta(days=LOG_MAX_DAYS_BACK)
    assert parse_log([oldest.isoformat()], TODAY).day == oldest
    with pytest.raises(LogInputError, match="more than 60 days ago"):
        parse_log([(oldest - timedelta(days=1)).isoformat()], TODAY)


def test_error_examples_use_dates_that_work_today():
    with pytest.raises(LogInputError) as error:
        parse_log(["banana"], TODAY)
    assert "/log 2025-03-08 or /log 8.3" in str(error.value)
    for example in ("2025-03-08", "8.3"):
        assert parse_log([example], TODAY).day == date(2025, 3, 8)


# ---------------------------------------------------------------- history for the report and the offers


def _session(ident: int, day: date, stamp: str, pain=None, settled=None, source="routine") -> SessionRow:
    return SessionRow(ident, 1, day, pain, settled, source, stamp)


def _event(ident: int, day: date, stamp: str, kind: str, old, new) -> EventRow:
    return EventRow(ident, 1, day, kind, old, new, stamp)


def test_report_rows_carry_the_stage_and_band_at_the_time_of_each_session(tiny_kb):
    events = [_event(1, date(2025, 3, 1), "2025-03-01T08:00:00+00:00", "stage-change", None,
                     "early-mobility"),
              _event(2, date(2025, 3, 3), "2025-03-03T18:00:00+00:00", "stage-change", "early-mobility",
                     "strengthening"),
              _event(3, date(2025, 3, 3), "2025-03-03T18:01:00+00:00", "band-change", None, "red")]
    sessions = [_session(1, date(2025, 3, 2), "2025-03-02T09:00:00+00:00", 2, True),
                _session(2, date(2025, 3, 3), "2025-03-03T09:00:00+00:00", 3, None, "manual"),  # before
                _session(3, date(2025, 3, 4), "2025-03-04T09:00:00+00:00", 1, False, "reminder")]
    rows = report_rows(tiny_kb, sessions, events)
    assert [(r.day.day, r.kind, r.stage, r.band, r.note) for r in rows] == [
        (1, "stage-change", "Early mobility", None, "first set"),
        (2, "session", "Early mobility", None, "done with the day's routine"),
        (3, "session", "Early mobility", None, "added later by hand"),  # in time order within the day
        (3, "stage-change", "Strengthening", None, "from Early mobility"),
        (3, "band-change", None, "red", "first set"),
        (4, "session", "Strengthening", "red", "done from a reminder"),
    ]
    assert [(r.pain, r.settled_by_morning) for r in rows if r.kind == "session"] == [(2, True), (3, None),
                                                                                     (1, False)]


def test_only_sessions_after_the_latest_stage_change_count_towards_the_next_stage():
    events = [_event(1, date(2025, 3, 3), "2025-03-03T12:00:00+00:00", "stage-change", "a", "b"),
              _event(2, date(2025, 3, 4), "2025-03-04T12:00:00+00:00", "band-change", None, "red")]
    sessions = [_session(1, date(2025, 3, 2), "2025-03-02T09:00:00+00:00"),
                _session(2, date(2025, 3, 3), "2025-03-03T09:00:00+00:00"),
                _session(3, date(2025, 3, 3), "2025-03-03T13:00:00+00:00"),
                _session(4, date(2025, 3, 5), "2025-03-05T09:00:00+00:00")]
    assert [s.id for s in sessions_at_current_stage(sessions, events)] == [3, 4]
    assert len(sessions_at_current_stage(sessions, [])) == 4


# ---------------------------------------------------------------- the terminal


@pytest.fixture
def conversation(tiny_kb, storage, answer, clock):
    return Conversation(Services(tiny_kb, storage, answer, clock))


def run_chat(lines: str, conversation: Conversation, tmp_path) -> str:
    out = io.StringIO()
    assert chat(io.StringIO(lines), out, conversation, output_dir=tmp_path) == 0
    return out.getvalue()


def test_terminal_progress_writes_the_png_and_prints_its_path(conversation, storage, tmp_path):
    storage.ensure_user(1, 1)
    storage.record_session(1, TODAY - timedelta(days=1), "routine", 3)
    out = run_chat("/progress\n", conversation, tmp_path)
    path = tmp_path / "progress.png"
    assert f"(picture saved to {path})" in out
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 5_000
    assert "Training days this week: " in out  # no stage chosen: no weekly target yet


def test_terminal_report_writes_the_csv_and_pdf(conversation, tmp_path):
    out = run_chat("/log yesterday 2\n/report\n", conversation, tmp_path)
    csv_path, pdf_path = tmp_path / "ankle-log-2025-03-10.csv", tmp_path / "ankle-log-2025-03-10.pdf"
    assert f"(file saved to {csv_path})" in out and f"(file saved to {pdf_path})" in out
    assert "2025-03-09,session,2,,,,added later by hand" in csv_path.read_text(encoding="utf-8")
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_terminal_pain_scale_is_typed_as_the_score_itself(conversation, storage, tmp_path):
    out = run_chat("/stage strengthening\n/routine\n3\n4\n", conversation, tmp_path)
    assert "  [0] [1] [2] [3] [4] [5]\n  [6] [7] [8] [9] [10]\n" in out
    assert "Noted: pain 4/10 today." in out  # "4" is the score 4, not the fourth button
    assert storage.sessions(1)[0].pain == 4


def test_terminal_settled_question_and_numbers_next_to_a_scale(conversation, storage, clock, tmp_path):
    storage.ensure_user(1, 1)
    storage.record_session(1, TODAY - timedelta(days=1), "routine", 5)
    out = run_chat("/log\n2\n11\n", conversation, tmp_path)
    assert "[1] Yes, it settled\n  [2] No, still sore" in out
    assert "had not settled by the next morning" in out  # "2" pressed "No, still sore"
    assert "Pick one of the numbers shown" in out  # 11 is not on the 0-10 scale now shown
    assert storage.sessions(1)[0].settled_by_morning is False


def test_terminal_lists_the_new_commands_in_help(conversation, tmp_path):
    out = run_chat("/help\n", conversation, tmp_path)
    for name in ("/log", "/progress", "/report", "/band"):
        assert name in out


def test_a_session_logged_at_night_in_auckland_counts_for_the_local_day(conversation, storage, clock):
    clock.now = datetime.fromisoformat("2025-03-10T23:30:00+00:00")  # Tuesday morning in Auckland
    conversation.handle_command(ME, "timezone", ["Pacific/Auckland"])
    conversation.handle_command(ME, "log", ["yesterday", "2"])
    assert storage.sessions(1)[0].local_date == date(2025, 3, 10)


def test_a_session_added_later_for_a_past_day_carries_the_stage_and_band_in_use_when_added(tiny_kb):
    # The stage and band were set at 10:00 on the 5th; "/log yesterday" at 10:05 added the 4th.
    events = [_event(1, date(2025, 3, 5), "2025-03-05T10:00:00+00:00", "stage-change", None, "strengthening"),
              _event(2, date(2025, 3, 5), "2025-03-05T10:01:00+00:00", "band-change", None, "green")]
    added_later = _session(1, date(2025, 3, 4), "2025-03-05T10:05:00+00:00", 2, None, "manual")
    done_before = _session(2, date(2025, 3, 3), "2025-03-03T09:00:00+00:00", 2, None)
    rows = [r for r in report_rows(tiny_kb, [done_before, added_later], events) if r.kind == "session"]
    assert [(r.day.day, r.stage, r.band) for r in rows] == [(3, None, None), (4, "Strengthening", "green")]

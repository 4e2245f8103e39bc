"""The /report files a person sends to their physiotherapist."""

import csv
import re
from datetime import date
from io import StringIO

import pytest

from bot.progress import ReportRow, SessionRecord, render_report_csv, render_report_pdf

HEADER = ["date", "kind", "pain", "settled_by_morning", "stage", "band", "note"]


def sample_rows() -> list[ReportRow]:
    return [
        ReportRow(date(2025, 3, 10), "band-change", band="green", note="20-25 felt easy"),
        ReportRow.from_session(SessionRecord(date(2025, 3, 3), 5, False), stage="early", band="red"),
        ReportRow(date(2025, 3, 12), "stage-change", stage="middle"),
        ReportRow.from_session(
            SessionRecord(date(2025, 3, 9), 2, True), stage="early", band="red", note="ok"
        ),
        ReportRow.from_session(SessionRecord(date(2025, 3, 11), None, None), stage="early", band="green"),
    ]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(StringIO(data.decode("utf-8"))))


def test_csv_has_header_and_one_line_per_event_in_date_order():
    data = render_report_csv(sample_rows())
    lines = data.decode("utf-8").splitlines()
    assert lines[0] == ",".join(HEADER)
    assert len(lines) == 1 + len(sample_rows())
    dates = [line.split(",")[0] for line in lines[1:]]
    assert dates == ["2025-03-03", "2025-03-09", "2025-03-10", "2025-03-11", "2025-03-12"]


def test_csv_cells_are_readable_for_a_physio():
    table = read_csv(render_report_csv(sample_rows()))
    assert table[1] == ["2025-03-03", "session", "5", "no", "early", "red", ""]
    assert table[2] == ["2025-03-09", "session", "2", "yes", "early", "red", "ok"]
    assert table[3] == ["2025-03-10", "band-change", "", "", "", "green", "20-25 felt easy"]
    assert table[4][2:4] == ["", ""]  # no score, not asked yet


def test_csv_with_no_events_is_just_the_header():
    assert read_csv(render_report_csv([])) == [HEADER]


def test_csv_keeps_user_notes_on_one_line_and_unicode_intact():
    row = ReportRow(date(2025, 3, 1), "session", 3, True, note='Knöchel, "steif"\nam Morgen')
    table = read_csv(render_report_csv([row]))
    assert len(render_report_csv([row]).decode("utf-8").splitlines()) == 2
    assert table[1][-1] == 'Knöchel, "steif" am Morgen'


def test_csv_notes_cannot_become_spreadsheet_formulas():
    row = ReportRow(date(2025, 3, 1), "session", 3, True, note='=HYPERLINK("http://x")')
    assert read_csv(render_report_csv([row]))[1][-1].startswith("'=")


def test_unknown_row_kind_is_rejected():
    with pytest.raises(ValueError):
        ReportRow(date(2025, 3, 1), "workout")


def test_pdf_report_is_an_overview_page_with_the_chart_and_advice_then_the_table():
    many = [ReportRow(date(2025, 1, 1 + i % 28), "session", i % 11, i % 2 == 0) for i in range(120)]
    history = [SessionRecord(date(2025, 3, 20 + i), 2, True) for i in range(8)]
    pdf = render_report_pdf(many, date(2025, 3, 28), history)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 2
    assert b"/Subtype /Image" in pdf  # the chart


def test_pdf_overview_states_the_advice_given_now():
    from bot.progress.report import _overview_page

    history = [SessionRecord(date(2025, 3, 27), 9, False)]
    page = _overview_page([], [9], date(2025, 3, 28), history, "log")
    assert any("physio or doctor" in t.get_text() for t in page.texts)


def test_pdf_report_with_no_events_still_renders():
    assert render_report_pdf([], date(2025, 3, 28)).startswith(b"%PDF")


def test_pdf_overview_has_the_injury_profile_line_when_there_is_one():
    from bot.progress.report import _overview_page

    line = "Right ankle, fracture, about 5 weeks ago, in a boot"
    page = _overview_page([], [], date(2025, 3, 28), [], "log", injury=line)
    assert any(f"Injury (from the person's profile): {line}." in t.get_text() for t in page.texts)
    without = _overview_page([], [], date(2025, 3, 28), [], "log")
    assert not any("Injury" in t.get_text() for t in without.texts)
    assert render_report_pdf([], date(2025, 3, 28), injury=line).startswith(b"%PDF")

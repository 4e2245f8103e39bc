"""The /report file for the physiotherapist: a CSV of every event, and a one-page PDF overview."""

from __future__ import annotations

import csv
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO, StringIO

import matplotlib.image
from matplotlib.backends.backend_pdf import FigureCanvasPdf, PdfPages
from matplotlib.figure import Figure

from bot.progress.chart import progress_figure
from bot.progress.model import SessionRecord
from bot.progress.rules import advise

KIND_SESSION = "session"
KIND_STAGE_CHANGE = "stage-change"
KIND_BAND_CHANGE = "band-change"
REPORT_KINDS = (KIND_SESSION, KIND_STAGE_CHANGE, KIND_BAND_CHANGE)

CSV_COLUMNS = ("date", "kind", "pain", "settled_by_morning", "stage", "band", "note")

# Spreadsheets run cells that start with these as formulas; user-typed notes must stay plain text.
_FORMULA_PREFIXES = ("=", "+", "-", "@")


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One event in the report. stage/band: the stage or band at that time (or the new one, for a change)."""

    day: date
    kind: str  # one of REPORT_KINDS
    pain: int | None = None
    settled_by_morning: bool | None = None
    stage: str | None = None
    band: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in REPORT_KINDS:
            raise ValueError(f"unknown report row kind {self.kind!r}; expected one of {list(REPORT_KINDS)}")

    @classmethod
    def from_session(
        cls, record: SessionRecord, stage: str | None = None, band: str | None = None, note: str = ""
    ) -> ReportRow:
        return cls(record.day, KIND_SESSION, record.pain, record.settled, stage, band, note)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _one_line(value: str | None) -> str:
    # One line per event keeps the file easy to scan.
    return " ".join(value.split()) if value else ""


def _defuse_formula(text: str) -> str:
    # A leading quote makes spreadsheets show the cell as text instead of running it.
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _cells(row: ReportRow, for_spreadsheet: bool = True) -> list[str]:
    def text(value: str | None) -> str:
        line = _one_line(value)
        return _defuse_formula(line) if for_spreadsheet else line

    return [
        row.day.isoformat(),
        row.kind,
        "" if row.pain is None else str(row.pain),
        _yes_no(row.settled_by_morning),
        text(row.stage),
        text(row.band),
        text(row.note),
    ]


def _sorted(rows: Iterable[ReportRow]) -> list[ReportRow]:
    # Stable: events on the same day keep the order they were given in (the order they happened).
    return sorted(rows, key=lambda r: r.day)


def render_report_csv(rows: Iterable[ReportRow]) -> bytes:
    """UTF-8 CSV with a header and one line per event, oldest first."""
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_cells(row) for row in _sorted(rows))
    return out.getvalue().encode("utf-8")


# --- One-page PDF ---------------------------------------------------------------------------------
PDF_MAX_ROWS = 40  # what fits legibly on one A4 page; older rows are in the CSV
_A4_INCHES = (8.27, 11.69)
_NOTE_CHARS = 38


def _pdf_cells(row: ReportRow) -> list[str]:
    cells = _cells(row, for_spreadsheet=False)
    note = cells[-1]
    cells[-1] = note if len(note) <= _NOTE_CHARS else note[: _NOTE_CHARS - 1] + "…"
    return cells


def render_report_pdf(
    rows: Sequence[ReportRow], today: date, history: Sequence[SessionRecord] = (),
    title: str = "Ankle rehabilitation log", injury: str | None = None,
) -> bytes:
    """A two-page A4 PDF: counts, the advice given now and the last 4 weeks' chart, then a table of the
    most recent events (the CSV has them all). injury: the injury profile in plain words, as a line of
    the overview ("Right ankle, fracture, about 5 weeks ago, in a boot")."""
    ordered = _sorted(rows)
    sessions = [r for r in ordered if r.kind == KIND_SESSION]
    pains = [r.pain for r in sessions if r.pain is not None]
    shown = ordered[-PDF_MAX_ROWS:]
    buffer = BytesIO()
    with PdfPages(buffer, metadata={"Creator": "ankle-bot", "CreationDate": None}) as pdf:
        pdf.savefig(_overview_page(sessions, pains, today, history, title, injury))
        pdf.savefig(_table_page(ordered, shown))
    return buffer.getvalue()


def _overview_page(sessions: list[ReportRow], pains: list[int], today: date,
                   history: Sequence[SessionRecord], title: str, injury: str | None = None) -> Figure:
    fig = Figure(figsize=_A4_INCHES)
    FigureCanvasPdf(fig)
    fig.text(0.06, 0.955, title, fontsize=18, weight="bold")
    lines = [
        f"Made on {today.isoformat()}. Sessions logged: {len(sessions)}"
        + (f" ({sessions[0].day.isoformat()} to {sessions[-1].day.isoformat()})." if sessions else "."),
        f"Average pain during exercise: {sum(pains) / len(pains):.1f}/10 over {len(pains)} scored sessions."
        if pains
        else "No pain scores logged.",
        "Pain is scored 0-10 during the exercises; \"settled\" means it had settled by the next morning.",
    ]
    if injury:
        lines.insert(0, f"Injury (from the person's profile): {injury}.")
    if history:
        lines += ["", "Advice the bot gives now (pain-monitoring model):",
                  *textwrap.wrap(advise(history).text, 95)]
    fig.text(0.06, 0.935, "\n".join(lines), fontsize=10, va="top", linespacing=1.5)
    if history:
        chart = progress_figure(history, today)
        chart_png = BytesIO()
        chart.savefig(chart_png, format="png", dpi=110)
        chart_png.seek(0)
        ax = fig.add_axes((0.1, 0.04, 0.8, 0.62))
        ax.imshow(matplotlib.image.imread(chart_png, format="png"))
        ax.set_axis_off()
    return fig


def _table_page(ordered: list[ReportRow], shown: list[ReportRow]) -> Figure:
    fig = Figure(figsize=_A4_INCHES)
    FigureCanvasPdf(fig)
    fig.text(0.06, 0.955, "Every event, oldest first", fontsize=14, weight="bold")
    if len(ordered) > len(shown):
        fig.text(0.06, 0.935, f"The latest {len(shown)} of {len(ordered)} events; the CSV has all of them.",
                 fontsize=10, va="top")

    ax = fig.add_axes((0.06, 0.04, 0.88, 0.78))
    ax.set_axis_off()
    if shown:
        table = ax.table(
            cellText=[_pdf_cells(r) for r in shown],
            colLabels=["date", "kind", "pain", "settled", "stage", "band", "note"],
            colWidths=[0.13, 0.13, 0.06, 0.08, 0.14, 0.09, 0.37],
            loc="upper center",
            cellLoc="left",
        )
        table.auto_set_font_size(False)
        table.set_fontsize(8.5)
        table.scale(1, 1.25)
    else:
        ax.text(0.5, 0.9, "Nothing logged yet.", ha="center", fontsize=12)
    return fig

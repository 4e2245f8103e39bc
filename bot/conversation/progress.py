"""/progress (a chart of the last 4 weeks) and /report (files for the physiotherapist)."""

from __future__ import annotations

from functools import partial

from bot.progress import progress_summary, render_progress_png, render_report_csv, render_report_pdf

from .context import Services
from .history import records, report_rows
from .replies import Caller, Document, Reply

CHART_DAYS = 28
HOW_TO_LOG = "After your routine tap Done, or log a session with /log (e.g. /log yesterday 3)."


def progress_command(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    today = s.today(user)
    history = records(s.storage.sessions(user.user_id))
    summary = progress_summary(history, today)
    if not history:
        summary = f"{summary}\n\n{HOW_TO_LOG}"
    # The chart is sent even when empty: it shows where the progress will appear.
    return [Reply(summary, photo=partial(render_progress_png, history, today, days=CHART_DAYS))]


def report_command(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    today = s.today(user)
    sessions = s.storage.sessions(user.user_id)
    rows = report_rows(s.kb, sessions, s.storage.events(user.user_id), user.stage, user.band_colour)
    if not rows:
        return [Reply(f"Nothing logged yet, so there is no report to send. {HOW_TO_LOG}")]
    scored = sum(1 for row in sessions if row.pain is not None)
    name = f"ankle-log-{today.isoformat()}"
    caption = (f"Your log for your physio: {len(sessions)} session(s), {scored} with a pain score, and your "
               "stage and band changes. The CSV opens in any spreadsheet; the PDF is a one-page overview.")
    return [Reply(caption, document=Document(f"{name}.csv", partial(render_report_csv, rows))),
            Reply("The same log on one page (PDF).",
                  document=Document(f"{name}.pdf",
                                    partial(render_report_pdf, rows, today, records(sessions))))]

"""/progress (a chart of the last 4 weeks) and /report (files for the physiotherapist)."""

from __future__ import annotations

import math
from datetime import timedelta
from functools import partial

from bot.progress import progress_summary, render_progress_png, render_report_csv, render_report_pdf

from . import profile
from .context import Services
from .history import records, report_rows
from .replies import Caller, Document, Reply

CHART_DAYS = 28
HOW_TO_LOG = "After your routine tap Done, or log a session with /log (e.g. /log yesterday 3)."
# Drawing a chart or a PDF costs a few hundred milliseconds of the machine everyone shares; nobody
# needs more than a few a minute. Counted in the database, so a restart does not reset it.
DRAWINGS_PER_MINUTE = 3
_MINUTE = timedelta(minutes=1)
_NAMES = {"progress": ("chart", "charts"), "report": ("report", "reports")}


def _over_limit(s: Services, user_id: int, kind: str) -> list[Reply] | None:
    """The friendly refusal when the person asked for too many drawings of `kind` this minute."""
    wait = s.storage.take_request_slot(user_id, kind, DRAWINGS_PER_MINUTE, _MINUTE)
    if wait is None:
        return None
    one, many = _NAMES[kind]
    seconds = math.ceil(wait.total_seconds())
    return [Reply(f"You've asked for {DRAWINGS_PER_MINUTE} {many} in the last minute, which is as many as I "
                  f"draw per minute. Please try /{kind} again in about {seconds} seconds: your log is "
                  f"safe, and the next {one} will include everything.")]


def progress_command(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    refused = _over_limit(s, user.user_id, "progress")
    if refused:
        return refused
    today = s.today(user)
    history = records(s.storage.sessions(user.user_id))
    stage = s.kb.stages.get(user.stage or "")
    target = stage.target if stage else None
    summary = progress_summary(history, today, target)
    if not history:
        summary = f"{summary}\n\n{HOW_TO_LOG}"
    # The chart is sent even when empty: it shows where the progress will appear.
    chart = partial(render_progress_png, history, today, days=CHART_DAYS, target=target)
    return [Reply(summary, photo=chart)]


def report_command(s: Services, caller: Caller) -> list[Reply]:
    user = s.user(caller)
    today = s.today(user)
    sessions = s.storage.sessions(user.user_id)
    rows = report_rows(s.kb, sessions, s.storage.events(user.user_id), user.stage, user.band_colour)
    if not rows:
        return [Reply(f"Nothing logged yet, so there is no report to send. {HOW_TO_LOG}")]
    refused = _over_limit(s, user.user_id, "report")
    if refused:
        return refused
    scored = sum(1 for row in sessions if row.pain is not None)
    name = f"ankle-log-{today.isoformat()}"
    injury = profile.describe(s.storage.get_profile(user.user_id), today)  # "Right ankle, fracture, ..."
    caption = (f"Your log for your physio: {len(sessions)} session(s), {scored} with a pain score, and your "
               "stage and band changes. The CSV opens in any spreadsheet; the PDF is a one-page overview.")
    if injury:
        caption += f"\nInjury (from your profile): {injury}."
    return [Reply(caption, document=Document(f"{name}.csv", partial(render_report_csv, rows))),
            Reply("The same log on one page (PDF).",
                  document=Document(f"{name}.pdf",
                                    partial(render_report_pdf, rows, today, records(sessions),
                                            injury=injury)))]

"""Progress people can see (issue 4): pain log model, adaptation rules, chart and physio report.

Platform-neutral: plain data in, plain data out; the conversation layer and storage wire it up.
"""

from bot.progress.chart import progress_summary, render_progress_png
from bot.progress.model import (
    ADVICE_LEVELS,
    LEVEL_ACCEPTABLE,
    LEVEL_EASE_OFF,
    LEVEL_FINE,
    LEVEL_SEE_PROFESSIONAL,
    TRIAGE_NONE,
    TRIAGE_ROUTINE,
    Advice,
    SessionRecord,
)
from bot.progress.report import (
    CSV_COLUMNS,
    KIND_BAND_CHANGE,
    KIND_SESSION,
    KIND_STAGE_CHANGE,
    ReportRow,
    render_report_csv,
    render_report_pdf,
)
from bot.progress.rules import (
    BAND_COLOURS,
    advise,
    band_advice,
    day_plan,
    next_band,
    next_stage,
    settled_question_due,
    should_ask_about_band,
    should_offer_stage,
    stage_progression_due,
    training_days_in_week,
    week_start,
    weeks_on_target,
)

__all__ = [
    "ADVICE_LEVELS",
    "BAND_COLOURS",
    "CSV_COLUMNS",
    "KIND_BAND_CHANGE",
    "KIND_SESSION",
    "KIND_STAGE_CHANGE",
    "LEVEL_ACCEPTABLE",
    "LEVEL_EASE_OFF",
    "LEVEL_FINE",
    "LEVEL_SEE_PROFESSIONAL",
    "TRIAGE_NONE",
    "TRIAGE_ROUTINE",
    "Advice",
    "ReportRow",
    "SessionRecord",
    "advise",
    "band_advice",
    "next_band",
    "next_stage",
    "progress_summary",
    "render_progress_png",
    "render_report_csv",
    "render_report_pdf",
    "settled_question_due",
    "should_ask_about_band",
    "should_offer_stage",
    "stage_progression_due",
    "day_plan",
    "training_days_in_week",
    "week_start",
    "weeks_on_target",
]

"""A person's logged history, from storage rows to the progress module's plain data.

Sessions and stage/band changes are ordered by day, and within a day by when they were stored, so
"the stage at the time of a session" and "the sessions at the current stage" are well defined.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge import KnowledgeBase
from bot.progress import KIND_BAND_CHANGE, KIND_STAGE_CHANGE, ReportRow, SessionRecord
from bot.storage import EventRow, SessionRow

SOURCE_NOTES = {
    "routine": "done with the day's routine",
    "reminder": "done from a reminder",
    "manual": "added later by hand",
}


def record(row: SessionRow) -> SessionRecord:
    return SessionRecord(row.local_date, row.pain, row.settled_by_morning)


def records(rows: Sequence[SessionRow]) -> list[SessionRecord]:
    return [record(row) for row in rows]


def _before(event: EventRow, session: SessionRow) -> bool:
    """Did the change happen before the session? Same day: whichever was stored first."""
    return (event.local_date, event.created_at) <= (session.local_date, session.created_at)


def sessions_at_current_stage(rows: Sequence[SessionRow], events: Sequence[EventRow]) -> list[SessionRow]:
    """The sessions since the latest stage change: a new stage starts a new count towards the next."""
    changes = [e for e in events if e.kind == KIND_STAGE_CHANGE]
    if not changes:
        return list(rows)
    latest = changes[-1]
    return [row for row in rows if _before(latest, row)]


def _stage_name(kb: KnowledgeBase, stage_id: str | None) -> str | None:
    if stage_id is None:
        return None
    stage = kb.stages.get(stage_id)
    return stage.name if stage else stage_id


def _at_the_time(kind: str, session: SessionRow, events: Sequence[EventRow], now: str | None) -> str | None:
    """The stage or band in use at a session: the latest change before it. A session added later for
    a past day (/log yesterday) gets what was in use when it was added; one done before the first
    change gets what that change changed from; with no change at all, what is in use now."""
    changes = [e for e in events if e.kind == kind]
    earlier = [e for e in changes if _before(e, session)]
    if earlier:
        return earlier[-1].new
    if not changes:
        return now
    stored_before = [e for e in changes if e.created_at <= session.created_at]
    return stored_before[-1].new if stored_before else changes[0].old


def report_rows(kb: KnowledgeBase, rows: Sequence[SessionRow], events: Sequence[EventRow],
                stage_now: str | None = None, band_now: str | None = None) -> list[ReportRow]:
    """Every session (with the stage and band at the time) and every stage or band change, in the order
    they happened: by day, then by when they were stored."""
    report: list[tuple[tuple, ReportRow]] = []
    for event in events:
        if event.kind not in (KIND_STAGE_CHANGE, KIND_BAND_CHANGE):
            continue
        stage_change = event.kind == KIND_STAGE_CHANGE
        old = _stage_name(kb, event.old) if stage_change else event.old
        new = _stage_name(kb, event.new) if stage_change else event.new
        note = f"from {old}" if old else "first set"
        report.append(((event.local_date, event.created_at),
                       ReportRow(event.local_date, event.kind, stage=new if stage_change else None,
                                 band=None if stage_change else new, note=note)))
    for row in rows:
        stage = _at_the_time(KIND_STAGE_CHANGE, row, events, stage_now)
        band = _at_the_time(KIND_BAND_CHANGE, row, events, band_now)
        report.append(((row.local_date, row.created_at),
                       ReportRow.from_session(record(row), stage=_stage_name(kb, stage), band=band,
                                              note=SOURCE_NOTES.get(row.source, row.source))))
    return [item for _, item in sorted(report, key=lambda pair: pair[0])]

"""The /progress photo and the text sent with it."""

from datetime import date, timedelta
from io import BytesIO

import matplotlib.image

from bot.knowledge import WeeklyTarget
from bot.progress import SessionRecord, progress_summary, render_progress_png

TODAY = date(2025, 3, 28)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def four_weeks_of_sessions() -> list[SessionRecord]:
    return [SessionRecord(TODAY - timedelta(days=i), (i * 3) % 8, True) for i in range(28) if i % 4 != 3]


def decode(png: bytes):
    return matplotlib.image.imread(BytesIO(png), format="png")


def test_chart_is_a_valid_phone_sized_png_of_sensible_size():
    png = render_progress_png(four_weeks_of_sessions(), TODAY)
    assert png.startswith(PNG_SIGNATURE)
    assert 5_000 < len(png) < 400_000
    height, width = decode(png).shape[:2]
    assert 1000 <= width <= 1280  # sharp on a current phone; Telegram keeps up to 1280 px
    assert height >= width  # portrait, for a phone screen


def test_chart_with_no_sessions_still_renders():
    png = render_progress_png([], TODAY)
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) < 400_000
    height, width = decode(png).shape[:2]
    assert width >= 500 and height >= 500


def test_chart_draws_the_sessions_it_is_given():
    # A bare "no sessions" page and a chart with data must not look the same.
    empty = decode(render_progress_png([], TODAY))
    full = decode(render_progress_png(four_weeks_of_sessions(), TODAY))
    assert empty.shape == full.shape
    assert abs(float(full.mean()) - float(empty.mean())) > 0.01


def test_chart_ignores_sessions_older_than_the_window():
    old_only = [SessionRecord(TODAY - timedelta(days=40), 2, True)]
    assert decode(render_progress_png(old_only, TODAY)).shape == decode(render_progress_png([], TODAY)).shape


def test_summary_counts_sessions_average_pain_weeks_on_target_and_advice():
    sessions = [
        SessionRecord(TODAY, 2, None),
        SessionRecord(TODAY - timedelta(days=1), 4, True),
        SessionRecord(TODAY - timedelta(days=10), 6, True),
        SessionRecord(TODAY - timedelta(days=40), 9, True),
    ]
    summary = progress_summary(sessions, TODAY)
    assert "2 in the last 7 days" in summary
    assert "3 in the last 28 days" in summary
    assert "4.0/10" in summary
    assert "Training days this week:" in summary  # no stage, no target
    assert "safe range" in summary  # the latest session's advice
    with_target = progress_summary(sessions, TODAY, WeeklyTarget(2, 2, 1, True))
    assert "(your target: 2 days a week)" in with_target
    assert "Weeks on target in a row:" in with_target


def test_summary_without_sessions_says_so():
    assert "No sessions logged yet" in progress_summary([], TODAY)


def test_the_pain_zones_are_explained_in_a_legend():
    from bot.progress.chart import progress_figure

    pain_axes = progress_figure(four_weeks_of_sessions(), TODAY).axes[1]
    labels = [text.get_text() for text in pain_axes.get_legend().get_texts()]
    assert labels == ["0-3 safe", "4-5 OK if settled", "6-10 too much"]


def test_a_single_session_fills_the_sessions_axis():
    from bot.progress.chart import progress_figure

    sessions_axes = progress_figure([SessionRecord(TODAY, 2, True)], TODAY).axes[0]
    assert sessions_axes.get_ylim()[1] < 1.5  # the axis goes to 1, not 2, for one session a day

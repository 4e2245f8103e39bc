"""The /progress chart (PNG) and its short text summary.

Uses matplotlib's object-oriented API with the Agg canvas and never pyplot, so there is no global
figure state and charts can be rendered from several threads at once. Fonts are set per call, not
through rcParams, for the same reason.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.progress.model import PAIN_MAX, PAIN_MIN, SessionRecord
from bot.progress.rules import (
    PAIN_ACCEPTABLE_MAX,
    PAIN_SAFE_MAX,
    TargetLike,
    advise,
    training_days_in_week,
    weeks_on_target,
)

# Portrait and large type: the chart is viewed as a photo on a phone screen (1080 x 1260 px, sharp on
# a current phone's 1080-pixel-wide display; Telegram keeps photos up to 1280 px on the long side).
FIGSIZE_INCHES = (6.0, 7.0)
DPI = 180
TITLE_SIZE = 17
LABEL_SIZE = 14
TICK_SIZE = 12

SESSION_COLOUR = "#3b7dd8"
PAIN_COLOUR = "#c0392b"
# Background bands for the pain-monitoring zones: safe, acceptable if settled, too much.
ZONE_COLOURS = ("#2ecc71", "#f1c40f", "#e74c3c")
ZONE_LABELS = ("0-3 safe", "4-5 OK if settled", "6-10 too much")
ZONE_ALPHA = 0.13


def _window(sessions: Sequence[SessionRecord], today: date, days: int) -> list[SessionRecord]:
    start = today - timedelta(days=days - 1)
    return [s for s in sessions if start <= s.day <= today]


def _weeks_text(weeks: int) -> str:
    return f"{weeks} week{'' if weeks == 1 else 's'} on target"


def target_text(target: TargetLike) -> str:
    """'3 days a week', '5-7 days a week' (the weekly target in words)."""
    days = (str(target.days_min) if target.days_min == target.days_max
            else f"{target.days_min}-{target.days_max}")
    return f"{days} day{'' if days == '1' else 's'} a week"


def _period_text(days: int) -> str:
    return "4 weeks" if days == 28 else f"{days} days"


def _day_ticks(ax: Axes, today: date, days: int) -> None:
    """Label one day a week, counted back from today, so the latest day is always labelled."""
    positions = list(range(days - 1, -1, -7))[::-1]
    labels = [(today - timedelta(days=days - 1 - p)).strftime("%d %b") for p in positions]
    labels[-1] = "today"
    ax.set_xticks(positions, labels, fontsize=TICK_SIZE)
    ax.set_xlim(-0.7, days - 0.3)


def _draw_sessions(ax: Axes, window: list[SessionRecord], today: date, days: int) -> None:
    per_day = Counter((today - s.day).days for s in window)
    xs = list(range(days))
    counts = [per_day.get(days - 1 - x, 0) for x in xs]
    ax.bar(xs, counts, color=SESSION_COLOUR, width=0.75)
    ax.set_title("Sessions per day", fontsize=LABEL_SIZE, loc="left")
    ax.set_ylim(0, max(1, max(counts)) + 0.3)  # a day with one session reaches the top, not half-way
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", labelsize=TICK_SIZE)
    ax.grid(axis="y", alpha=0.3)


def _draw_pain(ax: Axes, window: list[SessionRecord], today: date, days: int) -> None:
    zones = (
        (PAIN_MIN, PAIN_SAFE_MAX),
        (PAIN_SAFE_MAX + 1, PAIN_ACCEPTABLE_MAX),
        (PAIN_ACCEPTABLE_MAX + 1, PAIN_MAX),
    )
    for (low, high), colour, label in zip(zones, ZONE_COLOURS, ZONE_LABELS, strict=True):
        ax.axhspan(low - 0.5, high + 0.5, color=colour, alpha=ZONE_ALPHA * 2, linewidth=0, label=label)

    scores: dict[int, list[int]] = defaultdict(list)
    for s in window:
        if s.pain is not None:
            scores[days - 1 - (today - s.day).days].append(s.pain)
    if scores:
        # The line follows each day's highest score: the cautious reading when a day has several.
        xs = sorted(scores)
        ax.plot(xs, [max(scores[x]) for x in xs], color=PAIN_COLOUR, linewidth=2)
        point_xs = [x for x in xs for _ in scores[x]]
        point_ys = [p for x in xs for p in scores[x]]
        ax.scatter(point_xs, point_ys, color=PAIN_COLOUR, s=45, zorder=3)
    else:
        ax.text(
            days / 2, 5, "No pain scores yet", ha="center", va="center", fontsize=LABEL_SIZE, color="grey"
        )

    # The zones explained, above the chart so no score hides behind the legend.
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, fontsize=TICK_SIZE - 1, frameon=False,
              handlelength=1.0, columnspacing=1.0, borderaxespad=0.2)
    ax.set_title("Pain during exercise (0-10)", fontsize=LABEL_SIZE, loc="left", pad=26)
    ax.set_ylim(PAIN_MIN - 0.5, PAIN_MAX + 0.5)
    ax.set_yticks(range(PAIN_MIN, PAIN_MAX + 1, 2))
    ax.tick_params(axis="y", labelsize=TICK_SIZE)


def _draw_empty(fig: Figure, message: str) -> None:
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.55, message, ha="center", va="center", fontsize=TITLE_SIZE)
    ax.text(
        0.5,
        0.45,
        "Log a session after your routine\nand your progress will show here.",
        ha="center",
        va="center",
        fontsize=LABEL_SIZE,
        color="grey",
    )


def render_progress_png(sessions: Sequence[SessionRecord], today: date, days: int = 28,
                        target: TargetLike | None = None) -> bytes:
    """A phone-readable PNG of the last `days` days: sessions per day, pain scores and the weeks on
    target (with a stage's weekly target)."""
    fig = progress_figure(sessions, today, days, target)
    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def progress_figure(sessions: Sequence[SessionRecord], today: date, days: int = 28,
                    target: TargetLike | None = None) -> Figure:
    if days < 1:
        raise ValueError(f"days must be at least 1, got {days}")
    window = _window(sessions, today, days)
    fig = Figure(figsize=FIGSIZE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    title = f"Last {_period_text(days)}"
    if target is not None:
        title += f" · {_weeks_text(weeks_on_target((s.day for s in sessions), today, target))}"
    fig.suptitle(title, fontsize=TITLE_SIZE)
    if not window:
        _draw_empty(
            fig, "No sessions logged yet" if not sessions else f"No sessions in the last {_period_text(days)}"
        )
    else:
        ax_sessions, ax_pain = fig.subplots(2, 1, sharex=True, height_ratios=(1, 1.4))
        _draw_sessions(ax_sessions, window, today, days)
        _draw_pain(ax_pain, window, today, days)
        _day_ticks(ax_pain, today, days)
    return fig


def progress_summary(sessions: Sequence[SessionRecord], today: date, target: TargetLike | None = None) -> str:
    """A few lines to send with the chart: counts, this week against the stage's weekly target, the
    weeks on target in a row, average pain and the latest advice."""
    past = [s for s in sessions if s.day <= today]
    if not past:
        return "No sessions logged yet. Log one after your next routine and your progress will show here."
    last_week = _window(past, today, 7)
    last_month = _window(past, today, 28)
    pains = [s.pain for s in last_month if s.pain is not None]
    this_week = len(training_days_in_week((s.day for s in past), today))
    lines = [f"Sessions: {len(last_week)} in the last 7 days, {len(last_month)} in the last 28 days."]
    if target is not None:
        weeks = weeks_on_target((s.day for s in past), today, target)
        lines += [f"This week: {this_week} training day{'' if this_week == 1 else 's'} "
                  f"(your target: {target_text(target)}).",
                  f"Weeks on target in a row: {weeks}."]
    else:
        lines.append(f"Training days this week: {this_week}.")
    lines += [
        f"Average pain (last 28 days): {sum(pains) / len(pains):.1f}/10."
        if pains
        else "No pain scores in the last 28 days.",
        advise(past).text,
    ]
    return "\n".join(lines)

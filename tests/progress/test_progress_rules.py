"""The adaptation rules at their boundaries, as a person logging sessions would meet them."""

from datetime import date, timedelta

import pytest

from bot.knowledge import WeeklyTarget
from bot.progress import (
    BAND_COLOURS,
    SessionRecord,
    advise,
    band_advice,
    day_plan,
    next_band,
    next_stage,
    settled_question_due,
    should_ask_about_band,
    should_offer_stage,
    stage_progression_due,
    week_start,
    weeks_on_target,
)

TODAY = date(2025, 3, 28)  # a Friday
MONDAY = date(2025, 3, 24)
STRENGTH = WeeklyTarget(days_min=3, days_max=3, sessions_per_day=1, rest_day_between=True)
MOBILITY = WeeklyTarget(days_min=5, days_max=7, sessions_per_day=2, rest_day_between=False)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def one_session(pain: int | None, settled: bool | None = None) -> list[SessionRecord]:
    return [SessionRecord(TODAY, pain, settled)]


# --- advise: pain-monitoring model -----------------------------------------------------------------


@pytest.mark.parametrize("pain", [0, 3])
def test_pain_0_to_3_is_fine_and_does_not_hold_progression(pain):
    advice = advise(one_session(pain))
    assert advice.level == "fine"
    assert not advice.hold_progression
    assert advice.triage == "none"


def test_pain_4_settled_by_morning_is_acceptable():
    advice = advise(one_session(4, settled=True))
    assert advice.level == "acceptable"
    assert not advice.hold_progression


def test_pain_5_with_morning_unknown_is_acceptable_with_a_reminder_to_check():
    advice = advise(one_session(5, settled=None))
    assert advice.level == "acceptable"
    assert "tomorrow morning" in advice.text


@pytest.mark.parametrize("pain", [4, 5])
def test_pain_4_or_5_not_settled_means_ease_off_and_hold(pain):
    advice = advise(one_session(pain, settled=False))
    assert advice.level == "ease-off"
    assert advice.hold_progression
    assert advice.triage == "none"
    assert "lighter band" in advice.text


def test_boundary_5_vs_6_even_when_settled():
    assert advise(one_session(5, settled=True)).level == "acceptable"
    six = advise(one_session(6, settled=True))
    assert six.level == "ease-off"
    assert six.hold_progression


def test_boundary_7_vs_8_routine_triage():
    seven = advise(one_session(7))
    assert seven.level == "ease-off"
    assert seven.triage == "none"
    eight = advise(one_session(8))
    assert eight.level == "see-professional"
    assert eight.triage == "routine"
    assert eight.hold_progression
    assert "physio or doctor" in eight.text


def test_advice_follows_the_latest_scored_session_not_the_input_order():
    sessions = [
        SessionRecord(days_ago(0), 2),
        SessionRecord(days_ago(3), 6),
        SessionRecord(days_ago(1), None),
    ]
    assert advise(sessions).level == "fine"


def test_pain_rising_over_three_sessions_triggers_routine_triage():
    sessions = [
        SessionRecord(days_ago(2), 1),
        SessionRecord(days_ago(1), 3),
        SessionRecord(days_ago(0), 5, True),
    ]
    advice = advise(sessions)
    assert advice.triage == "routine"
    assert "gone up" in advice.text


def test_unscored_session_between_does_not_hide_rising_pain():
    sessions = [
        SessionRecord(days_ago(3), 2),
        SessionRecord(days_ago(2), 3),
        SessionRecord(days_ago(1), None),
        SessionRecord(days_ago(0), 4, True),
    ]
    assert advise(sessions).triage == "routine"


@pytest.mark.parametrize("pains", [(2, 3, 3), (3, 2, 3), (1, 3), (0, 2, 3), (0, 1, 2)])
def test_flat_dipping_short_or_safe_range_history_is_not_rising(pains):
    # Rising within the safe range (0-3) is still safe: no "please check with your physio".
    sessions = [SessionRecord(days_ago(len(pains) - i), p, True) for i, p in enumerate(pains)]
    assert advise(sessions).triage == "none"


def test_no_pain_scores_gives_a_prompt_not_a_hold():
    advice = advise([SessionRecord(TODAY, None)])
    assert not advice.hold_progression
    assert "0-10" in advice.text


def test_pain_out_of_range_is_rejected():
    with pytest.raises(ValueError):
        SessionRecord(TODAY, 11)


# --- stage progression ------------------------------------------------------------------------------


def safe_sessions(count: int, pain: int = 2) -> list[SessionRecord]:
    return [SessionRecord(days_ago(i), pain, True) for i in range(count)]


def week_days(monday: date, *weekdays: int, pain: int | None = 2) -> list[SessionRecord]:
    """Sessions on those weekdays (0 = Monday) of the week starting `monday`."""
    return [SessionRecord(monday + timedelta(days=d), pain, True) for d in weekdays]


def three_a_week(weeks: int, pain: int | None = 2) -> list[SessionRecord]:
    """Monday, Wednesday and Friday of this week and the weeks before it."""
    return [s for w in range(weeks) for s in week_days(MONDAY - timedelta(weeks=w), 0, 2, 4, pain=pain)]


def test_stage_offer_needs_two_weeks_on_target_three_days_a_week_can_reach_it():
    # The old rule (8 safe sessions in 14 days) could never be met by a 3-days-a-week plan: 6 in 14.
    assert not stage_progression_due(three_a_week(1), TODAY, STRENGTH)
    assert stage_progression_due(three_a_week(2), TODAY, STRENGTH)


def test_a_week_below_target_breaks_the_run():
    sessions = [*week_days(MONDAY, 0, 2, 4), *week_days(MONDAY - timedelta(weeks=1), 0, 2),
                *week_days(MONDAY - timedelta(weeks=2), 0, 2, 4)]
    assert not stage_progression_due(sessions, TODAY, STRENGTH)


def test_this_week_not_yet_on_target_counts_last_weeks():
    # Monday of a new week: the two weeks before were on target, this one has only begun.
    sessions = three_a_week(3)[3:]  # the last two full weeks
    assert stage_progression_due(sessions, MONDAY, STRENGTH)


def test_sessions_above_3_or_without_a_score_do_not_count_towards_a_stage():
    sessions = [*week_days(MONDAY, 0, 2), SessionRecord(TODAY, 4, True),
                *week_days(MONDAY - timedelta(weeks=1), 0, 2, 4)]
    assert not stage_progression_due(sessions, TODAY, STRENGTH)
    unscored = [*week_days(MONDAY, 0, 2), SessionRecord(TODAY, None),
                *week_days(MONDAY - timedelta(weeks=1), 0, 2, 4)]
    assert not stage_progression_due(unscored, TODAY, STRENGTH)


def test_no_stage_offer_while_the_latest_session_says_ease_off():
    sessions = [*three_a_week(3)[:-1], SessionRecord(TODAY, 6)]
    assert not stage_progression_due(sessions, TODAY, STRENGTH)


def test_mobility_needs_five_days_a_week():
    four = [s for w in range(2) for s in week_days(MONDAY - timedelta(weeks=w + 1), 0, 1, 2, 3)]
    five = [s for w in range(2) for s in week_days(MONDAY - timedelta(weeks=w + 1), 0, 1, 2, 3, 4)]
    assert not stage_progression_due(four, TODAY, MOBILITY)
    assert stage_progression_due(five, TODAY, MOBILITY)


def test_next_stage_walks_the_order_and_stops_at_the_end():
    order = ["early", "middle", "late"]
    assert next_stage("early", order) == "middle"
    assert next_stage("late", order) is None
    with pytest.raises(ValueError):
        next_stage("unknown", order)


# --- band progression -------------------------------------------------------------------------------


def test_band_colours_follow_the_thera_band_order():
    assert BAND_COLOURS == ("yellow", "red", "green", "blue", "black", "silver", "gold")
    assert next_band("yellow") == "red"
    assert next_band("Blue ") == "black"
    assert next_band("gold") is None
    with pytest.raises(ValueError):
        next_band("purple")


def test_band_question_needs_3_sessions_since_last_ask():
    last_asked = days_ago(10)
    two = [SessionRecord(days_ago(i), 2, True) for i in (1, 2)]
    assert not should_ask_about_band(two, last_asked, TODAY)
    assert should_ask_about_band([*two, SessionRecord(days_ago(3), 2, True)], last_asked, TODAY)


def test_band_question_at_most_once_a_week():
    sessions = [SessionRecord(days_ago(i), 2, True) for i in range(6)]
    assert not should_ask_about_band(sessions, days_ago(6), TODAY)
    assert should_ask_about_band(sessions, days_ago(7), TODAY)


def test_band_question_sessions_on_the_ask_day_do_not_count():
    sessions = [SessionRecord(days_ago(i), 2, True) for i in (8, 8, 8, 1, 0)]
    assert not should_ask_about_band(sessions, days_ago(8), TODAY)


def test_first_band_question_after_3_sessions():
    assert not should_ask_about_band(safe_sessions(2), None, TODAY)
    assert should_ask_about_band(safe_sessions(3), None, TODAY)


def test_no_band_question_while_easing_off():
    sessions = [*[SessionRecord(days_ago(i), 2, True) for i in range(1, 5)], SessionRecord(TODAY, 4, False)]
    assert not should_ask_about_band(sessions, None, TODAY)


def test_band_advice_when_easy_names_the_next_colour_and_resets_reps():
    text = band_advice(True, "red")
    assert "green" in text
    assert "10-15" in text


def test_band_advice_when_not_easy_keeps_the_colour():
    text = band_advice(False, "red")
    assert "red" in text
    assert "green" not in text


def test_band_advice_on_the_strongest_band_points_to_the_physio():
    assert "physio" in band_advice(True, "gold")


# --- the weekly plan: weeks on target and today's plan --------------------------------------------


def days(*sessions: list[SessionRecord]) -> list[date]:
    return [s.day for group in sessions for s in group]


def test_weeks_on_target_19_of_28_days_is_four_weeks_not_a_one_day_streak():
    # The example: someone who trains 19 of 28 days on a 3-days-a-week plan.
    trained = [TODAY - timedelta(days=n) for n in range(28) if n % 3 != 1][:19]
    assert weeks_on_target(trained, TODAY, STRENGTH) >= 4


def test_weeks_on_target_count_this_week_once_it_is_reached_else_up_to_last_week():
    assert weeks_on_target(days(three_a_week(3)), TODAY, STRENGTH) == 3
    not_yet = days(three_a_week(3))[:-1]  # this week: Monday and Wednesday only
    assert weeks_on_target(not_yet, TODAY, STRENGTH) == 2
    assert weeks_on_target([], TODAY, STRENGTH) == 0


def test_two_sessions_on_a_day_are_one_training_day():
    assert weeks_on_target([MONDAY, MONDAY, MONDAY + timedelta(days=2)], TODAY, STRENGTH) == 0


def test_week_starts_on_monday():
    assert week_start(TODAY) == MONDAY and week_start(MONDAY) == MONDAY


def test_strength_day_after_a_training_day_is_a_rest_day():
    plan = day_plan([TODAY - timedelta(days=1)], TODAY, STRENGTH)
    assert not plan.training and "yesterday" in plan.reason
    assert day_plan([TODAY - timedelta(days=2)], TODAY, STRENGTH).training


def test_a_week_with_its_most_days_is_rest_until_monday():
    plan = day_plan([MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)],
                    MONDAY + timedelta(days=6), STRENGTH)
    assert not plan.training and "3 training days" in plan.reason


def test_mobility_every_day_and_a_second_session_counts():
    assert day_plan([TODAY - timedelta(days=1)], TODAY, MOBILITY).training
    once = day_plan([TODAY], TODAY, MOBILITY)
    assert once.training and once.done_today == 1 and once.more_today
    twice = day_plan([TODAY, TODAY], TODAY, MOBILITY)
    assert not twice.more_today
    assert not day_plan([TODAY], TODAY, STRENGTH).more_today


# --- offering the next stage and asking about the morning after ------------------------------------


def test_stage_offer_is_not_repeated_within_a_week_of_the_last_one():
    sessions = three_a_week(2)
    assert should_offer_stage(sessions, None, TODAY, STRENGTH)
    assert not should_offer_stage(sessions, days_ago(6), TODAY, STRENGTH)
    assert should_offer_stage(sessions, days_ago(7), TODAY, STRENGTH)
    assert not should_offer_stage(three_a_week(1), None, TODAY, STRENGTH)


@pytest.mark.parametrize("session, due", [
    (SessionRecord(days_ago(1), 4), True),
    (SessionRecord(days_ago(2), 1), True),
    (SessionRecord(days_ago(3), 4), False),  # too long ago to remember that morning
    (SessionRecord(TODAY, 4), False),  # the next morning has not come yet
    (SessionRecord(days_ago(1), 0), False),  # no pain, nothing to settle
    (SessionRecord(days_ago(1), None), False),
    (SessionRecord(days_ago(1), 4, True), False),  # already answered
    (SessionRecord(days_ago(1), 4, False), False),
])
def test_settled_question_is_due_the_morning_or_two_after_a_painful_session(session, due):
    assert settled_question_due(session, TODAY) is due


def test_band_advice_without_a_known_colour():
    assert "Keep going with your band" in band_advice(False, None)
    with pytest.raises(ValueError):
        band_advice(True, None)  # the next colour needs the current one

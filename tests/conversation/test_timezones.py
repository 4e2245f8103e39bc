import pytest

from bot.conversation.timezones import describe_zone, match_timezone


@pytest.mark.parametrize("text, zone", [
    ("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"), ("berlin", "Europe/Berlin"),
    ("Berlinn", "Europe/Berlin"), ("new york", "America/New_York"), ("New_York", "America/New_York"),
    ("UTC", "UTC"), ("zulu", "UTC"), ("los angelos", "America/Los_Angeles"), ("mumbai", "Asia/Kolkata"),
    ("buenos aires", "America/Argentina/Buenos_Aires"), ("utc+2", "Etc/GMT-2"), ("UTC-5", "Etc/GMT+5"),
    ("utc+0", "UTC"),
    # Abbreviations and names people use; the fuzzy match once turned these into other places.
    ("est", "America/New_York"), ("Eastern", "America/New_York"), ("CET", "Europe/Berlin"),
    ("pst", "America/Los_Angeles"), ("India", "Asia/Kolkata"), ("London", "Europe/London"),
    # Offsets with minutes.
    ("utc+5:30", "UTC+05:30"), ("UTC+05:30", "UTC+05:30"), ("+0530", "UTC+05:30"), ("gmt-3:30", "UTC-03:30"),
])
def test_names_cities_typos_and_offsets_are_understood(text, zone):
    assert match_timezone(text).name == zone


@pytest.mark.parametrize("text", ["atlantis", "narnia", "", "utc+99", "1234", "utc+5:75", "xyz"])
def test_nonsense_matches_nothing(text):
    assert match_timezone(text).name is None


def test_a_near_miss_offers_suggestions():
    assert "Asia/Tokyo" in match_timezone("tokio").suggestions


def test_offsets_are_shown_the_way_people_write_them():
    assert describe_zone("Etc/GMT-2") == "UTC+2"
    assert describe_zone("Europe/Berlin") == "Europe/Berlin"


@pytest.mark.parametrize("text", ["IST", "cst", "gmt", "USA", "Australia"])
def test_abbreviations_and_countries_with_several_zones_are_asked_back(text):
    match = match_timezone(text)
    assert match.name is None and match.ambiguous and len(match.suggestions) >= 2


def test_a_fixed_offset_with_minutes_keeps_its_minutes_and_no_daylight_saving():
    from datetime import UTC, datetime

    from bot.reminders import zone

    summer, winter = datetime(2026, 7, 1, 12, tzinfo=UTC), datetime(2026, 1, 1, 12, tzinfo=UTC)
    fixed = zone("UTC+05:30")
    assert f"{summer.astimezone(fixed):%H:%M}" == f"{winter.astimezone(fixed):%H:%M}" == "17:30"
    assert match_timezone("utc+5:30").fixed_offset and not match_timezone("berlin").fixed_offset


def test_eastern_time_follows_daylight_saving():
    from datetime import UTC, datetime

    from bot.reminders import zone

    name = match_timezone("EST").name
    assert f"{datetime(2026, 7, 1, 12, tzinfo=UTC).astimezone(zone(name)):%H}" == "08"  # EDT, UTC-4
    assert f"{datetime(2026, 1, 1, 12, tzinfo=UTC).astimezone(zone(name)):%H}" == "07"  # EST, UTC-5

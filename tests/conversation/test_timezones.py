import pytest

from bot.conversation.timezones import describe_zone, match_timezone


@pytest.mark.parametrize("text, zone", [
    ("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"), ("berlin", "Europe/Berlin"),
    ("Berlinn", "Europe/Berlin"), ("new york", "America/New_York"), ("New_York", "America/New_York"),
    ("UTC", "UTC"), ("gmt", "UTC"), ("los angelos", "America/Los_Angeles"), ("mumbai", "Asia/Kolkata"),
    ("buenos aires", "America/Argentina/Buenos_Aires"), ("utc+2", "Etc/GMT-2"), ("UTC-5", "Etc/GMT+5"),
    ("utc+0", "UTC"),
])
def test_names_cities_typos_and_offsets_are_understood(text, zone):
    assert match_timezone(text).name == zone


@pytest.mark.parametrize("text", ["atlantis", "narnia", "", "utc+99", "1234"])
def test_nonsense_matches_nothing(text):
    assert match_timezone(text).name is None


def test_a_near_miss_offers_suggestions():
    assert "Asia/Tokyo" in match_timezone("tokio").suggestions


def test_offsets_are_shown_the_way_people_write_them():
    assert describe_zone("Etc/GMT-2") == "UTC+2"
    assert describe_zone("Europe/Berlin") == "Europe/Berlin"

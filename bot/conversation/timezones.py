"""Read a time zone from what people type: 'Europe/Berlin', 'berlin', 'new york', 'UTC', 'utc+2',
'utc+5:30', 'EST', 'Eastern', 'CET', 'India', 'London'.

Exact names, abbreviations, countries and city names first, then a typo-tolerant match (rapidfuzz)
with a high cut-off, so 'berlinn' finds Berlin but 'atlantis' finds nothing rather than a random zone.
The fuzzy match never sees abbreviations: 'cet' once found Africa/Ceuta and 'est' Australia/West.
Abbreviations that mean several places (IST: India, Ireland or Israel) are asked back with buttons.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from dataclasses import dataclass

from rapidfuzz import fuzz, process

# The zones a user picks from without typing (the /timezone buttons).
COMMON_ZONES = (
    "Europe/London", "Europe/Berlin", "Europe/Madrid", "America/New_York", "America/Chicago",
    "America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney", "UTC",
)
_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")
# Cities and countries people name that are not IANA city names themselves (one zone each).
_ALIASES = {
    "utc": "UTC", "gmt": "UTC", "zulu": "UTC", "universal": "UTC",
    "nyc": "America/New_York", "new york city": "America/New_York", "washington": "America/New_York",
    "boston": "America/New_York", "miami": "America/New_York", "atlanta": "America/New_York",
    "philadelphia": "America/New_York", "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "las vegas": "America/Los_Angeles", "san diego": "America/Los_Angeles",
    "dallas": "America/Chicago", "houston": "America/Chicago", "austin": "America/Chicago",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "bombay": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata", "bengaluru": "Asia/Kolkata", "chennai": "Asia/Kolkata",
    "india": "Asia/Kolkata", "beijing": "Asia/Shanghai", "china": "Asia/Shanghai",
    "kiev": "Europe/Kyiv", "st petersburg": "Europe/Moscow", "saint petersburg": "Europe/Moscow",
    "munich": "Europe/Berlin", "hamburg": "Europe/Berlin", "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin", "germany": "Europe/Berlin", "manchester": "Europe/London",
    "edinburgh": "Europe/London", "glasgow": "Europe/London", "birmingham": "Europe/London",
    "uk": "Europe/London", "england": "Europe/London", "scotland": "Europe/London", "wales": "Europe/London",
    "milan": "Europe/Rome", "italy": "Europe/Rome", "barcelona": "Europe/Madrid", "spain": "Europe/Madrid",
    "lyon": "Europe/Paris", "marseille": "Europe/Paris", "france": "Europe/Paris",
    "geneva": "Europe/Zurich", "switzerland": "Europe/Zurich", "rotterdam": "Europe/Amsterdam",
    "netherlands": "Europe/Amsterdam", "krakow": "Europe/Warsaw", "poland": "Europe/Warsaw",
    "ireland": "Europe/Dublin", "ukraine": "Europe/Kyiv", "osaka": "Asia/Tokyo", "japan": "Asia/Tokyo",
}
# What people call their zone, mapped to the zone that follows its clocks (daylight saving included).
_ABBREVIATIONS = {
    "est": "America/New_York", "edt": "America/New_York", "eastern": "America/New_York",
    "eastern time": "America/New_York", "et": "America/New_York",
    "central": "America/Chicago", "central time": "America/Chicago", "cdt": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "mountain time": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "akst": "America/Anchorage", "akdt": "America/Anchorage", "alaska": "America/Anchorage",
    "hst": "Pacific/Honolulu", "hawaii": "Pacific/Honolulu",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "central european": "Europe/Berlin",
    "central european time": "Europe/Berlin", "met": "Europe/Berlin",
    "bst": "Europe/London", "british": "Europe/London", "uk time": "Europe/London",
    "wet": "Europe/Lisbon", "west": "Europe/Lisbon", "eet": "Europe/Athens", "eest": "Europe/Athens",
    "msk": "Europe/Moscow", "moscow time": "Europe/Moscow",
    "jst": "Asia/Tokyo", "kst": "Asia/Seoul", "hkt": "Asia/Hong_Kong", "sgt": "Asia/Singapore",
    "pkt": "Asia/Karachi", "pht": "Asia/Manila", "wib": "Asia/Jakarta", "ict": "Asia/Bangkok",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide", "awst": "Australia/Perth", "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland", "wat": "Africa/Lagos", "cat": "Africa/Maputo", "eat": "Africa/Nairobi",
    "sast": "Africa/Johannesburg", "brt": "America/Sao_Paulo", "art": "America/Argentina/Buenos_Aires",
}
# Abbreviations and countries that name several zones: the person picks.
_AMBIGUOUS = {
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "cst": ("America/Chicago", "Asia/Shanghai", "America/Havana"),
    "ast": ("America/Halifax", "Asia/Riyadh"),
    "gmt": ("Europe/London", "UTC"),
    "usa": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "us": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "united states": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "america": ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"),
    "canada": ("America/Toronto", "America/Winnipeg", "America/Edmonton", "America/Vancouver"),
    "australia": ("Australia/Sydney", "Australia/Brisbane", "Australia/Adelaide", "Australia/Perth"),
    "russia": ("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"),
    "brazil": ("America/Sao_Paulo", "America/Manaus", "America/Recife"),
    "mexico": ("America/Mexico_City", "America/Tijuana", "America/Cancun"),
    "indonesia": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
}
# Countries with one zone that are not IANA city names.
_COUNTRIES = {
    "nigeria": "Africa/Lagos", "kenya": "Africa/Nairobi", "ghana": "Africa/Accra", "egypt": "Africa/Cairo",
    "south africa": "Africa/Johannesburg", "pakistan": "Asia/Karachi", "bangladesh": "Asia/Dhaka",
    "philippines": "Asia/Manila", "vietnam": "Asia/Ho_Chi_Minh", "thailand": "Asia/Bangkok",
    "korea": "Asia/Seoul", "south korea": "Asia/Seoul", "taiwan": "Asia/Taipei",
    "malaysia": "Asia/Kuala_Lumpur",
    "uae": "Asia/Dubai", "dubai": "Asia/Dubai", "saudi arabia": "Asia/Riyadh", "israel": "Asia/Jerusalem",
    "turkey": "Europe/Istanbul", "greece": "Europe/Athens", "portugal": "Europe/Lisbon",
    "romania": "Europe/Bucharest", "sweden": "Europe/Stockholm", "norway": "Europe/Oslo",
    "denmark": "Europe/Copenhagen", "finland": "Europe/Helsinki", "austria": "Europe/Vienna",
    "belgium": "Europe/Brussels", "czechia": "Europe/Prague", "czech republic": "Europe/Prague",
    "hungary": "Europe/Budapest", "new zealand": "Pacific/Auckland",
    "argentina": "America/Argentina/Buenos_Aires", "colombia": "America/Bogota", "peru": "America/Lima",
    "chile": "America/Santiago", "jamaica": "America/Jamaica",
}
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$")
FIXED_OFFSET = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")  # how a fixed offset with minutes is stored
MAX_OFFSET_MINUTES = 14 * 60
_FUZZY_CUTOFF = 85
_SUGGEST_CUTOFF = 70


@dataclass(frozen=True)
class ZoneMatch:
    name: str | None  # the IANA name (or 'UTC+05:30'), None when nothing matched well enough
    suggestions: tuple[str, ...] = ()  # zones to offer as buttons when nothing (or several) matched
    ambiguous: bool = False  # the text names several zones (IST, CST, "USA"): the person picks

    @property
    def fixed_offset(self) -> bool:
        """A fixed offset from UTC: its clocks never change for daylight saving."""
        return self.name is not None and is_fixed_offset(self.name)


def is_fixed_offset(name: str) -> bool:
    return name.startswith("Etc/GMT") and len(name) > len("Etc/GMT") or bool(FIXED_OFFSET.match(name))


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


@functools.cache
def _index() -> dict[str, str]:
    """Normalised key (full name or city) -> IANA name."""
    index: dict[str, str] = {}
    names = sorted(n for n in zoneinfo.available_timezones() if n.split("/", 1)[0] in _REGIONS)
    for name in names:
        index.setdefault(_normalise(name.rsplit("/", 1)[-1]), name)
    for name in names:
        index[_normalise(name)] = name  # full names win over a city of the same spelling
    index.update(_ALIASES)
    index.update(_COUNTRIES)
    return index


def match_timezone(text: str) -> ZoneMatch:
    query = _normalise(text)
    if not query:
        return ZoneMatch(None)
    if query in _AMBIGUOUS:
        return ZoneMatch(None, _AMBIGUOUS[query], ambiguous=True)
    if query in _ABBREVIATIONS:
        return ZoneMatch(_ABBREVIATIONS[query])
    index = _index()
    if query in index:
        return ZoneMatch(index[query])
    offset = _OFFSET.match(query)
    if offset:
        return ZoneMatch(_offset_zone(offset[1], int(offset[2]), int(offset[3] or 0)))
    if len(query) <= 4:
        return ZoneMatch(None)  # an unknown abbreviation: a fuzzy guess would be a random zone
    best = process.extractOne(query, index.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if best:
        return ZoneMatch(index[best[0]])
    close = process.extract(query, index.keys(), scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF, limit=6)
    suggestions = tuple(dict.fromkeys(index[key] for key, _score, _i in close))[:3]
    return ZoneMatch(None, suggestions)


def _offset_zone(sign: str, hours: int, minutes: int) -> str | None:
    total = hours * 60 + minutes
    if minutes >= 60 or total > MAX_OFFSET_MINUTES:
        return None
    if total == 0:
        return "UTC"
    if minutes == 0:
        # POSIX-style names invert the sign: UTC+2 is Etc/GMT-2.
        name = f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
        return name if name in zoneinfo.available_timezones() else None
    return f"UTC{sign}{hours:02d}:{minutes:02d}"  # e.g. India's +5:30: no Etc/ zone has minutes


def describe_zone(name: str) -> str:
    """'Etc/GMT-2' -> 'UTC+2'; 'UTC+05:30' and IANA names stay as they are."""
    if name.startswith("Etc/GMT") and len(name) > len("Etc/GMT"):
        sign = "+" if name[7] == "-" else "-"
        return f"UTC{sign}{name[8:]}"
    return name


def is_valid_zone(name: str) -> bool:
    return name == "UTC" or name in zoneinfo.available_timezones() or bool(FIXED_OFFSET.match(name))

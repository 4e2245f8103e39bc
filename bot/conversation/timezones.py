"""Read a time zone from what people type: 'Europe/Berlin', 'berlin', 'new york', 'UTC', 'utc+2'.

Exact names and city names first, then a typo-tolerant match (rapidfuzz) with a high cut-off, so
'berlinn' finds Berlin but 'atlantis' finds nothing rather than a random zone.
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
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?00)?$")
_FUZZY_CUTOFF = 85
_SUGGEST_CUTOFF = 70


@dataclass(frozen=True)
class ZoneMatch:
    name: str | None  # the IANA name, None when nothing matched well enough
    suggestions: tuple[str, ...] = ()  # close zones to offer as buttons when nothing matched


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
    return index


def match_timezone(text: str) -> ZoneMatch:
    query = _normalise(text)
    if not query:
        return ZoneMatch(None)
    index = _index()
    if query in index:
        return ZoneMatch(index[query])
    offset = _OFFSET.match(query)
    if offset:
        hours = int(offset[2])
        if hours == 0:
            return ZoneMatch("UTC")
        # POSIX-style names invert the sign: UTC+2 is Etc/GMT-2.
        name = f"Etc/GMT{'-' if offset[1] == '+' else '+'}{hours}"
        return ZoneMatch(name if name in zoneinfo.available_timezones() else None)
    best = process.extractOne(query, index.keys(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if best:
        return ZoneMatch(index[best[0]])
    close = process.extract(query, index.keys(), scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF, limit=6)
    suggestions = tuple(dict.fromkeys(index[key] for key, _score, _i in close))[:3]
    return ZoneMatch(None, suggestions)


def describe_zone(name: str) -> str:
    """'Etc/GMT-2' -> 'UTC+2'; IANA names stay as they are."""
    if name.startswith("Etc/GMT") and len(name) > len("Etc/GMT"):
        sign = "+" if name[7] == "-" else "-"
        return f"UTC{sign}{name[8:]}"
    return name

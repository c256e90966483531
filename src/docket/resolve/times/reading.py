"""What a time-expression rule reads (the anchor) and gives (a reading), and the helpers the
rules share: month names, the year of a month named without one, early/late narrowing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from docket.record import When
from docket.resolve.number_words import to_number
from docket.resolve.times import calendar as cal

Tense = str  # "past", "present" or "future"

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
UNIT_CODES = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
    "centurie": "Y",
    "weekend": "WE",
}
UNIT_FACTORS = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}
POD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
VAGUE_WORDS = ("few", "couple", "several", "many", "some", "number", "numerous")


@dataclass(frozen=True)
class Anchor:
    """What a time expression is resolved against: the DCT, the tense of its clause, and
    whether the document reports on quarters (financial news)."""

    dct: date | None
    tense: Tense = "past"
    quarterly: bool = False


@dataclass(frozen=True)
class Reading:
    """A TIMEX3 value and type; ``when`` overrides the interval the value stands for."""

    value: str | None
    timex_type: str = "DATE"
    when: When | None = None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:3]]


def looks_like_name(word: str, context: str) -> bool:
    """Whether a capitalisable word is written as a name (capitalised in mixed-case text)."""
    if context.isupper() or context.islower():
        return True
    return word[:1].isupper()


def before(m: re.Match[str], n: int = 20) -> str:
    return m.string[max(0, m.start() - n) : m.start()].lower()


def year_for_month(mo: int, a: Anchor, rel: str | None) -> int | None:
    """The year of a month named without one: "last"/"next" as said; else the nearest such
    month to the DCT, and never a past one in a future-tense clause."""
    if a.dct is None:
        return None
    y, current = a.dct.year, a.dct.month
    if rel == "last":
        return y if mo < current else y - 1
    if rel in ("next", "coming"):
        return y if mo > current else y + 1
    if rel == "this":
        return y
    if a.tense == "future":
        return y if mo >= current else y + 1
    ahead = (mo - current) % 12
    if 0 < ahead <= (3 if a.tense == "present" else 2):  # a month just ahead is the coming one
        return y if mo > current else y + 1
    return y if mo <= current else y - 1


def full_year(text: str) -> int:
    """A year written as 1996, 96 or "nineteen ninety-six"."""
    if not text.isdigit():
        words = text.lower().replace("-", " ").split()
        tail = to_number(" ".join(words[1:])) or 0
        return (19 if words[0] == "nineteen" else 20) * 100 + int(tail)
    y = int(text)
    return y + (1900 if y >= 30 else 2000) if len(text) == 2 else y


def dated(y: int | None, mo: int, d: str | None, pod: str | None = None) -> Reading:
    if y is None:
        return Reading(None)
    if d is None:
        return Reading(cal.month(y, mo))
    found = cal.safe_date(y, mo, int(d))
    if found is None:
        return Reading(None)
    if pod:
        return Reading(f"{found.isoformat()}T{POD_CODES[pod.lower()]}", "TIME")
    return Reading(found.isoformat())


def with_mod(reading: Reading, mod: str | None, dct: date | None) -> Reading:
    """Narrow the interval for "early", "late", "mid", "the end of", "the beginning of"."""
    if not mod or reading.value is None:
        return reading
    words = mod.lower().split()
    if {"end", "late"} & set(words):
        part = "late"
    elif {"early", "beginning", "start"} & set(words):
        part = "early"
    elif {"mid", "middle"} & set(words):
        part = "mid"
    else:  # earlier, later, the rest of: the same unit
        return reading
    return Reading(
        reading.value, reading.timex_type, cal.narrowed(cal.interval(reading.value, dct), part)
    )

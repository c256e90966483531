"""Calendar arithmetic for TIMEX3 values: days, ISO weeks, quarters, seasons, and the interval a
value stands for (the ``When`` of the contract)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from docket.record import When

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}
SEASON_CODES: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}


def day(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    iso_year, iso_week, _ = d.isocalendar()
    return f"{iso_year}-W{iso_week:02d}"


def month(year: int, month_number: int) -> str:
    return f"{year:04d}-{month_number:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_months(year: int, month_number: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month_number - 1) + delta
    return index // 12, index % 12 + 1


def last_completed_quarter(d: date) -> tuple[int, int]:
    """(year, quarter) of the quarter before the one ``d`` falls in: the one a report covers."""
    q = quarter_of(d) - 1
    return (d.year, q) if q else (d.year - 1, 4)


def safe_date(year: int, month_number: int, day_number: int) -> date | None:
    """The date, or None when it does not exist ("32 March", "30 February")."""
    try:
        return date(year, month_number, day_number)
    except (ValueError, OverflowError):
        return None


def season_index(d: date) -> tuple[int, str]:
    """(year, code) of the season ``d`` falls in (winter belongs to the year it starts in)."""
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1), "WI"
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= m <= last:
            return d.year, code
    return d.year, "WI"


def interval(value: str | None, dct: date | None) -> When:
    """The interval a TIMEX3 ``value`` stands for, with its precision; durations and sets have
    none (precision "unknown")."""
    if not value:
        return When()
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        return When(precision="day", start=d, end=d) if d else When()
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return When()
        return When(
            precision="month", start=date(y, mo, 1), end=date(y, mo, calendar.monthrange(y, mo)[1])
        )
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return When()
        if m[3]:
            return When(precision="range", start=monday + timedelta(5), end=monday + timedelta(6))
        return When(precision="week", start=monday, end=monday + timedelta(6))
    if m := re.fullmatch(r"(\d{4})-([QH])(\d)", value):
        y, size, n = int(m[1]), 3 if m[2] == "Q" else 6, int(m[3])
        first = (n - 1) * size + 1
        if not 1 <= first <= 12 or first + size - 1 > 12:
            return When()
        last = first + size - 1
        return When(
            precision="range",
            start=date(y, first, 1),
            end=date(y, last, calendar.monthrange(y, last)[1]),
        )
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        y = int(m[1])
        first, last = SEASON_MONTHS[m[2]]
        end_year = y + 1 if last < first else y
        return When(
            precision="approximate",
            start=date(y, first, 1),
            end=date(end_year, last, calendar.monthrange(end_year, last)[1]),
        )
    if re.fullmatch(r"\d{4}", value):
        y = int(value)
        return When(precision="year", start=date(y, 1, 1), end=date(y, 12, 31))
    if re.fullmatch(r"\d{3}", value):
        y = int(value) * 10
        return When(precision="range", start=date(y, 1, 1), end=date(y + 9, 12, 31))
    if re.fullmatch(r"\d{2}", value):
        y = int(value) * 100
        return When(precision="range", start=date(max(y, 1), 1, 1), end=date(y + 99, 12, 31))
    if dct is not None:
        if value == "PRESENT_REF":
            return When(precision="approximate", start=dct, end=dct)
        if value == "PAST_REF":
            return When(precision="approximate", end=dct)
        if value == "FUTURE_REF":
            return When(precision="approximate", start=dct)
    return When()


def narrowed(when: When, part: str) -> When:
    """The early / middle / late third, or the end / start, of an interval."""
    if when.start is None or when.end is None:
        return when
    length = (when.end - when.start).days + 1
    third = max(1, length // 3)
    if part in ("early", "start"):
        start, end = when.start, when.start + timedelta(third - 1)
    elif part in ("late", "end"):
        start, end = when.end - timedelta(third - 1), when.end
    elif part == "mid":
        start, end = when.start + timedelta(third), when.end - timedelta(third)
    else:
        return when
    return When(precision="range", start=start, end=end)

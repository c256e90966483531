"""Dates as the treaty tables write them, and the rules that fix entry into force for a state.

A table date may be known to the day (``2010-05-04``), the month (``2018-07``) or only the year
(``2017``); :func:`bounds` turns it into the first and last day it can stand for. Each instrument
has a rule for when it enters into force for a state that joins it: :func:`entry_into_force`
applies it.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def bounds(text: str | None) -> tuple[date, date] | None:
    """The earliest and latest day that a table date ``YYYY[-MM[-DD]]`` can stand for."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` months on, clipped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_of_next_month(day: date) -> date:
    return add_months(day.replace(day=1), 1)


# rule name -> the date the instrument enters into force for a state that deposits on ``day``
# after the instrument itself is in force (the wording of each treaty's entry-into-force article).
LATER_RULES = {
    # CCM Art. 17(2), Mine Ban Convention Art. 17(2): "the first day of the sixth month after"
    "first_day_sixth_month": lambda day: add_months(day.replace(day=1), 6),
    # CCW Art. 5(2), (3), (4): "six months after the date of deposit"
    "six_months": lambda day: add_months(day, 6),
    # CWC Art. XXI(2): "the 30th day following the date of deposit"
    "thirty_days": lambda day: day + timedelta(days=30),
    # ATT Art. 22(2): "the ninetieth day following the date of deposit"
    "ninety_days": lambda day: day + timedelta(days=90),
    # Rome Statute Art. 126(2): "the first day of the month after the 60th day following"
    "first_day_after_sixty_days": lambda day: first_of_next_month(day + timedelta(days=60)),
    # a political declaration applies from the day a state endorses it
    "same_day": lambda day: day,
}


def entry_into_force(deposit: date, rule: dict[str, str]) -> date:
    """When an instrument with ``rule`` (general date, trigger deposit, later rule) entered into
    force for a state that deposited its instrument of consent on ``deposit``."""
    general = date.fromisoformat(rule["general"])
    if deposit <= date.fromisoformat(rule["trigger"]):
        return general
    return max(general, LATER_RULES[rule["later"]](deposit))

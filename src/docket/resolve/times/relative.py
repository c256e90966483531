"""Rules for expressions read relative to the DCT: weekdays, "yesterday", "last week",
"three days ago", durations, seasons and holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from docket.record import When
from docket.resolve.number_words import to_number
from docket.resolve.times import calendar as cal
from docket.resolve.times.reading import (
    POD_CODES,
    UNIT_CODES,
    UNIT_FACTORS,
    VAGUE_WORDS,
    WEEKDAYS,
    Anchor,
    Reading,
    before,
    dated,
    full_year,
    month_number,
    with_mod,
    year_for_month,
)


def weekday_date(target: int, a: Anchor, rel: str | None) -> date | None:
    if a.dct is None:
        return None
    dct = a.dct
    delta = target - dct.weekday()
    if rel == "this":
        return dct + timedelta(delta)
    if rel == "last" or rel == "past":
        return dct + timedelta(delta - 7 if delta >= 0 else delta)
    if rel in ("next", "coming"):
        return dct + timedelta(delta + 7 if delta <= 0 else delta)
    if delta == 0:
        return dct
    if a.tense != "future":
        return dct + timedelta(delta - 7 if delta > 0 else delta)
    return dct + timedelta(delta + 7 if delta < 0 else delta)


def r_weekday(m: re.Match[str], a: Anchor) -> Reading | None:
    target = WEEKDAYS.index(m["weekday"].lower())
    if m["plural"]:
        return Reading(f"XXXX-WXX-{target + 1}", "SET")
    if m["month2"]:
        mo = month_number(m["month2"])
        y = int(m["year"]) if m["year"] else year_for_month(mo, a, None)
        return dated(y, mo, m["day"], m["pod"])
    rel = (m["rel"] or "").lower() or None
    found = weekday_date(target, a, rel if rel not in ("early", "late") else None)
    if found is None:
        return Reading(None)
    if m["pod"]:
        return Reading(f"{found.isoformat()}T{POD_CODES[m['pod'].lower()]}", "TIME")
    return Reading(found.isoformat())


def r_relative_day(m: re.Match[str], a: Anchor) -> Reading | None:
    if a.dct is None:
        return Reading(None)
    word = " ".join(m["word"].lower().split())
    offset = {
        "yesterday": -1,
        "tomorrow": 1,
        "last night": -1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }.get(word, 0)
    found = a.dct + timedelta(offset)
    pod = m["pod"] or (
        "night" if "night" in word else word.split()[-1] if word.startswith("this") else None
    )
    if pod:
        return Reading(f"{found.isoformat()}T{POD_CODES[pod.lower()]}", "TIME")
    return Reading(found.isoformat())


def unit_value(unit: str, a: Anchor, step: int) -> str | None:
    """The value of the calendar unit ``step`` units away from the DCT's own."""
    if a.dct is None:
        return None
    dct = a.dct
    if unit == "week":
        return cal.week(dct + timedelta(7 * step))
    if unit == "weekend":
        return cal.week(dct + timedelta(7 * step)) + "-WE"
    if unit == "month":
        return cal.month(*cal.shift_months(dct.year, dct.month, step))
    if unit == "quarter":
        y, q = dct.year, cal.quarter_of(dct) + step
        while q < 1:
            y, q = y - 1, q + 4
        while q > 4:
            y, q = y + 1, q - 4
        return f"{y}-Q{q}"
    if unit in ("year", "fiscal year"):
        return str(dct.year + step)
    if unit == "decade":
        return str((dct.year // 10) + step)
    if unit == "century":
        return str((dct.year // 100) + step)
    if unit in cal.SEASON_CODES:
        code = cal.SEASON_CODES[unit]
        y, current = cal.season_index(dct)
        order = list(cal.SEASON_MONTHS)
        if step < 0:
            return f"{y if order.index(code) < order.index(current) else y - 1}-{code}"
        if step > 0:
            return f"{y if order.index(code) > order.index(current) else y + 1}-{code}"
        return f"{dct.year}-{code}"
    return None


def r_relative_unit(m: re.Match[str], a: Anchor) -> Reading | None:
    rel = " ".join(m["rel"].lower().split())
    unit = " ".join(m["unit"].lower().split())
    if unit == "season":
        return Reading(None)
    if (
        rel in ("the past", "the last", "the previous", "the preceding", "past")
        and unit not in cal.SEASON_CODES
    ):
        factor = UNIT_FACTORS.get(unit, 1)
        return Reading(f"P{factor}{UNIT_CODES.get(unit, 'Y')}", "DURATION")
    step = {
        "last": -1,
        "previous": -1,
        "the previous": -1,
        "the preceding": -1,
        "next": 1,
        "coming": 1,
        "the coming": 1,
        "the following": 1,
        "the next": 1,
    }.get(rel, 0)
    if unit == "quarter" and step == 0 and rel in ("the same",):
        return Reading(None)
    return with_mod(Reading(unit_value(unit, a, step)), m["mod"], a.dct)


def r_the_unit(m: re.Match[str], a: Anchor) -> Reading | None:
    """'the end of the year', 'the full year', 'over the weekend'."""
    unit = m["unit"].lower()
    if a.dct is None:
        return Reading(None)
    if unit == "weekend":
        saturday = a.dct + timedelta(5 - a.dct.weekday())
        if a.tense != "future" and saturday > a.dct:
            saturday -= timedelta(7)
        return Reading(cal.week(saturday) + "-WE")
    if not (m["full"] or m["mod"]):
        return None if unit != "week" or not m["mod"] else Reading(None)
    return with_mod(Reading(unit_value(unit, a, 0)), m["mod"], a.dct)


def r_duration(m: re.Match[str], a: Anchor) -> Reading | None:
    if m["old"] or re.fullmatch(r"\w+-quarters", m.group(0).split()[-1].lower()):
        return None
    unit = m["unit"].lower()
    n_text = " ".join(m["n"].lower().split())
    vague = any(w in n_text.split() for w in VAGUE_WORDS)
    number = None if vague else (1 if n_text in ("a", "an") else to_number(n_text))
    if not vague and number is None:
        return None
    if number is not None and (m["half"] or m["frac"]):
        number += 0.5
    factor = UNIT_FACTORS.get(unit, 1)
    code = UNIT_CODES[unit]
    suffix = (m["suffix"] or "").strip().lower()
    if suffix:
        return anchored(number, unit, suffix, a)
    time_unit = code in ("H", "S") or (unit == "minute")
    prefix = "PT" if time_unit else "P"
    if number is None:
        return Reading(f"{prefix}X{code}", "DURATION")
    total = number * factor
    if float(total).is_integer():
        return Reading(f"{prefix}{int(total)}{code}", "DURATION")
    halves = {
        "Y": "6M",
        "M": "15D" if not time_unit else "30S",
        "D": "T12H",
        "H": "30M",
        "W": "3DT12H",
    }
    if total * 2 == int(total * 2) and code in halves:
        return Reading(f"{prefix}{int(total)}{code}{halves[code]}", "DURATION")
    return Reading(f"{prefix}{total}{code}", "DURATION")


def anchored(number: float | None, unit: str, suffix: str, a: Anchor) -> Reading:
    """'three days ago', 'a year earlier', 'a few weeks ago'."""
    if a.dct is None:
        return Reading(None)
    sign = 1 if suffix in ("later", "from now", "hence") else -1
    if number is None:  # a vague amount: an approximate interval, 2 to 5 units away
        days = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}.get(unit, 0)
        if not days:
            return Reading("PAST_REF" if sign < 0 else "FUTURE_REF")
        near, far = a.dct + timedelta(sign * 2 * days), a.dct + timedelta(sign * 5 * days)
        start, end = (far, near) if sign < 0 else (near, far)
        return Reading(
            "PAST_REF" if sign < 0 else "FUTURE_REF",
            "DATE",
            When(precision="approximate", start=start, end=end),
        )
    n = int(number) * UNIT_FACTORS.get(unit, 1)
    if unit == "day":
        return Reading((a.dct + timedelta(sign * n)).isoformat())
    if unit in ("week", "fortnight"):
        return Reading(cal.week(a.dct + timedelta(sign * 7 * n)))
    if unit == "month":
        return Reading(cal.month(*cal.shift_months(a.dct.year, a.dct.month, sign * n)))
    if unit in ("year", "decade", "century", "centurie"):
        y = a.dct.year + sign * n
        if a.quarterly and n == 1:
            ry, q = cal.last_completed_quarter(a.dct)
            return Reading(f"{ry + sign}-Q{q}")
        return Reading(str(y))
    if unit == "quarter":
        return Reading(unit_value("quarter", a, sign * n))
    return Reading(None, "TIME")


def r_bare_units(m: re.Match[str], a: Anchor) -> Reading | None:
    pre = (m["pre"] or "").strip().lower()
    if not pre:
        return None
    unit = m["unit"].lower()
    if "recent" in pre:
        return Reading("PAST_REF")
    code = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "Y"}[unit]
    return Reading(f"PX{code}", "DURATION")


def r_season(m: re.Match[str], a: Anchor) -> Reading | None:
    rel = (m["rel"] or "").lower()
    code = cal.SEASON_CODES[m["season"].lower()]
    if m["year"]:
        return Reading(f"{full_year(m['year'])}-{code}")
    if not rel:
        return None
    if rel == "the" and not re.search(
        r"\b(in|during|since|until|by|over|through|this)\s*$", before(m)
    ):
        return None
    if a.dct is None:
        return Reading(None)
    step = {"last": -1, "next": 1}.get(rel, 0)
    if step:
        return Reading(unit_value(m["season"].lower(), a, step))
    return Reading(f"{a.dct.year}-{code}")


def r_holiday(m: re.Match[str], a: Anchor) -> Reading | None:
    if a.dct is None:
        return Reading(None)
    name = " ".join(m["holiday"].lower().replace("'", "").split())
    found = holiday_date(name, a.dct.year)
    if a.tense != "future" and found > a.dct:
        found = holiday_date(name, a.dct.year - 1)
    elif a.tense == "future" and found < a.dct:
        found = holiday_date(name, a.dct.year + 1)
    return Reading(found.isoformat())


def holiday_date(name: str, y: int) -> date:
    if name.startswith("christmas"):
        return date(y, 12, 24 if "eve" in name else 25)
    if name.startswith("new year"):
        return date(y, 12, 31) if "eve" in name else date(y, 1, 1)
    if name.startswith("independence"):
        return date(y, 7, 4)
    first = date(y, 11, 1)
    return first + timedelta((3 - first.weekday()) % 7 + 21)  # fourth Thursday of November

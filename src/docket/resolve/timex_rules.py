"""From a matched time expression to its TIMEX3 value, relative to the document creation time.

News conventions (as in TimeBank and HeidelTime): a bare weekday is the one of the DCT's own day
when the names agree, else the most recent one in a past-tense sentence and the next one in a
future or present-tense sentence; "this Thursday" is the Thursday of the DCT's week; a month
without a year is the most recent such month in the past tense; "the quarter" in a financial
report is the last completed quarter. Without a DCT, relative expressions keep no value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from docket.record import When
from docket.resolve import timex_calendar as cal
from docket.resolve.number_words import ORDINALS, to_number

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


def r_iso(m: re.Match[str], a: Anchor) -> Reading | None:
    return (
        dated(int(m["year"]), int(m["mnum"]), m["day"])
        if 1 <= int(m["mnum"]) <= 12
        else Reading(None)
    )


def r_numeric(m: re.Match[str], a: Anchor) -> Reading | None:
    mo = int(m["mnum"])
    return dated(full_year(m["year"]), mo, m["day"]) if 1 <= mo <= 12 else None


def r_month(m: re.Match[str], a: Anchor) -> Reading | None:
    word = m["month"]
    if not (m["day"] or m["year"]) and not looks_like_name(
        word, m.string[max(0, m.start() - 200) : m.end() + 200]
    ):
        return None
    if not (m["day"] or m["year"] or m["rel"] or m["mod"] or m["ryear"]):
        prior = before(m, 12)
        if word.lower() in ("may", "march") and not re.search(
            r"\b(in|since|until|till|by|of|from|to|during|through|last|next|early|late|mid|and)\s*$",
            prior,
        ):
            return None
        if (
            word.endswith(".") is False
            and len(word) <= 4
            and word.lower() not in ("may", "june", "july")
        ):
            return None
    mo = month_number(word)
    if m["year"]:
        reading = dated(full_year(m["year"]), mo, m["day"])
    elif m["ryear"] and a.dct is not None:
        step = {"last": -1, "next": 1}.get(m["ryear"].lower(), 0)
        reading = dated(a.dct.year + step, mo, m["day"])
    else:
        reading = dated(year_for_month(mo, a, (m["rel"] or "").lower() or None), mo, m["day"])
    return with_mod(reading, m["mod"], a.dct)


def r_day_month(m: re.Match[str], a: Anchor) -> Reading | None:
    mo = month_number(m["month"])
    y = int(m["year"]) if m["year"] else year_for_month(mo, a, None)
    return dated(y, mo, m["day"])


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


def r_year(m: re.Match[str], a: Anchor) -> Reading | None:
    y = int(m["year"])
    if not m["fiscal"] and not 1000 <= y <= 2099:
        return None
    if (
        not m["fiscal"]
        and re.search(
            r"\b(some|about|around|nearly|almost|over|than|least|to|approximately|roughly|of|"
            r"estimated|additional|another|only|just)\s*$",
            before(m),
        )
        and not re.search(r"\b(from|since|in|of)\s+\d{4}\s+to\s*$", before(m, 30))
    ):
        return None
    return with_mod(Reading(str(y)), m["mod"], a.dct)


def r_decade(m: re.Match[str], a: Anchor) -> Reading | None:
    if m["decade"]:
        return with_mod(Reading(m["decade"][:3]), m["mod"], a.dct)
    return with_mod(Reading("19" + m["short"][0]), m["mod"], a.dct)


def r_quarter(m: re.Match[str], a: Anchor) -> Reading | None:
    n = ORDINALS[m["ord"].lower()]
    half = m["part"].lower() == "half"
    if (half and n > 2) or n > 4:
        return None
    letter = "H" if half else "Q"
    year_text = m["year"] or m["year2"]
    if m["ryear"] and a.dct is not None:
        year_text = str(a.dct.year + {"last": -1, "next": 1}.get(m["ryear"].lower(), 0))
    if year_text:
        return Reading(f"{year_text}-{letter}{n}")
    if a.dct is None:
        return Reading(None)
    current = (a.dct.month - 1) // (6 if half else 3) + 1
    y = a.dct.year if n <= current or a.tense != "past" else a.dct.year - 1
    return Reading(f"{y}-{letter}{n}")


def r_the_quarter(m: re.Match[str], a: Anchor) -> Reading | None:
    which = " ".join((m["which"] or "").lower().split())
    if m["part"].lower() == "period" and not (which and which != "same"):
        return None
    if a.dct is None:
        return Reading(None)
    y, q = cal.last_completed_quarter(a.dct)
    if "year" in which or "year" in m.group(0).lower():
        y -= 1
    return Reading(f"{y}-Q{q}")


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


DECADE_WORDS = (
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
)


def r_spoken_year(m: re.Match[str], a: Anchor) -> Reading | None:
    """'nineteen ninety-six', 'the year two thousand', 'the nineties' (speech transcripts)."""
    if m["decade_word"]:
        return Reading(f"19{DECADE_WORDS.index(m['decade_word'].lower()) + 2}")
    if m["thousand"]:
        value = to_number(" ".join(m["thousand"].lower().replace(" and", "").split()))
        return Reading(str(int(value))) if value else None
    head = 19 if m["century"].lower() == "nineteen" else 20
    rest = m["rest"].lower()
    tail = 0 if rest == "hundred" else to_number(rest)
    if tail is None:
        return None
    return Reading(f"{head}{int(tail):02d}")


def r_year_earlier(m: re.Match[str], a: Anchor) -> Reading | None:
    if a.dct is None:
        return Reading(None)
    if a.quarterly:
        y, q = cal.last_completed_quarter(a.dct)
        return Reading(f"{y - 1}-Q{q}")
    return Reading(str(a.dct.year - 1))


def r_generic(m: re.Match[str], a: Anchor) -> Reading | None:
    word = " ".join(m["word"].lower().split())
    after = m.string[m.end() : m.end() + 8].lower()
    if word in ("soon", "shortly") and (
        re.search(r"\bas\s*$", before(m, 4)) or re.match(r"\s+(as|after|before)\b", after)
    ):
        return None
    if word in (
        "now",
        "currently",
        "nowadays",
        "presently",
        "at present",
        "these days",
        "the present",
        "current",
    ):
        return Reading("PRESENT_REF")
    if "future" in word or "coming" in word or word in ("soon", "shortly"):
        return Reading("FUTURE_REF")
    return Reading("PAST_REF")


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


def r_clock(m: re.Match[str], a: Anchor) -> Reading | None:
    if a.dct is None:
        return Reading(None, "TIME")
    if m["word"]:
        hh, mm = (0, 0) if m["word"].lower() == "midnight" else (12, 0)
    else:
        hh, mm = int(m["hour"]), int(m["minute"] or 0)
        if hh > 12 or mm > 59:
            return None
        pm = m["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    return Reading(f"{a.dct.isoformat()}T{hh:02d}:{mm:02d}", "TIME")


def r_set(m: re.Match[str], a: Anchor) -> Reading | None:
    word = (m["word"] or m["unit"]).lower()
    code = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
        "nightly": "P1D",
        "day": "P1D",
        "week": "P1W",
        "month": "P1M",
        "quarter": "P1Q",
        "year": "P1Y",
        "hour": "PT1H",
        "morning": "P1D",
        "night": "P1D",
        "weekend": "P1WE",
    }.get(word)
    if code is None and word in WEEKDAYS:
        code = f"XXXX-WXX-{WEEKDAYS.index(word) + 1}"
    return Reading(code, "SET")


def r_century(m: re.Match[str], a: Anchor) -> Reading | None:
    word = m["ord"].lower()
    n = int(word[:-2]) if word[:1].isdigit() else ORDINALS.get(word)
    if not n or n > 21:
        return None
    return Reading(f"{n - 1:02d}")


def holiday_date(name: str, y: int) -> date:
    if name.startswith("christmas"):
        return date(y, 12, 24 if "eve" in name else 25)
    if name.startswith("new year"):
        return date(y, 12, 31) if "eve" in name else date(y, 1, 1)
    if name.startswith("independence"):
        return date(y, 7, 4)
    first = date(y, 11, 1)
    return first + timedelta((3 - first.weekday()) % 7 + 21)  # fourth Thursday of November


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


RULES: dict[str, Callable[[re.Match[str], Anchor], Reading | None]] = {
    "iso": r_iso,
    "numeric": r_numeric,
    "month_date": r_month,
    "day_month": r_day_month,
    "weekday": r_weekday,
    "relative_day": r_relative_day,
    "relative_unit": r_relative_unit,
    "duration": r_duration,
    "bare_units": r_bare_units,
    "year": r_year,
    "decade": r_decade,
    "quarter": r_quarter,
    "the_quarter": r_the_quarter,
    "year_earlier": r_year_earlier,
    "generic": r_generic,
    "season": r_season,
    "clock": r_clock,
    "set": r_set,
    "century": r_century,
    "the_unit": r_the_unit,
    "spoken_year": r_spoken_year,
    "holiday": r_holiday,
}

"""Rules for dates written out (ISO, "March 27, 2020", "the 1990s", "the third quarter"), clock
times, sets ("daily") and general references ("now", "recently")."""

from __future__ import annotations

import re

from docket.resolve.number_words import ORDINALS, to_number
from docket.resolve.times import calendar as cal
from docket.resolve.times.reading import (
    WEEKDAYS,
    Anchor,
    Reading,
    before,
    dated,
    full_year,
    looks_like_name,
    month_number,
    with_mod,
    year_for_month,
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

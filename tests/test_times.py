"""Time expressions: found in news text and normalised to TIMEX3 values relative to the DCT."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from docket.analysis import Analysis
from docket.pipeline import Context
from docket.record import Mention, TimeRef
from docket.resolve.times import stage as times
from docket.resolve.times.stage import find_times
from docket.settings import Settings

FRIDAY = date(2020, 10, 23)  # the founding article's publication date


def by_quote(found: list[TimeRef]) -> dict[str, TimeRef]:
    return {t.span.quote.lower(): t for t in found}


def values(text: str, dct: date | None = FRIDAY) -> dict[str, str | None]:
    return {t.span.quote: t.value for t in find_times(text, dct)}


def test_founding_article_times(founding_text: str) -> None:
    found = find_times(founding_text, FRIDAY)
    assert all(founding_text[t.span.start : t.span.end] == t.span.quote for t in found)
    quotes = by_quote(found)
    assert quotes["this friday"].value == "2020-10-23"
    assert quotes["this thursday"].value == "2020-10-22"
    thursdays = [t for t in found if t.span.quote == "Thursday"]
    assert thursdays and all(t.value == "2020-10-22" for t in thursdays)
    weeks = quotes["a few weeks ago"]
    assert weeks.when.precision == "approximate"
    assert weeks.when.start is not None and weeks.when.end is not None
    assert weeks.when.start < weeks.when.end < FRIDAY
    assert weeks.when.start <= date(2020, 10, 2) <= weeks.when.end
    decades = quotes["three decades"]
    assert (decades.timex_type, decades.value) == ("DURATION", "P30Y")
    assert quotes["2008"].value == "2008" and quotes["2008"].timex_type == "DATE"
    assert quotes["this year"].value == "2020"
    assert quotes["the end of last year"].value == "2019"
    # "some 2000 victims" is a number of people, not the year 2000
    assert "2000" not in quotes


def test_weekdays_follow_tense_and_news_conventions() -> None:
    assert values("He said on Thursday that talks failed.") == {"Thursday": "2020-10-22"}
    assert values("The ministers met on Monday.") == {"Monday": "2020-10-19"}
    assert values("The ministers will meet on Monday.") == {"Monday": "2020-10-26"}
    assert values("Officials spoke Friday.") == {"Friday": "2020-10-23"}
    assert values("They met last Friday.") == {"last Friday": "2020-10-16"}


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("It happened yesterday.", "yesterday", "2020-10-22"),
        ("Fighting resumed last week.", "last week", "2020-W42"),
        ("Clashes began earlier this month.", "earlier this month", "2020-10"),
        ("They signed in March 2019.", "March 2019", "2019-03"),
        ("The offensive began on 27 September.", "27 September", "2020-09-27"),
        ("Troops arrived on Sept. 27, 2020.", "Sept. 27, 2020", "2020-09-27"),
        ("The talks are now stalled.", "now", "PRESENT_REF"),
        ("The fighting lasted 44 days.", "44 days", "P44D"),
        ("It was attacked two days ago.", "two days ago", "2020-10-21"),
        ("The ceasefire held until last spring.", "last spring", "2020-SP"),
        ("Profits fell in the third quarter.", "the third quarter", "2020-Q3"),
        ("The war of the 1990s left scars.", "the 1990s", "199"),
        ("The blast came at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2020-10-21T22:00"),
    ],
)
def test_normalisation(text: str, quote: str, value: str) -> None:
    assert values(text).get(quote) == value


def test_without_a_publication_date_relative_expressions_stay_unresolved() -> None:
    found = values("On Thursday, weeks after the 2008 treaty, it was shelled yesterday.", None)
    assert found["Thursday"] is None and found["yesterday"] is None
    assert found["2008"] == "2008"


def test_bad_dates_do_not_crash() -> None:
    assert values("The report is dated 32 March 2020.") == {"32 March 2020": None}
    assert values("In the year 5000 nobody will remember.") == {}
    assert values("About 5000 people died.") == {}


def test_stage_replaces_the_model_mention(founding_text: str) -> None:
    start = founding_text.index("This Friday")
    analysis = Analysis(raw=b"", text=founding_text, published=FRIDAY)
    # the model's span runs on past the expression; the rule's reading replaces it
    analysis.mentions = [
        Mention(start=start, end=start + 25, quote=founding_text[start : start + 25], label="time"),
        Mention(start=0, end=5, quote=founding_text[:5], label="organisation"),
    ]
    times.run(analysis, Context(Settings()))
    time_mentions = [m for m in analysis.mentions if m.label == "time"]
    assert len(time_mentions) == len(analysis.times)
    first = next(m for m in time_mentions if m.start == start)
    assert (first.quote, first.canonical, first.origin) == ("This Friday", "2020-10-23", "rule")
    assert any(m.label == "organisation" for m in analysis.mentions)


@pytest.mark.slow
def test_tense_from_the_parse(nlp: Any) -> None:
    text = "Putin will travel to Baku on Monday. The foreign ministers met on Monday."
    found = find_times(text, FRIDAY, nlp(text))
    assert [t.value for t in found] == ["2020-10-26", "2020-10-19"]

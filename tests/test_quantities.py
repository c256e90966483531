"""Quantities: numbers in digits and words with their qualifiers, as low/best/high."""

from __future__ import annotations

from datetime import date

import pytest

from docket.analysis import Analysis
from docket.pipeline import Context
from docket.record import Mention, Number
from docket.resolve import quantities
from docket.resolve.quantities import canonical, find_quantities
from docket.resolve.times import stage as times
from docket.settings import Settings


def one(text: str) -> Number:
    found = find_quantities(text)
    assert len(found) == 1, [q.span.quote for q in found]
    return found[0].number


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "best", "high"),
    [
        ("at least four incidents", "at_least", 4, None, None),
        ("about 5000 deaths", "about", None, 5000, None),
        ("some 2000 victims", "about", None, 2000, None),
        ("thousands of displaced people", "thousands", 2000, None, 9999),
        ("dozens of civilians", "dozens", 24, None, 99),
        ("tens of thousands fled", "tens", 20_000, None, 99_999),
        ("more than 100 houses", "more_than", 100, None, None),
        ("up to 300 fighters", "at_most", None, None, 300),
        ("twenty-four soldiers", "exact", 24, 24, 24),
        ("2.5 million refugees", "exact", 2_500_000, 2_500_000, 2_500_000),
        ("between 10 and 15 civilians", None, 10, None, 15),
    ],
)
def test_qualifiers(text: str, qualifier: str | None, low: int, best: int, high: int) -> None:
    number = one(text)
    assert (number.qualifier, number.low, number.best, number.high) == (qualifier, low, best, high)


def test_fold_is_a_multiplier() -> None:
    found = find_quantities("exports have increased sixfold this year")
    assert [(q.span.quote, q.number.best, getattr(q, "unit", None)) for q in found] == [
        ("sixfold", 6, "fold")
    ]


def test_not_quantities() -> None:
    assert find_quantities("prices rose 20% and $5 million was paid") == []
    assert find_quantities("one of the F-16 jets") == []


def test_huge_numbers_do_not_crash() -> None:
    assert one("1,000,000,000,000,000 people").best == 10**15
    found = find_quantities("1,000,000,000,000,000,000 people")
    assert [q.number.best for q in found] == [None]


def test_canonical_forms() -> None:
    assert canonical(one("at least four")) == ">=4"
    assert canonical(one("about 5000")) == "~5000"
    assert canonical(one("thousands")) == "thousands"


def test_stage_skips_times_and_replaces_model_mentions(founding_text: str) -> None:
    analysis = Analysis(raw=b"", text=founding_text, published=date(2020, 10, 23))
    start = founding_text.index("about 5000") + len("about ")
    analysis.mentions = [Mention(start=start, end=start + 4, quote="5000", label="quantity")]
    context = Context(Settings())
    times.run(analysis, context)
    quantities.run(analysis, context)
    quotes = {q.span.quote: q.number for q in analysis.quantities}
    assert quotes["at least four"].low == 4
    assert quotes["about 5000"].best == 5000
    assert quotes["some 2000"].qualifier == "about"
    assert quotes["thousands"].qualifier == "thousands"
    assert "2008" not in quotes and "three" not in quotes  # parts of time expressions
    mentions = [m for m in analysis.mentions if m.label == "quantity" and m.start <= start < m.end]
    assert [(m.quote, m.canonical, m.origin) for m in mentions] == [("about 5000", "~5000", "rule")]
    assert all(
        founding_text[q.span.start : q.span.end] == q.span.quote for q in analysis.quantities
    )

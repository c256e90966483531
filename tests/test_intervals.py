"""Span lookups by bisection answer exactly what a scan of every item answers, in the same order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from docket.intervals import Intervals, index_at

spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=40,
)
query = st.tuples(st.integers(0, 230), st.integers(0, 40)).map(lambda p: (p[0], p[0] + p[1]))


@given(spans, query)
def test_lookups_agree_with_a_scan(items: list[tuple[int, int]], q: tuple[int, int]) -> None:
    start, end = q
    index = Intervals((s, e, k) for k, (s, e) in enumerate(items))
    numbered = list(enumerate(items))
    assert index.overlapping(start, end) == [k for k, (s, e) in numbered if s < end and start < e]
    assert index.containing(start, end) == [k for k, (s, e) in numbered if s <= start and end <= e]
    assert index.inside(start, end) == [k for k, (s, e) in numbered if start <= s and e <= end]
    assert index.starting_in(start, end) == [k for k, (s, _) in numbered if start <= s < end]


def test_index_at_finds_the_sentence_holding_an_offset() -> None:
    # three sentences with gaps between them, as stripped sentences leave
    starts, ends = [0, 10, 25], [8, 20, 40]
    assert index_at(starts, ends, 0) == 0
    assert index_at(starts, ends, 12) == 1
    assert index_at(starts, ends, 39) == 2
    assert index_at(starts, ends, 9) is None  # between two sentences
    assert index_at(starts, ends, 40) is None
    assert index_at([], [], 3) is None

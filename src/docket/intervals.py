"""Spans of a text found by bisection: which items overlap, contain or lie inside a span.

The stages ask such questions for every word or mention of a document; asked of a plain list
they make reading quadratic in the length (issue 18: a million characters must read in minutes).
:class:`Intervals` sorts the items once and answers each question in logarithmic time plus the
items it returns, given that no item is much longer than the rest (entities, mentions, places).
:func:`index_at` finds the one span holding an offset among spans that do not overlap, such as a
document's sentences.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Items on half-open spans ``[start, end)``; each query returns items in the order given."""

    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        ordered = sorted(enumerate(items), key=lambda x: (x[1][0], x[0]))
        self._order = [i for i, _ in ordered]
        self._spans = [(s, e) for _, (s, e, _) in ordered]
        self._items = [item for _, (_, _, item) in ordered]
        self._starts = [s for s, _ in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def _pick(self, lo: int, hi: int, keep: Callable[[int, int], bool]) -> list[T]:
        found = [(self._order[k], self._items[k]) for k in range(lo, hi) if keep(*self._spans[k])]
        return [item for _, item in sorted(found, key=lambda x: x[0])]

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items sharing at least one character with ``[start, end)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return self._pick(lo, hi, lambda s, e: s < end and start < e)

    def containing(self, start: int, end: int) -> list[T]:
        """Items whose span holds all of ``[start, end)``."""
        lo = bisect_left(self._starts, end - self._longest)
        hi = bisect_right(self._starts, start)
        return self._pick(lo, hi, lambda s, e: s <= start and end <= e)

    def inside(self, start: int, end: int) -> list[T]:
        """Items whose span lies within ``[start, end)``."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        return self._pick(lo, hi, lambda s, e: e <= end)

    def starting_in(self, start: int, end: int) -> list[T]:
        """Items whose span starts at ``start`` or later and before ``end``."""
        return self._pick(bisect_left(self._starts, start), bisect_left(self._starts, end), _any)


def _any(_start: int, _end: int) -> bool:
    return True


def index_at(starts: Sequence[int], ends: Sequence[int], offset: int) -> int | None:
    """The index of the span holding ``offset``, among spans sorted by start that do not
    overlap (``starts[i]`` and ``ends[i]`` bound span ``i``); None where none holds it."""
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < ends[i]:
        return i
    return None

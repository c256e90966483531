"""The resolve.quantities stage: numbers in digits and words with their qualifiers, as low/best/high.

"at least four" -> at_least, low 4; "about 5000" -> about, best 5000; "some 2000" -> about, best
2000; "thousands of" -> thousands, low 2000, high 9999; "between 10 and 15" -> low 10, high 15;
"sixfold" -> best 6 with ``unit`` "fold". Numbers inside time expressions (years, "three
decades"), percentages and sums of money are not quantities here. See docs/times-and-quantities.md
for the table of qualifiers.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from docket.analysis import Analysis
from docket.pipeline import Context, Stage
from docket.record import Mention, Number, QuantityRef, Span
from docket.resolve.number_words import DIGIT_NUMBER, WORD_NUMBER, to_number

MAX_VALUE = 10**15  # larger numbers are kept as mentions without a value
SCALE = r"(?:\s*-?\s*(?:hundred|thousand|million|billion|trillion))?"
# cue words -> (qualifier, which bound the number gives)
QUALIFIERS: dict[str, tuple[str, str]] = {
    "at least": ("at_least", "low"),
    "no fewer than": ("at_least", "low"),
    "no less than": ("at_least", "low"),
    "a minimum of": ("at_least", "low"),
    "more than": ("more_than", "low"),
    "over": ("more_than", "low"),
    "upwards of": ("more_than", "low"),
    "in excess of": ("more_than", "low"),
    "at most": ("at_most", "high"),
    "up to": ("at_most", "high"),
    "no more than": ("at_most", "high"),
    "as many as": ("at_most", "high"),
    "a maximum of": ("at_most", "high"),
    "fewer than": ("fewer_than", "high"),
    "less than": ("fewer_than", "high"),
    "under": ("fewer_than", "high"),
    "about": ("about", "best"),
    "around": ("about", "best"),
    "approximately": ("about", "best"),
    "roughly": ("about", "best"),
    "some": ("about", "best"),
    "an estimated": ("about", "best"),
    "estimated": ("about", "best"),
    "close to": ("about", "best"),
    "nearly": ("about", "best"),
    "almost": ("about", "best"),
    "approx.": ("about", "best"),
    "circa": ("about", "best"),
}
# vague amounts -> (qualifier, low, high)
VAGUE: dict[str, tuple[str, int, int]] = {
    "tens": ("tens", 20, 99),
    "dozens": ("dozens", 24, 99),
    "scores": ("dozens", 40, 99),
    "hundreds": ("hundreds", 200, 999),
    "thousands": ("thousands", 2_000, 9_999),
    "millions": ("thousands", 2_000_000, 9_999_999),
}
FOLDS = {"double": 2, "twofold": 2, "threefold": 3, "triple": 3, "quadruple": 4}
NUMBER = rf"(?:{DIGIT_NUMBER}{SCALE}|{WORD_NUMBER}|a\s+dozen)"


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    qualifier = "|".join(
        sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True)
    )
    vague = "|".join(VAGUE)
    return re.compile(
        rf"(?<![\w$£€.,-])(?:"
        rf"(?P<fold>(?:{WORD_NUMBER}|\d+)-?fold)"
        rf"|(?:(?P<few>a\s+few|several|a\s+couple\s+of)\s+)?(?P<vague>{vague})"
        rf"(?:\s+of\s+(?P<vague2>thousands|millions))?"
        rf"|between\s+(?P<num_b>{NUMBER})\s+and\s+(?P<num2_b>{NUMBER})"
        rf"|(?:(?P<qual>{qualifier})\s+)?(?P<num>{NUMBER})"
        rf"(?:\s*(?:-|–|to|or)\s*(?P<num2>{NUMBER}))?"
        rf")(?![\w-]|[.,]\d|\s*(?:%|percent|per\s+cent)|\s+(?:dollars|euros|pounds|o'clock)\b)",
        re.IGNORECASE,
    )


def number_from(match: re.Match[str]) -> tuple[Number, str | None] | None:
    """The Number a match stands for, and its unit; None when it is not a count."""
    text = match.group(0)
    if match["fold"]:
        value = to_number(match["fold"].lower().removesuffix("fold").rstrip("-"))
        if value is None:
            return None
        return Number(
            low=int(value), best=int(value), high=int(value), qualifier="exact", text=text
        ), "fold"
    if match["vague"]:
        qualifier, low, high = VAGUE[match["vague"].lower()]
        if match["vague2"]:
            scale = 1_000 if match["vague2"].lower() == "thousands" else 1_000_000
            low, high = low * scale, (high + 1) * scale - 1
        return Number(low=low, high=high, qualifier=qualifier, text=text), None  # type: ignore[arg-type]
    first, second = match["num"] or match["num_b"], match["num2"] or match["num2_b"]
    value = 12 if re.fullmatch(r"a\s+dozen", first, re.I) else to_number(first)
    if value is None or value != int(value):
        return None
    if value > MAX_VALUE:
        return Number(text=text), None
    n = int(value)
    if first.lower() == "one" and re.match(r"\s+(of|another|day)\b", match.string[match.end() :]):
        return None
    if second:
        upper = to_number(second)
        if upper is not None and upper == int(upper) and n < upper <= MAX_VALUE:
            return Number(low=n, high=int(upper), text=text), None
        return None
    if not match["qual"]:
        return Number(low=n, best=n, high=n, qualifier="exact", text=text), None
    qualifier, bound = QUALIFIERS[" ".join(match["qual"].lower().split())]
    return Number(**{bound: n}, qualifier=qualifier, text=text), None  # type: ignore[arg-type]


def canonical(number: Number) -> str | None:
    """A short text form: "4", "~5000", ">=4", ">4", "<=4", "<4", "10-15", "thousands"."""
    q = number.qualifier
    if q in ("tens", "dozens", "hundreds", "thousands"):
        return q
    if q == "exact":
        return str(number.best)
    if q == "about":
        return f"~{number.best}"
    if q in ("at_least", "more_than"):
        return f"{'>=' if q == 'at_least' else '>'}{number.low}"
    if q in ("at_most", "fewer_than"):
        return f"{'<=' if q == 'at_most' else '<'}{number.high}"
    if number.low is not None and number.high is not None:
        return f"{number.low}-{number.high}"
    return None


def find_quantities(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[QuantityRef]:
    """The quantities in ``text``, skipping any that overlap the ``taken`` spans (time
    expressions)."""
    found: list[QuantityRef] = []
    spans = sorted(taken)
    starts = [s for s, _e in spans]
    reach = list(itertools.accumulate((e for _s, e in spans), max))  # furthest end so far
    for match in pattern().finditer(text):
        start, end = match.span()
        i = bisect.bisect_left(starts, end)  # spans starting before this match ends
        if i and reach[i - 1] > start:
            continue
        if re.search(r"[$£€]\s*$|#\s*$", text[max(0, start - 2) : start]):
            continue
        read = number_from(match)
        if read is None:
            continue
        number, unit = read
        ref = QuantityRef(span=Span.of(text, start, end), number=number)
        if unit:
            ref = QuantityRef(span=ref.span, number=number, unit=unit)  # type: ignore[call-arg]
        found.append(ref)
    return found


def run(analysis: Analysis, context: Context) -> None:
    taken = [(t.span.start, t.span.end) for t in analysis.times]
    quantities = find_quantities(analysis.text, taken)
    analysis.quantities = quantities

    def covered(m: Mention) -> bool:
        return m.label == "quantity" and any(
            q.span.start < m.end and m.start < q.span.end for q in quantities
        )

    kept = [m for m in analysis.mentions if not covered(m)]
    kept.extend(
        Mention(
            start=q.span.start,
            end=q.span.end,
            quote=q.span.quote,
            label="quantity",
            canonical=canonical(q.number),
            origin="rule",
        )
        for q in quantities
    )
    analysis.mentions = kept


STAGE = Stage(
    name="resolve.quantities",
    help="Numbers in digits and words with their qualifiers (about, at least, dozens) as low/best/high.",
    reads=("text", "times", "mentions"),
    writes=("quantities", "mentions"),
    run=run,
)

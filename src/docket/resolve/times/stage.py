"""The resolve.times stage: time expressions with TIMEX3 values relative to the publication date.

Rules (:mod:`docket.resolve.times.patterns`, :mod:`docket.resolve.times.rules`) find and
normalise time expressions. Each becomes a :class:`TimeRef` and a ``time`` mention whose
``canonical`` is the TIMEX3 value; it replaces the model's time mention of the same words. The
model's DATE/TIME mentions that no rule reads stay as they are, without a value, except ages
("Kopp, 44,"), which become quantities.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

from docket.analysis import Analysis
from docket.pipeline import Context, Stage
from docket.record import Mention, Span, TimeRef, When
from docket.resolve.times import calendar as cal
from docket.resolve.times.patterns import compiled, windows, word_positions
from docket.resolve.times.rules import RULES, Anchor, Reading, Tense

PAST_TAGS = {"VBD", "VBN"}
CLOCK_VALUE = re.compile(r"T\d\d:\d\d$")
CLOCK_GAP = re.compile(r"\s*(?:\(?[A-Z]{2,4}T\)?|GMT|UTC)?\s*,?\s*(?:on\s+)?")
AGE = re.compile(r"\d{1,3}|.*\b(?:year|month|week|day)s?[\s-]old\b.*", re.I)
FUTURE_AUX = {"will", "'ll", "shall", "wo", "going", "gonna"}


def tense_from_parse(doc: Any, start: int, end: int) -> Tense | None:
    """The tense of the clause a time expression belongs to, read from the dependency parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    words = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in FUTURE_AUX for c in words):
        return "future"
    if token.tag_ == "VB" and any(c.lower_ == "to" for c in words):
        return "future"
    if any(c.tag_ in PAST_TAGS or c.lower_ in ("had", "has", "have", "was", "were") for c in words):
        return "past"
    if token.tag_ in PAST_TAGS:
        return "past"
    if token.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    return None


def tense_from_words(text: str, start: int) -> Tense:
    """A fallback without a parse: future when the sentence carries a future cue, else present
    (which the rules read as the past of news, except for a month just ahead)."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stop = min(
        [i for i in (text.find(".", start), text.find("\n", start)) if i != -1] or [len(text)]
    )
    clause = text[sentence_start:stop]
    return "future" if re.search(r"\b(will|'ll|shall|going to|next)\b", clause, re.I) else "present"


def candidates(text: str, anchor_at: Any) -> list[tuple[int, int, Reading]]:
    """Every rule match with its reading, before overlaps are settled."""
    found: list[tuple[int, int, Reading]] = []
    positions = word_positions(text)
    for name, pattern, keywords in compiled():
        rule = RULES[name]
        for start, end in windows(text, keywords, positions):
            for match in pattern.finditer(text, start, end):
                if match.end() == match.start():
                    continue
                reading = rule(match, anchor_at(match.start(), match.end()))
                if reading is not None:
                    found.append((match.start(), match.end(), reading))
    return found


def longest_first(found: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """Non-overlapping matches, longer ones winning, in text order."""
    starts: list[int] = []  # the chosen spans, sorted and disjoint
    ends: list[int] = []
    chosen: list[tuple[int, int, Reading]] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        i = bisect.bisect_right(starts, item[0])
        if (i and ends[i - 1] > item[0]) or (i < len(starts) and starts[i] < item[1]):
            continue
        starts.insert(i, item[0])
        ends.insert(i, item[1])
        chosen.append(item)
    return sorted(chosen, key=lambda f: f[0])


def with_clock(text: str, chosen: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """Join a clock time and the day after it ("10 p.m. Wednesday") into one expression."""
    merged: list[tuple[int, int, Reading]] = []
    for item in chosen:
        if merged:
            start, _end, clock = merged[-1]
            day_value = item[2].value or ""
            if (
                clock.value
                and (time := CLOCK_VALUE.search(clock.value))
                and re.fullmatch(r"\d{4}-\d\d-\d\d", day_value)
                and CLOCK_GAP.fullmatch(text[_end : item[0]])
            ):
                merged[-1] = (start, item[1], Reading(day_value + time.group(0), "TIME"))
                continue
        merged.append(item)
    return merged


def find_times(text: str, published: date | None, doc: Any = None) -> list[TimeRef]:
    """The time expressions in ``text`` with their TIMEX3 values relative to ``published``.

    ``doc`` (a spaCy Doc of ``text``) gives the tense of each clause; without it a future cue in
    the sentence decides.
    """
    quarterly = len(re.findall(r"\bquarter", text, re.I)) >= 2

    def anchor_at(start: int, end: int) -> Anchor:
        tense = tense_from_parse(doc, start, end) if doc is not None else None
        return Anchor(published, tense or tense_from_words(text, start), quarterly)

    chosen = with_clock(text, longest_first(candidates(text, anchor_at)))
    times = [
        TimeRef(
            span=Span.of(text, start, end),
            value=reading.value,
            timex_type=reading.timex_type,  # type: ignore[arg-type]
            when=with_text(reading.when or cal.interval(reading.value, published), text[start:end]),
        )
        for start, end, reading in chosen
    ]
    return sorted(times, key=lambda t: t.span.start)


def with_text(when: When, quote: str) -> When:
    return When(precision=when.precision, start=when.start, end=when.end, text=quote)


def run(analysis: Analysis, context: Context) -> None:
    times = find_times(analysis.text, analysis.published, analysis.doc)
    analysis.times = times

    def covered(m: Mention) -> bool:
        return m.label == "time" and any(
            t.span.start < m.end and m.start < t.span.end for t in times
        )

    kept: list[Mention] = []
    for mention in analysis.mentions:
        if covered(mention):
            continue  # the rule's reading replaces the model's mention of these words
        if mention.label == "time" and AGE.fullmatch(mention.quote):
            # the model tags ages ("Kopp, 44,", "a 6-year-old boy") as dates: they are numbers
            mention = mention.model_copy(update={"label": "quantity", "origin": "rule"})
        kept.append(mention)
    kept.extend(
        Mention(
            start=t.span.start,
            end=t.span.end,
            quote=t.span.quote,
            label="time",
            canonical=t.value,
            origin="rule",
        )
        for t in times
    )
    analysis.mentions = kept


STAGE = Stage(
    name="resolve.times",
    help="Time expressions normalised to TIMEX3 values relative to the publication date.",
    reads=("text", "published", "doc", "mentions"),
    writes=("times", "mentions"),
    run=run,
)

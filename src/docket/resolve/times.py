"""The resolve.times stage: time expressions with TIMEX3 values relative to the publication date.

Rules (:mod:`docket.resolve.timex_patterns`, :mod:`docket.resolve.timex_rules`) find and
normalise time expressions; the statistical model's DATE/TIME entities are kept where no rule
finds anything inside them, without a value. Each expression becomes a :class:`TimeRef` and a
``time`` mention whose ``canonical`` is the TIMEX3 value; a rule's reading replaces the model's
mention of the same words.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from docket.analysis import Analysis
from docket.pipeline import Context, Stage
from docket.record import Mention, Span, TimeRef, When
from docket.resolve import timex_calendar as cal
from docket.resolve.timex_patterns import compiled
from docket.resolve.timex_rules import RULES, Anchor, Reading, Tense

PAST_TAGS = {"VBD", "VBN"}
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
    """A fallback without a parse: future when the sentence so far carries a future cue."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stop = min(
        [i for i in (text.find(".", start), text.find("\n", start)) if i != -1] or [len(text)]
    )
    clause = text[sentence_start:stop]
    return "future" if re.search(r"\b(will|'ll|shall|going to|next)\b", clause, re.I) else "past"


def candidates(text: str, anchor_at: Any) -> list[tuple[int, int, Reading]]:
    """Every rule match with its reading, before overlaps are settled."""
    found: list[tuple[int, int, Reading]] = []
    for name, pattern in compiled():
        rule = RULES[name]
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            reading = rule(match, anchor_at(match.start(), match.end()))
            if reading is not None:
                found.append((match.start(), match.end(), reading))
    return found


def longest_first(found: list[tuple[int, int, Reading]]) -> list[tuple[int, int, Reading]]:
    """Non-overlapping matches, longer ones winning, in text order."""
    chosen: list[tuple[int, int, Reading]] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(item[1] <= c[0] or item[0] >= c[1] for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda f: f[0])


def find_times(
    text: str, published: date | None, doc: Any = None, entities: list[Any] | None = None
) -> list[TimeRef]:
    """The time expressions in ``text`` with their TIMEX3 values relative to ``published``.

    ``doc`` (a spaCy Doc of ``text``) gives the tense of each clause; ``entities`` (the model's
    entities) adds DATE/TIME spans that no rule covers, without a value.
    """
    quarterly = len(re.findall(r"\bquarter", text, re.I)) >= 2

    def anchor_at(start: int, end: int) -> Anchor:
        tense = tense_from_parse(doc, start, end) if doc is not None else None
        return Anchor(published, tense or tense_from_words(text, start), quarterly)

    chosen = longest_first(candidates(text, anchor_at))
    times = [
        TimeRef(
            span=Span.of(text, start, end),
            value=reading.value,
            timex_type=reading.timex_type,  # type: ignore[arg-type]
            when=with_text(reading.when or cal.interval(reading.value, published), text[start:end]),
        )
        for start, end, reading in chosen
    ]
    for entity in entities or []:
        if entity.label not in ("DATE", "TIME"):
            continue
        if any(t.span.start < entity.end and entity.start < t.span.end for t in times):
            continue
        if not re.search(r"\d|[A-Za-z]{3}", entity.text):
            continue
        times.append(
            TimeRef(
                span=Span.of(text, entity.start, entity.end),
                value=None,
                timex_type="TIME" if entity.label == "TIME" else "DATE",
                when=When(text=entity.text),
            )
        )
    return sorted(times, key=lambda t: t.span.start)


def with_text(when: When, quote: str) -> When:
    return When(precision=when.precision, start=when.start, end=when.end, text=quote)


def run(analysis: Analysis, context: Context) -> None:
    times = find_times(analysis.text, analysis.published, analysis.doc, analysis.entities)
    analysis.times = times

    def covered(m: Mention) -> bool:
        return m.label == "time" and any(
            t.span.start < m.end and m.start < t.span.end for t in times
        )

    model_spans = {(m.start, m.end) for m in analysis.mentions if m.label == "time"}
    analysis.mentions = [m for m in analysis.mentions if not covered(m)]
    analysis.mentions.extend(
        Mention(
            start=t.span.start,
            end=t.span.end,
            quote=t.span.quote,
            label="time",
            canonical=t.value,
            origin="model"
            if t.value is None and (t.span.start, t.span.end) in model_spans
            else "rule",
        )
        for t in times
    )


STAGE = Stage(
    name="resolve.times",
    help="Time expressions normalised to TIMEX3 values relative to the publication date.",
    reads=("text", "published", "doc", "entities", "mentions"),
    writes=("times", "mentions"),
    run=run,
)

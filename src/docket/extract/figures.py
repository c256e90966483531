"""The extract.figures stage: aggregate numbers (deaths, injured, displaced, ceasefires, ...).

A figure is a number in the text tied to a *measure* word by the parse: the noun it counts
("5000 deaths"), the verb its noun is an argument of ("12 people were killed"), or the subject of
the clause it is the value of ("the death toll rose to 50"). Numbers with no measure (years, ages,
"one month old") are not figures. Each figure takes its scope from a prepositional phrase
("on each side", "from the Upper Karabakh region"), its attribution from the claim that contains
it (``analysis.claims``) or else from the sentence's own cue ("according to ...", "X said"), and
its as-of date from the time expression of that attribution, else the publication date.

Numbers and their qualifiers come from ``analysis.quantities`` (the resolve.quantities stage);
a number with no value (one too large for a 64-bit integer) makes no figure. A figure repeated in
one document (headline and body) is kept once, with its attribution when one copy has it.

Measures and scopes are read by :mod:`docket.extract.figure_measures` (words from
``knowledge/figure_words.csv``), sources and dates by :mod:`docket.extract.figure_sources`.
"""

from __future__ import annotations

import re
from typing import Any

from docket.analysis import Analysis
from docket.extract.figure_measures import (
    Quantity,
    measure_of,
    noun_measure,
    phrase_without_clauses,
    quantities_of,
    scope_of,
    value_token,
)
from docket.extract.figure_sources import claim_attribution, own_attribution
from docket.pipeline import Context, Stage
from docket.record import Figure, Incident, Span, When, record_id

YEAR = re.compile(r"^(1[0-9]|20)\d\d$")
SLASHED = re.compile(r"\d/\d")


def figure_for(analysis: Analysis, doc: Any, q: Quantity, document_id: str) -> Figure | None:
    found = measure_of(doc, q)
    if found is None:
        return None
    measure, anchors = found
    value = value_token(doc, q)
    scope, scope_end = scope_of(analysis, doc, [*anchors, value])
    counted = [value.head] if value.dep_ == "nummod" else []  # "killed 7 soldiers"
    first = min([doc[q.i], *anchors, *counted], key=lambda t: t.i)
    last = max([doc[q.j - 1], *anchors, *counted], key=lambda t: t.i)
    start, end = first.idx, max(last.idx + len(last), scope_end)
    text = analysis.text
    from_claim = claim_attribution(analysis, doc, value, start, end)
    own = own_attribution(analysis, doc, value)
    attributions = [a for a in (from_claim, own) if a is not None]
    resolved = [a for a in attributions if a[0].actor]
    ranked = resolved or attributions[::-1]
    source = ranked[0][0] if ranked else None
    as_of = next((a[1] for a in attributions if a[1] is not None), None)
    if as_of is None and analysis.published is not None:
        day = analysis.published  # a figure given with no date of its own: as of publication
        as_of = When(start=day, end=day, precision="day")
    figure = Figure(
        id=record_id("fig", document_id, start, end),
        measure=measure,  # type: ignore[arg-type]
        value=q.number,
        scope=scope,
        attributed_to=source,
        as_of=as_of,
        span=Span.of(text, start, end),
    )
    if measure == "other":
        subject = next((c for c in anchors[0].children if c.dep_ in ("nsubj", "nsubjpass")), None)
        extra: dict[str, Any] = {"unit": q.unit}
        if subject is not None:
            extra["what"] = doc[slice(*phrase_without_clauses(subject))].text
        figure = figure.model_copy(update=extra)
    return figure


def key(figure: Figure) -> tuple[Any, ...]:
    """What makes a figure the same figure when a document repeats it (headline and body)."""
    v = figure.value
    return figure.measure, v.low, v.best, v.high, v.qualifier, figure.scope


def run(analysis: Analysis, context: Context) -> None:
    doc = analysis.doc
    if doc is None or not analysis.text:
        return
    document_id = analysis.document.id if analysis.document else ""
    time_spans = [(t.span.start, t.span.end) for t in analysis.times]
    kept: dict[tuple[Any, ...], int] = {}
    figures: list[Figure] = []
    for q in quantities_of(analysis, doc):
        start, end = doc[q.i].idx, doc[q.j - 1].idx + len(doc[q.j - 1])
        value = value_token(doc, q)
        year = bool(YEAR.match(value.text)) and value.ent_type_ in ("DATE", "TIME")
        in_time = year or any(s < end and start < e for s, e in time_spans)
        if in_time and not (value.dep_ == "nummod" and noun_measure(value.head)):
            continue  # "the 2008 treaty", "three decades"
        if SLASHED.search(doc[q.i : q.j].text):
            continue  # numbers joined by a slash name a date or an event ("9/11"), not a count
        figure = figure_for(analysis, doc, q, document_id)
        if figure is None:
            continue
        n = kept.get(key(figure))
        if n is None:
            kept[key(figure)] = len(figures)
            figures.append(figure)
        elif figures[n].attributed_to is None and figure.attributed_to is not None:
            figures[n] = figure  # the repeat that says who gives the number
    analysis.figures.extend(distinct_ids(figures, document_id))
    attribute_tolls(analysis.incidents, analysis.figures)


def attribute_tolls(incidents: list[Incident], figures: list[Figure]) -> None:
    """Give each incident's killed and injured the attribution of the document's figure of
    them: the figure of that measure and number read inside the incident's evidence ("killed 12
    people and wounded 30 ..., the health ministry said": both by the health ministry)."""
    for incident in incidents:
        for measure in ("killed", "injured"):
            number = getattr(incident, measure)
            if number is None or number.best is None:
                continue
            sources = [
                f.attributed_to
                for f in figures
                if f.measure == measure
                and f.value.best == number.best
                and f.attributed_to is not None
                and any(e.start <= f.span.start and f.span.end <= e.end for e in incident.evidence)
            ]
            if sources:
                number.attributed_to = sources[0]


def distinct_ids(figures: list[Figure], document_id: str) -> list[Figure]:
    """``figures`` with no id twice: two different figures read over the same span (the same
    words counted twice, as "2 soldiers and 3 civilians killed" may be) get ids of their own."""
    seen: set[str | None] = set()
    out = []
    for figure in figures:
        if figure.id in seen:
            span = figure.span
            own = record_id("fig", document_id, span.start, span.end, *key(figure))
            figure = figure.model_copy(update={"id": own})
        seen.add(figure.id)
        out.append(figure)
    return out


STAGE = Stage(
    name="extract.figures",
    help="Aggregate numbers (killed, injured, displaced, missing, detained, incidents, "
    "ceasefires, growth) with low/best/high, qualifier, scope, attribution and as-of date; "
    "each incident's killed and injured take the attribution of their figure.",
    reads=(
        "text",
        "doc",
        "published",
        "document",
        "quantities",
        "actors",
        "places",
        "times",
        "claims",
        "incidents",
    ),
    writes=("figures", "incidents"),
    run=run,
)

"""The resolve.places stage: every place name in the document, on the map, with its precision.

Place names come from the model's GPE/LOC/FAC entities and from the gazetteer (names the model
missed or mislabelled). Each is resolved in the context of the whole document (see
:mod:`docket.resolve.places.ranker`); metonymic uses ("Baku said") are marked
``metonymic`` and never serve as an incident's location. Model mentions for the same span are
replaced by a ``place`` mention whose canonical value is the gazetteer id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from docket.analysis import Analysis
from docket.geoparse import is_demonym, read_places
from docket.intervals import Intervals
from docket.pipeline import Context, Stage
from docket.record import Mention, PlaceRef, Span

FOCUS_KEYS = ("outlet_focus", "without_focus")  # a place the outlet's usual places moved

# most specific first
PRECISION_ORDER = {"point": 0, "town": 1, "district": 2, "region": 3, "country": 4, "unknown": 9}


def marked_metonymic(ref: PlaceRef) -> bool:
    return bool((ref.model_extra or {}).get("metonymic"))


def run(analysis: Analysis, context: Context) -> None:
    resources = context.resources
    outlet = analysis.meta.get("outlet")
    focus = context.outlet_focus(outlet, resources.gazetteer)
    found = read_places(
        analysis.doc,
        resources.gazetteer,
        resources.place_ranker,
        resources.place_detector,
        focus=focus,
        outlet=outlet,
    )
    # demonyms speak of a country, not of where things happen: they are not the document's places
    refs = [ref for ref in found if not is_demonym(ref)]
    analysis.places = refs
    # a place span replaces the model's mention of the same words (or overlapping ones); mentions
    # made by rules or registries (origin other than "model") are left as they are
    kept: list[Mention] = []
    spans = Intervals((ref.span.start, ref.span.end, ref) for ref in refs if ref.span)
    for mention in analysis.mentions:
        overlaps = (
            mention.origin == "model"
            and mention.label in ("place", "person", "organisation", "other")
            and bool(spans.overlapping(mention.start, mention.end))
        )
        if not overlaps:
            kept.append(mention)
    guarded = Intervals((m.start, m.end, m) for m in kept if m.origin != "model")
    for ref in refs:
        assert ref.span is not None
        s, e = ref.span.start, ref.span.end
        if guarded.overlapping(s, e):
            continue
        kept.append(
            Mention(
                start=s,
                end=e,
                quote=ref.span.quote,
                label="place",
                canonical=ref.gazetteer_id,
                origin=(ref.model_extra or {}).get("origin", "gazetteer"),
                precision=ref.precision,  # how precise this reference is: town, region, ...
                name=ref.name,
                lat=ref.lat,
                lon=ref.lon,
                country=ref.country,
                **{k: v for k, v in (ref.model_extra or {}).items() if k in FOCUS_KEYS},
            )
        )
    analysis.mentions = kept


def overlaps_any(span: Span, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``span`` shares a character with any of the ``(start, end)`` ``spans``."""
    return any(s < span.end and span.start < e for s, e in spans)


def best_location(
    analysis: Analysis,
    start: int,
    end: int,
    focus: bool = True,
    leave_out: Sequence[tuple[int, int]] = (),
) -> PlaceRef | None:
    """The most specific non-metonymic place the text ties to ``text[start:end]``: a place in the
    same sentence (the nearest among the most specific), else (with ``focus``) the document's
    focus (its most often named place, the more specific on a tie), else None. A place within a
    ``leave_out`` span (a name that stands for the attacker) is none of these."""
    places = [
        p
        for p in analysis.places
        if p.gazetteer_id
        and p.span
        and not marked_metonymic(p)
        and not overlaps_any(p.span, leave_out)
    ]
    if not places:
        return None
    sentence = next((s for s in analysis.sentences if s.start <= start < s.end), None)
    if sentence is not None:
        inside = [p for p in places if p.span and sentence.start <= p.span.start < sentence.end]
        if inside:
            return min(
                inside,
                key=lambda p: (
                    PRECISION_ORDER[p.precision],
                    abs(p.span.start - start) if p.span else 0,
                ),
            )
    if not focus:
        return None
    counts = Counter(p.gazetteer_id for p in places)
    return min(places, key=lambda p: (-counts[p.gazetteer_id], PRECISION_ORDER[p.precision]))


STAGE = Stage(
    name="resolve.places",
    help="Place names (model entities and gazetteer matches) resolved to GeoNames places with a "
    "precision; metonymic uses ('Baku said') marked.",
    reads=("text", "doc", "mentions", "meta"),
    writes=("places", "mentions"),
    run=run,
)

"""The resolve.authorities stage: "the authorities in X" as the authorities of a resolved place.

Runs after resolve.places, because the place decides who the authorities are. "Local authorities
in Donetsk", "the authorities of Donetsk", "Donetsk authorities", "Donetsk's authorities" are the
actor ``donetsk-authorities`` (type ``authority``, name "authorities of Donetsk"); an anaphoric
place ("the authorities in the region", "the city's authorities") is the most recent place of that
kind before it; "the local authorities" with no place named are those of the most recent place
below the country. When the place is a country, the authorities are the state (ISO 3166-1 alpha-3
id, type ``state``). Spans the actors stage already decided are left alone.
"""

from __future__ import annotations

from typing import Any

import pycountry

from docket.analysis import Analysis
from docket.knowledge.actors.registry import load_registry
from docket.pipeline import Context, Stage
from docket.record import ActorRef, Mention, PlaceRef, Span
from docket.resolve.actors.persons import slug

# words before "authorities" that belong to the phrase; the ones that name a level of government
# say which place "the <word> authorities" without a place belong to
MODIFIERS = frozenset(["local", "regional", "provincial", "municipal", "city", "de", "facto"])
LEVELS: dict[str, tuple[str, ...]] = {
    "local": ("town", "district", "region"),
    "municipal": ("town",),
    "city": ("town",),
    "regional": ("region",),
    "provincial": ("region",),
}
# "the region", "the city", ...: the place precisions each anaphoric noun refers back to
ANAPHORS: dict[str, tuple[str, ...]] = {
    "region": ("region",),
    "province": ("region",),
    "city": ("town",),
    "town": ("town",),
    "district": ("district",),
    "country": ("country",),
}
APOSTROPHE_S = ("'s", "’s")
MODEL_LABELS = frozenset(["person", "organisation", "actor", "other"])


def resolved(places: list[PlaceRef]) -> list[PlaceRef]:
    """Places with a name, a known precision and a span, in text order."""
    found = [p for p in places if p.span is not None and p.name and p.precision != "unknown"]
    return sorted(found, key=lambda p: p.span.start if p.span else 0)


def place_at(places: list[PlaceRef], start: int | None = None, end: int | None = None) -> Any:
    """The place whose span starts at ``start`` or ends at ``end``."""
    for place in places:
        assert place.span is not None
        if place.span.start == start or place.span.end == end:
            return place
    return None


def most_recent(places: list[PlaceRef], before: int, precisions: tuple[str, ...]) -> Any:
    """The last place before offset ``before`` with one of ``precisions``."""
    earlier = [p for p in places if p.span and p.span.end <= before and p.precision in precisions]
    return earlier[-1] if earlier else None


def anaphor(doc: Any, i: int) -> tuple[str, ...] | None:
    """The precisions "the <noun>" at token ``i`` refers back to, if it is such an anaphor."""
    if i < 1 or i >= len(doc) or doc[i - 1].lower_ != "the":
        return None
    return ANAPHORS.get(doc[i].lower_)


def place_after(doc: Any, i: int, places: list[PlaceRef]) -> Any:
    """The place in "authorities in/of X" for "authorities" at token ``i``."""
    j = i + 1
    if j >= len(doc) or doc[j].lower_ not in ("in", "of"):
        return None
    j += 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    if j >= len(doc):
        return None
    found = place_at(places, start=doc[j].idx)
    if found is not None:
        return found
    kinds = anaphor(doc, j)
    return most_recent(places, doc[j].idx, kinds) if kinds else None


def place_before(doc: Any, k: int, places: list[PlaceRef]) -> Any:
    """The place in "X authorities" / "X's authorities" for a phrase starting at token ``k``."""
    if k < 1:
        return None
    last = k - 1
    if doc[last].text in APOSTROPHE_S:
        last -= 1
    if last < 0:
        return None
    found = place_at(places, end=doc[last].idx + len(doc[last].text))
    if found is not None:
        return found
    kinds = anaphor(doc, last)
    return most_recent(places, doc[last].idx, kinds) if kinds else None


def state_of(place: PlaceRef) -> tuple[str, str] | None:
    """The state (ISO3 id, name) a country place stands for."""
    if not place.country:
        return None
    iso3 = "XKX" if place.country == "XK" else None
    if iso3 is None:
        country = pycountry.countries.get(alpha_2=place.country)
        iso3 = country.alpha_3 if country is not None else None
    actor = load_registry().actors.get(iso3 or "")
    return (actor.id, actor.name) if actor is not None else None


def authority_ref(text: str, start: int, end: int, place: PlaceRef) -> ActorRef | None:
    """The actor for ``text[start:end]`` as the authorities of ``place``."""
    span = Span.of(text, start, end)
    if place.precision == "country":
        state = state_of(place)
        if state is None:
            return None
        ref = ActorRef(text=span.quote, actor=state[0], name=state[1], type="state", span=span)
    else:
        name = place.name or ""
        ref = ActorRef(
            text=span.quote,
            actor=f"{slug(name)}-authorities",
            name=f"authorities of {name}",
            type="authority",
            span=span,
        )
    ref.via = "authorities"  # type: ignore[attr-defined]
    return ref


def find(analysis: Analysis) -> list[ActorRef]:
    """Every "authorities" phrase the resolved places tie to a place."""
    text, doc = analysis.text, analysis.doc
    places = resolved(analysis.places)
    found: list[ActorRef] = []
    for token in doc:
        if token.lower_ != "authorities":
            continue
        k = token.i
        while k > 0 and doc[k - 1].lower_ in MODIFIERS:
            k -= 1
        start, end = doc[k].idx, token.idx + len(token.text)
        place = place_after(doc, token.i, places) or place_before(doc, k, places)
        if place is None:
            levels = [LEVELS[t.lower_] for t in doc[k : token.i] if t.lower_ in LEVELS]
            place = most_recent(places, start, levels[0]) if levels else None
        ref = authority_ref(text, start, end, place) if place is not None else None
        if ref is not None:
            found.append(ref)
    return found


def run(analysis: Analysis, context: Context) -> None:
    if analysis.doc is None:
        return
    taken = [(a.span.start, a.span.end) for a in analysis.actors if a.span]
    taken += [(m.start, m.end) for m in analysis.mentions if m.origin != "model"]
    added = [
        ref
        for ref in find(analysis)
        if ref.span and not any(s < ref.span.end and ref.span.start < e for s, e in taken)
    ]
    if not added:
        return
    mentions = list(analysis.mentions)
    for ref in added:
        assert ref.span is not None
        start, end = ref.span.start, ref.span.end
        mentions = [
            m
            for m in mentions
            if not (
                m.origin == "model" and m.label in MODEL_LABELS and m.start < end and start < m.end
            )
        ]
        mentions.append(
            Mention(
                start=start,
                end=end,
                quote=ref.span.quote,
                label="actor" if ref.type == "state" else "organisation",
                canonical=ref.actor,
                origin="rule",
            )
        )
    analysis.mentions = mentions
    analysis.actors = sorted(
        [*analysis.actors, *added], key=lambda a: a.span.start if a.span else 0
    )


STAGE = Stage(
    name="resolve.authorities",
    help="Authorities tied to a resolved place: 'the authorities in X', 'X authorities', 'the "
    "authorities in the region' as '<place>-authorities', or the state when X is a country.",
    reads=("text", "doc", "places", "actors", "mentions"),
    writes=("actors", "mentions"),
    run=run,
)

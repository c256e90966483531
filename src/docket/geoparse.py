"""Geoparsing as a library: find place names in a text and put them on the map.

:func:`resolve_spans` resolves given toponym spans; :func:`find_places` finds them first (the
statistical model's place entities plus gazetteer matches it missed); :func:`geoparse` answers the
``docket geoparse`` contract (../shared/contract/README.md) for a batch of records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from docket.errors import Problem
from docket.knowledge.gazetteer.store import Gazetteer, Place, load_gazetteer
from docket.record import PlaceRef, Span
from docket.resolve.places.ranker import Ranker, resolve
from docket.resolve.places.ranking import Focus, Resolution

if TYPE_CHECKING:
    from docket.resolve.places.detector import Detector
    from docket.resources import Resources


def place_ref(text: str, start: int, end: int, place: Place | None, **extra: Any) -> PlaceRef:
    """The reference at ``text[start:end]`` to ``place`` (None: unknown place, nothing guessed)."""
    span = Span.of(text, start, end)
    if place is None:
        return PlaceRef(text=span.quote, precision="unknown", span=span, **extra)
    return PlaceRef(
        text=span.quote,
        precision=place.precision,  # type: ignore[arg-type]
        name=place.name,
        gazetteer_id=place.id,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        country=place.country or None,
        span=span,
        kind=place.kind,
        **extra,
    )


def resolve_spans(
    text: str,
    spans: Sequence[tuple[int, int]],
    gazetteer: Gazetteer | None = None,
    focus: Focus | None = None,
    ranker: Ranker | None = None,
) -> list[PlaceRef]:
    """One reference for each ``(start, end)`` toponym span of ``text``, resolved jointly
    (``focus``: the publication's usual places, see
    :func:`~docket.resolve.places.ranking.outlet_focus`; ``ranker``: the learned ranker, by
    default the shipped one)."""
    gaz = gazetteer or load_gazetteer()
    return [
        place_ref(text, s, e, r.place)
        for (s, e), r in zip(spans, resolve(gaz, text, spans, focus, ranker), strict=True)
    ]


def read_places(
    doc: Any,
    gazetteer: Gazetteer,
    ranker: Ranker | None = None,
    detector: Detector | None = None,
    focus: Focus | None = None,
    outlet: str | None = None,
) -> list[PlaceRef]:
    """The place references in the spaCy ``doc``, in text order, found by the learned toponym
    ``detector`` (by default the shipped one): each toponym resolved in the context of the others,
    metonymic uses marked, and each demonym or national adjective ("Russian") with origin
    ``demonym``, resolved beside them (the toponyms' own readings do not count the demonyms as
    toponyms: they speak of a country, not of where things are).

    ``focus``: the usual places of the document's ``outlet`` (see
    :mod:`docket.resolve.places.outlets`). A reference the focus placed elsewhere than the
    document alone would says so: ``outlet_focus`` (the outlet) and ``without_focus`` (the
    gazetteer id read without it, or None)."""
    from docket.resolve.places.detector import load_detector
    from docket.resolve.places.metonymy import is_metonymic

    text = doc.text  # spaCy builds it anew on each access: once here
    spans = (detector or load_detector()).detect(doc, gazetteer)
    found = _resolved(text, spans, gazetteer, ranker, focus)
    alone = _resolved(text, spans, gazetteer, ranker, None) if focus is not None else found
    refs = []
    for s, e, origin in spans:
        place, without = found[(s, e)].place, alone[(s, e)].place
        moved = {}
        if (place and place.id) != (without and without.id):
            moved = {"outlet_focus": outlet, "without_focus": without.id if without else None}
        refs.append(
            place_ref(
                text,
                s,
                e,
                place,
                origin=origin,
                metonymic=origin != "demonym" and is_metonymic(doc, s, e),
                **moved,
            )
        )
    return refs


def _resolved(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    gazetteer: Gazetteer,
    ranker: Ranker | None,
    focus: Focus | None,
) -> dict[tuple[int, int], Resolution]:
    """Each detected span's resolution: the toponyms read together, then the demonyms beside
    them."""
    toponyms = [(s, e) for s, e, origin in spans if origin != "demonym"]
    found = dict(zip(toponyms, resolve(gazetteer, text, toponyms, focus, ranker), strict=True))
    if len(toponyms) < len(spans):
        every = [(s, e) for s, e, _ in spans]
        for span, reading in zip(
            every, resolve(gazetteer, text, every, focus, ranker), strict=True
        ):
            found.setdefault(span, reading)
    return found


def find_places(
    text: str,
    nlp: Any,
    gazetteer: Gazetteer | None = None,
    ranker: Ranker | None = None,
    detector: Detector | None = None,
) -> list[PlaceRef]:
    """The place references docket finds in ``text`` by itself (:func:`read_places`)."""
    return read_places(nlp(text), gazetteer or load_gazetteer(), ranker, detector)


def is_demonym(ref: PlaceRef) -> bool:
    """Whether ``ref`` is a demonym or national adjective ("Russian"), not a place name."""
    return (ref.model_extra or {}).get("origin") == "demonym"


def toponym_spans(record: dict[str, Any]) -> list[tuple[int, int]] | Problem:
    """The ``(start, end)`` spans of a record's ``toponyms``, or the E041 problem naming the
    record and the toponym when one is not a span of its text (offsets missing, not integers,
    negative, reversed or past the end, or a ``quote`` that differs from the text there)."""
    text, spans = record["text"], []
    name = f"record {record.get('id')!r}"
    for n, top in enumerate(record["toponyms"]):
        start = top.get("start") if isinstance(top, dict) else None
        end = top.get("end") if isinstance(top, dict) else None
        if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
            return Problem("E041", f"{name}, toponym {n}: start and end must be integers", name)
        if not 0 <= start < end <= len(text):
            return Problem(
                "E041",
                f"{name}, toponym {n}: span {start}-{end} is not within the text "
                f"({len(text)} characters)",
                name,
            )
        quote = top.get("quote")
        if quote is not None and quote != text[start:end]:
            return Problem(
                "E041",
                f"{name}, toponym {n}: quote {quote!r} does not match the text there "
                f"({text[start:end]!r})",
                name,
            )
        spans.append((start, end))
    return spans


def geoparse(records: Iterable[dict[str, Any]], resources: Resources) -> Iterator[dict[str, Any]]:
    """For each ``{"id", "text", "toponyms"?}`` record, ``{"id", "places": [...]}``.

    With ``toponyms`` (a list of ``{"start", "end"}``), exactly those spans are resolved, one place
    each; without, docket finds the place names itself (the spaCy pipeline of ``resources`` is
    loaded only then). A record whose toponyms are not spans of its text gets no places and an
    ``error`` naming it (E041); the batch goes on.
    """
    fields = ("start", "end", "quote", "name", "gazetteer_id", "lat", "lon", "country", "precision")
    for record in records:
        text = record["text"]
        if record.get("toponyms") is not None:
            spans = toponym_spans(record)
            if isinstance(spans, Problem):
                yield {"id": record.get("id"), "places": [], "error": str(spans)}
                continue
            refs = resolve_spans(text, spans, resources.gazetteer, ranker=resources.place_ranker)
        else:
            refs = find_places(
                text,
                resources.nlp,
                resources.gazetteer,
                resources.place_ranker,
                resources.place_detector,
            )
        places = []
        for ref in refs:
            assert ref.span is not None
            row = ref.to_json()
            row.update(start=ref.span.start, end=ref.span.end, quote=ref.span.quote)
            places.append(
                {k: row.get(k) for k in fields}
                | {"metonymic": row.get("metonymic", False), "demonym": is_demonym(ref)}
            )
        yield {"id": record.get("id"), "places": places}

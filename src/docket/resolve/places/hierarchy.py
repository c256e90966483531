"""Which places lie in which, by their admin codes: a town in its county and state, a county in
its state, everything in its country.

Used to read the admin hierarchy a document writes ("Springfield, Illinois") and the support that
toponyms named apart lend each other (a town and its county both named in the document).
"""

from __future__ import annotations

from collections import defaultdict

from docket.knowledge.gazetteer.store import Candidate, Place

Area = tuple[str, ...]


def _areas_in(place: Place) -> tuple[Area, ...]:
    """The divisions ``place`` lies in: (country, admin1) and (country, admin1, admin2)."""
    if place.kind == "city" and place.admin1:
        if place.admin2:
            return (place.country, place.admin1), (place.country, place.admin1, place.admin2)
        return ((place.country, place.admin1),)
    if place.kind == "admin2" and place.admin1:
        return ((place.country, place.admin1),)
    return ()


def _area_of(place: Place) -> Area | None:
    """The division ``place`` is, as :func:`_areas_in` writes it."""
    if place.kind == "admin1":
        return (place.country, place.name)
    if place.kind == "admin2" and place.admin1:
        return (place.country, place.admin1, place.name)
    return None


def support(options: dict[str, tuple[Candidate, ...]]) -> dict[str, list[bool]]:
    """For each candidate, whether a candidate of another toponym of the document contains it
    or lies in it (a town and its county or state named anywhere in the document: "Richmond" and
    "Madison County" support each other in Kentucky, not in Virginia). Only places a name is the
    own name of count, on both sides: an alternate name is too weak a tie."""
    inside: dict[Area, set[str]] = defaultdict(set)  # area -> toponyms with a candidate in it
    being: dict[Area, set[str]] = defaultdict(set)  # area -> toponyms with a candidate that is it
    for key, cands in options.items():
        for cand in cands:
            if not cand.primary:
                continue
            for area in _areas_in(cand.place):
                inside[area].add(key)
            own = _area_of(cand.place)
            if own is not None:
                being[own].add(key)
    found: dict[str, list[bool]] = {}
    for key, cands in options.items():
        flags = []
        for cand in cands:
            own = _area_of(cand.place)
            ok = cand.primary and (
                any(being.get(a, set()) - {key} for a in _areas_in(cand.place))
                or bool(own is not None and inside.get(own, set()) - {key})
            )
            flags.append(ok)
        found[key] = flags
    return found


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` is a division (or the country) that ``inner`` lies in, by the admin codes."""
    if outer.key == inner.key or not outer.country or outer.country != inner.country:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind == "admin1":
        return inner.admin1 == outer.name and inner.kind in ("admin2", "city")
    if outer.kind == "admin2":
        return inner.admin2 == outer.name and inner.kind == "city"
    return False

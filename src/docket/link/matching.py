"""Cross-document matching: is this report of an incident the same incident as that one?

:func:`match` compares two reports field by field and returns a score with the reasons. It is
symmetric (``match(a, b)`` and ``match(b, a)`` agree), so linking every new report against every
stored one gives the same groups in any order. A field that contradicts (another category family,
weapons of incompatible kinds, time intervals apart, places too far apart, other perpetrators)
vetoes the match; fields that agree add evidence; an unknown field adds nothing.

Distances depend on the coarser precision of the two places: point 10 km, town 25 km, district
50 km, region 150 km; a country-level place agrees only with a place in the same country.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docket.knowledge.weapon_classes import class_map
from docket.record import Extraction, Incident, PlaceRef, When

# the smallest evidence score at which two reports are one incident
THRESHOLD = 3.0
WEIGHTS = {
    "category": 1.0,
    "weapons": 1.0,
    "time": 1.5,
    "place": 2.0,
    "perpetrators": 1.0,
    "targets": 0.5,
}
NAME_SCORE = 0.7
REGION_FACTOR = 0.5  # a shared region or country says less than a shared town
PLACE_KM = {"point": 10.0, "town": 25.0, "district": 50.0, "region": 150.0}
PRECISION_RANK = {"point": 0, "town": 1, "district": 2, "region": 3, "country": 4, "unknown": 5}
# tolerance added on each side of a time interval, in days, by its precision
TIME_TOLERANCE = {
    "day": 0.5,
    "week": 1.0,
    "month": 3.0,
    "range": 1.0,
    "approximate": 3.0,
    "year": 7.0,
}
# Intervals longer than this (a month) say too little to link on, and bound the store's prefilter.
# A report dated only to a season or a year ("in 2021 the town was shelled") overlaps every event
# of its place in that time: linked, it joins them all into one incident (the growth benchmark at
# 45,000 documents linked 880 reports of one town over five years through such reports). It
# stays an incident of its own, for an analyst to merge.
MAX_SPAN_DAYS = 31
# A report dated to an interval this long or longer (a week, a month) links to one incident at
# most: it overlaps several events of a busy place, and linked to each it would chain them into
# one (the growth benchmark's densest town: 143 reports over six months, joined through 21
# reports dated to a week or a month). docket.store.linking attaches it to its best match.
VAGUE_DAYS = 3

# Families of categories that one event may be filed under by different reporters.
FAMILIES: dict[str, str] = {
    **dict.fromkeys(
        (
            "explosive_weapon_attack",
            "air_or_drone_strike",
            "shelling_or_artillery",
            "bombing_or_ied",
            "mine_or_uxo",
            "chemical_attack",
            "attack_on_civilians",
            "damage_to_infrastructure",
            "arson_or_destruction",
            "armed_clash",
            "other_violence",
        ),
        "violence",
    ),
    "abduction": "abduction",
    "arrest": "arrest",
    "protest": "unrest",
    "riot": "unrest",
    "agreement": "agreement",
    "territory_change": "territory",
    "other": "other",
}
VAGUE_WEAPONS = {"explosive_unspecified", "other"}


@dataclass
class Match:
    """The verdict on two reports: linked or not, the evidence score, and each field's reason."""

    linked: bool
    score: float
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    veto: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "linked": self.linked,
            "score": round(self.score, 3),
            "veto": self.veto,
            "fields": self.fields,
        }


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_limit_km(a: PlaceRef, b: PlaceRef) -> float | None:
    """How far apart two places may be and still be one incident's place (None: same country)."""
    coarser = max(a.precision, b.precision, key=lambda p: PRECISION_RANK.get(p, 5))
    return PLACE_KM.get(coarser)


def _usable_place(place: PlaceRef | None) -> bool:
    return (
        place is not None
        and place.precision != "unknown"
        and (place.lat is not None or place.country is not None)
    )


def _names(place: PlaceRef | None, names: tuple[str, ...]) -> set[str]:
    found = set(names)
    if place is not None:
        found |= {n.lower() for n in (place.name, place.text) if n}
    return found


def compare_places(
    a: PlaceRef | None,
    b: PlaceRef | None,
    names_a: tuple[str, ...] = (),
    names_b: tuple[str, ...] = (),
) -> tuple[float | None, str]:
    """A score in [0, 1] (None: a contradiction) and the reason.

    Where a place is not resolved to coordinates, the place names in the reports' evidence
    sentences stand in: a shared name scores NAME_SCORE, nothing else counts either way.
    """
    if not (_usable_place(a) and _usable_place(b)):
        shared = _names(a, names_a) & _names(b, names_b)
        if shared:
            return NAME_SCORE, f"same place name {', '.join(sorted(shared))} (not resolved)"
        return 0.0, "place unknown in one report"
    assert a is not None and b is not None
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        factor = 1.0 if precise_places(a, b) else REGION_FACTOR
        return factor, f"same place {a.name or a.text}"
    if a.country and b.country and a.country != b.country:
        return None, f"different countries {a.country} / {b.country}"
    limit = place_limit_km(a, b)
    if limit is None or a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 0.3, f"same country {a.country or b.country}"
    km = km_between(a.lat, a.lon, b.lat, b.lon)
    if km > limit:
        return None, f"{km:.0f} km apart (more than {limit:.0f} km at this precision)"
    factor = REGION_FACTOR if limit > PLACE_KM["district"] else 1.0
    return factor * (1.0 - 0.5 * km / limit), f"{km:.0f} km apart (within {limit:.0f} km)"


def precise_places(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    """Both places resolved at district precision or finer: a shared place then says much."""
    return all(
        _usable_place(p) and PRECISION_RANK.get(p.precision, 5) <= PRECISION_RANK["district"]  # type: ignore[union-attr]
        for p in (a, b)
    )


def interval(when: When) -> tuple[date, date] | None:
    if when.start is None and when.end is None:
        return None
    start = when.start or when.end
    end = when.end or when.start
    assert start is not None and end is not None
    return (start, end) if start <= end else (end, start)


def vague(span: tuple[date, date] | None) -> bool:
    """Whether a report dated ``span`` is too vague in time to join two incidents into one: dated
    to a week or a month, it overlaps several events of its place (see ``VAGUE_DAYS``)."""
    return span is not None and (span[1] - span[0]).days >= VAGUE_DAYS


def compare_times(a: When, b: When) -> tuple[float | None, str]:
    return compare_intervals(interval(a), a.precision, interval(b), b.precision)


def compare_intervals(
    ia: tuple[date, date] | None, pa: str, ib: tuple[date, date] | None, pb: str
) -> tuple[float | None, str]:
    """``compare_times`` of two intervals and their precisions (what a stored report's columns
    hold, so that the linker can veto a candidate before reading its JSON)."""
    if ia is None or ib is None:
        return 0.0, "time unknown in one report"
    span = max((ia[1] - ia[0]).days, (ib[1] - ib[0]).days)
    if span > MAX_SPAN_DAYS:
        return 0.0, "time too vague to compare"
    gap = max(0, (max(ia[0], ib[0]) - min(ia[1], ib[1])).days)
    allowed = TIME_TOLERANCE.get(pa, 1.0) + TIME_TOLERANCE.get(pb, 1.0)
    if gap > allowed:
        return None, f"{gap} days apart (tolerance {allowed:g})"
    score = 1.0 if span <= 1 else 0.6 if span <= 14 else 0.3
    return score, f"intervals overlap (widest {span + 1} days)"


def compare_categories(a: str, b: str) -> tuple[float | None, str]:
    if a == b:
        return 1.0, f"both {a}"
    if FAMILIES.get(a, a) != FAMILIES.get(b, b):
        return None, f"{a} / {b}"
    return 0.5, f"compatible {a} / {b}"


def compare_weapons(a: Incident, b: Incident) -> tuple[float | None, str]:
    return compare_weapon_classes(
        {w.weapon_class for w in a.weapons}, {w.weapon_class for w in b.weapons}
    )


def compare_weapon_classes(ca: set[str], cb: set[str]) -> tuple[float | None, str]:
    """``compare_weapons`` of two reports' weapon classes."""
    ca, cb = ca - VAGUE_WEAPONS, cb - VAGUE_WEAPONS
    if not ca or not cb:
        return 0.0, "weapon unknown in one report"
    shared = ca & cb
    if shared:
        return 1.0, f"both {', '.join(sorted(shared))}"
    # classes grouped by how they are delivered; one attack is often named by several
    families = class_map("family")
    fa = {families.get(c, c) for c in ca}
    fb = {families.get(c, c) for c in cb}
    if fa & fb:
        return 0.3, f"compatible {', '.join(sorted(ca))} / {', '.join(sorted(cb))}"
    return None, f"{', '.join(sorted(ca))} / {', '.join(sorted(cb))}"


def actor_ids(refs: list[Any]) -> set[str]:
    """The actor ids of perpetrators or victims (those resolved to an actor)."""
    return {ref.actor for ref in refs if getattr(ref, "actor", None)}


def compare_perpetrators(a: Incident, b: Incident) -> tuple[float | None, str]:
    return compare_parties(
        actor_ids(a.perpetrators),
        actor_ids(a.victims),
        actor_ids(b.perpetrators),
        actor_ids(b.victims),
    )


def compare_parties(
    pa: set[str], va: set[str], pb: set[str], vb: set[str]
) -> tuple[float | None, str]:
    """``compare_perpetrators`` of two reports' perpetrator and victim actor ids."""
    # one report's attacker is the other's victim: two attacks, one each way
    if pa & vb or pb & va:
        return None, "one report's perpetrator is the other's victim"
    if not pa or not pb:
        return 0.0, "perpetrator unknown in one report"
    if pa & pb:
        return 1.0, f"both {', '.join(sorted(pa & pb))}"
    return None, f"{', '.join(sorted(pa))} / {', '.join(sorted(pb))}"


def compare_targets(a: Incident, b: Incident) -> tuple[float | None, str]:
    ta = {x.target_class for x in a.targets if x.target_class}
    tb = {x.target_class for x in b.targets if x.target_class}
    if ta & tb:
        return 1.0, f"both {', '.join(sorted(ta & tb))}"
    return 0.0, "no shared target" if ta and tb else "target unknown in one report"


def match(
    a: Incident, b: Incident, names_a: tuple[str, ...] = (), names_b: tuple[str, ...] = ()
) -> Match:
    """Whether ``a`` and ``b`` report one incident: each field's score and the total.

    ``names_a`` and ``names_b`` are the place names in each report's evidence (lower-cased).
    """
    results = {
        "category": compare_categories(a.category, b.category),
        "weapons": compare_weapons(a, b),
        "time": compare_times(a.when, b.when),
        "place": compare_places(a.location, b.location, names_a, names_b),
        "perpetrators": compare_perpetrators(a, b),
        "targets": compare_targets(a, b),
    }
    fields = {
        name: {"score": score, "weight": WEIGHTS[name], "reason": reason}
        for name, (score, reason) in results.items()
    }
    vetoes = [f"{name}: {reason}" for name, (score, reason) in results.items() if score is None]
    total = sum(WEIGHTS[name] * (score or 0.0) for name, (score, _) in results.items())
    veto = vetoes[0] if vetoes else None
    if veto is None and results["time"][0] == 0.0:
        veto = "time: no interval to compare"
    # Without a place, only the same weapon and the same perpetrator make up for it; with only
    # a region, a country or an unresolved name in common, the same weapon must.
    weapon_agrees = results["weapons"][0] == 1.0
    if veto is None and results["place"][0] == 0.0:
        if not (weapon_agrees and results["perpetrators"][0] == 1.0):
            veto = "place: unknown, and weapon and perpetrator do not both agree"
    elif veto is None and not precise_places(a.location, b.location) and not weapon_agrees:
        veto = "place: only a region, a country or a name in common, and the weapons differ"
    linked = veto is None and total >= THRESHOLD
    return Match(linked=linked, score=total, fields=fields, veto=veto)


def place_names(extraction: Extraction, incident: Incident) -> list[str]:
    """The place names mentioned in the incident's evidence sentences, lower-cased."""
    spans = [(e.start, e.end) for e in incident.evidence]
    return sorted(
        {
            m.quote.lower()
            for m in extraction.mentions
            if m.label == "place" and any(s <= m.start and m.end <= e for s, e in spans)
        }
    )

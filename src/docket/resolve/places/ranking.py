"""Choosing the place each toponym of a document stands for, from the document's own evidence.

Every candidate gets a score: a prior from its kind and population (a country before a first-level
division before a big city before a village), plus what the document says around it: the share of
the document's other toponyms in the same country and the same first-level division (its focus),
the admin hierarchy written next to it ("Springfield, Illinois"), and support from the document's
other names: a town whose county or state is named elsewhere in the document, or a county one of
whose towns is ("Huntsville" beside "Walker County" is Huntsville, Texas). A national capital goes
before the namesake divisions of its name (:func:`capital_bonus`), and before smaller namesakes the
document does not place by its own towns or divisions (:func:`capital_floors`); the words beside a
name count ("San José, the Costa Rican capital", "Washington state": :mod:`.evidence`), and so do
the demonyms of the text, towards the country focus ("Syrian troops"). Scores are recomputed up to
``ROUNDS`` times as the focus sharpens, stopping early when the readings no longer change. One name
keeps one sense within a document. A name whose two best readings are far apart and nearly tied
stays at what they share (their country) or unknown.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from docket.knowledge.gazetteer.names import (
    SPELLING_LIKENESS,
    normalise,
    spelling_likeness,
    without_article,
)
from docket.knowledge.gazetteer.store import Candidate, Gazetteer, Place
from docket.resolve.places.evidence import (
    demonym_countries,
    qualified_countries,
    words_beside,
)
from docket.resolve.places.hierarchy import contains, support

KIND_PRIOR = {"country": 11.0, "continent": 10.0, "macro-region": 9.5, "region": 9.0}
DIRECTIONS = {
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "downtown",
    "greater",
    "upper",
    "lower",
    "rural",
    "suburban",
    "metro",
    "metropolitan",
}
FOCUS_COUNTRY = 5.0
FOCUS_ADMIN1 = 3.0
HIERARCHY = 6.0
ALIAS_PENALTY = 1.5
PROXIMITY = 2.0
SUPPORT = 2.0
ROUNDS = 4
TIE_MARGIN = 0.1
CAPITAL_MARGIN = 0.5
CAPITAL_CONTEXT = 6.0
DIVISION_CONTEXT = 6.0
DEMONYM = 0.5
ADMIN1_BASE = 6.0
_CONTAINER_GAP = re.compile(r"^\s*(,|\(|in|of)\s*$")
_POSSESSIVE = re.compile(r"['’]s$")
_DIVISION_SUFFIX = re.compile(
    r" (county|province|prefecture|state|region|governorate|district|oblast|department|parish)$"
)


# facilities named for the town they serve: the airport is at the town, within a town's reach
_FACILITY_SUFFIX = re.compile(
    r" (international airport|airport|airfield|air base|airbase|air force base|military base)$"
)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def candidates(
    gazetteer: Gazetteer, quote: str, called_division: bool = False
) -> tuple[Candidate, ...]:
    """The places a written toponym may stand for: the name as written, without 'the' or a
    possessive, or without a leading direction word ('northern Syria' -> Syria), a country's
    initials in capitals ('DRC'), and the country a demonym or national adjective names
    ('Canadian' -> Canada). A division named
    after the big city it surrounds is left out unless the text ``called_division`` the name
    ("Donetsk region", "the province of Moscow")."""
    key = without_article(normalise(_POSSESSIVE.sub("", quote.strip())))
    found = gazetteer.lookup_normal(key) or gazetteer.acronym(quote.strip())
    if not found and " " in key:
        first, rest = key.split(" ", 1)
        if first in DIRECTIONS:
            found = gazetteer.lookup_normal(rest)
    if not found:
        found = named_with_kind(gazetteer, key)
    if not called_division:
        found = _same_name_city(found, key)
    # "Canadian", "German": the country the word names, beside any town of that name
    seen = {c.place.key for c in found}
    return found + tuple(c for c in gazetteer.demonym(key) if c.place.key not in seen)


def named_with_kind(gazetteer: Gazetteer, key: str) -> tuple[Candidate, ...]:
    """The places a name the gazetteer does not hold as written stands for by the word of its
    kind after it (``key`` normalised): "Akita Prefecture", "Mayo County", "Diyala Governorate"
    are the division of that name, not a town; "Kandahar Airport", "Bagram Air Base" lie at the
    town they are named for (its largest namesake town first, as the airport of a small town
    rarely makes the news)."""
    if (bare := _DIVISION_SUFFIX.sub("", key)) != key:
        return tuple(
            c for c in gazetteer.lookup_normal(bare) if c.place.kind in ("admin1", "admin2")
        )
    if (bare := _FACILITY_SUFFIX.sub("", key)) != key and bare:
        towns = [c for c in gazetteer.lookup_normal(bare) if c.place.kind == "city"]
        return tuple(sorted(towns, key=lambda c: -c.place.population))
    return ()


def _same_name_city(found: tuple[Candidate, ...], key: str) -> tuple[Candidate, ...]:
    """``found`` without the divisions named after a big city they surround ("Moscow",
    "Yerevan", "Ankara" the provinces): the name means the city, the more specific reading. The
    city is one whose own name is the name as written (``key``), or spelt alike ("Kirkuk" is the
    city Kirkuk, not the division "Muhafazat Kirkuk"; "Hama" the city "Ḩamāh"); a city that
    answers to it only by another name ("New York City" for "New York") leaves both readings."""
    cities = [
        c.place
        for c in found
        if c.place.kind == "city"
        and c.place.population >= 100_000
        and spelling_likeness(normalise(c.place.name), key) >= SPELLING_LIKENESS
    ]
    if not cities:
        return found
    return tuple(
        c
        for c in found
        if c.place.kind not in ("admin1", "admin2")
        or not any(
            city.country == c.place.country
            and (
                city.admin1 == c.place.name
                or distance_km(city.lat, city.lon, c.place.lat, c.place.lon) < 150
            )
            for city in cities
        )
    )


def prior(candidate: Candidate) -> float:
    place = candidate.place
    pop = math.log10(place.population + 10)
    if place.kind in KIND_PRIOR:
        return KIND_PRIOR[place.kind]
    if place.kind == "admin1":
        return ADMIN1_BASE + 0.4 * pop
    if place.kind == "admin2":
        return 1.5 + 0.4 * pop - (0 if candidate.primary else ALIAS_PENALTY)
    return pop - (0 if candidate.primary else ALIAS_PENALTY)


def capital_bonus(
    gazetteer: Gazetteer, cands: tuple[Candidate, ...], called: list[str] | None = None
) -> list[float]:
    """What being a national capital adds to each candidate of one name. With nothing else said,
    a capital goes before the namesake divisions of the name (San José of Costa Rica before the
    Uruguayan department, Santiago de Chile before the Dominican province) as far as its country
    is as big as they are: it ranks ``CAPITAL_MARGIN`` above the best of them, but no higher than
    a first-level division of its country's population would (Victoria of the Seychelles stays
    below the Australian state). ``called``: the words that call the name a capital in the
    text (see :func:`~docket.resolve.places.evidence.called_capital`), which add
    ``CAPITAL_CONTEXT`` to the capital of the country they name, or of any country."""
    divisions = [prior(c) for c in cands if c.place.kind in ("admin1", "admin2")]
    bonuses = []
    for cand in cands:
        country = gazetteer.capital_of(cand.place) if cand.primary else None
        bonus = 0.0
        if country is not None and divisions:
            nation = gazetteer.country(country)
            size = ADMIN1_BASE + 0.4 * math.log10((nation.population if nation else 0) + 10)
            bonus = max(0.0, min(max(divisions) + CAPITAL_MARGIN, size) - prior(cand))
        if country is not None and called:
            named = [qualified_countries(gazetteer, words) for words in called]
            if any(n is None or country in n for n in named):
                bonus += CAPITAL_CONTEXT
        bonuses.append(bonus)
    return bonuses


def capital_floors(gazetteer: Gazetteer, cands: tuple[Candidate, ...]) -> list[float]:
    """For each candidate of one name, what a national capital lacks to rank ``CAPITAL_MARGIN``
    above a first-level division as populous as its country, when it is the largest town of the
    name (0 for the rest). Applied only where the document places none of its namesakes by their
    own towns or divisions: Damascus of Syria before the Damascus of Maryland that only a mention
    of the United States supports; Dublin of Ohio still in an article about Ohio towns; Hamilton
    of Bermuda, a village, never before Hamilton of Ontario."""
    largest = max((c.place.population for c in cands if c.place.kind == "city"), default=0)
    floors = []
    for cand in cands:
        country = gazetteer.capital_of(cand.place) if cand.primary else None
        nation = gazetteer.country(country) if country else None
        if nation is None or cand.place.population < largest:
            floors.append(0.0)
            continue
        size = ADMIN1_BASE + 0.4 * math.log10(nation.population + 10)
        floors.append(max(0.0, size + CAPITAL_MARGIN - prior(cand)))
    return floors


def proximity(place: Place, anchors: list[Place], own: Place | None = None) -> float:
    """A bonus for a town or district near the document's other towns and districts (not near
    ``own``, the present reading of the same name: a namesake beside it is no evidence)."""
    if place.kind not in ("city", "admin2"):
        return 0.0
    near = math.inf
    for a in anchors:
        # 200 km is under 1.8 degrees of latitude: skip the trigonometry for the rest
        if a.key != place.key and a is not own and abs(a.lat - place.lat) < 1.8:
            near = min(near, distance_km(place.lat, place.lon, a.lat, a.lon))
    return PROXIMITY if near < 50 else PROXIMITY / 2 if near < 200 else 0.0


@dataclass
class Resolution:
    """The place chosen for one toponym, or None, with the score margin over the runner-up."""

    place: Place | None
    margin: float = 0.0
    candidates: int = 0


def _focus(
    picks: dict[str, Place], counts: Counter[str]
) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str, str]] = Counter()
    for name, place in picks.items():
        weight = counts[name]
        if place.country:
            countries[place.country] += weight
        if place.kind == "admin1":
            admin1[(place.country, place.name)] += weight
        elif place.admin1:
            admin1[(place.country, place.admin1)] += weight
    return countries, admin1


@dataclass
class Focus:
    """Where a publication usually writes about: shares of countries and first-level divisions
    among the places docket resolved in its other articles (see :func:`outlet_focus`)."""

    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    weight: float = 2.0  # counts as this many toponyms of the document


def outlet_focus(
    places: Sequence[Place | None], leave_out: Sequence[Place | None] = (), weight: float = 2.0
) -> Focus:
    """The focus of a publication from the places docket resolved in its articles, less
    ``leave_out`` (the places of the article being resolved, when ``places`` includes them)."""

    def tally(found: Sequence[Place | None]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
        kept = [p for p in found if p is not None]
        return _focus({str(i): p for i, p in enumerate(kept)}, Counter(map(str, range(len(kept)))))

    countries, admin1 = tally(places)
    own_countries, own_admin1 = tally(leave_out)
    countries.subtract(own_countries)
    admin1.subtract(own_admin1)
    total = sum(v for v in countries.values() if v > 0) or 1
    return Focus(
        Counter({k: weight * v / total for k, v in countries.items() if v > 0}),
        Counter({k: weight * v / total for k, v in admin1.items() if v > 0}),
        weight,
    )


@dataclass
class RuleReading:
    """What the rules make of a document's toponyms, by normalised name (``keys`` in span order):
    each name's candidates (``options``) with their final rule ``scores`` and the evidence for
    each (written beside its container, supported by another name, called a division, capital
    bonus and floor), the rules' ``picks``, the countries the text's demonyms name, and the names
    whose national capital was raised by its floor (``floored``: the document places none of its
    namesakes by its own towns or divisions, see :func:`capital_floors`), and the publication's
    ``focus`` when one was given."""

    keys: list[str]
    options: dict[str, tuple[Candidate, ...]]
    counts: Counter[str]
    scores: dict[str, list[float]]
    picks: dict[str, Place]
    written_in: dict[str, list[bool]]
    supported: dict[str, list[bool]]
    called_division: dict[str, list[bool]]
    capital: dict[str, list[float]]
    floors: dict[str, list[float]]
    demonyms: Counter[str]
    floored: set[str]
    focus: Focus | None = None


def rule_reading(
    gazetteer: Gazetteer, text: str, spans: Sequence[tuple[int, int]], focus: Focus | None = None
) -> RuleReading:
    """The hand-written rules' reading of the ``(start, end)`` toponym spans of ``text``: every
    candidate's rule score and the evidence behind it (the learned ranker's features, see
    :mod:`docket.resolve.places.features`); ``focus``, when given, adds the publication's usual
    places to the document's own."""
    keys = [without_article(normalise(_POSSESSIVE.sub("", text[s:e].strip()))) for s, e in spans]
    beside = words_beside(text, keys, spans)
    options: dict[str, tuple[Candidate, ...]] = {}
    for key, (s, e) in zip(keys, spans, strict=True):
        if key not in options:
            options[key] = candidates(gazetteer, text[s:e], bool(beside.divisions.get(key)))
    counts = Counter(k for k in keys if options[k])
    # hierarchy: a toponym followed by ", Illinois" or " in Texas" names its container
    containers: dict[str, set[str]] = defaultdict(set)
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    for a, b in zip(order, order[1:], strict=False):
        gap = text[spans[a][1] : spans[b][0]]
        if _CONTAINER_GAP.match(gap) and options[keys[a]] and options[keys[b]]:
            containers[keys[a]].add(keys[b])
    contained_by = {inner: outers for inner, outers in containers.items()}
    contained_in_reverse: dict[str, set[str]] = defaultdict(set)
    for inner, outers in contained_by.items():
        for outer in outers:
            contained_in_reverse[outer].add(inner)

    def hierarchy_bonus(key: str, cand: Candidate) -> float:
        for outer in contained_by.get(key, ()):
            if any(contains(o.place, cand.place) for o in options[outer]):
                return HIERARCHY
        for inner in contained_in_reverse.get(key, ()):
            if any(contains(cand.place, i.place) for i in options[inner]):
                return HIERARCHY
        return 0.0

    supported = support(options)
    static = {
        key: [
            prior(c)
            + hierarchy_bonus(key, c)
            + (SUPPORT if supported[key][i] else 0.0)
            + (DIVISION_CONTEXT if c.place.kind in beside.divisions.get(key, ()) else 0.0)
            + bonus
            for i, (c, bonus) in enumerate(
                zip(cands, capital_bonus(gazetteer, cands, beside.capital.get(key)), strict=True)
            )
        ]
        for key, cands in options.items()
    }
    # placed by the document itself: beside its county or state, or called a division
    placed = {
        key: [
            hierarchy_bonus(key, c) > 0
            or supported[key][i]
            or c.place.kind in beside.divisions.get(key, ())
            for i, c in enumerate(cands)
        ]
        for key, cands in options.items()
    }
    floors = {key: capital_floors(gazetteer, cands) for key, cands in options.items()}
    demonyms = demonym_countries(gazetteer, text, spans)
    spoken = DEMONYM * sum(demonyms.values())
    picks = {
        k: cands[max(range(len(cands)), key=static[k].__getitem__)].place
        for k, cands in options.items()
        if cands
    }
    scored: dict[str, list[float]] = static
    floored: set[str] = set()
    for _ in range(ROUNDS):
        before = dict(picks)
        countries, admin1 = _focus(picks, counts)
        if focus is not None:
            countries.update(focus.countries)
            admin1.update(focus.admin1)
        # "the Costa Rican capital", "Syrian troops": each demonym counts as DEMONYM toponyms
        countries.update({code: DEMONYM * n for code, n in demonyms.items()})
        # a national capital is named for its government as often as for the town ("Washington
        # said"): no evidence of where the document is
        anchors = list(
            {
                p.key: p
                for p in picks.values()
                if p.kind in ("city", "admin2") and not gazetteer.capital_of(p)
            }.values()
        )
        total = sum(counts.values())
        scored = {}
        floored = set()
        for key, cands in options.items():
            own = picks.get(key)
            others = total - counts[key] + (focus.weight if focus else 0.0) + spoken
            values = []
            local = list(placed[key])
            for i, (cand, base) in enumerate(zip(cands, static[key], strict=True)):
                place = cand.place
                near = proximity(place, anchors, own)
                local[i] = local[i] or near > 0
                score = base + near
                if others > 0:
                    share_c = countries[place.country] - (
                        counts[key] if own and own.country == place.country else 0
                    )
                    score += FOCUS_COUNTRY * share_c / others
                    area = (place.country, place.name if place.kind == "admin1" else place.admin1)
                    own_area = own and (
                        own.country,
                        own.name if own.kind == "admin1" else own.admin1,
                    )
                    if area[1]:
                        share_a = admin1[area] - (counts[key] if own_area == area else 0)
                        score += FOCUS_ADMIN1 * share_a / others
                        local[i] = local[i] or share_a > 0
                values.append(score)
            if not any(loc for loc, floor in zip(local, floors[key], strict=True) if not floor):
                # no namesake is placed by the document's own towns or divisions: a national
                # capital ranks as a division as populous as its country
                values = [v + f for v, f in zip(values, floors[key], strict=True)]
                if any(floors[key]):
                    floored.add(key)
            scored[key] = values
            if cands:
                picks[key] = cands[max(range(len(cands)), key=values.__getitem__)].place
        if picks == before:
            break
    return RuleReading(
        keys=keys,
        options=options,
        counts=counts,
        scores=scored,
        picks=picks,
        written_in={k: [hierarchy_bonus(k, c) > 0 for c in cands] for k, cands in options.items()},
        supported=supported,
        called_division={
            k: [c.place.kind in beside.divisions.get(k, ()) for c in cands]
            for k, cands in options.items()
        },
        capital={
            k: capital_bonus(gazetteer, cands, beside.capital.get(k))
            for k, cands in options.items()
        },
        floors=floors,
        demonyms=demonyms,
        floored=floored,
        focus=focus,
    )


def split(cands: tuple[Candidate, ...], scores: list[float]) -> bool:
    """Whether the two best readings of a name are nearly tied (within ``TIE_MARGIN``) and more
    than 161 km apart: the evidence is split, and no town can be chosen."""
    if len(cands) < 2:
        return False
    (_, a), (_, b) = sorted(zip(scores, range(len(cands)), strict=True), reverse=True)[:2]
    margin = scores[a] - scores[b]
    best, second = cands[a].place, cands[b].place
    return margin < TIE_MARGIN and distance_km(best.lat, best.lon, second.lat, second.lon) > 161


def decide(cands: tuple[Candidate, ...], scores: list[float], gazetteer: Gazetteer) -> Resolution:
    """The rules' verdict for one name: its best-scored candidate, or, where the evidence is
    :func:`split`, the country its two best readings share, or unknown."""
    if not cands:
        return Resolution(None)
    ranked = sorted(zip(scores, range(len(cands)), strict=True), reverse=True)
    best = cands[ranked[0][1]].place
    if len(ranked) == 1:
        return Resolution(best, math.inf, 1)
    margin = ranked[0][0] - ranked[1][0]
    second = cands[ranked[1][1]].place
    if split(cands, scores):
        if best.country and best.country == second.country and best.kind != "country":
            return Resolution(gazetteer.country(best.country), margin, len(cands))
        return Resolution(None, margin, len(cands))
    return Resolution(best, margin, len(cands))

"""The features the learned ranker reads for each gazetteer candidate of a toponym.

What a geographer would weigh, for one candidate of one name in one document: how big and how
well known the place is (population, how many names the sources give it in any script, kind,
national capital, its own name or an alternate one),
how the name was matched (as written, as a demonym, an abbreviation), where the rest of the
document is (the share of its other toponyms with a candidate in this candidate's country and
first-level division, and the share the rules placed there), whether the candidate's admin chain
holds another name of the text, how far it lies from the other names' readings, the words around
the name ("the city of X", "X province", "X, Texas"), the publication's focus where it is known
(the share of the places docket read in the outlet's other articles that lie in the candidate's
country and division), and the hand-written rules' own score and evidence
(:func:`docket.resolve.places.ranking.rule_reading`). :data:`NAMES` is the order the
model was trained on; the model's sidecar JSON records it and the ranker checks it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from docket.knowledge.gazetteer.names import normalise
from docket.knowledge.gazetteer.store import Gazetteer, Place
from docket.resolve.places.ranking import RuleReading, distance_km

KINDS = ("country", "continent", "macro-region", "region", "admin1", "admin2", "city")
NAMES = (
    "rule_score",
    "rule_gap",
    "rule_top",
    "log_population",
    "population_gap",
    "log_names",
    "names_gap",
    *(f"kind_{k}" for k in KINDS),
    "national_capital",
    "own_name",
    "demonym_match",
    "abbreviation",
    "log_candidates",
    "log_mentions",
    "country_share_candidates",
    "admin1_share_candidates",
    "country_share_picks",
    "admin1_share_picks",
    "demonym_share",
    "written_in_container",
    "supported",
    "called_division",
    "capital_bonus",
    "capital_floor",
    "admin1_named",
    "admin2_named",
    "country_named",
    "log_other_places",
    "log_nearest_km",
    "log_median_km",
    "cue_settlement_before",
    "cue_division_after",
    "cue_comma_name_after",
    "outlet_country_share",
    "outlet_admin1_share",
    "log_list_names",
    "list_kind_share",
    "list_country_share",
)
FAR_KM = 20000.0
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:city|town|village|capital|port|suburb|township|municipality|hamlet)\s+of\s+$", re.I
)
_DIVISION_AFTER = re.compile(
    r"^\s+(?:county|province|state|district|region|governorate|oblast|prefecture|department|"
    r"parish|territory)\b",
    re.I,
)
_COMMA_NAME_AFTER = re.compile(r"^,\s+[A-Z][\w.]+")
# what lies between two names of one list ("Texas, Utah and Washington")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s+(?:and|or|&))\s+$")
_LIST_JOIN = re.compile(r"\b(?:and|or)\b|&")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){1,4}$|^[A-Z][a-z]{1,4}\.$|^[A-Z]{2,5}$")


def _list_siblings(
    text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str]
) -> dict[str, set[str]]:
    """The other names of each name's lists: runs of names separated only by commas, "and" or
    "or", of three names or more, or of two joined by "and" or "or" ("Nyanza and Rift Valley";
    not "Paris, Texas", a town and its state)."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    runs: list[list[int]] = []
    joined: list[bool] = []
    for previous, index in zip([None, *order], order, strict=False):
        gap = text[spans[previous][1] : spans[index][0]] if previous is not None else ""
        if previous is not None and _LIST_GAP.match(gap):
            runs[-1].append(index)
            joined[-1] = joined[-1] or bool(_LIST_JOIN.search(gap))
        else:
            runs.append([index])
            joined.append(False)
    siblings: dict[str, set[str]] = {}
    for run, has_join in zip(runs, joined, strict=True):
        names = {keys[i] for i in run}
        if len(run) >= 3 or (len(run) == 2 and has_join):
            for name in names:
                siblings.setdefault(name, set()).update(names - {name})
    return siblings


def _kind_class(place: Place) -> str:
    return "region" if place.kind in ("region", "macro-region", "continent") else place.kind


def _areas(place: Place) -> tuple[str, tuple[str, str] | None]:
    admin1 = place.name if place.kind == "admin1" else place.admin1
    return place.country, ((place.country, admin1) if admin1 else None)


def matrix(
    gazetteer: Gazetteer, text: str, spans: Sequence[tuple[int, int]], reading: RuleReading
) -> tuple[list[tuple[str, int]], list[list[float]]]:
    """One row of :data:`NAMES` for each candidate of each name of ``reading``, with its
    ``(name, candidate index)``; names without candidates give no rows."""
    options, counts = reading.options, reading.counts
    quotes: dict[str, str] = {}
    contexts: dict[str, tuple[str, str]] = {}
    for key, (s, e) in zip(reading.keys, spans, strict=True):
        quotes.setdefault(key, text[s:e].strip())
        contexts.setdefault(key, (text[max(0, s - 30) : s], text[e : e + 30]))
    # the other names' candidates: which countries and divisions each name may lie in
    cand_countries: dict[str, set[str]] = {}
    cand_admin1: dict[str, set[tuple[str, str]]] = {}
    country_named: dict[str, set[str]] = {}  # country -> names with a country reading there
    for key, cands in options.items():
        cand_countries[key] = {c.place.country for c in cands if c.place.country}
        cand_admin1[key] = {a for c in cands if (a := _areas(c.place)[1]) is not None}
        for c in cands:
            if c.place.kind == "country":
                country_named.setdefault(c.place.country, set()).add(key)
    in_country: Counter[str] = Counter()
    in_admin1: Counter[tuple[str, str]] = Counter()
    for key in options:
        for code in cand_countries[key]:
            in_country[code] += counts[key]
        for area in cand_admin1[key]:
            in_admin1[area] += counts[key]
    pick_country: Counter[str] = Counter()
    pick_admin1: Counter[tuple[str, str]] = Counter()
    for key, place in reading.picks.items():
        country, admin1 = _areas(place)
        if country:
            pick_country[country] += counts[key]
        if admin1:
            pick_admin1[admin1] += counts[key]
    capitals = {p.key: gazetteer.capital_of(p) is not None for p in reading.picks.values()}
    total = sum(counts.values())
    demonym_total = sum(reading.demonyms.values())
    focus = reading.focus
    named = set(options)
    siblings = _list_siblings(text, spans, reading.keys)
    rows: list[list[float]] = []
    index: list[tuple[str, int]] = []
    for key, cands in options.items():
        if not cands:
            continue
        scores = reading.scores[key]
        best_score = max(scores)
        top = max(range(len(cands)), key=scores.__getitem__)
        pops = [math.log10(c.place.population + 10) for c in cands]
        best_pop = max(pops)
        known = [math.log1p(c.place.names) for c in cands]
        best_known = max(known)
        others = total - counts[key]
        own_pick = reading.picks.get(key)
        others_picks = [p for k, p in reading.picks.items() if k != key]
        # towns and districts, not national capitals (named for their governments as often)
        anchors = [p for p in others_picks if p.kind in ("city", "admin2") and not capitals[p.key]]
        own_c_set, own_a_set = cand_countries[key], cand_admin1[key]
        demonym_of = {c.place.key for c in gazetteer.demonym(key)}
        before, after = contexts[key]
        cues = (
            float(bool(_SETTLEMENT_BEFORE.search(before))),
            float(bool(_DIVISION_AFTER.match(after))),
            float(bool(_COMMA_NAME_AFTER.match(after))),
        )
        abbreviation = float(bool(_ABBREVIATION.match(quotes[key])))
        listed = [reading.picks[k] for k in siblings.get(key, ()) if k in reading.picks]
        for i, cand in enumerate(cands):
            place = cand.place
            country, admin1 = _areas(place)
            share_c = share_a = 0.0
            if others > 0:
                share_c = (in_country[country] - counts[key] * (country in own_c_set)) / others
                if admin1:
                    share_a = (in_admin1[admin1] - counts[key] * (admin1 in own_a_set)) / others
            own_c = counts[key] if own_pick is not None and own_pick.country == country else 0
            picks_c = (pick_country[country] - own_c) / others if others > 0 and country else 0.0
            own_a = counts[key] if own_pick is not None and _areas(own_pick)[1] == admin1 else 0
            picks_a = (pick_admin1[admin1] - own_a) / others if others > 0 and admin1 else 0.0
            distances = sorted(
                distance_km(place.lat, place.lon, p.lat, p.lon)
                for p in anchors
                if p.key != place.key
            )
            nearest = distances[0] if distances else FAR_KM
            median = distances[len(distances) // 2] if distances else FAR_KM
            rows.append(
                [
                    scores[i],
                    scores[i] - best_score,
                    float(i == top),
                    pops[i],
                    pops[i] - best_pop,
                    known[i],
                    known[i] - best_known,
                    *(float(place.kind == k) for k in KINDS),
                    float(gazetteer.capital_of(place) is not None),
                    float(cand.primary),
                    float(place.key in demonym_of),
                    abbreviation,
                    math.log1p(len(cands)),
                    math.log1p(counts[key]),
                    share_c,
                    share_a,
                    picks_c,
                    picks_a,
                    reading.demonyms[country] / demonym_total if demonym_total else 0.0,
                    float(reading.written_in[key][i]),
                    float(reading.supported[key][i]),
                    float(reading.called_division[key][i]),
                    reading.capital[key][i],
                    reading.floors[key][i],
                    float(
                        place.kind != "admin1"
                        and bool(place.admin1)
                        and normalise(place.admin1) in named - {key}
                    ),
                    float(bool(place.admin2) and normalise(place.admin2) in named - {key}),
                    float(
                        place.kind != "country" and bool(country_named.get(country, set()) - {key})
                    ),
                    math.log1p(len(others_picks)),
                    math.log10(1 + nearest),
                    math.log10(1 + median),
                    *cues,
                    focus.countries[country] / focus.weight if focus and country else 0.0,
                    focus.admin1[admin1] / focus.weight if focus and admin1 else 0.0,
                    math.log1p(len(listed)),
                    sum(_kind_class(p) == _kind_class(place) for p in listed) / len(listed)
                    if listed
                    else 0.0,
                    sum(p.country == country for p in listed) / len(listed) if listed else 0.0,
                ]
            )
            index.append((key, i))
    return index, rows

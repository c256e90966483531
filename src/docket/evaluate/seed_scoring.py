"""The gold families of ``docket eval seed``: one :class:`Item` per gold entity, incident field,
event, claim, figure and noise line of the founding article, each saying whether it was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket.evaluate.seed_matching import (
    PRECISIONS,
    actor_refs,
    claim_matches,
    claims_by_id,
    extra,
    figure_matches,
    found_when,
    keywords,
    norm,
    occurrences,
    overlapping,
    paragraph,
    place_matches,
    place_names,
    same_actor,
    show_claim,
    show_figure,
    singular,
    when_matches,
)
from docket.record import Extraction, Incident


@dataclass
class Item:
    family: str
    level: str
    label: str
    passed: bool
    found: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'} {self.level:<6} {self.family:<9} {self.label}: {self.found}"


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

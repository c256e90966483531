"""Matching by meaning for ``docket eval seed``: actor ids, place names and coordinates, claims,
dates and figures of the founding article compared with its gold file, not as strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from docket.record import ActorRef, Claim, Extraction, Figure

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


def keywords(text: str) -> set[str]:
    return {w[:5] for w in norm(text).split() if len(w) >= 4 or w.isdigit()}


def paragraph(text: str, start: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    return text[lo : hi if hi != -1 else len(text)]


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

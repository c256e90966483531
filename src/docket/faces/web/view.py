"""Small shaping of records for the pages: which quote backs each field, claims by side, what
an edit form starts from, a card's toll and people."""

from __future__ import annotations

import math
from typing import Any, get_args

from docket.knowledge.weapon_classes import weapon_classes
from docket.record import Category, Claim, Figure, Grade, Incident, Number, WeaponClass
from docket.review import EDITABLE, LIST_FIELDS
from docket.store import Revision

STATUSES = ("machine", "imported", "accepted", "edited", "rejected", "merged", "split")
SUPPORT = ("asserts", "confirms", "reports", "requests")
DISPUTE = ("denies", "retracts")


def choices() -> dict[str, tuple[str, ...]]:
    """Values for the filter drop-downs."""
    return {
        "category": get_args(Category),
        "grade": get_args(Grade),
        "weapon": get_args(WeaponClass),
        "status": STATUSES,
    }


def number(value: Number | None) -> str:
    """low/best/high as one line, with who gives the number: '5000 (about)', '12 / 12 / -
    (exact), according to the health ministry', '-'."""
    if value is None:
        return "-"
    parts = [value.low, value.best, value.high]
    shown = " / ".join("-" if p is None else str(p) for p in parts)
    source = f", according to {value.attributed_to.text}" if value.attributed_to else ""
    return f"{shown}" + (f" ({value.qualifier})" if value.qualifier else "") + source


def evidence_fields(incident: Incident) -> list[dict[str, Any]]:
    """Each field of the incident with its value and the quote it was read from."""
    rows: list[dict[str, Any]] = []
    if incident.acled_sub_event_type:
        rows.append({"field": "ACLED sub-event type", "value": incident.acled_sub_event_type,
                     "quote": None})  # fmt: skip
    for weapon in incident.weapons:
        rows.append({"field": "weapon", "value": weapon_line(weapon.weapon_class),
                     "quote": _quote(weapon.span)})  # fmt: skip
    for who in incident.perpetrators:
        value = f"{who.actor or who.text} ({who.status})"
        rows.append({"field": "perpetrator", "value": value, "quote": _quote(who.span)})
    for target in incident.targets:
        rows.append({"field": "target", "value": target.target_class or target.text,
                     "quote": _quote(target.span)})  # fmt: skip
    for victim in incident.victims:
        rows.append({"field": "victim", "value": victim.actor or victim.text,
                     "quote": _quote(victim.span)})  # fmt: skip
    place = incident.location
    if place is not None:
        where = ", ".join(str(p) for p in (place.name or place.text, place.country) if p)
        rows.append({"field": "place", "value": f"{where} [{place.precision}]",
                     "quote": _quote(place.span)})  # fmt: skip
    when = incident.when
    span = f"{when.start or '?'} .. {when.end or '?'} [{when.precision}]"
    rows.append({"field": "when", "value": span, "quote": when.text})
    return rows


def _quote(span: Any) -> str | None:
    return span.quote if span is not None else None


def sides(claims: list[Claim]) -> dict[str, list[Claim]]:
    """Claims split into those that support the incident and those that dispute it."""
    return {
        "support": [c for c in claims if c.stance not in DISPUTE],
        "dispute": [c for c in claims if c.stance in DISPUTE],
    }


def figure_bars(figures: list[Figure], width: int = 420) -> dict[str, Any]:
    """Competing figures as horizontal ranges on one log scale: low..high with best marked.

    Returns rows with pixel positions for the incident page's inline SVG, and the scale's ticks.
    """
    rows: list[dict[str, Any]] = []
    for figure in figures:
        value = figure.value
        numbers = [n for n in (value.low, value.best, value.high) if n is not None and n > 0]
        if not numbers:
            continue
        who = (
            figure.attributed_to.actor or figure.attributed_to.text if figure.attributed_to else ""
        )
        rows.append({"label": f"{figure.measure}" + (f" · {who}" if who else ""), "low": min(numbers),
                     "high": max(numbers), "best": value.best or value.low or max(numbers)})  # fmt: skip
    if not rows:
        return {"rows": [], "ticks": [], "height": 0}
    top = max(row["high"] for row in rows)
    decades = max(1, math.ceil(math.log10(top + 1)))

    def x(n: float) -> float:
        return round(150 + (width - 160) * math.log10(max(n, 1)) / decades, 1)

    for i, row in enumerate(rows):
        row |= {"y": 20 + i * 22, "x1": x(row["low"]), "x2": x(row["high"]), "xb": x(row["best"])}
    ticks = [{"x": x(10**d), "label": f"{10**d:,}"} for d in range(decades + 1)]
    return {"rows": rows, "ticks": ticks, "height": 30 + 22 * len(rows), "width": width}


def weapon_line(weapon_class: str) -> str:
    """A weapon class with what the weapon table says of it: 'cluster_munition (cluster
    munition; defined by CCM Art. 2(2))'."""
    row = next((r for r in weapon_classes() if r.weapon_class == weapon_class), None)
    if row is None:
        return weapon_class
    said = "; ".join(p for p in (row.words, row.defined_by and f"defined by {row.defined_by}") if p)
    return f"{weapon_class} ({said})" if said else weapon_class


def toll(incident: Incident) -> str:
    """Killed and injured in a few words: '7 killed, 12 injured'; '' when neither is known."""
    parts = []
    for measure, value in (("killed", incident.killed), ("injured", incident.injured)):
        if value is None:
            continue
        if value.best is not None:
            shown = str(value.best)
        elif value.low is not None or value.high is not None:
            shown = "-".join(
                str(n) for n in dict.fromkeys((value.low, value.high)) if n is not None
            )
        else:
            continue
        said = value.qualifier not in (None, "exact")
        qualifier = f" ({str(value.qualifier).replace('_', ' ')})" if said else ""
        parts.append(f"{shown}{qualifier} {measure}")
    return ", ".join(parts)


def current_values(incident: Incident) -> dict[str, str]:
    """What each editable field holds now, as the edit form takes it (list fields as
    'name (qualifier); name')."""
    data = incident.to_json()
    found: dict[str, str] = {}
    for path in EDITABLE:
        if path in LIST_FIELDS:
            key, qualifier = LIST_FIELDS[path]
            found[path] = "; ".join(
                str(entry.get(key) or "")
                + (f" ({entry[qualifier]})" if qualifier and entry.get(qualifier) else "")
                for entry in data.get(path) or []
            )
            continue
        node: Any = data
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        found[path] = "" if node is None else str(node)
    return found


def changes(history: list[Revision]) -> dict[int, list[str]]:
    """Revision number -> the fields it changed from the revision before (top-level fields,
    and one level down for the place and the time: 'location.name')."""
    found: dict[int, list[str]] = {}
    before: dict[str, Any] | None = None
    for revision in history:
        after = revision.data or {}
        if before is not None:
            changed = []
            for key in sorted(set(before) | set(after)):
                old, new = before.get(key), after.get(key)
                if old == new:
                    continue
                if isinstance(old, dict) and isinstance(new, dict):
                    parts = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
                    changed += [f"{key}.{part}" for part in parts]
                else:
                    changed.append(key)
            found[revision.revision] = changed
        before = after
    return found

"""Small shaping of records for the pages: which quote backs each field, claims by side."""

from __future__ import annotations

import math
from typing import Any, get_args

from docket.record import Category, Claim, Figure, Grade, Incident, Number, WeaponClass

STATUSES = ("machine", "accepted", "edited", "rejected", "merged", "split")
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
    """low/best/high as one line: '5000 (about)', '4-7', '-'."""
    if value is None:
        return "-"
    parts = [value.low, value.best, value.high]
    shown = " / ".join("-" if p is None else str(p) for p in parts)
    return f"{shown}" + (f" ({value.qualifier})" if value.qualifier else "")


def evidence_fields(incident: Incident) -> list[dict[str, Any]]:
    """Each field of the incident with its value and the quote it was read from."""
    rows: list[dict[str, Any]] = []
    for weapon in incident.weapons:
        rows.append({"field": "weapon", "value": weapon.weapon_class, "quote": _quote(weapon.span)})
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

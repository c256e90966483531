"""Small shaping of records for the pages: which quote backs each field, claims by side."""

from __future__ import annotations

from typing import Any, get_args

from docket.record import Category, Claim, Grade, Incident, Number, WeaponClass

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

"""The weapon classes of the extraction schema, read from ``weapon_classes.csv``.

One table says, for each class, how the judge words it, which incident category and ACLED
sub-event type it gives, its delivery family for linking, whether WikiEvents counts it as an
explosive device, and which instrument defines it. Every stage takes its class mapping from
:func:`weapon_classes` (through :func:`class_map`); the source and as-of date are in the CSV's
header.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

TABLE = Path(__file__).parent / "weapon_classes.csv"
Field = Literal["words", "category", "acled_sub_event", "family", "defined_by"]


@dataclass(frozen=True)
class WeaponClassRow:
    """One weapon class; an empty string means the class has no such entry."""

    weapon_class: str
    words: str
    category: str
    acled_sub_event: str
    family: str
    explosive: bool
    defined_by: str


@cache
def weapon_classes() -> tuple[WeaponClassRow, ...]:
    """Every weapon class, in the order of the extraction schema's enum."""
    with TABLE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(
        WeaponClassRow(
            weapon_class=r["class"],
            words=r["words"],
            category=r["category"],
            acled_sub_event=r["acled_sub_event"],
            family=r["family"],
            explosive=r["explosive"] == "1",
            defined_by=r["defined_by"],
        )
        for r in csv.DictReader(lines)
    )


@cache
def class_map(field: Field) -> dict[str, str]:
    """Class -> ``field`` for the classes that have an entry in that column."""
    return {r.weapon_class: getattr(r, field) for r in weapon_classes() if getattr(r, field)}


@cache
def explosive_classes() -> frozenset[str]:
    """The classes WikiEvents calls an ExplosiveDevice rather than an Instrument."""
    return frozenset(r.weapon_class for r in weapon_classes() if r.explosive)

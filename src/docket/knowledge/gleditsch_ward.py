"""Gleditsch and Ward's state numbers (UCDP GED's ``country_id``, ``gwnoa`` and ``gwnob``) by
ISO 3166-1 alpha-3 code, read from ``gleditsch_ward.csv`` (its source, what it leaves out and its
as-of date are in the file's header)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "gleditsch_ward.csv"


@cache
def gw_numbers() -> dict[str, int]:
    """ISO 3166-1 alpha-3 code -> Gleditsch-Ward number, for the states the table holds."""
    with TABLE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return {row["iso3"]: int(row["gw_number"]) for row in csv.DictReader(lines)}


def gw_number(iso3: str | None) -> int | None:
    """The state's Gleditsch-Ward number; None for a code the table does not hold."""
    return gw_numbers().get(iso3.upper()) if iso3 else None


def gw_state(number: int | None) -> str | None:
    """The ISO 3166-1 alpha-3 code of the state with this Gleditsch-Ward number (Kosovo's is the
    user-assigned XKX); None for a number the table does not hold."""
    if number is None:
        return None
    return next((code for code, n in gw_numbers().items() if n == number), None)

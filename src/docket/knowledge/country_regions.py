"""Which region of the world ACLED and UCDP GED count each country in, read from
``country_regions.csv`` (its source and as-of date are in the file's header)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).parent / "country_regions.csv"


@dataclass(frozen=True)
class CountryRegion:
    """One country's regions; ``ucdp`` is empty where UCDP counts no region (Antarctica)."""

    acled: str
    ucdp: str
    unsure: bool


@cache
def country_regions() -> dict[str, CountryRegion]:
    """ISO 3166-1 alpha-2 code -> its regions."""
    with TABLE.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    found: dict[str, CountryRegion] = {}
    for row in csv.DictReader(lines):
        region = CountryRegion(row["acled_region"], row["ucdp_region"], row["unsure"] == "yes")
        for code in row["countries"].split():
            found[code] = region
    return found

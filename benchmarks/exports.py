"""Export throughput per format, over N incidents built in memory (no store reads), with the
gazetteer's admin lookup on; the round trip of an ACLED-shaped file through import; and export
from a real store (SQLite, or PostgreSQL with --database URL): the store read page by page, as
``docket export`` reads it, against one incident at a time, as it was read before.

Run: .venv/bin/python benchmarks/exports.py [--incidents N] [--stored N] [--database URL]
Places are real gazetteer towns (GeoNames ids), so the admin columns are looked up as in a real
export; each incident has a source, a perpetrator, a toll and evidence.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from docket import exports
from docket.knowledge.gazetteer.store import load_gazetteer
from docket.record import (
    DocumentInfo,
    Extraction,
    Incident,
    Number,
    Perpetrator,
    PlaceRef,
    Span,
    When,
    content_hash,
)
from docket.settings import Settings
from docket.store import IncidentFilter, SourceRef, Store, StoredIncident, open_store

TOWNS = (("geonames:706483", "Kharkiv", "UA", 49.98, 36.25), ("geonames:170063", "Aleppo", "SY",
         36.20, 37.16), ("geonames:99072", "Mosul", "IQ", 36.34, 43.12),
         ("geonames:586523", "Ganja", "AZ", 40.68, 46.36))  # fmt: skip


def incidents(n: int) -> list[StoredIncident]:
    rng = random.Random(7)
    found = []
    for k in range(n):
        gid, name, cc, lat, lon = TOWNS[k % len(TOWNS)]
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
        quote = f"Shelling hit {name} on {day.isoformat()}, killing {k % 9} people."
        incident = Incident(
            id=f"inc-{k:06d}",
            category="shelling_or_artillery",
            perpetrators=[Perpetrator(text="Russia", actor="RUS")],
            location=PlaceRef(
                text=name,
                name=name,
                gazetteer_id=gid,
                precision="town",
                lat=lat + rng.random() / 10,
                lon=lon,
                country=cc,
            ),  # fmt: skip
            when=When(precision="day", start=day, end=day),
            killed=Number(best=k % 9) if k % 5 else None,
            evidence=[Span(start=0, end=len(quote), quote=quote)],
        )
        source = SourceRef(id=f"{k:064x}", title=f"Report {k}", outlet="Wire", published=day)
        found.append(StoredIncident(incident=incident, sources=[source]))
    return found


def fill_store(store: Store, data: list[StoredIncident]) -> None:
    """Each incident saved as docket saves a document it read: one document, one incident."""
    for stored in data:
        source = stored.sources[0]
        text = stored.incident.evidence[0].quote + f" ({source.title})"
        info = DocumentInfo(id=content_hash(text.encode()), text=text, title=source.title,
                            outlet=source.outlet, published=source.published, language="en")  # fmt: skip
        store.save(Extraction(document=info, incidents=[stored.incident]), text.encode(), "bench")


def from_store(n: int, database: str | None, places: exports.Places) -> None:
    """ACLED CSV of ``n`` stored incidents, read page by page and one by one."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), database_url=database) if database else (
            Settings(data_dir=Path(tmp)))  # fmt: skip
        with open_store(settings) as store:
            if store.counts()["incidents"]:
                raise SystemExit(f"{store.url} is not empty; give an empty database")
            started = time.perf_counter()
            fill_store(store, incidents(n))
            print(f"store {store.engine.dialect.name}: {n} documents saved in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            every = IncidentFilter()

            def one_by_one() -> list[StoredIncident]:
                return [store.incident(i) for i in store.incident_ids(every, sort="created")]

            for name, read in (
                ("paged (docket export)", lambda: exports.stored_incidents(store, every)),
                ("one by one (before)", one_by_one),
            ):
                started = time.perf_counter()
                size = sum(len(p) for p in exports.encoded("acled-csv", read(), places))
                took = time.perf_counter() - started
                print(f"export acled-csv from the store, {name:22}: {took:6.2f} s for {n} "
                      f"incidents ({n / took:6.0f}/s, {size / 1e6:.2f} MB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=5000)
    parser.add_argument("--stored", type=int, default=2000, help="incidents in the store")
    parser.add_argument("--database", help="an empty database's URL (default: SQLite)")
    args = parser.parse_args()
    data = incidents(args.incidents)
    places = exports.Places(load_gazetteer())
    for fmt in exports.FORMATS:
        started = time.perf_counter()
        size = sum(len(piece) for piece in exports.encoded(fmt, data, places))
        took = time.perf_counter() - started
        print(f"{fmt:10} {args.incidents / took:9.0f} incidents/s  {size / 1e6:6.2f} MB")
    from docket.imports import extractions

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "acled.csv"
        path.write_bytes(b"".join(exports.encoded("acled-csv", data, places)))
        started = time.perf_counter()
        rows = extractions(path, "acled")
        took = time.perf_counter() - started
        print(f"import acled rows checked and read: {len(rows) / took:.0f} rows/s (no store)")
    from_store(args.stored, args.database, places)


if __name__ == "__main__":
    main()

"""Linking at scale: time to link one document against N stored incidents, and the near-duplicate
lookup time among N stored documents (SQLite in a temporary folder; synthetic data).

    python benchmarks/link.py [--incidents 100000] [--documents 100000] [--probes 20]

The stored incidents are synthetic reports spread over 5 years and a 20 x 25 degree box, with
random categories, weapons and perpetrators; the stored documents have random MinHash signatures
(their LSH bands are what a lookup reads). Each probe is a real linking call: a new document
with one incident that repeats a stored one (so it joins it, and the
linked incident is rebuilt and revised), saved and linked as ingest does; and a real MinHash lookup
of a text whose copy is among the stored documents. Prints one line per measure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from docket.link import origins
from docket.record import (
    DocumentInfo,
    Extraction,
    Incident,
    Perpetrator,
    PlaceRef,
    Weapon,
    When,
    content_hash,
)
from docket.settings import Settings
from docket.store import link_tables as lt
from docket.store import open_store
from docket.store import tables as t

CATEGORIES = ["shelling_or_artillery", "air_or_drone_strike", "armed_clash", "bombing_or_ied"]
WEAPONS = ["artillery", "uav", "small_arms", "ied", "cluster_munition", "missile"]
ACTORS = ["AZE", "ARM", "RUS", "UKR", "SYR", "isis"]
START = date(2018, 1, 1)
BATCH = 5000


def synthetic_incident(rng: random.Random, incident_id: str) -> Incident:
    day = START + timedelta(days=rng.randrange(5 * 365))
    return Incident(
        id=incident_id,
        category=rng.choice(CATEGORIES),  # type: ignore[arg-type]
        weapons=[Weapon(text="w", weapon_class=rng.choice(WEAPONS))],  # type: ignore[arg-type]
        perpetrators=[Perpetrator(text="p", actor=rng.choice(ACTORS))],
        location=PlaceRef(
            text="x",
            precision="town",
            lat=rng.uniform(30, 50),
            lon=rng.uniform(25, 50),
            country="ZZ",
        ),
        when=When(precision="day", start=day, end=day),
    )


def fill_incidents(store, n: int, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        for first in range(0, n, BATCH):
            docs, incs, reports = [], [], []
            for k in range(first, min(n, first + BATCH)):
                doc_id = f"{k:064x}"
                incident = synthetic_incident(rng, f"inc-syn-{k:09d}")
                data = incident.to_json()
                loc = incident.location
                assert loc is not None
                docs.append(
                    {
                        "id": doc_id,
                        "seq": k + 1,
                        "text": "synthetic",
                        "ingested_at": now,
                        "source": "synthetic",
                        "raw_size": 0,
                        "mention_count": 0,
                        "status": "analysed",
                    }
                )
                incs.append(
                    {
                        "id": incident.id,
                        "category": incident.category,
                        "when_start": incident.when.start,
                        "when_end": incident.when.end,
                        "lat": loc.lat,
                        "lon": loc.lon,
                        "country": "ZZ",
                        "grade": None,
                        "status": "machine",
                        "data": data,
                        "created_at": now,
                        "revision": 1,
                    }
                )
                reports.append(
                    {
                        "report_id": incident.id,
                        "document_id": doc_id,
                        "origin_id": doc_id,
                        "incident_id": incident.id,
                        "category": incident.category,
                        "when_start": incident.when.start,
                        "when_end": incident.when.end,
                        "lat": loc.lat,
                        "lon": loc.lon,
                        "country": "ZZ",
                        "data": data,
                        "claims": [],
                        "places": [],
                        "link": None,
                        "pinned": False,
                        "linked_at": now,
                    }
                )
            conn.execute(t.documents.insert(), docs)
            conn.execute(t.incidents.insert(), incs)
            conn.execute(lt.incident_reports.insert(), reports)


def fill_signatures(store, n: int, rng: np.random.Generator, offset: int) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        have = set(conn.scalars(t.documents.select().with_only_columns(t.documents.c.id)))
        for first in range(0, n, BATCH):
            docs, sigs, bands = [], [], []
            for k in range(first, min(n, first + BATCH)):
                doc_id = f"{k:064x}"
                if doc_id not in have:
                    docs.append(
                        {
                            "id": doc_id,
                            "seq": offset + k + 1,
                            "text": "synthetic",
                            "ingested_at": now,
                            "source": "synthetic",
                            "raw_size": 0,
                            "mention_count": 0,
                            "status": "analysed",
                        }
                    )
                values = rng.integers(0, 2**32 - 1, size=origins.NUM_PERM, dtype=np.uint32)
                minhash = origins.MinHash(values)
                sigs.append(
                    {"document_id": doc_id, "signature": origins.to_bytes(minhash), "shingles": 100}
                )
                bands += [
                    {"band": b, "key": key, "document_id": doc_id}
                    for b, key in enumerate(origins.band_keys(minhash))
                ]
            if docs:
                conn.execute(t.documents.insert(), docs)
            conn.execute(lt.document_minhash.insert(), sigs)
            conn.execute(lt.minhash_bands.insert(), bands)


ARTICLE = (
    "Azerbaijani forces fired cluster munitions into residential neighbourhoods of Stepanakert on "
    "Sunday, Armenian officials said. Local authorities said the rockets scattered small bomblets "
    "across streets of apartment buildings, wounding several civilians and damaging homes. "
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Settings(data_dir=Path(tmp)))
        started = time.perf_counter()
        fill_incidents(store, args.incidents, rng)
        fill_signatures(store, args.documents, np.random.default_rng(6), args.incidents)
        print(
            f"stored {args.incidents} synthetic incidents and {args.documents} signatures "
            f"in {time.perf_counter() - started:.1f} s"
        )

        timings, joined = [], 0
        replay = random.Random(6)  # probes repeat the first stored incidents: each one joins
        for probe in range(args.probes):
            text = f"Probe report {probe}: " + ARTICLE
            raw = text.encode()
            doc_id = content_hash(raw)
            incident = synthetic_incident(replay, f"inc-probe-{probe:04d}")
            ext = Extraction(
                document=DocumentInfo(id=doc_id, text=text, language="en"), incidents=[incident]
            )
            store.save(ext, raw, "probe")
            began = time.perf_counter()
            result = store.link(ext)
            timings.append(time.perf_counter() - began)
            joined += result.joined
        print(
            f"link one document (1 incident) against {args.incidents} stored incidents: "
            f"median {1000 * statistics.median(timings):.1f} ms, "
            f"max {1000 * max(timings):.1f} ms over {args.probes} probes ({joined} joined)"
        )

        original = "Wire: " + ARTICLE * 3
        raw = original.encode()
        ext = Extraction(document=DocumentInfo(id=content_hash(raw), text=original))
        store.save(ext, raw, "original")
        store.link(ext)  # indexes its signature
        copy = "Courier: " + ARTICLE * 3 + " Distributed by Wire."
        lookups, found = [], 0
        for _ in range(args.probes):
            sig = origins.signature(copy)
            assert sig is not None
            began = time.perf_counter()
            match = store.find_origin(sig)
            lookups.append(time.perf_counter() - began)
            found += match is not None
        print(
            f"near-duplicate lookup among {args.documents + args.probes} indexed documents: "
            f"median {1000 * statistics.median(lookups):.2f} ms, "
            f"max {1000 * max(lookups):.2f} ms ({found}/{args.probes} found their original)"
        )
        store.close()


if __name__ == "__main__":
    main()

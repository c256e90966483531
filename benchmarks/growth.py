"""Store growth: how writing, linking and the API's incident routes cost as the store grows.

    python benchmarks/growth.py [--sizes 1000,10000] [--backend sqlite|postgresql|both]
                                [--probes 30] [--requests 30] [--days 1825]
                                [--postgresql-copies] [--keep DIR]

One store per backend is filled up to each size in turn, document by document, through the
store's real write path (``Store.save_linked``: the save transaction, the near-duplicate lookup,
linking), and at each size the script prints:

- the insert rate over the documents just added (documents per second, save and link), and the
  median and 95th percentile of one document's save-and-link time over the last 300 of them;
- the linker's candidate lookup (``docket.store.linking.candidates``) for incidents like the
  stored ones: median time and how many candidates it returns;
- the p95 latency of the API's incident list, its filters, the incident text search and the
  document search, over HTTP on loopback (uvicorn in this process, local mode), and the CPU time
  per request: on a shared machine the latency measures the machine's load as much as the code.

The documents are synthetic but shaped like the reporting docket reads: a few hundred towns in six
conflict regions, drawn with a Zipf law (a few places carry most incidents), dates over five years
(mostly day precision, some week, month and year), 1-2 incidents per document with weapons,
perpetrators, casualty figures and evidence quotes, a claim per document. 15% of documents are
wire copies of an earlier one (another outlet's header and footer: near-duplicates found by
MinHash), 15% are independent reports of an earlier incident (same day and town, other words:
linked by matching). ``--days N`` puts the events in fewer days: a store as dense as a larger one
(10,000 documents in 182 days are as dense as 100,000 in five years). ``--postgresql-copies`` (with
``--backend sqlite``) copies the SQLite store at each size into a fresh PostgreSQL database and
measures the next 300 documents written there, and the API: PostgreSQL at 100,000 documents
without filling it document by document. PostgreSQL needs ``DOCKET_TEST_POSTGRES_URL`` (``eval "$(.ci/postgres.sh)"``);
the benchmark works in a database of its own, dropped at the end. ``--keep DIR`` (SQLite) fills
the store in DIR, a new folder, and leaves it there with ``corpus.pkl``, the corpus as it stood
after the last document: later measurements can write the corpus's next documents to copies of
a store of that size without filling one again.
"""

from __future__ import annotations

import argparse
import copy
import os
import pickle
import random
import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import uvicorn
from sqlalchemy.engine import Engine, make_url

from docket.faces.api.app import create_app
from docket.record import (
    ActorRef,
    Claim,
    DocumentInfo,
    Extraction,
    Incident,
    Mention,
    Number,
    Perpetrator,
    PlaceRef,
    Span,
    Victim,
    Weapon,
    When,
    content_hash,
    record_id,
)
from docket.settings import Settings
from docket.store import Store, open_store
from docket.store.db import make_engine
from docket.store.linking import candidates
from docket.store.tables import metadata

REGIONS = {  # country: (name, south, north, west, east)
    "UA": ("Ukraine", 46.5, 50.5, 33.0, 40.0),
    "SY": ("Syria", 32.5, 37.0, 35.8, 41.5),
    "YE": ("Yemen", 12.8, 17.5, 42.7, 49.0),
    "SD": ("Sudan", 11.0, 16.0, 22.5, 34.0),
    "MM": ("Myanmar", 16.0, 24.5, 93.5, 98.5),
    "ML": ("Mali", 13.0, 17.5, -5.0, 1.5),
}
KINDS = [  # category, weapon class, weapon words, verb
    ("shelling_or_artillery", "artillery", "artillery shells", "shelled"),
    ("shelling_or_artillery", "rocket_artillery", "Grad rockets", "fired Grad rockets at"),
    ("air_or_drone_strike", "uav", "a drone", "struck"),
    ("air_or_drone_strike", "missile", "missiles", "hit"),
    ("explosive_weapon_attack", "cluster_munition", "cluster munitions", "dropped bomblets on"),
    ("bombing_or_ied", "ied", "a roadside bomb", "bombed"),
    ("armed_clash", "small_arms", "rifles", "attacked"),
]
ACTORS = [("RUS", "Russian"), ("SYR", "government"), ("isis", "Islamic State"), ("RSF", "RSF")]
ACTORS += [("TAT", "Tatmadaw"), ("JNIM", "JNIM"), ("HTI", "Houthi")]
OUTLETS = ["Reuters", "AFP", "AP", "Anadolu", "Xinhua", "The New Humanitarian", "Kyiv Independent"]
FILLER = [
    "Residents said the strike came without warning shortly after dawn.",
    "Rescue workers were still searching the rubble of {n} buildings in the evening.",
    "The local hospital said it had received {n} wounded, among them children.",
    "It was not possible to verify the account independently.",
    "The attack was the {n}th reported in the district this month, monitors said.",
    "A spokesman for the armed forces denied that civilians had been targeted.",
    "Aid agencies said some {n} families had fled toward the regional capital.",
    "Power and water supplies to the neighbourhood were cut, the governor said.",
    "Photographs shared by residents showed burnt-out cars and a damaged school.",
    "The United Nations called for an investigation.",
]
START = date(2019, 1, 1)
DAYS = 5 * 365
SYLLABLES = ["al", "ka", "mir", "do", "ne", "sh", "ra", "bu", "tel", "vo", "za", "in", "ur", "os"]


@dataclass(frozen=True)
class Town:
    name: str
    country: str
    lat: float
    lon: float


@dataclass
class Event:
    """An incident as the world had it: what several documents may report."""

    kind: tuple[str, str, str, str]
    actor: tuple[str, str]
    town: Town
    day: date
    precision: str
    killed: int


class Corpus:
    """Synthetic documents, deterministic from a seed: ``document(k)`` is the k-th."""

    def __init__(self, seed: int = 20, days: int = DAYS) -> None:
        self.rng = random.Random(seed)
        self.days = days
        self.towns = [self._town(i) for i in range(600)]
        self.weights = [1 / (rank + 1) for rank in range(len(self.towns))]  # Zipf, s=1
        self.events: list[Event] = []
        self.texts: list[tuple[str, list[tuple[Event, str]]]] = []  # fresh documents' bodies

    def _town(self, i: int) -> Town:
        country = list(REGIONS)[i % len(REGIONS)]
        _, south, north, west, east = REGIONS[country]
        name = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
        lat, lon = self.rng.uniform(south, north), self.rng.uniform(west, east)
        return Town(name.capitalize() + ("ivka" if country == "UA" else ""), country, lat, lon)

    def _event(self) -> Event:
        rng = self.rng
        precision = rng.choices(["day", "week", "month", "year"], [80, 10, 7, 3])[0]
        day = START + timedelta(days=rng.randrange(self.days))
        town = rng.choices(self.towns, self.weights)[0]
        event = Event(
            rng.choice(KINDS), rng.choice(ACTORS), town, day, precision, rng.randint(0, 40)
        )
        self.events.append(event)
        return event

    def document(self, k: int) -> tuple[Extraction, bytes]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15 and self.texts:  # a wire copy of an earlier document
            body, reported = rng.choice(self.texts)
            outlet = rng.choice(OUTLETS)
            text = f"{outlet}: {body} (Distributed by {rng.choice(OUTLETS)}; item {k}.)"
        else:
            if roll < 0.30 and self.events:  # another report of an earlier incident
                events = [rng.choice(self.events)]
            else:
                events = [self._event() for _ in range(rng.choice([1, 1, 1, 2]))]
            reported = [(event, self._sentence(event)) for event in events]
            body = " ".join(sentence for _, sentence in reported)
            body += " " + " ".join(
                s.format(n=rng.randint(2, 90)) for s in rng.sample(FILLER, rng.randint(3, 6))
            )
            body += f" (Report {k}.)"
            self.texts.append((body, reported))
            outlet = rng.choice(OUTLETS)
            text = f"{outlet}: {body}"
        raw = text.encode()
        doc_id = content_hash(raw)
        doc = DocumentInfo(
            id=doc_id,
            text=text,
            title=text[len(outlet) + 2 :][:80],
            language="en",
            outlet=outlet,
            published=reported[0][0].day + timedelta(days=1),
        )
        return self._extraction(doc, reported), raw

    def _sentence(self, e: Event) -> str:
        _, country, *_ = REGIONS[e.town.country]
        when = {"day": f"on {e.day:%d %B %Y}", "week": f"in the week of {e.day:%d %B %Y}"}
        when |= {"month": f"in {e.day:%B %Y}", "year": f"during {e.day:%Y}"}
        return (
            f"{e.actor[1]} forces {e.kind[3]} {e.town.name}, {country}, {when[e.precision]} "
            f"with {e.kind[2]}, killing {e.killed} civilians, {self.rng.choice(OUTLETS)} reported."
        )

    def _extraction(self, doc: DocumentInfo, reported: list[tuple[Event, str]]) -> Extraction:
        incidents, mentions, claims = [], [], []
        for event, sentence in reported:
            start = doc.text.find(sentence)
            sentence_end = start + len(sentence)
            place = doc.text.find(event.town.name, start)
            evidence = Span(start=start, end=sentence_end, quote=sentence)
            town_span = Span(start=place, end=place + len(event.town.name), quote=event.town.name)
            mentions.append(
                Mention(
                    start=town_span.start,
                    end=town_span.end,
                    quote=town_span.quote,
                    label="place",
                    origin="synthetic",
                )
            )
            claim_id = record_id("clm", doc.id, start)
            claims.append(
                Claim(
                    id=claim_id,
                    source=ActorRef(
                        text=sentence.rsplit(", ", 1)[1][: -len(" reported.")], type="media"
                    ),
                    stance="reports",
                    span=evidence,
                )
            )
            incidents.append(
                Incident(
                    id=record_id("inc", doc.id, start, sentence_end),
                    category=event.kind[0],  # type: ignore[arg-type]
                    weapons=[Weapon(text=event.kind[2], weapon_class=event.kind[1])],  # type: ignore[arg-type]
                    perpetrators=[
                        Perpetrator(text=f"{event.actor[1]} forces", actor=event.actor[0])
                    ],
                    victims=[Victim(text="civilians")],
                    location=PlaceRef(
                        text=event.town.name,
                        precision="town",
                        name=event.town.name,
                        lat=round(event.town.lat, 4),
                        lon=round(event.town.lon, 4),
                        country=event.town.country,
                        span=town_span,
                    ),
                    when=_when(event),
                    killed=Number(best=event.killed, qualifier="exact"),
                    claims=[claim_id],
                    evidence=[evidence],
                )
            )
        return Extraction(document=doc, incidents=incidents, claims=claims, mentions=mentions)


def _when(event: Event) -> When:
    day = event.day
    if event.precision == "week":
        start = day - timedelta(days=day.weekday())
        return When(precision="week", start=start, end=start + timedelta(days=6))
    if event.precision == "month":
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return When(precision="month", start=start, end=end)
    if event.precision == "year":
        return When(
            precision="year", start=day.replace(month=1, day=1), end=day.replace(month=12, day=31)
        )
    return When(precision="day", start=day, end=day)


# -- measuring -----------------------------------------------------------------------------------


def fill(store: Store, corpus: Corpus, first: int, last: int) -> tuple[list[float], float]:
    """Save and link documents first..last-1: each one's seconds, and this process's CPU seconds."""
    times = []
    cpu = time.process_time()
    for k in range(first, last):
        extraction, raw = corpus.document(k)
        began = time.perf_counter()
        store.save_linked(extraction, raw, f"synthetic/{k}.txt")
        times.append(time.perf_counter() - began)
    return times, time.process_time() - cpu


def lookup(store: Store, corpus: Corpus, probes: int) -> tuple[list[float], list[int]]:
    """Time the linker's candidate query for incidents like stored ones (not stored themselves)."""
    rng = random.Random(probes)
    times, counts = [], []
    for probe in range(probes):
        event = rng.choice(corpus.events)
        sentence = corpus._sentence(event)
        extraction = corpus._extraction(
            DocumentInfo(id=f"{probe:064x}", text=sentence), [(event, sentence)]
        )
        incident = extraction.incidents[0]
        with store.engine.connect() as conn:
            began = time.perf_counter()
            found = candidates(conn, incident, extraction.document.id, extraction.document.id)
            times.append(time.perf_counter() - began)
        counts.append(len(found))
    return times, counts


def routes(corpus: Corpus) -> dict[str, str]:
    """The API requests timed: the list, each filter, deep paging, and the two searches."""
    town = corpus.towns[3]
    _, south, north, west, east = REGIONS["SY"]
    return {
        "list": "/api/incidents",
        "list, page 20": "/api/incidents?offset=1000",
        "category": "/api/incidents?category=shelling_or_artillery",
        "country + dates": "/api/incidents?country=SY&since=2021-01-01&until=2021-06-30",
        "bbox": f"/api/incidents?bbox={west},{south},{(west + east) / 2},{(south + north) / 2}",
        "weapon": "/api/incidents?weapon=cluster_munition",
        "actor": "/api/incidents?actor=JNIM",
        "incident words (q)": f"/api/incidents?q={town.name}",
        "document search": f"/api/documents?q={town.name}+civilians",
    }


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The API over the store, on a free loopback port, in a thread of this process."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, local=True), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def latencies(
    base: str, paths: dict[str, str], requests: int
) -> dict[str, tuple[float, float, int]]:
    """Each route's p95 in seconds (after one warm-up request), the CPU seconds per request of this
    process (server and client: what the answer costs, however busy the machine), and how many
    items it matched."""
    found = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, path in paths.items():
            answer = client.get(path)
            answer.raise_for_status()
            total = answer.json().get("total", len(answer.json().get("items", [])))
            times = []
            cpu = time.process_time()
            for _ in range(requests):
                began = time.perf_counter()
                client.get(path).raise_for_status()
                times.append(time.perf_counter() - began)
            cpu = (time.process_time() - cpu) / requests
            found[name] = (statistics.quantiles(times, n=20)[-1], cpu, total)
    return found


def ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f} ms"


def measure(
    backend: str,
    store: Store,
    settings: Settings,
    corpus: Corpus,
    first: int,
    last: int,
    probes: int,
    requests: int,
) -> None:
    """Save and link documents first..last-1 into the store, then print what they cost, the
    candidate lookup and the API's latencies."""
    began = time.perf_counter()
    times, cpu = fill(store, corpus, first, last)
    elapsed = time.perf_counter() - began
    tail = times[-300:]
    print(
        f"[{backend} {last}] insert {len(times)} docs in {elapsed:.0f} s: "
        f"{len(times) / elapsed:.1f} docs/s; save+link per doc (last {len(tail)}): "
        f"median {ms(statistics.median(tail))}, "
        f"p95 {ms(statistics.quantiles(tail, n=20)[-1])}; "
        f"{ms(cpu / len(times))} CPU per doc in this process",
        flush=True,
    )
    times, counts = lookup(store, corpus, probes)
    print(
        f"[{backend} {last}] candidate lookup: median {ms(statistics.median(times))}, "
        f"max {ms(max(times))}, {statistics.mean(counts):.1f} candidates on average",
        flush=True,
    )
    with serving(settings) as base:
        for name, (p95, cpu, total) in latencies(base, routes(corpus), requests).items():
            print(
                f"[{backend} {last}] API {name:20} p95 {ms(p95):>10}, "
                f"{ms(cpu):>9} CPU per request ({total} found)",
                flush=True,
            )


class _CorpusUnpickler(pickle.Unpickler):
    """Finds the corpus's classes here whether the pickle was written by this file run as a
    script (``__main__``) or imported as ``growth``."""

    def find_class(self, module: str, name: str) -> Any:
        if module in ("__main__", "growth") and name in ("Corpus", "Town", "Event"):
            return globals()[name]
        return super().find_class(module, name)


def load_corpus(path: Path) -> Corpus:
    """The corpus ``--keep`` left beside a store (``corpus.pkl``), ready to make the documents
    after the store's last."""
    with path.open("rb") as handle:
        corpus: Corpus = _CorpusUnpickler(handle).load()
    return corpus


def run(
    backend: str,
    settings: Settings,
    sizes: list[int],
    probes: int,
    requests: int,
    days: int,
    copies: bool = False,
    keep: bool = False,
) -> None:
    """Fill one store to each size in turn and measure it there; with ``copies`` (SQLite only),
    also copy it at each size into a fresh PostgreSQL database and measure the next documents
    written there. With ``keep``, the corpus is pickled beside the store at the end."""
    corpus = Corpus(days=days)
    store = open_store(settings)
    done = 0
    try:
        for size in sizes:
            measure(backend, store, settings, corpus, done, size, probes, requests)
            done = size
            if keep:
                (settings.data_dir / "corpus.pkl").write_bytes(pickle.dumps(corpus))
            if copies:
                measure_copy(store, settings, corpus, done, probes, requests)
    finally:
        store.close()


def measure_copy(
    store: Store, settings: Settings, corpus: Corpus, done: int, probes: int, requests: int
) -> None:
    """Copy the SQLite store into a fresh PostgreSQL database, then measure there the next 300
    documents of a copy of the corpus (so that the SQLite store goes on with its own)."""
    with postgres_database() as url:
        target_settings = Settings(data_dir=settings.data_dir, database_url=url)
        target = open_store(target_settings)
        try:
            began = time.perf_counter()
            rows = copy_store(store.engine, target.engine)
            print(
                f"[postgresql {done}] copied {rows} rows of the SQLite store in "
                f"{time.perf_counter() - began:.0f} s (then VACUUM ANALYZE)",
                flush=True,
            )
            probe = copy.deepcopy(corpus)
            measure(
                "postgresql", target, target_settings, probe, done, done + 300, probes, requests
            )
        finally:
            target.close()


def copy_store(source: Engine, target: Engine, batch: int = 5000) -> int:
    """Copy every row of a store into an empty one of the same schema (parents before children),
    move the target's identity counters past them, and VACUUM ANALYZE it, as autovacuum does
    some minutes after a bulk load. Returns how many rows were copied."""
    copied = 0
    with source.connect() as src, target.begin() as dst:
        for table in metadata.sorted_tables:
            pending: list[dict[str, object]] = []
            result = src.execution_options(yield_per=batch).execute(sa.select(table))
            for row in result.mappings():
                pending.append(dict(row))
                if len(pending) >= batch:
                    dst.execute(table.insert(), pending)
                    copied += len(pending)
                    pending = []
            if pending:
                dst.execute(table.insert(), pending)
                copied += len(pending)
            for column in table.columns:
                if column.identity is not None or column.autoincrement is True:
                    dst.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
    with target.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # the visibility map too (VACUUM), which index-only scans read: autovacuum sets it
        # after a bulk insert (PostgreSQL 13 and later), some minutes after the copy
        conn.exec_driver_sql("VACUUM ANALYZE")
    return copied


@contextmanager
def postgres_database() -> Iterator[str]:
    base = os.environ.get("DOCKET_TEST_POSTGRES_URL")
    if not base:
        raise SystemExit('DOCKET_TEST_POSTGRES_URL is not set: eval "$(.ci/postgres.sh)" first')
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    name = f"docket_growth_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        drop(admin, name)
        admin.dispose()


def drop(admin: Engine, name: str, tries: int = 30) -> None:
    """Drop the benchmark's database. After a bulk copy, autovacuum may still be working in it,
    and a role that is no superuser cannot end that: wait for it, then say what is left."""
    for attempt in range(tries):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except sa.exc.DBAPIError:
            if attempt == tries - 1:
                print(f"could not drop the database {name}: drop it by hand", flush=True)
                return
            time.sleep(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, in documents")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--postgresql-copies",
        action="store_true",
        help="with --backend sqlite: at each size, copy the store into PostgreSQL and measure there",
    )
    parser.add_argument("--probes", type=int, default=30)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument(
        "--days",
        type=int,
        default=DAYS,
        help="the days the events fall in: fewer make a store as dense as a larger one",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="with --backend sqlite: fill the store in DIR (a new folder) and leave it there",
    )
    args = parser.parse_args()
    if args.keep is not None and (args.backend != "sqlite" or args.keep.exists()):
        parser.error("--keep needs --backend sqlite and a folder that does not exist yet")
    sizes = sorted(int(size) for size in args.sizes.split(","))
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        with tempfile.TemporaryDirectory() as tmp:
            if backend == "sqlite":
                if args.keep is not None:
                    args.keep.mkdir(parents=True)
                settings = Settings(data_dir=args.keep or Path(tmp))
                run(
                    backend,
                    settings,
                    sizes,
                    args.probes,
                    args.requests,
                    args.days,
                    args.postgresql_copies,
                    args.keep is not None,
                )
            else:
                with postgres_database() as url:
                    settings = Settings(data_dir=Path(tmp), database_url=url)
                    run(backend, settings, sizes, args.probes, args.requests, args.days)


if __name__ == "__main__":
    main()

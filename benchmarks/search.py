"""Document search at scale: fill a fresh store with N documents and time ``search_documents``.

    python benchmarks/search.py --docs 100000 --url postgresql+psycopg://USER:PASS@HOST/DB
    python benchmarks/search.py --docs 100000            # SQLite, in a temporary folder

The documents are the texts of the evaluation sets (PolNeAR train and MUC-4 TRAIN, 2,140
texts from the evaluation data, ``DOCKET_SHARED_DIR``), repeated with a numbered line so each is a document of its own,
written straight into the documents table (the search index is what is measured, not reading).
The store is emptied first: name a database kept for this. Prints, for queries from common to
rare words, how many documents match and the median and worst of five searches (50 results,
best first, with snippets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from hashlib import sha256
from pathlib import Path

import sqlalchemy as sa

from docket.settings import Settings, load_settings
from docket.store import open_store, search

QUERIES = ("election", "Trump campaign", "killed soldiers", "guerrillas attacked", "Salvador bomb")
BATCH = 2000


def texts() -> list[str]:
    """The texts of PolNeAR train and MUC-4 TRAIN (the ``shared_dir`` setting)."""
    eval_dir = load_settings().shared_dir / "eval"
    muc4 = eval_dir / "muc4" / "train.json"
    if not muc4.exists():
        raise SystemExit(f"no evaluation texts at {eval_dir} (DOCKET_SHARED_DIR)")
    polnear = sorted((eval_dir / "polnear" / "train" / "text").glob("*.txt"))
    found = [p.read_text("utf-8") for p in polnear]
    with muc4.open(encoding="utf-8") as handle:
        found += [json.loads(line)["doctext"] for line in handle if line.strip()]
    return found


def fill(url: str, count: int) -> sa.Engine:
    engine = sa.create_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    open_store(Settings(database_url=url))  # the schema, by docket's migrations
    corpus = texts()
    insert = sa.text(
        "INSERT INTO documents (id, seq, title, text, ingested_at, source, raw_size, "
        "mention_count, status) VALUES (:id, :seq, :title, :text, :at, 'benchmark', :size, 0, "
        "'analysed')"
    )
    started = time.perf_counter()
    with engine.begin() as conn:
        rows = []
        for k in range(count):
            text = f"{corpus[k % len(corpus)]}\n(Item {k}.)"
            rows.append(
                {
                    "id": sha256(text.encode()).hexdigest(),
                    "seq": k + 1,
                    "title": text[:60],
                    "text": text,
                    "at": "2026-12-07 00:00:00",
                    "size": len(text),
                }
            )
            if len(rows) == BATCH or k == count - 1:
                conn.execute(insert, rows)
                rows = []
    if engine.dialect.name == "postgresql":  # as autovacuum leaves a store: hint bits, statistics
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE documents"))
    print(
        f"{count} documents written in {time.perf_counter() - started:.0f} s ({engine.dialect.name})"
    )
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--url", default=None, help="the store to fill (emptied first)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'search.db'}"
        engine = fill(url, args.docs)
        dialect = engine.dialect.name
        for query in QUERIES:
            times = []
            with engine.connect() as conn:
                matching = search.matching_ids(dialect, query).subquery()
                total = conn.scalar(sa.select(sa.func.count()).select_from(matching))
                for _ in range(5):
                    started = time.perf_counter()
                    shown = search.search_documents(conn, query, 50, 0)
                    times.append(time.perf_counter() - started)
            print(
                f"{query!r:22} {len(shown):3} shown of {total:6} matching: median "
                f"{1000 * statistics.median(times):6.0f} ms, worst {1000 * max(times):6.0f} ms"
            )
        engine.dispose()


if __name__ == "__main__":
    main()

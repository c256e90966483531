"""Helpers for the tests of worker processes and batch runs: a batch of distinct documents, the
processes a run started, and what a store holds."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from docket.settings import Settings
from docket.store import open_store

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "docket" / "sample" / "sample.jsonl"


def sample_records(copies: int = 1) -> list[dict[str, str]]:
    """The bundled sample's records, ``copies`` times over; each copy after the first ends with a
    line of its own, so every record is a distinct document (a near-duplicate of the first)."""
    records = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines() if line.strip()]
    out = []
    for copy in range(copies):
        for record in records:
            text = record["text"] if copy == 0 else f"{record['text']}\n\nUpdated ({copy})."
            out.append({**record, "id": f"{record.get('id', 'doc')}-{copy}", "text": text})
    return out


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def write_parquet(path: Path, records: list[dict[str, str]]) -> Path:
    """The records as a Parquet file with a string column for every key any record has."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    keys = sorted({key for record in records for key in record})
    columns = {key: [record.get(key) for record in records] for key in keys}
    pq.write_table(pa.table(columns, schema=pa.schema([(k, pa.string()) for k in keys])), path)
    return path


def write_texts(folder: Path, records: list[dict[str, str]]) -> Path:
    """One .txt file per record (so a run can be stopped between any two documents)."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, record in enumerate(records):
        (folder / f"doc{number:03d}.txt").write_text(record["text"], "utf-8")
    return folder


def children(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces; the parent id follows it
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def worker_pids(parent: int) -> list[int]:
    """The reading workers of a ``docket ingest --workers`` run: children of its forkserver."""
    for child in children(parent):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"forkserver" in cmdline:
            return children(child)
    return []


def stored_documents(database: Path) -> int:
    """How many documents a SQLite store holds now (read while another process writes)."""
    if not database.exists():
        return 0
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as conn:
        try:
            return int(conn.execute("select count(*) from documents").fetchone()[0])
        except sqlite3.OperationalError:  # the schema is not made yet
            return 0


def snapshot(settings: Settings) -> dict[str, object]:
    """What a user checks after a run: documents, incidents and how reports are linked, and that
    every stored document is whole."""
    store = open_store(settings)
    try:
        counts = store.counts()
        return {
            "counts": counts,
            "incidents": sorted(store.incident_ids()),
            "links": store.report_links(),
            "problems": [str(p) for p in store.check()],
        }
    finally:
        store.close()


def subprocess_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKET_")}
    env["DOCKET_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DOCKET_DATABASE_URL"] = database_url
    src = str(REPO / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env

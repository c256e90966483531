"""Ingest: stores each document whole, skips what it knows, survives bad input and kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docket.ingest import ingest
from docket.settings import Settings
from docket.store import open_store

REPORTS = [
    "Artillery shells struck the market in Avdiivka on Monday, killing three civilians, local officials said.",
    "A roadside bomb exploded near a convoy outside Kandahar on Tuesday. The Taliban denied responsibility.",
    "Government aircraft dropped barrel bombs on Aleppo's eastern districts, rescue workers said on Sunday.",
]


def write_reports(folder: Path, count: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = REPORTS[number % len(REPORTS)] + f" Report {number} of {count}."
        (folder / f"report-{number:03d}.txt").write_text(text, "utf-8")
    return folder


@pytest.mark.slow
def test_ingest_twice_adds_nothing_the_second_time(settings: Settings, tmp_path: Path) -> None:
    folder = write_reports(tmp_path / "in")
    first = ingest([str(folder)], settings)
    assert len(first.added) == 3 and not first.skipped and not first.failed
    store = open_store(settings)
    counts = store.counts()
    second = ingest([str(folder)], settings)
    assert not second.added and len(second.skipped) == 3
    assert store.counts() == counts


@pytest.mark.slow
def test_bad_inputs_fail_alone_and_change_nothing_stored(
    settings: Settings, tmp_path: Path
) -> None:
    good = write_reports(tmp_path / "good", 2)
    ingest([str(good)], settings)
    store = open_store(settings)
    before = store.counts()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "koi8.txt").write_bytes("Взрыв в кафе убил двоих.".encode("koi8-r"))
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (bad / "empty.txt").write_text("")
    (bad / "batch.jsonl").write_text('{"text": "Clashes erupted in Tripoli overnight."}\n{broken\n')
    (bad / "page.html").write_text(
        "<html><body><p>Drone strikes hit a fuel depot in the port city on Friday, the governor "
        "said, and firefighters fought the blaze for hours.</p><script>document.cookie</script>"
        '<img src=x onerror="alert(1)"></body></html>'
    )
    summary = ingest([str(bad)], settings)
    codes = sorted(p.code for p in summary.failed)
    assert codes == ["E003", "E004", "E005", "E007"]
    assert len(summary.added) == 2  # the good JSONL line and the HTML page
    after = store.counts()
    assert after["documents"] == before["documents"] + 2
    html_doc = next(d for d in store.search_documents("fuel depot") if d)
    assert "onerror" not in store.document(html_doc.id).text
    assert "document.cookie" not in store.document(html_doc.id).text


def _count_documents(database: Path) -> int:
    import sqlite3

    if not database.exists():
        return 0
    try:
        with sqlite3.connect(database, timeout=1) as conn:
            return int(conn.execute("select count(*) from documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_batch_killed_midway_leaves_every_stored_document_whole(tmp_path: Path) -> None:
    folder = write_reports(tmp_path / "in", 40)
    data = tmp_path / "data"
    env = {**os.environ, "DOCKET_DATA_DIR": str(data)}
    env.pop("DOCKET_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "docket", "ingest", "--quiet", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    database = data / "docket.db"
    deadline = time.monotonic() + 120
    while _count_documents(database) < 3 and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = _count_documents(database)
    assert 3 <= stored < 40, "the batch should have been killed midway"

    settings = Settings(data_dir=data)
    store = open_store(settings)
    assert store.check() == []  # every document whole, every archived copy verifies
    for summary in store.search_documents(None, limit=100):
        extraction = store.extraction(summary.id)
        assert extraction.document.text and extraction.mentions  # no partial document
    resumed = ingest([str(folder)], settings)
    assert len(resumed.skipped) == stored and len(resumed.added) == 40 - stored
    assert store.counts()["documents"] == 40

"""docket ingest --workers N: real worker processes, SQLite and PostgreSQL, kill -9 of a worker
and of the parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket import workers as worker_pool
from docket.faces.cli import build_cli
from docket.ingest import ingest
from docket.settings import Settings
from scale_helpers import (
    alive,
    sample_records,
    snapshot,
    stored_documents,
    subprocess_env,
    worker_pids,
    write_jsonl,
    write_texts,
)

pytest_plugins = ["store_fixtures"]
pytestmark = pytest.mark.slow

DEADLINE_S = 300


def _docket(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "docket", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition, what: str, timeout: float = DEADLINE_S) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_two_workers_store_what_one_process_stores(
    store_settings: Settings, tmp_path: Path
) -> None:
    """The same batch read by 2 worker processes and by this process alone gives the same store,
    on SQLite and PostgreSQL; a second run adds nothing."""
    batch = write_jsonl(tmp_path / "batch.jsonl", sample_records(copies=2))
    seen: list[str] = []
    summary = ingest(
        [str(batch)], store_settings, workers=2, on_item=lambda item: seen.append(str(item))
    )
    assert len(summary.added) == 14 and not summary.failed
    assert len(seen) == 14  # progress counts every worker's documents
    parallel = snapshot(store_settings)
    alone_settings = Settings(data_dir=tmp_path / "alone")
    assert not ingest([str(batch)], alone_settings).failed
    alone = snapshot(alone_settings)
    assert parallel == alone
    assert parallel["problems"] == []
    again = ingest([str(batch)], store_settings, workers=2)
    assert again.added == [] and len(again.skipped) == 14
    assert snapshot(store_settings) == parallel


def test_kill_a_worker_loses_nothing(tmp_path: Path) -> None:
    """kill -9 of a worker mid-batch: the run still stores every document, each whole."""
    records = sample_records(copies=3)
    folder = write_texts(tmp_path / "docs", records)
    data = tmp_path / "data"
    run = _docket("ingest", "--workers", "2", "-q", str(folder), env=subprocess_env(data))
    _wait_for(lambda: stored_documents(data / "docket.db") >= 2, "the first documents")
    workers = worker_pids(run.pid)
    assert len(workers) == 2, f"expected 2 worker processes under {run.pid}, found {workers}"
    os.kill(workers[0], signal.SIGKILL)
    out, err = run.communicate(timeout=DEADLINE_S)
    assert run.returncode == 0, err
    assert out.strip().startswith(f"added {len(records)}, skipped 0 already known, failed 0"), out
    after = snapshot(Settings(data_dir=data))
    assert after["problems"] == []
    assert after["counts"]["documents"] == len(records)


def test_kill_the_parent_loses_no_committed_document(tmp_path: Path) -> None:
    """kill -9 of the parent: what it committed stays whole, its workers go, and a second run
    stores the rest (and links what the first run saved but did not link)."""
    records = sample_records(copies=3)
    folder = write_texts(tmp_path / "docs", records)
    data = tmp_path / "data"
    env = subprocess_env(data)
    run = _docket("ingest", "--workers", "2", "-q", str(folder), env=env)
    _wait_for(lambda: stored_documents(data / "docket.db") >= 3, "the first documents")
    workers = worker_pids(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    _wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to exit", 60)
    run.communicate(timeout=60)
    stopped = snapshot(Settings(data_dir=data))
    assert stopped["problems"] == []
    kept = stopped["counts"]["documents"]
    assert 3 <= kept <= len(records)
    rerun = _docket("ingest", "--workers", "2", "-q", str(folder), env=env)
    out, err = rerun.communicate(timeout=DEADLINE_S)
    assert rerun.returncode == 0, err
    assert out.startswith(f"added {len(records) - kept}, skipped {kept} already known"), out
    # the same store as one uninterrupted run
    whole = Settings(data_dir=tmp_path / "whole")
    assert not ingest([str(folder)], whole).failed
    assert snapshot(Settings(data_dir=data)) == snapshot(whole)


def test_workers_fork_from_a_server_that_holds_no_thread(settings: Settings) -> None:
    """The server the workers fork from has imported the model libraries and runs one thread
    only: a thread's lock would stay held for ever in a worker forked while it was taken."""
    environment = dict(os.environ)
    pool = worker_pool._pool(settings, 1, 0)
    try:
        server = pool.submit(os.getppid).result(timeout=DEADLINE_S)
    finally:
        pool.shutdown()
    assert server != os.getpid()
    libraries = Path(f"/proc/{server}/maps").read_text()
    assert "/numpy/" in libraries and "/spacy/" in libraries
    assert len(os.listdir(f"/proc/{server}/task")) == 1
    assert dict(os.environ) == environment  # the caller's environment is left as it was


def test_workers_must_be_at_least_one(settings: Settings, tmp_path: Path) -> None:
    batch = write_jsonl(tmp_path / "batch.jsonl", sample_records()[:2])
    result = CliRunner().invoke(
        build_cli(),
        ["ingest", "--workers", "0", str(batch)],
        env={"DOCKET_DATA_DIR": str(tmp_path)},
    )
    assert result.exit_code == 2
    assert "E073" in result.output and "--workers 0" in result.output

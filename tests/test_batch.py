"""docket batch: shards read on a real dask.distributed LocalCluster, stored by content hash."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from docket.batch import dask_client, read_shard, run_batch, shards_of
from docket.errors import DocketError, Problem
from docket.faces.cli import build_cli
from docket.ingest import IngestSummary, ingest, store_result
from docket.read.sources import iter_sources
from docket.settings import Settings
from docket.store import open_store
from scale_helpers import sample_records, snapshot, write_jsonl, write_parquet

pytest_plugins = ["store_fixtures"]


def _shards(folder: Path) -> list[dict[str, str]]:
    """Three shards of the sample and its near-duplicates: two JSONL files and one Parquet."""
    records = sample_records(copies=2)
    write_jsonl(folder / "a.jsonl", records[:5])
    write_jsonl(folder / "b.jsonl", records[5:9])
    write_parquet(folder / "c.parquet", records[9:])
    return records


@pytest.mark.slow
def test_batch_on_a_local_cluster_stores_what_ingest_stores(
    store_settings: Settings, tmp_path: Path
) -> None:
    records = _shards(tmp_path / "shards")
    with dask_client(None, workers=2, processes=False) as client:
        assert len(client.scheduler_info()["workers"]) == 2
    summary = run_batch([str(tmp_path / "shards")], store_settings, workers=2, processes=False)
    assert not summary.failed
    assert len(summary.added) == len(records)
    assert summary.incidents > 0
    batch = snapshot(store_settings)
    assert batch["problems"] == []
    # the same documents ingested one by one, in the order the shards came back or not: the
    # linked incidents do not depend on the order
    alone = Settings(data_dir=tmp_path / "alone")
    assert not ingest(shards_of([str(tmp_path / "shards")]), alone).failed
    expected = snapshot(alone)
    assert batch["counts"] == expected["counts"]
    assert batch["incidents"] == expected["incidents"]
    # a re-run stores nothing twice
    again = run_batch([str(tmp_path / "shards")], store_settings, workers=2, processes=False)
    assert again.added == [] and len(again.skipped) == len(records)
    assert snapshot(store_settings) == batch


def _sampling(dask_worker: object) -> bool:
    """Whether a Dask worker samples its own stack (its statistical profiler)."""
    return "profile" in dask_worker.periodic_callbacks  # type: ignore[attr-defined]


@pytest.mark.slow
def test_local_worker_processes_fork_from_a_prepared_server() -> None:
    """The worker processes of docket's LocalCluster fork from a server that has imported
    distributed, docket and the model libraries and holds one thread, and do not sample their
    stacks: there is no dashboard to show it, and it cost a quarter of their CPU."""
    with dask_client(None, workers=1, processes=True) as client:
        assert list(client.run(_sampling).values()) == [False]
        (server,) = client.run(os.getppid).values()
    assert "forkserver" in Path(f"/proc/{server}/cmdline").read_text()
    libraries = Path(f"/proc/{server}/maps").read_text()
    assert "/spacy/" in libraries
    assert len(os.listdir(f"/proc/{server}/task")) == 1
    from distributed import Client, LocalCluster

    # the setting is docket's: a LocalCluster of Dask's defaults samples
    with (
        LocalCluster(n_workers=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as plain,
    ):
        assert list(plain.run(_sampling).values()) == [True]


@pytest.mark.slow
def test_a_retried_task_stores_nothing_twice(settings: Settings, tmp_path: Path) -> None:
    """A task run twice (as Dask does after losing a worker) gives the same records, and storing
    both results adds each document once."""
    _shards(tmp_path / "shards")
    shard = str(tmp_path / "shards" / "c.parquet")
    first, second = read_shard(shard, settings), read_shard(shard, settings)
    assert [r.extraction() for r in first] == [r.extraction() for r in second]  # type: ignore[union-attr]
    store = open_store(settings)
    summary = IngestSummary()
    for item in first + second:
        store_result(store, item, summary)
    assert len(summary.added) == len(first) and len(summary.skipped) == len(first)
    assert store.counts()["documents"] == len(first)


def test_parquet_shard_without_text_is_e072(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.Table.from_pylist([{"body": "no text column"}]), path)
    (problem,) = list(iter_sources([str(path)], 10_000))
    assert isinstance(problem, Problem) and problem.code == "E072"
    assert "no 'text' column" in problem.message and problem.path == str(path)
    not_parquet = tmp_path / "fake.parquet"
    not_parquet.write_text("not parquet")
    (problem,) = list(iter_sources([str(not_parquet)], 10_000))
    assert isinstance(problem, Problem) and problem.code == "E072"


def test_parquet_rows_read_like_jsonl_lines(tmp_path: Path) -> None:
    records = sample_records()[:2]
    write_parquet(tmp_path / "s.parquet", records)
    write_jsonl(tmp_path / "s.jsonl", records)
    rows = list(iter_sources([str(tmp_path / "s.parquet")], 1_000_000))
    lines = list(iter_sources([str(tmp_path / "s.jsonl")], 1_000_000))
    assert [(r.raw, r.meta) for r in rows] == [(r.raw, r.meta) for r in lines]  # type: ignore[union-attr]
    assert [r.source for r in rows] == [f"{tmp_path / 's.parquet'}:{n}" for n in (1, 2)]  # type: ignore[union-attr]


@pytest.mark.slow
def test_unreachable_scheduler_is_e071(tmp_path: Path) -> None:
    with pytest.raises(DocketError) as caught, dask_client("tcp://127.0.0.1:9", workers=1):
        pass
    assert caught.value.code == "E071" and "tcp://127.0.0.1:9" in str(caught.value)
    write_jsonl(tmp_path / "a.jsonl", sample_records()[:1])
    result = CliRunner().invoke(
        build_cli(),
        ["batch", "--scheduler", "tcp://127.0.0.1:9", str(tmp_path / "a.jsonl")],
        env={"DOCKET_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.exit_code == 2 and "E071" in result.output


@pytest.mark.slow
def test_a_shard_is_read_in_pieces_that_add_up_to_it(settings: Settings, tmp_path: Path) -> None:
    """A shard is split into tasks of a few documents, so the first records come back early;
    the pieces read together are the whole shard, in order, nothing read twice or left out."""
    from docket.batch import TASK_DOCUMENTS, tasks_of

    records = sample_records(copies=4)[: 2 * TASK_DOCUMENTS + 1]
    shard = tmp_path / "one.jsonl"
    write_jsonl(shard, records)
    tasks = tasks_of([str(shard), str(tmp_path / "missing.jsonl")], settings.max_document_bytes)
    assert [task[:3] for task in tasks] == [
        (str(shard), 0, TASK_DOCUMENTS),
        (str(shard), TASK_DOCUMENTS, 2 * TASK_DOCUMENTS),
        (str(shard), 2 * TASK_DOCUMENTS, 2 * TASK_DOCUMENTS + 1),
        (str(tmp_path / "missing.jsonl"), 0, 1),  # its worker reports E001
    ]
    pieces = [
        r
        for s, first, stop, start in tasks[:3]
        for r in read_shard(s, settings, None, first, stop, start=start)
    ]
    whole = read_shard(str(shard), settings)
    assert [r.extraction() for r in pieces] == [r.extraction() for r in whole]  # type: ignore[union-attr]
    assert [r.source for r in pieces] == [r.source for r in whole]
    assert len(whole) == len(records)
    gone, first, stop, start = tasks[3]
    (missing,) = read_shard(gone, settings, None, first, stop, start=start)
    assert isinstance(missing, Problem) and missing.code == "E001"

"""Batch runs on Dask (``docket batch``): each shard of documents is one task on a Dask worker.

A shard is one file of documents (JSONL, CSV or Parquet; any input ``docket ingest`` takes). Its
task, :func:`read_shard`, is a pure function from the shard to its records: it runs the reading
stages and touches no store, so Dask may run it again (a retry after a lost worker, a re-run of
the whole batch) with the same result. This process stores each record by its content hash (a
document already stored is skipped, so a retried task stores nothing twice) and links it, one
transaction per document, as each shard comes back: linking runs over what the shard stored.

The cluster is a ``LocalCluster`` on this machine unless a scheduler address is given, so a Slurm
(dask-jobqueue) or Kubernetes (the Dask Helm chart) cluster runs the same batch unchanged; see
docs/batch.md.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from docket.analysis import Analysis
from docket.errors import DocketError, Problem, unexpected
from docket.extract_only import analyse, dated
from docket.ingest import IngestSummary, store_result
from docket.pipeline import Context, reading_stages
from docket.read.sources import BATCH_SUFFIXES, iter_sources
from docket.settings import Settings
from docket.store import Store, open_store
from docket.workers import portable

if TYPE_CHECKING:
    from distributed import Client

RETRIES = 2  # Dask runs a shard's task again this many times when its worker is lost
CONNECT_TIMEOUT_S = 10

_local = threading.local()  # each Dask worker thread's context: models loaded once per thread


def shards_of(paths: Iterable[str]) -> list[str]:
    """The shards named by ``paths``: a folder stands for the batch files in it, sorted."""
    shards: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            shards += sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in BATCH_SUFFIXES
            )
        else:
            shards.append(given)
    return shards


def _context(settings: Settings) -> Context:
    key = settings.model_dump_json()
    if getattr(_local, "key", None) != key:
        _local.key, _local.context = key, Context(settings)
    context: Context = _local.context
    return context


def read_shard(
    path: str, settings: Settings, published: date | None = None
) -> list[Analysis | Problem]:
    """The records of one shard: an Analysis (without its spaCy Doc) or a Problem per document."""
    items = dated(iter_sources([path], settings.max_document_bytes), published)
    return [portable(result) for result in analyse(items, _context(settings), reading_stages())]


@contextmanager
def dask_client(scheduler: str | None, workers: int, processes: bool = True) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers`` workers."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DocketError("E071", f"{scheduler}: {exc}") from exc
    with client:
        yield client


def run_batch(
    paths: Iterable[str],
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    processes: bool = True,
    published: date | None = None,
    store: Store | None = None,
    on_item: Callable[[Analysis | Problem], None] | None = None,
) -> IngestSummary:
    """Read every shard of ``paths`` on Dask and store and link its records here.

    Running it again, or Dask retrying a task, adds nothing: records are stored by content hash.
    """
    from distributed import as_completed

    store = store or open_store(settings)
    summary = IngestSummary()
    shards = shards_of(paths)
    with dask_client(scheduler, workers, processes) as client:
        futures = {
            client.submit(
                read_shard, shard, settings, published, retries=RETRIES, pure=False
            ): shard
            for shard in shards
        }
        for future in as_completed(futures):
            try:
                records = future.result()
            except Exception as exc:  # the task's own failure, after Dask's retries
                problem = unexpected("batch task", exc, futures[future])
                summary.failed.append(problem)
                if on_item is not None:
                    on_item(problem)
                continue
            finally:
                future.release()
            for item in records:
                store_result(store, item, summary)
                if on_item is not None:
                    on_item(item)
    return summary

"""Batch runs on Dask (``docket batch``): each shard of documents is read by tasks on Dask workers.

A shard is one file of documents (JSONL, CSV or Parquet; any input ``docket ingest`` takes). It is
read in pieces of ``TASK_DOCUMENTS`` documents, one task each (:func:`tasks_of`), so that the
first records come back, and the workers share the work, after a few documents rather than a
whole shard. A task, :func:`read_shard`, is a pure function from a piece of a shard to its records:
it runs the reading stages and touches no store, so Dask may run it again (a retry after a lost
worker, a re-run of the whole batch) with the same result. This process stores each record by its
content hash (a document already stored is skipped, so a retried task stores nothing twice) and
links it, one transaction per document, as each piece comes back: linking runs over what the
piece stored. Each outlet's usual places (docket.resolve.places.outlets) are read from the store
once, as it stood when the batch began, and sent to every worker.

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
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from docket.analysis import Analysis
from docket.errors import DocketError, Problem, unexpected
from docket.extract_only import analyse, dated
from docket.ingest import IngestSummary, store_result
from docket.pipeline import Context, reading_stages
from docket.read.sources import (
    BATCH_SUFFIXES,
    JSONL_SUFFIXES,
    iter_shard,
    iter_sources,
    jsonl_starts,
)
from docket.resolve.places import outlets
from docket.settings import Settings
from docket.store import Store, open_store
from docket.workers import portable, start_forkserver

if TYPE_CHECKING:
    from distributed import Client

RETRIES = 2  # Dask runs a task again this many times when its worker is lost
TASK_DOCUMENTS = 8  # documents a task reads: about four seconds of a worker's time
CONNECT_TIMEOUT_S = 10
# The Dask settings of the workers a LocalCluster starts (each nanny passes them on to its worker).
# Each is forked from a server that has imported distributed, docket and the model libraries,
# rather than started as a fresh interpreter that imports them all. There is no dashboard, so no
# use for the workers' statistical profiler, which samples each worker's stack every 10 ms (a
# quarter of a worker's CPU on docket's tasks, measured).
LOCAL_WORKERS = {
    "distributed.worker.multiprocessing-method": "forkserver",
    "distributed.worker.profile.enabled": False,
}

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


# a task: (shard, first, stop, start), documents first to stop of the shard; ``start``: where
# document ``first`` begins in a JSONL shard (byte offset, line number), else None
Task = tuple[str, int, int | None, tuple[int, int] | None]


def tasks_of(shards: list[str], max_bytes: int, outlets: set[str] | None = None) -> list[Task]:
    """The tasks of a batch: a piece of ``TASK_DOCUMENTS`` documents of each shard in order. The
    documents are counted here (read, not analysed), and their outlets added to ``outlets`` when
    given; a shard this process cannot read is one task, whose worker reports the problem."""
    tasks: list[Task] = []
    for shard in shards:
        try:
            count = 0
            for item in iter_sources([shard], max_bytes):
                count += 1
                outlet = item.meta.get("outlet") if isinstance(item, Analysis) else None
                if outlets is not None and outlet:
                    outlets.add(str(outlet))
            starts: list[tuple[int, int] | None] = (
                list(jsonl_starts(shard, TASK_DOCUMENTS))
                if Path(shard).suffix.lower() in JSONL_SUFFIXES and Path(shard).is_file()
                else []
            )
        except OSError:
            tasks.append((shard, 0, None, None))
            continue
        firsts = range(0, max(count, 1), TASK_DOCUMENTS)
        starts += [None] * (len(firsts) - len(starts))
        tasks += [
            (shard, first, min(first + TASK_DOCUMENTS, count), start)
            for first, start in zip(firsts, starts, strict=False)
        ]
    return tasks


def read_shard(
    path: str,
    settings: Settings,
    published: date | None = None,
    first: int = 0,
    stop: int | None = None,
    outlet_places: dict[str, tuple[int, list[str]]] | None = None,
    start: tuple[int, int] | None = None,
) -> list[Analysis | Problem]:
    """The records of documents ``first`` to ``stop`` of one shard (all by default): an Analysis
    (without its spaCy Doc) or a Problem per document. ``outlet_places``: each outlet's documents
    and places as the store held them when the batch began (see
    :meth:`docket.store.Store.outlet_places`), read by the caller: tasks touch no store.
    ``start``: where document ``first`` begins in a JSONL shard (see :data:`Task`)."""
    count = None if stop is None else stop - first
    items = islice(iter_shard(path, settings.max_document_bytes, first, start), count)
    context = _context(settings)
    context.outlet_focus = outlets.from_table(outlet_places or {})
    results = analyse(dated(items, published), context, reading_stages())
    return [portable(result) for result in results]


@contextmanager
def dask_client(scheduler: str | None, workers: int, processes: bool = True) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers`` workers."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        import dask

        if processes:  # the nannies fork their workers from it (LOCAL_WORKERS)
            start_forkserver(["distributed", "docket.batch"])
        with dask.config.set(LOCAL_WORKERS):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        with cluster, Client(cluster) as client:
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
    found: set[str] = set()
    tasks = tasks_of(shards_of(paths), settings.max_document_bytes, found)
    as_of, documents = store.last_seq(), settings.outlet_focus_documents
    places = (
        {o: store.outlet_places(o, as_of, documents) for o in sorted(found)} if documents else {}
    )
    with dask_client(scheduler, workers, processes) as client:
        # one object (a dict given alone would be scattered value by value)
        table = client.scatter([places], broadcast=True)[0] if places else None
        futures = {
            client.submit(
                read_shard,
                shard,
                settings,
                published,
                first,
                stop,
                table,
                start,
                retries=RETRIES,
                pure=False,
            ): shard
            for shard, first, stop, start in tasks
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

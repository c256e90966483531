"""Reading documents in worker processes (``docket ingest --workers N``).

Each worker is a process that builds one :class:`~docket.pipeline.Context` when it starts (its
own :class:`~docket.resources.Resources`, so each model is loaded once per worker, on its first
document) and its own store connection, used only to ask whether a document is already stored.
Workers never write: the caller stores what they read, one transaction per document, so a
worker killed mid-document loses nothing that was committed and leaves nothing half-written.

Results come back in input order. When a worker dies (killed, out of memory), the documents it
and its siblings had in hand are read again by a fresh pool; a document in hand at two deaths is
given up as E070, and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from docket.analysis import Analysis
from docket.errors import DocketError, Problem
from docket.pipeline import Context, default_stages
from docket.settings import Settings

ATTEMPTS = 2  # a document in hand at this many worker deaths is given up (E070)
PARENT_CHECK_S = 0.5  # how often a worker checks that its parent is still there
IN_FLIGHT_PER_WORKER = 4  # documents queued per worker: keeps every worker busy, memory bounded

# The libraries the models run on, imported once in the server the workers fork from, so that a
# worker starts without importing them again (about a CPU second each, spaCy most). The server
# must hold no thread when it forks (a lock held by another thread stays held in the child for
# ever): numpy's BLAS starts a pool of threads unless told to use one, which SINGLE_THREADED
# tells it, and onnxruntime starts a thread when imported, so it is left to each worker.
PRELOAD = ("numpy", "spacy", "tokenizers")
SINGLE_THREADED = {
    name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
}

_worker: dict[str, Any] = {}  # this worker process's context and stages, set by _start


def default_workers() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def checked_workers(workers: int | None) -> int:
    """``workers`` as given (``None``: the number of cores); E073 below one."""
    if workers is None:
        return default_workers()
    if workers < 1:
        raise DocketError("E073", f"--workers {workers}: at least 1 is needed")
    return workers


def _start(settings: Settings, parent: int, as_of: int) -> None:
    """Set a worker process up: its store (for the dedup question and the outlets' usual places
    as of sequence number ``as_of`` only), context and stages."""
    from docket.resolve.places import outlets
    from docket.store import open_store

    _exit_with_parent(parent)
    store = open_store(settings)
    focus = outlets.from_store(store, settings, as_of)
    _worker["context"] = Context(settings, is_known=store.has_document, outlet_focus=focus)
    _worker["stages"] = default_stages()


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started the pool goes (kill -9 of ``docket
    ingest``): nothing else would, as the pool's queues keep both their ends open here."""

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            try:
                os.kill(parent, 0)
            except OSError:  # gone (or its id taken by a process not ours)
                os._exit(1)

    threading.Thread(target=watch, name="docket-parent-watch", daemon=True).start()


def _read(item: Analysis) -> Analysis | Problem:
    """Run the pipeline on one document in this worker; the spaCy Doc stays here."""
    from docket.extract_only import analyse

    (result,) = analyse([item], _worker["context"], _worker["stages"])
    return portable(result)


def portable(result: Analysis | Problem) -> Analysis | Problem:
    """``result`` without the statistical model's Doc, so it can travel to another process."""
    if isinstance(result, Analysis):
        result.doc = None
    return result


def _pool(settings: Settings, workers: int, as_of: int) -> ProcessPoolExecutor:
    # forkserver: workers fork from a clean server process, so they share nothing with the
    # caller's open database connections or threads, and start without importing docket or the
    # model libraries again
    context = start_forkserver(["docket.workers", "docket.extract_only"])
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(settings, os.getpid(), as_of)
    )


def start_forkserver(modules: Sequence[str]) -> multiprocessing.context.ForkServerContext:
    """This process's fork server, started if it is not running yet, with :data:`PRELOAD` and
    ``modules`` imported and one thread (one per process: the first caller's modules count)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*PRELOAD, *modules])
    with _environment(SINGLE_THREADED):
        multiprocessing.forkserver.ensure_running()
    return context


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` set in the environment (where not set already) for the block, then taken back."""
    added = {name: value for name, value in values.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            del os.environ[name]


def read_parallel(
    items: Iterable[Analysis | Problem], settings: Settings, workers: int, as_of: int = 0
) -> Iterator[Analysis | Problem]:
    """The pipeline's result for each of ``items``, read by ``workers`` processes, in order;
    each outlet's usual places as the store held them at sequence number ``as_of``."""
    source = iter(items)
    window = max(1, workers) * IN_FLIGHT_PER_WORKER
    # (item, attempts, future); an item that is a Problem already travels with future None
    pending: deque[tuple[Analysis | Problem, int, Future[Analysis | Problem] | None]] = deque()
    pool = _pool(settings, workers, as_of)
    try:
        while True:
            while len(pending) < window:
                item = next(source, None)
                if item is None:
                    break
                future = None if isinstance(item, Problem) else _submit(pool, item)
                pending.append((item, 0, future))
            if not pending:
                return
            item, attempts, future = pending[0]
            if future is None:
                pending.popleft()
                yield item
                continue
            try:
                result = future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(settings, workers, as_of)
                pending = deque(_resubmit(pool, pending))
                continue
            pending.popleft()
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, item: Analysis) -> Future[Analysis | Problem]:
    """``item`` sent to a worker; a pool broken meanwhile gives a future that says so."""
    try:
        return pool.submit(_read, item)
    except BrokenProcessPool as exc:
        failed: Future[Analysis | Problem] = Future()
        failed.set_exception(exc)
        return failed


def _resubmit(
    pool: ProcessPoolExecutor,
    pending: deque[tuple[Analysis | Problem, int, Future[Analysis | Problem] | None]],
) -> Iterator[tuple[Analysis | Problem, int, Future[Analysis | Problem] | None]]:
    """After a worker died: keep what was finished, read the rest again, give up on repeat cases."""
    for item, attempts, future in pending:
        if future is None or (future.done() and future.exception() is None):
            yield item, attempts, future
        elif attempts + 1 >= ATTEMPTS:
            assert isinstance(item, Analysis)
            yield (
                Problem(
                    "E070",
                    f"a worker process died while reading it, {ATTEMPTS} times",
                    item.source,
                ),
                attempts + 1,
                None,
            )
        else:
            assert isinstance(item, Analysis)
            yield item, attempts + 1, _submit(pool, item)

"""Documents per second of ``docket ingest`` with 1 and 2 worker processes, and of ``docket batch``
on a LocalCluster of 2 workers, over the same documents in one run (each into a fresh SQLite store).

    python benchmarks/workers.py [--docs N] [--rounds R]

Texts: as benchmarks/ingest.py (the bundled sample, re3d and PolNeAR dev articles); beyond the
distinct texts there are, each text comes again with a line of its own added (the same reading
work, a new document). For each run it prints the whole run's rate (process start and model
loads included), the time to the first stored document (the start-up: processes, imports,
models), the rate after it (the steady state), and the CPU seconds per document of this process
and every process under it (psutil), which says whether a run wastes CPU where the wall clock
only says the machine was busy. The load average is printed before and after: on a shared
machine the ratios measure the CPU left over, not the code. With ``--rounds R`` the three runs
are made R times, interleaved (one, two, batch, one, two, batch, ...), and the ratios are of
each run's median rate, so a neighbour's burst weighs on one round, not on one side.

Each run is made in a fresh interpreter of its own, as a user's ``docket ingest`` or ``docket
batch`` is: every run pays its imports and model loads. (Run in this process, the single-process
run kept its models loaded from one round to the next and started storing in 0.7 s, against
5 s for its first round and for every run of workers, which start fresh processes each time.)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil
from ingest import corpus  # benchmarks/ingest.py

from docket.batch import run_batch
from docket.ingest import ingest
from docket.settings import Settings

RUNS = ("ingest --workers 1", "ingest --workers 2", "batch, LocalCluster of 2")


class Meter:
    """Times each stored document and samples the CPU time of this process tree."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.stored: list[float] = []
        self.cpu: dict[int, float] = {}
        self.me = psutil.Process()
        self._sample()
        self.base = dict(self.cpu)  # what the processes already there had used before

    def _sample(self) -> None:
        for proc in [self.me, *self.me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except psutil.Error:  # gone meanwhile
                continue
            self.cpu[proc.pid] = max(self.cpu.get(proc.pid, 0.0), times.user + times.system)

    def __call__(self, _item: object) -> None:
        self.stored.append(time.perf_counter() - self.start)
        self._sample()

    def cpu_seconds(self) -> float:
        return sum(used - self.base.get(pid, 0.0) for pid, used in self.cpu.items())


def documents(count: int) -> list[str]:
    texts = list(dict.fromkeys(corpus(10_000)))
    return [
        texts[k % len(texts)] + ("" if k < len(texts) else f"\n\n(Item {k}.)") for k in range(count)
    ]


def measure(name: str, shards: str, data_dir: Path) -> tuple[float, list[float], float, int, int]:
    """One run of ``name`` into a fresh store at ``data_dir``: elapsed seconds, the time each
    document was stored, CPU seconds of the process tree, processes seen, documents done."""
    settings = Settings(data_dir=data_dir)
    meter = Meter()
    if name == "batch, LocalCluster of 2":
        summary = run_batch([shards], settings, workers=2, on_item=meter)
    else:
        summary = ingest([shards], settings, workers=int(name[-1]), on_item=meter)
    elapsed = time.perf_counter() - meter.start
    for problem in summary.failed:  # a document docket cannot store is still read
        print(f"  {problem.code} {problem.path}: {problem.message}", flush=True)
    done = len(summary.added) + len(summary.failed)
    return elapsed, meter.stored, meter.cpu_seconds(), len(meter.cpu), done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=160)
    parser.add_argument("--rounds", type=int, default=1, help="runs of each, interleaved")
    args = parser.parse_args()
    texts = documents(args.docs)
    print(f"{len(texts)} documents; load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "shards"
        folder.mkdir()
        shards = str(folder)
        for number in range(8):  # 8 shards, so 2 Dask workers share them as ingest's do
            lines = [json.dumps({"text": text}) for text in texts[number::8]]
            (folder / f"shard{number}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        rates: dict[str, list[float]] = {name: [] for name in RUNS}
        spawn = multiprocessing.get_context("spawn")
        for round_number, name in ((r, x) for r in range(args.rounds) for x in RUNS):
            store = Path(tmp) / f"{name.replace(' ', '_').replace(',', '')}_{round_number}"
            with ProcessPoolExecutor(1, mp_context=spawn) as fresh:
                measured = fresh.submit(measure, name, shards, store).result()
            elapsed, stored, cpu_seconds, processes, done = measured
            assert done == len(texts), f"{name}: {done} of {len(texts)} documents"
            rates[name].append(len(texts) / elapsed)
            first = stored[0]
            steady = (len(stored) - 1) / (stored[-1] - first)
            cpu = cpu_seconds / len(texts)
            print(
                f"{name:26} {len(texts)} docs in {elapsed:6.1f} s: {rates[name][-1]:5.2f} docs/s; "
                f"first stored after {first:5.1f} s, then {steady:5.2f} docs/s; "
                f"{cpu:.3f} CPU s/doc over {processes} processes",
                flush=True,
            )
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    median = {name: statistics.median(found) for name, found in rates.items()}
    over = f" (medians of {args.rounds} rounds)" if args.rounds > 1 else ""
    print(
        f"2 workers / 1: {median['ingest --workers 2'] / median['ingest --workers 1']:.2f}x{over}"
    )
    print(
        "batch / ingest --workers 2: "
        f"{median['batch, LocalCluster of 2'] / median['ingest --workers 2']:.2f}{over}"
    )


if __name__ == "__main__":
    main()

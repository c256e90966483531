"""Documents per second of ``docket ingest`` with 1 and 2 worker processes, and of ``docket batch``
on a LocalCluster of 2 workers, over the same documents in one run (each into a fresh SQLite store).

    python benchmarks/workers.py [--docs N]

Texts: as benchmarks/ingest.py (the bundled sample, re3d and PolNeAR dev articles). The times
include starting the processes and loading the models in each.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from ingest import corpus  # benchmarks/ingest.py

from docket.batch import run_batch
from docket.ingest import ingest
from docket.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=48)
    args = parser.parse_args()
    texts = list(dict.fromkeys(corpus(args.docs)))  # distinct documents only
    with tempfile.TemporaryDirectory() as tmp:
        shards = Path(tmp) / "shards"
        shards.mkdir()
        for number in range(8):  # 8 shards, so 2 Dask workers share them as ingest's do
            lines = [json.dumps({"text": text}) for text in texts[number::8]]
            (shards / f"shard{number}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        rates: dict[str, float] = {}
        for name, run in (
            ("ingest --workers 1", lambda s: ingest([str(shards)], s, workers=1)),
            ("ingest --workers 2", lambda s: ingest([str(shards)], s, workers=2)),
            ("batch, LocalCluster of 2", lambda s: run_batch([str(shards)], s, workers=2)),
        ):
            settings = Settings(data_dir=Path(tmp) / name.replace(" ", "_"))
            start = time.perf_counter()
            summary = run(settings)
            elapsed = time.perf_counter() - start
            assert len(summary.added) == len(texts), summary.line()
            rates[name] = len(texts) / elapsed
            print(f"{name:28} {len(texts)} docs in {elapsed:6.1f} s: {rates[name]:5.2f} docs/s")
    print(f"2 workers / 1: {rates['ingest --workers 2'] / rates['ingest --workers 1']:.2f}x")
    print(
        "batch / ingest --workers 2: "
        f"{rates['batch, LocalCluster of 2'] / rates['ingest --workers 2']:.2f}"
    )


if __name__ == "__main__":
    main()

"""Throughput of docket on real text: the plain statistical-model pass, the full pipeline, and
ingest into a fresh SQLite store, over the same documents in the same run; peak memory.

    python benchmarks/ingest.py [--docs N] [--repeat R]

Texts: the bundled sample plus, when ../shared is present, the re3d and PolNeAR dev articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from docket.analysis import Analysis
from docket.demo import sample_path
from docket.nlp.model import load_model
from docket.pipeline import Context, default_stages, reading_stages, run_stages
from docket.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus(limit: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in sample_path().read_text("utf-8").splitlines()]
    re3d = SHARED / "eval" / "re3d"
    if re3d.exists():
        for path in sorted(re3d.glob("*/documents.json")):
            texts += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    polnear = SHARED / "eval" / "polnear" / "dev" / "text"
    if polnear.exists():
        texts += [p.read_text("utf-8") for p in sorted(polnear.glob("*.txt"))]
    return texts[:limit]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, seconds: float, docs: int, words: int) -> None:
    print(
        f"{name:<22} {docs / seconds:8.1f} docs/s {words / seconds:10.0f} words/s  ({seconds:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=200, help="how many documents")
    args = parser.parse_args()
    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    settings = Settings()
    print(f"{len(texts)} documents, {words} words; model {settings.spacy_model}")

    start = time.perf_counter()
    nlp = load_model(settings.spacy_model)
    context = Context(settings)
    run_stages(
        Analysis(raw=b"Warm up the pipeline's resources, in Kyiv, on Monday."),
        context,
        default_stages(),
    )
    print(f"model and resources load: {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    for text in texts:
        nlp(text)
    plain = time.perf_counter() - start
    report("plain spaCy pass", plain, len(texts), words)

    start = time.perf_counter()
    stages = reading_stages()
    for text in texts:
        run_stages(Analysis(raw=text.encode("utf-8"), source="bench"), context, stages)
    full = time.perf_counter() - start
    report("full pipeline", full, len(texts), words)
    print(f"full pipeline keeps {100 * plain / full:.0f}% of the plain pass's speed")

    from docket.ingest import ingest

    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch.jsonl"
        batch.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
        store_settings = Settings(data_dir=Path(folder) / "data")
        start = time.perf_counter()
        summary = ingest([str(batch)], store_settings)
        stored = time.perf_counter() - start
        report("ingest (SQLite)", stored, len(summary.added), words)
        start = time.perf_counter()
        again = ingest([str(batch)], store_settings)
        report("re-ingest (all known)", time.perf_counter() - start, len(again.skipped), words)
    print(f"peak memory (RSS) of this worker: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()

"""Seconds and peak memory of reading one long document (every stage, read to grade; no store),
at several lengths, to show whether reading grows linearly with the length.

    python benchmarks/long_documents.py [--sizes 10000,100000,1000000] [--profile N]

The document is real reporting: distinct articles (the bundled sample, then PolNeAR's from
../shared) joined as paragraphs until the text has the length asked for (in characters). Each size runs in a fresh process, so
its peak memory (maximum resident set size) is its own; model loading is timed apart. The target
(issue 18): 1,000,000 characters in under 2 minutes and 1 GB. ``--profile N`` prints the 25
costliest functions of one N-character reading instead.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "docket" / "sample" / "sample.jsonl"
POLNEAR = REPO / ".." / "shared" / "eval" / "polnear"


def articles() -> list[str]:
    """Distinct real articles: the bundled sample, then PolNeAR's (4.3M characters in ../shared)."""
    texts = [json.loads(line)["text"].strip() for line in SAMPLE.read_text("utf-8").splitlines()]
    for folder in ("dev", "train"):
        texts += [p.read_text("utf-8").strip() for p in sorted((POLNEAR / folder).glob("*/*.txt"))]
    return list(dict.fromkeys(texts))


def long_text(chars: int) -> str:
    """Distinct articles joined as paragraphs up to ``chars`` characters. Never a repeat: reading
    drops a paragraph that repeats the one before (page furniture), and the text must be real."""
    parts: list[str] = []
    size = 0
    for article in articles():
        parts.append(article)
        size += len(article) + 2
        if size >= chars:
            break
    if size < chars:
        raise SystemExit(f"only {size:,} characters of distinct articles; give ../shared")
    return "\n\n".join(parts)[:chars]


def one(chars: int) -> dict[str, float]:
    """Read one document of ``chars`` characters in this process; seconds and peak RSS."""
    from docket.extract_only import extract_text
    from docket.pipeline import Context
    from docket.settings import Settings

    settings = Settings()
    context = Context(settings)
    started = time.perf_counter()
    extract_text(long_text(3000), settings, None, context)  # loads every model
    loaded = time.perf_counter() - started
    text = long_text(chars)
    started = time.perf_counter()
    extraction = extract_text(text, settings, None, context)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(text),
        "words": len(text.split()),
        "load_s": loaded,
        "seconds": seconds,
        "peak_mb": peak_mb,
        "incidents": len(extraction.incidents),
        "figures": len(extraction.figures),
    }


def profile(chars: int) -> None:
    import cProfile
    import pstats

    from docket.extract_only import extract_text
    from docket.pipeline import Context
    from docket.settings import Settings

    settings = Settings()
    context = Context(settings)
    extract_text(long_text(3000), settings, None, context)  # loads every model
    text = long_text(chars)
    profiler = cProfile.Profile()
    profiler.enable()
    extract_text(text, settings, None, context)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--one", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    if args.profile:
        profile(args.profile)
        return
    print(f"{'characters':>10} {'words':>8} {'seconds':>8} {'chars/s':>8} {'peak MB':>8}  found")
    for size in (int(s) for s in args.sizes.split(",")):
        run = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"{row['chars']:>10,} {row['words']:>8,} {row['seconds']:>8.1f} "
            f"{row['chars'] / row['seconds']:>8,.0f} {row['peak_mb']:>8,.0f}  "
            f"{row['incidents']} incidents, {row['figures']} figures "
            f"(models loaded in {row['load_s']:.1f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()

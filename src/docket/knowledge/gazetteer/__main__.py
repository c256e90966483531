"""``python -m docket.knowledge.gazetteer build [--out PATH]``: build the gazetteer file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from docket.knowledge.gazetteer.build import DEFAULT_PATH, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docket.knowledge.gazetteer")
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser(
        "build", help="build the gazetteer SQLite file from the installed sources"
    )
    make.add_argument("--out", type=Path, default=DEFAULT_PATH, help=f"default: {DEFAULT_PATH}")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build(args.out)
    print(
        f"gazetteer: {counts['places']} places, {counts['names']} names -> {args.out} "
        f"({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Input errors that used to mislead: each bad input is read or refused with a message naming it."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from docket.analysis import Analysis
from docket.errors import Problem
from docket.read.sources import iter_sources

LIMIT = 20_000_000


def test_a_csv_field_over_131072_characters_is_read_with_the_rows_after_it(
    tmp_path: Path,
) -> None:
    """The csv module's default field limit once dropped the long row and every row after it,
    with a hint about the header."""
    long_text = "Shelling hit the town. " * 7_000  # 161,000 characters
    batch = tmp_path / "reports.csv"
    batch.write_text(
        f'id,text\n1,Rockets struck the village.\n2,"{long_text}"\n3,A car bomb exploded.\n',
        "utf-8",
    )
    items = list(iter_sources([str(batch)], LIMIT))
    assert all(isinstance(item, Analysis) for item in items), [str(i) for i in items]
    assert [item.meta["id"] for item in items if isinstance(item, Analysis)] == ["1", "2", "3"]
    assert items[1].raw.decode("utf-8") == long_text  # type: ignore[union-attr]


def test_a_csv_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.write(b"id,text\n")
        handle.truncate(50 * 1024 * 1024)  # 50 MB on paper, sparse on disk
    tracemalloc.start()
    try:
        (problem,) = list(iter_sources([str(big)], LIMIT))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(problem, Problem) and problem.code == "E006"
    assert problem.path == str(big)
    assert "52,428,800 bytes" in str(problem) and "DOCKET_MAX_DOCUMENT_BYTES" in str(problem)
    assert peak < 5_000_000, f"{peak:,} bytes allocated: the file was read"

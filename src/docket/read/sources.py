"""Inputs to analyses: files, folders, .jsonl and .csv batches, and stdin.

Each input yields either an :class:`~docket.analysis.Analysis` holding the raw bytes of one source
document, or a :class:`~docket.errors.Problem` saying why one could not be read. Nothing here
stops a batch: a bad file or line is reported and the next one is read.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from docket.analysis import Analysis
from docket.errors import DocketError, Problem
from docket.read.decode import western

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
BATCH_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".parquet"}
BATCH_FIELDS = ("id", "title", "published", "url", "outlet")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
STREAMED_SUFFIXES = {*JSONL_SUFFIXES, ".parquet"}  # read a record at a time, each bounded
CSV_TOO_BIG = (
    "split the CSV, give the batch as JSON Lines (read a line at a time, each line bounded), "
    "or raise DOCKET_MAX_DOCUMENT_BYTES if you trust it"
)


def media_type_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text/plain"
    if suffix in HTML_SUFFIXES:
        return "text/html"
    return None


def iter_sources(
    paths: Iterable[str], max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[Analysis | Problem]:
    """Analyses (raw bytes and what is known about each source) for ``paths``, in order.

    ``-`` reads stdin: a JSONL batch when its first character is ``{``, one text document otherwise.
    Folders are walked in sorted order; files of unknown types inside folders are skipped.
    """
    for given in paths:
        if given == "-":
            yield from _read_stream((stdin or sys.stdin.buffer).read(), "<stdin>", max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | BATCH_SUFFIXES:
                    yield from _read_path(child, max_bytes)
        elif path.is_file():
            yield from _read_path(path, max_bytes)
        elif path.exists():  # never opened: a named pipe or a device would block the batch
            yield Problem("E014", f"{_kind_of(path)}, not a regular file", str(path), NOT_A_FILE)
        else:
            yield Problem("E001", "file or folder not found", str(path))


NOT_A_FILE = "give a regular file or a folder; to read from a pipe, give - and feed it to stdin"


def iter_shard(
    path: str, max_bytes: int, first: int = 0, start: tuple[int, int] | None = None
) -> Iterator[Analysis | Problem]:
    """The documents of one batch file as :func:`iter_sources` gives them, from the ``first`` on.

    The JSONL lines and Parquet rows before it are passed over without being read as documents,
    so that a task of ``docket batch`` reads its piece of a large shard without the shard's
    start (each task reading the whole start made a shard's cost grow with its square). With
    ``start``, the byte offset and line number of document ``first`` in a JSONL file (from
    :func:`jsonl_starts`), the reading begins there."""
    file = Path(path)
    suffix = file.suffix.lower()
    if start is not None and suffix in JSONL_SUFFIXES:
        offset, number = start
        try:
            with file.open("rb") as handle:
                handle.seek(offset)
                yield from read_jsonl(handle, path, max_bytes, first_number=number)
        except OSError as exc:
            yield Problem("E002", f"cannot read: {exc.strerror or exc}", path)
    elif first and file.is_file() and suffix in STREAMED_SUFFIXES:
        yield from _read_path(file, max_bytes, skip=first)
    else:
        yield from islice(iter_sources([path], max_bytes), first, None)


def jsonl_starts(path: str, every: int) -> list[tuple[int, int]]:
    """The byte offset and line number of documents 0, ``every``, 2 * ``every``, ... of a JSONL
    batch (a line that is not blank is one document, as :func:`read_jsonl` reads them)."""
    starts: list[tuple[int, int]] = []
    offset = count = 0
    with Path(path).open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                if count % every == 0:
                    starts.append((offset, number))
                count += 1
            offset += len(line)
    return starts


def _kind_of(path: Path) -> str:
    mode = path.stat().st_mode
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _read_path(path: Path, max_bytes: int, skip: int = 0) -> Iterator[Analysis | Problem]:
    """The documents of ``path``; a streamed batch (JSONL, Parquet) from its ``skip``-th on."""
    suffix = path.suffix.lower()
    media_type = media_type_of(path)
    if suffix not in BATCH_SUFFIXES and media_type is None:
        yield Problem("E014", f"unsupported file type {suffix or '(none)'}", str(path))
        return
    try:
        size = path.stat().st_size
        if suffix not in STREAMED_SUFFIXES and size > max_bytes:
            hint = CSV_TOO_BIG if suffix == ".csv" else ""
            message = f"{size:,} bytes, over the limit of {max_bytes:,}"
            yield Problem("E006", message, str(path), hint)
            return
        if suffix == ".parquet":
            yield from read_parquet(path, skip)
            return
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from read_jsonl(handle, str(path), max_bytes, skip)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Problem("E002", f"cannot read: {exc.strerror or exc}", str(path))
        return
    if suffix == ".csv":
        yield from read_csv(raw, str(path), max_bytes)
        return
    assert media_type is not None
    yield Analysis(raw=raw, source=str(path), media_type=media_type)


def _read_stream(raw: bytes, name: str, max_bytes: int) -> Iterator[Analysis | Problem]:
    if raw.lstrip()[:1] == b"{":
        yield from read_jsonl(io.BytesIO(raw), name, max_bytes)
    elif len(raw) > max_bytes:
        yield Problem("E006", f"{len(raw):,} bytes, over the limit of {max_bytes:,}", name)
    else:
        media_type = "text/html" if raw.lstrip()[:1] == b"<" else "text/plain"
        yield Analysis(raw=raw, source=name, media_type=media_type)


def read_jsonl(
    handle: BinaryIO, name: str, max_bytes: int, skip: int = 0, first_number: int = 1
) -> Iterator[Analysis | Problem]:
    """One analysis per line of a JSONL batch; a malformed line is a problem, not the end. The
    first ``skip`` lines that are not blank (each an analysis or a problem) are passed over;
    ``first_number``: the line number of the handle's next line."""
    for number, line in enumerate(handle, start=first_number):
        if not line.strip():
            continue
        if skip:
            skip -= 1
            continue
        where = f"{name}:{number}"
        if len(line) > max_bytes:
            yield Problem("E006", f"line of {len(line):,} bytes, over the limit", where)
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Problem("E007", f"not JSON: {exc}", where)
            continue
        yield _from_record(record, where, "E007")


def read_csv(raw: bytes, name: str, max_bytes: int) -> Iterator[Analysis | Problem]:
    """One analysis per row of a CSV batch with a header row naming a ``text`` column."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        legacy = western(raw)
        if legacy is None:
            yield Problem(
                "E003", f"CSV is neither UTF-8 (byte {exc.start}) nor Windows-1252 text", name
            )
            return
        text = legacy
    # A field may be as long as a document may be (the csv module's default stops at 131,072).
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        if not reader.fieldnames or "text" not in reader.fieldnames:
            yield Problem("E008", f"no 'text' column in header {reader.fieldnames}", name)
            return
        for number, row in enumerate(reader, start=2):
            yield _from_record(row, f"{name}:{number}", "E008")
    except csv.Error as exc:
        yield Problem(
            "E008",
            f"cannot parse CSV at line {reader.line_num}: {exc}",
            f"{name}:{reader.line_num}",
            "fix the CSV from that line on (a quote left open runs on to the end of the file); "
            "the rows before it were read",
        )


def read_parquet(path: Path, skip: int = 0) -> Iterator[Analysis | Problem]:
    """One analysis per row of a Parquet file with a string column ``text`` (E072 otherwise),
    from row ``skip`` on: the row groups before it are not read."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        yield Problem("E072", f"not a Parquet file: {exc}", str(path))
        return
    if "text" not in table.schema_arrow.names:
        yield Problem("E072", f"no 'text' column in {table.schema_arrow.names}", str(path))
        return
    number, group = 0, 0
    while (
        group < table.num_row_groups and number + table.metadata.row_group(group).num_rows <= skip
    ):
        number += table.metadata.row_group(group).num_rows
        group += 1
    groups = range(group, table.num_row_groups)
    for batch in table.iter_batches(batch_size=256, row_groups=groups):
        if number < skip:  # the rows of this group's first batches that come before ``skip``
            passed = min(skip - number, batch.num_rows)
            number += passed
            batch = batch.slice(passed)
        for row in batch.to_pylist():
            number += 1
            yield _from_record(row, f"{path}:{number}", "E072")


def _from_record(record: Any, where: str, code: str) -> Analysis | Problem:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Problem(code, "record has no 'text' string field", where)
    meta = {key: str(record[key]) for key in BATCH_FIELDS if record.get(key) not in (None, "")}
    text: str = record["text"]
    media_type = "text/html" if record.get("format") == "html" else "text/plain"
    return Analysis(raw=text.encode("utf-8"), source=where, media_type=media_type, meta=meta)


def read_one(path: str, max_bytes: int) -> Analysis:
    """The single document at ``path``; raises the problem when it cannot be read."""
    for item in iter_sources([path], max_bytes):
        if isinstance(item, Problem):
            raise DocketError(item.code, item.message, item.path, item.hint)
        return item
    raise DocketError("E005", "no document found", path)

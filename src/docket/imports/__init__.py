"""``docket import acled|ucdp FILE``: the events of an ACLED- or UCDP GED-shaped CSV file read
into the store as sourced records.

Each row becomes a document (its raw bytes: the file's header and that row, as CSV, so the
archive keeps what was read) holding one incident. The document's ``source`` names the file and
line, its ``imported`` field the format, file and line, and the store's audit log the author
``import:acled`` or ``import:ucdp``. Every row is checked before anything is stored: a bad row
stops the import with E065 naming the file and line, and nothing is saved. A row already stored
(the same bytes) is skipped, so importing a file twice changes nothing. An event whose id is
already stored (a later version of the file) is kept as a further source of that incident.
Imported incidents are not linked to docket's own; ``docket compare`` matches them.

An imported incident starts in the review state ``imported`` (``docket.store.IMPORTED``), not
``machine``: docket did not read it, so it is not in the review queue's default (``open``), and
every export says where it came from (``status``, ``imported_from``). It stays editable: an
edit makes it ``edited``, an accept ``accepted``, a reject ``rejected``, as for any record.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docket.errors import DocketError
from docket.imports.acled import REQUIRED as ACLED_REQUIRED
from docket.imports.acled import acled_incident
from docket.imports.rows import BadRow, Row
from docket.imports.ucdp import REQUIRED as UCDP_REQUIRED
from docket.imports.ucdp import ucdp_incident
from docket.record import DocumentInfo, Extraction, Incident, Span, content_hash
from docket.store.models import IMPORTED

if TYPE_CHECKING:
    from docket.store import Store

READERS: dict[str, tuple[tuple[str, ...], Callable[[Row], tuple[Incident, str]]]] = {
    "acled": (ACLED_REQUIRED, acled_incident),
    "ucdp": (UCDP_REQUIRED, ucdp_incident),
}
FORMATS = tuple(READERS)


@dataclass
class ImportReport:
    """What an import did: rows read, documents stored anew, rows already stored."""

    rows: int = 0
    added: int = 0
    already: int = 0


def read_rows(path: Path, fmt: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The file's header and its rows with their line numbers (E064 when the file cannot be
    read as CSV or lacks a column the format needs)."""
    required = READERS[fmt][0]
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            rows = []
            for row in reader:
                if None in row:
                    raise DocketError(
                        "E065", f"{path} line {reader.line_num}: more cells than the header names"
                    )
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DocketError("E064", f"{path}: cannot be read as UTF-8 CSV ({exc})") from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise DocketError("E064", f"{path}: not a {fmt} file; no column {', '.join(missing)}")
    return header, rows


def _raw(header: list[str], row: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerow([row.get(c, "") for c in header])
    return buffer.getvalue().encode("utf-8")


def extractions(path: Path, fmt: str) -> list[tuple[Extraction, bytes, str]]:
    """Every row of the file as (extraction, raw bytes, source), all checked (E065 at the
    first bad row, naming the file and line)."""
    if fmt not in READERS:
        raise ValueError(f"unknown import format {fmt!r}; use one of {', '.join(FORMATS)}")
    header, rows = read_rows(path, fmt)
    required, convert = READERS[fmt]
    found = []
    for line, cells in rows:
        try:
            incident, text = convert(Row(cells))
        except BadRow as exc:
            raise DocketError("E065", f"{path} line {line}: {exc}") from exc
        raw = _raw(header, cells)
        incident.evidence = [Span(start=0, end=len(text), quote=text)]
        info = DocumentInfo(
            id=content_hash(raw),
            text=text,
            title=cells.get("source_headline") or f"{fmt.upper()} event {cells[required[0]]}",
            outlet=cells.get("source_office") or cells.get("source") or None,
            media_type="text/csv",
            imported={"format": fmt, "file": path.name, "line": line},
        )
        found.append((Extraction(document=info, incidents=[incident]), raw, f"{path}#line={line}"))
    return found


def import_file(store: Store, path: Path, fmt: str) -> ImportReport:
    """Read the file, check every row, then store each row not stored yet."""
    ready = extractions(path, fmt)
    report = ImportReport(rows=len(ready))
    for extraction, raw, source in ready:
        if store.save(extraction, raw, source, author=f"import:{fmt}", review_status=IMPORTED):
            report.added += 1
        else:
            report.already += 1
    return report

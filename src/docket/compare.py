"""Comparing docket's incidents with an ACLED-shaped CSV file (ACLED's own export, or
``docket export --format acled-csv``) or a UCDP GED-shaped one (GED's CSV, or ``ucdp-csv``): each
of the file's events is matched to at most one live incident of the same type (ACLED's event
type; GED's type of violence, where docket can tell it), within ``days`` of its date and ``km``
of its point.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.exports import (
    ACLED_COLUMNS,
    COMPANION_COLUMNS,
    NOT_LIVE,
    UCDP_COLUMNS,
    acled_row,
    stored_incidents,
    ucdp_row,
)
from docket.imports.rows import DATE_FORMATS

REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude")


@dataclass(frozen=True)
class Shape:
    """Which columns of a format's rows the match reads, and docket's rows in that format."""

    id: str
    docket_id: str
    day: str
    type: str
    columns: tuple[str, ...]
    row: Callable[[Any], list[Any]]


SHAPES = {
    "acled": Shape("event_id_cnty", "event_id_cnty", "event_date", "event_type", ACLED_COLUMNS,
                   acled_row),
    "ucdp": Shape("id", "relid", "date_start", "type_of_violence",
                  UCDP_COLUMNS + COMPANION_COLUMNS, ucdp_row),
}  # fmt: skip


@dataclass
class Comparison:
    """Pairs (file event id, docket incident id) and what stayed unmatched on either side."""

    matched: list[tuple[str, str]] = field(default_factory=list)
    only_file: list[str] = field(default_factory=list)
    only_docket: list[str] = field(default_factory=list)

    def agreement(self) -> float:
        """Matched pairs over all events of both sides counted once: 2M / (file + docket)."""
        total = 2 * len(self.matched) + len(self.only_file) + len(self.only_docket)
        return 2 * len(self.matched) / total if total else 1.0


def read_acled(path: Path) -> list[dict[str, Any]]:
    """The events of an ACLED-shaped CSV (E062 when it lacks a column the match needs)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError) as exc:
        raise DocketError("E062", f"{path}: cannot be read as CSV ({exc})") from exc
    missing = [c for c in REQUIRED if rows and c not in header]
    if missing:
        raise DocketError("E062", f"{path}: no column {', '.join(missing)}")
    return rows


def read_file(path: Path, fmt: str) -> list[dict[str, Any]]:
    """The events of an ACLED-shaped (E062) or UCDP GED-shaped (E064) CSV file."""
    if fmt == "acled":
        return read_acled(path)
    from docket.imports import read_rows

    _, rows = read_rows(path, fmt)
    return [row for _, row in rows]


def _day(text: str) -> date | None:
    for fmt in (*DATE_FORMATS, "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    try:
        lat1, lon1 = math.radians(float(a["latitude"])), math.radians(float(a["longitude"]))
        lat2, lon2 = math.radians(float(b["latitude"])), math.radians(float(b["longitude"]))
    except (TypeError, ValueError):
        return math.inf
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def compare(
    store: Any,
    rows: list[dict[str, Any]],
    days: int = 1,
    km: float = 25.0,
    fmt: str = "acled",
) -> Comparison:
    """Greedy matching, closest first, of the file's events to the store's live incidents. In
    a UCDP file, an incident whose type of violence docket cannot tell matches any type."""
    from docket.store import IncidentFilter

    shape = SHAPES[fmt]
    ours = [
        {k: "" if v is None else str(v) for k, v in zip(shape.columns, shape.row(s), strict=True)}
        for s in stored_incidents(store, IncidentFilter(merged=False))
        if s.status not in NOT_LIVE
    ]
    pairs = []
    for i, theirs in enumerate(rows):
        day = _day(theirs.get(shape.day, ""))
        for j, mine in enumerate(ours):
            mine_day = _day(mine[shape.day])
            if day is None or mine_day is None or abs((day - mine_day).days) > days:
                continue
            kind = mine[shape.type]
            if (kind or fmt == "acled") and theirs.get(shape.type) != kind:
                continue
            distance = _km(theirs, mine)
            if distance <= km:
                pairs.append((distance, i, j))
    result = Comparison()
    used_i: set[int] = set()
    used_j: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            result.matched.append((rows[i][shape.id], ours[j][shape.docket_id]))
    result.only_file = [r[shape.id] for i, r in enumerate(rows) if i not in used_i]
    result.only_docket = [m[shape.docket_id] for j, m in enumerate(ours) if j not in used_j]
    return result

"""Comparing docket's incidents with an ACLED-shaped CSV file (ACLED's own export, or
``docket export --format acled-csv``): each of the file's events is matched to at most one live
incident of the same event type, within ``days`` of its date and ``km`` of its point.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.exports import ACLED_COLUMNS, NOT_LIVE, acled_row, stored_incidents

REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude")


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


def _day(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y"):
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


def compare(store: Any, rows: list[dict[str, Any]], days: int = 1, km: float = 25.0) -> Comparison:
    """Greedy matching, closest first, of the file's events to the store's live incidents."""
    from docket.store import IncidentFilter

    ours = [
        dict(zip(ACLED_COLUMNS, acled_row(s), strict=True))
        for s in stored_incidents(store, IncidentFilter(merged=False))
        if s.status not in NOT_LIVE
    ]
    pairs = []
    for i, theirs in enumerate(rows):
        day = _day(theirs.get("event_date", ""))
        for j, mine in enumerate(ours):
            mine_day = _day(mine["event_date"] or "")
            if day is None or mine_day is None or abs((day - mine_day).days) > days:
                continue
            if theirs.get("event_type") != mine["event_type"]:
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
            result.matched.append((rows[i]["event_id_cnty"], ours[j]["event_id_cnty"]))
    result.only_file = [r["event_id_cnty"] for i, r in enumerate(rows) if i not in used_i]
    result.only_docket = [m["event_id_cnty"] for j, m in enumerate(ours) if j not in used_j]
    return result

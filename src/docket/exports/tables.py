"""docket's own forms: JSON Lines in the contract's form and the flat CSV table; and the CSV
writer every CSV export shares (header first, then a piece of text per row)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docket.store import StoredIncident

CSV_COLUMNS = (
    "id", "category", "date_start", "date_end", "date_precision", "place", "country",
    "latitude", "longitude", "location_precision", "weapons", "perpetrators", "killed_best",
    "injured_best", "grade", "flags", "status", "revision", "sources", "imported_from",
)  # fmt: skip


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """``header`` then each row as CSV text (CRLF line ends, as the csv module writes), one
    piece per row, so a long export streams."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def jsonl(incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """One line per incident: its contract JSON plus sources and review state, keys sorted."""
    for incident in incidents:
        yield json.dumps(incident.to_json(), ensure_ascii=False, sort_keys=True) + "\n"


def imported_sources(stored: StoredIncident) -> str | None:
    """The file and line of each imported source (``acled:events.csv#line=12``), joined with
    '; '; None when docket read every source itself."""
    from docket.store.models import imported_from

    found = [where for where in map(imported_from, stored.sources) if where]
    return "; ".join(found) or None


def best(number: Any) -> Any:
    """The best value of a Number, None when there is none."""
    return None if number is None else number.best


def _row(stored: StoredIncident) -> list[Any]:
    i = stored.incident
    place = i.location
    return [
        i.id,
        i.category,
        i.when.start,
        i.when.end,
        i.when.precision,
        place.name if place else None,
        place.country if place else None,
        place.lat if place else None,
        place.lon if place else None,
        place.precision if place else None,
        ";".join(w.weapon_class for w in i.weapons),
        ";".join(p.actor or p.text for p in i.perpetrators),
        best(i.killed),
        best(i.injured),
        i.grade,
        ";".join(f.code for f in i.flags),
        stored.status,
        stored.revision,
        ";".join(s.id for s in stored.sources),
        imported_sources(stored),
    ]


def csv_rows(incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """One flat row per incident (lists joined with ';'), header first."""
    return csv_text(CSV_COLUMNS, (_row(s) for s in incidents))

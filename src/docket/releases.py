"""Releases: ``docket release NAME`` freezes every incident as the exports show it (flat ACLED
columns plus docket's own, see docs/exports.md); ``docket diff A B`` lists what changed between
two releases: incidents added, changed (field by field) and withdrawn.

An incident is *withdrawn* in B when it was live in A (not rejected, merged or withdrawn) and in
B is gone or no longer live. Ids are the store's incident ids, which never change and are never
given to another incident, so a withdrawn id is never reused.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from docket.exports import NOT_LIVE, flat_properties, stored_incidents
from docket.store.releases import release_data, release_names, save_release

if TYPE_CHECKING:
    from docket.exports import Places
    from docket.store import Store

DIFF_COLUMNS = ("id", "change", "field", "old", "new")


def freeze(store: Store, name: str, places: Places | None = None) -> int:
    """Store release ``name`` with every incident (merged and rejected ones too, with their
    status, and the country and admin columns from ``places``); the number of incidents frozen. A name is used once (E060)."""
    from docket.store import IncidentFilter

    found = stored_incidents(store, IncidentFilter())
    data = {s.incident.id: flat_properties(s, places) for s in found}
    save_release(store, name, data)
    return len(data)


def names(store: Store) -> list[tuple[str, datetime]]:
    """Every release's name and when it was made, oldest first."""
    return release_names(store)


def frozen(store: Store, name: str) -> dict[str, dict[str, Any]]:
    """The incidents of release ``name``, by id (E061 when there is none of that name)."""
    return release_data(store, name)


def _live(row: dict[str, Any] | None) -> bool:
    return row is not None and row.get("status") not in NOT_LIVE


def diff(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """What changed from release ``a`` to ``b``: one entry per added or withdrawn incident, and
    one per changed field of an incident live in both; by id, then field."""
    old, new = frozen(store, a), frozen(store, b)
    changes: list[dict[str, Any]] = []
    for incident_id in sorted(set(old) | set(new)):
        before, after = old.get(incident_id), new.get(incident_id)
        if _live(before) and not _live(after):
            changes.append(
                {
                    "id": incident_id,
                    "change": "withdrawn",
                    "field": None,
                    "old": None,
                    "new": after.get("status") if after else None,
                }
            )
        elif _live(after) and not _live(before):
            changes.append(
                {"id": incident_id, "change": "added", "field": None, "old": None, "new": None}
            )
        elif _live(before) and before is not None and after is not None:
            for field in sorted(set(before) | set(after)):
                if field == "timestamp" or before.get(field) == after.get(field):
                    continue
                changes.append(
                    {
                        "id": incident_id,
                        "change": "changed",
                        "field": field,
                        "old": before.get(field),
                        "new": after.get(field),
                    }
                )
    return changes


def diff_text(changes: list[dict[str, Any]], fmt: str) -> str:
    """The changes as CSV (header first) or JSON (a list)."""
    if fmt == "json":
        return json.dumps(changes, ensure_ascii=False, indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, DIFF_COLUMNS)
    writer.writeheader()
    writer.writerows(changes)
    return buffer.getvalue()

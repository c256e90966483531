"""Releases: ``docket release NAME`` freezes every incident as the exports show it (flat ACLED
columns plus docket's own, see docs/exports.md); ``docket diff A B`` lists what changed between
two releases: incidents added, changed (field by field) and withdrawn.

An incident is *withdrawn* in B when it was live in A (not rejected, merged or withdrawn) and in
B is gone or no longer live. Ids are the store's incident ids, which never change and are never
given to another incident, so a withdrawn id is never reused.

A release records the format its rows were frozen in (``FORMAT``). The diff reads an older
release as the current format where the old values say it (format 1's ``country`` was the ISO
alpha-2 code: it becomes the name, ``iso`` and ``region`` as the exports now write them), and
compares only the fields both releases' formats hold, so a diff across formats shows what
changed in the record, not in the exports.
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
# The format of a release's rows. 1: ``country`` the ISO 3166-1 alpha-2 code, and no iso, region,
# admin or inter codes (releases before the second round of exports); 2: ``country`` the name,
# with ``iso``, ``region``, admin1-admin3 and the inter codes; 3: ``imported_from`` added.
# Releases of formats 1 and 2 did not record it (``format_of`` tells them apart).
FORMAT = 3
# Columns format 1 always left empty: it could not say, so a diff against it does not compare them.
NOT_IN_FORMAT_1 = ("admin1", "admin2", "admin3", "inter1", "inter2", "interaction")


def freeze(store: Store, name: str, places: Places | None = None) -> int:
    """Store release ``name`` with every incident (merged and rejected ones too, with their
    status, and the country and admin columns from ``places``); the number of incidents frozen. A name is used once (E060)."""
    from docket.store import IncidentFilter

    found = stored_incidents(store, IncidentFilter())
    data = {s.incident.id: flat_properties(s, places) for s in found}
    save_release(store, name, data, FORMAT)
    return len(data)


def names(store: Store) -> list[tuple[str, datetime]]:
    """Every release's name and when it was made, oldest first."""
    return release_names(store)


def format_of(rows: dict[str, dict[str, Any]], recorded: int | None) -> int:
    """The release's format: as recorded, else 1 when a country is written as a two-letter
    code and no row has an ISO number (format 1), else 2."""
    if recorded is not None:
        return recorded
    values = list(rows.values())
    coded = any(_is_code(row.get("country")) for row in values)
    numbered = any(row.get("iso") is not None for row in values)
    return 1 if coded and not numbered else 2


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 2 and value.isascii() and value.isupper()


def as_current(row: dict[str, Any], version: int) -> dict[str, Any]:
    """A release row of format ``version`` as the current format writes what it says: format
    1's country code as the name, ISO number and region; its civilian_targeting by today's rule
    (which also marks every "Violence against civilians" event); the columns it left empty
    dropped, so they are not compared."""
    if version >= 2:
        return row
    from docket.exports.places import country_where

    row = {k: v for k, v in row.items() if k not in NOT_IN_FORMAT_1}
    code = row.get("country")
    if _is_code(code):
        where = country_where(code)
        row |= {"country": where.country or code, "iso": where.iso, "region": where.acled_region}
    civilians = row.get("category") == "attack_on_civilians" or (
        row.get("event_type") == "Violence against civilians"
    )
    row["civilian_targeting"] = "Civilian targeting" if civilians else None
    return row


def frozen(store: Store, name: str) -> dict[str, dict[str, Any]]:
    """The incidents of release ``name``, by id, as the current format writes them (E061 when
    there is none of that name)."""
    rows, recorded = release_data(store, name)
    version = format_of(rows, recorded)
    return {key: as_current(row, version) for key, row in rows.items()}


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
            for field in sorted(set(before) & set(after)):  # the fields both formats hold
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

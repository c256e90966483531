"""Review actions over the store: accept, edit a field, reject, merge, split.

Each writes revisions with ``Store.revise`` (which checks the new JSON against the record model
and audits it); nothing is overwritten. A merge marks the duplicate ``merged_into`` the kept
incident and adds it to the kept one's ``merged_from``; a split undoes a merge the same way.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from docket.errors import DocketError
from docket.store import Store

RECORD_TYPES = ("incident", "claim", "figure")
# Fields an analyst edits from the review queue; any other dotted path works through the API.
EDITABLE = (
    "category",
    "grade",
    "when.start",
    "when.end",
    "when.precision",
    "location.name",
    "location.country",
    "location.lat",
    "location.lon",
    "killed.best",
    "killed.low",
    "killed.high",
    "injured.best",
)


def current(store: Store, record_type: str, record_id: str) -> dict[str, Any]:
    """The record's current contract JSON."""
    if record_type == "incident":
        return store.incident(record_id).incident.to_json()
    if record_type == "claim":
        data = store.claim(record_id)
        data.pop("document_id", None)
        data.pop("incidents", None)
        return data
    data = store.figure(record_id)
    data.pop("document_id", None)
    return data


def parse_value(text: str) -> Any:
    """A form value: JSON when it parses (numbers, null, lists), else the plain string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def with_field(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the dotted ``path`` set (missing objects are made)."""
    parts = path.split(".")
    if not path or any(not part for part in parts):
        raise DocketError("E020", f"bad field path {path!r}")
    if parts[0] == "id":
        raise DocketError("E020", "a record's id cannot be edited")
    new = copy.deepcopy(data)
    node = new
    for part in parts[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            raise DocketError("E020", f"{path!r}: {part} is not an object")
        node = child
    node[parts[-1]] = value
    return new


def review(
    store: Store,
    record_type: str,
    record_id: str,
    action: str,
    author: str,
    *,
    field: str | None = None,
    value: Any = None,
    data: dict[str, Any] | None = None,
    into: str | None = None,
    reason: str | None = None,
) -> list[int]:
    """Apply one review action; returns the revision numbers written (the record's first)."""
    if record_type not in RECORD_TYPES:
        raise DocketError("E020", f"unknown record type {record_type!r}")
    if action in ("accept", "reject"):
        return [store.revise(record_type, record_id, action, None, author, reason)]
    if action == "edit":
        if data is None:
            if not field:
                raise DocketError("E020", "an edit needs a field and a value, or the whole data")
            data = with_field(current(store, record_type, record_id), field, value)
        return [store.revise(record_type, record_id, "edit", data, author, reason)]
    if action in ("merge", "split"):
        if record_type != "incident":
            raise DocketError("E020", f"only incidents can be {action}d")
        return _merge_or_split(store, record_id, action, into, author, reason)
    raise DocketError("E020", f"unknown action {action!r}")


def _merge_or_split(
    store: Store, record_id: str, action: str, other: str | None, author: str, reason: str | None
) -> list[int]:
    duplicate = current(store, "incident", record_id)
    if action == "split":
        other = other or duplicate.get("merged_into")
        if not other:
            raise DocketError("E020", f"{record_id} is not merged into another incident")
    if not other or other == record_id:
        raise DocketError("E020", "a merge needs another incident to merge into ('into')")
    kept = current(store, "incident", other)
    merged_from = [i for i in kept.get("merged_from", []) if i != record_id]
    if action == "merge":
        duplicate["merged_into"] = other
        merged_from.append(record_id)
    else:
        duplicate.pop("merged_into", None)
    kept["merged_from"] = merged_from
    note = reason or f"{action} {record_id} {'into' if action == 'merge' else 'from'} {other}"
    return [
        store.revise("incident", record_id, action, duplicate, author, note),
        store.revise("incident", other, action, kept, author, note),
    ]

"""An analyst's review actions on stored records: accept, edit a field, reject, merge, split.

One path for every face: the API's review route and the web review form call :func:`review`,
whose merge and split are the store's ``merge_incidents`` and ``split_incident``, which the CLI
(``docket incidents merge/split``) calls too. Each writes revisions (the store checks the new
JSON against the record model and audits it); nothing is overwritten.

Merge and split are the link table's (docket.store.link_decisions): merging B into A joins the
reports of both, so A lists the sources and claims of both and is rebuilt from their fields with
their evidence (the narrowest time, the most precise place, every casualty figure); B gets
``merged_into`` A and the status ``merged``. A split takes reports out again: the report
carrying a claim, a named report, or what came from an incident merged by hand.
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


def _first(record_id: str, revisions: dict[str, int]) -> list[int]:
    """The revision numbers written, the named record's first."""
    return [n for _, n in sorted(revisions.items(), key=lambda item: item[0] != record_id)]


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
    """Apply one review action; returns the revision numbers written (the record's first).

    ``merge`` merges ``record_id`` into ``into``; ``split`` undoes the merge of ``record_id``
    (or, on the incident kept, of ``into``).
    """
    if record_type not in RECORD_TYPES:
        raise DocketError("E020", f"unknown record type {record_type!r}")
    if action in ("accept", "reject"):
        return [store.revise(record_type, record_id, action, None, author, reason)]
    if action == "edit":
        if data is None:
            if not field:
                raise DocketError("E020", "an edit needs a field and a value, or the whole data")
            data = with_field(store.record_data(record_type, record_id), field, value)
        return [store.revise(record_type, record_id, "edit", data, author, reason)]
    if action in ("merge", "split") and record_type != "incident":
        raise DocketError("E020", f"only incidents can be {action}d")
    if action == "merge":
        if not into or into == record_id:
            raise DocketError("E020", "a merge needs another incident to merge into ('into')")
        return _first(record_id, store.merge_incidents(into, record_id, author, reason).revisions)
    if action == "split":
        done = store.split_incident(record_id, author, other=into or None, reason=reason)
        return _first(record_id, done.revisions)
    raise DocketError("E020", f"unknown action {action!r}")

"""Revisions and the audit log: every change is a new row; nothing is overwritten."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.record import Claim, Figure, Incident, Model
from docket.store import tables as t
from docket.store.models import ACTIONS, AuditEntry, Revision
from docket.store.saving import incident_columns, write_index

# Record types whose stored JSON follows their latest revision, with the model that checks it.
REVISED: dict[str, tuple[sa.Table, type[Model]]] = {
    "incident": (t.incidents, Incident),
    "claim": (t.claims, Claim),
    "figure": (t.figures, Figure),
}
MACHINE = "docket"  # the author of machine readings
MACHINE_REASON = "the machine's reading, kept before the first review"
MAX_CHANGES = 50  # fields listed in one audit entry's changes
STATUS = {
    "accept": "accepted",
    "edit": "edited",
    "reject": "rejected",
    "merge": "merged",
    "split": "split",
}


def revise(
    conn: Connection,
    record_type: str,
    record_id: str,
    action: str,
    data: dict[str, Any] | Model | None,
    author: str,
    reason: str | None,
    now: datetime,
    status: str | None = None,
) -> int:
    """Append a revision to a record and return its number.

    For incidents, claims and figures the record must exist; ``data`` (the record's new contract
    JSON, or the record itself, already checked) is checked against the record model, and the
    record's stored JSON becomes it. Without ``data`` the revision keeps the current JSON: an
    accept or reject records a decision only.
    An incident's review status becomes ``status``, by default the action's.
    """
    if action not in ACTIONS:
        raise DocketError("E020", f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    if not author:
        raise DocketError("E020", "a revision needs an author")
    record: Model | None = None
    if record_type in REVISED:
        table, model = REVISED[record_type]
        current = conn.scalar(_statements(record_type)[0], {"record": record_id})
        if current is None:
            raise DocketError("E019", f"no stored {record_type} {record_id}")
        if data is None:
            data = current
        else:
            try:
                record = data if isinstance(data, model) else model.model_validate(data)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(map(str, first["loc"])) or record_type
                given = repr(first.get("input"))
                given = given if len(given) <= 60 else given[:60] + "…"
                raise DocketError(
                    "E054", f"{record_type} {record_id}: field {where} = {given}: {first['msg']}"
                ) from exc
            if getattr(record, "id", record_id) not in (record_id, None):
                raise DocketError("E020", f"the data's id is not {record_id}")
            data = record.to_json()
    number = 1 + int(conn.scalar(_LAST, {"type": record_type, "record": record_id}) or 0)
    rows: list[tuple[str, Any, str, str | None]] = []
    if number == 1 and record_type in REVISED:
        # The machine's reading is revision 1, written before the first review changes it.
        rows.append(("create", current, MACHINE, MACHINE_REASON))
    rows.append((action, data, author, reason))
    conn.execute(
        t.revisions.insert(),
        [
            {
                "record_type": record_type,
                "record_id": record_id,
                "revision": number + offset,
                "action": done,
                "data": version,
                "author": by,
                "created_at": now,
                "reason": why,
            }
            for offset, (done, version, by, why) in enumerate(rows)
        ],
    )
    number += len(rows) - 1
    if record_type == "incident":
        assert isinstance(data, dict)  # the JSON of the record checked above
        checked = record if isinstance(record, Incident) else Incident.model_validate(data)
        values = incident_columns(checked, data if record is not None else None)
        values |= {"revision": number, "status": status or STATUS.get(action, "machine")}
        conn.execute(_statements(record_type)[1], {"record": record_id, **values})
        write_index(conn, [(record_id, values["data"])])
    elif record_type in REVISED:
        conn.execute(_statements(record_type)[1], {"record": record_id, "data": data})
    return number


# the latest revision of a record
_LAST = sa.select(sa.func.max(t.revisions.c.revision)).where(
    t.revisions.c.record_type == sa.bindparam("type"),
    t.revisions.c.record_id == sa.bindparam("record"),
)


@functools.cache
def _statements(record_type: str) -> tuple[Any, Any]:
    """A revised record type's statements, built once: its stored JSON, and the update of its
    row (the columns set are those of the values it runs with)."""
    table = REVISED[record_type][0]
    record = table.c.id == sa.bindparam("record")
    return sa.select(table.c.data).where(record), table.update().where(record)


def current(conn: Connection, record_type: str, record_id: str) -> dict[str, Any] | None:
    """What a review can change of a stored record: its JSON, and an incident's status."""
    if record_type not in REVISED:
        return None
    table = REVISED[record_type][0]
    columns = [table.c.data] + ([table.c.status] if record_type == "incident" else [])
    row = conn.execute(sa.select(*columns).where(table.c.id == record_id)).first()
    if row is None:
        return None
    return {**row.data, "status": row.status} if record_type == "incident" else dict(row.data)


def changes(before: Any, after: Any, prefix: str = "") -> list[dict[str, Any]]:
    """Each field that differs between two versions of a record, with its value before and
    after (objects compared field by field, lists and scalars whole; at most MAX_CHANGES)."""
    if isinstance(before, dict) and isinstance(after, dict):
        found: list[dict[str, Any]] = []
        for key in [*before, *(k for k in after if k not in before)]:
            found += changes(before.get(key), after.get(key), f"{prefix}{key}.")
        return found[:MAX_CHANGES]
    if before == after:
        return []
    return [{"field": prefix.rstrip("."), "before": before, "after": after}]


def history(conn: Connection, record_id: str, record_type: str | None = None) -> list[Revision]:
    """Every revision of the record, oldest first."""
    r = t.revisions.c
    query = sa.select(t.revisions).where(r.record_id == record_id)
    if record_type:
        query = query.where(r.record_type == record_type)
    rows = conn.execute(query.order_by(r.record_type, r.revision))
    return [
        Revision(
            record_type=row.record_type,
            record_id=row.record_id,
            revision=row.revision,
            action=row.action,
            data=row.data,
            author=row.author,
            reason=row.reason,
            created_at=row.created_at,
        )
        for row in rows
    ]


def add_audit(
    conn: Connection,
    who: str,
    action: str,
    target: str | None,
    detail: dict[str, Any] | None,
    now: datetime,
) -> None:
    conn.execute(
        t.audit_log.insert(),
        {"at": now, "who": who, "action": action, "target": target, "detail": detail},
    )


def audit_count(conn: Connection) -> int:
    return int(conn.scalar(sa.select(sa.func.count()).select_from(t.audit_log)) or 0)


def audit_log(conn: Connection, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
    """The newest audit entries first, ``offset`` entries in."""
    a = t.audit_log.c
    query = sa.select(t.audit_log).order_by(a.id.desc()).limit(limit).offset(offset)
    rows = conn.execute(query)
    return [
        AuditEntry(
            id=row.id,
            at=row.at,
            who=row.who,
            action=row.action,
            target=row.target,
            detail=row.detail,
        )
        for row in rows
    ]

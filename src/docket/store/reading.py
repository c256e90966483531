"""Reading records back: a document's whole extraction, documents, incidents and their claims."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.record import Claim, DocumentInfo, Extraction, Figure, Incident, Mention
from docket.store import tables as t
from docket.store.models import SourceRef, StoredIncident


def document_info(row: sa.Row[Any]) -> DocumentInfo:
    meta = row.meta or {}
    return DocumentInfo(
        id=row.id,
        text=row.text,
        id_in_batch=row.id_in_batch,
        title=row.title,
        published=row.published,
        language=row.language,
        url=row.url,
        outlet=row.outlet,
        media_type=row.media_type,
        origin=row.origin_id,
        ingested_at=row.ingested_at,
        **meta.get("document", {}),
    )


def load_document(conn: Connection, document_id: str) -> DocumentInfo:
    row = conn.execute(sa.select(t.documents).where(t.documents.c.id == document_id)).first()
    if row is None:
        raise DocketError("E012", f"no stored document {document_id}")
    return document_info(row)


def load_extraction(conn: Connection, document_id: str) -> Extraction:
    """The document and everything read from it, in the order it was saved."""
    row = conn.execute(sa.select(t.documents).where(t.documents.c.id == document_id)).first()
    if row is None:
        raise DocketError("E012", f"no stored document {document_id}")
    m = t.mentions.c
    mentions = [
        Mention(
            start=r.start_char,
            end=r.end_char,
            quote=r.quote,
            label=r.label,
            canonical=r.canonical,
            origin=r.origin,
            **(r.extra or {}),
        )
        for r in conn.execute(
            sa.select(t.mentions).where(m.document_id == document_id).order_by(m.position)
        )
    ]
    s = t.incident_sources.c
    incidents = [
        Incident.model_validate(data)
        for data in conn.scalars(
            sa.select(t.incidents.c.data)
            .join(t.incident_sources, s.incident_id == t.incidents.c.id)
            .where(s.document_id == document_id)
            .order_by(s.position)
        )
    ]
    claims = [
        Claim.model_validate(data)
        for data in conn.scalars(
            sa.select(t.claims.c.data)
            .where(t.claims.c.document_id == document_id)
            .order_by(t.claims.c.position)
        )
    ]
    figures = [
        Figure.model_validate(data)
        for data in conn.scalars(
            sa.select(t.figures.c.data)
            .where(t.figures.c.document_id == document_id)
            .order_by(t.figures.c.position)
        )
    ]
    return Extraction(
        document=document_info(row),
        incidents=incidents,
        claims=claims,
        figures=figures,
        mentions=mentions,
        **(row.meta or {}).get("extraction", {}),
    )


def _sources(conn: Connection, incident_ids: list[str]) -> dict[str, list[SourceRef]]:
    d = t.documents.c
    s = t.incident_sources.c
    found: dict[str, list[SourceRef]] = {incident_id: [] for incident_id in incident_ids}
    if not incident_ids:
        return found
    query = (
        sa.select(s.incident_id, d.id, d.title, d.url, d.outlet, d.published, d.meta)
        .join(t.documents, d.id == s.document_id)
        .where(s.incident_id.in_(incident_ids))
        .order_by(s.incident_id, d.published, d.seq)
    )
    for row in conn.execute(query):
        imported = ((row.meta or {}).get("document") or {}).get("imported")
        found[row.incident_id].append(
            SourceRef(
                id=row.id,
                title=row.title,
                url=row.url,
                outlet=row.outlet,
                published=row.published,
                **({"imported": imported} if imported else {}),
            )
        )
    return found


def stored_incidents(conn: Connection, rows: list[sa.Row[Any]]) -> list[StoredIncident]:
    """Incident rows as stored incidents, each with its sources."""
    sources = _sources(conn, [row.id for row in rows])
    return [
        StoredIncident(
            incident=Incident.model_validate(row.data),
            sources=sources[row.id],
            status=row.status,
            revision=row.revision,
            created_at=row.created_at,
        )
        for row in rows
    ]


def load_incident(conn: Connection, incident_id: str) -> StoredIncident:
    row = conn.execute(sa.select(t.incidents).where(t.incidents.c.id == incident_id)).first()
    if row is None:
        raise DocketError("E019", f"no stored incident {incident_id}")
    return stored_incidents(conn, [row])[0]


def claims_for(conn: Connection, incident_id: str) -> list[Claim]:
    """The claims linked to an incident (either side may have named the other)."""
    if conn.scalar(sa.select(t.incidents.c.id).where(t.incidents.c.id == incident_id)) is None:
        raise DocketError("E019", f"no stored incident {incident_id}")
    ic = t.incident_claims.c
    query = (
        sa.select(t.claims.c.data)
        .join(t.incident_claims, ic.claim_id == t.claims.c.id)
        .where(ic.incident_id == incident_id)
        .order_by(t.claims.c.document_id, t.claims.c.position)
    )
    return [Claim.model_validate(data) for data in conn.scalars(query)]


def counts(conn: Connection) -> dict[str, int]:
    """How many documents, mentions, incidents, claims and figures are stored."""
    tables = {
        "documents": t.documents,
        "mentions": t.mentions,
        "incidents": t.incidents,
        "claims": t.claims,
        "figures": t.figures,
    }
    return {
        name: int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
        for name, table in tables.items()
    }

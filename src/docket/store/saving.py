"""Writing one document's extraction: every row it needs, inside the caller's transaction."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

from docket.record import ActorRef, Extraction, Incident, Model, PlaceRef, record_id
from docket.store import tables as t

WORD = re.compile(r"\w+")


def extras(model: Model) -> dict[str, Any]:
    """The keys a record carries beyond its declared fields, in JSON form."""
    names = set(model.model_extra or {})
    return {key: value for key, value in model.to_json().items() if key in names}


def incident_columns(incident: Incident, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The incident's columns: its JSON (``data`` where the caller has it already) and the
    projections used to filter and sort."""
    location = incident.location
    return {
        "category": incident.category,
        "when_start": incident.when.start,
        "when_end": incident.when.end,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "country": location.country if location else None,
        "grade": incident.grade,
        "data": data if data is not None else incident.to_json(),
    }


def party_names(data: dict[str, Any]) -> set[str]:
    """The case-folded names the actor filter finds an incident by: each perpetrator's and
    victim's actor id, words and resolved name."""
    people = [*data.get("perpetrators", []), *data.get("victims", [])]
    return {
        str(value).casefold()
        for ref in people
        for value in (ref.get("actor"), ref.get("text"), ref.get("name"))
        if value
    }


def words_of(data: Any) -> set[str]:
    """The case-folded words of every value in an incident's JSON (not its keys): what the word
    filter finds it by."""
    texts: list[str] = []
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif not (isinstance(value, bool) or value is None):
            texts.append(str(value))
    return set(WORD.findall(" ".join(texts).casefold()))


def codes_of(data: dict[str, Any]) -> set[str]:
    """The exact codes the weapon and flag filters find an incident by: ``weapon:CLASS`` for each
    weapon's class, ``flag:CODE`` for each flag's code and treaty."""
    weapons = {f"weapon:{w['class']}" for w in data.get("weapons", []) if w.get("class")}
    flags = {
        f"flag:{value}"
        for flag in data.get("flags", [])
        for value in (flag.get("code"), flag.get("treaty"))
        if value
    }
    return weapons | flags


def write_index(
    conn: Connection, incidents: Iterable[tuple[str, dict[str, Any]]], new: bool = False
) -> None:
    """Index each ``(id, JSON)`` incident for the actor, word, weapon and flag filters
    (``incident_parties``, ``incident_words``, ``incident_codes``), so that the tables hold
    exactly its present values; ``new``: incidents inserted in this transaction, with no rows yet.

    Only what changed is written: a revision of an incident joined from many reports keeps most
    of its hundreds of words, and deleting and inserting them all again touched a page of the
    word index for each (a page apart from the others in a large store). The rows go to the
    driver as they are (one ``executemany`` of tuples a table): building SQLAlchemy's parameters
    row by row was most of what a revision cost (measured: docs/performance.md, Store growth)."""
    rows = [(incident_id, data) for incident_id, data in incidents]
    if not rows:
        return
    ids = tuple(i for i, _ in rows)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    marks = ", ".join([mark] * len(ids))
    for table, column, names in (
        (t.incident_parties, "name", party_names),
        (t.incident_words, "word", words_of),
        (t.incident_codes, "code", codes_of),
    ):
        wanted = {(i, v) for i, data in rows for v in names(data)}
        have: set[tuple[str, str]] = set()
        if not new:
            found = conn.exec_driver_sql(
                f"SELECT incident_id, {column} FROM {table.name} WHERE incident_id IN ({marks})",
                ids,
            )
            have = {(i, v) for i, v in found}
        stale = sorted(have - wanted)
        if stale:
            conn.exec_driver_sql(
                f"DELETE FROM {table.name} WHERE incident_id = {mark} AND {column} = {mark}", stale
            )
        fresh = sorted(wanted - have)
        if fresh:
            conn.exec_driver_sql(
                f"INSERT INTO {table.name} (incident_id, {column}) VALUES ({mark}, {mark})", fresh
            )


def _unique(kind: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"two {kind} in one extraction share the id {item!r}")
        seen.add(item)


def figure_ids(extraction: Extraction) -> list[str]:
    """Each figure's id, made stable from the document and position where the figure has none."""
    doc_id = extraction.document.id
    return [
        figure.id or record_id("fig", doc_id, position)
        for position, figure in enumerate(extraction.figures)
    ]


def insert_extraction(
    conn: Connection,
    extraction: Extraction,
    *,
    raw_size: int,
    source: str,
    status: str,
    author: str,
    now: datetime,
    review_status: str = "machine",
) -> None:
    """Insert the document and everything read from it. The caller owns the transaction.
    New incidents start in ``review_status`` (``machine``: docket's reading; ``imported``:
    taken from a file as it was)."""
    doc = extraction.document
    _unique("incidents", (incident.id for incident in extraction.incidents))
    _unique("claims", (claim.id for claim in extraction.claims))
    fig_ids = figure_ids(extraction)
    _unique("figures", fig_ids)

    meta = {"document": extras(doc), "extraction": extras(extraction)}
    row: dict[str, Any] = {
        "id": doc.id,
        "url": doc.url,
        "outlet": doc.outlet,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "media_type": doc.media_type,
        "text": doc.text,
        "id_in_batch": doc.id_in_batch,
        "origin_id": doc.origin,
        "ingested_at": doc.ingested_at or now,
        "source": source,
        "raw_size": raw_size,
        "mention_count": len(extraction.mentions),
        "status": status,
        "meta": {key: value for key, value in meta.items() if value} or None,
    }
    if conn.dialect.name != "postgresql":  # PostgreSQL numbers documents itself (identity)
        row["seq"] = conn.scalar(sa.select(sa.func.coalesce(sa.func.max(t.documents.c.seq), 0) + 1))
    conn.execute(t.documents.insert(), row)

    if extraction.mentions:
        conn.execute(
            t.mentions.insert(),
            [
                {
                    "document_id": doc.id,
                    "position": position,
                    "start_char": mention.start,
                    "end_char": mention.end,
                    "quote": mention.quote,
                    "label": mention.label,
                    "canonical": mention.canonical,
                    "origin": mention.origin,
                    "extra": extras(mention) or None,
                }
                for position, mention in enumerate(extraction.mentions)
            ],
        )

    _save_actors_and_places(conn, extraction)
    _save_incidents(conn, extraction, author=author, now=now, review_status=review_status)

    if extraction.claims:
        conn.execute(
            t.claims.insert(),
            [
                {
                    "id": claim.id,
                    "document_id": doc.id,
                    "position": position,
                    "stance": claim.stance,
                    "source_actor": claim.source.actor,
                    "data": claim.to_json(),
                }
                for position, claim in enumerate(extraction.claims)
            ],
        )
    if extraction.figures:
        conn.execute(
            t.figures.insert(),
            [
                {
                    "id": fig_id,
                    "document_id": doc.id,
                    "position": position,
                    "measure": figure.measure,
                    "data": figure.to_json(),
                }
                for position, (fig_id, figure) in enumerate(
                    zip(fig_ids, extraction.figures, strict=True)
                )
            ],
        )
    _link_claims(conn, extraction)


def _save_incidents(
    conn: Connection, extraction: Extraction, *, author: str, now: datetime, review_status: str
) -> None:
    if not extraction.incidents:
        return
    doc_id = extraction.document.id
    ids = [incident.id for incident in extraction.incidents]
    known = set(conn.scalars(sa.select(t.incidents.c.id).where(t.incidents.c.id.in_(ids))))
    new = [incident for incident in extraction.incidents if incident.id not in known]
    if new:
        data = {incident.id: incident.to_json() for incident in new}
        conn.execute(
            t.incidents.insert(),
            [
                {
                    "id": incident.id,
                    **incident_columns(incident, data[incident.id]),
                    "status": review_status,
                    "created_at": now,
                    "revision": 1,
                }
                for incident in new
            ],
        )
        write_index(conn, list(data.items()), new=True)
        conn.execute(
            t.revisions.insert(),
            [
                {
                    "record_type": "incident",
                    "record_id": incident.id,
                    "revision": 1,
                    "action": "create",
                    "data": data[incident.id],
                    "author": author,
                    "created_at": now,
                    "reason": f"read from document {doc_id}",
                }
                for incident in new
            ],
        )
    # An incident already stored (the same id read from another document) gains a source.
    conn.execute(
        t.incident_sources.insert(),
        [
            {"incident_id": incident.id, "document_id": doc_id, "position": position}
            for position, incident in enumerate(extraction.incidents)
        ],
    )


def _link_claims(conn: Connection, extraction: Extraction) -> None:
    """incident_claims rows from both directions: incident.claims and claim.about."""
    pairs = {
        (incident.id, claim_id) for incident in extraction.incidents for claim_id in incident.claims
    }
    pairs |= {(incident_id, claim.id) for claim in extraction.claims for incident_id in claim.about}
    if not pairs:
        return
    incident_ids = {incident_id for incident_id, _ in pairs}
    claim_ids = {claim_id for _, claim_id in pairs}
    known_incidents = set(
        conn.scalars(sa.select(t.incidents.c.id).where(t.incidents.c.id.in_(incident_ids)))
    )
    known_claims = set(conn.scalars(sa.select(t.claims.c.id).where(t.claims.c.id.in_(claim_ids))))
    rows = [
        {"incident_id": incident_id, "claim_id": claim_id}
        for incident_id, claim_id in sorted(pairs)
        if incident_id in known_incidents and claim_id in known_claims
    ]
    if rows:
        _insert_ignoring_duplicates(conn, t.incident_claims, rows)


def _save_actors_and_places(conn: Connection, extraction: Extraction) -> None:
    refs: list[ActorRef] = []
    places: list[PlaceRef] = []
    for incident in extraction.incidents:
        refs.extend(incident.perpetrators)
        if incident.location is not None:
            places.append(incident.location)
    refs.extend(claim.source for claim in extraction.claims)
    refs.extend(fig.attributed_to for fig in extraction.figures if fig.attributed_to is not None)
    actors: dict[str, dict[str, Any]] = {}
    for ref in refs:
        if ref.actor and ref.actor not in actors:
            actors[ref.actor] = {
                "id": ref.actor,
                "name": ref.name or ref.text,
                "type": ref.type,
                "aliases": [ref.text],
                "affiliation": None,
            }
    rows = {
        place.gazetteer_id: {
            "id": place.gazetteer_id,
            "name": place.name or place.text,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "precision": place.precision,
            "admin": None,
        }
        for place in places
        if place.gazetteer_id
    }
    if actors:
        _insert_ignoring_duplicates(conn, t.actors, list(actors.values()))
    if rows:
        _insert_ignoring_duplicates(conn, t.places, list(rows.values()))


def _insert_ignoring_duplicates(
    conn: Connection, table: sa.Table, rows: list[dict[str, Any]]
) -> None:
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(insert(table).on_conflict_do_nothing(), rows)

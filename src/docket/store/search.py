"""Finding documents: full-text search (FTS5 on SQLite, tsvector on PostgreSQL) and id prefixes."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.store import tables as t
from docket.store.models import DocumentSummary

MIN_PREFIX = 8
SNIPPET_CHARS = 200
_WORD = re.compile(r"\w+")
_HEX = re.compile(r"[0-9a-f]+")
# Each document's stored full-text vector on PostgreSQL, under its GIN index (migration 0011).
_PG_DOCUMENT = "documents.documents_fts_vector"


def _summary(row: Any) -> DocumentSummary:
    snippet = " ".join((row.snippet or "").split())
    return DocumentSummary(
        id=row.id,
        title=row.title,
        published=row.published,
        outlet=row.outlet,
        url=row.url,
        language=row.language,
        snippet=snippet,
        ingested_at=row.ingested_at,
    )


_COLUMNS = (
    t.documents.c.id,
    t.documents.c.title,
    t.documents.c.published,
    t.documents.c.outlet,
    t.documents.c.url,
    t.documents.c.language,
    t.documents.c.ingested_at,
)


def search_documents(
    conn: Connection, query: str | None, limit: int = 50, offset: int = 0
) -> list[DocumentSummary]:
    """Documents matching every word of ``query``, best first; all documents, newest first, without."""
    words = _WORD.findall(query or "")
    if not words:
        select = (
            sa.select(
                *_COLUMNS, sa.func.substr(t.documents.c.text, 1, SNIPPET_CHARS).label("snippet")
            )
            .order_by(t.documents.c.ingested_at.desc(), t.documents.c.seq.desc())
            .limit(limit)
            .offset(offset)
        )
        return [_summary(row) for row in conn.execute(select)]
    if conn.dialect.name == "postgresql":
        return _search_postgres(conn, " ".join(words), limit, offset)
    return _search_sqlite(conn, words, limit, offset)


def matching_ids(dialect: str, query: str) -> sa.Select[Any] | sa.TextualSelect:
    """The ids of every document matching every word of ``query`` (all documents without words),
    unranked and without snippets: a subquery for other queries to use."""
    words = _WORD.findall(query)
    if not words:
        return sa.select(t.documents.c.id)
    if dialect == "postgresql":
        return (
            sa.text(
                f"SELECT documents.id FROM documents WHERE {_PG_DOCUMENT} @@ "
                "plainto_tsquery('english', :words)"
            )
            .bindparams(words=" ".join(words))
            .columns(sa.column("id"))
        )
    return (
        sa.text(
            "SELECT d.id FROM documents_fts JOIN documents AS d ON d.seq = documents_fts.rowid "
            "WHERE documents_fts MATCH :words"
        )
        .bindparams(words=_fts_match(words))
        .columns(sa.column("id"))
    )


def _fts_match(words: list[str]) -> str:
    # Each word quoted: FTS5 operators typed by a user are searched as words, never parsed.
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _search_sqlite(
    conn: Connection, words: list[str], limit: int, offset: int
) -> list[DocumentSummary]:
    match = _fts_match(words)
    sql = sa.text(
        "SELECT d.id, d.title, d.published, d.outlet, d.url, d.language, d.ingested_at, "
        "snippet(documents_fts, 1, '[', ']', '…', 24) AS snippet "
        "FROM documents_fts JOIN documents AS d ON d.seq = documents_fts.rowid "
        "WHERE documents_fts MATCH :match "
        "ORDER BY bm25(documents_fts, 2.0, 1.0), d.seq LIMIT :limit OFFSET :offset"
    ).columns(*_summary_columns())
    rows = conn.execute(sql, {"match": match, "limit": limit, "offset": offset})
    return [_summary(row) for row in rows]


def _summary_columns() -> tuple[sa.ColumnClause[Any] | sa.Column[Any], ...]:
    """The typed result columns of both search queries (dates read back as dates)."""
    return (
        sa.column("id"),
        sa.column("title"),
        t.documents.c.published,
        sa.column("outlet"),
        sa.column("url"),
        sa.column("language"),
        t.documents.c.ingested_at,
        sa.column("snippet"),
    )


def _search_postgres(
    conn: Connection, query: str, limit: int, offset: int
) -> list[DocumentSummary]:
    sql = sa.text(
        "SELECT d.id, d.title, d.published, d.outlet, d.url, d.language, d.ingested_at, "
        "ts_headline('english', d.text, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') "
        "AS snippet "
        f"FROM documents AS d, plainto_tsquery('english', :query) AS q "
        f"WHERE {_PG_DOCUMENT.replace('documents.', 'd.')} @@ q "
        f"ORDER BY ts_rank({_PG_DOCUMENT.replace('documents.', 'd.')}, q) DESC, d.seq "
        "LIMIT :limit OFFSET :offset"
    ).columns(*_summary_columns())
    rows = conn.execute(sql, {"query": query, "limit": limit, "offset": offset})
    return [_summary(row) for row in rows]


def resolve_id(conn: Connection, prefix: str) -> str:
    """The full id of the one stored document whose id starts with ``prefix`` (8+ hex digits)."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX or not _HEX.fullmatch(prefix):
        raise DocketError(
            "E012", f"{prefix!r} is not a document id: give at least {MIN_PREFIX} hex digits"
        )
    ids = list(
        conn.scalars(
            sa.select(t.documents.c.id)
            .where(t.documents.c.id.like(prefix + "%"))
            .order_by(t.documents.c.id)
            .limit(5)
        )
    )
    if not ids:
        raise DocketError("E012", f"no stored document id starts with {prefix}")
    if len(ids) > 1:
        raise DocketError(
            "E012", f"{prefix} is ambiguous: {', '.join(i[:16] for i in ids)}…; give more digits"
        )
    return ids[0]

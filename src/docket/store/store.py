"""The record store: one object that saves extractions and reads records back.

Build it with :func:`open_store`, which makes the engine, creates the data folder and upgrades the
database to the newest schema. Every method takes and returns record models (``docket.record``),
the small models of ``docket.store.models`` (the incident filter among them) or records in their
JSON form; none exposes tables or SQL. Listings and searches are in ``docket.store.queries``.

Linking lives here too (docket.store.linking, linked_incidents, link_decisions, origins): it
persists what the pure functions of docket.link decide (matching, combining reports, MinHash).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from docket.errors import DocketError, Problem
from docket.record import Claim, DocumentInfo, Extraction
from docket.settings import Settings
from docket.store import (
    accounts,
    link_decisions,
    linking,
    migrate,
    queries,
    queue,
    reading,
    review,
    search,
)
from docket.store import tables as t
from docket.store.archive import Archive
from docket.store.db import database_errors, make_engine, missing_sqlite_file, safe_url
from docket.store.models import (
    AuditEntry,
    DocumentSummary,
    IncidentFilter,
    Revision,
    StoredIncident,
    StoredSession,
    StoredUser,
)
from docket.store.saving import insert_extraction

if TYPE_CHECKING:
    from docket.link.origins import MinHash
    from docket.store.origins import OriginMatch


# how often a token's last_used_at is written, at most
TOKEN_USE_EVERY = timedelta(minutes=1)


def _now() -> datetime:
    return datetime.now(UTC)


def _has_nul(extraction: Extraction, source: str) -> bool:
    doc = extraction.document
    fields = [source, doc.text, doc.title, doc.url, doc.outlet, doc.id_in_batch, doc.language]
    fields += [doc.media_type]
    for mention in extraction.mentions:
        fields += [mention.quote, mention.canonical, mention.origin]
    return any(value and "\x00" in value for value in fields)


class Store:
    """Documents, the records read from them, their revisions and the audit log."""

    def __init__(self, engine: Engine, archive: Archive) -> None:
        self.engine = engine
        self.archive = archive
        self._token_noted: dict[str, datetime] = {}  # token digest -> when its use was last noted

    # -- plumbing -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with database_errors(self.engine.url), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def _write(self, busy_timeout_s: float | None = None) -> Iterator[Connection]:
        """A write transaction; on SQLite it waits up to ``busy_timeout_s`` (default: the
        engine's busy timeout) for the write lock, then fails with E050."""
        with (
            database_errors(self.engine.url),
            self.engine.connect() as plain,
        ):
            conn = plain.execution_options(docket_write=True)
            if busy_timeout_s is not None:
                conn = conn.execution_options(docket_busy_timeout_s=busy_timeout_s)
            with conn.begin():
                yield conn

    @property
    def url(self) -> str:
        """The database's URL with its password hidden, for messages."""
        return safe_url(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ------------------------------------------------------------------------------

    def has_document(self, document_id: str) -> bool:
        with self._read() as conn:
            found = conn.scalar(sa.select(t.documents.c.id).where(t.documents.c.id == document_id))
        return found is not None

    def last_seq(self) -> int:
        """The sequence number of the latest stored document (0 for an empty store): a run's
        snapshot of the store, see :meth:`outlet_places`."""
        with self._read() as conn:
            return int(conn.scalar(sa.select(sa.func.max(t.documents.c.seq))) or 0)

    def outlet_places(self, outlet: str, as_of: int, documents: int) -> tuple[int, list[str]]:
        """The outlet's latest ``documents`` analysed documents stored up to sequence number
        ``as_of``: how many there are, and the gazetteer ids of every place docket read in them
        (one per mention). Found through the ``(outlet, seq)`` index."""
        d, m = t.documents, t.mentions
        latest = (
            sa.select(d.c.id)
            .where(d.c.outlet == outlet, d.c.seq <= as_of, d.c.status == "analysed")
            .order_by(d.c.seq.desc())
            .limit(documents)
        )
        with self._read() as conn:
            ids = list(conn.scalars(latest))
            if not ids:
                return 0, []
            places = conn.scalars(
                sa.select(m.c.canonical)
                .where(m.c.document_id.in_(ids), m.c.label == "place", m.c.canonical.is_not(None))
                .order_by(m.c.document_id, m.c.position)
            )
            return len(ids), list(places)

    def save(
        self,
        extraction: Extraction,
        raw: bytes,
        source: str,
        *,
        status: str | None = None,
        author: str = "docket",
        review_status: str = "machine",
    ) -> bool:
        """Store a document, its raw bytes and everything read from it, in one transaction.

        Returns False, changing nothing, when the document is already stored. ``raw`` must hash
        to the document's id. ``status`` defaults to ``analysed`` for English (or undetermined)
        text and ``not_analysed`` otherwise. New incidents start in ``review_status``
        (``imported`` for rows of a file, which stay out of the review queue).
        """
        doc = extraction.document
        if self.has_document(doc.id):
            return False
        if _has_nul(extraction, source):
            # PostgreSQL text cannot hold NUL; refuse it on every backend alike.
            raise DocketError("E004", f"document {doc.id} contains NUL characters", source)
        archived = self.archive.put(
            raw
        )  # content-addressed: an orphan file after a crash is harmless
        if archived != doc.id:
            raise ValueError(
                f"document id {doc.id} is not the SHA-256 of its raw bytes ({archived})"
            )
        if status is None:
            status = "analysed" if doc.language in (None, "en") else "not_analysed"
        now = _now()
        try:
            with self._write() as conn:
                if conn.scalar(sa.select(t.documents.c.id).where(t.documents.c.id == doc.id)):
                    return False  # saved by another process since the check above
                if doc.origin and not conn.scalar(
                    sa.select(t.documents.c.id).where(t.documents.c.id == doc.origin)
                ):
                    raise DocketError("E012", f"origin {doc.origin} of {doc.id} is not stored")
                insert_extraction(
                    conn,
                    extraction,
                    raw_size=len(raw),
                    source=source,
                    status=status,
                    author=author,
                    now=now,
                    review_status=review_status,
                )
                detail = {
                    "source": source,
                    "mentions": len(extraction.mentions),
                    "incidents": len(extraction.incidents),
                    "claims": len(extraction.claims),
                    "figures": len(extraction.figures),
                }
                review.add_audit(conn, author, "ingest", doc.id, detail, now)
        except IntegrityError:
            if self.has_document(doc.id):
                return False  # a concurrent writer stored it first
            raise
        return True

    def extraction(self, document_id: str) -> Extraction:
        """Everything stored for a document, as saved (with reviewed revisions applied)."""
        with self._read() as conn:
            return reading.load_extraction(conn, document_id)

    def document(self, document_id: str) -> DocumentInfo:
        with self._read() as conn:
            return reading.load_document(conn, document_id)

    def raw(self, document_id: str) -> bytes:
        """The archived raw bytes of a stored document, hash-verified."""
        self.document(document_id)
        return self.archive.get(document_id)

    def search_documents(
        self, query: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[DocumentSummary]:
        """Full-text search (every word must occur); without a query, the newest documents."""
        with self._read() as conn:
            return search.search_documents(conn, query, limit, offset)

    def resolve_id(self, prefix: str) -> str:
        """The full id of the one document whose id starts with ``prefix`` (8 or more hex digits)."""
        with self._read() as conn:
            return search.resolve_id(conn, prefix)

    # -- incidents and claims -------------------------------------------------------------------

    def incidents(
        self,
        f: IncidentFilter | None = None,
        *,
        sort: str = "-when",
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredIncident]:
        """Stored incidents passing the filter (all without one), latest event first."""
        return self.find_incidents(f, sort=sort, limit=limit, offset=offset)[0]

    def find_incidents(
        self,
        f: IncidentFilter | None = None,
        *,
        sort: str = "-when",
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[StoredIncident], int]:
        """One page of the incidents passing the filter, and how many pass in all. ``sort`` is
        one of ``queries.SORTS`` (E033 otherwise)."""
        with self._read() as conn:
            return queries.find_incidents(conn, f or IncidentFilter(), sort, limit, offset)

    def incident_ids(self, f: IncidentFilter | None = None, sort: str = "-when") -> list[str]:
        """Ids of every incident passing the filter, in the order asked for."""
        with self._read() as conn:
            return queries.incident_ids(conn, f or IncidentFilter(), sort)

    def iter_incidents(
        self, f: IncidentFilter | None = None, *, sort: str = "created", batch: int = 500
    ) -> Iterator[StoredIncident]:
        """Every incident passing the filter, in the order asked for, read ``batch`` at a time
        (two queries a batch: the incidents, then their sources), for exports of any size."""
        ids = self.incident_ids(f, sort)
        for first in range(0, len(ids), batch):
            with self._read() as conn:
                found = queries.load_incidents(conn, ids[first : first + batch])
            yield from found

    def timeline(self, f: IncidentFilter | None = None) -> dict[str, Any]:
        """Incidents passing the filter per week (from Monday) and category, and the undated."""
        with self._read() as conn:
            return queries.timeline(conn, f or IncidentFilter())

    def review_queue(self, status: str = queue.OPEN) -> queue.ReviewQueue:
        """The incidents in one review state (default: machine-made or edited, awaiting a
        decision) grouped by document, with suggested duplicates."""
        with self._read() as conn:
            return queue.review_queue(conn, status)

    def incident(self, incident_id: str) -> StoredIncident:
        with self._read() as conn:
            return reading.load_incident(conn, incident_id)

    def claims_for(self, incident_id: str) -> list[Claim]:
        with self._read() as conn:
            return reading.claims_for(conn, incident_id)

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return reading.counts(conn)

    def record_data(self, record_type: str, record_id: str) -> dict[str, Any]:
        """The current contract JSON of a stored incident, claim or figure."""
        if record_type not in review.REVISED:
            raise DocketError("E020", f"unknown record type {record_type!r}")
        table = review.REVISED[record_type][0]
        with self._read() as conn:
            data = conn.scalar(sa.select(table.c.data).where(table.c.id == record_id))
        if data is None:
            raise DocketError("E019", f"no stored {record_type} {record_id}")
        return dict(data)

    # -- linking --------------------------------------------------------------------------------

    def save_linked(
        self, extraction: Extraction, raw: bytes, source: str, author: str = "docket"
    ) -> bool:
        """``save`` with near-duplicate origin detection before and incident linking after.

        Returns what ``save`` returns: False, changing nothing, for a document already stored.
        """
        return linking.save_linked(self, extraction, raw, source, author)

    def link(
        self, extraction: Extraction, *, minhash: MinHash | None = None, author: str = "docket"
    ) -> linking.LinkResult:
        """Index a stored document for near-duplicates and link its incidents (one transaction).

        Running it again on the same document changes nothing.
        """
        return linking.link_document(self, extraction, minhash=minhash, author=author)

    def finish_linking(self, document_id: str) -> bool:
        """Link a stored document whose linking a stopped run missed; False when it had it."""
        with self._read() as conn:
            if not linking.needs_linking(conn, document_id):
                return False
        linking.link_document(self, self.extraction(document_id))
        return True

    def unlinked(self) -> list[str]:
        """Ids of stored documents that were saved but never linked (a run stopped between the
        two); ``finish_linking`` links each."""
        with self._read() as conn:
            return linking.unlinked(conn)

    def find_origin(self, minhash: MinHash, exclude: str | None = None) -> OriginMatch | None:
        """The stored document a text with this signature copies, with its root origin."""
        from docket.store.origins import find_origin

        with self._read() as conn:
            return find_origin(conn, minhash, exclude)

    def merge_incidents(
        self, a: str, b: str, author: str, reason: str | None = None
    ) -> link_decisions.MergeResult:
        """Merge incident ``b`` into ``a`` (``a``'s id is kept): one incident of both reports."""
        return link_decisions.merge(self, a, b, author, reason)

    def split_incident(
        self,
        incident_id: str,
        author: str,
        *,
        claim: str | None = None,
        report: str | None = None,
        other: str | None = None,
        reason: str | None = None,
    ) -> link_decisions.SplitResult:
        """Take the report carrying ``claim``, the report ``report``, or (with neither) what came
        from a merge of ``incident_id`` (or of ``other``) out into an incident of its own."""
        return link_decisions.split(
            self, incident_id, author, claim=claim, report=report, other=other, reason=reason
        )

    def linked_groups(self, key: str = "source") -> dict[str, set[str]]:
        """Each stored document (by file name, or ``key="id"``) -> the incidents its reports are in."""
        with self._read() as conn:
            return linking.linked_groups(conn, key)

    def report_links(self) -> dict[str, str]:
        """Each incident report (an incident as one document read it) -> its linked incident."""
        with self._read() as conn:
            return linking.report_links(conn)

    def claims(
        self,
        *,
        incident: str | None = None,
        actor: str | None = None,
        stance: str | None = None,
        document: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of claims (contract form plus ``document_id``) and how many match in all."""
        with self._read() as conn:
            return queries.claims(
                conn,
                incident=incident,
                actor=actor,
                stance=stance,
                document=document,
                limit=limit,
                offset=offset,
            )

    def claim(self, claim_id: str) -> dict[str, Any]:
        """One claim with its ``document_id`` and linked ``incidents``; E019 when unknown."""
        with self._read() as conn:
            return queries.claim(conn, claim_id)

    def figures(
        self,
        *,
        measure: str | None = None,
        document: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of figures (contract form plus ``document_id``) and how many match in all."""
        with self._read() as conn:
            return queries.figures(
                conn, measure=measure, document=document, limit=limit, offset=offset
            )

    def figure(self, figure_id: str) -> dict[str, Any]:
        """One figure with its ``document_id``; E019 when unknown."""
        with self._read() as conn:
            return queries.figure(conn, figure_id)

    def actors(self, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """A page of the actors named by stored records, and how many there are."""
        with self._read() as conn:
            return queries.actors(conn, limit, offset)

    def places(self, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """A page of the places named by stored records, and how many there are."""
        with self._read() as conn:
            return queries.places(conn, limit, offset)

    # -- review and audit -----------------------------------------------------------------------

    def revise(
        self,
        record_type: str,
        record_id: str,
        action: str,
        data: dict[str, Any] | None,
        author: str,
        reason: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> int:
        """Append a revision (never overwrite) and return its number; audited, with ``detail``
        (what was changed) in the audit entry."""
        now = _now()
        with self._write() as conn:
            before = review.current(conn, record_type, record_id)
            number = review.revise(conn, record_type, record_id, action, data, author, reason, now)
            after = review.current(conn, record_type, record_id)
            audited = {
                "record_type": record_type,
                "revision": number,
                "reason": reason,
                "changes": review.changes(before, after),
            }
            review.add_audit(conn, author, action, record_id, audited | (detail or {}), now)
        return number

    def history(self, record_id: str, record_type: str | None = None) -> list[Revision]:
        with self._read() as conn:
            return review.history(conn, record_id, record_type)

    def audit(
        self, who: str, action: str, target: str | None = None, detail: dict[str, Any] | None = None
    ) -> None:
        with self._write() as conn:
            review.add_audit(conn, who, action, target, detail, _now())

    def audit_log(self, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
        """The newest audit entries first, ``offset`` entries in."""
        with self._read() as conn:
            return review.audit_log(conn, limit, offset)

    def audit_count(self) -> int:
        with self._read() as conn:
            return review.audit_count(conn)

    # -- accounts (secrets arrive hashed; see docket.accounts) ----------------------------------

    def user(self, name: str) -> StoredUser | None:
        with self._read() as conn:
            return accounts.user(conn, name)

    def users(self) -> list[StoredUser]:
        with self._read() as conn:
            return accounts.users(conn)

    def add_user(self, name: str, role: str, password_hash: str | None) -> None:
        """A new account; E033 when the name is taken."""
        try:
            with self._write() as conn:
                accounts.add_user(conn, name, role, password_hash, _now())
        except IntegrityError as exc:
            raise DocketError("E033", f"a user called {name!r} already exists") from exc

    def remove_user(self, user_id: int) -> None:
        """The account with its tokens and sessions."""
        with self._write() as conn:
            accounts.remove_user(conn, user_id)

    def add_token(self, user_id: int, token_hash: str, label: str | None = None) -> None:
        with self._write() as conn:
            accounts.add_token(conn, user_id, token_hash, label, _now())

    def user_by_token(self, token_hash: str) -> StoredUser | None:
        """The user holding the token with this digest, or None.

        A read: the token's ``last_used_at`` is written at most once a minute
        (``TOKEN_USE_EVERY``), and a busy database only delays that note, never the request."""
        with self._read() as conn:
            found = accounts.user_by_token(conn, token_hash)
        if found is None:
            return None
        user, last_used = found
        now = _now()
        noted = max(filter(None, (last_used, self._token_noted.get(token_hash))), default=None)
        if noted is None or now - noted >= TOKEN_USE_EVERY:
            self._token_noted[token_hash] = now  # tried: not again for a minute, even if busy
            # E050 busy: the note waits for a later use
            with contextlib.suppress(DocketError), self._write(busy_timeout_s=0.2) as conn:
                accounts.note_token_use(conn, token_hash, now)
        return user

    def add_session(self, user_id: int, id_hash: str, csrf: str, expires_at: datetime) -> None:
        """A new browser session; expired ones are cleared away."""
        with self._write() as conn:
            accounts.add_session(conn, user_id, id_hash, csrf, _now(), expires_at)

    def session(self, id_hash: str) -> StoredSession | None:
        """The session with this digest, expired or not, or None."""
        with self._read() as conn:
            return accounts.session(conn, id_hash)

    def remove_session(self, id_hash: str) -> None:
        with self._write() as conn:
            accounts.remove_session(conn, id_hash)

    # -- integrity ------------------------------------------------------------------------------

    def check(self) -> list[Problem]:
        """Every document whole (its mention rows match its count) and every archived copy intact."""
        problems: list[Problem] = []
        d, m = t.documents.c, t.mentions.c
        stored = sa.select(m.document_id, sa.func.count().label("n")).group_by(m.document_id)
        stored_sq = stored.subquery()
        query = (
            sa.select(d.id, d.mention_count, sa.func.coalesce(stored_sq.c.n, 0).label("n"))
            .outerjoin(stored_sq, stored_sq.c.document_id == d.id)
            .order_by(d.seq)
        )
        with self._read() as conn:
            rows = list(conn.execute(query))
        for row in rows:
            if row.mention_count != row.n:
                problems.append(
                    Problem(
                        "E022",
                        f"document {row.id} has {row.n} mentions stored, {row.mention_count} saved",
                    )
                )
        problems.extend(self.archive.verify_all())
        archived = set(self.archive.ids())
        problems.extend(
            Problem(
                "E011", f"no archived copy of document {row.id}", str(self.archive.path(row.id))
            )
            for row in rows
            if row.id not in archived
        )
        return problems


def open_store(settings: Settings, create: bool = True) -> Store:
    """The store named by the settings, upgraded to the newest schema.

    SQLite (the default, ``data_dir/docket.db``) or any PostgreSQL URL in
    ``DOCKET_DATABASE_URL``. Raises DocketError E013 when the database cannot be reached, and
    E025 (creating nothing) when ``create`` is false and the SQLite file does not exist: a
    command that only reads must not leave an empty store behind.
    """
    url = settings.resolved_database_url
    if not create:
        missing = missing_sqlite_file(url)
        if missing is not None:
            raise DocketError("E025", f"no store at {missing}", str(missing))
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, settings.busy_timeout_s)
    try:
        with database_errors(engine.url):
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, Archive(settings.resolved_archive_dir))

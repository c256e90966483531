"""The near-duplicate index in the store: signatures, LSH bands, and the lookup of a copy's origin.

The store keeps one row per document and band (``minhash_bands``, keyed by the 64-bit digest of
docket.link.origins.band_keys), so a lookup is one indexed query per band, whatever the number
of stored documents, and no pair of documents is ever compared unless they share a band.
Candidates are then checked on their estimated Jaccard similarity.

A copy's origin is the origin of the stored document it copies (or that document itself), so
every copy of an article points at the same first-stored document, whatever their order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.link.origins import THRESHOLD, band_keys, similarity, to_bytes
from docket.store import link_tables as lt
from docket.store import tables as t

if TYPE_CHECKING:
    from docket.link.origins import MinHash


@dataclass(frozen=True)
class OriginMatch:
    """The stored document a text copies, its root origin, and how similar they are."""

    document_id: str
    origin_id: str
    similarity: float


def find_origin(
    conn: Connection, minhash: MinHash, exclude: str | None = None
) -> OriginMatch | None:
    """The stored document most similar to ``minhash`` at or above THRESHOLD, with its root origin.

    Ties go to the document stored first, so the answer does not depend on row order.
    """
    keys = band_keys(minhash)
    params: dict[str, object] = {f"key_{i}": key for i, key in enumerate(keys)}
    params["exclude"] = exclude or ""
    rows = conn.execute(_origin_statement(len(keys)), params)
    best: tuple[float, int, str, str] | None = None
    for row in rows:
        score = similarity(minhash, row.signature)
        if score < THRESHOLD:
            continue
        key = (score, -row.seq, row.document_id, row.origin_id or row.document_id)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return None
    return OriginMatch(document_id=best[2], origin_id=best[3], similarity=best[0])


@functools.lru_cache(maxsize=4)
def _origin_statement(bands: int) -> sa.Select[Any]:
    """The signatures of the stored documents that share a band with a signature of ``bands``
    bands (its keys bound as ``key_0`` ..., the document itself as ``exclude``): built once."""
    b = lt.minhash_bands.c
    band_match = sa.or_(
        *(
            sa.and_(b.band == i, b.key == sa.bindparam(f"key_{i}", type_=sa.BigInteger))
            for i in range(bands)
        )
    )
    candidates = (
        sa.select(b.document_id)
        .where(band_match, b.document_id != sa.bindparam("exclude"))
        .distinct()
    )
    m, d = lt.document_minhash.c, t.documents.c
    return (
        sa.select(m.document_id, m.signature, d.origin_id, d.seq)
        .join(t.documents, d.id == m.document_id)
        .where(m.document_id.in_(candidates.scalar_subquery()))
    )


def index_document(conn: Connection, document_id: str, minhash: MinHash, count: int) -> None:
    """Add a stored document's signature and LSH bands to the index (once per document)."""
    known = conn.scalar(
        sa.select(lt.document_minhash.c.document_id).where(
            lt.document_minhash.c.document_id == document_id
        )
    )
    if known:
        return
    conn.execute(
        lt.document_minhash.insert(),
        {"document_id": document_id, "signature": to_bytes(minhash), "shingles": count},
    )
    conn.execute(
        lt.minhash_bands.insert(),
        [
            {"band": band, "key": key, "document_id": document_id}
            for band, key in enumerate(band_keys(minhash))
        ],
    )


def root_origin(conn: Connection, document_id: str) -> str:
    """The document's origin (itself when it copies nothing)."""
    origin = conn.scalar(sa.select(t.documents.c.origin_id).where(t.documents.c.id == document_id))
    return origin or document_id

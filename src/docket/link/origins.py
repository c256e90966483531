"""Near-duplicate origins: syndicated and lightly edited copies point to one origin document.

Each analysed text becomes a set of word shingles (``SHINGLE_WORDS`` consecutive words, case and
punctuation ignored) and a MinHash signature (datasketch). The LSH scheme of datasketch's
``MinHashLSH`` (bands and rows chosen by the library for ``THRESHOLD``) cuts every signature into
bands; the store keeps one row per document and band (``minhash_bands``, keyed by a 64-bit
digest of the band), so a lookup is one indexed query per band, whatever the number of stored
documents, and no pair of documents is ever compared unless they share a band. Candidates are
then checked on their estimated Jaccard similarity.

A copy's origin is the origin of the stored document it copies (or that document itself), so
every copy of an article points at the same first-stored document, whatever their order.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import sqlalchemy as sa
from sqlalchemy import Connection

if TYPE_CHECKING:  # datasketch brings scipy: imported when first used, not with the CLI
    from datasketch import MinHash, MinHashLSH

from docket.store import link_tables as lt
from docket.store import tables as t

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets at or above which a text is a copy
MIN_WORDS = 20  # shorter texts are not indexed: too few shingles to tell a copy from a template
SEED = 1
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class OriginMatch:
    """The stored document a text copies, its root origin, and how similar they are."""

    document_id: str
    origin_id: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words, punctuation dropped)."""
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles, or None for a text too short to index."""
    if len(WORD.findall(text)) < MIN_WORDS:
        return None
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(sorted(shingles(text)))
    return minhash


@lru_cache(maxsize=1)
def _lsh() -> MinHashLSH:
    """datasketch's LSH for THRESHOLD and NUM_PERM: its bands, rows and band hashing."""
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)


def band_keys(minhash: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band of the signature (a digest of datasketch's band key)."""
    lsh = _lsh()
    keys = []
    for start, end in lsh.hashranges:
        band = lsh._H(minhash.hashvalues[start:end])
        digest = hashlib.blake2b(band, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def similarity(a: bytes | MinHash, b: bytes | MinHash) -> float:
    """The Jaccard similarity estimated from two signatures."""
    va = np.frombuffer(a if isinstance(a, bytes) else to_bytes(a), dtype="<u8")
    vb = np.frombuffer(b if isinstance(b, bytes) else to_bytes(b), dtype="<u8")
    return float(np.count_nonzero(va == vb)) / len(va)


def find_origin(
    conn: Connection, minhash: MinHash, exclude: str | None = None
) -> OriginMatch | None:
    """The stored document most similar to ``minhash`` at or above THRESHOLD, with its root origin.

    Ties go to the document stored first, so the answer does not depend on row order.
    """
    keys = band_keys(minhash)
    b = lt.minhash_bands.c
    band_match = sa.or_(*(sa.and_(b.band == i, b.key == key) for i, key in enumerate(keys)))
    candidates = sa.select(b.document_id).where(band_match).distinct()
    if exclude:
        candidates = candidates.where(b.document_id != exclude)
    m, d = lt.document_minhash.c, t.documents.c
    rows = conn.execute(
        sa.select(m.document_id, m.signature, d.origin_id, d.seq)
        .join(t.documents, d.id == m.document_id)
        .where(m.document_id.in_(candidates.scalar_subquery()))
    )
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

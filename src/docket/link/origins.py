"""Near-duplicate origins: syndicated and lightly edited copies point to one origin document.

Each analysed text becomes a set of word shingles (``SHINGLE_WORDS`` consecutive words, case and
punctuation ignored) and a MinHash signature (datasketch). The LSH scheme of datasketch's
``MinHashLSH`` (bands and rows chosen by the library for ``THRESHOLD``) cuts every signature into
bands, each keyed by a 64-bit digest (:func:`band_keys`). Everything here is pure; the index of
signatures and bands and the lookup over it live in the store (docket.store.origins).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch brings scipy: imported when first used, not with the CLI
    from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets at or above which a text is a copy
MIN_WORDS = 20  # shorter texts are not indexed: too few shingles to tell a copy from a template
SEED = 1
WORD = re.compile(r"\w+", re.UNICODE)


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

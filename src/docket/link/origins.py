"""Near-duplicate origins: syndicated and lightly edited copies point to one origin document.

Each analysed text becomes a set of word shingles (``SHINGLE_WORDS`` consecutive words, case and
punctuation ignored) and a MinHash signature. The LSH scheme cuts every signature into ``BANDS``
bands of ``ROWS`` values, each keyed by a 64-bit digest (:func:`band_keys`). Everything here is
pure; the index of signatures and bands and the lookup over it live in the store
(docket.store.origins).

The signature and the bands are those of datasketch 2 (``MinHash(num_perm=NUM_PERM, seed=SEED)``
with its default scheme, "affine32", and ``MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)``),
with which the stores written before were indexed. They are computed here in numpy because
importing datasketch imports scipy, a second of CPU for every process that stores a document.
``tests/test_origins.py`` checks that both give the same values.
"""

from __future__ import annotations

import hashlib
import re
import struct
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets at or above which a text is a copy
# the bands and rows datasketch's MinHashLSH chooses for THRESHOLD and NUM_PERM (equal weights of
# false positives and false negatives)
BANDS, ROWS = 25, 5
MIN_WORDS = 20  # shorter texts are not indexed: too few shingles to tell a copy from a template
SEED = 1
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class MinHash:
    """A text's MinHash signature: the least permuted hash of its shingles, for each of
    ``NUM_PERM`` permutations."""

    hashvalues: np.ndarray  # NUM_PERM unsigned 32-bit values


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words, punctuation dropped)."""
    words = WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` (odd) and ``b`` of the NUM_PERM permutations ``a * h + b mod 2**32``, drawn as
    datasketch draws them for SEED."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _mixed(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, a bijection that spreads the hashes before permuting."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes = hashes * np.uint32(0x85EBCA6B)
    hashes = hashes ^ (hashes >> np.uint32(13))
    hashes = hashes * np.uint32(0xC2B2AE35)
    return hashes ^ (hashes >> np.uint32(16))


def _hash32(shingle: bytes) -> int:
    """The first four bytes of the shingle's SHA-1, little-endian (datasketch's sha1_hash32)."""
    value: int = struct.unpack("<I", hashlib.sha1(shingle).digest()[:4])[0]
    return value


def signature(text: str) -> MinHash | None:
    """The MinHash of ``text``'s shingles, or None for a text too short to index."""
    if len(WORD.findall(text)) < MIN_WORDS:
        return None
    hashes = np.array([_hash32(s) for s in sorted(shingles(text))], dtype=np.uint32).reshape(-1, 1)
    a, b = _permutations()
    permuted = _mixed(hashes) * a + b  # modulo 2**32: the unsigned 32-bit arithmetic wraps
    return MinHash(permuted.min(axis=0))  # a text long enough to index has shingles


def band_keys(minhash: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band of the signature (a digest of the band's values as
    datasketch writes a band's key: the values' bytes swapped)."""
    keys = []
    for band in range(BANDS):
        values = minhash.hashvalues[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(bytes(values.byteswap().data), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def similarity(a: bytes | MinHash, b: bytes | MinHash) -> float:
    """The Jaccard similarity estimated from two signatures."""
    va = np.frombuffer(a if isinstance(a, bytes) else to_bytes(a), dtype="<u8")
    vb = np.frombuffer(b if isinstance(b, bytes) else to_bytes(b), dtype="<u8")
    return float(np.count_nonzero(va == vb)) / len(va)

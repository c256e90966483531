"""The archive: every ingested source's raw bytes, unchanged, addressed by their SHA-256.

A file lives at ``root/ab/cd/<hex>`` where ``ab`` and ``cd`` are the first two pairs of hex digits
of its hash. Writes are atomic (a temporary file in the same folder, then ``os.replace``) and
idempotent; reads verify the hash, so a changed file is reported, never served.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docket.errors import DocketError, Problem

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class Archive:
    """Content-addressed raw bytes under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, document_id: str) -> Path:
        """Where the bytes with this id live (whether or not they are there)."""
        if not _HEX64.fullmatch(document_id):
            raise DocketError("E012", f"not a document id: {document_id!r} (64 lowercase hex)")
        return self.root / document_id[:2] / document_id[2:4] / document_id

    def put(self, raw: bytes) -> str:
        """Archive ``raw`` and return its id (the SHA-256 hex); storing the same bytes twice is a no-op."""
        document_id = hashlib.sha256(raw).hexdigest()
        path = self.path(document_id)
        if path.is_file() and _hash_file(path) == document_id:
            return document_id
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o444)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _fsync_dir(path.parent)
        return document_id

    def has(self, document_id: str) -> bool:
        return self.path(document_id).is_file()

    def get(self, document_id: str) -> bytes:
        """The archived bytes, after checking they still hash to ``document_id``.

        Raises E011 when the file is missing and E010 when its content no longer matches its hash.
        """
        path = self.path(document_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise DocketError("E011", f"no archived copy of {document_id}", str(path)) from exc
        actual = hashlib.sha256(raw).hexdigest()
        if actual != document_id:
            raise DocketError(
                "E010", f"archived copy of {document_id} now hashes to {actual}", str(path)
            )
        return raw

    def ids(self) -> Iterator[str]:
        """The ids of every archived file (temporary files left by a crash are not listed)."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/??/*")):
            if path.is_file() and not path.name.startswith("."):
                yield path.name

    def verify_all(self) -> list[Problem]:
        """Every archived file whose name is not its hash, or that is not where its name says."""
        problems: list[Problem] = []
        if not self.root.is_dir():
            return problems
        for path in sorted(self.root.glob("??/??/*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            name = path.name
            if not _HEX64.fullmatch(name) or path.parent.parent.name + path.parent.name != name[:4]:
                problems.append(
                    Problem("E010", "file in the archive that is not named for its hash", str(path))
                )
                continue
            actual = _hash_file(path)
            if actual != name:
                problems.append(
                    Problem("E010", f"archived copy of {name} now hashes to {actual}", str(path))
                )
        return problems


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; elsewhere a no-op)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""The archive keeps raw bytes unchanged under their SHA-256 and notices when they change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.errors import DocketError
from docket.store import Archive


def _writable(path: Path) -> None:
    path.chmod(0o644)


def test_put_stores_bytes_under_their_hash(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    raw = b"Cluster munitions hit Stepanakert.\n"
    digest = hashlib.sha256(raw).hexdigest()

    assert archive.put(raw) == digest
    path = tmp_path / "archive" / digest[:2] / digest[2:4] / digest
    assert path.read_bytes() == raw
    assert archive.get(digest) == raw
    assert archive.has(digest)
    assert list(archive.ids()) == [digest]


def test_put_is_idempotent_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = archive.put(b"same bytes")
    second = archive.put(b"same bytes")
    assert first == second
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.name for p in files] == [first]


def test_tampered_copy_is_refused_on_read(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    digest = archive.put(b"Azerbaijan denied using cluster munitions.")
    path = archive.path(digest)
    _writable(path)
    path.write_bytes(b"Azerbaijan admitted using cluster munitions.")

    with pytest.raises(DocketError) as caught:
        archive.get(digest)
    assert caught.value.code == "E010"
    assert digest in str(caught.value)
    problems = archive.verify_all()
    assert [p.code for p in problems] == ["E010"]
    assert problems[0].path == str(path)


def test_putting_the_bytes_again_repairs_a_tampered_copy(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    digest = archive.put(b"original")
    _writable(archive.path(digest))
    archive.path(digest).write_bytes(b"changed")
    assert archive.put(b"original") == digest
    assert archive.get(digest) == b"original"
    assert archive.verify_all() == []


def test_missing_copy_and_bad_ids(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    digest = archive.put(b"gone soon")
    os.remove(archive.path(digest))
    with pytest.raises(DocketError) as missing:
        archive.get(digest)
    assert missing.value.code == "E011"
    with pytest.raises(DocketError) as bad:
        archive.get("../../etc/passwd")
    assert bad.value.code == "E012"


def test_verify_all_reports_misplaced_and_misnamed_files(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    good = archive.put(b"good")
    other = hashlib.sha256(b"other").hexdigest()
    wrong_folder = tmp_path / "00" / "00" / other
    wrong_folder.parent.mkdir(parents=True)
    wrong_folder.write_bytes(b"other")
    stray = tmp_path / good[:2] / good[2:4] / "notes.txt"
    stray.write_bytes(b"x")
    (tmp_path / good[:2] / good[2:4] / ".tmp-left-by-a-crash").write_bytes(b"partial")

    paths = sorted(p.path for p in archive.verify_all())
    assert paths == sorted([str(wrong_folder), str(stray)])
    assert archive.get(good) == b"good"


def test_empty_or_absent_archive_verifies_clean(tmp_path: Path) -> None:
    assert Archive(tmp_path / "nothing").verify_all() == []
    assert list(Archive(tmp_path / "nothing").ids()) == []


@settings(max_examples=50, deadline=None)
@given(raw=st.binary(max_size=4096))
def test_any_bytes_round_trip(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    archive = Archive(tmp_path_factory.mktemp("archive"))
    digest = archive.put(raw)
    assert digest == hashlib.sha256(raw).hexdigest()
    assert archive.get(digest) == raw

"""Shared fixtures: settings on a temporary data folder, the statistical model once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docket.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOUNDING = SHARED / "corpus" / "2020-10-23-karabakh-cluster-munitions.txt"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a fresh SQLite store and archive under a temporary folder."""
    return Settings(data_dir=tmp_path / "data", shared_dir=SHARED)


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The statistical English model, loaded once for the whole test session."""
    from docket.nlp.model import load_model

    return load_model(Settings().spacy_model)


@pytest.fixture(scope="session")
def founding_text() -> str:
    if not FOUNDING.exists():
        pytest.skip(f"founding article not found at {FOUNDING} (needs ../shared)")
    return FOUNDING.read_text("utf-8")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No DOCKET_* variables from the caller's environment; the working folder is tmp_path."""
    import os

    for key in list(os.environ):
        if (
            key.startswith("DOCKET_")
            and not key.startswith("DOCKET_TEST_")
            and not key.startswith("DOCKET_REQUIRE_")
        ):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    yield tmp_path

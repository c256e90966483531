"""One Resources object per run: nothing loaded until asked, each resource built once, paths from
the settings with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.errors import DocketError
from docket.pipeline import Context
from docket.resources import NAMES, Resources
from docket.settings import Settings


def test_nothing_is_loaded_until_a_stage_asks() -> None:
    context = Context(Settings())
    assert context.resources.loaded() == []
    assert set(NAMES) <= set(dir(Resources))


def test_each_resource_is_built_once_and_shared() -> None:
    resources = Resources(Settings())
    model = resources.role_model
    assert model is not None and resources.role_model is model
    assert resources.loaded() == ["role_model"]
    # a second run given the same resources loads nothing again
    assert Context(Settings(), resources=resources).resources.role_model is model


def test_the_gazetteer_comes_from_its_setting_and_a_missing_file_says_what_to_do(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nowhere" / "gazetteer.sqlite"
    with pytest.raises(DocketError) as caught:
        _ = Resources(Settings(gazetteer_path=missing)).gazetteer
    assert caught.value.code == "E023" and str(missing) in str(caught.value)
    assert "python -m docket.knowledge.gazetteer build" in str(caught.value)
    assert not missing.parent.exists()  # nothing built silently


def test_an_older_gazetteer_file_is_refused(tmp_path: Path) -> None:
    import sqlite3

    old = tmp_path / "old.sqlite"
    sqlite3.connect(old).execute("CREATE TABLE places (id INTEGER)").connection.close()
    with pytest.raises(DocketError, match="another version of docket; build it again"):
        _ = Resources(Settings(gazetteer_path=old)).gazetteer


def test_a_model_path_set_to_no_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DocketError) as caught:
        _ = Resources(Settings(role_model_path=tmp_path / "roles.npz")).role_model
    assert caught.value.code == "E016" and "role_model_path" in str(caught.value)


def test_the_shipped_gazetteer_is_the_default(settings: Settings) -> None:
    gazetteer = Resources(settings).gazetteer
    assert Path(gazetteer.path) == settings.resolved_gazetteer_path
    assert any(c.place.country == "AZ" for c in gazetteer.lookup("Baku"))

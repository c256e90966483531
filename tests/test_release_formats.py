"""A diff against a release made before ``country`` became a name compares like with like: the
old release's codes are read as names (with their ISO number and region), the columns it could
not fill are not compared, and a real change still shows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from docket import releases
from docket.settings import Settings
from docket.store import Store, open_store
from docket.store.release_tables import releases as release_table

pytest_plugins = ["api_fixtures"]


def old_release(store: Store, name: str, rows: dict[str, dict[str, Any]]) -> None:
    """Store ``rows`` as a release of before formats were recorded (no format_version)."""
    with store._write() as conn:
        conn.execute(
            release_table.insert().values(name=name, created_at=datetime.now(UTC), data=rows)
        )


def as_format_1(row: dict[str, Any], code: str | None) -> dict[str, Any]:
    """A current release row as docket wrote it before the second round of exports."""
    old = {k: v for k, v in row.items() if k != "imported_from"}
    old |= {"country": code, "iso": None, "region": None, "admin1": None, "admin2": None}
    old |= {"inter1": None, "inter2": None, "interaction": None}
    old["civilian_targeting"] = (
        "Civilian targeting" if row["category"] == "attack_on_civilians" else None
    )
    return old


@pytest.fixture
def store(tmp_path: Path) -> Store:
    from api_fixtures import fill

    opened = open_store(Settings(data_dir=tmp_path / "data"))
    fill(opened)
    return opened


def test_diff_against_a_format_1_release_shows_no_country_change(store: Store) -> None:
    with store:
        releases.freeze(store, "now")
        current = releases.frozen(store, "now")
        codes = {i: store.incident(i).incident.location for i in current}
        rows = {
            i: as_format_1(row, codes[i].country if codes[i] else None)
            for i, row in current.items()
        }
        assert any(r["country"] == "UA" for r in rows.values())  # the old release held codes
        old_release(store, "before", rows)
        assert releases.format_of(rows, None) == 1
        assert releases.diff(store, "before", "now") == []
        assert releases.frozen(store, "before")["inc-kharkiv"]["country"] == "Ukraine"

        edited = store.incident("inc-kharkiv").incident.to_json()
        edited["location"]["country"] = "RU"
        store.revise("incident", "inc-kharkiv", "edit", edited, "test")
        releases.freeze(store, "later")
        changed = {(c["id"], c["field"]) for c in releases.diff(store, "before", "later")}
        assert ("inc-kharkiv", "country") in changed  # a real change still shows
        assert {field for _, field in changed} >= {"country", "iso", "status", "revision"}


def test_a_release_without_a_format_but_with_names_is_format_2(store: Store) -> None:
    with store:
        releases.freeze(store, "now")
        current = releases.frozen(store, "now")
        rows = {i: {k: v for k, v in r.items() if k != "imported_from"} for i, r in current.items()}
        old_release(store, "second-round", rows)
        assert releases.format_of(rows, None) == 2
        assert (
            releases.frozen(store, "second-round")["inc-kharkiv"]["admin1"]
            == (current["inc-kharkiv"]["admin1"])
        )
        assert releases.diff(store, "second-round", "now") == []
        assert releases.format_of(current, releases.FORMAT) == releases.FORMAT

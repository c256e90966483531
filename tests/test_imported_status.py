"""Imported rows are marked as imported: out of the review queue's default, ``imported`` in
every export with the file and line they came from, still editable; a store made before this
(imported rows in ``machine``) is moved over by migration 0006."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from docket import review
from docket.imports import import_file
from docket.settings import Settings
from docket.store import IMPORTED, IncidentFilter, migrate, open_store

pytest_plugins = ["api_fixtures"]


@pytest.fixture
def mixed(tmp_path: Path) -> Settings:
    """A store holding docket's own readings (inc-*) and the same events imported from docket's
    ACLED export of them (acled-inc-*)."""
    from api_fixtures import fill
    from docket import exports

    settings = Settings(data_dir=tmp_path / "data")
    with open_store(settings) as store:
        fill(store)
        found = list(exports.stored_incidents(store, IncidentFilter()))
        path = tmp_path / "events.csv"
        path.write_bytes(b"".join(exports.encoded("acled-csv", found)))
        assert import_file(store, path, "acled").added == 3
    return settings


def test_imported_rows_stay_out_of_the_review_queue(mixed: Settings) -> None:
    with open_store(mixed) as store:
        queued = store.review_queue()
        ids = {item.incident.id for group in queued.groups for item in group.items}
        assert ids and all(i.startswith("inc-") for i in ids)
        assert queued.total == len(ids)
        imported = store.review_queue(IMPORTED)
        shown = {item.incident.id for group in imported.groups for item in group.items}
        assert shown == {"acled-inc-kharkiv", "acled-inc-stepanakert", "acled-inc-ganja"}
        assert store.incident("acled-inc-kharkiv").status == "imported"
        assert store.incident("inc-kharkiv").status == "machine"


def test_exports_say_imported_and_where_from(mixed: Settings) -> None:
    from docket import exports

    with open_store(mixed) as store:
        found = list(exports.stored_incidents(store, IncidentFilter()))
    rows = {r["id"]: r for r in csv.DictReader("".join(exports.write("csv", found)).splitlines())}
    assert rows["acled-inc-kharkiv"]["status"] == "imported"
    assert rows["acled-inc-kharkiv"]["imported_from"] == "acled:events.csv#line=4"
    assert rows["inc-kharkiv"]["status"] == "machine" and rows["inc-kharkiv"]["imported_from"] == ""
    ged = list(csv.DictReader("".join(exports.write("ucdp-csv", found)).splitlines()))
    by = {r["relid"]: r for r in ged}
    assert by["acled-inc-kharkiv"]["docket_status"] == "imported"
    assert by["acled-inc-kharkiv"]["docket_imported_from"] == "acled:events.csv#line=4"
    features = json.loads(exports.geojson_text(found))["features"]
    props = {f["id"]: f["properties"] for f in features}
    assert props["acled-inc-kharkiv"]["imported_from"] == "acled:events.csv#line=4"
    assert props["inc-kharkiv"]["imported_from"] is None
    lines = [json.loads(line) for line in exports.write("jsonl", found)]
    sources = {line["id"]: line["sources"] for line in lines}
    assert sources["acled-inc-kharkiv"][0]["imported"]["line"] == 4
    assert "imported" not in sources["inc-kharkiv"][0]


def test_an_imported_row_is_editable(mixed: Settings) -> None:
    """An edit makes it ``edited`` (an analyst's change, reviewed like any other); the history
    keeps the row as imported; the export still names the file."""
    with open_store(mixed) as store:
        review.review(store, "incident", "acled-inc-kharkiv", "edit", "ana",
                      field="killed.best", value="4")  # fmt: skip
        found = store.incident("acled-inc-kharkiv")
        assert found.status == "edited" and found.incident.killed is not None
        assert found.incident.killed.best == 4
        history = store.history("acled-inc-kharkiv", "incident")
        assert [(h.action, h.author) for h in history] == [("create", "import:acled"),
                                                           ("edit", "ana")]  # fmt: skip
        review.review(store, "incident", "acled-inc-ganja", "accept", "ana")
        assert store.incident("acled-inc-ganja").status == "accepted"


def test_migration_moves_imported_rows_out_of_machine(mixed: Settings) -> None:
    """Down to 0005 the imported rows are ``machine`` as they were stored then; up again they
    are ``imported`` and docket's own readings stay ``machine``."""
    with open_store(mixed) as store:
        engine = store.engine

        def states() -> dict[str, str]:
            with engine.connect() as conn:
                return dict(conn.execute(sa.text("SELECT id, status FROM incidents")).all())

        migrate.downgrade(engine, "0005")
        assert set(states().values()) == {"machine"}
        migrate.upgrade(engine)
        now = states()
        assert {k for k, v in now.items() if v == "imported"} == {
            "acled-inc-kharkiv", "acled-inc-stepanakert", "acled-inc-ganja",
        }  # fmt: skip
        assert {v for k, v in now.items() if k.startswith("inc-")} == {"machine"}

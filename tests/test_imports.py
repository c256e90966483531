"""``docket import acled|ucdp FILE``: rows read into the store as sourced records, naming the
file and line; a second import changes nothing; a bad row stops the import with E065 naming the
file, line and column, and nothing is stored."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.exports import UCDP_COLUMNS
from docket.faces.cli import build_cli
from docket.settings import Settings
from docket.store import open_store

pytest_plugins = ["api_fixtures"]


def run(data: Path, *args: str, code: int = 0) -> str:
    """The CLI over the store and archive in ``data``."""
    result = CliRunner().invoke(
        build_cli(),
        [*args, "--database", f"sqlite:///{data / 'docket.db'}"],
        env={"DOCKET_DATA_DIR": str(data)},
    )
    assert result.exit_code == code, result.output
    return result.output


def counts(data: Path) -> dict[str, int]:
    with open_store(Settings(data_dir=data)) as store:
        return store.counts()


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {r[next(iter(r))]: r for r in csv.DictReader(text.splitlines())}


@pytest.fixture
def acled_file(tmp_path: Path) -> Path:
    """docket's own ACLED export of the test store."""
    from api_fixtures import fill

    data = tmp_path / "source"
    with open_store(Settings(data_dir=data)) as store:
        fill(store)
    out = tmp_path / "acled.csv"
    run(data, "export", "--format", "acled-csv", "-o", str(out))
    return out


def test_acled_import_round_trip_and_twice(acled_file: Path, tmp_path: Path) -> None:
    """Exported, imported into an empty store and exported again, each event keeps its date,
    type, place, toll (an unknown toll stays tagged unknown), actor, codes and notes; the second
    import stores nothing."""
    data = tmp_path / "target"
    assert "3 rows, 3 stored, 0 already stored" in run(data, "import", "acled", str(acled_file))
    before = counts(data)
    assert "3 rows, 0 stored, 3 already stored" in run(data, "import", "acled", str(acled_file))
    assert counts(data) == before
    again = rows_of(run(data, "export", "--format", "acled-csv"))
    original = rows_of(acled_file.read_text(encoding="utf-8"))
    assert set(again) == {f"acled-{key}" for key in original}
    kept = ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1")
    kept += ("iso", "region", "country", "admin1", "location", "latitude", "longitude")
    kept += ("geo_precision", "source", "notes", "fatalities", "tags", "interaction")
    for key, row in original.items():
        back = again[f"acled-{key}"]
        assert {c: back[c] for c in kept} == {c: row[c] for c in kept}, key


def test_imported_rows_name_their_file_and_line(acled_file: Path, tmp_path: Path) -> None:
    data = tmp_path / "target"
    run(data, "import", "acled", str(acled_file))
    with open_store(Settings(data_dir=data)) as store:
        found = store.incident("acled-inc-kharkiv")
        document = store.document(found.sources[0].id)
        raw = store.raw(document.id).decode()
    extra = document.model_extra or {}
    assert extra["imported"] == {"format": "acled", "file": "acled.csv", "line": 4}
    assert raw.splitlines()[0].startswith("event_id_cnty,event_date")  # the header and the row
    assert raw.splitlines()[1].startswith("inc-kharkiv,2022-03-01")
    assert found.incident.evidence[0].quote == "Artillery shelled Kharkiv on 1 March 2022"


def test_a_bad_row_stops_the_import_and_stores_nothing(acled_file: Path, tmp_path: Path) -> None:
    lines = acled_file.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.csv"
    cells = next(csv.reader([lines[2]]))
    cells[22] = "north"  # latitude
    broken = lines[:2] + [",".join(f'"{c}"' for c in cells)] + lines[3:]
    bad.write_text("\n".join(broken) + "\n", encoding="utf-8")
    data = tmp_path / "target"
    run(data, "import", "acled", str(acled_file))
    before = counts(data)
    out = run(data, "import", "acled", str(bad), code=2)
    assert "E065" in out and f"{bad} line 3" in out and "latitude 'north'" in out
    assert counts(data) == before
    headless = tmp_path / "other.csv"
    headless.write_text("a,b\n1,2\n", encoding="utf-8")
    out = run(data, "import", "ucdp", str(headless), code=2)
    assert "E064" in out and "no column id" in out


GED_ROW = {
    "id": "318457",
    "relid": "SYR-2019-3-1234-5",
    "year": "2019",
    "active_year": "1",
    "code_status": "Clear",
    "type_of_violence": "3",
    "side_a": "Government of Syria",
    "side_b": "Civilians",
    "number_of_sources": "2",
    "source_headline": "Shelling kills five in Maarat al-Numan",
    "source_office": "SOHR",
    "where_prec": "1",
    "where_coordinates": "Maarat al-Numan town",
    "where_description": "Maarat al-Numan, Idlib",
    "adm_1": "Idlib governorate",
    "adm_2": "Maarat al-Numan district",
    "latitude": "35.6431",
    "longitude": "36.6717",
    "country": "Syria",
    "country_id": "652",
    "region": "Middle East",
    "event_clarity": "1",
    "date_prec": "1",
    "date_start": "2019-05-13 00:00:00.000",
    "date_end": "2019-05-13 00:00:00.000",
    "deaths_a": "0",
    "deaths_b": "0",
    "deaths_civilians": "5",
    "deaths_unknown": "0",
    "best": "5",
    "high": "7",
    "low": "4",
}


def test_ucdp_import_reads_a_ged_file(tmp_path: Path) -> None:
    """A row as UCDP's GED CSV writes it (timestamps for dates, a one-sided event against
    civilians) comes back in docket's UCDP export with its toll, sides, place and dates."""
    ged = tmp_path / "GEDEvent_v23_1.csv"
    with ged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, UCDP_COLUMNS)
        writer.writeheader()
        writer.writerow(GED_ROW)
    data = tmp_path / "data"
    assert "1 rows, 1 stored" in run(data, "import", "ucdp", str(ged))
    row = rows_of(run(data, "export", "--format", "ucdp-csv"))
    (back,) = row.values()
    assert back["relid"] == "ucdp-318457" and back["type_of_violence"] == "3"
    assert (back["best"], back["low"], back["high"], back["deaths_civilians"]) == (
        "5", "4", "7", "5",
    )  # fmt: skip
    assert back["side_a"] == "Government of Syria" and back["side_b"] == "Civilians"
    assert back["date_start"] == back["date_end"] == "2019-05-13" and back["date_prec"] == "1"
    assert back["country"] == "Syria" and back["region"] == "Middle East"
    assert back["adm_1"] == "Idlib governorate" and back["where_prec"] == "1"
    assert back["source_headline"] == "Shelling kills five in Maarat al-Numan"


REGISTRY_CODES = {
    "conflict_dset_id": "299",
    "conflict_new_id": "299",
    "conflict_name": "Syria: Government",
    "dyad_dset_id": "11111",
    "dyad_new_id": "11111",
    "dyad_name": "Government of Syria - Civilians",
    "side_a_dset_id": "120",
    "side_a_new_id": "120",
    "side_b_dset_id": "1",
    "side_b_new_id": "1",
    "gwnoa": "652",
    "code_status": "Clear",
    "event_clarity": "1",
}


def test_ucdp_registry_codes_are_kept_through_import_and_export(tmp_path: Path) -> None:
    """UCDP's own ids (conflict, dyad, sides), names and GW numbers of an imported row come back
    as they were; a row's own country_id wins over docket's table (here, a made-up 999)."""
    ged = tmp_path / "ged.csv"
    with ged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, UCDP_COLUMNS)
        writer.writeheader()
        writer.writerow(GED_ROW | REGISTRY_CODES)
        writer.writerow(GED_ROW | {"id": "318458", "country_id": "999"})
    data = tmp_path / "data"
    run(data, "import", "ucdp", str(ged))
    rows = {
        r["relid"]: r
        for r in csv.DictReader(run(data, "export", "--format", "ucdp-csv").splitlines())
    }
    back = rows["ucdp-318457"]
    assert {c: back[c] for c in REGISTRY_CODES} == REGISTRY_CODES
    assert back["country_id"] == "652" and back["gwnob"] == ""
    assert rows["ucdp-318458"]["country_id"] == "999"  # the file's own, kept
    assert rows["ucdp-318458"]["conflict_new_id"] == ""  # none given, none made up


def test_a_bad_registry_code_is_refused(tmp_path: Path) -> None:
    ged = tmp_path / "ged.csv"
    with ged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, UCDP_COLUMNS)
        writer.writeheader()
        writer.writerow(GED_ROW | {"dyad_new_id": "eleven"})
    out = run(tmp_path / "data", "import", "ucdp", str(ged), code=2)
    assert "E065" in out and "line 2" in out and "dyad_new_id 'eleven'" in out


def test_a_ged_row_known_by_its_country_id_lands_in_its_country(tmp_path: Path) -> None:
    """GED's country_id 652 is Syria, whatever name the row's ``country`` gives."""
    ged = tmp_path / "ged.csv"
    with ged.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, UCDP_COLUMNS)
        writer.writeheader()
        writer.writerow(GED_ROW | {"country": "", "country_id": "652"})
    data = tmp_path / "data"
    run(data, "import", "ucdp", str(ged))
    [back] = csv.DictReader(run(data, "export", "--format", "ucdp-csv").splitlines())
    assert (back["country"], back["country_id"], back["region"]) == ("Syria", "652", "Middle East")

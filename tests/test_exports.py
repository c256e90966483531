"""Exports: the CLI's ``docket incidents --format`` and the API's ``/api/exports`` write the same
bytes through ``docket.exports``; the CLI takes the store's incident filters as options."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from docket import exports
from docket.faces.api.app import create_app
from docket.faces.cli import build_cli
from docket.settings import Settings
from docket.store import open_store

pytest_plugins = ["api_fixtures"]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, TestClient]]:
    """A filled SQLite store (one incident merged into another), its URL and the app over it."""
    from api_fixtures import fill

    data = tmp_path_factory.mktemp("exports") / "data"
    settings = Settings(data_dir=data)
    with open_store(settings) as store:
        fill(store)
        merged = store.incident("inc-ganja").incident.to_json() | {"merged_into": "inc-kharkiv"}
        store.revise("incident", "inc-ganja", "merge", merged, "test")
    with TestClient(create_app(settings, local=True), base_url="http://localhost") as client:
        yield f"sqlite:///{Path(data) / 'docket.db'}", client


def cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(build_cli(), ["incidents", *args, "--database", url])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode()  # as written: CSV rows end in CRLF


@pytest.mark.parametrize("fmt", exports.TEXT_FORMATS)
def test_cli_and_api_export_the_same_bytes(filled: tuple[str, TestClient], fmt: str) -> None:
    url, client = filled
    api = client.get(f"/api/exports/incidents.{fmt}?country=AZ")
    assert api.headers["content-type"] == exports.MEDIA_TYPES[fmt]
    out = cli(url, "--format", fmt, "--sort", "created", "--country", "AZ", "--status", "machine")
    api_machine = client.get(f"/api/exports/incidents.{fmt}?country=AZ&status=machine")
    assert out == api_machine.text + ("\n" if fmt == "geojson" else "")
    if fmt in ("acled-csv", "ucdp-csv"):  # merged records are never ACLED or UCDP events
        assert api.content == api_machine.content
    else:  # the merged one is in the full export
        assert len(api.content) > len(api_machine.content)


def test_cli_filters_are_the_api_filters(filled: tuple[str, TestClient]) -> None:
    url, client = filled

    def ids(*args: str) -> list[str]:
        return [
            json.loads(line)["id"] for line in cli(url, "--format", "jsonl", *args).splitlines()
        ]

    def api_ids(query: str) -> list[str]:
        return [i["id"] for i in client.get(f"/api/incidents?{query}").json()["items"]]

    assert "inc-ganja" not in ids()  # merged into another: listed through that one
    assert ids("--status", "merged") == api_ids("status=merged") == ["inc-ganja"]
    assert ids("--country", "UA") == api_ids("country=UA&status=machine")
    assert ids("--weapon", "cluster_munition") == api_ids("weapon=cluster_munition")
    assert ids("--since", "2022-01-01", "--until", "2022-12-31") == ["inc-kharkiv"]
    assert ids("--words", "cluster") == api_ids("q=cluster&status=machine")
    assert ids("--bbox", "30,45,40,55") == ["inc-kharkiv"]
    table = cli(url)
    assert "inc-kharkiv" in table and "inc-ganja" not in table


def test_cli_refuses_a_bad_box_or_sort(filled: tuple[str, TestClient]) -> None:
    url, _ = filled
    for args in (["--bbox", "1,2"], ["--bbox", "0,91,1,92"], ["--sort", "size"]):
        result = CliRunner().invoke(build_cli(), ["incidents", *args, "--database", url])
        assert result.exit_code == 2 and "E033" in result.output, result.output


ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def test_docket_export_acled_csv(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """``docket export`` writes ACLED's header exactly, precisions as codes, no merged record,
    and the same bytes as the API; an unknown toll is tagged rather than passed off as 0."""
    import csv

    url, client = filled
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(
        build_cli(), ["export", "--format", "acled-csv", "-o", str(out), "--database", url]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ACLED_HEADER
    rows = list(csv.DictReader(text.splitlines()))
    ids = [row["event_id_cnty"] for row in rows]
    assert "inc-kharkiv" in ids and "inc-ganja" not in ids  # merged: left out
    for row in rows:
        assert row["time_precision"] in {"1", "2", "3"}
        assert row["geo_precision"] in {"1", "2", "3"}
        assert row["fatalities"].isdigit()
        assert row["event_type"] and row["disorder_type"]
        if "fatalities unknown" in row["tags"]:
            assert row["fatalities"] == "0"
    api = client.get("/api/exports/incidents.acled-csv?status=machine").text
    assert api.splitlines()[0] == ACLED_HEADER


def test_geojson_is_flat_and_opens_in_gdal(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """Every property is a scalar (QGIS shows columns, not JSON strings), and GDAL reads the file
    with the ACLED columns as fields."""
    import shutil
    import subprocess

    url, _ = filled
    out = tmp_path / "incidents.geojson"
    result = CliRunner().invoke(
        build_cli(), ["export", "--format", "geojson", "-o", str(out), "--database", url]
    )
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features
    for feature in features:
        props = feature["properties"]
        assert all(not isinstance(v, (dict, list)) for v in props.values()), props
        assert props["event_id_cnty"] == feature["id"]
    ogrinfo = shutil.which("ogrinfo")
    if ogrinfo is None:
        if os.environ.get("DOCKET_REQUIRE_POSTGRES") == "1":
            pytest.fail("ogrinfo (Debian's gdal-bin) is required here but not installed")
        pytest.skip("ogrinfo (Debian's gdal-bin) is not installed")
    info = subprocess.run(
        [ogrinfo, "-ro", "-al", "-so", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Feature Count: {len(features)}" in info
    assert "sub_event_type: String" in info and "fatalities: Integer" in info


def test_release_diff_after_edit_merge_and_withdrawal(tmp_path: Path) -> None:
    """A release, then an edit, a merge and a withdrawal, then a second release: ``docket diff``
    lists the edited field, the merged and the withdrawn incident; a name is used once."""
    import csv

    from api_fixtures import fill

    data = tmp_path / "data"
    url = f"sqlite:///{data / 'docket.db'}"
    with open_store(Settings(data_dir=data)) as store:
        fill(store)

    def run(*args: str, code: int = 0) -> str:
        result = CliRunner().invoke(build_cli(), [*args, "--database", url])
        assert result.exit_code == code, result.output
        return result.output

    assert "incidents frozen" in run("release", "r1")
    assert "E060" in run("release", "r1", code=2)
    with open_store(Settings(data_dir=data)) as store:
        edited = store.incident("inc-kharkiv").incident.to_json()
        edited["killed"] = {"best": 7}
        store.revise("incident", "inc-kharkiv", "edit", edited, "test")
        merged = store.incident("inc-ganja").incident.to_json() | {"merged_into": "inc-kharkiv"}
        store.revise("incident", "inc-ganja", "merge", merged, "test")
        gone = store.incident("inc-stepanakert").incident.to_json()
        store.revise("incident", "inc-stepanakert", "reject", gone, "test")
    run("release", "r2")
    assert "r1" in run("release", "--list") and "r2" in run("release", "--list")
    rows = list(csv.DictReader(run("diff", "r1", "r2").splitlines()))
    by = {(r["id"], r["change"], r["field"]) for r in rows}
    assert ("inc-kharkiv", "changed", "fatalities") in by
    assert ("inc-kharkiv", "changed", "fatalities_known") in by
    assert ("inc-ganja", "withdrawn", "") in by  # merged into inc-kharkiv
    assert ("inc-stepanakert", "withdrawn", "") in by  # rejected
    changes = json.loads(run("diff", "r1", "r2", "--format", "json"))
    assert {c["id"] for c in changes if c["change"] == "withdrawn"} >= {
        "inc-ganja",
        "inc-stepanakert",
    }
    assert run("diff", "r1", "r1") == "id,change,field,old,new\n"
    assert "E061" in run("diff", "r1", "nope", code=2)


def test_compare_with_an_acled_file(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """docket's own ACLED export, one event moved 2 days and one added far away: compare finds
    the rest within tolerance, and names the unmatched on each side."""
    import csv

    url, _ = filled

    def run(*args: str, code: int = 0) -> str:
        result = CliRunner().invoke(build_cli(), [*args, "--database", url])
        assert result.exit_code == code, result.output
        return result.output

    exported = tmp_path / "ours.csv"
    run("export", "-o", str(exported))
    rows = list(csv.DictReader(exported.read_text(encoding="utf-8").splitlines()))
    assert len(rows) >= 2
    moved = rows[0]["event_id_cnty"]
    rows[0]["event_date"] = "1999-01-01"
    rows.append(rows[1] | {"event_id_cnty": "XYZ1", "latitude": "0", "longitude": "0"})
    theirs = tmp_path / "theirs.csv"
    with theirs.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = run("compare", str(theirs))
    n = len(rows) - 2
    assert out.splitlines()[0].startswith(f"matched {n}, only in theirs.csv 2, only in docket 1")
    assert f"  < {moved}" in out and "  < XYZ1" in out and f"  > {moved}" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert "E062" in run("compare", str(bad), code=2)

"""The analysts' formats read back with the readers they would use: the UCDP GED-shaped CSV with
the csv module and pyarrow's type-inferring CSV reader, Parquet with pyarrow, the GeoPackage with
GDAL's ogrinfo and sqlite3; and the country, region and admin columns filled from the gazetteer."""

from __future__ import annotations

import csv
import importlib.util
import os
import pty
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from docket import exports
from docket.faces.cli import build_cli

pytest_plugins = ["api_fixtures"]


def export(url: str, fmt: str, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(
        build_cli(), ["export", "--format", fmt, "-o", str(out), *args, "--database", url]
    )
    assert result.exit_code == 0, result.output
    return out


def ogrinfo() -> str:
    found = shutil.which("ogrinfo")
    if found is None:
        if os.environ.get("DOCKET_REQUIRE_POSTGRES") == "1":
            pytest.fail("ogrinfo (Debian's gdal-bin) is required here but not installed")
        pytest.skip("ogrinfo (Debian's gdal-bin) is not installed")
    return found


def test_ucdp_csv_has_geds_columns_and_types(
    filled: tuple[str, TestClient], tmp_path: Path
) -> None:
    """GED's 49 columns in the codebook's order, then docket's companions; the merged record is
    left out; codes and dates as GED writes them; pyarrow infers GED's types from the file."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    url, client = filled
    out = export(url, "ucdp-csv", tmp_path / "ged.csv")
    text = out.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    assert header[:49] == list(exports.UCDP_COLUMNS) and len(exports.UCDP_COLUMNS) == 49
    assert header[:3] == ["id", "relid", "year"] and header[44:47] == ["best", "high", "low"]
    assert header[49:] == ["docket_deaths_known", "docket_status", "docket_imported_from"]
    rows = {r["relid"]: r for r in csv.DictReader(text.splitlines())}
    assert set(rows) == {"inc-stepanakert", "inc-kharkiv"}  # inc-ganja is merged
    step = rows["inc-stepanakert"]
    assert step["date_start"] == step["date_end"] == "2020-10-04" and step["date_prec"] == "1"
    assert step["where_prec"] == "1" and step["type_of_violence"] == "1"  # Azerbaijan: a state
    assert (step["best"], step["low"], step["high"], step["deaths_unknown"]) == ("2",) * 4
    assert step["country"] == "Azerbaijan" and step["adm_1"]
    assert step["geom_wkt"] == "POINT (46.752 39.8153)"
    # PRIO-GRID: row 259 from the south (39.5-40.0 N), column 453 from -180 (46.5-47.0 E)
    assert step["priogrid_gid"] == str(259 * 720 + 453 + 1)
    kharkiv = rows["inc-kharkiv"]
    assert kharkiv["best"] == "" and kharkiv["docket_deaths_known"] == "False"  # toll unknown
    assert kharkiv["region"] == "Europe" and kharkiv["adm_1"] == "Kharkiv"
    table = pacsv.read_csv(out)
    types = dict(zip(table.schema.names, table.schema.types, strict=True))
    assert types["id"] == pa.int64() and types["best"] == pa.int64()
    assert types["latitude"] == pa.float64() and types["where_prec"] == pa.int64()
    assert pa.types.is_temporal(types["date_start"]) and types["docket_deaths_known"] == pa.bool_()
    assert len({r["id"] for r in rows.values()}) == 2
    api = client.get("/api/exports/incidents.ucdp-csv")
    assert api.content == out.read_bytes()


def test_parquet_reads_back_typed(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """The Parquet file holds the flat table (the GeoJSON's properties) with real types: dates
    as dates, codes and tolls as integers (null where unknown), booleans as booleans."""
    import json
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq

    url, client = filled
    out = export(url, "parquet", tmp_path / "incidents.parquet")
    table = pq.read_table(out)
    schema = dict(zip(table.schema.names, table.schema.types, strict=True))
    assert list(schema) == list(exports.FLAT_TYPES)
    assert schema["event_date"] == pa.date32() and schema["date_end"] == pa.date32()
    assert schema["fatalities"] == pa.int64() and schema["inter1"] == pa.int64()
    assert schema["latitude"] == pa.float64() and schema["fatalities_known"] == pa.bool_()
    rows = {r["event_id_cnty"]: r for r in table.to_pylist()}
    geo = json.loads(export(url, "geojson", tmp_path / "i.geojson").read_text(encoding="utf-8"))
    assert set(rows) == {f["id"] for f in geo["features"]}  # every incident has a point here
    step = rows["inc-stepanakert"]
    assert step["event_date"] == date(2020, 10, 4) and step["fatalities"] == 2
    assert step["inter1"] == 1 and step["interaction"] == 10  # state forces, no second actor
    assert rows["inc-kharkiv"]["iso"] == 804 and rows["inc-kharkiv"]["country"] == "Ukraine"
    assert "inc-ganja" not in rows  # merged: listed through inc-kharkiv unless asked for
    merged = pq.read_table(export(url, "parquet", tmp_path / "m.parquet", "--status", "merged"))
    assert merged.column("status").to_pylist() == ["merged"]
    api = client.get("/api/exports/incidents.parquet?status=machine")
    assert api.headers["content-type"] == "application/vnd.apache.parquet"
    machine = export(url, "parquet", tmp_path / "machine.parquet", "--status", "machine")
    assert api.content == machine.read_bytes()


def test_geopackage_opens_in_gdal(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """The GeoPackage written with sqlite3 alone is one GDAL reads as a point layer in WGS 84
    with typed fields, and its features hold the exported values."""
    url, client = filled
    out = export(url, "gpkg", tmp_path / "incidents.gpkg")
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert db.execute("SELECT count(*) FROM incidents").fetchone()[0] == 2
    db.close()
    tool = ogrinfo()
    info = subprocess.run(
        [tool, "-ro", "-al", "-so", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "Layer name: incidents" in info
    assert "Geometry: Point" in info and "Feature Count: 2" in info
    assert 'ID["EPSG",4326]' in info or "4326" in info
    for field in ("event_date: Date", "fatalities: Integer", "latitude: Real", "admin1: String"):
        assert field in info, info
    one = subprocess.run(
        [tool, "-ro", "-al", "-where", "event_id_cnty = 'inc-kharkiv'", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "country (String) = Ukraine" in one and "POINT (36.2304 49.9935)" in one
    assert "iso (Integer64) = 804" in one and "event_date (Date) = 2022/03/01" in one
    api = client.get("/api/exports/incidents.gpkg")
    assert api.content[:16] == b"SQLite format 3\x00"


def test_acled_columns_from_the_gazetteer(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """iso (numeric), region, country (name) and admin1 are filled; admin1 is the state the
    gazetteer puts the town in; a known state perpetrator gets ACLED's inter code 1."""
    url, _ = filled
    out = export(url, "acled-csv", tmp_path / "acled.csv")
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(out.read_text().splitlines())}
    kharkiv = rows["inc-kharkiv"]
    assert (kharkiv["iso"], kharkiv["region"], kharkiv["country"]) == ("804", "Europe", "Ukraine")
    assert kharkiv["admin1"] == "Kharkiv" and kharkiv["admin3"] == ""
    step = rows["inc-stepanakert"]
    assert step["iso"] == "31" and step["region"] == "Caucasus and Central Asia"
    assert (step["inter1"], step["inter2"], step["interaction"]) == ("1", "", "10")
    assert kharkiv["inter1"] == "" and kharkiv["interaction"] == ""  # no actor known


def test_binary_export_refuses_a_terminal(filled: tuple[str, TestClient]) -> None:
    """``docket export --format parquet`` with stdout on a terminal stops with E063, writing no
    bytes to the terminal; redirected, it writes the file."""
    url, _ = filled
    command = [sys.executable, "-m", "docket", "export", "--format", "parquet", "--database", url]
    main, replica = pty.openpty()
    try:
        done = subprocess.run(command, stdout=replica, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(replica)
        os.close(main)
    assert done.returncode == 2 and b"E063" in done.stderr
    piped = subprocess.run(command, capture_output=True, timeout=120, check=True)
    assert piped.stdout[:4] == b"PAR1"


def test_compare_with_a_ucdp_file(filled: tuple[str, TestClient], tmp_path: Path) -> None:
    """docket's own GED-shaped export, one event moved a year and one added far away: compare
    --format ucdp matches the rest and names the unmatched on each side by GED id and docket id."""
    url, _ = filled
    text = export(url, "ucdp-csv", tmp_path / "ours.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == 2
    moved = rows[0]
    moved["date_start"] = moved["date_end"] = "2001-01-01 00:00:00.000"  # GED's own date form
    rows.append(rows[1] | {"id": "999", "latitude": "0", "longitude": "0"})
    theirs = tmp_path / "ged.csv"
    with theirs.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(
        build_cli(), ["compare", str(theirs), "--format", "ucdp", "--database", url]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("matched 1, only in ged.csv 2, only in docket 1")
    assert f"  = {rows[1]['id']}  {rows[1]['relid']}" in lines
    assert "  < 999" in lines and f"  > {moved['relid']}" in lines


def test_exports_load_in_pandas_with_their_types(
    filled: tuple[str, TestClient], tmp_path: Path
) -> None:
    """As an analyst loads them: ``pandas.read_csv`` of the ACLED and UCDP files and
    ``pandas.read_parquet`` give integer codes and tolls, float coordinates, dates and
    booleans, nullable where docket leaves a cell empty."""
    from datetime import date

    if importlib.util.find_spec("pandas") is None:  # a test dependency in requirements.lock
        if os.environ.get("CI") == "true":
            pytest.fail("pandas (a test dependency in requirements.lock) is not installed")
        pytest.skip("pandas is not installed; make install installs it from requirements.lock")
    import pandas as pd

    url, _ = filled
    acled = pd.read_csv(export(url, "acled-csv", tmp_path / "a.csv"), parse_dates=["event_date"])
    for column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
        assert acled[column].dtype == "int64", column
    assert acled["latitude"].dtype == "float64" and acled["longitude"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(acled["event_date"])
    ged = pd.read_csv(
        export(url, "ucdp-csv", tmp_path / "g.csv"),
        parse_dates=["date_start", "date_end"],
        dtype_backend="numpy_nullable",
    )
    for column in ("id", "year", "number_of_sources", "where_prec", "priogrid_gid", "best"):
        assert str(ged[column].dtype) == "Int64", column
    assert ged["best"].isna().sum() == 1  # inc-kharkiv: toll unknown, not 0
    assert str(ged["docket_deaths_known"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(ged["date_start"])
    flat = pd.read_parquet(export(url, "parquet", tmp_path / "f.parquet"))
    assert flat["fatalities"].dtype == "int64" and flat["latitude"].dtype == "float64"
    assert flat["fatalities_known"].dtype == "bool"
    assert set(flat["event_date"]) == {date(2020, 10, 4), date(2022, 3, 1)}
    typed = pd.read_parquet(tmp_path / "f.parquet", dtype_backend="pyarrow")
    assert str(typed["event_date"].dtype) == "date32[day][pyarrow]"
    assert str(typed["inter1"].dtype) == "int64[pyarrow]" and typed["inter1"].isna().sum() == 1

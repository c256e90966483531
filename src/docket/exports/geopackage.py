"""A GeoPackage (OGC GeoPackage 1.3, an SQLite file) of point features, written with the
standard library's sqlite3 as the specification lays it out, so no GDAL is needed to write one:
the ``GPKG`` application id, the spatial reference systems and contents tables, the geometry
columns table, and one feature table whose geometries are GeoPackage binary (header, then WKB).
QGIS and GDAL's ``ogrinfo`` read it.
"""

from __future__ import annotations

import sqlite3
import struct
import tempfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3.0
WGS84 = 4326
COLUMN_TYPES = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "BOOLEAN"} | {
    "date": "DATE"
}
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4326"]]'
)
# The three systems every GeoPackage defines (spec, requirement 11).
SPATIAL_REF_SYS = (
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", WGS84, "EPSG", 4326, WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
)  # fmt: skip


def point_blob(lon: float, lat: float) -> bytes:
    """A point as GeoPackage binary: magic ``GP``, version 0, flags (little-endian, no
    envelope), the SRS id, then the point as little-endian WKB."""
    return (
        b"GP" + bytes((0, 0x01)) + struct.pack("<i", WGS84) + struct.pack("<BIdd", 1, 1, lon, lat)
    )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_geopackage(
    path: Path,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    types: Mapping[str, str],
    *,
    lon: str = "longitude",
    lat: str = "latitude",
) -> int:
    """Write the rows that have a point as features of ``table`` (one column per key of
    ``types``) into a new GeoPackage at ``path``; the number of features written."""
    db = sqlite3.connect(path)
    try:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {USER_VERSION}")
        db.executescript(
            """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
              description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY,
              data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL,
              column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            """
        )
        db.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", SPATIAL_REF_SYS
        )
        columns = ", ".join(f"{_quote(n)} {COLUMN_TYPES[k]}" for n, k in types.items())
        db.execute(
            f"CREATE TABLE {_quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
            f"geom POINT, {columns})"
        )
        names = list(types)
        insert = (
            f"INSERT INTO {_quote(table)} (geom, {', '.join(map(_quote, names))}) "
            f"VALUES (?{', ?' * len(names)})"
        )
        xs: list[float] = []
        ys: list[float] = []
        for row in rows:
            x, y = row.get(lon), row.get(lat)
            if x is None or y is None:
                continue
            xs.append(x)
            ys.append(y)
            db.execute(insert, (point_blob(x, y), *(row.get(n) for n in names)))
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"
        db.execute(
            "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)",
            (
                table,
                table,
                now,
                *((min(xs), min(ys), max(xs), max(ys)) if xs else (None,) * 4),
                WGS84,
            ),
        )
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (table, WGS84)
        )
        db.commit()
    finally:
        db.close()
    return len(xs)


def geopackage_bytes(
    table: str, rows: Iterable[Mapping[str, Any]], types: Mapping[str, str]
) -> bytes:
    """The GeoPackage as bytes (written to a temporary file, read back, removed)."""
    with tempfile.TemporaryDirectory(prefix="docket-gpkg-") as tmp:
        path = Path(tmp) / f"{table}.gpkg"
        write_geopackage(path, table, rows, types)
        return path.read_bytes()

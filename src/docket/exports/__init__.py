"""Incidents written out for other tools: JSON Lines (the contract's form), CSV, ACLED- and
UCDP GED-shaped CSV, flat GeoJSON, GeoPackage and Parquet.

The one place exports are made: the API's ``/api/exports``, ``docket export`` and
``docket incidents --format`` all write through :func:`write` (text) or :func:`encoded` (any
format, as bytes). One module per shape: ``tables`` (JSON Lines, docket's CSV), ``acled``,
``ucdp``, ``geo`` (the flat table and GeoJSON), ``geopackage``, ``parquet``, and ``places``
(country, region and admin columns from the gazetteer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from docket.exports.acled import ACLED_COLUMNS, NOT_LIVE, acled_row, acled_rows
from docket.exports.geo import FLAT_TYPES, flat_properties, flat_rows, geojson, geojson_text
from docket.exports.places import Places, places_for
from docket.exports.tables import CSV_COLUMNS, csv_rows, jsonl
from docket.exports.ucdp import COMPANION_COLUMNS, UCDP_COLUMNS, UCDP_TYPES, ucdp_row, ucdp_rows

if TYPE_CHECKING:
    from docket.store import IncidentFilter, Store, StoredIncident

__all__ = [
    "ACLED_COLUMNS", "BINARY_FORMATS", "COMPANION_COLUMNS", "CSV_COLUMNS", "FLAT_TYPES",
    "FORMATS", "MEDIA_TYPES", "NOT_LIVE", "TEXT_FORMATS", "UCDP_COLUMNS", "UCDP_TYPES", "Places",
    "acled_row", "acled_rows", "csv_rows", "encoded", "flat_properties", "flat_rows", "geojson",
    "geojson_text", "jsonl", "places_for", "stored_incidents", "ucdp_row", "ucdp_rows", "write",
    "write_bytes",
]  # fmt: skip

MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
    "acled-csv": "text/csv; charset=utf-8",
    "ucdp-csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "gpkg": "application/geopackage+sqlite3",
}
BINARY_FORMATS: tuple[str, ...] = ("parquet", "gpkg")
TEXT_FORMATS: tuple[str, ...] = tuple(f for f in MEDIA_TYPES if f not in BINARY_FORMATS)
FORMATS: tuple[str, ...] = tuple(MEDIA_TYPES)
GPKG_LAYER = "incidents"


def stored_incidents(store: Store, f: IncidentFilter) -> Iterator[StoredIncident]:
    """Every incident passing the filter, in the order they were stored (stable), read from the
    store a page at a time (``Store.iter_incidents``)."""
    return store.iter_incidents(f, sort="created")


def write(
    fmt: str, incidents: Iterable[StoredIncident], places: Places | None = None
) -> Iterator[str]:
    """The incidents in one of ``TEXT_FORMATS``, as text in pieces (a line or row, or the whole
    GeoJSON document). ``places`` fills the country, region and admin columns (without a
    gazetteer only the country ones)."""
    if fmt == "jsonl":
        return jsonl(incidents)
    if fmt == "csv":
        return csv_rows(incidents)
    if fmt == "geojson":
        return iter([geojson_text(incidents, places)])
    if fmt == "acled-csv":
        return acled_rows(incidents, places)
    if fmt == "ucdp-csv":
        return ucdp_rows(incidents, places)
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is a binary format; use docket.exports.write_bytes")
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_bytes(
    fmt: str, incidents: Iterable[StoredIncident], places: Places | None = None
) -> bytes:
    """The incidents in one of ``BINARY_FORMATS``: Parquet or GeoPackage of the flat table
    (the GeoJSON's properties, typed; the GeoPackage holds the incidents that have a point)."""
    from docket.exports.geopackage import geopackage_bytes
    from docket.exports.parquet import parquet_bytes

    rows = flat_rows(incidents, places)
    if fmt == "parquet":
        return parquet_bytes(rows, FLAT_TYPES)
    if fmt == "gpkg":
        return geopackage_bytes(GPKG_LAYER, rows, FLAT_TYPES)
    raise ValueError(
        f"unknown binary export format {fmt!r}; use one of {', '.join(BINARY_FORMATS)}"
    )


def encoded(
    fmt: str, incidents: Iterable[StoredIncident], places: Places | None = None
) -> Iterator[bytes]:
    """Any format as bytes in pieces: text formats as UTF-8 row by row, binary ones whole."""
    if fmt in BINARY_FORMATS:
        return iter([write_bytes(fmt, incidents, places)])
    return (piece.encode("utf-8") for piece in write(fmt, incidents, places))

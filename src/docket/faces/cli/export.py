"""docket export: every incident matching the store's incident filter, in one of the export
formats of ``docket.exports`` (ACLED- and UCDP-shaped CSV, GeoPackage, Parquet among them), to
stdout or a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from docket.errors import DocketError
from docket.exports import BINARY_FORMATS, FORMATS
from docket.faces.cli.incidents import filter_options, incident_filter
from docket.faces.cli.options import database_option, format_option, settings_from


@click.command("export")
@filter_options
@format_option(*FORMATS, default="acled-csv")
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@database_option
def command(
    fmt: str,
    output: Path | None,
    database_url: str | None,
    **filters: Any,
) -> None:
    """Export every matching incident, in the order they were stored (--format acled-csv: ACLED's
    columns in the codebook's order; ucdp-csv: UCDP GED's; parquet and gpkg are binary and need
    --output or a redirected stdout; see docs/exports.md)."""
    from docket import exports
    from docket.store import open_store

    if fmt in BINARY_FORMATS and output is None and sys.stdout.isatty():
        raise DocketError("E063", f"{fmt} is a binary format; pass --output FILE")
    f = incident_filter(**filters)
    settings = settings_from(database_url)
    with open_store(settings, create=False) as store:
        data = b"".join(
            exports.encoded(fmt, exports.stored_incidents(store, f), exports.places_for(settings))
        )
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)

"""docket export: every incident matching the store's incident filter, in one of the export
formats of ``docket.exports`` (ACLED-shaped CSV among them), to stdout or a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from docket.exports import FORMATS
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
    columns in the codebook's order; see docs/exports.md)."""
    from docket import exports
    from docket.store import open_store

    f = incident_filter(**filters)
    with open_store(settings_from(database_url)) as store:
        text = "".join(exports.write(fmt, exports.stored_incidents(store, f)))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")

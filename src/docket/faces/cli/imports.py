"""docket import acled|ucdp FILE: the events of an ACLED- or UCDP GED-shaped CSV into the store
as sourced records (``docket.imports``)."""

from __future__ import annotations

from pathlib import Path

import click

from docket.faces.cli.options import database_option, settings_from
from docket.imports import FORMATS


@click.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@database_option
def command(fmt: str, file: Path, database_url: str | None) -> None:
    """Read every row of an ACLED- (FORMAT acled) or UCDP GED-shaped (ucdp) CSV FILE into the
    store, one document and incident per row. Every row is checked first: a bad one stops the
    import (E065, naming the line) and nothing is stored. Rows already stored are skipped."""
    from docket import imports
    from docket.store import open_store

    with open_store(settings_from(database_url)) as store:
        report = imports.import_file(store, file, fmt)
    click.echo(
        f"{file.name}: {report.rows} rows, {report.added} stored, {report.already} already stored"
    )

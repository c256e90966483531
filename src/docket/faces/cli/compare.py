"""docket compare: docket's incidents against an ACLED- or UCDP GED-shaped CSV file
(``docket.compare``)."""

from __future__ import annotations

from pathlib import Path

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("compare")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--days", type=int, default=1, show_default=True, help="Date tolerance in days.")
@click.option("--km", type=float, default=25.0, show_default=True, help="Distance tolerance.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled", "ucdp"]),
    default="acled",
    show_default=True,
    help="The file's shape: ACLED's columns or UCDP GED's.",
)
@database_option
def command(file: Path, days: int, km: float, fmt: str, database_url: str | None) -> None:
    """Match the events of an ACLED-shaped (or, --format ucdp, UCDP GED-shaped) CSV FILE to
    stored incidents of the same type within --days and --km; print the agreement and the
    unmatched on each side."""
    from docket import compare
    from docket.store import open_store

    rows = compare.read_file(file, fmt)
    with open_store(settings_from(database_url), create=False) as store:
        result = compare.compare(store, rows, days=days, km=km, fmt=fmt)
    click.echo(
        f"matched {len(result.matched)}, only in {file.name} {len(result.only_file)}, "
        f"only in docket {len(result.only_docket)}; agreement {result.agreement():.3f}"
    )
    for theirs, ours in result.matched:
        click.echo(f"  = {theirs}  {ours}")
    for theirs in result.only_file:
        click.echo(f"  < {theirs}")
    for ours in result.only_docket:
        click.echo(f"  > {ours}")

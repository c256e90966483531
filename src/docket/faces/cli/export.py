"""docket export: every incident matching the store's incident filter, in one of the export
formats of ``docket.exports`` (ACLED-shaped CSV among them), to stdout or a file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from docket.exports import FORMATS
from docket.faces.cli.incidents import _day, filter_options
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
    since: datetime | None,
    until: datetime | None,
    bbox: str | None,
    q: str | None,
    country: str | None,
    actor: str | None,
    weapon: str | None,
    category: str | None,
    grade: str | None,
    flag: str | None,
    status: str | None,
    document: str | None,
) -> None:
    """Export every matching incident, in the order they were stored (--format acled-csv: ACLED's
    columns in the codebook's order; see docs/exports.md)."""
    from docket import exports
    from docket.store import IncidentFilter, open_store, parse_bbox

    f = IncidentFilter(
        since=_day(since),
        until=_day(until),
        bbox=parse_bbox(bbox),
        country=country,
        actor=actor,
        weapon=weapon,
        category=category,
        grade=grade,
        flag=flag,
        q=q,
        status=status,
        document=document,
        merged=False,
    )
    with open_store(settings_from(database_url)) as store:
        text = "".join(exports.write(fmt, exports.stored_incidents(store, f)))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")

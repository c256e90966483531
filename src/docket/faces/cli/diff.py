"""docket diff: incidents added, changed and withdrawn between two releases (``docket.releases``)."""

from __future__ import annotations

import click

from docket.faces.cli.options import database_option, format_option, settings_from


@click.command("diff")
@click.argument("a")
@click.argument("b")
@format_option("csv", "json", default="csv")
@database_option
def command(a: str, b: str, fmt: str, database_url: str | None) -> None:
    """List incidents added, changed (field by field) and withdrawn from release A to B."""
    from docket import releases
    from docket.store import open_store

    with open_store(settings_from(database_url), create=False) as store:
        click.echo(releases.diff_text(releases.diff(store, a, b), fmt), nl=False)

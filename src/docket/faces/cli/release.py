"""docket release: freeze the record under a name (``docket.releases``); docket diff compares
two releases (faces/cli/diff.py)."""

from __future__ import annotations

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("release")
@click.argument("name", required=False)
@click.option("--list", "list_them", is_flag=True, help="List the releases made so far.")
@database_option
def command(name: str | None, list_them: bool, database_url: str | None) -> None:
    """Freeze every incident as it stands now as release NAME (never changed afterwards)."""
    from docket import exports, releases
    from docket.store import open_store

    settings = settings_from(database_url)
    with open_store(settings, create=False) as store:
        if list_them or name is None:
            for release, made in releases.names(store):
                click.echo(f"{release}  {made.isoformat(timespec='seconds')}")
            return
        count = releases.freeze(store, name, exports.places_for(settings))
    click.echo(f"release {name}: {count} incidents frozen")

"""docket demo: ingest the bundled sample and print what docket found."""

from __future__ import annotations

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("demo")
@database_option
def command(database_url: str | None) -> None:
    """Ingest the bundled sample (the founding article and openly licensed reports) into the
    store and print what was found: incidents, claims and figures."""
    from docket.demo import run_demo

    for line in run_demo(settings_from(database_url)):
        click.echo(line)

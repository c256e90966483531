"""docket check: verify that every stored document is whole and every archived copy verifies."""

from __future__ import annotations

import sys

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("check")
@database_option
def command(database_url: str | None) -> None:
    """Verify the store: every document whole (all its mentions stored) and every archived raw
    copy present and matching its SHA-256. Exits 1 and lists the problems when any is found."""
    from docket.store import open_store

    store = open_store(settings_from(database_url))
    problems = store.check()
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    counts = store.counts()
    click.echo(
        f"{counts.get('documents', 0)} documents checked: "
        + ("all whole, all archived copies verify" if not problems else f"{len(problems)} problems")
    )
    if problems:
        sys.exit(1)

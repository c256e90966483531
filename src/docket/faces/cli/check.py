"""docket check: verify that every stored document is whole, linked, and every archived copy
verifies; ``--link`` links the documents a stopped run saved but never linked."""

from __future__ import annotations

import sys

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("check")
@database_option
@click.option(
    "--link",
    "link",
    is_flag=True,
    help="Link the documents found saved but never linked (a run stopped between the two).",
)
def command(database_url: str | None, link: bool) -> None:
    """Verify the store: every document whole (all its mentions stored) and linked (its incidents
    joined to the record, its near-duplicate signature kept), and every archived raw copy present
    and matching its SHA-256. Exits 1 and lists the problems when any is found."""
    from docket.errors import Problem
    from docket.store import open_store

    store = open_store(settings_from(database_url), create=False)
    unlinked = store.unlinked()
    if link and unlinked:
        for document_id in unlinked:
            store.finish_linking(document_id)
        click.echo(f"linked {len(unlinked)} documents saved but never linked")
        unlinked = store.unlinked()
    problems = store.check() + [
        Problem("E058", f"document {document_id} is stored but was never linked")
        for document_id in unlinked
    ]
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    counts = store.counts()
    click.echo(
        f"{counts.get('documents', 0)} documents checked: "
        + (
            "all whole and linked, all archived copies verify"
            if not problems
            else f"{len(problems)} problems"
        )
    )
    if problems:
        sys.exit(1)

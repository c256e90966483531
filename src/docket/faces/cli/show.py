"""docket show ID: one stored document or incident in full."""

from __future__ import annotations

import json

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("show")
@click.argument("record_id")
@click.option("--history", is_flag=True, help="Show the record's revisions instead.")
@database_option
def command(record_id: str, history: bool, database_url: str | None) -> None:
    """Print a stored incident, or a document's reading in the contract's form, as JSON. ID may
    be the first 8 or more characters of a document id."""
    from docket.store import open_store

    store = open_store(settings_from(database_url), create=False)
    if history:
        for revision in store.history(record_id):
            click.echo(json.dumps(revision.to_json(), ensure_ascii=False))
        return
    if record_id.startswith("inc-"):
        data = store.incident(record_id).to_json()
    else:
        data = store.extraction(store.resolve_id(record_id)).to_json()
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))

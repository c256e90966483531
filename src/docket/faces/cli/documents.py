"""docket documents [QUERY]: list stored documents, or search their text."""

from __future__ import annotations

import json

import click

from docket.faces.cli.options import database_option, format_option, settings_from


@click.command("documents")
@click.argument("query", required=False)
@click.option("--limit", type=int, default=50, show_default=True, help="How many to list.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@format_option("table", "jsonl", default="table")
@database_option
def command(query: str | None, limit: int, offset: int, fmt: str, database_url: str | None) -> None:
    """List stored documents, newest first, or those whose title or text match QUERY
    (full-text search: words, "a phrase", prefix*)."""
    from docket.store import open_store

    store = open_store(settings_from(database_url), create=False)
    for doc in store.search_documents(query, limit=limit, offset=offset):
        if fmt == "jsonl":
            click.echo(json.dumps(doc.to_json(), ensure_ascii=False))
        else:
            published = doc.published.isoformat() if doc.published else "----------"
            click.echo(f"{doc.id[:12]}  {published}  {doc.title or doc.snippet[:70]}")

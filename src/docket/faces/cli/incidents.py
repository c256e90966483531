"""docket incidents: list stored incidents (subcommands merge and split: faces/cli/link.py)."""

from __future__ import annotations

import json

import click

from docket.faces.cli.link import merge_command, split_command
from docket.faces.cli.options import database_option, format_option, settings_from


@click.group("incidents", invoke_without_command=True)
@click.option("--limit", type=int, default=100, show_default=True, help="How many to list.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@format_option("table", "jsonl", default="table")
@database_option
@click.pass_context
def command(
    ctx: click.Context, limit: int, offset: int, fmt: str, database_url: str | None
) -> None:
    """List stored incidents. --format jsonl prints each in the extraction contract's incident
    form plus its sources."""
    from docket.store import open_store

    if ctx.invoked_subcommand is not None:
        return
    store = open_store(settings_from(database_url))
    for incident in store.incidents(limit=limit, offset=offset):
        data = incident.to_json()
        if fmt == "jsonl":
            click.echo(json.dumps(data, ensure_ascii=False))
            continue
        weapons = ",".join(sorted({w["class"] for w in data.get("weapons", [])})) or "-"
        perpetrators = (
            ",".join(p.get("actor") or p["text"] for p in data.get("perpetrators", [])) or "-"
        )
        where = (data.get("location") or {}).get("name") or "-"
        when = (data.get("when") or {}).get("end") or (data.get("when") or {}).get("start") or "-"
        click.echo(
            f"{data['id']}  {when:<10}  {data['category']:<24} {weapons:<18} "
            f"by {perpetrators:<8} at {where}  [{data.get('grade') or '-'}]"
        )


command.add_command(merge_command)
command.add_command(split_command)

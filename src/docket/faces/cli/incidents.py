"""docket incidents: list stored incidents by the store's incident filter, as a table or an export
(JSON Lines, CSV, GeoJSON through ``docket.exports``); subcommands merge and split:
faces/cli/link.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from docket.exports import TEXT_FORMATS
from docket.faces.cli.link import merge_command, split_command
from docket.faces.cli.options import database_option, format_option, settings_from

if TYPE_CHECKING:
    from docket.store import IncidentFilter, StoredIncident

DAY = click.DateTime(["%Y-%m-%d"])
# The store's IncidentFilter as options: the API's incident filters by the same names (q: --words).
FILTER_OPTIONS: tuple[Callable[[Callable[..., Any]], Callable[..., Any]], ...] = (
    click.option("--since", type=DAY, metavar="YYYY-MM-DD", help="Events ending on or after."),
    click.option("--until", type=DAY, metavar="YYYY-MM-DD", help="Events starting on or before."),
    click.option("--bbox", metavar="W,S,E,N", help="Bounding box in degrees."),
    click.option("--words", "q", help="Words in the incident or its sources."),
    click.option("--country", help="ISO 3166-1 alpha-2 code of the place."),
    click.option("--actor", help="Perpetrator or victim: actor id or name."),
    click.option("--weapon", help="Weapon class, e.g. cluster_munition."),
    click.option("--category", help="Incident category."),
    click.option("--grade", help="Corroboration grade."),
    click.option("--flag", help="Legal flag code or treaty id."),
    click.option(
        "--status",
        help="Review state (machine, accepted, ..., merged); without it, "
        "incidents merged into another are left out.",
    ),
    click.option("--document", help="Id of a source document."),
)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(FILTER_OPTIONS):
        func = option(func)
    return func


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def incident_filter(
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
) -> IncidentFilter:
    """The store's incident filter from the values of ``filter_options`` (merged records out)."""
    from docket.store import IncidentFilter, parse_bbox

    return IncidentFilter(
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


@click.group("incidents", invoke_without_command=True)
@filter_options
@click.option(
    "--sort",
    default="-when",
    show_default=True,
    help="when, -when, created, -created, category or grade.",
)
@click.option("--limit", type=int, default=100, show_default=True, help="How many to list.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@format_option("table", *TEXT_FORMATS, default="table")
@database_option
@click.pass_context
def command(
    ctx: click.Context,
    since: datetime | None,
    until: datetime | None,
    bbox: str | None,
    sort: str,
    limit: int,
    offset: int,
    fmt: str,
    database_url: str | None,
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
    """List stored incidents, latest event first, narrowed by the filters. --format jsonl, csv
    or geojson writes them as the API's exports do (jsonl: the extraction contract's incident
    form plus its sources and review state)."""
    from docket import exports
    from docket.store import open_store

    if ctx.invoked_subcommand is not None:
        return
    f = incident_filter(
        since, until, bbox, q, country, actor, weapon, category, grade, flag, status, document
    )
    settings = settings_from(database_url)
    found = open_store(settings, create=False).incidents(f, sort=sort, limit=limit, offset=offset)
    if fmt == "table":
        for stored in found:
            click.echo(table_line(stored))
        return
    for text in exports.write(fmt, found, exports.places_for(settings)):
        click.echo(text, nl=fmt == "geojson")


def table_line(stored: StoredIncident) -> str:
    """One incident as a line: id, date, category, weapons, perpetrators, place, grade."""
    data = stored.incident.to_json()
    weapons = ",".join(sorted({w["class"] for w in data.get("weapons", [])})) or "-"
    perpetrators = (
        ",".join(p.get("actor") or p["text"] for p in data.get("perpetrators", [])) or "-"
    )
    where = (data.get("location") or {}).get("name") or "-"
    when = (data.get("when") or {}).get("end") or (data.get("when") or {}).get("start") or "-"
    return (
        f"{data['id']}  {when:<10}  {data['category']:<24} {weapons:<18} "
        f"by {perpetrators:<8} at {where}  [{data.get('grade') or '-'}]"
    )


command.add_command(merge_command)
command.add_command(split_command)

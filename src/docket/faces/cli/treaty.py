"""docket treaty: a state's treaty status on a date, or the law governing a weapon class."""

from __future__ import annotations

import json
from datetime import date

import click

from docket.errors import DocketError
from docket.faces.cli.options import format_option


def parse_day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise DocketError("E015", f"bad date {text!r}") from exc


@click.command("treaty")
@click.argument("state", required=False)
@click.option("--weapon", metavar="CLASS", help="Weapon class (cluster_munition, chemical, ...).")
@click.option(
    "--state", "state_option", metavar="STATE", help="State for --weapon (ISO2, ISO3 or name)."
)
@click.option("--on", "on", metavar="YYYY-MM-DD", help="Date to judge on (default: today).")
@format_option("text", "json", default="text")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json (codes, all fields).")
def command(
    state: str | None,
    weapon: str | None,
    state_option: str | None,
    on: str | None,
    fmt: str,
    as_json: bool,
) -> None:
    """Treaty status of STATE (ISO2, ISO3 or name) on a date, or with --weapon CLASS the
    instruments that prohibit or regulate that weapon class (and --state's status under each).

    Treaties: CCM, Mine Ban Convention, CCW and Protocols II (amended), III, V, Chemical Weapons
    Convention, Arms Trade Treaty, Rome Statute, and the 2022 EWIPA Declaration (ids ccm, apmbc,
    ccw, ccw_p2a, ccw_p3, ccw_p5, cwc, att, rome, ewipa).
    """
    from docket.judge.lookup import answer

    result = answer(state or state_option, weapon, parse_day(on))
    if fmt == "json" or as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    if weapon is None:
        from docket.judge.lookup import STATUS_WORDS

        click.echo(f"{result['state_name']} on {result['on']}")
        for row in result["rows"]:
            mark = " [unverified: rests on docket's earlier table]" if row["unsure"] else ""
            click.echo(f"  {row['treaty_name']}: {STATUS_WORDS[row['status']]}{mark}")
            click.echo(f"      {row['reason']}")
            click.echo(f"      source: {row['source']}; as of {row['as_of']}")
        if result["incomplete"]:
            click.echo("Incomplete tables:")
            for line in result["incomplete"]:
                click.echo(f"  {line}")
        return
    who = f", {result['state_name']} ({result['state']})" if result["state"] else ""
    click.echo(f"{weapon} on {result['on']}{who}")
    for row in result["rows"]:
        status = f"  -> {row['status']}: {row['reason']}" if "status" in row else ""
        click.echo(f"  {row['treaty']:<8} {row['relation']:<21} {row['provision']}{status}")

"""docket incidents merge A B / docket incidents split ID --claim C: an analyst's linking decisions.

Both call docket.review, as the API and the web review form do, and create revisions (never
overwrite); ``docket show ID --history`` shows them.
"""

from __future__ import annotations

import getpass

import click

from docket.faces.cli.options import database_option, settings_from


def _author(author: str | None) -> str:
    return author or getpass.getuser() or "analyst"


@click.command("merge")
@click.argument("first")
@click.argument("second")
@click.option("--reason", default=None, help="Why they are one incident (kept in the revision).")
@click.option("--author", default=None, help="Who decides; default: the login name.")
@database_option
def merge_command(
    first: str, second: str, reason: str | None, author: str | None, database_url: str | None
) -> None:
    """Merge incident SECOND into FIRST (FIRST's id is kept). Undo with 'split'."""
    from docket.store import open_store

    store = open_store(settings_from(database_url), create=False)
    done = store.merge_incidents(first, second, _author(author), reason)
    click.echo(f"merged {second} into {done.kept}")


@click.command("split")
@click.argument("incident_id")
@click.option("--claim", default=None, help="Split off the report that carries this claim id.")
@click.option("--report", default=None, help="Split off this report (an incident id).")
@click.option("--reason", default=None, help="Why they are not one incident.")
@click.option("--author", default=None, help="Who decides; default: the login name.")
@database_option
def split_command(
    incident_id: str,
    claim: str | None,
    report: str | None,
    reason: str | None,
    author: str | None,
    database_url: str | None,
) -> None:
    """Take a report (named, or the one carrying --claim) out of INCIDENT_ID into an incident of
    its own; it is then never linked automatically again. With neither option, undo the merge of
    INCIDENT_ID into another incident."""
    from docket.store import open_store

    store = open_store(settings_from(database_url), create=False)
    result = store.split_incident(
        incident_id, _author(author), claim=claim, report=report, reason=reason
    )
    click.echo(f"split {result.split_off} off; {result.remains} remains")

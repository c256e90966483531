"""docket batch SHARD...: read shards of documents on Dask, store and link them here."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from docket.faces.cli.options import (
    database_option,
    parse_published,
    published_option,
    settings_from,
)

if TYPE_CHECKING:
    from docket.analysis import Analysis
    from docket.errors import Problem


@click.command("batch")
@click.argument("shards", nargs=-1, required=True)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler to run on (tcp://host:8786); default: a LocalCluster on this machine.",
)
@click.option(
    "--workers",
    "-j",
    type=int,
    default=None,
    metavar="N",
    help="Workers of the LocalCluster (ignored with --scheduler); default: the CPU cores.",
)
@published_option
@database_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
def command(
    shards: tuple[str, ...],
    scheduler: str | None,
    workers: int | None,
    published: str | None,
    database_url: str | None,
    quiet: bool,
) -> None:
    """Read shards of documents (.jsonl, .csv or .parquet files, or folders of them) on a Dask
    cluster, one task per shard, and store and link their records here by content hash: a re-run
    or a retried task stores nothing twice."""
    from docket.batch import run_batch
    from docket.logs import log_to_file
    from docket.workers import checked_workers

    workers = checked_workers(workers)
    settings = settings_from(database_url)
    log_to_file(settings)
    done = 0

    def advance(_item: Analysis | Problem) -> None:
        nonlocal done
        done += 1
        if not quiet and sys.stderr.isatty():
            click.echo(f"\r{done} documents", err=True, nl=False)

    summary = run_batch(
        shards,
        settings,
        scheduler=scheduler,
        workers=workers,
        published=parse_published(published),
        on_item=advance,
    )
    if not quiet:
        if sys.stderr.isatty():
            click.echo("", err=True)
        for problem in summary.failed:
            click.echo(f"failed: {problem}", err=True)
        for problem in summary.warnings:
            click.echo(f"warning: {problem}", err=True)
    click.echo(summary.line())
    if summary.failed and not summary.added and not summary.skipped:
        sys.exit(1)

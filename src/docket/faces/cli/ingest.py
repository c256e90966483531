"""docket ingest PATH...: read, analyse and store documents."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from docket.errors import Problem
from docket.faces.cli.options import (
    database_option,
    parse_published,
    published_option,
    settings_from,
)

if TYPE_CHECKING:
    from docket.analysis import Analysis


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@published_option
@database_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line.")
@click.option(
    "--workers",
    "-j",
    type=int,
    default=None,
    metavar="N",
    help="Processes that read documents in parallel (this one writes); default: the CPU cores.",
)
def command(
    paths: tuple[str, ...],
    published: str | None,
    database_url: str | None,
    quiet: bool,
    workers: int | None,
) -> None:
    """Read, analyse and store documents: files (.txt, .html), folders, .jsonl, .csv or .parquet
    batches, or - for stdin. Documents already stored are skipped; bad inputs are reported and the rest of
    the batch goes on."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from docket.ingest import ingest
    from docket.logs import log_to_file
    from docket.workers import checked_workers

    workers = checked_workers(workers)
    settings = settings_from(database_url)
    log_to_file(settings)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        transient=True,
        disable=quiet or not sys.stderr.isatty(),
    ) as progress:
        task = progress.add_task("ingesting", total=None)
        done = 0

        def advance(item: Analysis | Problem) -> None:
            nonlocal done
            done += 1
            name = item.path if isinstance(item, Problem) else item.source
            progress.update(task, description=f"{done} documents: {name}")

        summary = ingest(
            paths,
            settings,
            published=parse_published(published),
            on_item=advance,
            workers=workers,
        )
    if not quiet:
        for problem in summary.failed:
            click.echo(f"failed: {problem}", err=True)
        for problem in summary.warnings:
            click.echo(f"warning: {problem}", err=True)
    click.echo(summary.line())
    if summary.failed and not summary.added and not summary.skipped:
        sys.exit(1)

"""docket eval NAME: score the pipeline against an evaluation data set."""

from __future__ import annotations

import click

from docket.evaluate.registry import EVALUATIONS, evaluation
from docket.faces.cli.options import settings_from


@click.command("eval")
@click.argument("name", type=click.Choice(sorted(EVALUATIONS)))
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
def command(name: str, limit: int | None) -> None:
    """Score docket on the evaluation set NAME (read from ../shared/eval) and print P/R/F1."""
    settings = settings_from()
    for report in evaluation(name)(settings, limit):
        click.echo(report.render())
        click.echo()

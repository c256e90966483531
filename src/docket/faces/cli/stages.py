"""docket stages: list the pipeline's stages with what each reads and adds."""

from __future__ import annotations

import click


@click.command("stages")
def command() -> None:
    """List the pipeline stages in the order they run, with what each reads and adds."""
    from docket.pipeline import default_stages, unmet_reads

    for number, stage in enumerate(default_stages(), start=1):
        click.echo(f"{number}. {stage.name}: {stage.help}")
        click.echo(f"   reads:  {', '.join(stage.reads)}")
        click.echo(f"   writes: {', '.join(stage.writes)}")
    click.echo(f"{len(default_stages()) + 1}. store: one transaction per document (docket ingest)")
    for line in unmet_reads(default_stages()):
        click.echo(f"order problem: {line}", err=True)

"""docket extract PATH: print the contract JSON of each document, storing nothing."""

from __future__ import annotations

import json
import sys

import click

from docket.errors import Problem
from docket.faces.cli.options import format_option, parse_published, published_option, settings_from


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@published_option
@format_option("json", "jsonl", default="json")
def command(paths: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Print what docket reads in each document as JSON that validates against the extraction
    contract (shared/contract/extraction.schema.json). Writes nothing to the store."""
    from docket.extract_only import extract_paths

    settings = settings_from()
    failed = 0

    def warn(problem: Problem) -> None:
        click.echo(f"warning: {problem}", err=True)

    for result in extract_paths(paths, settings, published=parse_published(published), warn=warn):
        if isinstance(result, Problem):
            failed += 1
            click.echo(f"error: {result}", err=True)
            continue
        data = result.to_json()
        click.echo(json.dumps(data, ensure_ascii=False, indent=None if fmt == "jsonl" else 2))
    if failed:
        sys.exit(1)

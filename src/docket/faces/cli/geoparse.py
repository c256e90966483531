"""docket geoparse PATH.jsonl: put the place names of each record on the map."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from docket.errors import DocketError
from docket.faces.cli.options import settings_from


def _records(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DocketError("E007", f"line {number}: {exc.msg}", str(path)) from exc
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise DocketError("E007", f"line {number}: no 'text' field", str(path))
            yield record


@click.command("geoparse")
@click.argument("path", type=click.Path(path_type=Path))
def command(path: Path) -> None:
    """Resolve the place names in each JSON line of PATH ({"id", "text", "toponyms"?}) and print
    {"id", "places": [...]} a line. Given "toponyms" ([{"start", "end"}]), exactly those spans are
    resolved; otherwise docket finds the place names itself."""
    from docket.geoparse import geoparse
    from docket.resources import Resources

    if not path.is_file():
        raise DocketError("E001", "file not found", str(path))
    settings = settings_from()
    for row in geoparse(_records(path), Resources(settings)):
        click.echo(json.dumps(row, ensure_ascii=False))

"""The ``docket`` command: a thin click group; each command lives in its own module here.

A command parses its options, calls one library function and prints. Errors with a stable code
(:class:`docket.errors.DocketError`) are printed as ``error: E0xx ...`` with exit status 2.
"""

from __future__ import annotations

import importlib
import sys

import click

from docket import __version__
from docket.errors import DocketError

# Modules that each define one click command named ``command``, in the order of the help page.
COMMAND_MODULES: tuple[str, ...] = (
    "docket.faces.cli.demo",
    "docket.faces.cli.ingest",
    "docket.faces.cli.batch",
    "docket.faces.cli.extract",
    "docket.faces.cli.documents",
    "docket.faces.cli.incidents",
    "docket.faces.cli.export",
    "docket.faces.cli.release",
    "docket.faces.cli.diff",
    "docket.faces.cli.imports",
    "docket.faces.cli.compare",
    "docket.faces.cli.show",
    "docket.faces.cli.check",
    "docket.faces.cli.stages",
    "docket.faces.cli.eval",
    "docket.faces.cli.geoparse",
    "docket.faces.cli.treaty",
    "docket.faces.cli.serve",
    "docket.faces.cli.users",
)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DocketGroup(click.Group):
    """Loads command modules only when the group is built, and turns DocketError into a message."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DocketError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


def build_cli() -> click.Group:
    group = DocketGroup(
        name="docket",
        context_settings=CONTEXT_SETTINGS,
        help="Turn reporting on armed conflict into a sourced, geolocated, reviewable record.",
    )
    group = click.version_option(__version__, "--version")(group)
    for name in COMMAND_MODULES:
        command = importlib.import_module(name).command
        group.add_command(command)
    return group


def main() -> None:
    build_cli()(prog_name="docket")

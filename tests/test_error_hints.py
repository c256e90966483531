"""Every error hint that names a docket command or an option names one the CLI really has."""

from __future__ import annotations

import re

import click

from docket.errors import CODES
from docket.faces.cli import build_cli


def _commands_and_options() -> tuple[set[str], set[str]]:
    commands: set[str] = set()
    options: set[str] = set()

    def walk(command: click.Command, path: str) -> None:
        commands.add(path)
        for param in command.params:
            options.update(o for o in param.opts + param.secondary_opts if o.startswith("--"))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}".strip())

    walk(build_cli(), "")
    return commands, options


def test_hints_name_real_commands_and_options() -> None:
    commands, options = _commands_and_options()
    wrong = []
    for code, (_, hint) in CODES.items():
        for named in re.findall(r"'docket ([a-z][a-z ]*?)(?: -h| --| [A-Z]|')", hint):
            if named.strip() not in commands:
                wrong.append(f"{code}: 'docket {named}' is not a command")
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", hint):
            if option not in options:
                wrong.append(f"{code}: {option} is not an option of any command")
    assert not wrong, "; ".join(wrong)

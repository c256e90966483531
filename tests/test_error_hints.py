"""Every error hint that names a docket command or an option names one the CLI really has."""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import click

from docket.errors import CODES
from docket.faces.cli import build_cli

REPO = Path(__file__).resolve().parents[1]
NAMED_COMMAND = re.compile(r"'docket ([a-z][a-z ]*?)(?: -h| --| [A-Z]|')")


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
        for named in NAMED_COMMAND.findall(hint):
            if named.strip() not in commands:
                wrong.append(f"{code}: 'docket {named}' is not a command")
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", hint):
            if option not in options:
                wrong.append(f"{code}: {option} is not an option of any command")
    assert not wrong, "; ".join(wrong)


def test_every_quoted_command_in_the_source_is_real() -> None:
    """Hints built in code (Problem(..., hint=...), messages) name real commands too: E020 once
    named 'docket review', which does not exist."""
    commands, _ = _commands_and_options()
    wrong = []
    for path in sorted((REPO / "src" / "docket").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for named in NAMED_COMMAND.findall(node.value):
                    if named.strip() not in commands:
                        wrong.append(f"{path.relative_to(REPO)}:{node.lineno}: 'docket {named}'")
    assert not wrong, "; ".join(wrong)


def test_hints_name_real_modules_and_make_targets() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text("utf-8"), re.M))
    wrong = []
    for code, (_, hint) in CODES.items():
        for module in re.findall(r"python -m ([a-z_.]+[a-z_])", hint):
            if importlib.util.find_spec(module) is None:
                wrong.append(f"{code}: no module {module}")
        for target in re.findall(r"\bmake ([a-z][a-z-]*)", hint):
            if target not in targets:
                wrong.append(f"{code}: no make target {target}")
    assert not wrong, "; ".join(wrong)

"""docket users: manage accounts (add, list, token, remove)."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

import click

from docket.accounts import ACCOUNT_ROLES
from docket.faces.cli.options import database_option, settings_from

if TYPE_CHECKING:
    from docket.accounts import Accounts


def _accounts(database_url: str | None) -> Accounts:
    from docket.accounts import Accounts
    from docket.store import open_store

    return Accounts(open_store(settings_from(database_url)))


def _who() -> str:
    return f"cli:{getpass.getuser()}"


@click.group("users")
def command() -> None:
    """Manage accounts: viewer (read), analyst (review), admin (users and tokens)."""


@command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ACCOUNT_ROLES), default="viewer", show_default=True)
@click.option(
    "--password/--no-password",
    default=True,
    show_default=True,
    help="Ask for a password (for the browser); --no-password makes a token-only account.",
)
@database_option
def add(name: str, role: str, password: bool, database_url: str | None) -> None:
    """Add the account NAME with a role."""
    secret = (
        click.prompt("password", hide_input=True, confirmation_prompt=True) if password else None
    )
    user = _accounts(database_url).add(name, role, secret, by=_who())
    click.echo(f"added {user.name} ({user.role})")


@command.command("list")
@database_option
def list_users(database_url: str | None) -> None:
    """List accounts and their roles."""
    for user in _accounts(database_url).list():
        click.echo(f"{user.name}\t{user.role}")


@command.command("token")
@click.argument("name")
@click.option("--label", default=None, help="What the token is for.")
@database_option
def token(name: str, label: str | None, database_url: str | None) -> None:
    """Make an API token for NAME and print it (once: only its hash is kept). Send it as
    'Authorization: Bearer TOKEN'."""
    click.echo(_accounts(database_url).make_token(name, by=_who(), label=label))


@command.command("remove")
@click.argument("name")
@database_option
def remove(name: str, database_url: str | None) -> None:
    """Remove the account NAME, its tokens and sessions."""
    _accounts(database_url).remove(name, by=_who())
    click.echo(f"removed {name}")

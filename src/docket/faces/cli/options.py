"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from docket.settings import Settings


def database_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--database URL, overriding DOCKET_DATABASE_URL."""
    return click.option(
        "--database",
        "database_url",
        default=None,
        metavar="URL",
        help="Store to use (SQLAlchemy URL); default DOCKET_DATABASE_URL or a SQLite file in the data folder.",
    )(func)


def settings_from(database_url: str | None = None, **overrides: Any) -> Settings:
    from docket.settings import load_settings

    return load_settings(database_url=database_url, **overrides)


def format_option(
    *choices: str, default: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def published_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--published",
        default=None,
        metavar="YYYY-MM-DD",
        help="Publication date of the document(s), the anchor for relative dates ('this Thursday').",
    )(func)


def parse_published(value: str | None) -> date | None:
    """The --published date, or E015."""
    from docket.read.stage import parse_date

    return parse_date(value, "--published")

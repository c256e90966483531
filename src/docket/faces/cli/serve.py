"""docket serve: the web app and JSON API."""

from __future__ import annotations

import click

from docket.faces.cli.options import database_option, settings_from


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default DOCKET_HOST, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default DOCKET_PORT, 8000).")
@database_option
def command(host: str | None, port: int | None, database_url: str | None) -> None:
    """Serve the web app (map, timeline, incidents, review queue) and the JSON API under /api.

    Bound to a loopback address (the default), it runs in single-user local mode: no login, you
    act as the local admin. Bound to any other address, every request needs a login or an API
    token; make accounts with 'docket users add'."""
    from docket.faces.api.serve import serve

    settings = settings_from(database_url, host=host, port=port)
    serve(settings, echo=click.echo)

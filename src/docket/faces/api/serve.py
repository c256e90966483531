"""Running the app with uvicorn, and the startup message that says who may use it."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator

from docket.faces.api.deps import is_loopback
from docket.settings import Settings
from docket.store.db import safe_url


def startup_message(settings: Settings) -> list[str]:
    url = f"http://{settings.host}:{settings.port}/"
    lines = [f"docket serving {url} (API under {url}api/, OpenAPI at {url}api/openapi.json)"]
    lines.append(f"store: {safe_url(settings.resolved_database_url)}")
    if is_loopback(settings.host):
        lines.append(
            "single-user local mode: bound to loopback only, no login; you act as the local admin"
        )
    else:
        lines.append(
            f"bound to {settings.host}: login required; add accounts with 'docket users add'"
        )
    return lines


def serve(settings: Settings, echo: Callable[[str], None] = print) -> None:
    """Serve the app until interrupted."""
    import uvicorn

    from docket.faces.api import create_app

    app = create_app(settings)
    for line in startup_message(settings):
        echo(line)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


@contextlib.contextmanager
def running(settings: Settings, *, local: bool | None = None) -> Iterator[str]:
    """Serve the app on a thread (for browser tests and screenshots); yields its base URL.

    ``settings.port`` 0 picks a free port."""
    import uvicorn

    from docket.faces.api import create_app

    app = create_app(settings, local=local)
    with socket.socket() as probe:
        probe.bind((settings.host, settings.port))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host=settings.host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="docket-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start on {settings.host}:{port}")
        time.sleep(0.05)
    try:
        yield f"http://{settings.host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)

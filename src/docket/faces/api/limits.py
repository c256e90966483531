"""What the server refuses before any route runs: bodies over ``DOCKET_MAX_REQUEST_BYTES`` (E055,
HTTP 413), and the answer it gives a refused request, JSON for API clients and a page for browsers.

The body limit is a plain ASGI middleware: it reads the body (up to the limit, whether or not the
client declared a ``Content-Length``) before the app sees it, so no route, form parser or JSON
decoder ever holds more than the limit.
"""

from __future__ import annotations

from html import escape

from starlette.datastructures import Headers
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from docket.errors import CODES
from docket.faces.api import errors


def refusal(path: str, accept: str, code: str, message: str) -> Response:
    """The error ``code`` as JSON under /api/ or for a client that does not ask for HTML, else a
    small page (no template, no store: nothing runs for a refused request)."""
    status = errors.status_of(code)
    headers = errors.headers_of(code)
    if path.startswith("/api/") or "text/html" not in accept:
        return JSONResponse(errors.body(code, message), status_code=status, headers=headers)
    meaning, hint = CODES[code]
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>docket: {escape(meaning)}</title></head><body><h1>{code} {escape(meaning)}</h1>"
        f"<p>{escape(message)}</p><p>{escape(hint)}</p></body></html>"
    )
    return HTMLResponse(page, status_code=status, headers=headers)


class BodyLimit:
    """Refuse request bodies larger than ``limit`` bytes with E055 (HTTP 413)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, headers, int(declared), receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._refuse(scope, headers, None, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(
        self, scope: Scope, headers: Headers, declared: int | None, receive: Receive, send: Send
    ) -> None:
        size = f"{declared:,} bytes" if declared is not None else "more bytes"
        message = (
            f"the request body has {size}; this server reads at most {self.limit:,} "
            "(DOCKET_MAX_REQUEST_BYTES)"
        )
        answer = refusal(scope.get("path", ""), headers.get("accept", ""), "E055", message)
        answer.headers["Connection"] = "close"
        await answer(scope, receive, send)

"""Errors as JSON with their stable codes, and the HTTP status each code maps to."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from docket.errors import CODES, DocketError

HTTP_STATUS = {
    "E012": 404,
    "E019": 404,
    "E030": 404,
    "E031": 404,
    "E090": 404,
    "E011": 410,
    "E013": 503,
    "E050": 503,
    "E051": 421,
    "E053": 429,
    "E015": 400,
    "E020": 400,
    "E033": 400,
    "E052": 400,
    "E054": 400,
    "E055": 413,
    "E056": 400,
    "E021": 403,
    "E034": 403,
    "E032": 401,
}


def body(code: str, message: str, hint: str = "") -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "meaning": CODES[code][0],
            "hint": hint or CODES[code][1],
        }
    }


# seconds a client is told to wait before trying again (Retry-After), by code
RETRY_AFTER = {"E013": 10, "E050": 2, "E053": 60}


def status_of(code: str) -> int:
    return HTTP_STATUS.get(code, 500)


def headers_of(code: str) -> dict[str, str] | None:
    """The headers an error answer carries: where to sign in (E032), when to retry (E013, E050,
    E053)."""
    if code == "E032":
        return {"WWW-Authenticate": "Bearer"}
    if code in RETRY_AFTER:
        return {"Retry-After": str(RETRY_AFTER[code])}
    return None


def docket_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DocketError)
    problem = exc.problem
    return JSONResponse(
        body(problem.code, problem.message, problem.hint),
        status_code=status_of(problem.code),
        headers=headers_of(problem.code),
    )


def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return JSONResponse(body("E033", "; ".join(parts) or "invalid request"), status_code=400)


def http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = {404: "E019", 405: "E033", 401: "E032", 403: "E021"}.get(exc.status_code, "E033")
    return JSONResponse(body(code, str(exc.detail)), status_code=exc.status_code)

"""Web pages: the map and timeline, an incident, a document, the review queue, the audit log,
login. Pages read through the store and write through docket.review (as the API and the CLI
do); forms that write carry the CSRF token and go through the same role checks as the API."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from docket import review as actions
from docket.errors import CODES, DocketError
from docket.faces.api.deps import (
    SESSION_COOKIE,
    Reader,
    caller,
    check_csrf,
    gazetteer,
    services,
)
from docket.faces.api.errors import headers_of, status_of
from docket.faces.api.highlights import highlights, segments
from docket.faces.api.routes.auth import set_session_cookie
from docket.faces.web import view
from docket.store import imported_from

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=HERE / "templates")  # autoescape is on for .html
    found.env.filters["number"] = view.number
    found.env.filters["toll"] = view.toll
    found.env.globals["current_values"] = view.current_values
    return found


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    try:
        who = caller(request)
        user, csrf = who.user, who.csrf or request.state.cookie_csrf
    except DocketError:
        user, csrf = None, request.state.cookie_csrf
    context |= {"user": user, "csrf": csrf, "local": services(request).local}
    return templates().TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, exc: Exception) -> Response:
    if isinstance(exc, DocketError):
        if exc.code == "E032":
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        code, message, status = exc.code, exc.problem.message, status_of(exc.code)
    elif isinstance(exc, HTTPException):
        code, message, status = "E019", str(exc.detail), exc.status_code
    else:
        code, message, status = "E033", str(exc), 400
    hint = CODES[code][1]
    answer = page(request, "error.html", status, code=code, message=message, hint=hint)
    answer.headers.update(headers_of(code) or {})
    return answer


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, _: Reader) -> HTMLResponse:
    return page(request, "map.html", filters=dict(request.query_params), choices=view.choices())


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, _: Reader) -> HTMLResponse:
    store = services(request).store
    stored = store.incident(incident_id)
    sources = []
    for source in stored.sources:
        extraction = store.extraction(source.id)
        marks = highlights(extraction, incident_id)
        sources.append(
            {
                "ref": source,
                "imported": imported_from(source),
                "segments": segments(extraction.document.text, marks),
                "figures": extraction.figures,
                "chart": view.figure_bars(extraction.figures),
            }
        )
    claims = store.claims_for(incident_id)
    history = store.history(incident_id, "incident")
    return page(
        request,
        "incident.html",
        stored=stored,
        incident=stored.incident,
        fields=view.evidence_fields(stored.incident),
        sides=view.sides(claims),
        sources=sources,
        history=history,
        changes=view.changes(history),
        editable=actions.EDITABLE,
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, _: Reader) -> HTMLResponse:
    store = services(request).store
    extraction = store.extraction(store.resolve_id(document_id))
    return page(
        request,
        "document.html",
        extraction=extraction,
        segments=segments(extraction.document.text, highlights(extraction)),
    )


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, _: Reader, status: str = "open") -> HTMLResponse:
    queue = services(request).store.review_queue(status)
    return page(
        request,
        "review.html",
        queue=queue,
        status=status,
        statuses=("open", *view.STATUSES),
        editable=actions.EDITABLE,
    )


@router.get("/incidents/{incident_id}/place", response_class=HTMLResponse)
def place_page(
    request: Request, incident_id: str, _: Reader, q: str = "", country: str = "", back: str = ""
) -> HTMLResponse:
    """The place picker: gazetteer entries for the words typed, each settable in one click."""
    stored = services(request).store.incident(incident_id)
    location = stored.incident.location
    wanted = q or (location.name or location.text if location else "")
    choices = actions.place_choices(gazetteer(request), wanted, country or None) if wanted else []
    return page(
        request,
        "place.html",
        incident=stored.incident,
        q=wanted,
        country=country,
        choices=choices,
        back=_local(back, f"/incidents/{incident_id}"),
    )


def _local(target: str, default: str) -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirects)."""
    return target if target.startswith("/") and not target.startswith("//") else default


@router.post("/review/{record_type}/{record_id}")
def review_form(
    request: Request,
    record_type: str,
    record_id: str,
    action: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    field: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
    into: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    who = caller(request)
    check_csrf(request, csrf)
    if not who.user.can("analyst"):
        raise DocketError("E021", f"{who.user.name} is {who.user.role}; reviewing needs analyst")
    store = services(request).store
    typed: Any = None
    if action == "edit" and field:
        typed = actions.form_value(field, value, store.record_data(record_type, record_id))
    actions.review(
        store,
        record_type,
        record_id,
        action,
        who.user.name,
        field=field or None,
        value=place if action == "place" else typed,
        into=into or None,
        reason=reason or None,
        gazetteer=gazetteer(request) if action == "place" else None,
    )
    return RedirectResponse(_local(back, "/review"), status_code=303)


AUDIT_PAGE = 100  # audit entries on one page


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request, _: Reader, page_number: Annotated[int, Query(ge=1, alias="page")] = 1
) -> HTMLResponse:
    store = services(request).store
    total = store.audit_count()
    last = max(1, -(-total // AUDIT_PAGE))
    number = min(page_number, last)
    entries = store.audit_log(AUDIT_PAGE, (number - 1) * AUDIT_PAGE)
    return page(request, "audit.html", entries=entries, page=number, last=last, total=total)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "login.html", next=next, failed=False)


@router.post("/login")
def login_form(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    if csrf != request.state.cookie_csrf:
        raise DocketError("E034", "login form without its CSRF token")
    started = services(request).accounts.login(
        name, password, request.client.host if request.client else None
    )
    if started is None:
        return page(request, "login.html", 401, next=next, failed=True)
    response = RedirectResponse(_local(next, "/"), status_code=303)
    set_session_cookie(response, started[0], request.url.scheme == "https")
    return response


@router.post("/logout")
def logout_form(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        check_csrf(request, csrf)
        services(request).accounts.logout(session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response

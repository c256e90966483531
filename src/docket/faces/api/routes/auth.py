"""Accounts over the API: who am I, log in and out (browser sessions), users and tokens (admin)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from docket.accounts import SESSION_HOURS
from docket.errors import DocketError
from docket.faces.api.deps import (
    CSRF_HEADER,
    SESSION_COOKIE,
    Admin,
    caller,
    check_csrf,
    services,
)
from docket.faces.api.schemas import ERRORS, LoginIn, Me, TokenIn, TokenOut, UserIn, UserOut

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERRORS)


@router.get("/me", response_model=Me, summary="The caller, their role and CSRF token")
def me(request: Request) -> dict[str, Any]:
    """Also answers before login (name and role null), with the token POST /login needs."""
    try:
        who = caller(request)
    except DocketError as exc:
        if exc.code != "E032":
            raise
        return {"name": None, "role": None, "local": False, "csrf": request.state.cookie_csrf}
    return {
        "name": who.user.name,
        "role": who.user.role,
        "local": services(request).local,
        "csrf": who.csrf,
    }


def set_session_cookie(response: Response, session_id: str, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        samesite="strict",
        secure=secure,
    )


@router.post("/login", response_model=Me, summary="Start a browser session (sets a cookie)")
def login(body: LoginIn, request: Request, response: Response) -> dict[str, Any]:
    sent = request.headers.get(CSRF_HEADER)
    if not sent or sent != request.state.cookie_csrf:
        raise DocketError("E034", "login without the page's CSRF token")
    started = services(request).accounts.login(
        body.name, body.password, request.client.host if request.client else None
    )
    if started is None:
        raise DocketError("E032", "wrong user name or password")
    session_id, session = started
    set_session_cookie(response, session_id, request.url.scheme == "https")
    return {
        "name": session.user.name,
        "role": session.user.role,
        "local": False,
        "csrf": session.csrf,
    }


@router.post("/logout", status_code=204, summary="End the browser session")
def logout(request: Request, response: Response) -> None:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        check_csrf(request, request.headers.get(CSRF_HEADER))
        services(request).accounts.logout(session_id)
    response.delete_cookie(SESSION_COOKIE)


@router.get("/users", response_model=list[UserOut], summary="Every account (admin)")
def list_users(request: Request, _: Admin) -> list[dict[str, Any]]:
    return [{"name": u.name, "role": u.role} for u in services(request).accounts.list()]


@router.post("/users", response_model=UserOut, status_code=201, summary="Add an account (admin)")
def add_user(body: UserIn, request: Request, user: Admin) -> dict[str, Any]:
    made = services(request).accounts.add(body.name, body.role, body.password, by=user.name)
    return {"name": made.name, "role": made.role}


@router.delete("/users/{name}", status_code=204, summary="Remove an account and its tokens (admin)")
def remove_user(name: str, request: Request, user: Admin) -> None:
    services(request).accounts.remove(name, by=user.name)


@router.post(
    "/users/{name}/tokens",
    response_model=TokenOut,
    status_code=201,
    summary="Make an API token for an account (admin); shown once",
)
def make_token(name: str, body: TokenIn, request: Request, user: Admin) -> dict[str, Any]:
    token = services(request).accounts.make_token(name, by=user.name, label=body.label)
    return {"user": name, "token": token}

"""Who is asking, and may they: the request's user from a Bearer token, a browser session or
single-user local mode, role checks for every write, and CSRF checks for browser writes.

Browser writes carry a CSRF token: the session's (after login) or, in local mode, the random
``docket_csrf`` cookie's value echoed back (double submit). Requests with a Bearer token carry no
ambient credentials and need none.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from docket.accounts import LOCAL_USER, Accounts, User
from docket.errors import DocketError
from docket.settings import Settings
from docket.store import Store

if TYPE_CHECKING:
    from docket.knowledge.gazetteer.store import Gazetteer

SESSION_COOKIE = "docket_session"
CSRF_COOKIE = "docket_csrf"
CSRF_HEADER = "x-csrf-token"
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class Services:
    """What the routes work with, built once per app."""

    settings: Settings
    store: Store
    accounts: Accounts
    local: bool  # single-user local mode: no login needed


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def _loopback_address(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:  # a name, not an address ("127.evil.example")
        return False


def host_name(header: str) -> str:
    """The name in a Host header, without its port ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(header: str, local: bool, allowed: list[str]) -> bool:
    """Whether a request naming this Host is served: in local mode only loopback names (so a
    web page cannot reach the local admin through a DNS-rebinding name); in team mode the
    configured ``allowed_hosts``, or any when none is configured."""
    name = host_name(header)
    if local:
        return name == "localhost" or _loopback_address(name)
    return not allowed or name in {h.lower() for h in allowed}


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def store(request: Request) -> Store:
    return services(request).store


def gazetteer(request: Request) -> Gazetteer:
    """The gazetteer named by the settings (opened once per process); E023 when not built."""
    from docket.knowledge.gazetteer.store import load_gazetteer

    return load_gazetteer(services(request).settings.resolved_gazetteer_path)


@dataclass(frozen=True)
class Caller:
    user: User
    csrf: str | None  # the token a browser write must echo; None for Bearer tokens


def caller(request: Request) -> Caller:
    """The user behind the request, or E032 when login is required and there is none."""
    cached: Caller | None = getattr(request.state, "caller", None)
    if cached is not None:
        return cached
    found = _find_caller(request)
    request.state.caller = found
    return found


def _find_caller(request: Request) -> Caller:
    svc = services(request)
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        user = svc.accounts.by_token(auth[7:].strip())
        if user is None:
            raise DocketError("E032", "the API token is not valid (revoked or mistyped)")
        return Caller(user, None)
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        session = svc.accounts.session(session_id)
        if session is not None:
            return Caller(session.user, session.csrf)
    if svc.local:
        return Caller(LOCAL_USER, request.state.cookie_csrf)
    raise DocketError("E032", "login required: this server is reachable beyond this machine")


def viewer(request: Request) -> User:
    """Any signed-in user (or the local user); for reading."""
    return caller(request).user


def check_csrf(request: Request, sent: str | None) -> None:
    """E034 unless a browser write echoes its CSRF token."""
    who = caller(request)
    if request.method in SAFE_METHODS or who.csrf is None:
        return
    if not sent or not hmac.compare_digest(sent, who.csrf):
        raise DocketError("E034", f"{request.method} {request.url.path} without its CSRF token")


def role(needed: str) -> Callable[[Request], User]:
    """A dependency: the caller, who must hold ``needed`` and, from a browser, echo the CSRF
    token in the X-CSRF-Token header."""

    def dependency(request: Request) -> User:
        who = caller(request)
        if not who.user.can(needed):
            raise DocketError(
                "E021", f"{who.user.name} is {who.user.role}; this needs the {needed} role"
            )
        check_csrf(request, request.headers.get(CSRF_HEADER))
        return who.user

    dependency.__name__ = f"require_{needed}"
    return dependency


analyst = role("analyst")
admin = role("admin")

# the dependencies routes declare, named once
Reader = Annotated[User, Depends(viewer)]
Analyst = Annotated[User, Depends(analyst)]
Admin = Annotated[User, Depends(admin)]
StoreDep = Annotated[Store, Depends(store)]

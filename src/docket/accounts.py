"""Accounts: users with a role, API tokens and browser sessions, every change audited.

Roles rise viewer < analyst < admin: a viewer reads, an analyst also reviews records, an admin
also manages users and tokens. Secrets are never stored in the clear: passwords are kept as scrypt
hashes (standard library), API tokens and session ids as SHA-256 digests; a token is shown once,
when it is made. The store keeps the rows (``Store.add_user`` and the rest); this module makes
and checks the secrets, the names and the roles.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from docket.errors import DocketError
from docket.login_limits import LoginLimits

if TYPE_CHECKING:
    from docket.store import Store, StoredUser

# Account roles, lowest first: a viewer reads, an analyst also reviews, an admin also manages.
ACCOUNT_ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")

SESSION_HOURS = 12
TOKEN_PREFIX = "dkt_"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# NIST SP 800-63B: memorized secrets of at least 8 characters, and at least 64 allowed; docket
# allows up to 1024 (longer ones cost scrypt time for nothing) and never truncates.
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
MAX_NAME = 64
MAX_LABEL = 200  # characters of an API token's label
# checked against when the account does not exist, so a login takes as long either way
_ABSENT = "scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 32


@dataclass(frozen=True)
class User:
    """Who is acting: a stored account, or the single local user of loopback mode."""

    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user holds ``role`` or a higher one."""
        return ACCOUNT_ROLES.index(self.role) >= ACCOUNT_ROLES.index(role)


# The one user of single-user local mode (bound to loopback, no login).
LOCAL_USER = User(id=0, name="local", role="admin")


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def check_new_password(password: str) -> None:
    """E052 unless the password's length is within NIST SP 800-63B's bounds as docket sets them."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise DocketError(
            "E052",
            f"a password of {len(password)} characters; use {MIN_PASSWORD} to {MAX_PASSWORD}",
        )


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, n, r, p, salt, digest = stored.split("$")
    found = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(found.hex(), digest)


def digest(secret: str) -> str:
    """How tokens and session ids are kept at rest."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _check_role(role: str) -> None:
    if role not in ACCOUNT_ROLES:
        raise DocketError("E033", f"unknown role {role!r}; use one of {', '.join(ACCOUNT_ROLES)}")


def _user(stored: StoredUser | None) -> User | None:
    return User(id=stored.id, name=stored.name, role=stored.role) if stored else None


class Accounts:
    """Users, tokens and sessions kept by the store; changes go to the store's audit log."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.limits = LoginLimits()

    def get(self, name: str) -> User:
        user = _user(self.store.user(name))
        if user is None:
            raise DocketError(
                "E019", f"no user called {name!r}", hint="list users with 'docket users list'"
            )
        return user

    def list(self) -> list[User]:
        return [User(id=u.id, name=u.name, role=u.role) for u in self.store.users()]

    def add(self, name: str, role: str, password: str | None, by: str) -> User:
        """A new account; without a password it can only use API tokens."""
        _check_role(role)
        if password is not None:
            check_new_password(password)
        if not name or len(name) > MAX_NAME or not name.replace("-", "").replace("_", "").isalnum():
            raise DocketError("E033", f"bad user name {name!r}: use letters, digits, - and _")
        self.store.add_user(name, role, hash_password(password) if password else None)
        self.store.audit(by, "user.add", name, {"role": role})
        return self.get(name)

    def remove(self, name: str, by: str) -> None:
        user = self.get(name)
        self.store.remove_user(user.id)
        self.store.audit(by, "user.remove", name, {"role": user.role})

    def make_token(self, name: str, by: str, label: str | None = None) -> str:
        """A new API token for the user, returned once; only its digest is kept."""
        if label is not None and len(label) > MAX_LABEL:
            raise DocketError(
                "E056",
                f"a token label of {len(label):,} characters; at most {MAX_LABEL} are accepted",
            )
        user = self.get(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        self.store.add_token(user.id, digest(token), label)
        self.store.audit(by, "token.create", name, {"label": label})
        return token

    def by_token(self, token: str) -> User | None:
        return _user(self.store.user_by_token(digest(token)))

    def login(
        self, name: str, password: str, client: str | None = None
    ) -> tuple[str, Session] | None:
        """A new session (its cookie value and CSRF token) when the password is right; E053
        after too many failed logins from ``client`` or for the account (``LoginLimits``)."""
        keys = [f"account:{name[:MAX_NAME]}"] + ([f"client:{client}"] if client else [])
        wait = self.limits.wait_s(keys)
        if wait:
            raise DocketError(
                "E053", f"too many failed logins; try again in {wait} s", hint=f"wait {wait} s"
            )
        if len(name) > MAX_NAME or len(password) > MAX_PASSWORD:
            stored = None  # no such account; never looked up, never stored whole
        else:
            stored = self.store.user(name)
        hashed = stored.password_hash if stored is not None and stored.password_hash else _ABSENT
        right = check_password(password[:MAX_PASSWORD], hashed)  # same work either way
        if stored is None or not stored.password_hash or not right:
            shown = name[:MAX_NAME] or "-"
            self.store.audit(shown, "login.failed", shown, {"name_length": len(name)})
            self.limits.failed(keys)
            return None
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        expires = _now() + timedelta(hours=SESSION_HOURS)
        self.store.add_session(stored.id, digest(session_id), csrf, expires)
        self.store.audit(name, "login", name, None)
        return session_id, Session(User(id=stored.id, name=stored.name, role=stored.role), csrf)

    def session(self, session_id: str) -> Session | None:
        found = self.store.session(digest(session_id))
        if found is None or found.expires_at < _now():
            return None
        user = found.user
        return Session(User(id=user.id, name=user.name, role=user.role), found.csrf)

    def logout(self, session_id: str) -> None:
        session = self.session(session_id)
        self.store.remove_session(digest(session_id))
        if session is not None:
            self.store.audit(session.user.name, "logout", session.user.name, None)

"""Accounts: users with a role, API tokens and browser sessions, every change audited.

Roles rise viewer < analyst < admin: a viewer reads, an analyst also reviews records, an admin
also manages users and tokens. Secrets are never stored in the clear: passwords are kept as scrypt
hashes (standard library), API tokens and session ids as SHA-256 digests; a token is shown once,
when it is made.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from docket.errors import DocketError
from docket.roles import ROLES
from docket.store import Store
from docket.store import accounts as t

SESSION_HOURS = 12
TOKEN_PREFIX = "dkt_"
SCRYPT = {"n": 2**14, "r": 8, "p": 1}


@dataclass(frozen=True)
class User:
    """Who is acting: a stored account, or the single local user of loopback mode."""

    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """Whether this user holds ``role`` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


# The one user of single-user local mode (bound to loopback, no login).
LOCAL_USER = User(id=0, name="local", role="admin")


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


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
    if role not in ROLES:
        raise DocketError("E033", f"unknown role {role!r}; use one of {', '.join(ROLES)}")


class Accounts:
    """Users, tokens and sessions in the store's database; changes go to the store's audit log."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def _user(self, row: Any) -> User | None:
        return User(id=row[0], name=row[1], role=row[2]) if row else None

    def get(self, name: str) -> User:
        u = t.users.c
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(u.id, u.name, u.role).where(u.name == name)).first()
        user = self._user(row)
        if user is None:
            raise DocketError(
                "E019", f"no user called {name!r}", hint="list users with 'docket users list'"
            )
        return user

    def list(self) -> list[User]:
        u = t.users.c
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(u.id, u.name, u.role).order_by(u.name))
            return [User(id=row[0], name=row[1], role=row[2]) for row in rows]

    def add(self, name: str, role: str, password: str | None, by: str) -> User:
        """A new account; without a password it can only use API tokens."""
        _check_role(role)
        if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").isalnum():
            raise DocketError("E033", f"bad user name {name!r}: use letters, digits, - and _")
        values = {
            "name": name,
            "role": role,
            "password_hash": hash_password(password) if password else None,
            "created_at": _now(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(t.users.insert(), values)
        except IntegrityError as exc:
            raise DocketError("E033", f"a user called {name!r} already exists") from exc
        self.store.audit(by, "user.add", name, {"role": role})
        return self.get(name)

    def remove(self, name: str, by: str) -> None:
        user = self.get(name)
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.user_id == user.id))
            conn.execute(t.api_tokens.delete().where(t.api_tokens.c.user_id == user.id))
            conn.execute(t.users.delete().where(t.users.c.id == user.id))
        self.store.audit(by, "user.remove", name, {"role": user.role})

    def make_token(self, name: str, by: str, label: str | None = None) -> str:
        """A new API token for the user, returned once; only its digest is kept."""
        user = self.get(name)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(
                t.api_tokens.insert(),
                {
                    "user_id": user.id,
                    "token_hash": digest(token),
                    "label": label,
                    "created_at": _now(),
                },
            )
        self.store.audit(by, "token.create", name, {"label": label})
        return token

    def by_token(self, token: str) -> User | None:
        u, k = t.users.c, t.api_tokens.c
        query = (
            sa.select(u.id, u.name, u.role)
            .join(t.api_tokens, k.user_id == u.id)
            .where(k.token_hash == digest(token))
        )
        with self.engine.begin() as conn:
            user = self._user(conn.execute(query).first())
            if user is not None:
                conn.execute(
                    t.api_tokens.update()
                    .where(k.token_hash == digest(token))
                    .values(last_used_at=_now())
                )
        return user

    def login(self, name: str, password: str) -> tuple[str, Session] | None:
        """A new session (its cookie value and CSRF token) when the password is right."""
        u = t.users.c
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(u.id, u.name, u.role, u.password_hash).where(u.name == name)
            ).first()
        if row is None or not check_password(password, row.password_hash):
            self.store.audit(name or "-", "login.failed", name or None, None)
            return None
        session_id = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = _now()
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.expires_at < now))
            conn.execute(
                t.sessions.insert(),
                {
                    "id_hash": digest(session_id),
                    "user_id": row.id,
                    "csrf": csrf,
                    "created_at": now,
                    "expires_at": now + timedelta(hours=SESSION_HOURS),
                },
            )
        self.store.audit(name, "login", name, None)
        return session_id, Session(User(id=row.id, name=row.name, role=row.role), csrf)

    def session(self, session_id: str) -> Session | None:
        u, s = t.users.c, t.sessions.c
        query = (
            sa.select(u.id, u.name, u.role, s.csrf, s.expires_at)
            .join(t.sessions, s.user_id == u.id)
            .where(s.id_hash == digest(session_id))
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None or row.expires_at < _now():
            return None
        return Session(User(id=row.id, name=row.name, role=row.role), row.csrf)

    def logout(self, session_id: str) -> None:
        session = self.session(session_id)
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.id_hash == digest(session_id)))
        if session is not None:
            self.store.audit(session.user.name, "logout", session.user.name, None)

"""Reading and writing accounts: users, API tokens and browser sessions (tables in
``account_tables``). Only digests and hashes reach this module; making and checking secrets,
roles and names is ``docket.accounts``'s job.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.store import account_tables as t
from docket.store.models import StoredSession, StoredUser


def _user(row: Any) -> StoredUser | None:
    if row is None:
        return None
    return StoredUser(id=row.id, name=row.name, role=row.role, password_hash=row.password_hash)


def _user_columns() -> tuple[Any, ...]:
    u = t.users.c
    return u.id, u.name, u.role, u.password_hash


def user(conn: Connection, name: str) -> StoredUser | None:
    query = sa.select(*_user_columns()).where(t.users.c.name == name)
    return _user(conn.execute(query).first())


def users(conn: Connection) -> list[StoredUser]:
    query = sa.select(*_user_columns()).order_by(t.users.c.name)
    return [StoredUser(**row._mapping) for row in conn.execute(query)]


def add_user(
    conn: Connection, name: str, role: str, password_hash: str | None, now: datetime
) -> None:
    """A new row in users (IntegrityError when the name is taken)."""
    values = {"name": name, "role": role, "password_hash": password_hash, "created_at": now}
    conn.execute(t.users.insert(), values)


def remove_user(conn: Connection, user_id: int) -> None:
    """The user, their sessions and their tokens."""
    conn.execute(t.sessions.delete().where(t.sessions.c.user_id == user_id))
    conn.execute(t.api_tokens.delete().where(t.api_tokens.c.user_id == user_id))
    conn.execute(t.users.delete().where(t.users.c.id == user_id))


def add_token(
    conn: Connection, user_id: int, token_hash: str, label: str | None, now: datetime
) -> None:
    values = {"user_id": user_id, "token_hash": token_hash, "label": label, "created_at": now}
    conn.execute(t.api_tokens.insert(), values)


def user_by_token(conn: Connection, token_hash: str) -> tuple[StoredUser, datetime | None] | None:
    """The token's user and when the token was last noted as used; None for an unknown token.

    Only reads: a request with a token must not take the write lock (see ``note_token_use``)."""
    k = t.api_tokens.c
    query = (
        sa.select(*_user_columns(), k.last_used_at)
        .join(t.api_tokens, k.user_id == t.users.c.id)
        .where(k.token_hash == token_hash)
    )
    row = conn.execute(query).first()
    found = _user(row)
    if row is None or found is None:
        return None
    return found, row.last_used_at


def note_token_use(conn: Connection, token_hash: str, now: datetime) -> None:
    conn.execute(
        t.api_tokens.update()
        .where(t.api_tokens.c.token_hash == token_hash)
        .values(last_used_at=now)
    )


def add_session(
    conn: Connection, user_id: int, id_hash: str, csrf: str, now: datetime, expires_at: datetime
) -> None:
    """A new session; sessions already expired are cleared away."""
    conn.execute(t.sessions.delete().where(t.sessions.c.expires_at < now))
    values = {
        "id_hash": id_hash,
        "user_id": user_id,
        "csrf": csrf,
        "created_at": now,
        "expires_at": expires_at,
    }
    conn.execute(t.sessions.insert(), values)


def session(conn: Connection, id_hash: str) -> StoredSession | None:
    """The session with this digest (expired or not), or None."""
    s = t.sessions.c
    query = (
        sa.select(*_user_columns(), s.csrf, s.expires_at)
        .join(t.sessions, s.user_id == t.users.c.id)
        .where(s.id_hash == id_hash)
    )
    row = conn.execute(query).first()
    found = _user(row)
    if row is None or found is None:
        return None
    return StoredSession(user=found, csrf=row.csrf, expires_at=row.expires_at)


def remove_session(conn: Connection, id_hash: str) -> None:
    conn.execute(t.sessions.delete().where(t.sessions.c.id_hash == id_hash))

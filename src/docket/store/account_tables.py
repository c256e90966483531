"""Account tables (users, API tokens, browser sessions), in the store's one MetaData.

Migration ``0002_accounts`` creates exactly these. Secrets are never stored: passwords as scrypt
hashes, API tokens and session ids as SHA-256 digests (see ``docket.accounts``). The queries
over them are in ``docket.store.accounts``.
"""

from __future__ import annotations

import sqlalchemy as sa

from docket.store.tables import UTCDateTime, metadata

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),  # viewer, analyst, admin
    sa.Column("password_hash", sa.Text),  # scrypt$n$r$p$salt$hash; null: token-only account
    sa.Column("created_at", UTCDateTime, nullable=False),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # sha256 hex
    sa.Column("label", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_used_at", UTCDateTime),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),  # sha256 hex of the cookie value
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)

"""Account roles, lowest first: a viewer reads, an analyst also reviews, an admin also manages."""

from __future__ import annotations

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")

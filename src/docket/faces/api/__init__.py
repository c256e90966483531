"""The JSON API (FastAPI): one router per resource under /api; see docs/api.md."""

from docket.faces.api.app import create_app

__all__ = ["create_app"]

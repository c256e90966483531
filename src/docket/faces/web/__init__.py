"""The web app: server-rendered pages (Jinja2, autoescaped) over the store, plus the map and
timeline scripts in static/. See docs/web.md."""

from docket.faces.web.routes import STATIC, error_page, router

__all__ = ["STATIC", "error_page", "router"]

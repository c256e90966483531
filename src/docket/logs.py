"""Where docket's log goes: unexpected errors (E099) are logged with their traceback.

Without configuration the ``docket`` logger's errors reach standard error through Python's
last-resort handler. :func:`log_to_file` sends them to ``DATA_DIR/docket.log`` instead, as
``docket ingest`` does, so a long batch keeps every traceback beside the store.
"""

from __future__ import annotations

import logging
from pathlib import Path

from docket.settings import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_path(settings: Settings) -> Path:
    return settings.data_dir / "docket.log"


def log_to_file(settings: Settings) -> Path:
    """Append the ``docket`` log (warnings and errors) to ``DATA_DIR/docket.log``; idempotent."""
    path = log_path(settings).resolve()
    logger = logging.getLogger("docket")
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    return path

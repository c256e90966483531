"""Which language a text is in, with a statistical identifier shipped in its package."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of the text's language and the identifier's probability."""
    sample = text[:5000]
    if not sample.strip():
        return "und", 0.0
    language, probability = _identifier().classify(sample)
    return str(language), float(probability)

"""How place names are compared: one normal form for the index and for lookups."""

from __future__ import annotations

import re
import unicodedata

# Abbreviations written either way in place names ("St. Louis", "Saint Louis").
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = str.maketrans("", "", "'’`ʻʼ")


def normalise(name: str) -> str:
    """``name`` lower-cased, without accents, apostrophes or punctuation, abbreviations spelt out."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    words = _NON_WORD.sub(" ", plain).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def is_latin(name: str) -> bool:
    """Whether the normal form of a name is plain ASCII (alternate names in other scripts are
    left out of the index: docket reads English)."""
    return bool(name) and name.isascii()


def without_article(name: str) -> str:
    """A normalised name without a leading 'the'."""
    return name[4:] if name.startswith("the ") else name

"""How place names are compared: one normal form for the index and for lookups."""

from __future__ import annotations

import difflib
import re
import unicodedata

# Abbreviations written either way in place names ("St. Louis", "Saint Louis").
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_NON_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = str.maketrans("", "", "'’`ʻʼ")
# letters that Unicode does not decompose into a base letter and an accent, written as English
# maps write them ("Østfold" = "Ostfold", "Łódź" = "Lodz", "Đà Nẵng" = "Da Nang"), and "&" as
# "and" ("Trinidad & Tobago")
_LETTERS = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ħ": "h", "Ħ": "H", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
        "þ": "th", "Þ": "Th", "&": " and ",
    }
)  # fmt: skip


def normalise(name: str) -> str:
    """``name`` lower-cased, without accents, apostrophes or punctuation, abbreviations spelt out."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES).translate(_LETTERS))
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


# how alike two spellings of one place must be (difflib's ratio over their normal forms:
# "Ghowr" and "Ghōr" 0.89, "Oruzgan" and "Uruzgān" 0.86), or else one letter apart in names of
# five letters or more: one letter more or less, or one letter for another that transliterations
# trade ("Parvan" and "Parwān", "Konar" and "Kunar"; not "Taiwan" and "Tainan")
SPELLING_LIKENESS = 0.85
_TRADED_LETTERS = ("aeiouy", "vw", "kcq", "jg")


def spelling_likeness(a: str, b: str) -> float:
    """How alike two names in normal form are: difflib's ratio, raised to the threshold where
    they are one letter apart (``SPELLING_LIKENESS``)."""
    matcher = difflib.SequenceMatcher(None, a, b)
    ratio = matcher.ratio()
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if min(len(a), len(b)) < 5 or len(edits) != 1:
        return ratio
    tag, i, j, k, m = edits[0]
    one_more_or_less = tag in ("insert", "delete") and (j - i) + (m - k) == 1
    traded = (
        tag == "replace"
        and j - i == 1
        and m - k == 1
        and any(a[i] in letters and b[k] in letters for letters in _TRADED_LETTERS)
    )
    return max(ratio, SPELLING_LIKENESS) if one_more_or_less or traded else ratio

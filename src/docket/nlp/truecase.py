"""Truecasing for uniformly cased text (all lower or all upper case: telex-style reports,
lower-cased corpora), so the statistical model's tagger, parser and NER see ordinary case.

Used only when a text is uniformly cased (:func:`uniform_case`). The result has exactly the
length of the input and differs from it in case only, so every offset stays valid. Rules, in
order: everything lower case; names from a case lexicon restored (the actor registry's names,
aliases, acronyms, capitals and demonyms; gazetteer places of 15,000 people or more, single words
only when they are not ordinary English words); words the English model's lemma tables do not know
(after its suffix rules) capitalised as likely names; "i" and sentence starts capitalised.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SENTENCE_END = re.compile(r"(?:^|[.!?]['\")\]]*\s+|\n\s*\n\s*|--\s+)$")
MAX_WORDS = 5
CALENDAR = set(
    [
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
MIN_POPULATION = 15000
English = tuple[set[str], dict[str, list[list[str]]], dict[str, set[str]]]
GAZETTEER = Path(__file__).parent.parent / "knowledge" / "built" / "gazetteer.sqlite"


def uniform_case(text: str, threshold: float = 0.02) -> bool:
    """Whether fewer than ``threshold`` of the letters of ``text`` differ from its dominant case."""
    cased = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(cased) < 20:
        return False
    upper = sum(1 for c in cased if c.isupper())
    return min(upper, len(cased) - upper) < threshold * len(cased)


def _english(nlp: Any) -> English:
    """Known words (lemma index and exceptions, stop words), suffix rules, index by POS."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = {w.lower() for w in STOP_WORDS}
    rules: dict[str, list[list[str]]] = {}
    index: dict[str, set[str]] = {}
    if "lemmatizer" in getattr(nlp, "pipe_names", []):
        lookups = nlp.get_pipe("lemmatizer").lookups
        for table_name in ("lemma_index", "lemma_exc", "lemma_rules"):
            if table_name not in lookups.tables:
                continue
            table = lookups.get_table(table_name)
            for pos in table:
                value = table[pos]
                if table_name == "lemma_index":
                    index[pos] = set(value)
                    words |= set(value)
                elif table_name == "lemma_exc":
                    words |= set(value)
                else:
                    rules[pos] = list(value)
    return words, rules, index


def _known(word: str, english: English) -> bool:
    words, rules, index = english
    if word in words:
        return True
    for pos, pairs in rules.items():
        for old, new in pairs:
            if old and word.endswith(old) and word[: -len(old)] + new in index.get(pos, ()):
                return True
    return False


@lru_cache(maxsize=1)
def case_lexicon() -> dict[str, str]:
    """Lower-case phrase -> its usual casing, from the actor registry and the gazetteer."""
    from docket.knowledge.actors.registry import load_registry

    lexicon: dict[str, str] = {}
    if GAZETTEER.exists():
        with sqlite3.connect(f"file:{GAZETTEER}?mode=ro", uri=True) as db:
            rows = db.execute(
                "SELECT name FROM places WHERE population >= ? OR kind IN ('country', 'admin1')",
                (MIN_POPULATION,),
            )
            for (name,) in rows:
                lexicon.setdefault(name.lower(), name)
    for name in load_registry().names:
        lexicon[name.lower()] = name
    return {k: v for k, v in lexicon.items() if len(k) == len(v) and not k.isupper()}


def _registry_words() -> set[str]:
    from docket.knowledge.actors.registry import load_registry

    return {n.lower() for n in load_registry().names}


def truecase(text: str, nlp: Any = None) -> str:
    """``text`` with ordinary case restored; same length, differs from ``text`` in case only."""
    english = _cached_english(nlp)
    lexicon = case_lexicon()
    registry = _cached_registry_words()
    out = list(text.lower())
    words = list(WORD.finditer(text))
    i = 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            group = words[i : i + n]
            if any(
                text[a.end() : b.start()] not in (" ", "-")
                for a, b in zip(group, group[1:], strict=False)
            ):
                continue
            key = text[group[0].start() : group[-1].end()].lower()
            cased = lexicon.get(key)
            if cased is None or (
                n == 1 and _known(key, english) and (key not in registry or cased.isupper())
            ):
                continue
            out[group[0].start() : group[-1].end()] = cased
            i += n
            break
        else:
            word = words[i]
            low = word.group().lower()
            base = re.sub(r"['’]s$", "", low)
            if low == "i" or low in CALENDAR or (len(base) > 2 and not _known(base, english)):
                out[word.start()] = out[word.start()].upper()
            i += 1
    for word in words:
        if SENTENCE_END.search(text, max(0, word.start() - 20), word.start()) or word.start() == 0:
            out[word.start()] = out[word.start()].upper()
    result = "".join(out)
    return result if len(result) == len(text) else text


@lru_cache(maxsize=2)
def _cached_english(nlp: Any) -> English:
    return _english(nlp)


@lru_cache(maxsize=1)
def _cached_registry_words() -> set[str]:
    return _registry_words()

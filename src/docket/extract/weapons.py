"""Weapon mentions: the weapon lexicon matched over a parsed document's tokens and lemmas.

The longest lexicon term wins. Single-word terms must be nouns, proper nouns or adjectives in the
parse (so "mine" the pronoun and "bombed" the verb are not weapons). A generic word with a
demonstrative ("these munitions", "this type of ammunition") takes the class of the last specific
weapon named before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket.extract.lexicons import weapon_terms
from docket.nlp.doc_text import doc_text

NOUNISH = {"NOUN", "PROPN", "ADJ", "X"}
DEMONSTRATIVES = {"this", "these", "those", "that", "such", "the", "its", "their"}
MAX_TERM = 5


@dataclass
class WeaponHit:
    """A weapon term found at tokens ``[i, j)`` of the doc (character offsets ``start``/``end``)."""

    i: int
    j: int
    start: int
    end: int
    text: str
    weapon_class: str
    kind: str  # weapon, method, generic
    anaphoric: bool = False

    @property
    def head(self) -> int:
        return self.j - 1


def _matches(word: str, token: Any) -> bool:
    return word == token.lower_ or word == token.lemma_.lower()


def find_weapons(doc: Any) -> list[WeaponHit]:
    """Weapon mentions in ``doc``, left to right, not overlapping."""
    terms = weapon_terms()
    tokens = [t for t in doc if t.text != "-"]
    hits: list[WeaponHit] = []
    k = 0
    while k < len(tokens):
        found = None
        for n in range(min(MAX_TERM, len(tokens) - k), 0, -1):
            window = tokens[k : k + n]
            for key in _candidates(window):
                term = terms.get(key)
                if term is None:
                    continue
                last = window[-1]
                if n == 1 and last.pos_ not in NOUNISH:
                    continue
                if last.pos_ == "VERB":
                    continue
                found = (n, term)
                break
            if found:
                break
        if found is None:
            k += 1
            continue
        n, term = found
        first, last = tokens[k], tokens[k + n - 1]
        # extend over a following head noun the term modifies ("cluster bomb attacks" stays two)
        hits.append(
            WeaponHit(
                first.i,
                last.i + 1,
                first.idx,
                last.idx + len(last.text),
                doc_text(doc)[first.idx : last.idx + len(last.text)],
                term.weapon_class,
                term.kind,
            )
        )
        k += n
    _resolve_generics(doc, hits)
    return [h for h in hits if h.kind != "generic" or h.anaphoric or h.weapon_class != "other"]


def _candidates(window: list[Any]) -> list[tuple[str, ...]]:
    """The token keys a window may match: surface forms, with the last word also as its lemma."""
    surface = tuple(t.lower_ for t in window)
    keys = [surface]
    for form in (window[-1].lemma_.lower(), singular(surface[-1])):
        key = (*surface[:-1], form)
        if key not in keys:
            keys.append(key)
    return keys


def singular(word: str) -> str:
    """A plural noun's singular by English suffix rules (the tagger misses capitalised plurals)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _resolve_generics(doc: Any, hits: list[WeaponHit]) -> None:
    """Give a demonstrative generic reference the class of the last specific weapon before it."""
    last_specific: WeaponHit | None = None
    for hit in hits:
        if hit.kind == "weapon" and hit.weapon_class not in ("explosive_unspecified", "other"):
            last_specific = hit
            continue
        if hit.kind != "generic" or last_specific is None:
            continue
        head = doc[hit.head]
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        # "this type of ammunition": the determiner sits on the governing noun
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ == "of":
            noun = head.head.head
            if noun.lemma_.lower() in ("type", "kind", "sort", "class", "use"):
                dets |= {c.lower_ for c in noun.children if c.dep_ == "det"}
        if dets & DEMONSTRATIVES:
            hit.weapon_class = last_specific.weapon_class
            hit.anaphoric = True

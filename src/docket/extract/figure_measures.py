"""Numbers and their measures for the extract.figures stage.

A figure is a number tied to a *measure* word by the parse: the noun it counts ("5000 deaths"),
the verb its noun is an argument of ("12 people were killed"), or the subject of the clause it
is the value of ("the death toll rose to 50"). The words come from ``knowledge/figure_words.csv``
(:func:`docket.extract.figure_words.figure_words`). A figure's scope comes from a prepositional
phrase ("on each side", "from the Upper Karabakh region").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docket.analysis import Analysis
from docket.extract.figure_words import figure_words
from docket.record import Number

# Figures are stored as integers; a value beyond a signed 64-bit integer is not a count anyone
# reports and would not fit the store, so such a number is read as no figure at all.
MAX_VALUE = 2**63 - 1
FOLD = re.compile(r"^(\w+?)-?fold$", re.IGNORECASE)


@dataclass
class Quantity:
    """A number in the parse: its tokens ``doc[i:j]`` and its value."""

    i: int
    j: int
    number: Number
    unit: str | None = None


# --- numbers ---------------------------------------------------------------------------------


def has_value(number: Number) -> bool:
    """Whether a number says how many: a bound within a 64-bit integer, or a vague amount."""
    bounds = [v for v in (number.low, number.best, number.high) if v is not None]
    return bool(bounds) and all(0 <= v <= MAX_VALUE for v in bounds)


def quantities_of(analysis: Analysis, doc: Any) -> list[Quantity]:
    """The resolve.quantities stage's numbers, as token ranges of the parse."""
    found: list[Quantity] = []
    for ref in analysis.quantities:
        span = doc.char_span(ref.span.start, ref.span.end, alignment_mode="expand")
        if span is None or len(span) == 0 or not has_value(ref.number):
            continue
        unit = extra_of(ref, "unit") or extra_of(ref.number, "unit")
        if unit is None and any(FOLD.match(t.lower_) for t in span):
            unit = "fold"
        found.append(Quantity(span.start, span.end, ref.number, unit=unit))
    return found


def extra_of(model: Any, name: str) -> Any:
    return (model.model_extra or {}).get(name)


# --- measure and scope ---------------------------------------------------------------------


def value_token(doc: Any, q: Quantity) -> Any:
    """The token that carries the number: the numeric or vague word of the quantity whose head
    lies outside it (in "between 10 and 15 civilians", "10", which modifies "civilians")."""
    numeric = [
        t
        for t in doc[q.i : q.j]
        if t.like_num or t.lower_ in figure_words().vague or FOLD.match(t.lower_)
    ] or [doc[q.j - 1]]
    outside = [t for t in numeric if not q.i <= t.head.i < q.j or t.head.i == t.i]
    return (outside or numeric)[-1]


def noun_measure(token: Any) -> str | None:
    """The measure a noun (with its compounds and modifiers) stands for: "death toll" -> killed."""
    lists = figure_words()
    words = [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "nmod"))]
    for word in words:
        lemma, lower = word.lemma_.lower(), word.lower_
        if lemma in ("agreement", "deal") and any(
            c.lemma_.lower() in ("ceasefire", "truce") for c in words
        ):
            return "ceasefires"
        if word is token and lower in lists.nouns or lemma in lists.nouns:
            return lists.nouns.get(lower) or lists.nouns[lemma]
        if word.pos_ in ("ADJ", "VERB") and lemma in lists.adjectives:
            return lists.adjectives[lemma]
    return None


def verb_measure(token: Any) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "ADJ", "AUX"):
        lists = figure_words()
        return lists.verbs.get(lemma) or lists.adjectives.get(lemma)
    return None


def measure_of(doc: Any, q: Quantity) -> tuple[str, list[Any]] | None:
    """The measure of quantity ``q`` and the tokens that gave it, or None."""
    value = value_token(doc, q)
    if q.unit == "fold":
        return "other", [value.head]
    nouns = [value] if value.pos_ in ("NOUN", "PROPN") else []
    if value.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det"):
        nouns.append(value.head)
    for noun in list(nouns):  # "thousands of displaced people"
        nouns.extend(
            p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
        )
    for noun in nouns:
        measure = noun_measure(noun)
        if measure:
            return measure, [noun]
    for arg in [*nouns, value]:
        if arg.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj", "appos") and verb_measure(
            arg.head
        ):
            return str(verb_measure(arg.head)), [arg.head]
        for child in arg.children:  # "12 people killed in the raid"
            if child.dep_ in ("acl", "relcl", "amod") and verb_measure(child):
                return str(verb_measure(child)), [child]
    if value.dep_ == "pobj" and value.head.dep_ == "prep":  # "the toll rose to 50"
        clause = value.head.head
        for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
            measure = noun_measure(subject)
            if measure:
                return measure, [subject]
    return None


def phrase_without_clauses(token: Any) -> tuple[int, int]:
    """Token range of ``token``'s phrase, leaving out relative clauses and trailing phrases."""
    skip = {
        t.i
        for c in token.children
        if c.dep_ in ("relcl", "acl", "prep", "punct")
        for t in c.subtree
    }
    kept = [t.i for t in token.subtree if t.i not in skip]
    return min(kept), max(kept) + 1


def scope_of(analysis: Analysis, doc: Any, tokens: list[Any]) -> tuple[str | None, int]:
    """The scope ("each side", a region) from a prepositional phrase, and where it ends."""
    for token in tokens:
        for prep in (
            c
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in figure_words().scope_prepositions
        ):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                i, j = phrase_without_clauses(obj)
                start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
                if obj.lemma_.lower() == "side":
                    return doc[i:j].text, end
                for place in analysis.places:
                    if place.span and place.span.start < end and start < place.span.end:
                        return place.name or place.text, end
                if any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in doc[i:j]):
                    words = doc[i + 1 : j] if doc[i].lower_ == "the" else doc[i:j]
                    return words.text, end
    return None, 0

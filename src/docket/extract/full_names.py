"""Persons named in full: a victim or perpetrator named by part of a name gets the fullest form
of that name the document gives.

News introduces a person by full name and then uses part of it ("Senator Federico Estrada
Velez ... Estrada Velez"; "Hector Oqueli Colindres ... Oqueli"). The model's entities often cut a
name in two, and in uniformly cased text they miss names altogether, so names are read from the
parse: a name is a run of proper nouns (or PERSON tokens) whose words lean on the last one
(compound or flat), without titles, dates, numbers or demonyms, so a title-case headline ("Suicide
Bombers Attack Mosque") is no name. A filler that is a name takes the run it sits in, and then the longest run of the
document that holds its words in order, when exactly one such longest form exists ("Perez" with
both "Henry Perez" and "Marcelo Perez" in the document stays "Perez"). A phrase the model's
entity cut too wide ("U.S. citizen Scott Heyndal") keeps its longest stretch of name words, when
that holds the phrase's head. The filler's ``text`` becomes the full name; its span widens only
over the words beside it.
"""

from __future__ import annotations

from typing import Any

from docket.analysis import Analysis
from docket.extract.lexicons import people_word
from docket.record import Incident, Perpetrator, Span, Victim
from docket.resolve.actors.persons import HONORIFICS, TITLE_WORDS

MAX_WORDS = 6
NOT_NAME_ENTITIES = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# titles and honorifics, also without their full stop ("col vargas" in telex text), and clergy
NOT_NAME_WORDS = (
    {w.rstrip(".") for w in TITLE_WORDS | HONORIFICS}
    | TITLE_WORDS
    | HONORIFICS
    | {"msgr", "monsignor", "rev", "reverend", "fr"}
)


def _name_word(token: Any) -> bool:
    return (
        (token.pos_ == "PROPN" or token.ent_type_ == "PERSON")
        and token.is_alpha
        and token.ent_type_ not in NOT_NAME_ENTITIES
        and token.lower_ not in NOT_NAME_WORDS
        and not people_word(token.lower_)  # "U.S. citizen Scott Heyndal"
    )


def name_runs(doc: Any) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the document's runs of name words (at most MAX_WORDS)."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for token in [*doc, None]:
        if token is not None and _name_word(token):
            start = token.i if start is None else start
            if token.dep_ in ("compound", "flat"):
                continue  # a name's words lean on its last one
            end = token.i + 1
        else:
            end = len(doc) if token is None else token.i
        if start is not None and end - start <= MAX_WORDS:
            runs.append((start, end))
        start = None
    return runs


class Names:
    """The name runs of one parsed document, and the full name behind part of one."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        runs = name_runs(doc)
        self.run_of = {i: run for run in runs for i in range(*run)}
        forms = [tuple(t.lower_ for t in doc[a:b]) for a, b in runs]
        self.first_run: dict[tuple[str, ...], tuple[int, int]] = {}
        self.holding: dict[str, set[tuple[str, ...]]] = {}  # word -> the forms holding it
        for run, words in zip(runs, forms, strict=True):
            self.first_run.setdefault(words, run)
            for word in words:
                self.holding.setdefault(word, set()).add(words)

    def full(self, start: int, end: int) -> tuple[int, int, str] | None:
        """For a phrase at character offsets [start, end) made of name words: the offsets of the
        name run it sits in and the fullest form of that name in the document; None when the
        phrase is not a name."""
        doc = self.doc
        found = doc.char_span(start, end, alignment_mode="expand")
        tokens = [t for t in found or [] if t.pos_ != "DET" and not t.is_punct and t.tag_ != "POS"]
        tokens = _longest_named(tokens, self.run_of)
        if not tokens or found is None or found.root not in tokens:
            return None  # not a name, or a name inside another phrase ("the mayor of Medellin")
        first = min(self.run_of[t.i][0] for t in tokens)
        last = max(self.run_of[t.i][1] for t in tokens)
        words = tuple(t.lower_ for t in doc[first:last])
        forms = self.holding.get(words[0], set())
        longer = {f for f in forms if len(f) > len(words) and _holds(f, words)}
        best = max(map(len, longer), default=0)
        longest = [f for f in longer if len(f) == best]
        a, b = self.first_run[longest[0]] if len(longest) == 1 else (first, last)
        return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text), doc[a:b].text


def complete(analysis: Analysis, incidents: list[Incident]) -> None:
    """Give each victim and each person (or untyped) perpetrator that is named by part of a name
    the full name the document gives."""
    if analysis.doc is None or not incidents:
        return
    names = Names(analysis.doc)
    for incident in incidents:
        people: list[Perpetrator | Victim] = [
            p for p in incident.perpetrators if p.type in (None, "person")
        ]
        for item in [*people, *incident.victims]:
            if item.span is None:
                continue
            found = names.full(item.span.start, item.span.end)
            if found is None:
                continue
            start, end, item.text = found
            if start < item.span.start or end > item.span.end:
                start, end = min(start, item.span.start), max(end, item.span.end)
                item.span = Span.of(analysis.text, start, end)


def _holds(longer: tuple[str, ...], words: tuple[str, ...]) -> bool:
    n = len(words)
    return any(longer[i : i + n] == words for i in range(len(longer) - n + 1))


def _longest_named(tokens: list[Any], run_of: dict[int, tuple[int, int]]) -> list[Any]:
    """The longest stretch of name words in a phrase (the first of equals): an entity the model
    cut too wide ("Spaniard Francisco Puja", "Roberto Roascio of Milan") holds its name there."""
    best: list[Any] = []
    current: list[Any] = []
    for token in tokens:
        if token.i in run_of and (not current or token.i == current[-1].i + 1):
            current.append(token)
        else:
            current = [token] if token.i in run_of else []
        if len(current) > len(best):
            best = list(current)
    return best

"""The word lists of the extract.figures stage, read from ``knowledge/figure_words.csv``.

Measure words (nouns, verbs and adjectives, each with the figure measure it gives), vague amounts,
scope prepositions and the extra reporting verbs that put a number on record. The file is read
once per process (``lru_cache``); nothing is read at import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from docket.extract.cues import knowledge_path, load_lexicon


@dataclass(frozen=True)
class FigureWords:
    """The figure word lists: measure by word for each part of speech, and plain word sets."""

    nouns: dict[str, str]
    verbs: dict[str, str]
    adjectives: dict[str, str]
    vague: frozenset[str]
    scope_prepositions: frozenset[str]
    figure_verbs: frozenset[str]


@lru_cache(maxsize=1)
def figure_words() -> FigureWords:
    """The figure word lists shipped with docket."""
    with knowledge_path("figure_words.csv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    measures: dict[str, dict[str, str]] = {"noun": {}, "verb": {}, "adjective": {}}
    words: dict[str, set[str]] = {"vague": set(), "scope_preposition": set(), "figure_verb": set()}
    for row in csv.DictReader(lines):
        word, kind, measure = row["word"].strip().lower(), row["kind"].strip(), row["measure"]
        if kind in measures:
            measures[kind][word] = measure.strip()
        else:
            words[kind].add(word)
    return FigureWords(
        nouns=measures["noun"],
        verbs=measures["verb"],
        adjectives=measures["adjective"],
        vague=frozenset(words["vague"]),
        scope_prepositions=frozenset(words["scope_preposition"]),
        figure_verbs=frozenset(words["figure_verb"]),
    )


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Verbs that attribute a figure: the claims lexicon's reporting verbs and the figure verbs."""
    return frozenset(load_lexicon().verbs) | figure_words().figure_verbs

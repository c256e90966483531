"""The attribution lexicons: reporting cues with their stance, hedges, and learned cue weights.

The files live in ``docket/knowledge`` (``reporting_verbs.csv``, ``hedges.csv`` and
``models/cue_weights.csv``, the last written by ``training/train_attribution.py``); the event
verbs and nouns come from the incident lexicon ``event_triggers.csv``. Each loader
reads its file once per process (``lru_cache``); nothing is read at import.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docket.extract.lexicons import triggers

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@dataclass(frozen=True)
class Cue:
    """A reporting cue: a lemma (or phrase of lemmas), its kind and the stance it gives."""

    cue: str
    kind: str
    stance: str
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Reporting verbs by lemma, multi-word phrases, nouns, and hedges."""

    verbs: dict[str, Cue]
    phrases: dict[str, Cue]
    nouns: dict[str, Cue]
    hedge_words: frozenset[str]
    hedge_lemmas: frozenset[str]
    hedge_phrases: tuple[str, ...]
    event_verbs: frozenset[str] = frozenset()  # verbs of the event-trigger lexicon
    event_nouns: frozenset[str] = frozenset()  # nouns that name an event (cannot speak)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def knowledge_path(name: str) -> Path:
    return KNOWLEDGE / name


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The reporting-cue and hedge lexicons shipped with docket."""
    verbs: dict[str, Cue] = {}
    phrases: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    for row in _rows(knowledge_path("reporting_verbs.csv")):
        cue = Cue(row["cue"].strip(), row["kind"].strip(), row["stance"].strip(), row["note"] or "")
        {"verb": verbs, "phrase": phrases, "noun": nouns}[cue.kind][cue.cue] = cue
    words: set[str] = set()
    lemmas: set[str] = set()
    hedge_phrases: list[str] = []
    for row in _rows(knowledge_path("hedges.csv")):
        hedge, kind = row["hedge"].strip().lower(), row["kind"].strip()
        if kind == "phrase":
            hedge_phrases.append(hedge)
        elif kind == "verb":
            lemmas.add(hedge)
        else:
            words.add(hedge)
    events = triggers()
    return Lexicon(
        verbs,
        phrases,
        nouns,
        frozenset(words),
        frozenset(lemmas),
        tuple(hedge_phrases),
        frozenset(lemma for lemma, pos in events if pos == "VERB"),
        frozenset(lemma for lemma, pos in events if pos == "NOUN" and " " not in lemma),
    )


@dataclass(frozen=True)
class CueWeights:
    """P(cue | lemma, frame) learned from PolNeAR train, with the counts behind each estimate."""

    weights: dict[str, tuple[float, int]]
    threshold: float
    min_count: int

    def weight(self, lemma: str, frame: str) -> tuple[float, int] | None:
        """The learned weight and its count for ``lemma`` in ``frame``, or None if unseen."""
        return self.weights.get(f"{lemma}|{frame}")


def weights_path() -> Path:
    return knowledge_path("models/cue_weights.csv")


@lru_cache(maxsize=1)
def load_weights() -> CueWeights | None:
    """The learned cue weights, or None when the model file has not been trained."""
    path = weights_path()
    if not path.is_file():
        return None
    threshold, min_count = 0.5, 5
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# threshold:"):
                threshold = float(line.split(":", 1)[1])
            elif line.startswith("# min_count:"):
                min_count = int(line.split(":", 1)[1])
    weights = {
        f"{row['lemma']}|{row['frame']}": (float(row["weight"]), int(row["count"]))
        for row in _rows(path)
    }
    return CueWeights(weights, threshold, min_count)

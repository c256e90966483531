"""The learned event finder: whether a sentence reports an event an analyst would code, for the
reports where the rules found none.

The rules find incidents from trigger words and the parse, and need a perpetrator, victim,
weapon or target to stand. Many one-event reports slip through them: a peaceful march, a
handover of territory, a base set up, an agreement signed, told in words no trigger lists.
When the rules find no incident in a report, the finder reads its first sentences (the lead, where
news tells its event) and scores each with a logistic regression over the sentence encoder's
vector and its words. The best sentence at or above the threshold becomes one incident, its
arguments read from the parse as for any trigger (the sentence's own trigger word where it has
one, else its main verb) and its category from the ACLED sub-event type the type classifier
gives it. A sentence whose trigger the rules void (a threat, a plan, a hypothetical, a toll) gives
none: the rules stay the constraints.

The weights ship in ``knowledge/models/event_finder.npz`` with the record of their training in
``event_finder.json`` (``python training/train_event_finder.py``): CASE 2021 snippets (ACLED
types: events; CASE's other types, disasters, diplomacy, crime: none) and the lead sentences of
PolNeAR's training articles (political news: none). Without them, or without the sentence
encoder, the rules read alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from docket.extract import acled, logistic
from docket.extract.logistic import Classifier

MODELS = Path(__file__).resolve().parent.parent / "knowledge" / "models"
MODEL_PATH = MODELS / "event_finder.npz"
EVENT, NONE = "event", "none"
LEAD = 6  # sentences of a report read: its lead
MIN_WORDS = 4  # shorter units (a dateline, a byline) are not read

# ACLED sub-event type -> the record's category, for an incident the finder found
TYPE_CATEGORY = {
    "Abduction/forced disappearance": "abduction",
    "Agreement": "agreement",
    "Air/drone strike": "air_or_drone_strike",
    "Armed clash": "armed_clash",
    "Arrests": "arrest",
    "Attack": "attack_on_civilians",
    "Change to group/activity": "other",
    "Chemical weapon": "chemical_attack",
    "Disrupted weapons use": "other",
    "Excessive force against protesters": "protest",
    "Government regains territory": "territory_change",
    "Grenade": "explosive_weapon_attack",
    "Headquarters or base established": "other",
    "Mob violence": "riot",
    "Non-state actor overtakes territory": "territory_change",
    "Non-violent transfer of territory": "territory_change",
    "Other": "other",
    "Peaceful protest": "protest",
    "Protest with intervention": "protest",
    "Remote explosive/landmine/IED": "bombing_or_ied",
    "Sexual violence": "attack_on_civilians",
    "Shelling/artillery/missile attack": "shelling_or_artillery",
    "Suicide bomb": "bombing_or_ied",
    "Violent demonstration": "riot",
}


@dataclass(frozen=True)
class Finder:
    """The fitted classifier and the score a sentence needs to be an event."""

    classifier: Classifier
    threshold: float

    def scores(self, texts: list[str], vectors: Any) -> np.ndarray:
        """P(event) of each text, given its sentence vector."""
        if not texts:
            return np.zeros(0)
        rows = [features(text) for text in texts]
        probabilities = self.classifier.probabilities(rows, vectors)
        return probabilities[:, self.classifier.labels.index(EVENT)]


@dataclass(frozen=True)
class Found:
    """The sentence the finder chose: its unit number, character span and score."""

    unit: int
    span: tuple[int, int]
    score: float


def features(text: str) -> list[str]:
    """The words of the type classifier (unigrams, bigrams, 5-letter prefixes)."""
    return acled.features(text, [])


def lead(units: list[tuple[int, int]], text: str) -> list[int]:
    """The numbers of the units the finder reads: the first ``LEAD`` of ``MIN_WORDS`` words or
    more."""
    out: list[int] = []
    for number, (start, end) in enumerate(units):
        if len(text[start:end].split()) >= MIN_WORDS:
            out.append(number)
            if len(out) == LEAD:
                break
    return out


def best(finder: Finder, encoder: Any, text: str, units: list[tuple[int, int]]) -> Found | None:
    """The lead sentence most likely to report an event, if it reaches the threshold."""
    numbers = lead(units, text)
    if not numbers:
        return None
    texts = [text[units[n][0] : units[n][1]] for n in numbers]
    scores = finder.scores(texts, encoder.vectors(texts))
    top = int(np.argmax(scores))
    if scores[top] < finder.threshold:
        return None
    return Found(numbers[top], units[numbers[top]], float(scores[top]))


def train(texts: list[str], labels: list[str], vectors: Any, l2: float, threshold: float) -> Finder:
    """Fit the finder on ``texts`` labelled ``EVENT`` or ``NONE`` with their sentence vectors."""
    rows = [features(text) for text in texts]
    classifier = logistic.fit(rows, labels, l2=l2, min_count=2, normalise=True, vectors=vectors)
    return Finder(classifier, threshold)


def save(finder: Finder, record: dict[str, Any], path: Path = MODEL_PATH) -> None:
    """The weights (half precision) and, beside them, the record with the threshold."""
    logistic.save(finder.classifier, path, np.float16)
    record = {**record, "threshold": finder.threshold}
    path.with_suffix(".json").write_text(json.dumps(record, indent=2) + "\n")


@lru_cache(maxsize=2)
def load(path: Path = MODEL_PATH) -> Finder | None:
    """The shipped finder, or None when its weights or record are absent."""
    classifier = logistic.load(path, normalise=True)
    record = path.with_suffix(".json")
    if classifier is None or not record.is_file():
        return None
    return Finder(classifier, float(json.loads(record.read_text("utf-8"))["threshold"]))

"""The learned toponym detector: which candidate spans are place names.

Every candidate of :mod:`docket.resolve.places.spans` (the rules' kept spans among them, their
verdict a feature) is scored by a gradient-boosted tree model
(``knowledge/models/places_detector.onnx``, LightGBM trained by ``training/train_detector.py`` on
LGL and the TUD-Loc training split, chosen on GeoVirus and TUD-Loc validation; its sidecar JSON
records the data, features, threshold and scores). Candidates at or above the threshold are taken,
the best-scored first, leaving out any that overlaps one already taken. The model is loaded on
first use, once per process, through ``docket.resources.Resources.place_detector``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.knowledge.gazetteer.store import Gazetteer
from docket.resolve.places import spans
from docket.resolve.places.ranker import Ranker

MODEL_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "models" / "places_detector.onnx"


class Detector:
    """The detector model and its threshold."""

    def __init__(self, path: Path) -> None:
        self.scorer = Ranker(path, spans.NAMES, "training/train_detector.py")
        self.threshold = float(self.scorer.sidecar["threshold"])
        self.bind = str(self.scorer.sidecar.get("bind", "locative"))

    def detect(self, doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
        """``(start, end, origin)`` of each place name in the spaCy ``doc`` (origins as
        :func:`docket.resolve.places.detect.detect` gives them)."""
        found = spans.candidates(doc, gazetteer)
        if not found:
            return []
        rows = [c.row for c in found]
        scores = constrained(self.scorer.scores(rows), rows, self.bind)
        text = doc.text
        scores = [
            1.0 if big_city(text, c.start, c.row) else p for p, c in zip(scores, found, strict=True)
        ]
        chosen = select([(c.start, c.end) for c in found], scores, self.threshold)
        return sorted((found[i].start, found[i].end, found[i].origin) for i in chosen)


_KEEP = spans.NAMES.index("rules_keep")
_LOCATIVE = spans.NAMES.index("locative_before")
_GPE = spans.NAMES.index("label_gpe")
_LOC = spans.NAMES.index("label_loc")
_INITIALS = spans.NAMES.index("country_initials")
_PERSON = spans.NAMES.index("label_person")
_PRIMARY = spans.NAMES.index("gaz_primary")
_LOG_POPULATION = spans.NAMES.index("gaz_log_population")
_NEXT_CAPITALISED = spans.NAMES.index("next_capitalised")
_IN_LONGER = spans.NAMES.index("inside_longer_name")
_HEADS_LONGER = spans.NAMES.index("heads_longer_name")
_EVENT_OBJECT = spans.NAMES.index("object_of_event_verb")
_TOWN = spans.NAMES.index("gaz_town")
# a city this big, named by its own name right after "in", "near", "outside" or "around", or as
# the object of a verb of attack ("shelled Kharkiv", "missiles hit Kyiv"), is a place whatever the
# model learnt from local news ("near Jos", "in Mubi": cities of 200,000 to a million its corpora
# never name; "near Gao", which the statistical model takes for a person's name); not the first
# word of a longer name ("in Washington Avenue"), and after "in" not a name the model takes for a
# person's
BIG_CITY_LOG_POPULATION = 5.0
_WHERE_WORDS = ("in", "near", "outside", "around")


def big_city(text: str, start: int, row: Sequence[float]) -> bool:
    """Whether the candidate at ``start`` (its feature ``row``) is a big city named as a place:
    see ``BIG_CITY_LOG_POPULATION``."""
    before = text[max(0, start - 12) : start].split()
    where = bool(before and before[-1].lower() in _WHERE_WORDS)
    # the object of an attack needs no entity label of the statistical model ("hit Kyiv" was
    # none): a town of the gazetteer by its own name, not taken for a person's
    struck = bool(row[_EVENT_OBJECT] and row[_TOWN] and not row[_PERSON])
    return bool(
        (where or struck)
        and (row[_KEEP] or struck)
        and row[_PRIMARY]
        and row[_LOG_POPULATION] >= BIG_CITY_LOG_POPULATION
        and not (row[_NEXT_CAPITALISED] or row[_IN_LONGER] or row[_HEADS_LONGER])
        and not (row[_PERSON] and where and before[-1].lower() == "in")
    )


# which of the rules' verdicts stand over the model's: ``locative`` (shipped), ``entity``, ``none``
BINDS = ("locative", "entity", "none")


def bound(row: Sequence[float], bind: str) -> bool:
    """Whether the rules' verdict on a candidate stands over the model's. ``locative``: a place
    entity of the statistical model that the rules keep, after a locative preposition ("in
    Bagram": the model learnt from local US news, where a small foreign town is rarely named),
    and a country's initials the rules keep ("the DRC": rare in its training text);
    ``entity``: any place entity the rules keep; ``none``: the model decides alone."""
    if bind == "none":
        return False
    if row[_KEEP] and row[_INITIALS]:
        return True
    entity = bool(row[_KEEP] and (row[_GPE] or row[_LOC]))
    return entity and (bind == "entity" or bool(row[_LOCATIVE]))


def constrained(scores: Sequence[float], rows: Sequence[Sequence[float]], bind: str) -> list[float]:
    """The model's ``scores``, raised to 1 where a rules' verdict binds (:func:`bound`)."""
    return [
        max(float(p), 1.0) if bound(r, bind) else float(p)
        for p, r in zip(scores, rows, strict=True)
    ]


def select(
    found: Sequence[tuple[int, int]], scores: Sequence[float], threshold: float
) -> list[int]:
    """The indexes of the spans taken: at or above ``threshold``, the best-scored first, none
    overlapping one taken before it."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for i in sorted(range(len(found)), key=lambda k: -scores[k]):
        if scores[i] < threshold:
            break
        s, e = found[i]
        if all(e <= ts or te <= s for ts, te in taken):
            taken.append((s, e))
            chosen.append(i)
    return chosen


@lru_cache(maxsize=2)
def load_detector(path: Path = MODEL_PATH) -> Detector:
    """The detector at ``path``, loaded once per process."""
    if not path.is_file():
        raise DocketError("E040", f"toponym detector model missing: {path}", str(path))
    return Detector(path)

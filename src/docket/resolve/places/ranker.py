"""The learned candidate ranker: what decides the place each toponym stands for.

:func:`resolve` reads a document's toponyms with the rules (:mod:`docket.resolve.places.ranking`,
whose scores and evidence become features), ranks each name's candidates with the model, and lets
the rules' verdicts of :mod:`docket.resolve.places.constraints` stand over its ranking.

A gradient-boosted tree model (``knowledge/models/places_ranker.onnx``, LightGBM lambdarank trained
by ``training/train_places.py`` on LGL and the TUD-Loc training split; its sidecar JSON records the
data, features and scores) gives each candidate a score (higher: more likely the place meant), from
the features of :mod:`docket.resolve.places.features`. All candidates of a document are scored in
one onnxruntime call; each name takes its best-scored candidate. The model is loaded on first
use, once per process; onnxruntime is needed only here.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from docket.errors import DocketError
from docket.knowledge.gazetteer.store import Gazetteer
from docket.resolve.places import features
from docket.resolve.places.constraints import constrain
from docket.resolve.places.ranking import Focus, Resolution, RuleReading, rule_reading

MODEL_PATH = Path(__file__).resolve().parents[2] / "knowledge" / "models" / "places_ranker.onnx"


class Ranker:
    """An ONNX scorer of feature rows and the feature order it was trained on (the place
    ranker's, or with ``names`` and ``script`` another model's: the toponym detector's)."""

    def __init__(
        self,
        path: Path,
        names: tuple[str, ...] = features.NAMES,
        script: str = "training/train_places.py",
    ) -> None:
        import onnxruntime

        self.sidecar = json.loads(path.with_suffix(".json").read_text())
        if tuple(self.sidecar["features"]) != names:
            raise DocketError(
                "E040",
                f"{path.name} was trained on other features than docket computes; "
                f"retrain it with {script}",
                str(path),
            )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        self.input = self.session.get_inputs()[0].name
        self.output = self.session.get_outputs()[-1].name
        self._lock = threading.Lock()

    def scores(self, rows: list[list[float]]) -> Any:
        """Each row's score: higher where its candidate is more likely the place meant."""
        x = np.asarray(rows, dtype=np.float32)
        with self._lock:
            (out,) = self.session.run([self.output], {self.input: x})
        return np.asarray(out, dtype=np.float64)[:, -1]


@lru_cache(maxsize=2)
def load_ranker(path: Path = MODEL_PATH) -> Ranker:
    """The ranker at ``path``, loaded once per process. Pipeline stages reach it through
    ``docket.resources.Resources.place_ranker``."""
    if not path.is_file():
        raise DocketError("E040", f"place ranker model missing: {path}", str(path))
    return Ranker(path)


_load_lock = threading.Lock()


def choose(
    gazetteer: Gazetteer,
    text: str,
    spans: Sequence[tuple[int, int]],
    reading: RuleReading,
    ranker: Ranker | None = None,
) -> dict[str, Resolution]:
    """The resolution of each name of ``reading``: its best-scored candidate by the model, with
    the score margin over the runner-up (None where the name has no candidate)."""
    index, rows = features.matrix(gazetteer, text, spans, reading)
    results = {key: Resolution(None) for key in reading.options}
    if not rows:
        return results
    if ranker is None:
        with _load_lock:
            ranker = load_ranker()
    probs = ranker.scores(rows)
    by_key: dict[str, list[tuple[float, int]]] = {}
    for (key, i), p in zip(index, probs, strict=True):
        by_key.setdefault(key, []).append((float(p), i))
    for key, scored in by_key.items():
        scored.sort(reverse=True)
        cands = reading.options[key]
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else float("inf")
        results[key] = Resolution(cands[scored[0][1]].place, margin, len(cands))
    return results


def resolve(
    gazetteer: Gazetteer,
    text: str,
    spans: Sequence[tuple[int, int]],
    focus: Focus | None = None,
    ranker: Ranker | None = None,
) -> list[Resolution]:
    """The place each ``(start, end)`` toponym span of ``text`` stands for, decided jointly:
    the rules read the document (:func:`~docket.resolve.places.ranking.rule_reading`), the
    model ranks each name's candidates over their features, and the rules' verdicts of
    :mod:`~docket.resolve.places.constraints` stand over its ranking; ``focus``, when given, adds the
    publication's usual places to the document's own."""
    reading = rule_reading(gazetteer, text, spans, focus)
    chosen = constrain(gazetteer, reading, choose(gazetteer, text, spans, reading, ranker))
    return [chosen[k] for k in reading.keys]

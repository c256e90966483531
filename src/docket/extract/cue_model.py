"""The learned cue model: which verbs of a document are reporting cues.

A gradient-boosted tree model (``knowledge/models/cue_model.onnx``, LightGBM trained by
``training/train_cue_model.py`` on PolNeAR train; its sidecar JSON records the data, features,
threshold and scores) scores every verb of a document from the features of
:mod:`docket.extract.cue_features`, in one onnxruntime call. It decides where the weight of a
verb's lemma in its frame alone decided before (:func:`docket.extract.attribution.is_cue`):
"makes the case that", "sees him as", "supports the bill" are cues of PolNeAR's kind in some
frames and not in others. Where the model file is absent, the weights decide as before.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.extract import cue_features
from docket.extract.cues import CueWeights, Lexicon

MODEL_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "models" / "cue_model.onnx"


class CueModel:
    """The cue model and its threshold."""

    def __init__(self, path: Path) -> None:
        from docket.resolve.places.ranker import Ranker

        self.scorer = Ranker(path, cue_features.NAMES, "training/train_cue_model.py")
        self.threshold = float(self.scorer.sidecar["threshold"])
        self._by_lemma: tuple[CueWeights | None, dict[str, tuple[float, int]]] | None = None

    def scores(
        self, tokens: list[Any], lexicon: Lexicon, weights: CueWeights | None
    ) -> dict[int, float]:
        """Each verb token's score (its index in the doc -> P(cue))."""
        if not tokens:
            return {}
        if self._by_lemma is None or self._by_lemma[0] is not weights:
            self._by_lemma = (weights, cue_features.lemma_weights(weights))
        by_lemma = self._by_lemma[1]
        rows = [cue_features.row(t, lexicon, weights, by_lemma) for t in tokens]
        return {t.i: float(p) for t, p in zip(tokens, self.scorer.scores(rows), strict=True)}

    def cues(self, doc: Any, lexicon: Lexicon, weights: CueWeights | None) -> set[int]:
        """The indexes of the verbs of ``doc`` the model takes for cues."""
        verbs = [t for t in doc if t.pos_ == "VERB"]
        return {i for i, p in self.scores(verbs, lexicon, weights).items() if p >= self.threshold}


@lru_cache(maxsize=2)
def load_cue_model(path: Path = MODEL_PATH) -> CueModel | None:
    """The cue model at ``path``, loaded once per process; None when it has not been trained."""
    if not path.is_file():
        return None
    return CueModel(path)

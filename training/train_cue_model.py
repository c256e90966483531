"""Train the cue model (``docket.extract.cue_model``) on PolNeAR train: is this verb a cue here?

Run ``.venv-train/bin/python training/train_cue_model.py`` from a checkout with ../shared/eval
(the training venv of ``make train-places``: lightgbm, onnxmltools, onnx). Every verb of every
train text is parsed and labelled a cue when it overlaps a gold Cue span, with the features of
``docket.extract.cue_features``. The lemma-and-frame weights among the features are those of
``training/train_attribution.py``, computed out of fold: a text's rows see weights counted on
the other folds only, as the shipped weights never counted the texts they will read.

- First, the own check made before looking at dev: a seeded fifth of train is held out, the
  model fitted on the rest, and attribution P/R/F1 (cue and source overlap, the scorer of
  ``docket eval claims``) printed on the held-out fifth with the weights alone and with the
  model. ``--check`` stops there.
- Then the decision threshold is chosen by 5-fold cross-validation over all train
  (attribution F1 of the out-of-fold models), the model is fitted on all train and written to
  ``knowledge/models/cue_model.onnx`` with its record (``cue_model.json``). Dev is never read.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from docket.evaluate.polnear import (
    Predicted,
    documents,
    overlaps,
    read_ann,
    score_document,
    split_dir,
)
from docket.evaluate.scores import Report
from docket.extract import cue_features
from docket.extract.attribution import find_attributions, frame
from docket.extract.cue_model import MODEL_PATH
from docket.extract.cues import CueWeights, load_lexicon, load_weights
from docket.settings import load_settings
from train_detector import export  # type: ignore[import-not-found]

FOLDS = 5
MIN_COUNT = 5
SEED = 17
PARAMS = {"n_estimators": 300, "num_leaves": 31, "learning_rate": 0.05, "min_child_samples": 20}
THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
CACHE = Path("/tmp/docket-polnear-train.pkl")


class Text:
    """One train text: its parse, gold attributions, and its verbs' labels."""

    def __init__(self, name: str, doc: Any, ann: str) -> None:
        self.name = name
        self.doc = doc
        self.gold = read_ann(ann)
        self.verbs = [t.i for t in doc if t.pos_ == "VERB"]
        cues = [g.cue for g in self.gold]
        self.labels = [
            any(overlaps(((doc[i].idx, doc[i].idx + len(doc[i])),), c) for c in cues)
            for i in self.verbs
        ]


def parse(limit: int | None) -> list[Text]:
    """The train texts, parsed once (cached under /tmp between runs)."""
    from spacy.tokens import DocBin

    from docket.nlp.model import load_model

    settings = load_settings()
    nlp = load_model(settings.spacy_model)
    raw = list(documents(split_dir(settings, "train"), limit))
    if CACHE.is_file() and limit is None:
        names, blob = pickle.loads(CACHE.read_bytes())
        if names == [n for n, _t, _a in raw]:
            docs = list(DocBin().from_bytes(blob).get_docs(nlp.vocab))
            return [Text(n, d, a) for (n, _t, a), d in zip(raw, docs, strict=True)]
    docs = list(nlp.pipe((t for _n, t, _a in raw), batch_size=16))
    if limit is None:
        bin_ = DocBin(store_user_data=False, docs=docs)
        CACHE.write_bytes(pickle.dumps(([n for n, _t, _a in raw], bin_.to_bytes())))
    return [Text(n, d, a) for (n, _t, a), d in zip(raw, docs, strict=True)]


def count_weights(texts: list[Text], threshold: float) -> CueWeights:
    """The lemma-and-frame weights of ``training/train_attribution.py`` over ``texts``."""
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for text in texts:
        for i, label in zip(text.verbs, text.labels, strict=True):
            token = text.doc[i]
            key = f"{token.lemma_.lower()}|{frame(token)}"
            seen[key] += 1
            cue[key] += label
    weights = {k: ((cue[k] + 1) / (n + 2), n) for k, n in seen.items() if n >= MIN_COUNT}
    return CueWeights(weights, threshold, MIN_COUNT)


def rows(texts: list[Text], weights: CueWeights) -> list[list[list[float]]]:
    lexicon = load_lexicon()
    by_lemma = cue_features.lemma_weights(weights)
    return [
        [cue_features.row(t.doc[i], lexicon, weights, by_lemma) for i in t.verbs] for t in texts
    ]


def out_of_fold_rows(texts: list[Text], threshold: float) -> list[list[list[float]]]:
    """Each text's rows with weights counted on the other folds."""
    out: list[list[list[float]]] = [[] for _ in texts]
    for fold in range(FOLDS):
        inside = [t for k, t in enumerate(texts) if k % FOLDS != fold]
        held = [k for k in range(len(texts)) if k % FOLDS == fold]
        fold_rows = rows([texts[k] for k in held], count_weights(inside, threshold))
        for k, r in zip(held, fold_rows, strict=True):
            out[k] = r
    return out


def fit(texts: list[Text], text_rows: list[list[list[float]]]) -> Any:
    import lightgbm

    x = np.asarray([r for rs in text_rows for r in rs], dtype=np.float32)
    y = np.asarray([int(lab) for t in texts for lab in t.labels])
    model = lightgbm.LGBMClassifier(random_state=SEED, verbose=-1, n_jobs=2, **PARAMS)
    model.fit(x, y)
    return model


def predict(model: Any, text_rows: list[list[list[float]]]) -> list[Any]:
    return [
        model.predict_proba(np.asarray(r, dtype=np.float32))[:, 1] if r else np.zeros(0)
        for r in text_rows
    ]


class Fixed:
    """A cue model whose decisions are already made (scores from a fitted model, a threshold)."""

    def __init__(self, verbs: list[int], scores: Any, threshold: float) -> None:
        self.chosen = {i for i, p in zip(verbs, scores, strict=True) if p >= threshold}

    def cues(self, _doc: Any, _lexicon: Any, _weights: Any) -> set[int]:
        return self.chosen


def attribution_f1(
    texts: list[Text], weights: CueWeights, scores: list[Any] | None, threshold: float
) -> Report:
    """Attribution P/R/F1 over ``texts``, with the model's ``scores`` or the weights alone."""
    lexicon = load_lexicon()
    report = Report("attributions")
    for k, text in enumerate(texts):
        model = Fixed(text.verbs, scores[k], threshold) if scores is not None else None
        found = find_attributions(text.doc, lexicon, weights, model)  # type: ignore[arg-type]
        predicted = [
            Predicted(
                cue=(a.cue,),
                source=(a.source,) if a.source else None,
                content=(a.content,) if a.content else None,
            )
            for a in found
        ]
        score_document(report, text.gold, predicted)
    return report


def line(report: Report) -> str:
    row = report.row("attribution")
    return f"P {100 * row.precision:.1f} R {100 * row.recall:.1f} F1 {100 * row.f1:.1f}"


def choose_threshold(texts: list[Text], weights_threshold: float) -> tuple[float, dict[str, str]]:
    """The threshold of best out-of-fold attribution F1 over ``texts`` (5 folds)."""
    text_rows = out_of_fold_rows(texts, weights_threshold)
    scores: list[Any] = [None] * len(texts)
    for fold in range(FOLDS):
        inside = [k for k in range(len(texts)) if k % FOLDS != fold]
        model = fit([texts[k] for k in inside], [text_rows[k] for k in inside])
        held = [k for k in range(len(texts)) if k % FOLDS == fold]
        for k, s in zip(held, predict(model, [text_rows[k] for k in held]), strict=True):
            scores[k] = s
    weights = count_weights(texts, weights_threshold)  # for the rule parts (unrealised)
    table = {}
    best, best_f1 = THRESHOLDS[0], -1.0
    for threshold in THRESHOLDS:
        report = attribution_f1(texts, weights, scores, threshold)
        table[f"{threshold:.2f}"] = line(report)
        print(f"  CV threshold {threshold:.2f}: {table[f'{threshold:.2f}']}", flush=True)
        f1 = report.row("attribution").f1
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best, table


def own_check(texts: list[Text], weights_threshold: float) -> dict[str, Any]:
    """Attribution figures on a seeded fifth of train held out from everything else."""
    order = list(range(len(texts)))
    random.Random(SEED).shuffle(order)
    held = [texts[k] for k in sorted(order[: len(texts) // 5])]
    rest = [texts[k] for k in sorted(order[len(texts) // 5 :])]
    threshold, _table = choose_threshold(rest, weights_threshold)
    weights = count_weights(rest, weights_threshold)
    model = fit(rest, out_of_fold_rows(rest, weights_threshold))
    scores = predict(model, rows(held, weights))
    alone = line(attribution_f1(held, weights, None, 0))
    learned = line(attribution_f1(held, weights, scores, threshold))
    print(f"held-out fifth ({len(held)} texts), weights from the other four fifths:")
    print(f"  weights alone: {alone}")
    print(f"  cue model (threshold {threshold}): {learned}", flush=True)
    return {
        "texts": len(held),
        "names": [t.name for t in held],
        "threshold chosen on the rest": threshold,
        "weights alone": alone,
        "cue model": learned,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="train texts (a quick run)")
    parser.add_argument("--check", action="store_true", help="the own held-out check only")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    shipped = load_weights()
    weights_threshold = shipped.threshold if shipped is not None else 0.35
    texts = parse(args.limit)
    print(f"{len(texts)} train texts, {sum(len(t.verbs) for t in texts)} verbs", flush=True)
    check = own_check(texts, weights_threshold)
    if args.check:
        return
    threshold, table = choose_threshold(texts, weights_threshold)
    model = fit(texts, out_of_fold_rows(texts, weights_threshold))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(export(model, len(cue_features.NAMES)))
    record = {
        "model": "LightGBM binary classifier over the verbs of a parsed text",
        "built by": "training/train_cue_model.py",
        "trained": date.today().isoformat(),
        "data": "PolNeAR train split (first annotator per text), networkdynamics/PolNeAR @ c3eee833",
        "texts": len(texts),
        "verbs": sum(len(t.verbs) for t in texts),
        "seed": SEED,
        "params": PARAMS,
        "features": list(cue_features.NAMES),
        "threshold": threshold,
        "cv attribution by threshold": table,
        "own check (a held-out fifth of train)": check,
        "lightgbm": __import__("lightgbm").__version__,
    }
    args.out.with_suffix(".json").write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {args.out} (threshold {threshold})")


if __name__ == "__main__":
    main()

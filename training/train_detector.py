"""Train the learned toponym detector (``docket.resolve.places.detector``) and ship it as ONNX.

    python training/train_detector.py [--limit N] [--folds 5] [--seed 13] [--out PATH]

Needs the training-only packages of ``training/train_places.py`` (lightgbm, onnxmltools, onnx) in a
venv of its own. Each document is parsed by docket's spaCy model, and every candidate span of
``docket.resolve.places.spans`` (the rules' kept spans among them) is labelled by whether the set
annotates exactly that span as a toponym (with coordinates or not). Demonym candidates are left
out of the sets that do not annotate demonyms (GeoVirus, TUD-Loc), as ``docket eval geo`` leaves
them out there. The model and its threshold are chosen on GeoVirus and TUD-Loc ``2-validation``
(never on LGL); LGL's figure is by 5-fold cross-validation over documents (each fold's model
trained on the other LGL folds and TUD-Loc ``1-training``); the shipped model is trained on LGL
and TUD-Loc training. Detection is scored as ``docket eval geo`` scores it: exact spans, against
every annotated toponym.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import statistics
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from docket.evaluate.geo import WITH_DEMONYMS, load_corpus
from docket.resolve.places import spans
from docket.resolve.places.detector import BINDS, MODEL_PATH, constrained, select
from docket.settings import load_settings

SETS = ("LGL", "TUD-Loc training", "GeoVirus", "TUD-Loc validation", "re3d")
CACHE = Path("/tmp/docket-detector-candidates.pkl")
BIND = [BINDS[0]]  # the --bind of this run
MONO = [False]  # the --monotone of this run


@dataclass
class Document:
    starts: list[tuple[int, int]]
    rows: list[list[float]]
    labels: list[int]
    gold: int  # annotated toponyms
    weight: float = 1.0


def texts(name: str, limit: int | None) -> list[tuple[str, set[tuple[int, int]]]]:
    """Each document's text and the spans the set annotates as toponyms (re3d: as Location)."""
    settings = load_settings()
    if name == "re3d":
        from docket.evaluate.re3d import load

        found = load(settings.shared_dir / "eval" / "re3d")[:limit]
        return [(text, gold.get("Location", set())) for _, text, gold in found]
    return [
        (doc.text, {(t.start, t.end) for t in doc.toponyms} | set(doc.unlocated))
        for doc in load_corpus(settings, name, limit)
    ]


def read_set(name: str, nlp: Any, gazetteer: Any, limit: int | None) -> list[Document]:
    out = []
    for text, annotated in texts(name, limit):
        found = spans.candidates(nlp(text), gazetteer)
        if name not in WITH_DEMONYMS:
            found = [c for c in found if c.origin != "demonym"]
        out.append(
            Document(
                [(c.start, c.end) for c in found],
                [c.row for c in found],
                [int((c.start, c.end) in annotated) for c in found],
                len(annotated),
            )
        )
    return out


def detection(docs: list[Document], scores: list[Any], threshold: float) -> tuple[float, ...]:
    tp = predicted = gold = 0
    for doc, score in zip(docs, scores, strict=True):
        chosen = select(doc.starts, constrained(score, doc.rows, BIND[0]), threshold)
        tp += sum(doc.labels[i] for i in chosen)
        predicted += len(chosen)
        gold += doc.gold
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return 100 * p, 100 * r, 200 * p * r / (p + r) if p + r else 0.0


def rules(docs: list[Document]) -> tuple[float, ...]:
    kept = [[row[0] for row in d.rows] for d in docs]
    return detection(docs, kept, 0.5)


# evidence that a span is a place: more of it never lowers a candidate's score
MONOTONE = (
    "rules_keep",
    "locative_before",
    "dateline",
    "in_document_countries",
    "in_document_states",
    "same_name_kept_elsewhere",
    "object_of_event_verb",
    "place_word_before",
    "place_word_after",
    "listed_with_place",
    "country_initials",
    "division_after_town",
)


def fit(docs: list[Document], params: dict[str, Any], seed: int) -> Any:
    import lightgbm

    if MONO[0]:
        params = params | {"monotone_constraints": [int(n in MONOTONE) for n in spans.NAMES]}

    x = np.asarray([r for d in docs for r in d.rows], dtype=np.float32)
    y = np.asarray([lab for d in docs for lab in d.labels])
    w = np.asarray([d.weight for d in docs for _ in d.labels])
    model = lightgbm.LGBMClassifier(random_state=seed, verbose=-1, n_jobs=2, **params)
    model.fit(x, y, sample_weight=w)
    return model


def score(model: Any, docs: list[Document]) -> list[Any]:
    return [
        model.predict_proba(np.asarray(d.rows, dtype=np.float32))[:, 1] if d.rows else []
        for d in docs
    ]


GRID = [
    {"n_estimators": 100, "num_leaves": 15, "learning_rate": 0.05},
    {"n_estimators": 200, "num_leaves": 15, "learning_rate": 0.05},
    {"n_estimators": 300, "num_leaves": 31, "learning_rate": 0.05},
]
THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]


def export(model: Any, width: int = len(spans.NAMES)) -> bytes:
    """A LightGBM classifier of ``width`` features as ONNX bytes (also the cue model's export)."""
    import onnxmltools
    from onnxmltools.convert.common.data_types import FloatTensorType

    shape = [("features", FloatTensorType([None, width]))]
    return bytes(
        onnxmltools.convert_lightgbm(model, initial_types=shape, zipmap=False).SerializeToString()
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per set (a quick run)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", action="store_true", help=f"reuse candidates in {CACHE}")
    parser.add_argument(
        "--re3d-weight",
        type=float,
        default=1.0,
        help="weight of re3d's documents in training (0: leave re3d out)",
    )
    parser.add_argument(
        "--bind",
        default=BINDS[0],
        choices=BINDS,
        help="which of the rules' verdicts stand over the model's (see detector.bound)",
    )
    parser.add_argument(
        "--monotone",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the evidence features (MONOTONE) only ever raise a score",
    )
    args = parser.parse_args(argv)
    BIND[0] = args.bind
    MONO[0] = args.monotone

    if args.cache and CACHE.exists():
        sets = pickle.loads(CACHE.read_bytes())
    else:
        from docket.resources import Resources

        resources = Resources(load_settings())
        sets = {n: read_set(n, resources.nlp, resources.gazetteer, args.limit) for n in SETS}
        CACHE.write_bytes(pickle.dumps(sets))
    for name, docs in sets.items():
        rows = sum(len(d.rows) for d in docs)
        positives = sum(sum(d.labels) for d in docs)
        gold = sum(d.gold for d in docs)
        print(
            f"{name}: {len(docs)} documents, {rows} candidates, {positives} annotated "
            f"(candidate recall {100 * positives / max(gold, 1):.1f}); rules P/R/F1 "
            + " / ".join(f"{v:.1f}" for v in rules(docs))
        )
    # LGL and re3d are scored by cross-validation, the validation sets never trained on
    for d in sets["re3d"]:
        d.weight = args.re3d_weight
    crossed = ["LGL"] + (["re3d"] if args.re3d_weight > 0 else [])
    train = [d for n in crossed for d in sets[n]] + sets["TUD-Loc training"]
    validation = ("GeoVirus", "TUD-Loc validation")
    best: tuple[float, int, float] | None = None
    results = {}
    for g, params in enumerate(GRID):
        model = fit(train, params, args.seed)
        scored = {n: score(model, sets[n]) for n in validation}
        for t in THRESHOLDS:
            f1 = {n: detection(sets[n], scored[n], t) for n in validation}
            mean = statistics.mean(v[2] for v in f1.values())
            results[f"{g}@{t}"] = f1
            print(
                f"grid {g} {params} threshold {t}: "
                + "; ".join(f"{n} " + " / ".join(f"{v:.1f}" for v in f1[n]) for n in validation)
                + f"; mean F1 {mean:.2f}"
            )
            if best is None or mean > best[0] + 1e-9:
                best = (mean, g, t)
    assert best is not None
    mean, g, threshold = best
    params = GRID[g]
    print(f"chosen: grid {g} {params}, threshold {threshold} (validation mean F1 {mean:.2f})")

    pool = [(n, i) for n in ("LGL", "re3d") for i in range(len(sets[n]))]
    order = list(range(len(pool)))
    random.Random(args.seed).shuffle(order)
    folds = [order[k :: args.folds] for k in range(args.folds)]
    cv_scores: dict[tuple[str, int], Any] = {}
    for k, held in enumerate(folds):
        held_set = {pool[i] for i in held}
        fold_train = [
            sets[n][i] for n, i in pool if (n, i) not in held_set and n in crossed
        ] + sets["TUD-Loc training"]
        model = fit(fold_train, params, args.seed)
        keys = [pool[i] for i in held]
        for key, s in zip(keys, score(model, [sets[n][i] for n, i in keys]), strict=True):
            cv_scores[key] = s
        print(f"fold {k + 1}/{args.folds} done")
    cv = {}
    for n in ("LGL", "re3d"):
        cv[n] = detection(sets[n], [cv_scores[(n, i)] for i in range(len(sets[n]))], threshold)
        print(f"{n} {args.folds}-fold CV P/R/F1 " + " / ".join(f"{v:.1f}" for v in cv[n]))

    model = fit(train, params, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(export(model))
    record = {
        "model": "LightGBM binary classifier over candidate toponym spans",
        "features": list(spans.NAMES),
        "threshold": threshold,
        "bind": BIND[0],
        "monotone": list(MONOTONE) if MONO[0] else [],
        "params": params,
        "seed": args.seed,
        "trained_on": ["LGL (all 588 articles)", "TUD-Loc 2013 1-training"]
        + (
            [f"re3d Location (68 documents, weight {args.re3d_weight})"]
            if "re3d" in crossed
            else []
        ),
        "chosen_on": list(validation),
        "date": date.today().isoformat(),
        "figures": {
            "rules": {n: rules(d) for n, d in sets.items()},
            "validation": results[f"{g}@{threshold}"],
            "cross-validation (5 folds over LGL and re3d documents)": cv,
        },
        "scoring": "exact spans against every annotated toponym, P / R / F1; demonyms only "
        "where the set annotates them",
    }
    args.out.with_suffix(".json").write_text(json.dumps(record, indent=1) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) and its record")


if __name__ == "__main__":
    main()

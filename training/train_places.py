"""Train the learned place ranker (``docket.resolve.places.ranker``) and ship it as ONNX.

    python training/train_places.py [--limit N] [--folds 5] [--seed 13]

Needs the training-only packages (lightgbm, scikit-learn, onnxmltools, skl2onnx, onnx) in a venv
of its own, never docket's runtime dependencies. For each gold toponym (gold spans given) the
gazetteer's candidates are read with the rules (``ranking.rule_reading``) and turned into the
features of ``docket.resolve.places.features``; the candidate with the gold GeoNames id, else the
nearest within 161 km of the gold point, is the positive. Prints the candidate recall of every
set, chooses the model and its settings on GeoVirus and TUD-Loc ``2-validation`` (never on LGL),
prints LGL's figure by 5-fold cross-validation over documents (the folds' models trained on the
other LGL folds + TUD-Loc ``1-training``), then trains the chosen model on LGL + TUD-Loc training
and writes ``src/docket/knowledge/models/places_ranker.onnx`` with a sidecar ``.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from docket.evaluate.geo import WITHIN_KM, GoldDocument, holds, load_corpus
from docket.knowledge.gazetteer.store import Gazetteer, Place, load_gazetteer
from docket.resolve.places import features
from docket.resolve.places.ranker import MODEL_PATH
from docket.resolve.places.ranking import distance_km, rule_reading
from docket.settings import load_settings

SETS = ("LGL", "TUD-Loc training", "GeoVirus", "TUD-Loc validation")


@dataclass
class Document:
    """One document's candidate rows, their labels, and per gold toponym where its name's rows
    are and which of them lie within 161 km of the gold point."""

    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    groups: list[tuple[int, int]] = field(default_factory=list)  # per name: first row, row count
    toponyms: list[tuple[int, list[bool], bool]] = field(default_factory=list)
    # ^ (name index or -1, per row of that name within 161 km, exact id present)
    rule_hits: list[bool] = field(default_factory=list)
    weight: float = 1.0


def _matches(place: Place, gold: Any) -> tuple[bool, float]:
    """Exact id, and the distance (0 for a country or continent whose outline holds the gold
    point: GeoVirus places countries at Wikipedia's points, see ``docket eval geo``)."""
    exact = bool(gold.geonames_id) and place.geonames_id == gold.geonames_id
    km = distance_km(gold.lat, gold.lon, place.lat, place.lon)
    if km > WITHIN_KM and holds(place.kind, place.country, place.id, gold.lat, gold.lon):
        km = 0.0
    return exact, km


def document(gaz: Gazetteer, doc: GoldDocument) -> Document:
    spans = [(t.start, t.end) for t in doc.toponyms]
    reading = rule_reading(gaz, doc.text, spans)
    index, rows = features.matrix(gaz, doc.text, spans, reading)
    out = Document(rows=rows, labels=[0] * len(rows))
    first: dict[str, int] = {}
    for r, (key, _) in enumerate(index):
        first.setdefault(key, r)
    names = list(first)
    for key in names:
        out.groups.append((first[key], len(reading.options[key])))
    for key, gold in zip(reading.keys, doc.toponyms, strict=True):
        cands = reading.options[key]
        if key not in first:
            out.toponyms.append((-1, [], False))
            out.rule_hits.append(False)
            continue
        matches = [_matches(c.place, gold) for c in cands]
        near = [d <= WITHIN_KM for _, d in matches]
        exact = [i for i, (e, _) in enumerate(matches) if e]
        positive = exact[0] if exact else min(range(len(cands)), key=lambda i: matches[i][1])
        if exact or near[positive]:
            out.labels[first[key] + positive] = 1
        out.toponyms.append((names.index(key), near, bool(exact)))
        pick = reading.picks.get(key)
        out.rule_hits.append(pick is not None and _matches(pick, gold)[1] <= WITHIN_KM)
    return out


def alone(gaz: Gazetteer, doc: GoldDocument, seed: int, share: float = 0.25) -> list[Document]:
    """A share of ``doc``'s toponyms each read as if it were the only one the text names: news
    items are often that short, and a geographer still reads "Armenia" alone as the country."""
    rng = random.Random(f"{seed}:{doc.id}")
    out = []
    for top in doc.toponyms:
        if rng.random() < share:
            out.append(document(gaz, GoldDocument(doc.id, doc.text, [top], doc.outlet)))
    return out


def stack(docs: list[Document]) -> tuple[Any, Any]:
    rows = [r for d in docs for r in d.rows]
    labels = [y for d in docs for y in d.labels]
    return np.asarray(rows, dtype=np.float32), np.asarray(labels)


def accuracy(docs: list[Document], predict: Any) -> float:
    """Acc@161 (or inside the outline of a country or continent) over the gold toponyms when
    each name takes its most probable candidate."""
    hits = n = 0
    for d in docs:
        n += len(d.toponyms)
        if not d.rows:
            continue
        probs = predict(np.asarray(d.rows, dtype=np.float32))
        best = [start + int(np.argmax(probs[start : start + k])) for start, k in d.groups]
        for name, near, _ in d.toponyms:
            if name >= 0:
                hits += near[best[name] - d.groups[name][0]]
    return 100 * hits / n if n else 0.0


def recall(docs: list[Document]) -> tuple[float, float, float]:
    """Shares of gold toponyms with a candidate within 161 km, with the exact id, and the rules'
    Acc@161."""
    n = sum(len(d.toponyms) for d in docs) or 1
    near = sum(any(v) for d in docs for _, v, _ in d.toponyms)
    exact = sum(e for d in docs for _, _, e in d.toponyms)
    rules = sum(h for d in docs for h in d.rule_hits)
    return 100 * near / n, 100 * exact / n, 100 * rules / n


def make(kind: str, params: dict[str, Any], seed: int) -> Any:
    if kind == "lightgbm":
        import lightgbm

        return lightgbm.LGBMClassifier(random_state=seed, verbose=-1, n_jobs=2, **params)
    if kind == "lambdarank":
        import lightgbm

        return lightgbm.LGBMRanker(random_state=seed, verbose=-1, n_jobs=2, **params)
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, **params))
    raise ValueError(kind)


_MONOTONE = [1 if n in ("rule_score", "rule_gap", "rule_top") else 0 for n in features.NAMES]
GRID: list[tuple[str, dict[str, Any]]] = [
    *(
        (
            "lambdarank",
            {"n_estimators": n, "learning_rate": lr, "num_leaves": leaves, "min_child_samples": 20}
            | ({"monotone_constraints": _MONOTONE} if mono else {}),
        )
        for n, lr, leaves, mono in [
            (200, 0.05, 15, False),
            (200, 0.05, 15, True),
            (400, 0.05, 31, True),
            (200, 0.1, 7, True),
        ]
    ),
    ("logistic", {"C": 1.0}),
    ("logistic", {"C": 0.1}),
    *(
        (
            "lightgbm",
            {"n_estimators": n, "learning_rate": lr, "num_leaves": leaves, "min_child_samples": 20},
        )
        for n, lr, leaves in [
            (200, 0.05, 15),
            (400, 0.05, 15),
            (300, 0.05, 31),
            (200, 0.1, 7),
            (600, 0.03, 15),
        ]
    ),
]


def balance(sets: list[list[Document]]) -> list[Document]:
    """The documents of ``sets``, weighted so that each set counts as much as the others: LGL's
    US local news (where "Georgia" is the state and "Lebanon" a town) would otherwise teach a
    bias that wire and web text does not share."""
    total = sum(len(d.rows) for docs in sets for d in docs)
    out = []
    for docs in sets:
        rows = sum(len(d.rows) for d in docs) or 1
        for d in docs:
            d.weight = total / (len(sets) * rows)
            out.append(d)
    return out


def fit(kind: str, params: dict[str, Any], docs: list[Document], seed: int) -> Any:
    x, y = stack(docs)
    weights = np.asarray([d.weight for d in docs for _ in d.rows])
    model = make(kind, params, seed)
    if kind == "lambdarank":
        # one query per name of each document: its candidates, ranked against each other
        groups = [k for d in docs for _, k in d.groups]
        return model.fit(x, y, group=groups, sample_weight=weights)
    if kind == "logistic":
        return model.fit(x, y, logisticregression__sample_weight=weights)
    return model.fit(x, y, sample_weight=weights)


def scorer(model: Any) -> Any:
    """The model's score for each row (higher: more likely the place meant)."""
    if hasattr(model, "predict_proba"):
        return lambda x: model.predict_proba(x)[:, 1]
    return model.predict


def export(model: Any, kind: str) -> bytes:
    from onnxmltools.convert.common.data_types import FloatTensorType

    shape = [("features", FloatTensorType([None, len(features.NAMES)]))]
    if kind in ("lightgbm", "lambdarank"):
        import onnxmltools

        onx = onnxmltools.convert_lightgbm(model, initial_types=shape, zipmap=False)
    else:
        from skl2onnx import convert_sklearn

        onx = convert_sklearn(model, initial_types=shape, options={"zipmap": False})
    return bytes(onx.SerializeToString())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per set (a quick run)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    settings = load_settings()
    gaz = load_gazetteer()
    gold = {name: load_corpus(settings, name, args.limit) for name in SETS}
    data = {name: [document(gaz, d) for d in docs] for name, docs in gold.items()}
    single = {
        name: [a for d in gold[name] for a in alone(gaz, d, args.seed)]
        for name in ("LGL", "TUD-Loc training")
    }
    for name, docs in data.items():
        near, exact, rules = recall(docs)
        n = sum(len(d.toponyms) for d in docs)
        print(
            f"{name}: {len(docs)} documents, {n} toponyms; candidate recall {near:.1f}% within "
            f"161 km, {exact:.1f}% exact id; rules Acc@161 {rules:.1f}"
        )
    sets = [data["LGL"], data["TUD-Loc training"], single["LGL"] + single["TUD-Loc training"]]
    train = balance(sets)
    results = []
    for kind, params in GRID:
        model = fit(kind, params, train, args.seed)
        scores = [accuracy(data[v], scorer(model)) for v in ("GeoVirus", "TUD-Loc validation")]
        results.append((statistics.mean(scores), kind, params, scores))
        print(f"  {kind} {params}: GeoVirus {scores[0]:.1f}, TUD-Loc validation {scores[1]:.1f}")
    _, kind, params, val = max(results, key=lambda r: r[0])
    print(f"chosen: {kind} {params}")
    lgl = list(data["LGL"])
    single_lgl = [(a, d.id) for d in gold["LGL"] for a in alone(gaz, d, args.seed)]
    order = list(range(len(lgl)))
    random.Random(args.seed).shuffle(order)
    fold_docs = [[lgl[i] for i in order[f :: args.folds]] for f in range(args.folds)]
    hits = []
    for f in range(args.folds):
        rest = [d for g in range(args.folds) if g != f for d in fold_docs[g]]
        ids = {id(d) for d in rest}
        rest_ids = {doc.id for doc, d in zip(gold["LGL"], lgl, strict=True) if id(d) in ids}
        rest_single = [a for a, src in single_lgl if src in rest_ids]
        model = fit(
            kind,
            params,
            balance([rest, data["TUD-Loc training"], rest_single + single["TUD-Loc training"]]),
            args.seed,
        )
        held = fold_docs[f]
        n = sum(len(d.toponyms) for d in held)
        hits.append((accuracy(held, scorer(model)) * n / 100, n))
    cv = 100 * sum(h for h, _ in hits) / sum(n for _, n in hits)
    print(f"LGL {args.folds}-fold CV over documents (+ TUD-Loc training): Acc@161 {cv:.1f}")
    model = fit(kind, params, balance(sets), args.seed)
    MODEL_PATH.write_bytes(export(model, kind))
    sidecar = {
        "trained": date.today().isoformat(),
        "data": {
            "train": "shared/eval/geoparsing/lgl.xml (588 documents) + tud-loc-2013/1-training "
            "(milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation @ 6947d464)",
            "choose_by": "GeoVirus.xml + tud-loc-2013/2-validation (mean Acc@161)",
            "weighting": "LGL, TUD-Loc training and single-toponym readings (a quarter of both "
            "sets' toponyms, each read as the only one of its text) weighted to count the same",
            "labels": "per gold toponym (gold spans), the candidate with the gold GeoNames id, "
            "else the nearest within 161 km; none where no candidate is within 161 km",
        },
        "examples": int(sum(len(d.rows) for d in train)),
        "positives": int(sum(sum(d.labels) for d in train)),
        "seed": args.seed,
        "features": list(features.NAMES),
        "model": kind,
        "hyperparameters": params,
        "grid": [
            {"model": k, "hyperparameters": p, "val": [round(s, 1) for s in sc]}
            for _, k, p, sc in results
        ],
        "lgl_cv_acc161": round(cv, 1),
        "folds": args.folds,
        "validation_acc161": {"GeoVirus": round(val[0], 1), "TUD-Loc validation": round(val[1], 1)},
        "candidate_recall_161": {n: round(recall(d)[0], 1) for n, d in data.items()},
        "command": "python training/train_places.py",
    }
    if args.limit:
        sidecar["limit"] = args.limit
    MODEL_PATH.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()

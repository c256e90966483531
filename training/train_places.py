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
from pathlib import Path
from typing import Any

import numpy as np

from docket.evaluate.geo import WITHIN_KM, GoldDocument, GoldToponym, holds, load_corpus
from docket.knowledge.gazetteer.store import Gazetteer, Place, load_gazetteer
from docket.resolve.places import constraints, features
from docket.resolve.places.ranker import MODEL_PATH
from docket.resolve.places.ranking import Focus, decide, distance_km, outlet_focus, rule_reading
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
    # per gold toponym: whether a constraint binds its name, and whether the rules' verdict
    # (near ties included) is then right
    bound: list[bool] = field(default_factory=list)
    verdict_hits: list[bool] = field(default_factory=list)
    bound_names: set[int] = field(default_factory=set)  # names (indexes) a constraint binds
    weight: float = 1.0


def _matches(place: Place, gold: Any) -> tuple[bool, float]:
    """Exact id, and the distance (0 for a country or continent whose outline holds the gold
    point: GeoVirus places countries at Wikipedia's points, see ``docket eval geo``)."""
    exact = bool(gold.geonames_id) and place.geonames_id == gold.geonames_id
    km = distance_km(gold.lat, gold.lon, place.lat, place.lon)
    if km > WITHIN_KM and holds(place.kind, place.country, place.id, gold.lat, gold.lon):
        km = 0.0
    return exact, km


def document(gaz: Gazetteer, doc: GoldDocument, focus: Focus | None = None) -> Document:
    spans = [(t.start, t.end) for t in doc.toponyms]
    reading = rule_reading(gaz, doc.text, spans, focus)
    index, rows = features.matrix(gaz, doc.text, spans, reading)
    out = Document(rows=rows, labels=[0] * len(rows))
    first: dict[str, int] = {}
    for r, (key, _) in enumerate(index):
        first.setdefault(key, r)
    names = list(first)
    for n, key in enumerate(names):
        out.groups.append((first[key], len(reading.options[key])))
        if constraints.binding(gaz, reading, key) is not None:
            out.bound_names.add(n)
    for key, gold in zip(reading.keys, doc.toponyms, strict=True):
        cands = reading.options[key]
        if key not in first:
            out.toponyms.append((-1, [], False))
            out.rule_hits.append(False)
            out.bound.append(False)
            out.verdict_hits.append(False)
            continue
        verdict = decide(cands, reading.scores[key], gaz).place
        out.bound.append(names.index(key) in out.bound_names)
        out.verdict_hits.append(verdict is not None and _matches(verdict, gold)[1] <= WITHIN_KM)
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


def focuses(gaz: Gazetteer, docs: list[GoldDocument]) -> list[Focus | None]:
    """Each document's publication focus as ``docket eval geo``'s "+outlet" pass learns it:
    from the places read in the same outlet's *other* articles (here the rules' first reading,
    never gold); None where the outlet has no other article."""
    first = []
    for d in docs:
        reading = rule_reading(gaz, d.text, [(t.start, t.end) for t in d.toponyms])
        first.append([reading.picks.get(k) for k in reading.keys])
    by_outlet: dict[str, list[Place | None]] = {}
    for d, found in zip(docs, first, strict=True):
        by_outlet.setdefault(d.outlet, []).extend(found)
    return [
        outlet_focus(by_outlet[d.outlet], leave_out=found)
        if d.outlet and len(by_outlet[d.outlet]) > len(found)
        else None
        for d, found in zip(docs, first, strict=True)
    ]


READINGS = "short"  # the extra readings trained on: "short", "alone" or "none" (see main())
WINDOW = 150  # characters either side of a toponym in a short reading


def extra(gaz: Gazetteer, doc: GoldDocument, seed: int, share: float = 0.25) -> list[Document]:
    """A share of ``doc``'s toponyms each read again in a shorter text: ``READINGS`` "short"
    cuts the text to the toponym's neighbourhood (``WINDOW`` characters either side, to the
    nearest space) with the gold toponyms inside it, as a brief news item or a headline and lead
    would name them; "alone" reads the toponym as the only one of the whole text."""
    rng = random.Random(f"{seed}:{doc.id}")
    out = []
    for top in doc.toponyms:
        if READINGS == "none" or rng.random() >= share:
            continue
        if READINGS == "alone":
            out.append(document(gaz, GoldDocument(doc.id, doc.text, [top], doc.outlet)))
            continue
        a = doc.text.rfind(" ", 0, max(0, top.start - WINDOW)) + 1
        b = doc.text.find(" ", min(len(doc.text), top.end + WINDOW))
        b = len(doc.text) if b < 0 else b
        inside = [t for t in doc.toponyms if a <= t.start and t.end <= b]
        moved = [
            GoldToponym(t.start - a, t.end - a, t.lat, t.lon, t.geonames_id, t.country)
            for t in inside
        ]
        out.append(document(gaz, GoldDocument(doc.id, doc.text[a:b], moved, doc.outlet)))
    return out


# whether the model is trained only on the names it decides at run time (those no constraint
# binds): chosen on the validation sets, see main()
DECIDED_ONLY = True


def stack(docs: list[Document]) -> tuple[Any, Any, Any, list[int]]:
    """Rows, labels, weights and query sizes (one query per name) of ``docs``; with
    ``DECIDED_ONLY``, without the names a constraint binds."""
    rows, labels, weights, groups = [], [], [], []
    for d in docs:
        for n, (start, k) in enumerate(d.groups):
            if DECIDED_ONLY and n in d.bound_names:
                continue
            rows.extend(d.rows[start : start + k])
            labels.extend(d.labels[start : start + k])
            weights.extend([d.weight] * k)
            groups.append(k)
    return np.asarray(rows, dtype=np.float32), np.asarray(labels), np.asarray(weights), groups


GAP = features.NAMES.index("rule_gap")


def accuracy(
    docs: list[Document],
    predict: Any,
    constrained: bool = True,
    decisive: float = constraints.DECISIVE,
) -> float:
    """Acc@161 (or inside the outline of a country or continent) over the gold toponyms when
    each name takes its best-scored candidate, or, ``constrained``, the rules' verdict where a
    constraint of ``docket.resolve.places.constraints`` binds (as docket decides at run time,
    the rules being ``decisive`` points above the model's choice included)."""
    hits = n = 0
    for d in docs:
        n += len(d.toponyms)
        if not d.rows:
            continue
        probs = predict(np.asarray(d.rows, dtype=np.float32))
        best = [start + int(np.argmax(probs[start : start + k])) for start, k in d.groups]
        for (name, near, _), bound, verdict in zip(
            d.toponyms, d.bound, d.verdict_hits, strict=True
        ):
            if constrained and (bound or (name >= 0 and -d.rows[best[name]][GAP] >= decisive)):
                hits += verdict
            elif name >= 0:
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


# monotone increasing: the rules' own score, rank and gap ("rules"), or every piece of evidence
# for a candidate ("evidence": more of it never lowers the candidate's score)
_RULES = ("rule_score", "rule_gap", "rule_top")
_EVIDENCE = (
    *_RULES,
    "country_share_candidates",
    "admin1_share_candidates",
    "country_share_picks",
    "admin1_share_picks",
    "demonym_share",
    "written_in_container",
    "supported",
    "called_division",
    "capital_bonus",
    "admin1_named",
    "admin2_named",
    "outlet_country_share",
    "outlet_admin1_share",
)
MONOTONE = {
    "rules": [int(n in _RULES) for n in features.NAMES],
    "evidence": [int(n in _EVIDENCE) for n in features.NAMES],
}
GRID: list[tuple[str, dict[str, Any]]] = [
    *(
        (
            "lambdarank",
            {"n_estimators": n, "learning_rate": lr, "num_leaves": leaves, "min_child_samples": 20}
            | ({"monotone_constraints": MONOTONE[mono]} if mono else {}),
        )
        for n, lr, leaves, mono in [
            (200, 0.05, 15, None),
            (200, 0.05, 15, "rules"),
            (400, 0.05, 31, "rules"),
            (200, 0.1, 7, "rules"),
            (200, 0.05, 15, "evidence"),
            (400, 0.05, 31, "evidence"),
            (200, 0.1, 7, "evidence"),
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


NOISE = 0.2


def size(params: dict[str, Any]) -> int:
    """A model's size for choosing between equals: its trees times their leaves (1: linear)."""
    return int(params.get("n_estimators", 1)) * int(params.get("num_leaves", 1))


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
    x, y, weights, groups = stack(docs)
    model = make(kind, params, seed)
    if kind == "lambdarank":
        # one query per name of each document: its candidates, ranked against each other
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
    global READINGS, DECIDED_ONLY
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per set (a quick run)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--readings", choices=("short", "alone", "none"), default=READINGS)
    parser.add_argument(
        "--all-names", action="store_true", help="train on the names constraints bind too"
    )
    parser.add_argument("--out", default=str(MODEL_PATH), help="where to write the model")
    args = parser.parse_args(argv)
    READINGS, DECIDED_ONLY = args.readings, not args.all_names
    out_path = Path(args.out)
    settings = load_settings()
    gaz = load_gazetteer()
    gold = {name: load_corpus(settings, name, args.limit) for name in SETS}
    data = {name: [document(gaz, d) for d in docs] for name, docs in gold.items()}
    # the same documents read with their publication's focus, where the outlet has other articles
    outlet = {
        name: [
            document(gaz, d, f) if f is not None else None
            for d, f in zip(docs, focuses(gaz, docs), strict=True)
        ]
        for name, docs in gold.items()
    }
    single = {
        name: [a for d in gold[name] for a in extra(gaz, d, args.seed)]
        for name in ("LGL", "TUD-Loc training")
    }
    for name, docs in data.items():
        near, exact, rules = recall(docs)
        n = sum(len(d.toponyms) for d in docs)
        print(
            f"{name}: {len(docs)} documents, {n} toponyms; candidate recall {near:.1f}% within "
            f"161 km, {exact:.1f}% exact id; rules Acc@161 {rules:.1f}"
        )

    def with_outlet(name: str, docs: list[Document]) -> list[Document]:
        """``docs`` (of set ``name``), each read with its outlet's focus where it has one."""
        known = {id(d): o for d, o in zip(data[name], outlet[name], strict=True)}
        return [known.get(id(d)) or d for d in docs]

    def training(lgl: list[Document], lgl_extra: list[Document]) -> list[Document]:
        """LGL read plainly and with its outlets' focus (one set), TUD-Loc training, and the
        extra readings of both, each set counting the same."""
        plain = {id(d) for d in lgl}
        plus = [o for o in with_outlet("LGL", lgl) if id(o) not in plain]
        return balance(
            [lgl + plus, data["TUD-Loc training"], lgl_extra + single["TUD-Loc training"]]
        )

    train = training(data["LGL"], single["LGL"])
    validation = ("GeoVirus", "TUD-Loc validation")
    results = []
    for kind, params in GRID:
        model = fit(kind, params, train, args.seed)
        scores = [accuracy(data[v], scorer(model)) for v in validation]
        free = [accuracy(data[v], scorer(model), False) for v in validation]
        results.append((statistics.mean(scores), kind, params, scores))
        print(
            f"  {kind} {params}: GeoVirus {scores[0]:.1f}, TUD-Loc validation {scores[1]:.1f} "
            f"(unconstrained {free[0]:.1f}, {free[1]:.1f})",
            flush=True,
        )
    # the smallest model within NOISE points of the best mean (a handful of toponyms: the
    # validation sets cannot tell such models apart), the best mean among equal sizes
    best = max(r[0] for r in results)
    _, kind, params, val = min(
        (r for r in results if r[0] >= best - NOISE), key=lambda r: (size(r[2]), -r[0])
    )
    print(f"chosen: {kind} {params}")
    model = fit(kind, params, train, args.seed)
    val_outlet = [accuracy(with_outlet(v, data[v]), scorer(model)) for v in validation]
    print(f"  + outlet focus: GeoVirus {val_outlet[0]:.1f}, TUD-Loc validation {val_outlet[1]:.1f}")
    for margin in (1.0, 2.0, 3.0, 4.0, 6.0, float("inf")):
        by = [accuracy(data[v], scorer(model), decisive=margin) for v in validation]
        print(f"  rules decisive at {margin}: GeoVirus {by[0]:.1f}, TUD-Loc validation {by[1]:.1f}")
    lgl = list(data["LGL"])
    extra_lgl = [(a, d.id) for d in gold["LGL"] for a in extra(gaz, d, args.seed)]
    order = list(range(len(lgl)))
    random.Random(args.seed).shuffle(order)
    folds = [[lgl[i] for i in order[f :: args.folds]] for f in range(args.folds)]
    ids = {id(d): doc.id for doc, d in zip(gold["LGL"], lgl, strict=True)}
    hits, hits_outlet = [], []
    for f in range(args.folds):
        rest = [d for g in range(args.folds) if g != f for d in folds[g]]
        rest_ids = {ids[id(d)] for d in rest}
        fold_model = fit(
            kind, params, training(rest, [a for a, src in extra_lgl if src in rest_ids]), args.seed
        )
        held = folds[f]
        n = sum(len(d.toponyms) for d in held)
        hits.append((accuracy(held, scorer(fold_model)) * n / 100, n))
        held_outlet = with_outlet("LGL", held)
        hits_outlet.append((accuracy(held_outlet, scorer(fold_model)) * n / 100, n))
    cv = 100 * sum(h for h, _ in hits) / sum(n for _, n in hits)
    cv_outlet = 100 * sum(h for h, _ in hits_outlet) / sum(n for _, n in hits_outlet)
    print(
        f"LGL {args.folds}-fold CV over documents (+ TUD-Loc training): Acc@161 {cv:.1f}, "
        f"with the outlet focus {cv_outlet:.1f}"
    )
    out_path.write_bytes(export(model, kind))
    sidecar = {
        "trained": date.today().isoformat(),
        "data": {
            "train": "shared/eval/geoparsing/lgl.xml (588 documents) + tud-loc-2013/1-training "
            "(milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation @ 6947d464)",
            "choose_by": "GeoVirus.xml + tud-loc-2013/2-validation (mean Acc@161)",
            "weighting": "LGL, TUD-Loc training and the extra readings weighted to count the same",
            "readings": {
                "short": f"a quarter of both sets' toponyms read again in a short text ({WINDOW} "
                "characters either side, with the gold toponyms inside)",
                "alone": "a quarter of both sets' toponyms read as the only one of their text",
                "none": "no extra readings",
            }[READINGS],
            "names": "only the names no constraint binds (those the model decides)"
            if DECIDED_ONLY
            else "every name",
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
        "constraints": list(constraints.ACTIVE),
        "lgl_cv_acc161": round(cv, 1),
        "lgl_cv_acc161_outlet_focus": round(cv_outlet, 1),
        "folds": args.folds,
        "validation_acc161": {"GeoVirus": round(val[0], 1), "TUD-Loc validation": round(val[1], 1)},
        "validation_acc161_outlet_focus": {
            "GeoVirus": round(val_outlet[0], 1),
            "TUD-Loc validation": round(val_outlet[1], 1),
        },
        "candidate_recall_161": {n: round(recall(d)[0], 1) for n, d in data.items()},
        "command": "python training/train_places.py",
    }
    if args.limit:
        sidecar["limit"] = args.limit
    out_path.with_suffix(".json").write_text(json.dumps(sidecar, indent=2) + "\n")
    print(f"wrote {out_path} ({out_path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()

"""Choose how the pipeline uses the learned reader, on the reader's held-back TRAIN documents.

    python training/choose_reader_use.py [--models DIR] [--cache FILE]

Runs the rules over MUC-4 TRAIN, refits the role model (``train_roles.py``, its shipped L2 and
thresholds) without the tenth that ``train_reader.py`` held back (their ids are in
``reader.json``), so that no component has seen those documents; reads them with the reader,
and scores every :class:`docket.extract.reader.Use` of a small grid: the document gate, the
evidence gate, adding the reader's fillers, pruning the rule fillers it does not tag. The best
micro-F1 among the uses whose templates stay within 1.3x the gold count is written to
``reader.json`` as ``use``, beside the rules' own figure on the same documents. MUC-4 dev is
never read. Needs no torch: it runs the shipped ONNX model.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import itertools
import json
import pickle
from pathlib import Path
from typing import Any

from docket.evaluate.muc4 import documents, score_document, templates_of
from docket.evaluate.scores import Report
from docket.extract import reader as runtime
from docket.extract import reader_fillers, role_model
from docket.settings import load_settings
from train_roles import examples, fit  # type: ignore[import-not-found]

MOST_TEMPLATES = 1.3  # predicted templates at most this many times the gold count
GRID: dict[str, tuple[Any, ...]] = {
    "document": (None, 0.2, 0.3, 0.4, 0.5, 0.6),
    "evidence": (None, 0.1, 0.2, 0.3),
    "add": (False, True),
    "prune": (False, True),
    "blend": (0.0, 0.3, 0.5, 0.7),
}


def rules_reading(settings: Any, cache: Path | None) -> list[Any]:
    """``train_roles.examples`` over MUC-4 TRAIN, kept in ``cache`` (a pickle) when one is named:
    a second choice over another reader then skips the parse."""
    if cache is not None and cache.is_file():
        with cache.open("rb") as handle:
            return pickle.load(handle)  # type: ignore[no-any-return]
    data = examples(settings, "train")
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(data, handle)
    return data


def prepared(
    models: Path, cache: Path | None
) -> tuple[list[dict[str, Any]], runtime.Reader, role_model.RoleModel]:
    """The held-back documents, each with its incidents as the rules and a role model trained
    without them leave them, its weapon hits and its reading; and that role model."""
    reader = runtime.load(models)
    if reader is None:
        raise SystemExit(f"no reader at {models}: run training/train_reader.py first")
    record = json.loads((models / runtime.RECORD_FILE).read_text("utf-8"))
    held = set(record["held back docids"])
    settings = load_settings()
    data = rules_reading(settings, cache)
    docs = documents(settings, "train")
    shipped = role_model.load_model()
    if shipped is None:
        raise SystemExit("no shipped role model: run training/train_roles.py first")
    # the shipped role model saw the held-back documents: refit it on the others, as shipped
    l2 = float(
        json.loads(role_model.MODEL_PATH.with_suffix(".json").read_text())["method"]
        .split("L2 ")[1]
        .split(",")[0]
    )
    own = [e for e, d in zip(data, docs, strict=True) if d["docid"] not in held]
    roles = dataclasses.replace(shipped, classifier=fit(own, l2))
    out = []
    for e, doc in zip(data, docs, strict=True):
        if doc["docid"] not in held:
            continue
        incidents = copy.deepcopy(e.incidents)
        role_model.refine(e.doc, incidents, e.hits, roles, role_model.score(roles, e.candidates))
        out.append(
            {
                "doc": doc,
                "incidents": incidents,
                "entities": e.entities,
                "hits": e.hits,
                "reading": reader.read(doc["doctext"]),
            }
        )
    return out, reader, roles


def score(
    items: list[dict[str, Any]], reader: runtime.Reader, use: runtime.Use | None, min_score: float
) -> dict[str, Any]:
    report = Report("held back")
    templates = 0
    for item in items:
        incidents = [i.model_copy(deep=True) for i in item["incidents"]]
        if use is not None:
            incidents = reader_fillers.apply(
                item["doc"]["doctext"],
                incidents,
                item["reading"],
                item["hits"],
                reader.thresholds.span,
                use,
            )
        predicted = templates_of(incidents, item["entities"], min_score)
        templates += len(predicted)
        score_document(predicted, item["doc"]["templates"], report)
    micro = report.micro()
    return {
        "P": round(100 * micro.precision, 1),
        "R": round(100 * micro.recall, 1),
        "F1": round(100 * micro.f1, 1),
        "templates": templates,
        "gold templates": sum(len(i["doc"]["templates"]) for i in items),
    }


def best_with(tried: list[tuple[runtime.Use, dict[str, Any]]], **fixed: Any) -> dict[str, Any]:
    """The best-scoring use among those with the ``fixed`` values, with its figures."""
    use, figures = max(
        ((u, f) for u, f in tried if all(getattr(u, k) == v for k, v in fixed.items())),
        key=lambda pair: pair[1]["F1"],
    )
    return {"use": use.__dict__, **figures}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=runtime.MODELS)
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the rules' reading")
    args = parser.parse_args(argv)
    items, reader, roles = prepared(args.models, args.cache)
    min_score = roles.template
    rules = score(items, reader, None, min_score)
    print("rules alone:", rules)
    tried = []
    for values in itertools.product(*GRID.values()):
        use = runtime.Use(**dict(zip(GRID, values, strict=True)))
        figures = score(items, reader, use, min_score)
        tried.append((use, figures))
    within = [
        (u, f) for u, f in tried if f["templates"] <= MOST_TEMPLATES * f["gold templates"]
    ] or tried
    use, figures = max(within, key=lambda pair: pair[1]["F1"])
    for u, f in sorted(tried, key=lambda pair: -pair[1]["F1"])[:8]:
        print(u, f)
    print("chosen:", use, figures)
    path = args.models / runtime.RECORD_FILE
    record = json.loads(path.read_text("utf-8"))
    record["use"] = use.__dict__
    record["use chosen on held back"] = {
        "rules alone": rules,
        "rules with the reader": figures,
        "grid": {k: list(v) for k, v in GRID.items()},
        "best with the reader's own spans added": best_with(tried, add=True),
        "best without the document gate": best_with(tried, document=None),
        "gate alone": score(
            items, reader, runtime.Use(document=use.document, add=False), min_score
        ),
        "most templates": f"{MOST_TEMPLATES}x gold",
    }
    path.write_text(json.dumps(record, indent=1) + "\n", "utf-8")
    print(f"wrote the use to {path}")


if __name__ == "__main__":
    main()

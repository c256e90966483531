"""Choose how the pipeline uses the learned reader, on the reader's held-back TRAIN documents.

    python training/choose_reader_use.py [--models DIR]

Runs the rules (with the role model) over the tenth of MUC-4 TRAIN that ``train_reader.py``
held back (their ids are in ``reader.json``), reads the same documents with the shipped reader,
and scores every :class:`docket.extract.reader.Use` of a small grid: the document gate, the
evidence gate, adding the reader's fillers, pruning the rule fillers it does not tag. The best
micro-F1 among the uses whose templates stay within 1.3x the gold count is written to
``reader.json`` as ``use``, beside the rules' own figure on the same documents. MUC-4 dev is
never read. Needs no torch: it runs the shipped ONNX model.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

from docket.evaluate.incident_runs import analyse_text, incident_stages
from docket.evaluate.muc4 import documents, score_document, templates_of
from docket.evaluate.scores import Report
from docket.extract import reader as runtime
from docket.extract import reader_fillers, role_model
from docket.extract.weapons import find_weapons
from docket.pipeline import Context
from docket.settings import load_settings

MOST_TEMPLATES = 1.3  # predicted templates at most this many times the gold count
GRID: dict[str, tuple[Any, ...]] = {
    "document": (None, 0.2, 0.3, 0.4, 0.5, 0.6),
    "evidence": (None, 0.1, 0.2, 0.3),
    "add": (False, True),
    "prune": (False, True),
    "blend": (0.0, 0.3, 0.5, 0.7),
}


def prepared(models: Path) -> tuple[list[dict[str, Any]], runtime.Reader]:
    """The held-back documents, each with its rule incidents, weapon hits and reading."""
    reader = runtime.load(models)
    if reader is None:
        raise SystemExit(f"no reader at {models}: run training/train_reader.py first")
    record = json.loads((models / runtime.RECORD_FILE).read_text("utf-8"))
    held = set(record["held back docids"])
    settings = load_settings()
    context = Context(settings)
    context.resources.reader = None  # the rules alone; the grid applies the reading below
    stages = incident_stages()
    out = []
    for doc in documents(settings, "train"):
        if doc["docid"] not in held:
            continue
        analysis = analyse_text(doc["doctext"], context, stages)
        out.append(
            {
                "doc": doc,
                "incidents": analysis.incidents,
                "entities": analysis.entities,
                "hits": find_weapons(analysis.doc),
                "reading": reader.read(doc["doctext"]),
            }
        )
    return out, reader


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=runtime.MODELS)
    args = parser.parse_args(argv)
    items, reader = prepared(args.models)
    roles = role_model.load_model()
    min_score = roles.template if roles is not None else 0.0
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
        "most templates": f"{MOST_TEMPLATES}x gold",
    }
    path.write_text(json.dumps(record, indent=1) + "\n", "utf-8")
    print(f"wrote the use to {path}")


if __name__ == "__main__":
    main()

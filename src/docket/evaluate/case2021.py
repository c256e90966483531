"""``docket eval case2021``: ACLED sub-event types of CASE 2021 task 2 snippets, macro-F1.

Only ``dev.tsv`` exists and the shipped classifier was trained on it, so figures are by stratified
5-fold cross-validation: for each fold a classifier is trained on the other four folds (the same
training as ``training/train_acled.py``) and decides the held-out snippets. Snippets whose gold
type is not an ACLED type (CASE's unseen types) are left out.
"""

from __future__ import annotations

import csv
from collections import defaultdict

from docket.evaluate.incident_runs import analyse_text, eval_dir, incident_stages
from docket.evaluate.scores import Report
from docket.extract import acled
from docket.pipeline import Context
from docket.settings import Settings

FOLDS = 5


def snippets(settings: Settings) -> list[dict[str, str]]:
    """The rows of ``shared/eval/case2021/dev.tsv`` (``EventSnippet``, ``SubType``, ...)."""
    path = eval_dir(settings, "case2021") / "dev.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def examples(settings: Settings, limit: int | None = None) -> list[tuple[str, list[str], str]]:
    """(snippet, features, ACLED type) for every ACLED-labelled snippet, through the pipeline."""
    rows = [r for r in snippets(settings) if r["SubType"] in acled.CASE_CODES]
    if limit:
        rows = rows[:limit]
    context = Context(settings)
    context.resources.acled_model = None  # rule features must not depend on a trained model
    stages = incident_stages()
    out = []
    for row in rows:
        text = row["EventSnippet"]
        analysis = analyse_text(text, context, stages)
        extra = sorted({f for inc in analysis.incidents for f in acled.rule_features(inc)})
        out.append((text, acled.features(text, extra), acled.CASE_CODES[row["SubType"]]))
    return out


def folds(labels: list[str], k: int = FOLDS) -> list[int]:
    """A stratified fold number for each example (deterministic)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for label in labels:
        out.append(seen[label] % k)
        seen[label] += 1
    return out


def cross_validate(data: list[tuple[str, list[str], str]], k: int = FOLDS) -> list[str]:
    """Held-out predictions for each example by k-fold cross-validation."""
    labels = [label for _, _, label in data]
    fold_of = folds(labels, k)
    predicted = [""] * len(data)
    for fold in range(k):
        train_idx = [i for i, f in enumerate(fold_of) if f != fold]
        test_idx = [i for i, f in enumerate(fold_of) if f == fold]
        if not test_idx or not train_idx:
            continue
        model = acled.train([data[i][1] for i in train_idx], [labels[i] for i in train_idx])
        held_out = acled.predict(model, [data[i][1] for i in test_idx])
        for i, label in zip(test_idx, held_out, strict=True):
            predicted[i] = label
    return predicted


def score(gold: list[str], predicted: list[str], title: str) -> Report:
    report = Report(title)
    for label in sorted(set(gold)):
        report.row(label)
    for g, p in zip(gold, predicted, strict=False):
        report.row(g).gold += 1
        if p:
            report.row(p).predicted += 1
        if g == p:
            report.row(g).tp += 1
    report.summary["macro-F1"] = (
        100 * sum(report.rows[label].f1 for label in set(gold)) / len(set(gold))
    )
    report.summary["accuracy"] = (
        100 * sum(g == p for g, p in zip(gold, predicted, strict=False)) / max(1, len(gold))
    )
    return report


def run(settings: Settings, limit: int | None = None) -> list[Report]:
    data = examples(settings, limit)
    gold = [label for _, _, label in data]
    learned = score(
        gold,
        cross_validate(data),
        f"CASE 2021 dev, ACLED sub-event types, {FOLDS}-fold CV ({len(data)} snippets)",
    )
    rules = [
        acled.classify("", [f for f in feats if f.startswith("__cat_")][:1], None) or ""
        for _, feats, _ in data
    ]
    learned.notes.append(
        f"rules alone (incident category -> type): macro-F1 {score(gold, rules, '').summary['macro-F1']:.1f}"
    )
    return [learned]

"""``docket eval case2021``: ACLED sub-event types of CASE 2021 task 2 snippets, macro-F1.

Only ``dev.tsv`` exists and the shipped classifier was trained on it, so figures are by stratified
5-fold cross-validation: for each fold a classifier is trained on the other four folds (the same
training as ``training/train_acled.py``) and decides the held-out snippets. Snippets whose gold
type is not an ACLED type (CASE's unseen types) are left out. Two figures: the type of each
snippet read as a whole (what the classifier can do), and end to end, the type the record gives
(its first incident's, read from that incident's evidence; a snippet where the pipeline found no
incident counts as missed).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from docket.evaluate import event_finding
from docket.evaluate.incident_runs import analyse_text, eval_dir, incident_stages
from docket.evaluate.scores import Report
from docket.extract import acled
from docket.extract.event_finder import Finder
from docket.extract.logistic import Classifier
from docket.pipeline import Context
from docket.settings import Settings

FOLDS = 5


def snippets(settings: Settings) -> list[dict[str, str]]:
    """The rows of ``shared/eval/case2021/dev.tsv`` (``EventSnippet``, ``SubType``, ...)."""
    path = eval_dir(settings, "case2021") / "dev.tsv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Example:
    """One ACLED-labelled snippet as the pipeline read it."""

    text: str
    features: list[str]  # the classifier's features of the whole snippet
    label: str  # the gold ACLED sub-event type
    incidents: list[tuple[str, list[str]]]  # each incident's evidence and features, in order


def examples(settings: Settings, limit: int | None = None) -> list[Example]:
    """Every ACLED-labelled snippet through the pipeline, with its incidents."""
    rows = [r for r in snippets(settings) if r["SubType"] in acled.CASE_CODES]
    if limit:
        rows = rows[:limit]
    context = Context(settings)
    context.resources.acled_model = None  # rule features must not depend on a trained model
    context.resources.event_finder = None  # the rules' incidents; the finder is cross-validated
    stages = incident_stages()
    out = []
    for row in rows:
        text = row["EventSnippet"]
        analysis = analyse_text(text, context, stages)
        extra = sorted({f for inc in analysis.incidents for f in acled.rule_features(inc)})
        incidents = []
        for incident in analysis.incidents:
            evidence = " ".join(e.quote for e in incident.evidence)
            incidents.append((evidence, acled.features(evidence, acled.rule_features(incident))))
        label = acled.CASE_CODES[row["SubType"]]
        out.append(Example(text, acled.features(text, extra), label, incidents))
    return out


def folds(labels: list[str], k: int = FOLDS) -> list[int]:
    """A stratified fold number for each example (deterministic)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for label in labels:
        out.append(seen[label] % k)
        seen[label] += 1
    return out


@dataclass
class Vectors:
    """The sentence encoder's vectors of every snippet and of every incident's evidence (None
    without the encoder: the classifier then reads the features alone)."""

    snippets: Any
    incidents: list[Any]

    @classmethod
    def of(cls, data: list[Example], encoder: Any) -> Vectors:
        if encoder is None:
            return cls(None, [None] * len(data))
        return cls(
            encoder.vectors([x.text for x in data]),
            [encoder.vectors([e for e, _ in x.incidents]) for x in data],
        )


def cross_validate(
    data: list[Example], vectors: Vectors | None = None, k: int = FOLDS
) -> tuple[list[str], list[str], list[Classifier]]:
    """Held-out predictions by k-fold cross-validation: the type of each snippet as a whole, and
    the type the record gives, its first incident's ("" where the pipeline found none); and the
    classifier of each fold."""
    vectors = vectors or Vectors(None, [None] * len(data))
    labels = [x.label for x in data]
    fold_of = folds(labels, k)
    whole = [""] * len(data)
    record = [""] * len(data)
    models = []
    for fold in range(k):
        train_idx = [i for i, f in enumerate(fold_of) if f != fold]
        test_idx = [i for i, f in enumerate(fold_of) if f == fold]
        model = acled.train(
            [data[i].features for i in train_idx],
            [labels[i] for i in train_idx],
            _rows(vectors.snippets, train_idx),
        )
        models.append(model)
        held_out = acled.predict(
            model, [data[i].features for i in test_idx], _rows(vectors.snippets, test_idx)
        )
        for i, label in zip(test_idx, held_out, strict=True):
            whole[i] = label
            if data[i].incidents:
                first = vectors.incidents[i]
                record[i] = acled.predict(
                    model, [data[i].incidents[0][1]], None if first is None else first[:1]
                )[0]
    return whole, record, models


def found_types(
    settings: Settings, data: list[Example], models: list[Classifier], finders: list[Finder]
) -> dict[int, str]:
    """For each snippet where the rules found no incident, the type of the incident the event
    finder of its fold gives it through the pipeline (with that fold's classifier), if any."""
    context = Context(settings)
    stages = incident_stages()
    fold_of = folds([x.label for x in data])
    out: dict[int, str] = {}
    for i, example in enumerate(data):
        if example.incidents:
            continue
        context.resources.acled_model = models[fold_of[i]]
        context.resources.event_finder = finders[fold_of[i]]
        analysis = analyse_text(example.text, context, stages)
        if analysis.incidents:
            out[i] = analysis.incidents[0].acled_sub_event_type or ""
    return out


def _rows(matrix: Any, index: list[int]) -> Any:
    return None if matrix is None else matrix[index]


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
    gold = [x.label for x in data]
    context = Context(settings)
    encoder = context.resources.sentence_encoder
    whole, record, models = cross_validate(data, Vectors.of(data, encoder))
    learned = score(
        gold, whole, f"CASE 2021 dev, ACLED sub-event types, {FOLDS}-fold CV ({len(data)} snippets)"
    )
    missed = sum(not x.incidents for x in data)
    learned.notes.append(
        f"end to end, the rules' incidents alone (the type of the record's first incident; the "
        f"rules found none in {missed} of {len(data)}): macro-F1 "
        f"{score(gold, record, '').summary['macro-F1']:.1f}"
    )
    shipped = context.resources.event_finder
    if encoder is not None and shipped is not None:
        case = event_finding.case_rows(settings)
        held, finders = event_finding.cross_validate(
            case,
            encoder.vectors([text for text, _ in case]),
            event_finding.polnear_leads(settings, context, encoder),
            event_finding.shipped_l2(),
        )
        finders = [replace(f, threshold=shipped.threshold) for f in finders]
        found = found_types(settings, data, models, finders)
        for i, label in found.items():
            record[i] = label
        end_to_end = score(gold, record, "")
        learned.notes.append(
            f"end to end, with the event finder (cross-validated; an incident in {len(found)} of "
            f"the {missed}): macro-F1 {end_to_end.summary['macro-F1']:.1f}, accuracy "
            f"{end_to_end.summary['accuracy']:.1f}"
        )
        count = event_finding.counts(case, held, shipped.threshold)
        learned.notes.append(
            "the event finder alone, 5-fold CV over all 510 snippets and 420 PolNeAR articles: "
            + ", ".join(f"{key} {value}" for key, value in count.items())
        )
    rules = [
        acled.classify("", [f for f in x.features if f.startswith("__cat_")][:1], None) or ""
        for x in data
    ]
    learned.notes.append(
        f"rules alone (incident category -> type): macro-F1 {score(gold, rules, '').summary['macro-F1']:.1f}"
    )
    if encoder is None:
        learned.notes.append(
            "the sentence encoder's files are absent: words and rule features only"
        )
    return [learned]

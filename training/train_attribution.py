"""Learn cue weights for attribution from PolNeAR train: P(cue | verb lemma, complement frame).

Run ``python training/train_attribution.py [--limit N]`` from a checkout with ../shared/eval.
Every verb of every train text is parsed and labelled a cue when it overlaps a gold Cue span; the
weight of a (lemma, frame) pair is its add-one-smoothed cue rate. The decision threshold is chosen
by 5-fold cross-validation over the train documents (token-level cue F1, with the lexicon deciding
for pairs seen fewer than ``MIN_COUNT`` times), then the weights are fitted on all of train and
written to ``docket/knowledge/models/cue_weights.csv`` with the record of the training run in its
header. Dev is never read here.
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

from docket.evaluate.polnear import documents, overlaps, read_ann, split_dir
from docket.extract.attribution import frame
from docket.extract.cues import load_lexicon, weights_path
from docket.settings import load_settings

MIN_COUNT = 5
FOLDS = 5
THRESHOLDS = [round(0.15 + 0.05 * i, 2) for i in range(12)]

Example = tuple[int, str, str, bool]  # document index, lemma, frame, is a gold cue


def examples(limit: int | None) -> tuple[list[Example], int]:
    """Every verb of the train texts with its frame and gold label."""
    from docket.nlp.model import load_model

    settings = load_settings()
    nlp = load_model(settings.spacy_model)
    found: list[Example] = []
    docs = list(documents(split_dir(settings, "train"), limit))
    parsed = nlp.pipe((text for _name, text, _ann in docs), batch_size=16)
    for index, ((_name, _text, ann), doc) in enumerate(zip(docs, parsed, strict=True)):
        cues = [g.cue for g in read_ann(ann)]
        for token in doc:
            if token.pos_ != "VERB":
                continue
            span = ((token.idx, token.idx + len(token)),)
            label = any(overlaps(span, cue) for cue in cues)
            found.append((index, token.lemma_.lower(), frame(token), label))
    return found, len(docs)


def fit(data: list[Example]) -> dict[str, tuple[float, int]]:
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for _doc, lemma, frm, label in data:
        key = f"{lemma}|{frm}"
        seen[key] += 1
        cue[key] += label
    return {key: ((cue[key] + 1) / (n + 2), n) for key, n in seen.items()}


def decide(weights: dict[str, tuple[float, int]], lemma: str, frm: str, threshold: float) -> bool:
    learned = weights.get(f"{lemma}|{frm}")
    if learned is not None and learned[1] >= MIN_COUNT:
        return learned[0] >= threshold
    return lemma in load_lexicon().verbs and frm != "none"


def cross_validate(data: list[Example], n_docs: int) -> dict[float, float]:
    """Token-level cue F1 for each threshold, over ``FOLDS`` folds of documents."""
    scores: dict[float, list[int]] = {t: [0, 0, 0] for t in THRESHOLDS}  # tp, predicted, gold
    for fold in range(FOLDS):
        train = [x for x in data if x[0] % FOLDS != fold]
        test = [x for x in data if x[0] % FOLDS == fold]
        weights = fit(train)
        for threshold in THRESHOLDS:
            counts = scores[threshold]
            for _doc, lemma, frm, label in test:
                guess = decide(weights, lemma, frm, threshold)
                counts[0] += guess and label
                counts[1] += guess
                counts[2] += label
    result = {}
    for threshold, (tp, predicted, gold) in scores.items():
        p, r = tp / max(predicted, 1), tp / max(gold, 1)
        result[threshold] = 2 * p * r / (p + r) if p + r else 0.0
    return result


def write(weights: dict[str, tuple[float, int]], threshold: float, cv: float, n_docs: int) -> Path:
    path = weights_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted((k for k, (_w, n) in weights.items() if n >= MIN_COUNT))
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            "# Learned cue weights: add-one-smoothed P(gold cue | verb lemma, complement frame).\n"
            f"# source: PolNeAR train split ({n_docs} texts, first annotator per text), "
            "networkdynamics/PolNeAR @ c3eee833\n"
            "# built by: python training/train_attribution.py\n"
            f"# as-of: {date.today().isoformat()}\n"
            f"# {FOLDS}-fold CV token-level cue F1 at the chosen threshold: {100 * cv:.1f}\n"
            f"# threshold: {threshold}\n"
            f"# min_count: {MIN_COUNT}\n"
            "lemma,frame,weight,count\n"
        )
        for key in rows:
            lemma, frm = key.split("|")
            weight, n = weights[key]
            handle.write(f"{lemma},{frm},{weight:.4f},{n}\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N train texts")
    args = parser.parse_args()
    data, n_docs = examples(args.limit)
    cv = cross_validate(data, n_docs)
    threshold = max(cv, key=lambda t: cv[t])
    for t, f in sorted(cv.items()):
        print(f"threshold {t:.2f}: CV cue F1 {100 * f:.1f}")
    path = write(fit(data), threshold, cv[threshold], n_docs)
    print(f"wrote {path} (threshold {threshold}, CV cue F1 {100 * cv[threshold]:.1f})")


if __name__ == "__main__":
    main()

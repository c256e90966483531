"""Train the ACLED sub-event classifier on CASE 2021 dev and ship its weights.

    python training/train_acled.py

Runs the pipeline over every ACLED-labelled snippet of ``shared/eval/case2021/dev.tsv`` (for the
rule features), reads each snippet with the shipped sentence encoder
(``knowledge/models/sentence_encoder.onnx``, ``training/export_sentence_encoder.py``), prints the
5-fold cross-validated macro-F1, trains on all snippets and writes
``src/docket/knowledge/models/acled_case2021.npz`` with a sidecar ``.json`` recording the training.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

import numpy as np

from docket.evaluate.case2021 import Vectors, cross_validate, examples, score
from docket.extract import acled, logistic, sentence_encoder
from docket.settings import load_settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-vectors", action="store_true", help="words and rule features only (no encoder)"
    )
    args = parser.parse_args(argv)
    settings = load_settings()
    data = examples(settings)
    gold = [x.label for x in data]
    encoder = None if args.no_vectors else sentence_encoder.load()
    if encoder is None and not args.no_vectors:
        raise SystemExit("the sentence encoder is absent: make sentence-encoder, or --no-vectors")
    vectors = Vectors.of(data, encoder)
    whole, record, _ = cross_validate(data, vectors)
    report = score(gold, whole, "5-fold CV")
    end_to_end = score(gold, record, "")
    print(report.render())
    print(f"end to end, the rules' incidents only: macro-F1 {end_to_end.summary['macro-F1']:.1f}")
    model = acled.train([x.features for x in data], gold, vectors.snippets)
    logistic.save(model, acled.MODEL_PATH, np.float16)  # half precision: the weights ship
    sidecar = acled.MODEL_PATH.with_suffix(".json")
    sidecar.write_text(
        json.dumps(
            {
                "trained": date.today().isoformat(),
                "data": "shared/eval/case2021/dev.tsv (CASE 2021 task 2, emerging-welfare/case-2021-shared-task @ 45062424), ACLED-labelled snippets only",
                "examples": len(data),
                "features": len(model.vocabulary),
                "vector_width": model.dense,
                "labels": model.labels,
                "method": "multinomial logistic regression, L2 1e-5, L-BFGS; word unigrams+bigrams+5-letter prefixes (min count 2) + rule features, each row scaled to unit length"
                + (
                    ""
                    if encoder is None
                    else "; beside them the sentence encoder's unit-length vector of the text (sentence_encoder.json)"
                ),
                "cv_macro_f1": round(report.summary["macro-F1"], 1),
                "cv_accuracy": round(report.summary["accuracy"], 1),
                "cv_end_to_end_rules_only_macro_f1": round(end_to_end.summary["macro-F1"], 1),
                "command": "python training/train_acled.py",
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {acled.MODEL_PATH} ({len(model.vocabulary)} features, {len(model.labels)} types)")


if __name__ == "__main__":
    main()

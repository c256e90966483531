"""Train the ACLED sub-event classifier on CASE 2021 dev and ship its weights.

    python training/train_acled.py

Runs the pipeline over every ACLED-labelled snippet of ``shared/eval/case2021/dev.tsv`` (for the
rule features), prints the 5-fold cross-validated macro-F1, trains on all snippets and writes
``src/docket/knowledge/models/acled_case2021.npz`` with a sidecar ``.json`` recording the training.
"""

from __future__ import annotations

import argparse
import json
from datetime import date

import numpy as np

from docket.evaluate.case2021 import cross_validate, examples, score
from docket.extract import acled, logistic
from docket.settings import load_settings


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    settings = load_settings()
    data = examples(settings)
    gold = [label for _, _, label in data]
    report = score(gold, cross_validate(data), "5-fold CV")
    print(report.render())
    model = acled.train([feats for _, feats, _ in data], gold)
    logistic.save(model, acled.MODEL_PATH, np.float16)  # half precision: the weights ship
    sidecar = acled.MODEL_PATH.with_suffix(".json")
    sidecar.write_text(
        json.dumps(
            {
                "trained": date.today().isoformat(),
                "data": "shared/eval/case2021/dev.tsv (CASE 2021 task 2, emerging-welfare/case-2021-shared-task @ 45062424), ACLED-labelled snippets only",
                "examples": len(data),
                "features": len(model.vocabulary),
                "labels": model.labels,
                "method": "multinomial logistic regression, L2 1e-5, L-BFGS; word unigrams+bigrams+5-letter prefixes (min count 2) + rule features",
                "cv_macro_f1": round(report.summary["macro-F1"], 1),
                "command": "python training/train_acled.py",
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {acled.MODEL_PATH} ({len(model.vocabulary)} features, {len(model.labels)} types)")


if __name__ == "__main__":
    main()

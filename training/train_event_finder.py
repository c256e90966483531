"""Train the event finder (``docket.extract.event_finder``) and ship its weights.

    python training/train_event_finder.py

Reads the CASE 2021 task 2 snippets (ACLED types: events; CASE's other types: none) and the lead
sentences of every second PolNeAR training article (none) with the shipped sentence encoder
(about three minutes on two cores), then chooses the L2 penalty and the threshold by 5-fold
cross-validation: the most events found less three for each report of no event made an event
(``docket.evaluate.event_finding.worth``). Prints the grid, trains on everything and writes
``src/docket/knowledge/models/event_finder.npz`` with its record ``event_finder.json``.
"""

from __future__ import annotations

import argparse
from datetime import date

from docket.evaluate import event_finding
from docket.extract import event_finder, sentence_encoder
from docket.pipeline import Context
from docket.settings import load_settings


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    settings = load_settings()
    encoder = sentence_encoder.load()
    if encoder is None:
        raise SystemExit("the sentence encoder is absent: make sentence-encoder")
    context = Context(settings)
    case = event_finding.case_rows(settings)
    case_vectors = encoder.vectors([text for text, _ in case])
    leads = event_finding.polnear_leads(settings, context, encoder)
    grid = []
    for l2 in event_finding.L2S:
        held, _ = event_finding.cross_validate(case, case_vectors, leads, l2)
        for threshold in event_finding.THRESHOLDS:
            count = event_finding.counts(case, held, threshold)
            grid.append((event_finding.worth(count), -l2, threshold, l2, count))
            print(f"L2 {l2:g} threshold {threshold}: {count}")
    worth, _, threshold, l2, count = max(grid, key=lambda row: row[:3])
    print(f"chosen: L2 {l2:g}, threshold {threshold} (worth {worth})")
    case_fold = event_finding.case_folds(case)
    finder = event_finder.train(
        *event_finding.fold_data(case, case_vectors, case_fold, leads, None), l2, threshold
    )
    record = {
        "trained": date.today().isoformat(),
        "data": {
            "events": "shared/eval/case2021/dev.tsv snippets of an ACLED sub-event type",
            "none": "the same file's other snippets (CASE's non-ACLED types), and the lead "
            f"sentences (first {event_finder.LEAD} of {event_finder.MIN_WORDS}+ words in the "
            f"first {event_finding.HEAD} characters) of every {event_finding.EVERY}nd PolNeAR "
            "training article (shared/eval/polnear/train)",
            "texts": len(case) + sum(len(t) for t in leads.texts),
            "polnear_articles": len(leads.texts),
        },
        "method": "logistic regression (event / none), L-BFGS; words, bigrams and 5-letter "
        "prefixes (min count 2, each row scaled to unit length) and the sentence encoder's "
        "unit-length vector (sentence_encoder.json)",
        "l2": l2,
        "choice": f"L2 in {list(event_finding.L2S)} and threshold in "
        f"{list(event_finding.THRESHOLDS)} by 5-fold CV: events found - "
        f"{event_finding.FALSE_COST} x reports of no event fired",
        "cv_at_threshold": count,
        "grid": [{"l2": row[3], "threshold": row[2], **row[4]} for row in grid],
        "command": "python training/train_event_finder.py",
    }
    event_finder.save(finder, record)
    print(f"wrote {event_finder.MODEL_PATH}")


if __name__ == "__main__":
    main()

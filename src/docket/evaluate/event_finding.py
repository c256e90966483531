"""The event finder's data and its cross-validation (``training/train_event_finder.py`` and
``docket eval case2021`` share them).

Events: the CASE 2021 task 2 snippets of an ACLED type. None: CASE's other snippets (natural and
man-made disasters, diplomacy, organised crime, attributions) and the lead sentences of every
second PolNeAR training article (US political news, 2015-2016). CASE snippets fall in the
stratified folds of ``docket.evaluate.case2021``; PolNeAR articles in folds by their order, so a
held-out article's lead is never seen in training. Only training data: CASE has no other split
(hence cross-validation) and PolNeAR's dev articles are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from docket.evaluate.incident_runs import eval_dir
from docket.extract import acled, event_finder
from docket.extract.event_finder import EVENT, NONE, Finder
from docket.extract.incidents import units
from docket.pipeline import Context
from docket.settings import Settings

EVERY = 2  # every second PolNeAR training article
HEAD = 3000  # characters of an article read: its lead is well inside
L2S = (1e-5, 1e-4)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
FALSE_COST = 3  # a report of no event made an incident costs three events found


@dataclass
class Leads:
    """The lead sentences of the PolNeAR articles, with their vectors."""

    names: list[str]
    texts: list[list[str]]
    vectors: list[Any]


def polnear_leads(settings: Settings, context: Context, encoder: Any) -> Leads:
    """The lead sentences (as the finder reads them) of every ``EVERY``-th PolNeAR article."""
    folder = eval_dir(settings, "polnear") / "train" / "text"
    nlp = context.resources.nlp
    names, texts = [], []
    for path in sorted(folder.glob("*.txt"))[::EVERY]:
        text = path.read_text(encoding="utf-8")[:HEAD]
        spans = units(nlp(text))
        names.append(path.name)
        texts.append([text[spans[n][0] : spans[n][1]] for n in event_finder.lead(spans, text)])
    return Leads(names, texts, [encoder.vectors(t) for t in texts])


def case_rows(settings: Settings) -> list[tuple[str, str]]:
    """(snippet, CASE code) for every CASE 2021 dev snippet."""
    from docket.evaluate.case2021 import snippets

    return [(r["EventSnippet"], r["SubType"]) for r in snippets(settings)]


def fold_data(
    case: list[tuple[str, str]],
    case_vectors: Any,
    case_fold: list[int],
    leads: Leads,
    fold: int | None,
) -> tuple[list[str], list[str], Any]:
    """Texts, labels and vectors to train on: everything outside ``fold`` (None: everything)."""
    texts, labels, vectors = [], [], []
    for i, (text, code) in enumerate(case):
        if case_fold[i] != fold:
            texts.append(text)
            labels.append(EVENT if code in acled.CASE_CODES else NONE)
            vectors.append(case_vectors[i])
    for j, lead in enumerate(leads.texts):
        if j % len(set(case_fold)) != fold:
            texts += lead
            labels += [NONE] * len(lead)
            vectors += list(leads.vectors[j])
    return texts, labels, np.array(vectors, dtype=np.float32)


def case_folds(case: list[tuple[str, str]]) -> list[int]:
    """CASE's folds: the ACLED snippets as ``docket.evaluate.case2021`` folds them, the others
    in their own stratified turn."""
    from docket.evaluate.case2021 import FOLDS, folds

    return folds([code for _, code in case], FOLDS)


@dataclass
class Held:
    """Held-out scores: each CASE snippet's P(event) and each PolNeAR article's best lead
    sentence's."""

    case: np.ndarray
    articles: np.ndarray


def cross_validate(
    case: list[tuple[str, str]], case_vectors: Any, leads: Leads, l2: float
) -> tuple[Held, list[Finder]]:
    """Held-out scores by fold, and the finder of each fold (threshold not yet chosen)."""
    case_fold = case_folds(case)
    k = len(set(case_fold))
    held = Held(np.zeros(len(case)), np.zeros(len(leads.texts)))
    finders = []
    for fold in range(k):
        finder = event_finder.train(*fold_data(case, case_vectors, case_fold, leads, fold), l2, 0.5)
        finders.append(finder)
        index = [i for i, f in enumerate(case_fold) if f == fold]
        held.case[index] = finder.scores([case[i][0] for i in index], case_vectors[index])
        for j, lead in enumerate(leads.texts):
            if j % k == fold and lead:
                held.articles[j] = float(finder.scores(lead, leads.vectors[j]).max())
    return held, finders


def counts(case: list[tuple[str, str]], held: Held, threshold: float) -> dict[str, int]:
    """Events found, CASE reports of no ACLED event made events, PolNeAR articles made events."""
    event = np.array([code in acled.CASE_CODES for _, code in case])
    hit = held.case >= threshold
    return {
        "events found": int((hit & event).sum()),
        "events": int(event.sum()),
        "CASE non-events fired": int((hit & ~event).sum()),
        "CASE non-events": int((~event).sum()),
        "PolNeAR articles fired": int((held.articles >= threshold).sum()),
        "PolNeAR articles": len(held.articles),
    }


def worth(count: dict[str, int]) -> int:
    """The choice's criterion: events found less ``FALSE_COST`` for each false one."""
    false = count["CASE non-events fired"] + count["PolNeAR articles fired"]
    return count["events found"] - FALSE_COST * false


def shipped_l2() -> float:
    """The L2 penalty the shipped finder was trained with (its record)."""
    import json

    record = event_finder.MODEL_PATH.with_suffix(".json")
    return float(json.loads(record.read_text("utf-8"))["l2"])

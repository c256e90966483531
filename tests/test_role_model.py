"""The learned role-filler classifier: the optimiser learns, the shipped model reads mixed-case
news, the pipeline uses it, and training on a small MUC-4 slice beats chance on held-out text."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from docket.extract import logistic, role_model

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXT = (
    "Gunmen of the Popular Liberation Army shot dead the mayor of Riverton, Daniel Okafor, "
    "on Tuesday as he left the town hall. The attackers fled in a stolen truck."
)


def test_logistic_regression_learns_a_rule_it_was_not_told() -> None:
    rng = random.Random(7)
    words = [f"w{i}" for i in range(30)]

    def example() -> tuple[list[str], str]:
        feats = rng.sample(words, 5)
        label = "a" if "w1" in feats else "b" if "w2" in feats else "c"
        return feats, label

    train = [example() for _ in range(400)]
    test = [example() for _ in range(200)]
    model = logistic.fit([f for f, _ in train], [y for _, y in train], l2=1e-4)
    probs = model.probabilities([f for f, _ in test])
    predicted = [model.labels[i] for i in probs.argmax(axis=1)]
    accuracy = sum(p == y for p, (_, y) in zip(predicted, test, strict=True)) / len(test)
    majority = max(sum(y == k for _, y in test) for k in "abc") / len(test)
    assert accuracy >= 0.95 > majority


def test_weights_round_trip_as_float32(tmp_path: Path) -> None:
    model = logistic.fit([["x"], ["y"], ["x"], ["y"]], ["a", "b", "a", "b"], min_count=1)
    path = tmp_path / "m.npz"
    logistic.save(model, path)
    back = logistic.load(path)
    assert back is not None and back.labels == ["a", "b"] and back.vocabulary == model.vocabulary
    assert back.probabilities([["x"]])[0, 0] > 0.5
    assert logistic.load(tmp_path / "absent.npz") is None


def _analyse(text: str, with_model: bool = True) -> Any:
    from docket.evaluate.incident_runs import analyse_text, incident_stages
    from docket.pipeline import Context
    from docket.settings import Settings

    context = Context(Settings())
    if not with_model:
        context.cache["role_model"] = None
    return analyse_text(text, context, incident_stages())


@pytest.mark.slow
def test_shipped_model_finds_perpetrator_and_victim_in_mixed_case_news() -> None:
    from docket.extract.role_features import candidates
    from docket.extract.weapons import find_weapons

    model = role_model.load_model()
    assert model is not None, "knowledge/models/roles_muc4.npz is missing"
    analysis = _analyse(TEXT, with_model=False)
    doc = analysis.doc
    scored = role_model.score(model, candidates(doc, analysis.incidents, find_weapons(doc)))
    best = {s.candidate.text: s for s in scored}
    assert best["Gunmen"].role == "PerpInd"
    assert best["Daniel Okafor"].role == "Victim"
    for other in ("Riverton", "town hall", "stolen truck"):
        assert best[other].p_role < min(best["Gunmen"].p_role, best["Daniel Okafor"].p_role)


@pytest.mark.slow
def test_pipeline_keeps_rule_fillers_and_adds_confident_model_fillers() -> None:
    text = (
        "Guerrillas of the Popular Liberation Army killed two peasants, Juan Perez and Carlos "
        "Gomez, near the village on Tuesday."
    )
    model = role_model.load_model()
    assert model is not None, "knowledge/models/roles_muc4.npz is missing"
    rules = _analyse(text, with_model=False)
    analysis = _analyse(text)
    assert analysis.incidents, "no incident read"

    def fillers(a: Any) -> list[Any]:
        return [x for i in a.incidents for x in role_model.fillers(i)]

    kept = {x.text for x in fillers(analysis)}
    assert {x.text for x in fillers(rules)} <= kept  # the model never removes a rule filler
    added = [x for x in fillers(analysis) if getattr(x, "origin", None) == "model"]
    victims = {v.text for i in analysis.incidents for v in i.victims}
    assert victims & {"Juan Perez", "Carlos Gomez"}  # the rules miss the apposition
    for item in fillers(analysis):
        assert item.span is not None
        assert analysis.text[item.span.start : item.span.end] == item.text
        assert 0.0 <= getattr(item, "score", 0.0) <= 1.0
    assert all(x.score >= model.add for x in added)


@pytest.mark.slow
@pytest.mark.eval
def test_training_on_a_small_slice_ranks_held_out_fillers_above_chance() -> None:
    if not (SHARED / "eval" / "muc4" / "train.json").exists():
        pytest.skip("MUC-4 data not found at ../shared/eval/muc4")
    from docket.evaluate.train_roles import examples, fit
    from docket.settings import Settings

    data = examples(Settings(shared_dir=SHARED), "train", 45)
    train, test = data[:30], data[30:]
    classifier = fit(train)
    none = classifier.labels.index(role_model.NONE)
    scores: list[tuple[float, bool]] = []
    for e in test:
        probs = classifier.probabilities([c.features for c in e.candidates])
        scores += [
            (1 - p[none], y != role_model.NONE) for p, y in zip(probs, e.labels, strict=True)
        ]
    positives = [s for s, y in scores if y]
    negatives = [s for s, y in scores if not y]
    assert positives and negatives
    # the probability that a gold filler outranks a non-filler (area under the ROC curve)
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    assert wins / (len(positives) * len(negatives)) > 0.75

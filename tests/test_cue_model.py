"""The learned cue model: which verbs are reporting cues, and what it leaves to the rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docket.extract import cue_features
from docket.extract.cue_model import MODEL_PATH, load_cue_model
from docket.extract.cues import load_lexicon, load_weights
from docket.nlp.model import load_model
from docket.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from test_claims import analyse  # noqa: E402

pytestmark = pytest.mark.skipif(
    not MODEL_PATH.is_file(), reason="cue model not trained (training/train_cue_model.py)"
)


def scores(text: str) -> dict[str, float]:
    doc = load_model(Settings().spacy_model)(text)
    model = load_cue_model()
    assert model is not None
    verbs = [t for t in doc if t.pos_ == "VERB"]
    by_index = model.scores(verbs, load_lexicon(), load_weights())
    return {t.text: by_index[t.i] for t in verbs}


def test_the_shipped_model_computes_the_features_it_was_trained_on() -> None:
    model = load_cue_model()
    assert model is not None
    assert tuple(model.scorer.sidecar["features"]) == cue_features.NAMES
    assert 0 < model.threshold < 1
    record = model.scorer.sidecar
    assert record["data"].startswith("PolNeAR train")
    assert "own check (a held-out fifth of train)" in record


def test_a_reporting_verb_scores_above_a_verb_of_action() -> None:
    found = scores('"We will not leave," the mayor said as workers repaired the bridge.')
    model = load_cue_model()
    assert model is not None
    assert found["said"] >= model.threshold > found["repaired"]


def test_a_belief_the_weights_alone_left_out_is_a_claim() -> None:
    # "think" with a clause was a cue in too few of PolNeAR's frames for its weight alone
    analysis = analyse("Republicans think Trump will lose the election.")
    assert [(c.source.text, c.cue) for c in analysis.claims] == [("Republicans", "think")]


@pytest.mark.parametrize(
    "text",
    [
        "The rebels launched rockets at the city.",
        "Government forces launched an offensive against the rebels in Idlib.",
        "Troops attacked the village on Monday.",
        "Iraqi forces continued to receive heavy fire.",
    ],
)
def test_an_act_of_force_or_an_effort_is_no_claim(text: str) -> None:
    assert analyse(text).claims == []


def test_a_conflict_cue_polnear_seldom_shows_still_counts() -> None:
    analysis = analyse("Human Rights Watch has documented that the strikes hit a school.")
    assert [c.source.text for c in analysis.claims] == ["Human Rights Watch"]


def test_condemning_an_attack_is_a_claim() -> None:
    analysis = analyse("Philip Hammond condemns the attacks on the hospital.")
    assert [(c.source.text, c.cue) for c in analysis.claims] == [("Philip Hammond", "condemns")]

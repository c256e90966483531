"""The sentence encoder and the learned event finder: reports of one event that no trigger word
names become one incident, marked as found by the finder; news of no political violence, and a
threat, give none."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np
import pytest

from docket.extract import acled, event_finder, logistic, sentence_encoder
from docket.settings import Settings


@pytest.fixture(scope="module")
def encoder() -> sentence_encoder.Encoder:
    loaded = sentence_encoder.load()
    assert loaded is not None, "the sentence encoder is missing from knowledge/models"
    return loaded


def _read(nlp: Any, text: str) -> Any:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    return run_stages(Analysis(raw=text.encode(), source="t"), context, incident_stages())


def test_shipped_encoder_is_the_recorded_file() -> None:
    folder = sentence_encoder.MODELS
    record = json.loads((folder / sentence_encoder.RECORD_FILE).read_text("utf-8"))
    data = (folder / sentence_encoder.MODEL_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == record["sha256"]
    assert record["int8_vs_float_cosine_on_sample"]["min"] > 0.95


def test_vectors_are_unit_length_and_close_for_the_same_meaning(
    encoder: sentence_encoder.Encoder,
) -> None:
    texts = [
        "Soldiers shelled the village overnight.",
        "Artillery fire hit the town during the night.",
        "Share prices rose on the stock exchange.",
        "word " * 600,  # longer than the model reads: cut, not an error
    ]
    vectors = encoder.vectors(texts)
    assert vectors.shape == (4, sentence_encoder.WIDTH)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    # batching by length does not change a text's vector
    alone = encoder.vectors([texts[1]])[0]
    assert float(alone @ vectors[1]) > 0.999
    assert encoder.vectors([]).shape == (0, sentence_encoder.WIDTH)


def test_a_model_that_reads_vectors_must_be_given_them() -> None:
    rows = [["a"], ["b"], ["a"], ["b"]]
    vectors = np.eye(4, 3)
    model = logistic.fit(rows, ["x", "y", "x", "y"], min_count=1, vectors=vectors)
    assert model.dense == 3
    assert model.probabilities(rows, vectors).shape == (4, 2)
    with pytest.raises(ValueError, match="vector of 3"):
        model.probabilities(rows)


def test_a_peaceful_march_no_trigger_names_is_one_learned_protest(nlp: Any) -> None:
    text = (
        "Hundreds of supporters of the opposition gathered peacefully in front of parliament "
        "in Nairobi on Monday to demand the release of political prisoners."
    )
    finder = event_finder.load()
    assert finder is not None, "the event finder is missing from knowledge/models"
    (incident,) = _read(nlp, text).incidents
    assert incident.origin == "learned"
    assert incident.score is not None and incident.score >= finder.threshold
    assert incident.category == "protest"
    assert incident.acled_sub_event_type == "Peaceful protest"
    assert incident.location is not None and incident.location.name == "Nairobi"
    assert [e.quote for e in incident.evidence] == [text]


def test_what_was_said_not_the_saying_gives_the_actor(nlp: Any) -> None:
    text = "Rebels set up a new base near the border town of Bunia, residents said."
    (incident,) = _read(nlp, text).incidents
    assert incident.origin == "learned"
    assert incident.acled_sub_event_type == "Headquarters or base established"
    assert [p.text for p in incident.perpetrators] == ["Rebels"]


@pytest.mark.parametrize(
    "text",
    [
        "Manchester United beat Chelsea 2-1 at Old Trafford on Sunday with a late goal.",
        "Shares in London rose on Monday as oil prices climbed and the pound weakened.",
        "Heavy rain is expected across the north of England this weekend, forecasters said.",
        # the rules void a threat: the finder cannot make it an event
        "The militants threatened to attack polling stations in Kandahar if the vote goes ahead.",
    ],
)
def test_news_of_no_political_violence_and_threats_give_no_incident(nlp: Any, text: str) -> None:
    assert _read(nlp, text).incidents == []


def test_rule_incidents_stay_found_by_the_rules(nlp: Any) -> None:
    text = "Rebels fired mortars at a school in the town on Monday, killing three children."
    (incident,) = _read(nlp, text).incidents
    assert incident.origin == "rules" and incident.score is None


def test_type_classifier_reads_the_evidence_vector(encoder: sentence_encoder.Encoder) -> None:
    model = acled.load_model()
    assert model is not None and model.dense == sentence_encoder.WIDTH
    text = "Protesters marched peacefully through the capital demanding higher wages."
    vector = encoder.vectors([text])[0]
    assert acled.classify(text, ["__cat_protest"], model, vector) == "Peaceful protest"

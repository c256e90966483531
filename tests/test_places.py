"""The resolve.places stage on real text with the statistical model: detection, metonymy,
mentions, incident locations."""

from __future__ import annotations

from typing import Any

import pytest

from docket.analysis import Analysis
from docket.nlp import stage as nlp_stage
from docket.pipeline import Context
from docket.resolve.places import stage as places
from docket.resolve.places.metonymy import is_metonymic
from docket.resolve.places.stage import best_location
from docket.settings import Settings

pytestmark = pytest.mark.slow


def analyse(nlp: Any, text: str) -> Analysis:
    analysis = Analysis(raw=text.encode(), text=text, language="en")
    context = Context(Settings())
    context.__dict__["nlp"] = nlp  # the session's model, not a second copy
    nlp_stage.run(analysis, context)
    places.run(analysis, context)
    return analysis


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Baku said the attack was a provocation.", "Baku", True),
        ("Moscow mediated the ceasefire talks last week.", "Moscow", True),
        ("The conflict between Baku and Yerevan has lasted decades.", "Yerevan", True),
        ("Rockets hit residential areas in Baku on Sunday.", "Baku", False),
        ("Shelling in Moscow killed two people.", "Moscow", False),
    ],
)
def test_a_capital_as_speaker_is_metonymic(nlp, sentence, name, expected):
    doc = nlp(sentence)
    assert is_metonymic(doc, *span(sentence, name)) is expected


def test_founding_article_places(nlp, founding_text):
    analysis = analyse(nlp, founding_text)
    refs = {(r.text, r.gazetteer_id, r.precision, r.country) for r in analysis.places}
    karabakh = [r for r in analysis.places if r.text == "Upper Karabakh"]
    assert karabakh and all(r.precision == "region" and r.country == "AZ" for r in karabakh)
    stepanakert = [r for r in analysis.places if r.text == "Stepanakert"]
    assert stepanakert and all(r.precision == "town" and r.country == "AZ" for r in stepanakert)
    assert ("Azerbaijan", "geonames:587116", "country", "AZ") in refs
    # the model's PERSON mention of Stepanakert is replaced by one place mention
    start = founding_text.index("Stepanakert")
    at = [m for m in analysis.mentions if m.start <= start < m.end]
    assert [m.label for m in at] == ["place"]
    assert at[0].canonical == stepanakert[0].gazetteer_id and at[0].origin == "gazetteer"
    # "Baku has not signed" / "Baku did not allow": Baku the government, never a location
    assert all((r.model_extra or {}).get("metonymic") for r in analysis.places if r.text == "Baku")


def test_best_location_prefers_the_most_specific_place_in_the_sentence(nlp, founding_text):
    analysis = analyse(nlp, founding_text)
    start, end = span(founding_text, "airraid shelter")
    where = best_location(analysis, start, end)
    assert where is not None and where.text == "Stepanakert" and where.precision == "town"
    # a sentence with no literal place falls back to the document's focus, never to Baku
    start, end = span(founding_text, "The specialized organizations speak")
    focus = best_location(analysis, start, end)
    assert focus is not None and focus.name == "Nagorno-Karabakh"


def test_unknown_place_entities_stay_unknown(nlp):
    text = "Fighting was reported near Qwzxplorville in Armenia."
    analysis = analyse(nlp, text)
    found = {r.text: r for r in analysis.places}
    assert found["Armenia"].precision == "country"
    unknown = [r for r in analysis.places if "Qwzxplorville" in r.text]
    assert all(r.precision == "unknown" and r.lat is None for r in unknown)


def test_a_demonym_never_places_an_incident(nlp):
    # "Russian" speaks of Russia, not of where the shelling was
    analysis = analyse(nlp, "Russian artillery shelled Kharkiv on Sunday, killing three people.")
    assert [p.text for p in analysis.places] == ["Kharkiv"]
    start, end = span(analysis.text, "shelled")
    place = best_location(analysis, start, end)
    assert place is not None and place.country == "UA"

"""The learned toponym detector: its shipped model and record, how it picks among overlapping
candidates, the rules' verdicts that bind it, and demonyms in ``docket geoparse``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docket.errors import DocketError
from docket.geoparse import find_places, geoparse
from docket.knowledge.gazetteer.store import load_gazetteer
from docket.resolve.places import spans
from docket.resolve.places.detector import MODEL_PATH, bound, load_detector, select
from docket.resources import Resources
from docket.settings import Settings


def test_the_shipped_model_carries_its_training_record():
    record = json.loads(MODEL_PATH.with_suffix(".json").read_text())
    assert tuple(record["features"]) == spans.NAMES
    assert 0 < record["threshold"] < 1
    assert any("LGL" in s for s in record["trained_on"])
    assert record["chosen_on"] == ["GeoVirus", "TUD-Loc validation"]
    assert "GeoVirus" in record["figures"]["validation"]


def test_overlapping_candidates_the_best_scored_wins():
    found = [(0, 6), (0, 11), (7, 11), (20, 25)]  # "Dublin", "Dublin City", "City", "Ohio"
    chosen = select(found, [0.6, 0.8, 0.1, 0.5], threshold=0.3)
    assert sorted(found[i] for i in chosen) == [(0, 11), (20, 25)]
    assert select(found, [0.2, 0.1, 0.1, 0.25], threshold=0.3) == []


def test_a_place_after_a_locative_preposition_binds_the_model(nlp):
    gaz = load_gazetteer()
    text = "A suicide bomber blew himself up in Kandahar. Farah said it was over."
    rows = {text[c.start : c.end]: c.row for c in spans.candidates(nlp(text), gaz)}
    assert bound(rows["Kandahar"], "locative")
    assert "Farah" not in rows or not bound(rows["Farah"], "locative")
    assert not bound(rows["Kandahar"], "none")


def test_a_big_city_after_in_or_near_is_a_place_the_model_never_saw(nlp):
    # Jos (about a million people) and Mubi are cities the model's local news never names
    text = "Gunmen attacked a checkpoint near Jos on Saturday; two died in Mubi."
    refs = {r.text: r for r in find_places(text, nlp)}
    assert refs["Jos"].country == "NG" and refs["Jos"].precision == "town"
    assert refs["Mubi"].country == "NG"
    # the statistical model takes "Gao" for a person's name; near a checkpoint it is Gao, Mali
    (gao,) = find_places("Gunmen attacked a checkpoint near Gao on Saturday.", nlp)
    assert gao.country == "ML"
    # the first word of a longer name is no city of its own
    street = "Crews filled potholes in Washington Avenue on Monday."
    assert "Washington" not in {r.text for r in find_places(street, nlp)}


def test_a_missing_model_is_named(tmp_path: Path):
    with pytest.raises(DocketError) as caught:
        load_detector(tmp_path / "places_detector.onnx")
    assert caught.value.code == "E040"
    assert "places_detector.onnx" in str(caught.value)


def test_geoparse_marks_demonyms_apart_from_place_names():
    resources = Resources(Settings())
    text = "Syrian troops shelled villages near Idlib on Sunday."
    (out,) = geoparse([{"id": "a", "text": text}], resources)
    places = {p["quote"]: p for p in out["places"]}
    assert places["Syrian"]["demonym"] is True and places["Syrian"]["country"] == "SY"
    assert places["Syrian"]["precision"] == "country"
    assert places["Idlib"]["demonym"] is False and places["Idlib"]["country"] == "SY"


def test_country_initials_and_press_abbreviations_are_places(nlp):
    text = (
        "Fighting spread in the DRC and the CAR, aid groups said. "
        "Crews flew in from Kamloops, B.C., and Thunder Bay, Ont."
    )
    refs = {r.text: r for r in find_places(text, nlp)}
    assert refs["DRC"].country == "CD" and refs["DRC"].precision == "country"
    assert refs["CAR"].country == "CF"
    assert refs["B.C."].name == "British Columbia"


def test_initials_are_read_only_in_capitals():
    gaz = load_gazetteer()
    assert [c.place.country for c in gaz.acronym("DRC")] == ["CD"]
    assert gaz.acronym("D.R.C.") == gaz.acronym("DRC")
    assert gaz.acronym("Car") == () and gaz.acronym("car") == ()


def test_a_division_or_an_airport_named_with_its_kind_is_placed(nlp):
    text = (
        "Gunmen killed two people in the Diyala Governorate on Monday. "
        "A car bomb exploded at Kandahar Airport the next day."
    )
    refs = {r.text: r for r in find_places(text, nlp)}
    diyala = next(r for quote, r in refs.items() if quote.startswith("Diyala"))
    assert diyala.country == "IQ" and diyala.precision == "region"
    # the airport lies at the city it serves, not nowhere
    assert refs["Kandahar Airport"].country == "AF"
    assert refs["Kandahar Airport"].precision == "town"


def test_a_town_written_with_its_division_marks_both(nlp):
    gaz = load_gazetteer()
    text = "Police in Winnipeg, Man., and in Paris, Texas, helped. Man is a town."
    rows = {
        (c.start, text[c.start : c.end]): dict(zip(spans.NAMES, c.row, strict=True))
        for c in spans.candidates(nlp(text), gaz)
    }
    marked = {quote for (_, quote), row in rows.items() if row["division_after_town"]}
    assert {"Winnipeg", "Man", "Paris", "Texas"} <= marked
    # the same word with no town before its comma is not marked
    last = max(start for start, quote in rows if quote == "Man")
    assert not rows[(last, "Man")]["division_after_town"]

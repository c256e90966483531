"""Which words docket takes for place names by itself (the model's entities, gazetteer matches):
sentences written for these tests, read with the statistical model."""

from __future__ import annotations

import pytest

from docket.geoparse import find_places

pytestmark = pytest.mark.slow


def quotes(nlp, text: str) -> set[str]:
    return {ref.text for ref in find_places(text, nlp)}


def test_a_possessive_is_not_part_of_the_place(nlp):
    found = quotes(nlp, "Boone County's sheriff said two deputies were hurt in Kentucky.")
    assert "Boone County" in found
    assert not any(q.endswith(("'s", "’s")) for q in found)


def test_streets_and_roads_are_not_places_but_the_town_is(nlp):
    found = quotes(
        nlp, "The crash closed Main Street and Highway 19 in Athens, Georgia, on Monday."
    )
    assert {"Athens", "Georgia"} <= found
    assert not any("Street" in q or "Highway" in q for q in found)


def test_months_are_not_places(nlp):
    # the gazetteer has towns named March (England) and August (United States)
    found = quotes(nlp, "In March floods came; in August, fighting resumed in Kharkiv.")
    assert "Kharkiv" in found
    assert not {"March", "August"} & found


def test_a_dateline_is_a_place(nlp):
    found = quotes(nlp, "KHERSON -- Shelling hit residential streets overnight, officials said.")
    assert "KHERSON" in found


def test_a_public_body_is_named_for_its_place_a_newspaper_is_not(nlp):
    text = (
        "The Georgia Bureau of Investigation opened an inquiry, The New York Times reported, "
        "after the shooting in Macon."
    )
    found = quotes(nlp, text)
    assert "Georgia" in found and "Macon" in found
    assert "New York" not in found


def test_a_persons_name_is_not_a_place(nlp):
    text = (
        "Andrew Jackson visited the county on Monday. Jackson said the roads in Tennessee were bad."
    )
    found = quotes(nlp, text)
    assert "Tennessee" in found
    assert "Jackson" not in found


def test_demonyms_refer_to_their_country(nlp):
    text = "Russian forces shelled Kharkiv overnight, and two Sri Lankan workers were hurt."
    refs = {ref.text: ref for ref in find_places(text, nlp)}
    assert refs["Russian"].country == "RU" and refs["Russian"].precision == "country"
    assert refs["Sri Lankan"].country == "LK"
    assert refs["Russian"].model_extra["origin"] == "demonym"
    assert refs["Kharkiv"].country == "UA"
    assert refs["Kharkiv"].model_extra["origin"] != "demonym"

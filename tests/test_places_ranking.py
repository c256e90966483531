"""Toponyms that support each other in a document, and where divisions are put on the map."""

from __future__ import annotations

import pytest

from docket.geoparse import resolve_spans
from docket.knowledge.gazetteer.store import load_gazetteer
from docket.resolve.places.ranking import distance_km


def spans_of(text: str, names: list[str]) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_a_town_alone_takes_its_best_known_reading():
    text = "Deputies in Huntsville arrested two men on Friday."
    (ref,) = resolve_spans(text, spans_of(text, ["Huntsville"]))
    assert ref.gazetteer_id == "geonames:4068590"  # Huntsville, Alabama


@pytest.mark.parametrize(
    ("text", "town", "county", "state"),
    [
        (
            "Deputies in Huntsville arrested two men on Friday, the Walker County sheriff said.",
            "Huntsville",
            "Walker County",
            "texas",
        ),
        (
            "The council of Richmond met on Tuesday; Madison County officials attended.",
            "Richmond",
            "Madison County",
            "kentucky",
        ),
        (
            "Flooding closed roads around Paris; Lamar County schools were shut.",
            "Paris",
            "Lamar County",
            "texas",
        ),
    ],
)
def test_a_town_and_its_county_named_apart_support_each_other(text, town, county, state):
    a, b = resolve_spans(text, spans_of(text, [town, county]))
    assert b.gazetteer_id == f"docket:adm2:US:{state}-{county.lower().replace(' ', '-')}"
    assert a.precision == "town" and a.country == "US"
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    assert distance_km(a.lat, a.lon, b.lat, b.lon) < 50


def test_an_alternate_name_does_not_lend_support():
    # a small Ohio town answers to "Mecca" as an alternate name and lies in Medina County; the
    # holy cities keep their own names
    text = "Pilgrims travelled from Medina to Mecca."
    medina, mecca = resolve_spans(text, spans_of(text, ["Medina", "Mecca"]))
    assert medina.country == mecca.country == "SA"


@pytest.mark.parametrize(
    ("name", "centre"),
    [
        # geographic centres of the areas (approximate, from their outlines)
        ("Queensland", (-22.5, 144.5)),
        ("Texas", (31.2, -99.3)),
        ("Western Australia", (-25.3, 122.3)),
    ],
)
def test_a_state_is_placed_near_the_centre_of_its_area(name, centre):
    (place,) = [c.place for c in load_gazetteer().lookup(name) if c.place.kind == "admin1"]
    assert distance_km(place.lat, place.lon, *centre) < 300


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Protests spread across Tibet.", "Tibet", "CN"),  # "Tibet Autonomous Region"
        ("Camps in Xinjiang were built.", "Xinjiang", "CN"),  # "Xinjiang Uygur Zizhiqu"
        ("Troops moved into Guangxi.", "Guangxi", "CN"),  # "Guangxi Zhuangzu Zizhiqu"
        ("Snow fell in Akita Prefecture.", "Akita Prefecture", "JP"),  # the division, not the city
    ],
)
def test_divisions_answer_to_their_names_without_the_division_words(text, name, country):
    (ref,) = resolve_spans(text, spans_of(text, [name]))
    assert (ref.precision, ref.country) == ("region", country)


def test_a_plural_demonym_given_as_a_toponym_is_the_country():
    text = "Czechs voted on Saturday."
    (ref,) = resolve_spans(text, spans_of(text, ["Czechs"]))
    assert (ref.precision, ref.country) == ("country", "CZ")


@pytest.mark.parametrize(
    ("name", "country"),
    [("Kirkuk", "IQ"), ("Hama", "SY"), ("Basra", "IQ")],
)
def test_a_city_is_read_before_the_province_named_after_it(name, country):
    # GeoNames spells the province "Muhafazat Kirkuk", the city "Ḩamāh", "Basrah": the name as
    # written is the city's all the same
    text = f"Gunmen attacked a checkpoint near {name} on Saturday, killing two policemen."
    (ref,) = resolve_spans(text, spans_of(text, [name]))
    place = load_gazetteer().by_id(ref.gazetteer_id)
    assert (place.kind, place.country) == ("city", country)


def test_a_city_known_by_another_name_leaves_the_state_a_reading():
    from docket.resolve.places.ranking import candidates

    kinds = {(c.place.kind, c.place.name) for c in candidates(load_gazetteer(), "New York")}
    assert ("admin1", "New York") in kinds and ("city", "New York City") in kinds

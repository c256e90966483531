"""Names shared by many places ("San José", "Santiago", "Victoria", "Washington"): resolved by what
the document says around them, else by the reading a reader takes (a national capital before a
namesake division of another country). Sentences written for these tests."""

from __future__ import annotations

import pytest

from docket.geoparse import resolve_spans
from docket.knowledge.gazetteer.store import load_gazetteer
from docket.resolve.places.evidence import called_capital, demonym_countries
from docket.resolve.places.ranker import resolve
from docket.resolve.places.ranking import TIE_MARGIN

SAN_JOSE_CR = "geonames:3621849"  # San José, capital of Costa Rica
SANTIAGO_CL = "geonames:3871336"  # Santiago, capital of Chile
WASHINGTON_DC = "geonames:4140963"


def spans_of(text: str, names: list[str]) -> list[tuple[int, int]]:
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_the_costa_rican_capital_is_san_jose_of_costa_rica():
    text = "Protesters marched in San José, the Costa Rican capital, on Friday."
    (ref,) = resolve_spans(text, spans_of(text, ["San José"]))
    assert (ref.gazetteer_id, ref.precision, ref.country) == (SAN_JOSE_CR, "town", "CR")


def test_a_country_named_later_makes_san_jose_its_capital_not_the_country():
    text = "A bomb exploded in San José on Friday, police in Costa Rica said."
    san_jose, costa_rica = resolve_spans(text, spans_of(text, ["San José", "Costa Rica"]))
    assert (san_jose.gazetteer_id, san_jose.precision) == (SAN_JOSE_CR, "town")
    assert (costa_rica.precision, costa_rica.country) == ("country", "CR")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("San José", "San José", SAN_JOSE_CR),  # not the Uruguayan department
        ("Thousands marched through Santiago.", "Santiago", SANTIAGO_CL),  # not the Dominican one
        ("Lawmakers in Washington passed the bill.", "Washington", WASHINGTON_DC),  # not the state
    ],
)
def test_with_no_evidence_a_national_capital_goes_before_namesake_divisions(text, name, expected):
    gazetteer = load_gazetteer()
    (found,) = resolve(gazetteer, text, spans_of(text, [name]))
    assert found.place is not None and found.place.id == expected
    assert found.margin > TIE_MARGIN  # a reading, not a coin toss


def test_the_document_still_overrules_the_capital():
    text = "Flooding hit Santiago and Puerto Plata in the north of the Dominican Republic."
    santiago, _, _ = resolve_spans(
        text, spans_of(text, ["Santiago", "Puerto Plata", "Dominican Republic"])
    )
    assert santiago.country == "DO"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("U.S. officials said an airstrike near Damascus killed 12.", ["U.S.", "Damascus"]),
        ("Talks between Washington and Damascus stalled.", ["Washington", "Damascus"]),
    ],
)
def test_a_mention_of_a_country_does_not_move_a_capital_to_a_namesake_village(text, names):
    refs = resolve_spans(text, spans_of(text, names))
    assert (refs[-1].precision, refs[-1].country) == ("town", "SY")  # not Damascus, Maryland


def test_a_namesake_placed_by_the_documents_own_towns_keeps_its_name():
    text = "Police in Dublin and Columbus said roads across Ohio were closed."
    dublin, _, _ = resolve_spans(text, spans_of(text, ["Dublin", "Columbus", "Ohio"]))
    assert dublin.country == "US"


@pytest.mark.parametrize("name", ["Hamilton", "Plymouth", "Stanley"])
def test_the_capital_of_a_small_territory_does_not_take_a_larger_towns_name(name):
    # Hamilton (Bermuda), Plymouth (Montserrat), Stanley (Falklands): capitals, but villages
    (ref,) = resolve_spans(name, [(0, len(name))])
    assert ref.country not in ("BM", "MS", "FK")


def test_a_small_countrys_capital_does_not_outrank_a_large_division():
    text = "Victoria was hit by storms."
    (ref,) = resolve_spans(text, spans_of(text, ["Victoria"]))
    assert (ref.precision, ref.country) == ("region", "AU")  # the Australian state


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Divers searched the harbour of Victoria, the Seychelles capital.", "SC"),
        ("Divers searched the harbour of Victoria, the capital of the Seychelles.", "SC"),
        # a province's capital is no national capital: not the Seychelles
        ("Divers searched the harbour of Victoria, the British Columbia capital.", "CA"),
    ],
)
def test_capital_beside_a_name_picks_the_capital_of_the_country_it_names(text, country):
    names = ["Victoria"] + (["British Columbia"] if "British Columbia" in text else [])
    ref = resolve_spans(text, spans_of(text, names))[0]
    assert (ref.precision, ref.country) == ("town", country)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protests in Washington state grew on Monday.", "region"),
        ("Protests in the state of Washington grew on Monday.", "region"),
        ("Protests in Washington grew on Monday.", "town"),
    ],
)
def test_a_division_word_beside_the_name_makes_it_the_division(text, expected):
    (ref,) = resolve_spans(text, spans_of(text, ["Washington"]))
    assert (ref.precision, ref.country) == (expected, "US")


@pytest.mark.parametrize(
    ("text", "precision", "country"),
    [
        ("Police arrested two men in Kingston.", "town", "JM"),
        ("Canadian police arrested two men in Kingston.", "town", "CA"),
    ],
)
def test_a_demonym_in_the_text_counts_towards_its_country(text, precision, country):
    (ref,) = resolve_spans(text, spans_of(text, ["Kingston"]))
    assert (ref.precision, ref.country) == (precision, country)


def test_evidence_split_between_far_apart_readings_gives_no_town():
    # "Australian" speaks for two Australian towns of about 10,000 named Kingston, far apart; the
    # capital of Jamaica is the name's best-known reading: nothing here settles it
    text = "Australian police arrested two men in Kingston."
    (ref,) = resolve_spans(text, spans_of(text, ["Kingston"]))
    assert ref.precision in ("country", "unknown") and ref.country != "JM"


def test_demonyms_are_read_outside_toponyms_only():
    gazetteer = load_gazetteer()
    text = "The Syrian army met Costa Rican and South Sudanese envoys near Syria."
    syria = text.rindex("Syria")
    found = demonym_countries(gazetteer, text, [(syria, syria + len("Syria"))])
    assert found == {"SY": 1, "CR": 1, "SS": 1}
    assert demonym_countries(gazetteer, "Syrians fled.", [(0, 7)]) == {}


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        ("in San José, the Costa Rican capital, on Friday", "San José", "Costa Rican"),
        ("in the Syrian capital Damascus", "Damascus", "Syrian"),
        ("Santiago, Chile's capital, is big", "Santiago", "Chile"),
        ("in the capital, Kabul, on Monday", "Kabul", ""),
        ("in the state capital Austin", "Austin", None),
        ("Lagos, the former capital, flooded", "Lagos", None),
        ("in the capital of Chile, Santiago", "Chile", None),
        ("Moscow raised capital in 2010", "Moscow", None),
    ],
)
def test_words_that_call_a_name_a_national_capital(text, name, words):
    start = text.index(name)
    assert called_capital(text, start, start + len(name)) == words


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters marched in San José, the Costa Rican capital, on Friday.", SAN_JOSE_CR),
        ("A bomb exploded in San José on Friday, police in Costa Rica said.", SAN_JOSE_CR),
        ("Police said a car bomb exploded in Santiago on Friday.", SANTIAGO_CL),
    ],
)
def test_docket_finds_and_resolves_the_capital_by_itself(nlp, text, expected):
    from docket.geoparse import find_places

    found = {ref.text: ref for ref in find_places(text, nlp)}
    name = "San José" if "San José" in text else "Santiago"
    assert found[name].gazetteer_id == expected and found[name].precision == "town"

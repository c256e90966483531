"""The learned place ranker's shipped model, and ``docket geoparse``'s check of its input."""

from __future__ import annotations

import pytest

from docket.geoparse import geoparse
from docket.knowledge.gazetteer.store import load_gazetteer
from docket.resolve.places.ranking import rule_reading
from docket.resources import Resources
from docket.settings import Settings


def _ranked(text: str, names: list[str]) -> str | None:
    """The country the shipped model gives the last of ``names`` in ``text``."""
    from docket.resolve.places.ranker import choose, load_ranker

    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    gaz = load_gazetteer()
    reading = rule_reading(gaz, text, spans)
    place = choose(gaz, text, spans, reading, load_ranker())[reading.keys[-1]].place
    return place.country if place else None


def test_the_ranker_model_loads_and_reads_paris_by_its_document():
    pytest.importorskip("onnxruntime")
    france = "Flights from Lyon and across France were cancelled in Paris."
    texas = "Storms hit Dallas and north Texas; Paris lost power."
    assert _ranked(france, ["Lyon", "France", "Paris"]) == "FR"
    assert _ranked(texas, ["Dallas", "Texas", "Paris"]) == "US"


def test_a_bad_record_is_rejected_by_name_and_the_batch_goes_on():
    records = [
        {"id": "neg", "text": "Shelling in Aleppo.", "toponyms": [{"start": -1, "end": 5}]},
        {"id": "past", "text": "Shelling in Aleppo.", "toponyms": [{"start": 12, "end": 99}]},
        {
            "id": "quote",
            "text": "Shelling in Aleppo.",
            "toponyms": [{"start": 12, "end": 18, "quote": "Idlib"}],
        },
        {"id": "good", "text": "Shelling in Aleppo.", "toponyms": [{"start": 12, "end": 18}]},
    ]
    out = {row["id"]: row for row in geoparse(records, Resources(Settings()))}
    for bad in ("neg", "past", "quote"):
        assert out[bad]["places"] == []
        assert out[bad]["error"].startswith("E041") and f"'{bad}'" in out[bad]["error"]
    assert "error" not in out["good"]
    assert out["good"]["places"][0]["country"] == "SY"


def test_the_model_decides_unless_a_rule_verdict_binds():
    from docket.resolve.places.constraints import binding, rule_gap
    from docket.resolve.places.ranker import choose, load_ranker, resolve
    from docket.resolve.places.ranking import decide

    pytest.importorskip("onnxruntime")
    text = (
        "Storms hit Dallas and north Texas; Paris lost power, and in Washington officials said "
        "aid would reach Damascus and Kingston by Friday."
    )
    names = ["Dallas", "Texas", "Paris", "Washington", "Damascus", "Kingston"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    gaz = load_gazetteer()
    reading = rule_reading(gaz, text, spans)
    model = choose(gaz, text, spans, reading, load_ranker())
    found = dict(zip(reading.keys, resolve(gaz, text, spans), strict=True))
    bound = {
        k
        for k in reading.options
        if binding(gaz, reading, k, model_gap=rule_gap(reading, k, model[k].place))
    }
    assert bound and bound != set(reading.options)  # both paths are taken in this text
    for key, cands in reading.options.items():
        expected = decide(cands, reading.scores[key], gaz) if key in bound else model[key]
        assert found[key].place == expected.place


@pytest.mark.parametrize(
    ("text", "names", "verdict"),
    [
        ("Fighting was reported in Armenia.", ["Armenia"], "no_context"),
        ("Canadian police arrested two men in Kingston.", ["Kingston"], "no_context"),
        (
            "U.S. officials said an airstrike near Damascus killed 12.",
            ["U.S.", "Damascus"],
            "capital",
        ),
    ],
)
def test_the_rules_verdict_that_binds_is_named(text, names, verdict):
    from docket.resolve.places.constraints import binding

    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    gaz = load_gazetteer()
    reading = rule_reading(gaz, text, spans)
    assert binding(gaz, reading, reading.keys[-1]) == verdict


def test_a_name_in_a_list_reads_like_the_others():
    """A name in a list of states or provinces is the state or province, not the better-known
    town of its name ("Washington" among US states; "New Brunswick" among Canada's provinces)."""
    from docket.geoparse import resolve_spans

    pytest.importorskip("onnxruntime")
    states = (
        "Cases were reported in South Carolina, Tennessee, Texas, Utah, Virginia, Washington,"
        " West Virginia and Wyoming."
    )
    provinces = (
        "Illnesses were found in British Columbia, Alberta, Manitoba, Ontario and New Brunswick."
    )
    for text, name, country in ((states, "Washington", "US"), (provinces, "New Brunswick", "CA")):
        names = [n.strip(" .") for n in text.split(" in ", 1)[1].replace(" and ", ", ").split(",")]
        spans = [(text.index(n), text.index(n) + len(n)) for n in names]
        refs = dict(zip(names, resolve_spans(text, spans), strict=True))
        assert (refs[name].precision, refs[name].country) == ("region", country)

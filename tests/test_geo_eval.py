"""Geoparsing scored on a small subset of LGL and GeoVirus (full figures: docket eval geo)."""

from __future__ import annotations

import pytest

from docket.errors import DocketError
from docket.evaluate.geo import WITHIN_KM, load_corpus, score_end_to_end, score_gold_spans
from docket.evaluate.scores import Report
from docket.knowledge.gazetteer.store import load_gazetteer

pytestmark = [pytest.mark.eval, pytest.mark.slow]


def corpus(settings, name, limit):
    try:
        return load_corpus(settings, name, limit)
    except DocketError:
        pytest.skip(f"../shared/eval/geoparsing is absent: cannot score {name}")


@pytest.mark.parametrize(("name", "floor"), [("LGL", 0.84), ("GeoVirus", 0.76)])
def test_gold_span_accuracy_floor(settings, name, floor):
    docs = corpus(settings, name, 60)
    tally = score_gold_spans(docs, load_gazetteer())
    accuracy = sum(e <= WITHIN_KM for e in tally.errors) / len(tally.errors)
    assert len(tally.errors) > 300
    assert accuracy >= floor


def test_lgl_exact_ids_and_countries(settings):
    tally = score_gold_spans(corpus(settings, "LGL", 60), load_gazetteer(), outlet_context=True)
    assert tally.exact / tally.with_id >= 0.6
    assert tally.country_ok / tally.with_country >= 0.88


def test_end_to_end_detection_finds_most_toponyms(settings, nlp):
    report = Report("geo")
    score_end_to_end(corpus(settings, "GeoVirus", 15), nlp, load_gazetteer(), report)
    detection = report.rows["toponym detection"]
    assert detection.gold > 50
    assert detection.f1 >= 0.5
    assert report.summary["matched Acc@161 %"] >= 70

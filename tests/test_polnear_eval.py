"""PolNeAR attribution scoring: the brat reader, the matching rule, and a floor on a dev subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.errors import DocketError
from docket.evaluate import polnear
from docket.evaluate.polnear import GoldAttribution, Predicted, read_ann, score_document
from docket.evaluate.scores import Report
from docket.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "eval" / "polnear" / "dev"

ANN = (
    "T1\tSource 0 9\tThe Times\n"
    "T2\tCue 10 17\treports\n"
    "T3\tContent 18 30;35 40\tthat it rained hard\n"
    "T4\tAttribution 10 17\treports\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 50 54\tsaid\n"
    "T6\tContent 41 49\tit snows\n"
    "T7\tAttribution-no-source 50 54\tsaid\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    "T8\tDiscard 60 70\tRead more\n"
)


def test_read_ann_links_spans_and_keeps_discontinuous_content() -> None:
    first, second = read_ann(ANN)
    assert first.source == ((0, 9),) and first.cue == ((10, 17),)
    assert first.content == ((18, 30), (35, 40))
    assert second.source is None and second.cue == ((50, 54),)


def test_matching_needs_cue_and_source_overlap() -> None:
    gold = read_ann(ANN)
    report = Report(title="t")
    predicted = [
        Predicted(cue=((12, 15),), source=((4, 8),), content=((20, 25),)),  # matches the first
        Predicted(cue=((50, 54),), source=((0, 3),), content=None),  # no-source gold: cue only
        Predicted(cue=((12, 15),), source=((100, 110),), content=None),  # cue only, wrong source
    ]
    score_document(report, gold, predicted)
    attribution = report.rows["attribution"]
    assert (attribution.tp, attribution.predicted, attribution.gold) == (2, 3, 2)
    assert report.rows["cue"].tp == 2
    source = report.rows["source"]
    assert (source.tp, source.predicted, source.gold) == (1, 3, 1)
    assert report.rows["content (overlap)"].tp == 1


def test_wrong_source_does_not_match() -> None:
    gold = [GoldAttribution(cue=((10, 17),), source=((0, 9),), content=None)]
    report = Report(title="t")
    score_document(report, gold, [Predicted(cue=((10, 17),), source=((20, 25),), content=None)])
    assert report.rows["attribution"].tp == 0


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocketError) as caught:
        polnear.run(Settings(shared_dir=tmp_path), 1)
    assert caught.value.code == "E018"


@pytest.mark.slow
@pytest.mark.eval
def test_dev_subset_floor() -> None:
    if not DEV.is_dir():
        pytest.skip(f"PolNeAR dev not found at {DEV} (needs ../shared/eval)")
    report = polnear.evaluate(Settings(shared_dir=SHARED), "dev", limit=12)
    assert report.rows["attribution"].gold > 100
    assert report.rows["attribution"].f1 >= 0.55
    assert report.rows["cue"].f1 >= 0.6

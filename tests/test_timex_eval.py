"""docket eval timex: reading TimeML and scoring TIMEX3 values (TempEval-3 style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.errors import DocketError
from docket.evaluate import timex
from docket.evaluate.scores import Report
from docket.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
TBAQ = SHARED / "eval" / "timex" / "TBAQ-cleaned"

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Stocks fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose <TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(SAMPLE, "utf-8")
    doc = timex.read_tml(path)
    assert str(doc.dct) == "1998-01-08"
    assert [(doc.text[g.start : g.end], g.value) for g in doc.timexes] == [
        ("yesterday", "1998-01-07"),
        ("now", "PRESENT_REF"),
    ]
    assert "& rose" in doc.text


def test_score_counts_overlap_and_value() -> None:
    gold = [
        timex.GoldTimex(0, 9, "yesterday", "1998-01-07", "DATE"),
        timex.GoldTimex(20, 23, "now", "PRESENT_REF", "DATE"),
    ]
    report = Report("t")
    timex.score(
        report,
        gold,
        [(0, 9, "1998-01-07", "DATE"), (18, 23, "PAST_REF", "DATE"), (30, 35, "P1D", "DURATION")],
    )
    assert report.row("extraction (relaxed)").tp == 2
    assert report.row("extraction (strict)").tp == 1
    value = report.row("value")
    assert (value.tp, value.predicted, value.gold) == (1, 3, 2)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocketError) as raised:
        timex.run(Settings(shared_dir=tmp_path), 1)
    assert raised.value.code == "E018"


@pytest.mark.slow
@pytest.mark.eval
def test_value_f1_floor_on_a_subset() -> None:
    if not TBAQ.is_dir():
        pytest.skip(f"TBAQ-cleaned not found at {TBAQ} (needs ../shared/eval)")
    report, _pairs = timex.evaluate(Settings(shared_dir=SHARED), 12)
    assert report.row("value").gold > 80
    assert report.row("extraction (relaxed)").f1 >= 0.85
    assert report.row("value").f1 >= 0.70

"""The founding article against its gold file: every ``must`` item, checked by meaning.

The pipeline runs once on the article (published 2020-10-23); each test asserts that every must
item of one family (entities, incidents, claims, figures, noise) is found, and prints what was
found instead when one is not. The scorer itself is checked on hand-built extractions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from docket.evaluate.seed import SeedResult, extract_seed, read_gold, score_seed
from docket.record import ActorRef, Claim, DocumentInfo, Extraction, Figure, Number, Span, When
from docket.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEEDS_GOLD = pytest.mark.skipif(
    not (SHARED / "gold").is_dir(), reason=f"gold files not found under {SHARED} (needs ../shared)"
)


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"gold files not found under {SHARED} (needs ../shared)")
    return read_gold(Settings(shared_dir=SHARED))


@pytest.fixture(scope="module")
def result(gold: dict[str, Any]) -> SeedResult:
    return score_seed(extract_seed(Settings(shared_dir=SHARED)), gold)


def assert_all_must(result: SeedResult, family: str) -> None:
    failed = result.failed(family)
    assert any(i.family == family and i.level == "must" for i in result.items)
    assert not failed, "\n".join(i.line() for i in failed)


@pytest.mark.slow
@NEEDS_GOLD
@pytest.mark.parametrize("family", ["entities", "incidents", "claims", "figures", "noise"])
def test_seed_must_items(result: SeedResult, family: str) -> None:
    assert_all_must(result, family)


# --- the scorer on hand-built extractions (fast) --------------------------------------------------

TEXT = (
    "the hostilities have already claimed about 5000 deaths according to the data revealed this "
    "Thursday by Russian President Vladimir Putin. Turkey denies it."
)


def extraction(figures: list[Figure], claims: list[Claim]) -> Extraction:
    return Extraction(document=DocumentInfo(id="x", text=TEXT), figures=figures, claims=claims)


def putin(stance: str = "asserts", day: date = date(2020, 10, 22)) -> tuple[Figure, Claim]:
    start = TEXT.index("about 5000")
    source = ActorRef(text="Vladimir Putin", actor="Vladimir-Putin", type="person")
    when = When(start=day, end=day, precision="day", text="this Thursday")
    figure = Figure(
        id="fig-1",
        measure="killed",
        value=Number(best=5000, qualifier="some"),
        attributed_to=source,
        as_of=when,
        span=Span.of(TEXT, start, start + len("about 5000 deaths")),
    )
    cue = TEXT.index("according to")
    claim = Claim(
        id="clm-1",
        source=source,
        stance=stance,  # type: ignore[arg-type]
        cue="according to",
        when=when,
        span=Span.of(TEXT, 0, TEXT.index(".")),
        cue_span=Span.of(TEXT, cue, cue + len("according to")),
    )
    return figure, claim


def item(result: SeedResult, family: str, label: str) -> bool:
    found = [i for i in result.items if i.family == family and i.label.startswith(label)]
    assert len(found) == 1, [i.label for i in result.items if i.family == family]
    return found[0].passed


def test_scorer_counts_nothing_found_for_an_empty_extraction(gold: dict[str, Any]) -> None:
    result = score_seed(extraction([], []), gold)
    must_found, must_total = result.count("must")
    assert must_total >= 20 and must_found <= 1  # only "footer dropped" holds for a bare text
    assert result.lines()[-2].startswith(f"must found {must_found}/{must_total}")


def test_scorer_matches_by_meaning_not_by_string(gold: dict[str, Any]) -> None:
    figure, claim = putin()
    result = score_seed(extraction([figure], [claim]), gold)
    # "some" stands for the gold's "about"; actor ids compare without case
    assert item(result, "figures", "killed 5000")
    assert not item(result, "figures", "killed 2000")  # one figure cannot fill two gold items
    assert item(result, "claims", "vladimir-putin asserts: about 5000")


def test_scorer_rejects_wrong_stance_date_or_value(gold: dict[str, Any]) -> None:
    figure, claim = putin(stance="denies", day=date(2020, 10, 23))
    wrong_value = figure.model_copy(update={"value": Number(best=500, qualifier="about")})
    result = score_seed(extraction([wrong_value], [claim]), gold)
    assert not item(result, "claims", "vladimir-putin asserts: about 5000")
    assert not item(result, "figures", "killed 5000")
    late = figure.model_copy(update={"as_of": When(start=date(2020, 10, 23), precision="day")})
    assert not item(score_seed(extraction([late], []), gold), "figures", "killed 5000")

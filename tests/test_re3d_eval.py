"""``docket eval re3d``: reading the corpus, mapping labels, matching spans, scoring a subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.errors import DocketError
from docket.evaluate.re3d import label_of, load, overlap_matches, run
from docket.record import Mention
from docket.settings import Settings

RE3D = Path(__file__).resolve().parents[2] / "shared" / "eval" / "re3d"


def test_overlap_matches_each_span_once() -> None:
    gold = {(0, 5), (10, 20), (30, 35)}
    predicted = {(2, 4), (12, 14), (15, 18), (40, 45)}
    assert overlap_matches(gold, predicted) == 2
    assert overlap_matches(set(), predicted) == 0


def test_labels_map_to_re3d() -> None:
    def mention(quote: str, label: str, origin: str = "registry") -> Mention:
        return Mention(start=0, end=len(quote), quote=quote, label=label, origin=origin)  # type: ignore[arg-type]

    assert label_of(mention("Turkish", "actor")) == "Nationality"
    assert label_of(mention("Turkey", "actor")) == "Organisation"
    assert label_of(mention("Baku", "place")) == "Location"
    assert label_of(mention("the organization", "organisation", "coref")) is None
    assert label_of(mention("5000", "quantity")) is None


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DocketError) as error:
        run(Settings(data_dir=tmp_path, shared_dir=tmp_path), None)
    assert error.value.code == "E018"


@pytest.mark.eval
@pytest.mark.slow
def test_scores_a_subset_of_the_corpus(tmp_path: Path) -> None:
    if not RE3D.is_dir():
        pytest.skip(f"re3d not found at {RE3D} (needs ../shared/eval)")
    documents = load(RE3D)
    assert len(documents) > 50 and all(text for _, text, _ in documents)
    exact, overlap = run(Settings(data_dir=tmp_path, shared_dir=RE3D.parents[1]), 4)
    for label in ("Location", "Person", "Organisation", "Weapon"):
        assert exact.rows[label].tp <= overlap.rows[label].tp
        assert exact.rows[label].gold == overlap.rows[label].gold
    assert overlap.rows["Location"].gold > 0 and overlap.rows["Location"].recall > 0.3
    assert overlap.rows["Organisation"].recall > 0.3

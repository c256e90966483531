"""Treaty references: by name and by description, resolved to treaty ids."""

from __future__ import annotations

import pytest

from docket.extract_only import extract_text
from docket.settings import Settings


def treaties_in(text: str) -> list[tuple[str, str | None]]:
    mentions = extract_text(text, Settings()).mentions
    return [(m.quote, m.canonical) for m in mentions if m.label == "treaty"]


@pytest.mark.slow
def test_named_treaties_and_acronyms() -> None:
    found = treaties_in(
        "Ukraine has joined the Ottawa Treaty and the CWC, but not the Convention on Cluster Munitions."
    )
    assert found == [
        ("Ottawa Treaty", "apmbc"),
        ("CWC", "cwc"),
        ("Convention on Cluster Munitions", "ccm"),
    ]


@pytest.mark.slow
def test_descriptions_resolve_by_weapon_and_year() -> None:
    found = dict(
        treaties_in(
            "Russia is not party to the convention banning anti-personnel landmines, and Syria used "
            "chemical weapons despite the 1993 convention prohibiting chemical weapons."
        )
    )
    assert found == {
        "the convention banning anti-personnel landmines": "apmbc",
        "the 1993 convention prohibiting chemical weapons": "cwc",
    }


@pytest.mark.slow
def test_a_description_that_fits_no_treaty_is_left_alone() -> None:
    # no treaty adopted in 1950 prohibits cluster munitions: no guess
    assert treaties_in("They cited a 1950 treaty banning cluster bombs in the region.") == []


@pytest.mark.slow
def test_lower_case_acronym_is_not_a_treaty() -> None:
    assert treaties_in("The cat sat on the mat at the att office.") == []

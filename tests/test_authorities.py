"""The resolve.authorities stage: "the authorities in X" as the authorities of a resolved place."""

from __future__ import annotations

import pytest

from docket.analysis import Analysis
from docket.pipeline import Context, default_stages, run_stages
from docket.record import ActorRef
from docket.resolve.actors.persons import slug
from docket.settings import Settings

UP_TO_AUTHORITIES = (
    "read",
    "dedup",
    "nlp",
    "resolve.actors",
    "resolve.places",
    "resolve.authorities",
)


def analyse(text: str, names: tuple[str, ...] = UP_TO_AUTHORITIES) -> Analysis:
    stages = [s for s in default_stages() if s.name in names]
    analysis = Analysis(raw=text.encode(), source="a.txt", meta={"published": "2020-10-23"})
    return run_stages(analysis, Context(Settings()), stages)


def authorities(analysis: Analysis) -> list[ActorRef]:
    return [a for a in analysis.actors if getattr(a, "via", "") == "authorities"]


def test_the_stage_runs_right_after_places() -> None:
    names = [s.name for s in default_stages()]
    assert names.index("resolve.authorities") == names.index("resolve.places") + 1
    assert names.index("resolve.actors") < names.index("resolve.authorities")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "quote", "actor_id", "name"),
    [
        (
            "Local authorities in Donetsk said shelling damaged a hospital.",
            "Local authorities",
            "donetsk-authorities",
            "authorities of Donetsk",
        ),
        (
            "The authorities of Donetsk reported two dead.",
            "authorities",
            "donetsk-authorities",
            "authorities of Donetsk",
        ),
        (
            "Donetsk authorities said ten people died overnight.",
            "authorities",
            "donetsk-authorities",
            "authorities of Donetsk",
        ),
        (
            "Rockets hit Donetsk on Monday. The local authorities said two people died.",
            "local authorities",
            "donetsk-authorities",
            "authorities of Donetsk",
        ),
        (
            "Rockets hit Donetsk on Monday. The city's authorities asked for help.",
            "authorities",
            "donetsk-authorities",
            "authorities of Donetsk",
        ),
    ],
)
def test_authorities_of_a_place(text: str, quote: str, actor_id: str, name: str) -> None:
    analysis = analyse(text)
    found = authorities(analysis)
    assert [(a.text, a.actor, a.name, a.type) for a in found][-1:] == [
        (quote, actor_id, name, "authority")
    ]
    ref = found[-1]
    assert ref.span is not None and analysis.text[ref.span.start : ref.span.end] == quote
    mention = [m for m in analysis.mentions if m.canonical == actor_id]
    assert mention and mention[-1].label == "organisation" and mention[-1].origin == "rule"


@pytest.mark.slow
def test_authorities_of_a_country_are_the_state() -> None:
    found = authorities(analyse("The authorities in Armenia said the strike was deliberate."))
    assert [(a.actor, a.type) for a in found] == [("ARM", "state")]


@pytest.mark.slow
def test_authorities_without_a_place_are_left_alone() -> None:
    assert authorities(analyse("The authorities said nothing about the strike.")) == []


@pytest.mark.slow
def test_the_speaker_of_a_claim_is_the_local_authority() -> None:
    analysis = analyse(
        "Local authorities in Donetsk said shelling damaged a hospital.",
        tuple(s.name for s in default_stages() if s.name != "grade"),
    )
    assert [c.source.actor for c in analysis.claims] == ["donetsk-authorities"]


@pytest.mark.slow
def test_the_region_binds_to_the_last_region_named(founding_text: str) -> None:
    analysis = analyse(founding_text)
    start = founding_text.index("the authorities in the region")
    found = [a for a in authorities(analysis) if a.span and a.span.start >= start][:1]
    region = [p for p in analysis.places if p.precision == "region" and p.span][0]
    assert region.name  # the gazetteer's name for Upper Karabakh decides the id
    expected = f"{slug(region.name)}-authorities"
    assert expected == "nagorno-karabakh-authorities"
    assert [(a.text, a.actor, a.type) for a in found] == [("authorities", expected, "authority")]

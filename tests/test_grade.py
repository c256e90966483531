"""Corroboration grades follow the written rules (docs/grading.md), each with its rule shown."""

from __future__ import annotations

import pytest

from docket.analysis import Analysis
from docket.judge import grade as g
from docket.pipeline import Context
from docket.record import ActorRef, Claim, DocumentInfo, Incident, Perpetrator, Span, Victim
from docket.settings import Settings

ALLEGED = Incident(id="inc-1", perpetrators=[Perpetrator(text="Azerbaijan", actor="AZE")])


def _claim(
    actor: str | None, kind: str | None, stance: str, words: str = "said it happened"
) -> Claim:
    return Claim(
        id=f"clm-{actor}-{stance}-{len(words)}",
        source=ActorRef(text=actor or "the outlet", actor=actor, type=kind),  # type: ignore[arg-type]
        stance=stance,  # type: ignore[arg-type]
        span=Span(start=0, end=len(words), quote=words),
    )


HRW_FIELD = _claim("hrw", "ngo", "asserts", "Human Rights Watch documented on the ground")
NEWS = _claim(None, None, "asserts")
AZE_DENIES = _claim("AZE", "state", "denies")
ARM_SAYS = _claim("ARM", "state", "asserts")


@pytest.mark.parametrize(
    ("sources", "grade", "rule"),
    [
        ([g.Source("o1", [NEWS])], "single_source", "G7"),
        ([g.Source("o1", [NEWS]), g.Source("o2", [])], "fair", "G6"),
        ([g.Source("o1", [NEWS]), g.Source("o2", [AZE_DENIES])], "contested", "G4"),
        ([g.Source("o1", [HRW_FIELD]), g.Source("o2", [NEWS, AZE_DENIES])], "confirmed", "G3"),
        ([g.Source("o1", [HRW_FIELD]), g.Source("o1", [AZE_DENIES])], "contested", "G4"),
        ([g.Source("o1", [ARM_SAYS]), g.Source("o2", [ARM_SAYS])], "fair", "G6"),
        (
            [g.Source("o1", [_claim("ARM", "state", "retracts")]), g.Source("o1", [ARM_SAYS])],
            "discounted",
            "G1",
        ),
        (
            [
                g.Source("o1", [ARM_SAYS, _claim("ARM", "state", "retracts")]),
                g.Source("o2", [NEWS]),
            ],
            "contested",
            "G4",
        ),
    ],
)
def test_rules_in_order(sources: list[g.Source], grade: str, rule: str) -> None:
    result = g.grade(ALLEGED, sources)
    assert (result.grade, result.rule) == (grade, rule)
    assert result.to_json()["name"] == g.RULES[rule].split(": ", 1)[1]


def test_only_parties_to_the_conflict_is_weak() -> None:
    victim = ALLEGED.model_copy(update={"victims": [Victim(text="Armenians", actor="ARM")]})
    result = g.grade(victim, [g.Source("o1", [ARM_SAYS]), g.Source("o2", [ARM_SAYS])])
    assert (result.grade, result.rule) == ("weak", "G5")


def test_claimed_responsibility_confirms() -> None:
    owned = Incident(
        id="inc-2", perpetrators=[Perpetrator(text="X", actor="x", status="claimed_responsibility")]
    )
    assert g.grade(owned, [g.Source("o1", [NEWS])]).rule == "G2"


def test_copies_of_one_article_count_once() -> None:
    # two documents of one origin are one source however many claims they carry
    result = g.grade(ALLEGED, [g.Source("o1", [NEWS]), g.Source("o1", [NEWS])])
    assert result.grade == "single_source"


def test_stage_grades_each_incident_on_its_document() -> None:
    text = "Azerbaijan denied the attack."
    analysis = Analysis(raw=text.encode())
    analysis.document = DocumentInfo(id="d" * 64, text=text)
    denial = _claim("AZE", "state", "denies", text).model_copy(update={"about": ["inc-1"]})
    analysis.incidents = [ALLEGED]
    analysis.claims = [denial]
    g.STAGE.run(analysis, Context(Settings()))
    (graded,) = analysis.incidents
    assert graded.grade == "contested"
    assert graded.model_extra["grade_rule"]["rule"] == "G4"  # type: ignore[index]

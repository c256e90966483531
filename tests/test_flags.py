"""The judge.flags stage on hand-built incidents: no model needed."""

from __future__ import annotations

import re
from datetime import date

from docket.analysis import Analysis
from docket.judge.flags import STAGE, judge
from docket.pipeline import Context
from docket.record import (
    ActorRef,
    Incident,
    Perpetrator,
    PlaceRef,
    Span,
    Target,
    Weapon,
    When,
)
from docket.settings import Settings

KARABAKH = (
    "Human Rights Watch has documented at least four incidents in the conflict between Baku and "
    "Yerevan, which have not signed the treaty. "
    "It says Azerbaijan attacked residential areas of Nagorno-Karabakh with cluster bombs. "
    "One attack hit a few meters from the office of the International Committee of the Red Cross. "
    "Its experts say they have not been able to identify any military equipment or bases in the "
    "neighborhoods attacked. "
    "Separately, the minister said the economy grew."
)


def analysis_of(text: str, published: date | None, actors: dict[str, str]) -> Analysis:
    analysis = Analysis(raw=text.encode(), text=text, published=published)
    analysis.sentences = [Span.of(text, m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    analysis.sentences = [
        Span.of(text, s.start + (len(s.quote) - len(s.quote.lstrip())), s.end)
        for s in analysis.sentences
    ]
    for words, actor in actors.items():
        for m in re.finditer(re.escape(words), text):
            analysis.actors.append(
                ActorRef(
                    text=words, actor=actor, type="state", span=Span.of(text, m.start(), m.end())
                )
            )
    return analysis


def span_of(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def karabakh() -> tuple[Analysis, Incident]:
    analysis = analysis_of(
        KARABAKH, date(2020, 10, 23), {"Baku": "AZE", "Yerevan": "ARM", "Azerbaijan": "AZE"}
    )
    incident = Incident(
        id="inc-1",
        category="explosive_weapon_attack",
        weapons=[Weapon(text="cluster bombs", weapon_class="cluster_munition")],
        perpetrators=[Perpetrator(text="Azerbaijan", actor="AZE", type="state")],
        targets=[
            Target(text="residential areas", target_class="residential_area"),
            Target(text="civilians", target_class="civilians"),
        ],
        location=PlaceRef(
            text="Nagorno-Karabakh", name="Nagorno-Karabakh", country="AZ", precision="region"
        ),
        when=When(precision="unknown"),
        evidence=[span_of(KARABAKH, "Azerbaijan attacked residential areas")],
    )
    analysis.incidents = [incident]
    return analysis, incident


def codes(flags: list) -> list[str]:
    return [f.code for f in flags]


def test_founding_article_incident_gets_its_gold_flags() -> None:
    analysis, incident = karabakh()
    STAGE.run(analysis, Context(settings=Settings()))
    flags = {f.code: f for f in incident.flags}
    assert {
        "prohibited_weapon_non_party",
        "populated_area_no_military_objective",
        "near_protected_site",
    } <= set(flags)
    assert "prohibited_weapon_state_party" not in flags
    non_party = flags["prohibited_weapon_non_party"]
    assert non_party.treaty == "ccm" and non_party.actor == "AZE"
    assert "Convention on Cluster Munitions" in non_party.explanation
    assert "neither Azerbaijan" in non_party.explanation and "nor Armenia" in non_party.explanation
    assert "2020-10-23" in non_party.explanation
    assert non_party.rule and any("publication date" in fact for fact in non_party.facts)
    assert "Red Cross" in flags["near_protected_site"].explanation
    assert "military equipment" in flags["populated_area_no_military_objective"].explanation


def test_stage_is_idempotent() -> None:
    analysis, incident = karabakh()
    context = Context(settings=Settings())
    STAGE.run(analysis, context)
    first = codes(incident.flags)
    STAGE.run(analysis, context)
    assert codes(incident.flags) == first


def cluster_use(state: str, country: str, day: date) -> tuple[Analysis, Incident]:
    text = f"Forces of {state} fired cluster munitions at a military airfield."
    analysis = analysis_of(text, None, {})
    incident = Incident(
        id="inc-2",
        weapons=[Weapon(text="cluster munitions", weapon_class="cluster_munition")],
        perpetrators=[Perpetrator(text=state, actor=state, type="state")],
        targets=[Target(text="a military airfield", target_class="military")],
        location=PlaceRef(text="somewhere", country=country, precision="country"),
        when=When(precision="day", start=day, end=day),
        evidence=[Span.of(text, 0, len(text))],
    )
    analysis.incidents = [incident]
    return analysis, incident


def test_state_party_use() -> None:
    analysis, incident = cluster_use("GBR", "LY", date(2015, 6, 1))
    flags = judge(incident, analysis)
    assert codes(flags) == ["prohibited_weapon_state_party"]
    assert "the United Kingdom" in flags[0].explanation
    assert "breach" in flags[0].explanation
    assert "explosive_weapon_populated_area" not in codes(flags)  # a military target


def test_lithuania_before_and_after_withdrawal() -> None:
    before = judge(*reversed(cluster_use("LTU", "LT", date(2024, 6, 1))))
    after = judge(*reversed(cluster_use("LTU", "LT", date(2025, 6, 1))))
    assert codes(before) == ["prohibited_weapon_state_party"]
    assert codes(after) == ["prohibited_weapon_non_party"]
    assert "no longer a party" in after[0].explanation


def test_judged_on_the_incident_date_not_today() -> None:
    # the United Kingdom had signed but not ratified the CCM in 2009
    flags = judge(*reversed(cluster_use("GBR", "GB", date(2009, 6, 1))))
    assert codes(flags) == ["prohibited_weapon_non_party"]
    assert "signatory" in flags[0].explanation


def test_no_state_perpetrator_no_treaty_flag_and_no_date_no_flags() -> None:
    analysis, incident = karabakh()
    incident.perpetrators = []
    assert "prohibited_weapon_non_party" not in codes(judge(incident, analysis))
    analysis.published = None
    assert judge(incident, analysis) == []


def test_unrelated_sentence_does_not_raise_text_flags() -> None:
    text = "Shelling hit the market in the town centre. The hospital director said he was worried."
    analysis = analysis_of(text, date(2022, 3, 1), {})
    incident = Incident(
        id="inc-3",
        weapons=[Weapon(text="Shelling", weapon_class="artillery")],
        targets=[Target(text="the market", target_class="market")],
        evidence=[span_of(text, "Shelling hit the market")],
    )
    analysis.incidents = [incident]
    flags = judge(incident, analysis)
    assert "explosive_weapon_populated_area" in codes(flags)
    assert "near_protected_site" not in codes(flags)  # no attack word in the hospital sentence
    assert "populated_area_no_military_objective" not in codes(flags)

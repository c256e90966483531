"""Incidents on the founding article and on hand-written sentences: weapons, perpetrators,
targets, counts, merging, and evidence spans that quote the text exactly."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from docket.extract.drafts import Draft, Party
from docket.extract.lexicons import target_classes, triggers, weapon_terms
from docket.extract.merge import merge_drafts
from docket.settings import Settings


def test_lexicons_load_with_their_sources() -> None:
    terms = weapon_terms()
    assert terms[("cluster", "bomb")].weapon_class == "cluster_munition"
    assert terms[("drone",)].weapon_class == "uav"
    assert terms[("rocket", "launcher")].weapon_class == "rocket_artillery"
    assert terms[("white", "phosphorus")].weapon_class == "incendiary"
    assert all(t.source for t in terms.values())
    assert triggers()[("shell", "VERB")].category == "shelling_or_artillery"
    assert target_classes()["hospital"] == ("hospital", False)


def _draft(
    sentence: int,
    perps: tuple[tuple[int, int], ...] = (),
    victims: tuple[tuple[int, int], ...] = (),
) -> Draft:
    d = Draft("other_violence", sentence, (0, 10), (0, 1))
    d.perpetrators = [Party(*p) for p in perps]
    d.victims = [Party(*v) for v in victims]
    return d


def test_merge_keeps_apart_a_perpetrator_who_is_the_other_incidents_victim() -> None:
    keys = {(0, 5): "AZE", (6, 9): "AZE"}
    attack = _draft(0, perps=((0, 5),))
    suffered = _draft(0, victims=((6, 9),))
    assert len(merge_drafts([attack, suffered], keys)) == 2
    follow_up = _draft(1)
    assert len(merge_drafts([attack, follow_up], keys)) == 1


@pytest.fixture(scope="module")
def founding(nlp: Any, founding_text: str) -> Any:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    analysis = Analysis(
        raw=founding_text.encode(), source="founding.txt", published=date(2020, 10, 23)
    )
    return run_stages(analysis, context, incident_stages())


@pytest.mark.slow
def test_founding_cluster_munition_attack_by_azerbaijan(founding: Any) -> None:
    cluster = [
        i
        for i in founding.incidents
        if any(w.weapon_class == "cluster_munition" for w in i.weapons)
    ]
    main = next(i for i in cluster if i.perpetrators)
    assert main.category == "explosive_weapon_attack"
    assert {t.target_class for t in main.targets} >= {"residential_area", "civilians"}
    assert main.count is not None and main.count.qualifier == "at_least" and main.count.low == 4
    assert all(p.status == "alleged" for p in main.perpetrators)
    if founding.actors:  # resolve.actors present: the perpetrator is a state id
        assert {p.actor for p in main.perpetrators} == {"AZE"}
    else:
        assert {p.text for p in main.perpetrators} <= {"Azerbaijan", "Baku"}


@pytest.mark.slow
def test_founding_attacks_reported_by_azerbaijan_on_its_side(founding: Any) -> None:
    cluster = [
        i
        for i in founding.incidents
        if any(w.weapon_class == "cluster_munition" for w in i.weapons)
    ]
    suffered = [i for i in cluster if not i.perpetrators and i.victims]
    assert len(suffered) == 1
    assert "suffered cluster bomb attacks" in suffered[0].evidence[0].quote
    assert suffered[0].victims[0].text == "Azerbaijan" or suffered[0].victims[0].actor == "AZE"


@pytest.mark.slow
def test_founding_weapon_mentions_and_exact_evidence(founding: Any) -> None:
    text = founding.text
    weapons = {(m.quote, m.canonical) for m in founding.mentions if m.label == "weapon"}
    assert ("drones", "uav") in weapons
    assert ("rocket launchers", "rocket_artillery") in weapons
    assert ("cluster bombs", "cluster_munition") in weapons
    spans = [s for i in founding.incidents for s in i.evidence]
    spans += [w.span for i in founding.incidents for w in i.weapons if w.span]
    spans += [t.span for i in founding.incidents for t in i.targets if t.span]
    spans += [p.span for i in founding.incidents for p in i.perpetrators if p.span]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.quote


@pytest.mark.slow
def test_sentences_give_weapon_perpetrator_victims_and_type(nlp: Any) -> None:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    text = "Rebels fired mortars at a school in the town on Monday, killing three children."
    analysis = run_stages(Analysis(raw=text.encode(), source="t"), context, incident_stages())
    (incident,) = analysis.incidents
    assert [w.weapon_class for w in incident.weapons] == ["mortar"]
    assert incident.perpetrators[0].text == "Rebels"
    assert incident.category == "shelling_or_artillery"
    assert any(t.target_class == "school" for t in incident.targets)
    assert incident.killed is not None and incident.killed.best == 3
    assert incident.acled_sub_event_type == "Shelling/artillery/missile attack"


def test_uniform_case_is_detected_generically() -> None:
    from docket.nlp.truecase import uniform_case

    assert uniform_case("guerrillas attacked the police station in the capital last night.")
    assert uniform_case("GUERRILLAS ATTACKED THE POLICE STATION IN THE CAPITAL LAST NIGHT.")
    assert not uniform_case("Guerrillas attacked the police station in Lima last night.")


@pytest.mark.slow
def test_lower_case_text_is_parsed_truecased_with_offsets_and_quotes_intact(nlp: Any) -> None:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.nlp.truecase import truecase
    from docket.pipeline import Context, run_stages

    text = "rebels of the fmln attacked a police station in san salvador on monday."
    cased = truecase(text, nlp)
    assert len(cased) == len(text) and cased.lower() == text
    assert cased.startswith("Rebels of the FMLN") and "San Salvador" in cased
    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    analysis = run_stages(Analysis(raw=text.encode(), source="t"), context, incident_stages())
    assert analysis.text == text and analysis.doc.text == text
    assert any(e.text == "san salvador" for e in analysis.entities)
    for mention in analysis.mentions:
        assert text[mention.start : mention.end] == mention.quote
    (incident,) = analysis.incidents
    assert incident.perpetrators and incident.targets


def test_merge_joins_later_mentions_of_the_same_named_victim() -> None:
    keys = {(0, 5): "mayor x", (20, 25): "mayor x"}
    first = _draft(0, victims=((0, 5),))
    later = _draft(6, victims=((20, 25),))
    assert len(merge_drafts([first, later], keys, frozenset({"mayor x"}))) == 1
    other = _draft(6, victims=((30, 35),))
    keys[(30, 35)] = "someone else"
    assert len(merge_drafts([first, other], keys, frozenset({"mayor x"}))) == 2


def test_generic_victims_far_apart_do_not_merge() -> None:
    # two attacks on "civilians" in one report are not one attack
    keys = {(0, 5): "civilians", (20, 25): "civilians"}
    first = _draft(0, victims=((0, 5),))
    later = _draft(6, victims=((20, 25),))
    assert len(merge_drafts([first, later], keys)) == 2


@pytest.mark.slow
def test_perpetrator_phrase_splits_into_people_and_organisation(nlp: Any) -> None:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    text = "Fighters of the National Liberation Front attacked a police station in the town."
    analysis = run_stages(Analysis(raw=text.encode(), source="t"), context, incident_stages())
    (incident,) = analysis.incidents
    by_text = {p.text: p.type for p in incident.perpetrators}
    # the people, with the group they belong to, and the group itself
    assert by_text["Fighters of the National Liberation Front"] is None
    assert by_text["National Liberation Front"] in ("armed_group", "state")

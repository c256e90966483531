"""Incident arguments read from the parse: who can be a perpetrator, what is a target and what a
victim, when a trigger word names no incident, and where the explosive is the weapon."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from docket.extract.drafts import Draft
from docket.extract.lexicons import target_classes, triggers
from docket.extract.merge import merge_drafts
from docket.record import Incident
from docket.settings import Settings


@pytest.fixture(scope="module")
def incidents_of(nlp: Any) -> Any:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    # these tests check the rules that read arguments from the parse; the learned role-filler
    # model, which may add or drop fillers after them, is tested on its own
    context.resources.role_model = None
    stages = incident_stages()

    def run(text: str) -> list[Incident]:
        analysis = run_stages(Analysis(raw=text.encode(), source="t"), context, stages)
        return list(analysis.incidents)

    return run


def test_lexicons_mark_figurative_verbs_and_business_targets() -> None:
    assert triggers()[("hit", "VERB")].weak and not triggers()[("shell", "VERB")].weak
    assert target_classes()["restaurant"] == ("commercial", False)
    assert target_classes()["force"] == ("military", False)
    assert target_classes()["bakery"] == ("commercial", False)
    assert target_classes()["barracks"] == ("military", False)


def test_a_death_toll_alone_is_no_incident() -> None:
    died = Draft("other_violence", 0, (0, 10), (0, 4), frame="die")
    assert merge_drafts([died], {}) == []
    attack = Draft("other_violence", 0, (0, 10), (5, 9), frame="attack")
    (group,) = merge_drafts([died, attack], {})
    assert len(group.drafts) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Saturday's attack on the market killed five people.",
        "No group has claimed responsibility for the bombing of the bus.",
        "Nine people were dead and 130 more were injured by what they had seen.",
    ],
)
def test_dates_negated_and_injured_phrases_are_no_perpetrators(
    incidents_of: Any, text: str
) -> None:
    assert all(not i.perpetrators for i in incidents_of(text))


@pytest.mark.slow
def test_temporal_by_phrase_is_not_the_agent(incidents_of: Any) -> None:
    (incident,) = incidents_of(
        "By the end of the day, the brigade had detonated 20 bombs across the city."
    )
    assert [p.text for p in incident.perpetrators] == ["brigade"]
    assert [w.text for w in incident.weapons] == ["bombs"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "He used the name Robert Kling.",
        "The company launched a campaign against corruption.",
        "Criminals use drones to carry drugs into prisons.",
        "The administration hit 13 officials with sanctions.",
        "On Wednesday the administration targeted 13 more officials, alleging corruption.",
        "About 100 people have died in three months of protests.",
    ],
)
def test_trigger_words_that_name_no_incident(incidents_of: Any, text: str) -> None:
    assert incidents_of(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Taliban threatened to attack polling stations.",
        "Militants vowed to launch more attacks on the capital.",
        "The group is planning an attack on the embassy.",
        "Officials said the rebels would strike again.",
        "If the army enters the town, the militia will shell it.",
        "Residents fear a possible attack on the market.",
    ],
)
def test_a_threat_plan_or_supposition_is_no_incident(incidents_of: Any, text: str) -> None:
    assert incidents_of(text) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "More than 3,000 civilians have been killed in the province since 2015.",
        "Fighting in the region has killed 400 people so far this year.",
        "The attack is the latest in a wave of attacks on the city.",
        "Thousands marked the anniversary of the 2004 Madrid train bombings.",
        "The city marked the anniversary of the 2014 school massacre, in which gunmen killed "
        "149 people.",
    ],
)
def test_a_toll_a_run_of_attacks_or_an_anniversary_is_no_incident(
    incidents_of: Any, text: str
) -> None:
    assert incidents_of(text) == []


@pytest.mark.slow
def test_one_event_told_with_a_recent_since_or_a_run_that_acted_is_an_incident(
    incidents_of: Any,
) -> None:
    (toll,) = incidents_of("Insurgents have killed 12 soldiers since Monday at checkpoints.")
    assert toll.killed is not None and toll.killed.best == 12
    (strikes,) = incidents_of("A wave of airstrikes hit the town of Saraqeb on Monday.")
    assert strikes.category == "air_or_drone_strike"
    assert not strikes.perpetrators  # the wave did nothing


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Taliban spokesman Zabihullah Mujahid claimed the attack on the checkpoint.", "Taliban"),
        (
            "Taliban spokesman Qari Yousuf Ahmadi claimed the attack in a message to reporters.",
            "Taliban",
        ),
        (
            "Zabihullah Mujahid, a Taliban spokesman, claimed the attack on the checkpoint.",
            "Taliban",
        ),
        (
            "A spokesman for the Islamic State claimed responsibility for the bombing.",
            "Islamic State",
        ),
    ],
)
def test_the_group_not_its_spokesman_is_the_perpetrator(
    incidents_of: Any, text: str, group: str
) -> None:
    (incident,) = incidents_of(text)
    assert [p.text for p in incident.perpetrators] == [group]
    assert incident.perpetrators[0].status == "claimed_responsibility"


@pytest.mark.slow
def test_what_a_blast_did_is_part_of_the_bombing(incidents_of: Any) -> None:
    (bombing,) = incidents_of(
        "A car bomb exploded near a busy market in Mosul on Sunday, killing 15 people. "
        "The blast destroyed several shops and set cars on fire."
    )
    assert bombing.category == "bombing_or_ied"
    assert len(bombing.evidence) == 2


@pytest.mark.slow
def test_a_round_up_is_its_events_not_their_sum(incidents_of: Any) -> None:
    incidents = incidents_of(
        "Bombs and shootings killed at least 20 people across Iraq on Tuesday, police said.\n\n"
        "In Baquba, a suicide bomber blew himself up at a police checkpoint, killing five "
        "policemen.\n\n"
        "Separately, police found the bodies of two men shot dead in Mosul."
        "\n\nAt least 4,000 people were killed in 2009."
    )
    assert [(i.location.name if i.location else None) for i in incidents] == ["Baqubah", "Mosul"]
    assert [v.text for v in incidents[1].victims] == ["two men"]


@pytest.mark.slow
def test_a_round_ups_events_take_the_day_of_its_lead(nlp: Any) -> None:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    text = (
        "BAGHDAD, May 5 (Reuters) - Bombs and shootings killed at least 20 people across Iraq "
        "on Tuesday, police said.\n\nIn Baquba, a suicide bomber blew himself up at a police "
        "checkpoint, killing five policemen.\n\nIn Mosul, gunmen shot dead a shopkeeper."
    )
    analysis = Analysis(raw=text.encode(), source="t", published=date(2010, 5, 5))
    incidents = run_stages(analysis, context, incident_stages()).incidents
    assert len(incidents) == 2
    assert {i.when.start for i in incidents} == {date(2010, 5, 4)}  # Tuesday, not the dateline


@pytest.mark.slow
def test_attacks_named_as_a_kind_are_no_incident(incidents_of: Any) -> None:
    assert incidents_of("Islamic State has carried out similar attacks in the area.") == []


@pytest.mark.slow
def test_people_shot_dead_are_killed_victims(incidents_of: Any) -> None:
    (shooting,) = incidents_of("Gunmen shot dead two policemen at a checkpoint near Kirkuk.")
    assert [v.text for v in shooting.victims] == ["two policemen"]
    assert shooting.killed is not None and shooting.killed.best == 2


@pytest.mark.slow
def test_an_incident_is_where_its_sentence_says_not_where_an_official_spoke(
    incidents_of: Any,
) -> None:
    # the gazetteer does not know "Tuz Khurmato" (GeoNames: Ţūz Khūrmātū): the incident keeps the
    # name for a reviewer, rather than the city named in the next paragraph
    (bombing, shooting) = incidents_of(
        "A car bomb exploded in the town of Tuz Khurmato on Sunday, killing 15 people.\n\n"
        "The wounded were taken to hospital in Kirkuk, a police officer said there.\n\n"
        "In a separate incident, gunmen shot dead two policemen near Kirkuk on Saturday."
    )
    assert bombing.location is not None and bombing.location.text == "Tuz Khurmato"
    assert bombing.location.gazetteer_id is None
    assert shooting.location is not None and shooting.location.name == "Kirkuk"


@pytest.mark.slow
def test_an_attempt_or_an_attack_after_a_threat_is_an_incident(incidents_of: Any) -> None:
    (attempt,) = incidents_of("Gunmen tried to kill the mayor of the town on Monday.")
    assert [p.text for p in attempt.perpetrators] == ["Gunmen"]
    (attack,) = incidents_of("The rebels, who had threatened the town for weeks, shelled it.")
    assert attack.category == "shelling_or_artillery"


@pytest.mark.slow
def test_an_event_dated_after_its_report_is_no_incident(nlp: Any) -> None:
    from docket.analysis import Analysis
    from docket.evaluate.incident_runs import incident_stages
    from docket.pipeline import Context, run_stages

    context = Context(Settings())
    context.__dict__["nlp"] = nlp
    text = b"Rebels shelled the town of Kidal on January 15, killing three people."

    def read(published: date) -> list[Incident]:
        analysis = Analysis(raw=text, source="t", published=published)
        return list(run_stages(analysis, context, incident_stages()).incidents)

    (reported,) = read(date(2020, 1, 20))
    assert reported.when.start == date(2020, 1, 15)
    assert read(date(2020, 1, 10)) == []


@pytest.mark.slow
def test_weapons_used_or_hit_with_still_make_an_incident(incidents_of: Any) -> None:
    (dropped,) = incidents_of("The group used drones to drop bombs on the village.")
    assert [p.text for p in dropped.perpetrators] == ["group"]
    (hit,) = incidents_of("Rebels hit the convoy with rockets.")
    assert [w.text for w in hit.weapons] == ["rockets"]
    assert [t.target_class for t in hit.targets] == ["military"]


@pytest.mark.slow
def test_a_crowd_counted_by_a_number_makes_a_protest(incidents_of: Any) -> None:
    (protest,) = incidents_of("Hundreds of people protested in Nairobi against food prices.")
    assert protest.category == "protest"
    assert [p.text for p in protest.perpetrators] == ["Hundreds of people"]
    (march,) = incidents_of("Thousands marched through Harare on Saturday.")
    assert march.category == "protest"
    assert incidents_of("Troops marched into the town on Sunday.") == []


@pytest.mark.slow
def test_a_bomb_at_a_campaign_rally_is_one_attack_not_a_protest(incidents_of: Any) -> None:
    (attack,) = incidents_of(
        "A bomb went off at a rally of President Ashraf Ghani in Charikar, killing 24 people."
    )
    assert attack.category != "protest"
    assert "Ashraf Ghani" not in [p.text for p in [*attack.perpetrators, *attack.victims]]


@pytest.mark.slow
def test_protesters_clashing_is_a_riot(incidents_of: Any) -> None:
    (incident,) = incidents_of("Protesters clashed with security forces in the capital.")
    assert incident.category == "riot"


@pytest.mark.slow
def test_people_attacked_are_targets_and_people_killed_only_victims(incidents_of: Any) -> None:
    (attacked,) = incidents_of("Gunmen attacked villagers in the market.")
    assert [(t.text, t.target_class) for t in attacked.targets] == [("villagers", "civilians")]
    assert [v.text for v in attacked.victims] == ["villagers"]
    (killed,) = incidents_of("The blast killed 13 people.")
    assert killed.targets == [] and [v.text for v in killed.victims] == ["13 people"]


@pytest.mark.slow
def test_what_went_off_is_not_a_perpetrator(incidents_of: Any) -> None:
    (incident,) = incidents_of("The device detonated, killing three soldiers.")
    assert incident.perpetrators == []
    (devices,) = incidents_of("Explosive devices were detonated at places crowded with shoppers.")
    assert devices.targets == [] and [w.text for w in devices.weapons] == ["Explosive devices"]


@pytest.mark.slow
def test_at_a_street_is_where_not_what(incidents_of: Any) -> None:
    (incident,) = incidents_of("The explosion at Oxford Street injured ten people.")
    assert all("Oxford" not in t.text for t in incident.targets)
    (suicide,) = incidents_of("A suicide bomber blew himself up at the checkpoint.")
    assert [t.target_class for t in suicide.targets] == ["military"]


@pytest.mark.slow
def test_controlled_subjects_battle_parties_and_participle_clauses(incidents_of: Any) -> None:
    (hit,) = incidents_of("The army claimed to have hit three gunmen.")
    assert [p.text for p in hit.perpetrators] == ["army"]
    assert [t.text for t in hit.targets] == ["three gunmen"]
    (battle,) = incidents_of("A battle between troops and rebels left five dead.")
    assert [p.text for p in battle.perpetrators] == ["troops", "rebels"]
    (left,) = incidents_of("The confrontation has left at least one student injured.")
    assert left.perpetrators == [] and [v.text for v in left.victims] == ["at least one student"]


@pytest.mark.slow
def test_a_person_named_by_surname_keeps_the_full_name(incidents_of: Any) -> None:
    incidents = incidents_of(
        "Liberal Senator Federico Estrada Velez was kidnapped in Medellin on Monday. "
        "Police said the gunmen later killed Estrada Velez."
    )
    victims = [v for i in incidents for v in i.victims]
    assert victims and {v.text for v in victims} == {"Federico Estrada Velez"}
    # the evidence quotes the words of the sentence that gave the role
    assert all(v.span and v.span.quote in "Federico Estrada Velez" for v in victims)


@pytest.mark.slow
def test_full_names_keep_the_quote_as_evidence() -> None:
    from docket.analysis import Analysis
    from docket.extract import full_names
    from docket.pipeline import Context
    from docket.record import Incident, Span, Victim
    from docket.settings import Settings

    text = "Senator Federico Estrada Velez was kidnapped. Gunmen later killed Estrada Velez."
    analysis = Analysis(raw=text.encode(), source="t", text=text)
    analysis.doc = Context(Settings()).resources.nlp(text)
    start = text.rindex("Estrada Velez")
    victim = Victim(text="Estrada Velez", span=Span.of(text, start, start + len("Estrada Velez")))
    full_names.complete(analysis, [Incident(id="i", victims=[victim])])
    assert victim.text == "Federico Estrada Velez"
    assert victim.span is not None and victim.span.quote == "Estrada Velez"


@pytest.mark.slow
def test_a_surname_shared_by_two_people_stays_as_written(incidents_of: Any) -> None:
    incidents = incidents_of(
        "Henry Perez and Marcelo Perez lead the self-defence groups. "
        "Gunmen shot dead Perez in Bogota on Friday."
    )
    assert {v.text for i in incidents for v in i.victims} == {"Perez"}


@pytest.mark.slow
def test_a_name_keeps_only_its_name_words(incidents_of: Any) -> None:
    (incident,) = incidents_of("Gunmen killed U.S. citizen Scott Heyndal on Monday.")
    assert [v.text for v in incident.victims] == ["Scott Heyndal"]
    # in telex text the model's entity also takes the word before the name
    (incident,) = incidents_of("gunmen killed u.s. citizen scott heyndal on monday.")
    assert [v.text for v in incident.victims] == ["scott heyndal"]
    # a name inside another phrase is not the phrase
    (incident,) = incidents_of("Gunmen killed the mayor of Medellin on Monday.")
    assert [v.text for v in incident.victims] == ["mayor"]


@pytest.mark.slow
def test_a_possessive_of_a_killing_noun_is_the_victim(incidents_of: Any) -> None:
    (incident,) = incidents_of("Police are investigating Bernardo Jaramillo's assassination.")
    assert [v.text for v in incident.victims] == ["Bernardo Jaramillo"]
    assert not incident.perpetrators
    (incident,) = incidents_of("The army's killing of six peasants was condemned.")
    assert [p.text for p in incident.perpetrators] == ["army"]


@pytest.mark.slow
def test_a_possessive_pronoun_stands_for_its_antecedent_or_nothing(incidents_of: Any) -> None:
    (incident,) = incidents_of("The rebels said that their attack on the garrison succeeded.")
    assert [p.text for p in incident.perpetrators] == ["rebels"]
    (incident,) = incidents_of("Their attack on the garrison killed two soldiers.")
    assert not incident.perpetrators  # "Their" alone names no one


@pytest.mark.slow
def test_a_title_names_a_person_who_can_be_a_victim(incidents_of: Any) -> None:
    (incident,) = incidents_of("Relatives of the foreign minister murdered in Washington spoke.")
    assert [v.text for v in incident.victims] == ["foreign minister"]
    (incident,) = incidents_of("Gunmen shot dead a judge in the city.")
    assert [v.text for v in incident.victims] == ["judge"]


@pytest.mark.slow
def test_light_verbs_and_participles_name_who_carried_out_the_attack(incidents_of: Any) -> None:
    # "staged" is lemmatised "stag" by the statistical model; the verb list still reads it
    (incident,) = incidents_of("Terrorists staged three bomb attacks against the embassy.")
    assert [p.text for p in incident.perpetrators] == ["Terrorists"]
    (incident, *_) = incidents_of("The attack, perpetrated by urban guerrillas, shocked the town.")
    assert [p.text for p in incident.perpetrators] == ["urban guerrillas"]
    (incident,) = incidents_of("The attack on the base was carried out by rebels.")
    assert [p.text for p in incident.perpetrators] == ["rebels"]


@pytest.mark.slow
def test_responsibility_and_blame_name_the_alleged_perpetrator(incidents_of: Any) -> None:
    (incident,) = incidents_of(
        "Police said drug traffickers were responsible for the assassination of the judge."
    )
    assert [p.text for p in incident.perpetrators] == ["drug traffickers"]
    assert incident.perpetrators[0].status == "alleged"  # not a claim of responsibility
    (incident,) = incidents_of("The army blamed the Shining Path for the bombing of the bridge.")
    assert [p.text for p in incident.perpetrators] == ["Shining Path"]
    (incident,) = incidents_of("Police held the Shining Path responsible for the bombing.")
    assert [p.text for p in incident.perpetrators] == ["Shining Path"]  # not the police
    found = incidents_of("The front denied responsibility for the attack on the base.")
    assert not [p for i in found for p in i.perpetrators]
    (incident,) = incidents_of(
        "A car bomb exploded in Lima. The attack was attributed to the MRTA."
    )
    assert [(p.text, p.status) for p in incident.perpetrators] == [("MRTA", "alleged")]
    (incident,) = incidents_of(
        "Gunmen attacked the mayor's office. Police said the ELN was behind the attack."
    )
    assert {p.text for p in incident.perpetrators} == {"Gunmen", "ELN"}


@pytest.mark.slow
def test_a_force_named_before_its_people_is_a_perpetrator_too(incidents_of: Any) -> None:
    (incident,) = incidents_of("National police members murdered the judge.")
    found = {(p.text, p.type) for p in incident.perpetrators}
    assert ("national police", "state") in {(t.lower(), k) for t, k in found}
    (incident,) = incidents_of("Government soldiers killed three farmers.")
    assert {p.text for p in incident.perpetrators} == {"Government soldiers", "Government"}
    # a people word alone names no force
    (incident,) = incidents_of("Armed men killed three farmers.")
    assert [p.text for p in incident.perpetrators] == ["Armed men"]


@pytest.mark.slow
def test_a_hedge_is_no_part_of_the_perpetrator_phrase(incidents_of: Any) -> None:
    (incident,) = incidents_of("Suspected guerrillas attacked the base on Monday.")
    assert [(p.text, p.status) for p in incident.perpetrators] == [("guerrillas", "alleged")]


@pytest.mark.slow
def test_those_brought_to_account_for_an_attack_are_its_alleged_perpetrators(
    incidents_of: Any,
) -> None:
    arrest, murder = incidents_of("Police arrested three men for the murder of the judge.")
    assert arrest.category == "arrest" and [v.text for v in arrest.victims] == ["three men"]
    assert [(p.text, p.status) for p in murder.perpetrators] == [("three men", "alleged")]
    assert [v.text for v in murder.victims] == ["judge"]
    (murder,) = incidents_of("Two lieutenants and six soldiers were charged with the murder.")
    assert {p.text for p in murder.perpetrators} == {"Two lieutenants", "six soldiers"}
    (murder,) = incidents_of("Two soldiers were not charged with the murder of the priests.")
    assert not murder.perpetrators
    # an arrest for something that is no attack names no perpetrator of one
    found = incidents_of("Police arrested three men for fraud.")
    assert all(i.category == "arrest" for i in found)


@pytest.mark.slow
def test_a_claim_naming_no_event_goes_to_the_incident_before_it(incidents_of: Any) -> None:
    text = (
        "Militants stormed a hotel in Kabul on Saturday, killing 18 people. "
        "The Taliban later claimed responsibility in a statement."
    )
    (incident,) = incidents_of(text)
    taliban = next(p for p in incident.perpetrators if p.text == "Taliban")
    assert taliban.status == "claimed_responsibility"
    assert taliban.span is not None and text.index("The Taliban") < taliban.span.start
    assert incident.category == "attack_on_civilians"  # the claim does not recategorise it
    assert any("claimed responsibility" in e.quote for e in incident.evidence)
    # nobody claiming is no claimant, and a claim with no incident before it makes none
    (incident,) = incidents_of("A car bomb exploded in Lima. No one has claimed responsibility.")
    assert not incident.perpetrators
    assert incidents_of("The front claimed responsibility. It gave no details.") == []


@pytest.mark.slow
def test_people_named_by_occupation_or_kin_are_victims(incidents_of: Any) -> None:
    assert {"priest", "nun", "brother", "guerrilla", "mayor"} <= {
        word for word, (_, people) in target_classes().items() if people
    }
    (incident,) = incidents_of("Gunmen killed two priests and the mayor's brother.")
    assert {v.text for v in incident.victims} == {"two priests", "mayor's brother"}
    # an unresolved possessive pronoun is no name for the one harmed
    (incident,) = incidents_of("Drug traffickers were responsible for his assassination.")
    assert not incident.victims and not incident.targets


@pytest.mark.slow
def test_a_business_or_building_aimed_at_makes_an_incident(incidents_of: Any) -> None:
    (incident,) = incidents_of("The explosion targeted a bakery on the central street.")
    assert [(t.text, t.target_class) for t in incident.targets] == [("bakery", "commercial")]
    # a compound of two target words is one target; only a list is split
    (incident,) = incidents_of("Rebels attacked a power station in the south.")
    assert [(t.text, t.target_class) for t in incident.targets] == [
        ("power station", "electricity_network")
    ]
    # rebels striking without a weapon named are still attacking
    (incident,) = incidents_of("Rebels targeted the army barracks on Monday.")
    assert [p.text for p in incident.perpetrators] == ["Rebels"]


@pytest.mark.slow
def test_a_building_keeps_the_of_phrase_naming_whose_it_is(incidents_of: Any) -> None:
    (incident,) = incidents_of(
        "Guerrillas bombed the offices of the telecommunications enterprise in Bogota."
    )
    assert [t.text for t in incident.targets] == ["offices of the telecommunications enterprise"]
    (incident,) = incidents_of("A bomb destroyed the residence of Francisco Merino on Monday.")
    assert [t.text for t in incident.targets] == ["residence of Francisco Merino"]


@pytest.mark.slow
def test_the_attacker_named_as_the_attacks_modifier_is_its_perpetrator_not_its_place(
    incidents_of: Any,
) -> None:
    (drone,) = incidents_of(
        "A US drone strike killed three al-Shabaab fighters on Sunday, the Somali government said."
    )
    assert [(p.text, p.actor) for p in drone.perpetrators] == [("US", "USA")]
    # the attacker's country is not where it happened
    assert drone.location is None or drone.location.country != "US"
    (airstrike,) = incidents_of(
        "An Israeli airstrike killed five people in Khan Younis on Tuesday."
    )
    assert [p.actor for p in airstrike.perpetrators] == ["ISR"]
    assert airstrike.location is not None and airstrike.location.text == "Khan Younis"
    (group,) = incidents_of("A Taliban attack on a checkpoint killed six policemen in Helmand.")
    assert [p.actor for p in group.perpetrators] == ["taliban"]
    # a city or a company named before the attack is where it was or what it hit, not who did it
    (bombing,) = incidents_of("The Kabul bombing killed 12 people on Monday.")
    assert bombing.perpetrators == []
    assert bombing.location is not None and bombing.location.name == "Kabul"
    # before an ambush a country's name says where: "the Mali ambush"
    (ambush,) = incidents_of("Two soldiers were killed in a Mali ambush on Thursday.")
    assert [p.actor for p in ambush.perpetrators] in ([], [None])
    # a people named before an attack is no state: "a Palestinian attack" names no perpetrator
    (attack,) = incidents_of("A Palestinian attack on a bus killed two people near Hebron.")
    assert [p.actor for p in attack.perpetrators] in ([], [None])


@pytest.mark.slow
def test_a_datelines_place_is_no_perpetrator_and_a_struck_city_is_a_place(
    incidents_of: Any,
) -> None:
    (strike,) = incidents_of(
        "MOGADISHU (AP) - A US drone strike killed three al-Shabaab fighters near Jilib on "
        "Sunday, officials said."
    )
    assert [p.actor for p in strike.perpetrators] == ["USA"]
    assert strike.location is not None and strike.location.name == "Jilib"
    (missiles,) = incidents_of("Russian missile strikes hit Kyiv overnight, killing four people.")
    assert [p.actor for p in missiles.perpetrators] == ["RUS"]
    assert missiles.location is not None and missiles.location.name == "Kyiv"
    assert missiles.location.country == "UA"


@pytest.mark.slow
def test_others_counted_are_victims_and_at_least_is_the_numbers(incidents_of: Any) -> None:
    (bombing,) = incidents_of(
        "A suicide bomber struck a mosque in Kabul, killing at least 14 worshippers and wounding "
        "32 others, officials said."
    )
    assert [v.text for v in bombing.victims] == ["14 worshippers", "32 others"]
    assert bombing.killed is not None and bombing.killed.best == 14
    assert bombing.killed.qualifier == "at_least"
    assert bombing.injured is not None and bombing.injured.best == 32
    (mine,) = incidents_of("Two soldiers were killed and three others were wounded by a mine.")
    assert mine.injured is not None and mine.injured.best == 3
    # "others" alone is nobody in particular
    (attack,) = incidents_of("Gunmen attacked the convoy; others fled into the hills.")
    assert all(v.text != "others" for v in attack.victims)


@pytest.mark.slow
def test_a_headline_tells_the_event_of_the_lead_below_it(incidents_of: Any) -> None:
    (bombing,) = incidents_of(
        "Suicide bomber kills 14 at Kabul mosque\n\n"
        "KABUL (AP) - A suicide bomber struck a Shiite mosque in western Kabul during Friday "
        "prayers, killing at least 14 worshippers, officials said."
    )
    assert [e.quote for e in bombing.evidence][0] == "Suicide bomber kills 14 at Kabul mosque"
    assert bombing.killed is not None and bombing.killed.best == 14
    from docket.extract.drafts import is_headline

    assert is_headline("Suicide bomber kills 14\n\nKABUL - ...", (0, 23))
    # a first sentence with its full stop, or a line run on, is no headline
    assert not is_headline("Gunmen attacked a post.\n\nMilitants ...", (0, 23))
    assert not is_headline("Gunmen attacked a post in Peshawar", (0, 34))
    first, second = incidents_of(
        "Gunmen attacked a police post in Peshawar on Monday.\n\n"
        "Militants attacked a school in Quetta on Tuesday."
    )
    assert first.location is not None and first.location.name == "Peshawar"
    assert second.location is not None and second.location.name == "Quetta"


@pytest.mark.slow
def test_the_attackers_named_again_are_the_same_attack_and_a_dateline_is_no_party(
    incidents_of: Any,
) -> None:
    (raid,) = incidents_of(
        "Gunmen kill 12 villagers in Zamfara raid\n\n"
        "GUSAU, Nigeria (Reuters) - Gunmen on motorcycles killed 12 villagers in a raid on a "
        "village in Zamfara state late on Tuesday, police said.\n\n"
        "A police spokesman said the attackers stormed the village at around 2300 local time "
        "and shot residents as they tried to flee."
    )
    assert [p.text.lower() for p in raid.perpetrators] == ["gunmen"]
    assert len(raid.evidence) == 3
    # two attacks by people named differently, without "the", stay two
    first, second = incidents_of(
        "Gunmen attacked a police post in Peshawar on Monday, killing two officers.\n\n"
        "In Quetta, bombers attacked a school on Tuesday, killing four children."
    )
    assert first.perpetrators[0].text == "Gunmen" and second.perpetrators[0].text == "bombers"


@pytest.mark.slow
def test_what_a_reported_attack_did_is_by_its_attacker_not_the_reporter(
    incidents_of: Any,
) -> None:
    # the participle goes on with what was reported, not with who reported it
    attack, damage = incidents_of(
        "KYIV, Oct 12 (Reuters) - Russia launched 45 drones and three missiles at Ukraine "
        "overnight, the air force said on Saturday, damaging energy facilities in the Odesa "
        "region."
    )
    assert [p.actor for p in attack.perpetrators] == ["RUS"]
    # the damage stays an incident of its own, as the founding article's gold codes it
    assert damage.category == "damage_to_infrastructure"
    assert [p.actor for p in damage.perpetrators] == ["RUS"]
    assert [t.text for t in damage.targets] == ["energy facilities"]


@pytest.mark.slow
def test_numbers_alone_count_the_dead_and_the_injured(incidents_of: Any) -> None:
    (shelling,) = incidents_of("A shell hit the market, killing two and wounding at least 11.")
    assert shelling.killed is not None and shelling.killed.best == 2
    assert shelling.injured is not None and shelling.injured.best == 11
    assert shelling.injured.qualifier == "at_least"


@pytest.mark.slow
def test_a_place_named_at_a_lines_end_is_the_name_alone() -> None:
    from docket.extract_only import extract_text

    text = (
        "Ukraine says Russian drones hit energy sites; two killed in Kharkiv\n\n"
        "KYIV, Oct 12 (Reuters) - Russia launched 45 drones and three missiles at Ukraine "
        "overnight, the air force said, damaging energy facilities in the Odesa region."
    )
    places = [m.quote for m in extract_text(text, Settings()).mentions if m.label == "place"]
    assert "Kharkiv" in places  # the model's entity was "Kharkiv\n\n"
    assert all(q == q.strip() for q in places)


@pytest.mark.slow
def test_a_thing_an_attack_was_on_is_not_what_its_relative_clause_says_acted(
    incidents_of: Any,
) -> None:
    # "which killed four soldiers" tells what the attack did, not what the convoy did
    (attack,) = incidents_of("The attack on the convoy, which killed four soldiers, was deadly.")
    assert all(p.text != "convoy" for p in attack.perpetrators)
    assert attack.killed is not None and attack.killed.best == 4
    # a relative clause that tells no event is left as it was
    (strike,) = incidents_of("Gunmen opened fire on a bus that was carrying pilgrims near Quetta.")
    assert [p.text for p in strike.perpetrators] == ["Gunmen"]


@pytest.mark.slow
def test_a_round_up_of_places_is_one_incident_a_place(incidents_of: Any) -> None:
    found = incidents_of(
        "Bombs across Iraq killed 15 people on Monday. In Tikrit, a car bomb killed six "
        "soldiers. In Baghdad, two roadside bombs killed nine civilians. In Mosul, the blast "
        "destroyed a market."
    )
    by_victims = {tuple(v.text for v in i.victims): i for i in found if i.victims}
    assert ("six soldiers",) in by_victims and ("nine civilians",) in by_victims
    assert by_victims[("nine civilians",)].killed.best == 9


@pytest.mark.slow
def test_a_round_up_item_keeps_a_place_the_gazetteer_lacks(incidents_of: Any) -> None:
    found = incidents_of(
        "BAGHDAD (AP) - Bombs killed 15 people on Monday. In Taji, a car bomb killed six "
        "soldiers. In Baghdad, two roadside bombs killed nine civilians."
    )
    places = {i.victims[0].text: i.location for i in found if i.victims}
    taji = places["six soldiers"]
    assert taji is not None and taji.text == "Taji"  # not the dateline's Baghdad

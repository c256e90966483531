"""The actor registry and the resolve.actors stage: canonical ids, metonymy, persons, coreference."""

from __future__ import annotations

from typing import Any

import pycountry
import pytest

from docket.analysis import Analysis
from docket.knowledge.actors.registry import load_registry
from docket.nlp import stage as nlp_stage
from docket.pipeline import Context
from docket.resolve.actors import stage as actors
from docket.resolve.actors.coref import initials
from docket.resolve.actors.persons import clean_name, role_and_affiliation, slug
from docket.settings import Settings

# --- the registry (no model) -------------------------------------------------------------------


def test_registry_covers_every_iso_state_and_every_sovereign_state_has_a_capital() -> None:
    registry = load_registry()
    iso = {c.alpha_3 for c in pycountry.countries}
    states = {a.id: a for a in registry.actors.values() if a.type == "state"}
    assert iso <= set(states)
    sovereign = [a for a in states.values() if a.sovereign]
    assert len(sovereign) == 197  # 193 UN members, 2 observers, Taiwan, Kosovo
    assert all(a.capital for a in sovereign), [a.id for a in sovereign if not a.capital]
    assert all(a.demonyms for a in sovereign), [a.id for a in sovereign if not a.demonyms]
    with_capital = [a for a in states.values() if a.capital]
    assert len(with_capital) >= 240  # all but uninhabited entries (Antarctica, Bouvet Island, ...)


@pytest.mark.parametrize(
    ("name", "actor_id", "actor_type"),
    [
        ("Human Rights Watch", "hrw", "ngo"),
        ("HRW", "hrw", "ngo"),
        ("International Committee of the Red Cross", "icrc", "international_organisation"),
        ("Turkish", "TUR", "state"),
        ("Azerbaijani", "AZE", "state"),
        ("Baku", "AZE", "state"),
        ("Russia", "RUS", "state"),
        ("Russian Federation", "RUS", "state"),
        ("the Kremlin", "RUS", "state"),
        ("Daesh", "isis", "armed_group"),
        ("the Taliban", "taliban", "armed_group"),
        ("Ansar Allah", "houthis", "armed_group"),
        ("Reuters", "reuters", "media"),
        ("Kingston", "JAM", "state"),
    ],
)
def test_resolve_name(name: str, actor_id: str, actor_type: str) -> None:
    ref = actors.resolve_name(name)
    assert ref is not None and (ref.actor, ref.type) == (actor_id, actor_type)


def test_acronyms_only_match_in_their_own_case() -> None:
    assert actors.resolve_name("who") is None
    assert actors.resolve_name("WHO") is not None
    hits = load_registry().find("Who said the US was to blame? Ask us.")
    assert [(h.actor.id, h.kind) for h in hits] == [("USA", "name")]


def test_person_names_titles_and_affiliations() -> None:
    registry = load_registry()
    assert slug("Arayik Harutyunyan") == "arayik-harutyunyan"
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert clean_name("President Putin's") == "Putin"
    text = "data revealed this Thursday by Russian President Vladimir Putin some 2000 victims"
    start = text.index("Vladimir")
    assert role_and_affiliation(text, start, start + 14, registry) == ("President", "RUS")
    text = "meet the Secretary of State of the United States Mike Pompeo to discuss"
    start = text.index("Mike")
    assert role_and_affiliation(text, start, start + 11, registry) == ("Secretary of State", "USA")
    assert initials("Human Rights Watch") == "HRW"


# --- the stage over real parses ------------------------------------------------------------------


def analyse(nlp: Any, text: str) -> Analysis:
    analysis = Analysis(raw=text.encode(), text=text, language="en")
    context = Context(Settings())
    context.__dict__["nlp"] = nlp  # the session's model (Context.nlp is a cached property)
    nlp_stage.run(analysis, context)
    actors.run(analysis, context)
    return analysis


def ids_at(analysis: Analysis, quote: str) -> list[str | None]:
    return [a.actor for a in analysis.actors if a.text == quote]


@pytest.fixture(scope="module")
def founding(nlp: Any, founding_text: str) -> Analysis:
    return analyse(nlp, founding_text)


@pytest.mark.slow
def test_founding_article_capitals_stand_for_governments(founding: Analysis) -> None:
    for capital, state in (
        ("Baku", "AZE"),
        ("Yerevan", "ARM"),
        ("Moscow", "RUS"),
        ("Ankara", "TUR"),
    ):
        found = ids_at(founding, capital)
        assert found and set(found) == {state}, (capital, found)
    text = founding.text
    baku_attacked = text.index("Baku has attacked")
    assert actors.actor_at(founding, baku_attacked, baku_attacked + 4).actor == "AZE"  # type: ignore[union-attr]
    mediation = text.index("mediation of Moscow") + len("mediation of ")
    assert actors.actor_at(founding, mediation, mediation + 6).actor == "RUS"  # type: ignore[union-attr]


@pytest.mark.slow
def test_founding_article_human_rights_watch_and_its_references(founding: Analysis) -> None:
    for quote in ("Human Rights Watch", "HRW", "The organization", "The civil rights organization"):
        refs = [a for a in founding.actors if a.text == quote]
        assert refs and all((a.actor, a.type) == ("hrw", "ngo") for a in refs), quote
    start = founding.text.index("Human Rights Watch")
    mention = [m for m in founding.mentions if m.start == start]
    assert [(m.label, m.canonical) for m in mention] == [("organisation", "hrw")]
    its = founding.text.index("Its experts")
    assert actors.actor_at(founding, its, its + 3).actor == "hrw"  # type: ignore[union-attr]


@pytest.mark.slow
def test_founding_article_persons_states_and_organisations(founding: Analysis) -> None:
    putin = [a for a in founding.actors if a.actor == "vladimir-putin"]
    assert len(putin) >= 3  # "Vladimir Putin" and the later "Putin"s
    assert all(a.type == "person" and getattr(a, "affiliation", None) == "RUS" for a in putin)
    assert getattr(putin[0], "role", None) == "President"
    pompeo = [a for a in founding.actors if a.actor == "mike-pompeo"]
    assert pompeo and getattr(pompeo[0], "affiliation", None) == "USA"
    assert ids_at(founding, "Turkish") == ["TUR"]
    assert "AZE" in ids_at(founding, "Azerbaijani Army")
    assert ids_at(founding, "International Committee of the Red Cross") == ["icrc"]
    assert not [a for a in founding.actors if a.text in ("Stepanakert", "Upper Karabakh")]
    for actor in founding.actors:
        assert (
            actor.span is not None
            and founding.text[actor.span.start : actor.span.end] == actor.text
        )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "quote", "expected"),
    [
        ("Shelling hit Baku on Tuesday night.", "Baku", None),
        ("Residents fled the shelling in Baku.", "Baku", None),
        ("Baku said the strikes were legitimate.", "Baku", "AZE"),
        ("The talks between Moscow and Kyiv stalled again.", "Kyiv", "UKR"),
        ("The fighters were financed by Ankara, the report said.", "Ankara", "TUR"),
        ("Diplomats welcomed Moscow's mediation.", "Moscow", "RUS"),
        ("Azerbaijani forces shelled the town.", "Azerbaijani", "AZE"),
        ("Syrian refugees crossed the border.", "Syrian", None),
        ("Turkey denies it.", "Turkey", "TUR"),
        ("The pipeline runs from Azerbaijan to Georgia.", "Azerbaijan", None),
    ],
)
def test_metonymy_and_demonyms_follow_the_grammar(
    nlp: Any, sentence: str, quote: str, expected: str | None
) -> None:
    analysis = analyse(nlp, sentence)
    found = ids_at(analysis, quote)
    assert found == ([expected] if expected else []), (sentence, found)
    start = sentence.index(quote)
    labels = {m.label for m in analysis.mentions if m.start == start}
    assert ("actor" in labels) == (expected is not None or quote == "Syrian")


@pytest.mark.slow
def test_acronym_of_an_unknown_organisation_binds_to_its_long_name(nlp: Any) -> None:
    text = (
        "The Kivu Security Tracker Network said the attack killed nine people. "
        "KSTN researchers counted the bodies."
    )
    analysis = analyse(nlp, text)
    long_name = [a for a in analysis.actors if a.text.endswith("Network")]
    acronym = [a for a in analysis.actors if a.text == "KSTN"]
    assert long_name and acronym and acronym[0].actor == long_name[0].actor

"""The extract.claims stage: attribution (source, cue, content), stance, hedges, spans."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from docket.analysis import Analysis
from docket.extract import claims
from docket.extract.cues import load_lexicon, load_weights
from docket.pipeline import Context, default_stages
from docket.record import Claim, DocumentInfo, Incident, Span, content_hash
from docket.settings import Settings

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "contract" / "extraction.schema.json"
STANCES = {"asserts", "denies", "confirms", "retracts", "requests", "reports"}


def analyse(text: str, published: date | None = None) -> Analysis:
    """nlp, the resolve stages that exist, then extract.claims over ``text``."""
    analysis = Analysis(raw=text.encode("utf-8"), text=text, language="en", published=published)
    analysis.document = DocumentInfo(
        id=content_hash(analysis.raw), text=text, published=published, language="en"
    )
    context = Context(settings=Settings())
    for stage in default_stages():
        if (
            stage.name == "nlp"
            or stage.name.startswith("resolve.")
            or stage.name == "extract.claims"
        ):
            stage.run(analysis, context)
    return analysis


def spans_of(claim: Claim) -> list[Span]:
    return [s for s in (claim.span, claim.source.span, claim.cue_span, claim.content_span) if s]


def assert_offsets(analysis: Analysis) -> None:
    for claim in analysis.claims:
        for span in spans_of(claim):
            assert analysis.text[span.start : span.end] == span.quote


def test_lexicon_stances_are_the_contract_vocabulary() -> None:
    lexicon = load_lexicon()
    entries = [*lexicon.verbs.values(), *lexicon.phrases.values(), *lexicon.nouns.values()]
    assert {e.stance for e in entries} <= STANCES
    assert {"say", "deny", "confirm", "retract", "ask", "urge", "denounce", "document"} <= set(
        lexicon.verbs
    )
    assert "according to" in lexicon.phrases
    assert {"alleged", "reportedly", "may", "unverified"} <= lexicon.hedge_words


def test_learned_weights_are_shipped_with_their_record() -> None:
    weights = load_weights()
    assert weights is not None, "run python training/train_attribution.py"
    assert 0.0 < weights.threshold < 1.0
    said = weights.weight("say", "ccomp")
    assert said is not None and said[0] > weights.threshold


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "stance", "speaker", "cue"),
    [
        ('"We will win the vote," the senator said on Monday.', "asserts", "the senator", "said"),
        (
            "The ministry denied that its troops shelled the village.",
            "denies",
            "The ministry",
            "denied",
        ),
        (
            "According to police, three people died in the blast.",
            "asserts",
            "police",
            "According to",
        ),
        ("The governor urged residents to leave the city.", "requests", "The governor", "urged"),
        ("The army confirmed that two soldiers were killed.", "confirms", "The army", "confirmed"),
        (
            "The newspaper retracted its claim that the mayor lied.",
            "retracts",
            "The newspaper",
            "retracted",
        ),
    ],
)
def test_patterns(text: str, stance: str, speaker: str, cue: str) -> None:
    analysis = analyse(text)
    assert_offsets(analysis)
    found = [c for c in analysis.claims if c.cue and cue in c.cue]
    assert found, [c.cue for c in analysis.claims]
    assert found[0].stance == stance
    assert found[0].source.text == speaker
    assert found[0].content_span is not None


@pytest.mark.slow
def test_agentless_passive_reports_without_a_source_and_hedges() -> None:
    analysis = analyse("It was reported that the militia allegedly may have used mines.")
    (claim,) = analysis.claims
    assert claim.stance == "reports"
    assert claim.source.span is None and claim.source.actor is None
    assert {"allegedly", "may"} <= set(claim.hedges)


@pytest.mark.slow
def test_pronoun_object_stands_for_the_previous_proposition() -> None:
    analysis = analyse("Rebels shelled the airport on Sunday. The government denies it.")
    (claim,) = [c for c in analysis.claims if c.stance == "denies"]
    assert claim.content_span is not None
    assert "shelled the airport" in claim.content_span.quote


@pytest.mark.slow
def test_claims_link_incidents_whose_evidence_they_cover() -> None:
    text = "Witnesses said that a drone struck the market in the morning."
    analysis = Analysis(raw=text.encode(), text=text, language="en")
    context = Context(settings=Settings())
    from docket.nlp import stage as nlp_stage

    nlp_stage.run(analysis, context)
    start = text.index("a drone")
    analysis.incidents.append(
        Incident(id="inc-test", evidence=[Span.of(text, start, text.index(" in the morning"))])
    )
    claims.run(analysis, context)
    (claim,) = analysis.claims
    assert claim.about == ["inc-test"]
    assert analysis.incidents[0].claims == [claim.id]


# The founding article: the gold file's claims, checked by meaning (stance and speaker).


@pytest.fixture(scope="module")
def founding(founding_text: str) -> Analysis:
    return analyse(founding_text, published=date(2020, 10, 23))


def speaker(claim: Claim, actor: str, *words: str) -> bool:
    if claim.source.actor == actor:
        return True
    return any(w.lower() in claim.source.text.lower() for w in words)


def claims_of(analysis: Analysis, stance: str, actor: str, *words: str) -> list[Claim]:
    return [c for c in analysis.claims if c.stance == stance and speaker(c, actor, *words)]


@pytest.mark.slow
def test_founding_offsets_and_schema(founding: Analysis) -> None:
    assert_offsets(founding)
    if not SCHEMA.exists():
        pytest.skip(f"contract schema not found at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text("utf-8"))
    item = {**schema["properties"]["claims"]["items"], "$defs": schema["$defs"]}
    for claim in founding.claims:
        jsonschema.validate(claim.to_json(), item)


@pytest.mark.slow
def test_founding_hrw_asserts(founding: Analysis) -> None:
    found = claims_of(founding, "asserts", "hrw", "Human Rights Watch", "HRW", "organization")
    cues = " ".join(c.cue or "" for c in found)
    assert "denounced" in cues or "documented" in cues


@pytest.mark.slow
def test_founding_azerbaijan_asserts_it_was_attacked(founding: Analysis) -> None:
    found = [
        c for c in claims_of(founding, "asserts", "AZE", "Azerbaijan") if "report" in (c.cue or "")
    ]
    assert found and found[0].content_span is not None
    assert "cluster bomb attacks" in found[0].content_span.quote


@pytest.mark.slow
def test_founding_putin_asserts_the_death_toll(founding: Analysis) -> None:
    found = [
        c
        for c in claims_of(founding, "asserts", "vladimir-putin", "Putin")
        if c.content_span and "5000 deaths" in c.content_span.quote
    ]
    assert found
    assert found[0].cue and "according to" in found[0].cue.lower()


@pytest.mark.slow
def test_founding_turkey_denies(founding: Analysis) -> None:
    found = claims_of(founding, "denies", "TUR", "Turkey")
    assert found
    assert found[0].content_span is not None
    assert "Syrian mercenaries" in found[0].content_span.quote


@pytest.mark.slow
def test_founding_harutyunyan_requests(founding: Analysis) -> None:
    found = claims_of(founding, "requests", "arayik-harutyunyan", "Harutyunyan")
    assert found and found[0].content_span is not None
    assert "Putin to use all possible tools" in found[0].content_span.quote


def test_stage_declaration() -> None:
    stage: Any = claims.STAGE
    assert stage.name == "extract.claims"
    assert "claims" in stage.writes and "doc" in stage.reads


# Precision: events are not statements, events cannot speak, conjuncts in relative clauses.


@pytest.mark.slow
def test_an_event_verb_with_a_physical_object_is_not_a_cue() -> None:
    analysis = analyse("The militia has attacked residential areas of the town with rockets.")
    assert not [c for c in analysis.claims if c.cue and "attack" in c.cue]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The hostilities have already claimed about 300 deaths.",
        "The truces agreed in the region have remained on paper.",
    ],
)
def test_an_event_noun_cannot_be_a_source(text: str) -> None:
    analysis = analyse(text)
    assert [c.source.text for c in analysis.claims] == []


@pytest.mark.slow
def test_a_conjunct_in_a_relative_clause_reports_for_the_main_subject() -> None:
    analysis = analyse(
        "The commission has documented dozens of cases in which the army has shelled villages "
        "and confirms the reports of the local officials."
    )
    (claim,) = [c for c in analysis.claims if c.stance == "confirms"]
    assert claim.source.text == "The commission"
    assert claim.content_span is not None
    assert "the reports of the local officials" in claim.content_span.quote


@pytest.mark.slow
def test_founding_hrw_confirms_and_no_event_claims(founding: Analysis) -> None:
    confirms = claims_of(founding, "confirms", "hrw", "organization")
    assert confirms and confirms[0].content_span is not None
    assert "complaints of the authorities" in confirms[0].content_span.quote
    assert not [c for c in founding.claims if c.cue and "attacked" in c.cue]
    sources = " ".join(c.source.text.lower() for c in founding.claims)
    assert "hostilities" not in sources and "truces" not in sources


@pytest.mark.slow
def test_an_infinitive_of_what_a_state_might_do_is_no_claim() -> None:
    analysis = analyse(
        "Observers fear the war will draw Russia in support of Armenia and Turkey to back "
        "Azerbaijan. The minister refused to comment on the report."
    )
    assert not [c for c in analysis.claims if c.cue and "back" in c.cue]
    assert [c for c in analysis.claims if c.source.text == "The minister"]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # the speaker after the cue
        (
            '"The risk is high," said Edward Leamer, an economist at the university.',
            "Edward Leamer",
            "The risk is high",
        ),
        (
            "Clevelanders get nervous about the convention, said Christine Link, a director.",
            "Christine Link",
            "Clevelanders get nervous about the convention",
        ),
        # a cue with no complement: the quotation before it, the words its sentence opens with
        (
            '"We will win this state by a lot," Trump tweeted.',
            "Trump",
            "We will win this state by a lot",
        ),
        ("Clinton offered a debate in Brooklyn. Sorry, Sanders said.", "Sanders", "Sorry"),
    ],
)
def test_a_quotation_or_an_inversion_is_the_content_of_a_bare_cue(
    text: str, source: str, content: str
) -> None:
    analysis = analyse(text)
    found = {
        (c.source.text, c.content_span.quote if c.content_span else None) for c in analysis.claims
    }
    assert any(s.startswith(source) and c == content for s, c in found), found
    assert_offsets(analysis)


def test_a_speaker_named_after_the_cue_is_not_the_subject_of_what_follows() -> None:
    analysis = analyse("Chris Covert, the state director, said the campaign has opened an office.")
    assert [c.source.text for c in analysis.claims] == ["Chris Covert, the state director"]


def test_a_gerund_under_a_preposition_reports_for_the_clause_subject() -> None:
    analysis = analyse("The senator ended the debate by saying that the bill would pass.")
    sources = {c.cue: c.source.text for c in analysis.claims}
    assert sources.get("saying") == "The senator"

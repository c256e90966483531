"""State names in one place (knowledge/actors/states.tsv): the judge's treaty lookup and
explanations and the actor registry read the same rows."""

from __future__ import annotations

from docket.judge.states import aliases, iso3, name, short_names
from docket.knowledge.actors.registry import state_actors
from docket.knowledge.actors.states import states


def test_every_state_appears_once_with_a_code():
    codes = [row.iso3 for row in states()]
    assert len(codes) == len(set(codes)) == 197
    assert all(len(c) == 3 and c.isupper() for c in codes)


def test_the_judge_reads_its_names_from_the_table():
    table = {row.iso3: row for row in states()}
    assert aliases() == {n.upper(): c for c, r in table.items() for n in r.lookup_names}
    assert short_names() == {c: r.short_name for c, r in table.items() if r.short_name}
    # the names the judge held before the table
    assert len(aliases()) == 35 and len(short_names()) == 25
    assert aliases()["ENGLAND"] == "GBR" and aliases()["CONGO"] == "COG"
    assert iso3("UK") == "GBR" and name("GBR") == "the United Kingdom" and name("TUR") == "Türkiye"


def test_the_registry_reads_its_state_names_from_the_table():
    actors = state_actors()
    for row in states():
        actor = actors[row.iso3]
        assert actor.sovereign and actor.demonyms == row.demonyms
        assert set(row.common_names) <= {actor.name, *actor.aliases}

"""The record store, on SQLite and PostgreSQL: what is saved comes back unchanged, once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

from docket.errors import DocketError
from docket.record import (
    ActorRef,
    Claim,
    DocumentInfo,
    Extraction,
    Figure,
    Incident,
    Mention,
    Number,
    Perpetrator,
    PlaceRef,
    Span,
    Weapon,
    When,
    content_hash,
    record_id,
)
from docket.settings import Settings
from docket.store import IncidentFilter, Store, open_store
from store_strategies import extractions

pytest_plugins = ["store_fixtures"]


def as_stored(extraction: Extraction, back: Extraction) -> Extraction:
    """The extraction as the store keeps it: ingested_at is filled in at save time when absent."""
    if extraction.document.ingested_at is not None:
        return extraction
    document = extraction.document.model_copy(update={"ingested_at": back.document.ingested_at})
    return extraction.model_copy(update={"document": document})


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=extractions())
def test_saved_extraction_reads_back_unchanged(
    store: Store, drawn: tuple[Extraction, bytes]
) -> None:
    extraction, raw = drawn
    assert store.save(extraction, raw, "drawn.txt") is True
    back = store.extraction(extraction.document.id)
    expected = as_stored(extraction, back)
    assert back == expected
    assert back.to_json() == expected.to_json()
    assert back.document.ingested_at is not None and back.document.ingested_at.tzinfo is not None
    assert store.raw(extraction.document.id) == raw


# -- a small realistic document ---------------------------------------------------------------

TEXT_1 = (
    "Human Rights Watch said cluster munitions struck residential areas of Stepanakert on "
    "4 October 2020, killing two civilians. Azerbaijan denied the allegations."
)


def _extraction(
    text: str = TEXT_1, title: str = "Cluster munitions in Nagorno-Karabakh", **doc: Any
) -> tuple[Extraction, bytes]:
    """The document; when it is the HRW report, with an incident, a denial and a figure."""
    raw = text.encode()
    doc_id = content_hash(raw)
    document = DocumentInfo(
        id=doc_id,
        text=text,
        title=title,
        language="en",
        published=date(2020, 10, 23),
        outlet="HRW",
        **doc,
    )
    if "cluster munitions" not in text:
        return Extraction(document=document), raw
    start = text.index("cluster munitions")
    incident = Incident(
        id=record_id("inc", doc_id, start),
        category="explosive_weapon_attack",
        weapons=[
            Weapon(
                text="cluster munitions",
                weapon_class="cluster_munition",
                span=Span.of(text, start, start + 17),
            )
        ],
        perpetrators=[Perpetrator(text="Azerbaijan", actor="AZE", type="state")],
        location=PlaceRef(
            text="Stepanakert",
            name="Stepanakert",
            gazetteer_id="174979",
            lat=39.8177,
            lon=46.7528,
            country="AZ",
            precision="town",
        ),
        when=When(precision="day", start=date(2020, 10, 4), end=date(2020, 10, 4)),
        killed=Number(best=2, qualifier="exact", text="two"),
    )
    denial = text.index("Azerbaijan denied")
    claim = Claim(
        id=record_id("clm", doc_id, denial),
        source=ActorRef(text="Azerbaijan", actor="AZE", type="state"),
        stance="denies",
        about=[incident.id],
        span=Span.of(text, denial, len(text)),
    )
    incident = incident.model_copy(update={"claims": [claim.id]})
    figure = Figure(measure="killed", value=Number(best=2), span=Span.of(text, start, start + 10))
    mentions = [
        Mention(start=0, end=18, quote=text[0:18], label="organisation", canonical="hrw"),
        Mention(**Span.of(text, denial, denial + 10).model_dump(), label="actor", canonical="AZE"),
    ]
    extraction = Extraction(
        document=document,
        incidents=[incident],
        claims=[claim],
        figures=[figure],
        mentions=mentions,
    )
    return extraction, raw


def test_saving_twice_adds_nothing(store: Store) -> None:
    extraction, raw = _extraction()
    assert store.save(extraction, raw, "hrw.txt") is True
    before = store.counts()
    assert before == {"documents": 1, "mentions": 2, "incidents": 1, "claims": 1, "figures": 1}
    assert store.has_document(extraction.document.id)

    assert store.save(extraction, raw, "hrw-again.txt") is False
    assert store.counts() == before
    assert [entry.action for entry in store.audit_log()] == ["ingest"]
    assert store.audit_log()[0].detail == {
        "source": "hrw.txt",
        "mentions": 2,
        "incidents": 1,
        "claims": 1,
        "figures": 1,
    }


def test_raw_bytes_must_be_the_documents_source(store: Store) -> None:
    extraction, _ = _extraction()
    with pytest.raises(ValueError, match="SHA-256"):
        store.save(extraction, b"some other bytes", "x.txt")
    assert store.counts()["documents"] == 0


def test_near_duplicate_points_to_a_stored_origin(store: Store) -> None:
    original, raw = _extraction()
    copy, copy_raw = _extraction(TEXT_1 + " (syndicated)", origin=original.document.id)
    with pytest.raises(DocketError) as caught:
        store.save(copy, copy_raw, "copy.txt")
    assert caught.value.code == "E012"
    assert store.save(original, raw, "original.txt")
    assert store.save(copy, copy_raw, "copy.txt")
    assert store.document(copy.document.id).origin == original.document.id


def test_full_text_search_finds_words_of_text_and_title(store: Store) -> None:
    first, raw = _extraction()
    other_text = "Shelling of Ganja damaged a school and a hospital, officials in Baku said."
    second, raw2 = _extraction(other_text, title="Ganja shelled")
    store.save(first, raw, "a.txt")
    store.save(second, raw2, "b.txt")

    found = store.search_documents("civilians")
    assert [hit.id for hit in found] == [first.document.id]
    assert "[civilians]" in found[0].snippet
    assert found[0].title == "Cluster munitions in Nagorno-Karabakh"
    assert found[0].published == date(2020, 10, 23)
    # stemming: "hospitals" finds "hospital"; words of the title count too
    assert [hit.id for hit in store.search_documents("hospitals")] == [second.document.id]
    assert [hit.id for hit in store.search_documents("Ganja shelled")] == [second.document.id]
    assert store.search_documents("Ganja civilians") == []  # every word must occur
    assert store.search_documents("zeppelin") == []
    # search syntax typed by a user is taken as words, never an error
    assert store.search_documents('"Azerbaijan (denied* -') != []
    listed = store.search_documents(None)
    assert {hit.id for hit in listed} == {first.document.id, second.document.id}
    assert listed[0].id == second.document.id  # newest first
    assert len(store.search_documents(None, limit=1, offset=1)) == 1


def test_id_prefix_resolves_to_the_document(store: Store) -> None:
    extraction, raw = _extraction()
    store.save(extraction, raw, "a.txt")
    doc_id = extraction.document.id
    assert store.resolve_id(doc_id[:8]) == doc_id
    assert store.resolve_id(doc_id[:12].upper()) == doc_id
    for bad in (doc_id[:7], "zzzzzzzz", "0" * 8 if not doc_id.startswith("0" * 8) else "f" * 8):
        with pytest.raises(DocketError) as caught:
            store.resolve_id(bad)
        assert caught.value.code == "E012"


def test_incidents_with_sources_filters_and_claims(store: Store) -> None:
    extraction, raw = _extraction()
    store.save(extraction, raw, "a.txt")
    incident = extraction.incidents[0]

    [stored] = store.incidents()
    assert stored.incident == incident
    assert [source.id for source in stored.sources] == [extraction.document.id]
    assert stored.sources[0].title == "Cluster munitions in Nagorno-Karabakh"
    as_json = stored.to_json()
    assert as_json["id"] == incident.id and as_json["weapons"][0]["class"] == "cluster_munition"
    assert as_json["sources"][0]["id"] == extraction.document.id

    assert store.incidents(IncidentFilter(category="explosive_weapon_attack")) == [stored]
    assert store.incidents(IncidentFilter(category="riot")) == []
    assert store.incidents(IncidentFilter(country="az")) == [stored]
    assert store.incidents(IncidentFilter(since=date(2020, 10, 4), until=date(2020, 10, 4))) == [
        stored
    ]
    assert store.incidents(IncidentFilter(since=date(2020, 10, 5))) == []
    assert store.incidents(IncidentFilter(document=extraction.document.id)) == [stored]
    assert store.incidents(offset=1) == []
    assert store.incident(incident.id) == stored
    assert store.claims_for(incident.id) == extraction.claims
    with pytest.raises(DocketError) as caught:
        store.incident("inc-unknown")
    assert caught.value.code == "E019"


def test_an_incident_read_again_gains_a_source(store: Store) -> None:
    first, raw = _extraction()
    second, raw2 = _extraction(TEXT_1 + " Updated.")
    shared = second.model_copy(update={"incidents": first.incidents, "claims": []})
    store.save(first, raw, "a.txt")
    store.save(shared, raw2, "b.txt")
    [stored] = store.incidents()
    assert {source.id for source in stored.sources} == {first.document.id, second.document.id}
    assert store.extraction(second.document.id).incidents == first.incidents


def test_revisions_append_and_history_lists_them(store: Store) -> None:
    extraction, raw = _extraction()
    store.save(extraction, raw, "a.txt")
    incident = extraction.incidents[0]

    assert store.revise("incident", incident.id, "accept", None, "ana", "checked the source") == 2
    edited = incident.model_copy(update={"category": "shelling_or_artillery"}).to_json()
    assert store.revise("incident", incident.id, "edit", edited, "ben", "rockets, not shells") == 3

    history = store.history(incident.id)
    assert [(r.revision, r.action, r.author) for r in history] == [
        (1, "create", "docket"),
        (2, "accept", "ana"),
        (3, "edit", "ben"),
    ]
    assert history[0].data == incident.to_json()  # the first version is still there
    assert history[2].data == edited
    current = store.incident(incident.id)
    assert current.incident.category == "shelling_or_artillery"
    assert (current.revision, current.status) == (3, "edited")
    assert store.incidents(IncidentFilter(category="shelling_or_artillery")) == [current]
    assert [e.action for e in store.audit_log(limit=2)] == ["edit", "accept"]

    for args, code in [
        (("incident", incident.id, "approve", None, "ana", None), "E020"),
        (("incident", "inc-nope", "accept", None, "ana", None), "E019"),
        (
            ("incident", incident.id, "edit", {"id": incident.id, "category": "x"}, "ana", None),
            "E054",
        ),
        (("incident", incident.id, "edit", {**edited, "id": "inc-other"}, "ana", None), "E020"),
    ]:
        with pytest.raises(DocketError) as caught:
            store.revise(*args)
        assert caught.value.code == code
    assert len(store.history(incident.id)) == 3

    claim = extraction.claims[0]
    assert store.revise("claim", claim.id, "reject", None, "ana", "not about this") == 2
    machine, rejected = store.history(claim.id)
    assert (machine.revision, machine.action, machine.author) == (1, "create", "docket")
    assert machine.data == claim.to_json() and rejected.action == "reject"


def test_audit_log_newest_first(store: Store) -> None:
    store.audit("ana", "login")
    store.audit("ben", "export", "incidents.jsonl", {"rows": 3})
    entries = store.audit_log()
    assert [(e.who, e.action, e.target, e.detail) for e in entries] == [
        ("ben", "export", "incidents.jsonl", {"rows": 3}),
        ("ana", "login", None, None),
    ]
    assert entries[0].at.tzinfo is not None


def test_check_finds_tampered_missing_and_incomplete(
    store: Store, store_settings: Settings
) -> None:
    first, raw = _extraction()
    second, raw2 = _extraction("Another report on Martuni.", title="Martuni")
    store.save(first, raw, "a.txt")
    store.save(second, raw2, "b.txt")
    assert store.check() == []

    path = store.archive.path(first.document.id)
    path.chmod(0o644)
    path.write_bytes(raw.replace(b"two", b"ten"))
    os.remove(store.archive.path(second.document.id))
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("DELETE FROM mentions WHERE document_id = :id"), {"id": first.document.id}
        )

    problems = store.check()
    assert sorted(p.code for p in problems) == ["E010", "E011", "E022"]
    with pytest.raises(DocketError) as caught:
        store.raw(first.document.id)
    assert caught.value.code == "E010"


def test_unknown_document(store: Store) -> None:
    for call in (store.extraction, store.document):
        with pytest.raises(DocketError) as caught:
            call("0" * 64)
        assert caught.value.code == "E012"


def test_unreachable_database_is_e013_without_password(tmp_path: Any) -> None:
    url = "postgresql+psycopg://docket:s3cret-pw@127.0.0.1:1/docket"
    with pytest.raises(DocketError) as caught:
        open_store(Settings(data_dir=tmp_path, database_url=url))
    assert caught.value.code == "E013"
    assert "s3cret-pw" not in str(caught.value)
    assert "127.0.0.1:1" in str(caught.value)


def test_sqlite_store_is_one_wal_file_with_foreign_keys(tmp_path: Any) -> None:
    settings = Settings(data_dir=tmp_path / "new" / "data")
    with open_store(settings) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert (tmp_path / "new" / "data" / "docket.db").is_file()


def _writer_script(url: str, data_dir: str) -> str:
    return textwrap.dedent(
        f"""
        from docket.record import DocumentInfo, Extraction, Mention, content_hash
        from docket.settings import Settings
        from docket.store import open_store

        store = open_store(Settings(data_dir={data_dir!r}, database_url={url!r}))
        for n in range(100000):
            text = f"Report {{n}}: " + "shelling hit the town again. " * 40
            raw = text.encode()
            doc_id = content_hash(raw)
            mentions = [
                Mention(start=i, end=i + 8, quote=text[i:i + 8], label="other")
                for i in range(0, len(text) - 8, 3)
            ]
            store.save(Extraction(document=DocumentInfo(id=doc_id, text=text), mentions=mentions),
                       raw, "batch")
            print(n, flush=True)
        """
    )


def test_kill_9_midway_leaves_only_whole_documents(store: Store, store_settings: Settings) -> None:
    script = _writer_script(store_settings.resolved_database_url, str(store_settings.data_dir))
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    for _ in range(3):  # let a few documents commit, then kill it in the middle of the next
        writer.stdout.readline()
    time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    counts = store.counts()
    assert counts["documents"] >= 3
    assert store.check() == []
    for summary in store.search_documents(None, limit=1000):
        extraction = store.extraction(summary.id)
        assert len(extraction.mentions) == len(range(0, len(extraction.document.text) - 8, 3))


def test_concurrent_writers_each_document_stored_once(store: Store) -> None:
    drafts = [
        _extraction(f"Report {n} on shelling near Martuni.", title=f"r{n}") for n in range(12)
    ]
    jobs = drafts + drafts  # every document offered twice, by different threads
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: store.save(job[0], job[1], "t.txt"), jobs))
    assert sum(results) == len(drafts)
    assert store.counts()["documents"] == len(drafts)
    assert [e.action for e in store.audit_log(limit=100)].count("ingest") == len(drafts)
    assert store.check() == []


def test_nul_characters_are_refused_on_every_backend(store: Store) -> None:
    extraction, raw = _extraction("A report\x00 with a NUL inside.")
    with pytest.raises(DocketError) as caught:
        store.save(extraction, raw, "nul.txt")
    assert caught.value.code == "E004"
    assert store.counts()["documents"] == 0

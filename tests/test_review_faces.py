"""One merge and one split for every face: the CLI, the JSON API and the web review form leave the
same store, and a merged incident keeps the sources, claims, date, toll and evidence of both.

The same small store (hand-built extractions, no model) is built once per face; the same pair is
merged through each, and the stores are compared: every incident's JSON, sources, claims and
status, and the link table's report -> incident map.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from docket import review
from docket.accounts import Accounts
from docket.faces.api import create_app
from docket.faces.cli import build_cli
from docket.record import Number, When
from docket.settings import Settings
from docket.store import open_store
from linking_helpers import MARTUNI, claim_spec, extraction, filler, incident

DATED_TEXT = "Cluster munitions hit Stepanakert on 4 October 2020, killing 2 civilians. "
FRAGMENT_TEXT = "Azerbaijani forces used cluster munitions, a witness said. "
ANALYST = "analyst1"
PASSWORD = "pw-analyst"


def _documents() -> list[tuple[Any, bytes]]:
    """A dated report with a toll, an undated fragment of the same attack, and an unrelated one."""
    return [
        extraction(
            DATED_TEXT + filler("dated"),
            [incident(killed=Number(best=2, low=2, high=2, qualifier="exact", text="2"))],
            [claim_spec("hrw", "ngo", "asserts", DATED_TEXT.strip())],
        ),
        extraction(
            FRAGMENT_TEXT + filler("fragment"),
            [incident(when=When(), location=None)],
            [claim_spec(None, None, "asserts", FRAGMENT_TEXT.strip())],
        ),
        extraction("Martuni was shelled. " + filler("other"), [incident(location=MARTUNI)]),
    ]


def _with_evidence(ext: Any, text: str) -> Any:
    """The extraction with its incident's evidence: the first sentence of ``text``."""
    sentence = text.strip()
    start = ext.document.text.index(sentence)
    from docket.record import Span

    span = Span.of(ext.document.text, start, start + len(sentence))
    return ext.model_copy(
        update={"incidents": [i.model_copy(update={"evidence": [span]}) for i in ext.incidents]}
    )


@pytest.fixture
def ids() -> dict[str, str]:
    docs = _documents()
    return {
        "dated": docs[0][0].incidents[0].id,
        "fragment": docs[1][0].incidents[0].id,
        "dated_doc": docs[0][0].document.id,
        "fragment_doc": docs[1][0].document.id,
        "dated_claim": docs[0][0].claims[0].id,
        "fragment_claim": docs[1][0].claims[0].id,
    }


def _build(data_dir: Path) -> Settings:
    """The store, saved and linked as ingest does, with an analyst account."""
    settings = Settings(data_dir=data_dir)
    with open_store(settings) as store:
        for (ext, raw), text in zip(_documents(), (DATED_TEXT, FRAGMENT_TEXT, None), strict=True):
            if text is not None:
                ext = _with_evidence(ext, text)
            assert store.save_linked(ext, raw, "test")
        Accounts(store).add(ANALYST, "analyst", PASSWORD, by="test")
    return settings


def _snapshot(settings: Settings) -> dict[str, Any]:
    """What the store holds for the comparison (timestamps left out)."""
    with open_store(settings) as store:
        incidents = {}
        reports = store.report_links()  # every incident is a report of its document
        assert len(reports) == len(store.incidents(limit=1000))  # merged ones included
        for stored in map(store.incident, sorted(reports)):
            data = stored.incident.to_json()
            for key in ("created_at", "updated_at", "linked_at"):
                data.pop(key, None)
            incidents[stored.incident.id] = {
                "data": json.dumps(data, sort_keys=True),
                "sources": sorted(s.id for s in stored.sources),
                "claims": sorted(c.id for c in store.claims_for(stored.incident.id)),
                "status": stored.status,
                "history": [
                    (h.action, h.author) for h in store.history(stored.incident.id, "incident")
                ],
            }
        return {"incidents": incidents, "reports": reports}


# -- the three faces ---------------------------------------------------------------------------


def _cli(settings: Settings, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    monkeypatch.setenv("DOCKET_DATA_DIR", str(settings.data_dir))
    url = f"sqlite:///{settings.data_dir / 'docket.db'}"
    out = CliRunner().invoke(
        build_cli(), ["incidents", *args, "--author", ANALYST, "--database", url]
    )
    assert out.exit_code == 0, out.output


@pytest.fixture
def client_of() -> Iterator[Callable[[Settings], TestClient]]:
    """An app with login required over a store; closed after the test."""
    opened: list[TestClient] = []

    def make(settings: Settings) -> TestClient:
        client = TestClient(create_app(settings, local=False))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def _api(client: TestClient, settings: Settings, record_id: str, **body: Any) -> dict[str, Any]:
    with open_store(settings) as store:
        token = Accounts(store).make_token(ANALYST, by="test")
    response = client.post(
        f"/api/review/incident/{record_id}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _web(client: TestClient, record_id: str, **form: str) -> None:
    if client.get("/api/auth/me").json()["name"] != ANALYST:
        page = client.get("/login")
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        login = client.post(
            "/login",
            data={"name": ANALYST, "password": PASSWORD, "csrf": csrf, "next": "/review"},
            follow_redirects=False,
        )
        assert login.status_code == 303
    csrf = client.get("/api/auth/me").json()["csrf"]
    done = client.post(
        f"/review/incident/{record_id}",
        data={**form, "csrf": csrf, "back": "/review"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text


# -- the tests ---------------------------------------------------------------------------------


def test_merge_and_split_leave_the_same_store_through_every_face(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    client_of: Callable[[Settings], TestClient],
    ids: dict[str, str],
) -> None:
    dated, fragment = ids["dated"], ids["fragment"]
    cli, api, web = (_build(tmp_path / face) for face in ("cli", "api", "web"))
    before = _snapshot(cli)
    assert before["reports"] == {i: i for i in before["incidents"]}  # nothing linked by itself
    assert _snapshot(api) == before == _snapshot(web)

    # merge the dated report with its toll into the undated fragment (the fragment's id is kept)
    _cli(cli, monkeypatch, "merge", fragment, dated, "--reason", "same attack")
    written = _api(client_of(api), api, dated, action="merge", into=fragment, reason="same attack")
    assert len(written["revisions"]) == 2
    _web(client_of(web), dated, action="merge", into=fragment, reason="same attack")
    merged = _snapshot(cli)
    assert _snapshot(api) == merged
    assert _snapshot(web) == merged

    kept = merged["incidents"][fragment]
    record = json.loads(kept["data"])
    assert kept["sources"] == sorted([ids["dated_doc"], ids["fragment_doc"]])
    assert kept["claims"] == sorted([ids["dated_claim"], ids["fragment_claim"]])
    assert kept["status"] != "merged" and "merged_into" not in record
    assert record["when"]["start"] == "2020-10-04" and record["killed"]["best"] == 2
    assert sorted(r["id"] for r in record["reports"]) == sorted([dated, fragment])
    quotes = {e["quote"] for e in record["evidence"]}
    assert quotes == {DATED_TEXT.strip(), FRAGMENT_TEXT.strip()}
    other = next(e for e in record["evidence"] if e["quote"] == DATED_TEXT.strip())
    assert other["document"] == ids["dated_doc"]  # the span is an offset into that document
    absorbed = merged["incidents"][dated]
    assert absorbed["status"] == "merged"
    assert json.loads(absorbed["data"])["merged_into"] == fragment
    assert merged["reports"][dated] == merged["reports"][fragment] == fragment

    # split: by report (CLI), on the incident merged away (API), on the one kept (web)
    _cli(cli, monkeypatch, "split", fragment, "--report", dated, "--reason", "not one")
    _api(client_of(api), api, dated, action="split", reason="not one")
    _web(client_of(web), fragment, action="split", into=dated, reason="not one")
    parted = _snapshot(cli)
    assert _snapshot(api) == parted
    assert _snapshot(web) == parted
    assert parted["reports"] == before["reports"]
    back = json.loads(parted["incidents"][dated]["data"])
    assert "merged_into" not in back and back["killed"]["best"] == 2
    assert parted["incidents"][dated]["sources"] == [ids["dated_doc"]]
    assert parted["incidents"][dated]["status"] == "split"
    alone = json.loads(parted["incidents"][fragment]["data"])
    assert "reports" not in alone and alone["when"].get("start") is None
    assert parted["incidents"][fragment]["sources"] == [ids["fragment_doc"]]


def test_the_date_and_toll_survive_whichever_id_is_kept(
    tmp_path: Path, ids: dict[str, str]
) -> None:
    kept_ids = []
    for kept, absorbed in ((ids["fragment"], ids["dated"]), (ids["dated"], ids["fragment"])):
        settings = _build(tmp_path / kept)
        with open_store(settings) as store:
            done = store.merge_incidents(kept, absorbed, ANALYST, "same attack")
            record = store.incident(done.kept)
        assert done.kept == kept and done.absorbed == [absorbed]
        assert record.incident.when.start == date(2020, 10, 4)
        assert record.incident.killed is not None and record.incident.killed.best == 2
        assert len(record.sources) == 2 and len(record.incident.evidence) == 2
        assert record.incident.location is not None  # the fragment has none; the dated one does
        kept_ids.append(record.incident.id)
    assert kept_ids == [ids["fragment"], ids["dated"]]


def test_a_split_needs_to_know_which_side(tmp_path: Path, ids: dict[str, str]) -> None:
    from docket.errors import DocketError

    settings = _build(tmp_path / "s")
    with open_store(settings) as store:
        with pytest.raises(DocketError, match="not merged into another incident"):
            review.review(store, "incident", ids["fragment"], "split", ANALYST)
        review.review(store, "incident", ids["dated"], "merge", ANALYST, into=ids["fragment"])
        with pytest.raises(DocketError, match="already one incident"):
            store.merge_incidents(ids["fragment"], ids["dated"], ANALYST)
        numbers = review.review(store, "incident", ids["dated"], "split", ANALYST)
        assert len(numbers) == 2
        assert store.report_links()[ids["dated"]] == ids["dated"]

"""The analyst's desk without a browser: the review queue's grouping and suggested duplicates,
setting a place from the gazetteer (with its audit entry), list fields typed as text, a hand-set
point that drops the old gazetteer id, live records only, and a timeline that leaves nothing out.
On SQLite and (with DOCKET_TEST_POSTGRES_URL) PostgreSQL, over the real store and API."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from httpx import Response

from docket import review
from docket.record import DocumentInfo, Extraction, Incident, PlaceRef, Span, content_hash
from docket.settings import Settings
from docket.store import open_store

pytest_plugins = ["api_fixtures"]

FRAGMENTS = (
    "An air strike hit the market in Mosul on Tuesday. Civilians in the Mosul market were "
    "killed in the attack, medics said."
)


def _post(client: TestClient, path: str, json: dict[str, Any]) -> Response:
    """A write from the local browser, with its CSRF token."""
    csrf = client.get("/api/auth/me").json()["csrf"]
    return client.post(path, json=json, headers={"X-CSRF-Token": csrf})


def _fragments() -> Extraction:
    """One report read as two incidents at one place, neither dated: fragments of one attack."""
    text = FRAGMENTS

    def span(quote: str) -> Span:
        start = text.index(quote)
        return Span(start=start, end=start + len(quote), quote=quote)

    mosul = {"text": "Mosul", "name": "Mosul", "gazetteer_id": "geonames:99072",
             "precision": "town", "lat": 36.335, "lon": 43.119, "country": "IQ"}  # fmt: skip
    strike = Incident(id="inc-mosul-strike", category="air_or_drone_strike",
                      location=PlaceRef(**mosul, span=span("Mosul")),
                      evidence=[span("An air strike hit the market in Mosul")])  # fmt: skip
    killed = Incident(id="inc-mosul-killed", category="attack_on_civilians",
                      location=PlaceRef(**mosul), evidence=[span("Civilians in the Mosul market")])  # fmt: skip
    info = DocumentInfo(id=content_hash(text.encode()), text=text, title="Mosul market",
                        language="en")  # fmt: skip
    return Extraction(document=info, incidents=[strike, killed])


def test_queue_groups_by_document_and_pairs_fragments(filled_settings: Settings) -> None:
    with open_store(filled_settings) as store:
        fragments = _fragments()
        store.save(fragments, fragments.document.text.encode(), "test")
        queue = store.review_queue()
        assert queue.total == queue.shown == 5
        groups = {g.document.id if g.document else None: g for g in queue.groups}
        assert len(groups) == 3  # Karabakh, Kharkiv, Mosul
        for document_id, group in groups.items():
            assert all(item.sources[0].id == document_id for item in group.items)
        mosul = groups[fragments.document.id]
        assert {i.incident.id for i in mosul.items} == {"inc-mosul-strike", "inc-mosul-killed"}
        # the Mosul fragments are suggested; Stepanakert and Ganja (one report, about 100 km
        # apart, other weapons) are not
        pairs = [{p.first.incident.id, p.second.incident.id} for p in queue.pairs]
        assert pairs == [{"inc-mosul-strike", "inc-mosul-killed"}]
        pair = queue.pairs[0]
        assert "both from one report, neither dated" in pair.reasons

        kept, merged = pair.first.incident.id, pair.second.incident.id
        review.review(store, "incident", merged, "merge", "ana", into=kept)
        after = store.review_queue()
        assert after.pairs == [] and after.total == 4
        assert store.incident(merged).status == "merged"


def test_place_from_the_gazetteer_is_stored_with_its_audit_entry(local_client: TestClient) -> None:
    choices = local_client.get("/api/places/search?q=Kabul&country=AF").json()
    town = next(c for c in choices if c["kind"] == "city")
    assert town["name"] == "Kabul" and town["admin"] == "Kabul, Afghanistan"
    assert town["precision"] == "town"
    before = local_client.get("/api/incidents/inc-kharkiv").json()["location"]

    body = {"action": "place", "value": town["id"], "reason": "wrong city"}
    assert _post(local_client, "/api/review/incident/inc-kharkiv", json=body).status_code == 200
    place = local_client.get("/api/incidents/inc-kharkiv").json()["location"]
    assert place["name"] == "Kabul" and place["gazetteer_id"] == town["id"]
    assert (place["lat"], place["lon"]) == (town["lat"], town["lon"])
    assert place["country"] == "AF" and place["precision"] == "town"
    assert place["text"] == before["text"] and place["span"] == before["span"]  # the quote stays
    entry = local_client.get("/api/audit").json()[0]
    assert entry["action"] == "edit" and entry["target"] == "inc-kharkiv"
    assert entry["detail"]["place"] == town["id"] and entry["detail"]["reason"] == "wrong city"

    unknown = {"action": "place", "value": "geonames:0"}
    response = _post(local_client, "/api/review/incident/inc-kharkiv", json=unknown)
    assert response.status_code == 404 and response.json()["error"]["code"] == "E090"
    history = local_client.get("/api/incidents/inc-kharkiv/history").json()
    assert [r["action"] for r in history] == ["create", "edit"]  # nothing more written


def test_a_hand_set_point_drops_the_gazetteer_entry(local_client: TestClient) -> None:
    body = {"action": "edit", "field": "location.lat", "value": 50.1}
    assert _post(local_client, "/api/review/incident/inc-kharkiv", json=body).status_code == 200
    place = local_client.get("/api/incidents/inc-kharkiv").json()["location"]
    assert place["lat"] == 50.1 and place["lon"] == 36.2304
    assert place["gazetteer_id"] is None and place["name"] is None
    assert place["precision"] == "point"


def test_list_fields_typed_as_text_keep_what_they_name(filled_settings: Settings) -> None:
    with open_store(filled_settings) as store:
        data = store.record_data("incident", "inc-stepanakert")
        value = review.form_value(
            "perpetrators", "Azerbaijan (confirmed); Islamic State (claimed_responsibility)", data
        )
        review.review(store, "incident", "inc-stepanakert", "edit", "ana",
                      field="perpetrators", value=value)  # fmt: skip
        found = store.incident("inc-stepanakert").incident.perpetrators
    assert [(p.text, p.status) for p in found] == [
        ("Azerbaijan", "confirmed"),
        ("Islamic State", "claimed_responsibility"),
    ]
    assert found[0].actor == "AZE" and found[0].span is not None  # the known entry kept its quote
    assert review.form_value("weapons", "artillery; mortar", {}) == [
        {"class": "artillery", "text": "artillery"},
        {"class": "mortar", "text": "mortar"},
    ]


def test_live_records_leave_out_the_rejected(local_client: TestClient) -> None:
    _post(local_client, "/api/review/incident/inc-ganja", json={"action": "reject"})
    live = local_client.get("/api/incidents?live=true").json()["items"]
    assert "inc-ganja" not in {i["id"] for i in live} and len(live) == 2
    assert local_client.get("/api/incidents").json()["total"] == 3


def test_timeline_leaves_nothing_out(local_client: TestClient) -> None:
    body = {"action": "edit", "field": "when.start", "value": "1990-01-15"}
    _post(local_client, "/api/review/incident/inc-ganja", json=body)
    _post(
        local_client,
        "/api/review/incident/inc-ganja",
        json={**body, "field": "when.end", "value": "1990-01-15"},
    )
    data = local_client.get("/api/incidents/timeline").json()
    assert data["bin"] == "month"  # 32 years are more than 520 weeks
    assert data["periods"][0] == "1990-01-01" and data["periods"][-1] == "2022-03-01"
    assert sum(sum(counts) for counts in data["series"].values()) == 3
    assert data["undated"] == 0


def test_towns_for_map_labels(read_client: TestClient) -> None:
    towns = read_client.get("/api/places/towns?bbox=68,34,70,35&limit=20").json()
    names = [t["name"] for t in towns]
    assert names[0] == "Kabul" and "Maydanshakhr" in names  # Maidan Shahr, 1,600 people
    assert read_client.get("/api/places/towns?bbox=").json()["error"]["code"] == "E033"


def test_queue_card_shows_toll_and_people(read_client: TestClient) -> None:
    page = read_client.get("/review").text
    assert "2 killed" in page  # Stepanakert's toll on its card
    assert "Azerbaijan" in page and 'class="docgroup"' in page
    assert date(2020, 10, 4).isoformat() in page

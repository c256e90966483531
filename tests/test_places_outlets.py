"""A local paper's place names read with its usual places: the places docket read in the outlet's
earlier stored documents (docket.resolve.places.outlets), through the real pipeline and store."""

from __future__ import annotations

import json
from pathlib import Path

from docket.analysis import Analysis
from docket.batch import read_shard
from docket.errors import Problem
from docket.ingest import ingest
from docket.settings import Settings
from docket.store import open_store

pytest_plugins = ["store_fixtures"]

OUTLET = "Lamar County Courier"
TEXAS = [
    "Firefighters from Dallas, Texas, and Sherman, Texas, fought a grass fire near Tyler, Texas, "
    "on Sunday.",
    "The school board in Denison, Texas, voted on Tuesday to close two schools in Grayson County, "
    "Texas.",
    "Heavy rain flooded roads in Tyler, Texas, and Longview, Texas, on Wednesday.",
]
PARIS = "The mayor of Paris said on Monday that the new library will open in March."


def _jsonl(path: Path, rows: list[tuple[str, str]]) -> str:
    path.write_text(
        "".join(
            json.dumps({"id": f"{path.stem}-{i}", "outlet": outlet, "text": text}) + "\n"
            for i, (outlet, text) in enumerate(rows)
        ),
        "utf-8",
    )
    return str(path)


def _paris(settings: Settings, path: str) -> dict[str, object]:
    """The reference to Paris in the one document of ``path``, ingested into the store."""
    seen: list[Analysis | Problem] = []
    summary = ingest([path], settings, on_item=seen.append)
    assert not summary.failed
    (analysis,) = seen
    assert isinstance(analysis, Analysis)
    (paris,) = [p for p in analysis.places if p.text == "Paris"]
    return {"country": paris.country, "id": paris.gazetteer_id, **(paris.model_extra or {})}


def test_a_local_papers_paris_is_its_own_once_its_earlier_reports_are_stored(
    store_settings: Settings, tmp_path: Path
) -> None:
    settings = store_settings
    # one run: the outlet's Texas reports and a Paris report; each is read against the store as
    # it stood when the run began (empty), so Paris alone is the capital of France
    first = _jsonl(tmp_path / "first.jsonl", [(OUTLET, t) for t in TEXAS] + [(OUTLET, PARIS)])
    seen: list[Analysis | Problem] = []
    assert not ingest([first], settings, on_item=seen.append).failed
    paris_alone = [
        p for a in seen if isinstance(a, Analysis) for p in a.places if p.text == "Paris"
    ]
    assert [p.country for p in paris_alone] == ["FR"]
    france = paris_alone[0].gazetteer_id

    # the next run reads the outlet's new report with its three Texas reports behind it
    later = _paris(settings, _jsonl(tmp_path / "later.jsonl", [(OUTLET, PARIS + " Updated.")]))
    assert later["country"] == "US"
    # the record says why: the outlet's usual places moved it, and from where
    assert later["outlet_focus"] == OUTLET
    assert later["without_focus"] == france

    # another outlet, or the setting at 0, reads Paris alone
    other = _paris(settings, _jsonl(tmp_path / "other.jsonl", [("Wire", PARIS + " (Wire)")]))
    assert other["country"] == "FR" and "outlet_focus" not in other
    off = settings.model_copy(update={"outlet_focus_documents": 0})
    alone = _paris(off, _jsonl(tmp_path / "off.jsonl", [(OUTLET, PARIS + " (Off)")]))
    assert alone["country"] == "FR" and "outlet_focus" not in alone


def test_the_outlets_places_come_from_its_latest_documents_up_to_the_runs_start(
    store_settings: Settings, tmp_path: Path
) -> None:
    settings = store_settings
    rows = [(OUTLET, t) for t in TEXAS] + [("Wire", "Heavy snow fell in Oslo, Norway, on Friday.")]
    assert not ingest([_jsonl(tmp_path / "docs.jsonl", rows)], settings).failed
    with open_store(settings) as store:
        as_of = store.last_seq()
        documents, places = store.outlet_places(OUTLET, as_of, 10)
        assert documents == 3
        texas = "geonames:4736286"
        assert places.count(texas) == 7  # every mention counts (3 + 2 + 2)
        assert store.outlet_places(OUTLET, as_of, 1)[0] == 1  # the latest only
        # the last Texas report and the wire report came after sequence number as_of - 2
        assert store.outlet_places(OUTLET, as_of - 2, 10)[0] == 2
        assert store.outlet_places("Nobody", as_of, 10) == (0, [])
        assert store.outlet_places("Wire", as_of, 10)[0] == 1


def test_a_batch_task_reads_the_outlets_places_it_is_given(
    settings: Settings, tmp_path: Path
) -> None:
    shard = _jsonl(tmp_path / "shard.jsonl", [(OUTLET, PARIS)])
    assert not ingest(
        [_jsonl(tmp_path / "docs.jsonl", [(OUTLET, t) for t in TEXAS])], settings
    ).failed
    with open_store(settings) as store:
        table = {OUTLET: store.outlet_places(OUTLET, store.last_seq(), 200)}

    def paris(outlet_places: dict[str, tuple[int, list[str]]] | None) -> str | None:
        (analysis,) = read_shard(shard, settings, outlet_places=outlet_places)
        assert isinstance(analysis, Analysis)
        return next(p.country for p in analysis.places if p.text == "Paris")

    assert paris(table) == "US"
    assert paris(None) == "FR"
    assert paris(table) == "US"  # the worker's cached context takes each task's table

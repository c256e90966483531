"""The candidates' query leaves out early what could never be linked
(docket.store.linking._candidate_statement): the rows outside the widest place box, read from the
index, and the reports of a narrow time precision too many days away. It leaves out no report
that the linker would not veto, and the store that linking makes is the same with and without
these tests."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from docket.link.matching import interval
from docket.record import Incident, Perpetrator, PlaceRef, Weapon, When
from docket.settings import Settings
from docket.store import Store, linking
from docket.store import link_tables as lt
from docket.store import tables as t
from linking_helpers import STEPANAKERT, extraction, filler, incident, ingest

PRECISIONS = ["point", "town", "district", "region", "country", "unknown"]
WHENS = ["day", "day", "day", "week", "month", "year", "approximate"]
WEAPONS = [("cluster munitions", "cluster_munition"), ("artillery", "artillery")]


def _documents(count: int, seed: int) -> list[tuple[Any, bytes]]:
    """Reports of a few attacks near Stepanakert, at every place and time precision, some
    placed up to 2 degrees away (beyond every box) and some without a place."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        precision = rng.choice(PRECISIONS)
        place = PlaceRef(
            text=f"place {n}",
            name=f"place {n}",
            precision=precision,  # type: ignore[arg-type]
            lat=STEPANAKERT.lat + rng.choice([0, 0.05, -0.2, 0.6, 1.5, 2.0]) * rng.random(),
            lon=STEPANAKERT.lon + rng.choice([0, 0.05, -0.3, 0.9, 2.0]) * rng.random(),
            country="AZ",
        )
        start = date(2020, 10, 1) + timedelta(days=rng.randrange(12))
        kind = rng.choice(WHENS)
        days = {"week": 6, "month": 30, "year": 364, "approximate": 2}.get(kind, 0)
        when = When(precision=kind, start=start, end=start + timedelta(days=days))  # type: ignore[arg-type]
        words, weapon_class = rng.choice(WEAPONS)
        spec = incident(
            location=rng.choice([place, place, place, None]),
            when=when,
            weapons=[Weapon(text=words, weapon_class=weapon_class)],
            perpetrators=[Perpetrator(text="forces", actor=rng.choice(["AZE", "ARM"]))],
        )
        docs.append(extraction(f"report {n}. " + filler(f"box {seed} {n}"), [spec]))
    return docs


def _store_state(store: Store) -> dict[str, Any]:
    """Everything linking writes: incidents (their JSON, status, revision), which incident each
    report is in and why, the sources and claims of each incident, the revisions."""
    r, s, c, v = lt.incident_reports.c, t.incident_sources.c, t.incident_claims.c, t.revisions.c
    with store.engine.connect() as conn:
        incidents = conn.execute(
            sa.select(t.incidents.c.id, t.incidents.c.status, t.incidents.c.revision)
            .add_columns(t.incidents.c.data)
            .order_by(t.incidents.c.id)
        )
        reports = conn.execute(sa.select(r.report_id, r.incident_id, r.link).order_by(r.report_id))
        sources = conn.execute(sa.select(s.incident_id, s.document_id).order_by(*s))
        claims = conn.execute(sa.select(c.incident_id, c.claim_id).order_by(*c))
        revisions = conn.execute(
            sa.select(v.record_id, v.revision, v.action, v.data).order_by(v.record_id, v.revision)
        )
        return {
            "incidents": [tuple(row) for row in incidents],
            "reports": [tuple(row) for row in reports],
            "sources": [tuple(row) for row in sources],
            "claims": [tuple(row) for row in claims],
            "revisions": [tuple(row) for row in revisions],
        }


def _not_narrowed(monkeypatch: pytest.MonkeyPatch) -> None:
    full = linking._candidate_statement
    monkeypatch.setattr(
        linking,
        "_candidate_statement",
        lambda timed, precision, columns, compared: full(
            timed, precision, columns, compared, False
        ),
    )


def test_what_the_query_leaves_out_the_linker_would_veto(settings: Settings) -> None:
    store = ingest(settings, _documents(60, seed=1))
    r = lt.incident_reports.c
    with store.engine.connect() as conn:
        reports = list(conn.execute(sa.select(r.report_id, r.document_id, r.origin_id, r.data)))
        kept = left_out = 0
        for row in reports:
            report = Incident.model_validate(row.data)
            params = (report, row.document_id, row.origin_id, linking._LIGHT)
            narrowed = {c.report_id for c in linking.candidates(conn, *params)}
            with pytest.MonkeyPatch.context() as patch:
                _not_narrowed(patch)
                every = linking.candidates(conn, *params)
            span = interval(report.when)
            assert narrowed <= {c.report_id for c in every}
            for candidate in every:
                if candidate.report_id not in narrowed:
                    assert linking._vetoed(report, span, row.origin_id, candidate)
                    left_out += 1
            kept += len(narrowed)
    assert kept > len(reports) and left_out > 0  # the reports do meet candidates; some are left
    store.close()


def test_ingest_narrowed_or_not_makes_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _documents(60, seed=2)
    narrowed = ingest(Settings(data_dir=tmp_path / "narrowed"), docs)
    _not_narrowed(monkeypatch)
    every = ingest(Settings(data_dir=tmp_path / "every"), docs)
    state = _store_state(narrowed)
    assert state == _store_state(every)
    linked = {incident for _, incident, _ in state["reports"]}
    assert len(linked) < len(state["reports"])  # some reports were linked
    narrowed.close()
    every.close()

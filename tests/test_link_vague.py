"""A report dated only to a week or a month joins one incident at most: the one of its best match
among precisely dated reports. Linked to every event of its town in that month, it would chain
them into one incident; in any order of ingest the incidents are the same."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from docket.record import Number, Span, When
from docket.settings import Settings
from docket.store import Store, open_store
from linking_helpers import day, extraction, filler, in_orders, incident, ingest

OCTOBER = When(precision="month", start=date(2020, 10, 1), end=date(2020, 10, 31))


def _documents() -> list[tuple[object, bytes]]:
    """Two shellings of Stepanakert three weeks apart, a report dated only to October that fits
    both (better the second one, whose perpetrator it names too), a wire copy of that report, and
    a second report of the first shelling."""
    return [
        extraction("Shelling on 4 October. " + filler("a"), [incident(perpetrators=[])]),
        extraction(
            "Shelling on 25 October. " + filler("b"),
            [incident(when=day(date(2020, 10, 25)), killed=Number(best=7, qualifier="exact"))],
        ),
        extraction(
            "In October, cluster munitions hit Stepanakert, killing 7. " + filler("c"),
            [incident(when=OCTOBER, killed=Number(best=7, qualifier="exact"))],
        ),
        extraction(
            "AFP: In October, cluster munitions hit Stepanakert, killing 7. " + filler("c"),
            [incident(when=OCTOBER, killed=Number(best=7, qualifier="exact"))],
        ),
        extraction(
            "Officials say Stepanakert was shelled on 4 October. " + filler("e"),
            [incident(perpetrators=[])],
        ),
    ]


def _groups(store: Store) -> frozenset[frozenset[str]]:
    """Each incident not merged away, as the first words of its source documents."""
    out = set()
    for stored in store.incidents(limit=100):
        if stored.status == "merged":
            continue
        texts = {store.document(s.id).text.split(".")[0] for s in stored.sources}
        out.add(frozenset(texts))
    return frozenset(out)


def _ingest(path: Path, docs: list[tuple[object, bytes]]) -> Store:
    return ingest(Settings(data_dir=path), docs)


def test_a_month_report_joins_one_event_and_never_chains_two(tmp_path: Path) -> None:
    seen = in_orders(tmp_path, _documents(), _groups, 12, seed=3)
    assert len(seen) == 1, "another order of ingest gave other incidents"
    (groups,) = seen
    # the two shellings stay apart; the month report and its copy join the one it matches best
    assert groups == {
        frozenset({"Shelling on 4 October", "Officials say Stepanakert was shelled on 4 October"}),
        frozenset(
            {
                "Shelling on 25 October",
                "In October, cluster munitions hit Stepanakert, killing 7",
                "AFP: In October, cluster munitions hit Stepanakert, killing 7",
            }
        ),
    }


def test_two_vague_reports_alone_do_not_link_but_copies_do(tmp_path: Path) -> None:
    words = "In October, cluster munitions hit Stepanakert"
    month = extraction(
        f"{words}. " + filler("m"),
        [incident(when=OCTOBER, evidence=[Span(start=0, end=len(words), quote=words)])],
    )
    other = extraction("Stepanakert was hit in October. " + filler("o"), [incident(when=OCTOBER)])
    copy = extraction(
        f"AFP: {words}. " + filler("m"),
        [incident(when=OCTOBER, evidence=[Span(start=5, end=5 + len(words), quote=words)])],
    )
    store = _ingest(tmp_path, [month, other, copy])
    assert _groups(store) == {
        frozenset(
            {
                "In October, cluster munitions hit Stepanakert",
                "AFP: In October, cluster munitions hit Stepanakert",
            }
        ),
        frozenset({"Stepanakert was hit in October"}),
    }


def test_the_veto_from_columns_changes_no_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The linker skips reading the candidates that the matching would veto anyway (category
    family, time, perpetrators, weapons: read from columns); on a dense synthetic store (the
    growth benchmark's, 400 documents in 20 days) the links are the same without the skip."""
    import sys

    import sqlalchemy as sa

    from docket.store import link_tables as lt
    from docket.store import linking

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from growth import Corpus, fill

    def links(path: Path) -> dict[str, tuple[str, object]]:
        store = open_store(Settings(data_dir=path))
        fill(store, Corpus(days=20), 0, 400)
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(lt.incident_reports))
            found = {r.report_id: (r.incident_id, r.link) for r in rows}
        store.close()
        return found

    skipped = links(tmp_path / "skip")
    monkeypatch.setattr(linking, "_vetoed", lambda *args: False)
    read_all = links(tmp_path / "all")
    assert skipped == read_all
    assert sum(1 for _, link in skipped.values() if link) > 100  # many reports did link
    assert len({head for head, _ in skipped.values()}) < len(skipped)


def test_a_reviewed_incident_keeps_its_vague_report(tmp_path: Path) -> None:
    """A better match arriving later moves a vague report only out of an incident as linking
    left it: once an analyst has accepted the incident, the report stays."""
    from docket.review import review

    first, better, month, _, _ = _documents()

    def ingest(accept: bool) -> frozenset[frozenset[str]]:
        store = _ingest(tmp_path / str(accept), [first, month])
        if accept:
            head = next(s for s in store.incidents(limit=10) if s.status != "merged").incident.id
            review(store, "incident", head, "accept", "ana", reason="checked")
        assert store.save_linked(*better, "test")  # type: ignore[arg-type]
        groups = _groups(store)
        store.close()
        return groups

    moved = ingest(accept=False)
    assert (
        frozenset(
            {"Shelling on 25 October", "In October, cluster munitions hit Stepanakert, killing 7"}
        )
        in moved
    )
    kept = ingest(accept=True)
    assert (
        frozenset(
            {"Shelling on 4 October", "In October, cluster munitions hit Stepanakert, killing 7"}
        )
        in kept
    )

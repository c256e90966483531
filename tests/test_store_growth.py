"""What the store does to stay fast as it grows changes no answer: the linker's time-bounded
candidate lookup finds exactly the reports the whole window would (what it leaves out the linker
would veto: tests/test_link_narrowed.py), migration 0005 gives existing reports their span
class, and incident listings paged in SQL equal the full listing's slices. SQLite and (with
DOCKET_TEST_POSTGRES_URL) PostgreSQL."""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from docket.link.matching import MAX_SPAN_DAYS, PLACE_KM, PRECISION_RANK, TIME_TOLERANCE
from docket.record import Flag, Incident, Perpetrator, PlaceRef, Weapon, When
from docket.store import IncidentFilter, Store, migrate
from docket.store import link_tables as lt
from docket.store import tables as t
from docket.store.linking import candidates
from docket.store.queries import SORTS
from docket.store.saving import codes_of, party_names, words_of
from linking_helpers import extraction, filler, incident

pytest_plugins = ["store_fixtures"]

CATEGORIES = ["explosive_weapon_attack", "armed_clash", "shelling_or_artillery"]
SPANS_DAYS = [0, 0, 0, 3, 7, 8, 20, 31, 32, 92, 120, 183, 200, 399, 400, 401, 700]


def _when(rng: random.Random) -> When:
    if rng.random() < 0.1:
        return When()  # no time at all
    start = date(2020, 1, 1) + timedelta(days=rng.randrange(900))
    span = rng.choice(SPANS_DAYS)
    return When(precision="range" if span else "day", start=start, end=start + timedelta(span))


def _place(rng: random.Random) -> PlaceRef | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.2:
        return PlaceRef(text="somewhere", precision="country", country="AZ")  # no coordinates
    lat, lon = 39.5 + rng.uniform(-1.5, 1.5), 46.5 + rng.uniform(-1.5, 1.5)
    precision = rng.choice(["point", "town", "town", "district", "region"])
    return PlaceRef(text="a place", precision=precision, lat=lat, lon=lon, country="AZ")  # type: ignore[arg-type]


def _fill(store: Store, documents: int, seed: int = 5) -> random.Random:
    rng = random.Random(seed)
    for n in range(documents):
        specs = [
            incident(when=_when(rng), location=_place(rng), category=rng.choice(CATEGORIES))
            for _ in range(rng.choice([1, 1, 2]))
        ]
        ext, raw = extraction(f"Report {n}: " + filler(f"growth {n}"), specs)
        assert store.save_linked(ext, raw, f"growth/{n}.txt")
    return rng


def _reports(store: Store) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(lt.incident_reports)))


def _whole_window(rows: list[Any], probe: Incident, doc_id: str, origin: str) -> list[str]:
    """The candidates by their definition, over every stored report: same origin, or an interval
    overlapping the probe's (widened by the probe's tolerance and the largest a stored report
    may have, starting at most MAX_SPAN_DAYS before it) in the place box (or without
    coordinates): the distance allowed at the coarser of the two precisions, the widest where
    either has none of its own (country, unknown). When both intervals are MAX_SPAN_DAYS or
    shorter and the stored report's time precision has a tolerance of a day or less, it must
    also be within the probe's tolerance and a day (what the matching allows it)."""
    tolerance = TIME_TOLERANCE.get(probe.when.precision, 1.0) + max(TIME_TOLERANCE.values())
    slack = timedelta(days=math.ceil(tolerance))
    found = []
    for row in rows:
        km = max(PLACE_KM.values())
        if probe.location is not None and {probe.location.precision, row.precision} <= set(
            PLACE_KM
        ):
            coarser = max(probe.location.precision, row.precision, key=PRECISION_RANK.__getitem__)
            km = PLACE_KM[coarser]
        if row.document_id == doc_id or row.pinned or row.report_id == probe.id:
            continue
        near = row.origin_id == origin
        start, end = probe.when.start, probe.when.end
        if not near and start is not None and end is not None and row.when_start is not None:
            in_time = (
                start - slack - timedelta(MAX_SPAN_DAYS) <= row.when_start <= end + slack
                and row.when_end >= start - slack
            )
            place = probe.location
            in_place = (
                place is None
                or place.lat is None
                or place.lon is None
                or row.lat is None
                or (
                    abs(row.lat - place.lat) <= km / 111.0
                    and abs(row.lon - place.lon)
                    <= km / max(1.0, 111.0 * abs(math.cos(math.radians(place.lat))))
                )
            )
            assert row.when_end is not None
            short = max((end - start).days, (row.when_end - row.when_start).days) <= MAX_SPAN_DAYS
            precision = (row.data.get("when") or {}).get("precision")
            if in_time and short and TIME_TOLERANCE.get(precision, 1.0) <= 1.0:
                close = timedelta(
                    days=math.ceil(TIME_TOLERANCE.get(probe.when.precision, 1.0) + 1.0)
                )
                in_time = row.when_start <= end + close and row.when_end >= start - close
            near = in_time and in_place
        if near:
            found.append(row.report_id)
    return sorted(found)


def test_time_bounded_candidates_are_the_whole_windows(store: Store) -> None:
    rng = _fill(store, 80)
    rows = _reports(store)
    assert {row.span_class for row in rows if row.when_start} == set(range(len(lt.SPANS) + 1))
    origins = sorted({row.origin_id for row in rows})
    tried = nonempty = 0
    with store.engine.connect() as conn:
        for n in range(150):
            probe = Incident(id=f"inc-probe-{n}", when=_when(rng), location=_place(rng))
            origin = rng.choice(origins) if n % 5 == 0 else "no-such-origin"
            doc_id = rng.choice(rows).document_id if n % 7 == 0 else "no-such-document"
            got = [row.report_id for row in candidates(conn, probe, doc_id, origin)]
            assert got == _whole_window(rows, probe, doc_id, origin), probe
            tried += 1
            nonempty += bool(got)
    assert tried == 150 and nonempty > 50  # the probes do find candidates


def test_migration_gives_stored_reports_their_span_class(store: Store) -> None:
    _fill(store, 30)
    before = {row.report_id: row.span_class for row in _reports(store)}
    migrate.downgrade(store.engine, "0004")
    with store.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("incident_reports")}
    assert "span_class" not in columns
    migrate.upgrade(store.engine)
    rows = _reports(store)
    assert {row.report_id: row.span_class for row in rows} == before
    for row in rows:
        assert row.span_class == lt.span_class(row.when_start, row.when_end)


def test_span_classes_bound_the_interval() -> None:
    day = date(2021, 3, 1)
    assert lt.span_class(None, None) is None
    assert lt.span_class(day, day) == 0
    assert lt.span_class(day, day + timedelta(7)) == 1
    assert lt.span_class(day, day + timedelta(8)) == 2
    assert lt.span_class(day, day + timedelta(400)) == len(lt.SPANS) - 1
    assert lt.span_class(day, day + timedelta(401)) == len(lt.SPANS)


def _pages(store: Store, f: IncidentFilter, sort: str, size: int) -> tuple[list[str], set[int]]:
    ids, totals, offset = [], set(), 0
    while True:
        page, total = store.find_incidents(f, sort=sort, limit=size, offset=offset)
        totals.add(total)
        if not page:
            return ids, totals
        ids += [stored.incident.id for stored in page]
        offset += size


def test_pages_in_sql_are_slices_of_the_whole_listing(store: Store) -> None:
    _fill(store, 40)
    everything = store.find_incidents(limit=10_000)[0]
    assert len(everything) > 40
    by_id = {stored.incident.id: stored.incident for stored in everything}
    filters = [
        IncidentFilter(),
        IncidentFilter(category="armed_clash"),
        IncidentFilter(since=date(2020, 6, 1), until=date(2021, 6, 1)),
        IncidentFilter(bbox=(46.0, 39.0, 47.5, 41.0), country="az"),
        IncidentFilter(status="machine"),
        IncidentFilter(weapon="cluster_munition"),  # read from the JSON, as before
    ]
    for f in filters:
        for sort in SORTS:
            whole = store.incident_ids(f, sort=sort)
            ids, totals = _pages(store, f, sort, 7)
            assert ids == whole and totals == {len(whole)}, (f, sort)
    # the order asked for: latest start first, undated last, ties by id
    dated = sorted(
        (i for i in by_id.values() if i.when.start), key=lambda i: (-i.when.start.toordinal(), i.id)
    )
    undated = sorted(i.id for i in by_id.values() if i.when.start is None)
    assert store.incident_ids(sort="-when") == [i.id for i in dated] + undated
    assert store.incident_ids(IncidentFilter(category="armed_clash")) == [
        i for i in store.incident_ids() if by_id[i].category == "armed_clash"
    ]


NAMES = ["JNIM", "Straße Brigade", "STRASSE BRIGADE", "Ölçek Group", 'the "Wolves"', "Kelvin Unit"]


def _json_incidents(store: Store) -> None:
    rng = random.Random(9)
    weapons = ["cluster_munition", "ied", "artillery"]
    for n in range(36):
        name = NAMES[n % len(NAMES)]
        spec = incident(
            when=_when(rng),
            perpetrators=[Perpetrator(text=f"{name}", actor="JNIM" if n % 4 == 0 else None)],
            weapons=[Weapon(text="a weapon", weapon_class=weapons[n % 3])],
            flags=[Flag(code="CCM-1", treaty="ccm")] if n % 5 == 0 else [Flag(code=f"Ü-{n % 2}")],
        )
        words = "Dnipró" if n % 6 == 0 else "Kharkiv"
        ext, raw = extraction(f"Report {n} from {words}: " + filler(f"json {n}"), [spec])
        assert store.save_linked(ext, raw, f"json/{n}.txt")


def _has_words(data: Any, q: str) -> bool:
    """Every word of ``q`` is a whole word of one of the JSON's values (not of its keys)."""
    values: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif value is not None and not isinstance(value, bool):
            values.append(str(value))

    walk(data)
    words = {w for v in values for w in re.findall(r"\w+", v.casefold())}
    return set(re.findall(r"\w+", q.casefold())) <= words


def matches(data: dict[str, Any], f: IncidentFilter) -> bool:
    """The actor, weapon and flag filters read from an incident's JSON: what their indexes must
    answer in SQL."""
    if f.actor and f.actor.casefold() not in party_names(data):
        return False
    if f.weapon and f.weapon not in {w.get("class") for w in data.get("weapons", [])}:
        return False
    if f.flag:
        codes = {
            v for flag in data.get("flags", []) for v in (flag.get("code"), flag.get("treaty"))
        }
        if f.flag not in codes:
            return False
    return True


def test_json_filters_narrowed_in_sql_find_what_python_finds(store: Store) -> None:
    _json_incidents(store)
    with store.engine.connect() as conn:
        data = {
            row.id: row.data
            for row in conn.execute(sa.select(t.incidents.c.id, t.incidents.c.data))
        }
        sources: dict[str, set[str]] = {}
        for row in conn.execute(sa.select(t.incident_sources)):
            sources.setdefault(row.incident_id, set()).add(row.document_id)

    def reference(f: IncidentFilter, sort: str) -> list[str]:
        docs = {d.id for d in store.search_documents(f.q, limit=100_000)} if f.q else set()
        return [
            i
            for i in store.incident_ids(
                replace(f, actor=None, weapon=None, flag=None, q=None), sort
            )
            if matches(data[i], f)
            and (not f.q or sources.get(i, set()) & docs or _has_words(data[i], f.q))
        ]

    filters = [IncidentFilter(actor=name) for name in ("jnim", "JNIM", "strasse brigade")]
    filters += [IncidentFilter(actor=name) for name in ("Straße brigade", "ÖLÇEK GROUP")]
    filters += [IncidentFilter(actor='the "wolves"'), IncidentFilter(actor="kelvin unit")]
    filters += [
        IncidentFilter(weapon="ied"),
        IncidentFilter(flag="ccm"),
        IncidentFilter(flag="CCM-1"),
    ]
    filters += [IncidentFilter(flag="Ü-1"), IncidentFilter(weapon="ied", flag="ccm", actor="jnim")]
    filters += [IncidentFilter(q=q) for q in ("straße", "STRASSE", "ölçek", "dnipró", "kharkiv")]
    filters += [IncidentFilter(q="wolves ied"), IncidentFilter(q="river"), IncidentFilter(q="!!")]
    filters += [IncidentFilter(weapon="artillery", actor="strasse brigade", category="other")]
    found = 0
    for f in filters:
        for sort in ("-when", "created"):
            expected = reference(f, sort)
            assert store.incident_ids(f, sort=sort) == expected, f
            found += len(expected)
    assert found > 200  # the filters do find incidents, non-ASCII names among them
    strasse = store.incident_ids(IncidentFilter(actor="strasse brigade"))
    assert {data[i]["perpetrators"][0]["text"] for i in strasse} >= {
        "Straße Brigade",
        "STRASSE BRIGADE",
    }


def test_the_filter_indexes_follow_an_edit_and_are_filled_by_the_migrations(
    store: Store,
) -> None:
    """An analyst who renames a perpetrator finds the incident by the new name and no longer by
    the old; a store made before the indexes (migrations 0008 and 0009) finds its incidents by
    actor, words, weapon and flag all the same."""
    from docket.review import review

    _json_incidents(store)
    (first, *_) = store.incident_ids(IncidentFilter(actor="kelvin unit"))
    kelvins = len(store.incident_ids(IncidentFilter(actor="kelvin unit")))
    review(
        store,
        "incident",
        first,
        "edit",
        "test",
        field="perpetrators",
        value=[{"text": "Orion Column", "actor": None}],
        reason="misread",
    )
    assert store.incident_ids(IncidentFilter(actor="orion column")) == [first]
    assert first not in store.incident_ids(IncidentFilter(actor="kelvin unit"))
    assert store.incident_ids(IncidentFilter(q="ORION")) == [first]  # the words follow the edit
    before = {
        name: store.incident_ids(IncidentFilter(actor=name)) for name in ("jnim", "ölçek group")
    }
    assert (
        all(before.values())
        and len(store.incident_ids(IncidentFilter(actor="kelvin unit"))) == kelvins - 1
    )

    words = {q: store.incident_ids(IncidentFilter(q=q)) for q in ("wolves ied", "ölçek", "kelvin")}
    assert all(words.values())
    codes = [IncidentFilter(weapon="ied"), IncidentFilter(flag="ccm"), IncidentFilter(flag="Ü-1")]
    coded = [store.incident_ids(f) for f in codes]
    assert all(coded)

    migrate.downgrade(store.engine, "0007")  # the tables are gone, as in a store made before them
    with store.engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
        assert not {"incident_parties", "incident_words", "incident_codes"} & set(tables)
    migrate.upgrade(store.engine)
    assert {n: store.incident_ids(IncidentFilter(actor=n)) for n in before} == before
    assert {q: store.incident_ids(IncidentFilter(q=q)) for q in words} == words
    assert [store.incident_ids(f) for f in codes] == coded
    assert store.incident_ids(IncidentFilter(actor="orion column")) == [first]


def test_the_filter_indexes_hold_each_incident_as_it_stands_after_linking(store: Store) -> None:
    """Documents linked into joined incidents (each join revises the kept incident and the
    absorbed ones), then an analyst's edit that drops words: the actor, word and code tables
    hold exactly the values of each incident's present JSON, nothing stale and nothing missing
    (the writer adds and removes only what changed)."""
    from docket.review import review

    _fill(store, 80)
    with store.engine.connect() as conn:
        statuses = dict(conn.execute(sa.select(t.incidents.c.id, t.incidents.c.status)).all())
    assert "merged" in statuses.values()  # some incidents were joined
    joined = next(i for i, s in statuses.items() if s == "machine")
    orion = [{"text": "Orion Column", "actor": None}]
    review(
        store,
        "incident",
        joined,
        "edit",
        "test",
        field="perpetrators",
        value=orion,
        reason="misread",
    )
    with store.engine.connect() as conn:
        data = dict(conn.execute(sa.select(t.incidents.c.id, t.incidents.c.data)).all())
        for table, column, names in (
            (t.incident_parties, "name", party_names),
            (t.incident_words, "word", words_of),
            (t.incident_codes, "code", codes_of),
        ):
            stored = set(conn.execute(sa.select(table.c.incident_id, table.c[column])).all())
            expected = {(i, v) for i, d in data.items() for v in names(d)}
            assert stored == expected, table.name


def test_a_filtered_page_counts_every_match_at_any_offset(store: Store) -> None:
    """The page and its total, whichever way the store counts them (on SQLite, a filter by ids
    from another index counts in the page's own pass): the total is every match, the page is
    the matches' slice, and a page past the end still tells the total."""
    _json_incidents(store)
    filters = [
        IncidentFilter(weapon="ied"),
        IncidentFilter(actor="jnim"),
        IncidentFilter(q="kharkiv"),
    ]
    filters += [IncidentFilter(flag="ccm"), IncidentFilter(weapon="ied", actor="jnim")]
    for f in filters:
        every = store.incident_ids(f)
        assert every, f
        for offset in (0, 2, len(every) - 1, len(every), len(every) + 5):
            found, total = store.find_incidents(f, limit=3, offset=offset)
            assert total == len(every), (f, offset)
            assert [i.incident.id for i in found] == every[offset : offset + 3], (f, offset)

"""The linker's place window depends on the precisions: a town's report is compared with the
reports that could be its place (towns within 25 km, regions within 150 km, reports without a
place), not with every report within 150 km, and the links it makes are the same either way."""

from __future__ import annotations

from docket.link.matching import match
from docket.record import Incident, PlaceRef
from docket.settings import Settings
from docket.store import open_store
from docket.store.linking import candidates
from linking_helpers import STEPANAKERT, extraction, filler, incident


def _town(name: str, lat: float, lon: float, precision: str = "town") -> PlaceRef:
    return PlaceRef(text=name, name=name, precision=precision, lat=lat, lon=lon, country="AZ")  # type: ignore[arg-type]


# about 40 km east of Stepanakert: beyond two towns' 25 km, within a region's 150 km
AGDAM_EAST = _town("Agdam East", 39.8153, 47.2200)
# a region about 100 km away, and a town about 110 km away
REGION = _town("Mil steppe", 39.95, 47.90, precision="region")
FAR_TOWN = _town("Barda area", 40.40, 47.75)


def test_a_town_report_is_compared_only_with_places_that_could_agree(
    settings: Settings,
) -> None:
    store = open_store(settings)
    stored = {}
    for name, place in [
        ("near", STEPANAKERT),
        ("east", AGDAM_EAST),
        ("region", REGION),
        ("far", FAR_TOWN),
        ("unplaced", None),
    ]:
        ext, raw = extraction(f"{name} report. " + filler(name), [incident(location=place)])
        assert store.save_linked(ext, raw, "test")
        stored[ext.incidents[0].id] = name
    new, _ = extraction("the new report. " + filler("new"), [incident(location=STEPANAKERT)])
    with store.engine.connect() as conn:
        found = {stored.get(r.report_id) for r in candidates(conn, new.incidents[0], "x", "y")}
    assert found == {"near", "region", "unplaced"}

    # what is left out could never have been linked: the places veto it
    report = Incident.model_validate(new.incidents[0].model_dump())
    for place in (AGDAM_EAST, FAR_TOWN):
        other = Incident.model_validate(incident(location=place) | {"id": "inc-other"})
        verdict = match(report, other)
        assert not verdict.linked and "km apart" in str(verdict.to_json())


def test_a_region_report_still_sees_the_towns_of_its_region(settings: Settings) -> None:
    store = open_store(settings)
    ext, raw = extraction("east report. " + filler("east"), [incident(location=AGDAM_EAST)])
    assert store.save_linked(ext, raw, "test")
    wide = _town("Karabakh", 39.85, 46.85, precision="region")
    new, _ = extraction("regional report. " + filler("r"), [incident(location=wide)])
    with store.engine.connect() as conn:
        found = [r.report_id for r in candidates(conn, new.incidents[0], "x", "y")]
    assert found == [ext.incidents[0].id]  # 40 km from the region's point: within its 150 km


def test_a_report_dated_only_to_a_year_joins_no_events(settings: Settings) -> None:
    """ "Shelled in 2021" overlaps every shelling of the town that year: linked, it would make
    two attacks ten months apart one incident. It stays an incident of its own, and the two
    attacks stay apart; a second report of the January attack still joins it."""
    from datetime import date

    from docket.record import When

    store = open_store(settings)
    specs = {
        "january": When(precision="day", start=date(2021, 1, 5), end=date(2021, 1, 5)),
        "january again": When(precision="day", start=date(2021, 1, 5), end=date(2021, 1, 5)),
        "november": When(precision="day", start=date(2021, 11, 20), end=date(2021, 11, 20)),
        "that year": When(precision="year", start=date(2021, 1, 1), end=date(2021, 12, 31)),
    }
    for name, when in specs.items():
        ext, raw = extraction(f"{name} report. " + filler(name), [incident(when=when)])
        assert store.save_linked(ext, raw, f"{name}.txt")
    groups = {name.removesuffix(".txt"): ids for name, ids in store.linked_groups().items()}
    assert groups["january"] == groups["january again"]
    assert len({frozenset(groups[n]) for n in ("january", "november", "that year")}) == 3

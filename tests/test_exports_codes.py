"""The codes the ACLED- and UCDP-shaped exports compute (date and place precisions, PRIO-GRID
cells, types of violence), the region table they read, and the round trip through a CSV file:
an incident exported as an ACLED row and imported again is exported the same."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pycountry
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.exports import ACLED_COLUMNS, acled_row
from docket.exports.acled import ACLED_EVENT_TYPES
from docket.exports.ucdp import date_prec, priogrid_gid, type_of_violence, ucdp_id
from docket.imports.acled import acled_incident
from docket.imports.rows import Row
from docket.knowledge.country_regions import TABLE, country_regions
from docket.record import Incident, Number, Perpetrator, PlaceRef, When
from docket.store import StoredIncident

ACLED_REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "Middle East", "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia",
    "Europe", "North America", "Central America", "Caribbean", "South America", "Oceania",
    "Antarctica",
}  # fmt: skip
UCDP_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Middle East", ""}


def test_region_table_covers_iso_once_each() -> None:
    """Every ISO 3166-1 country has one ACLED and one UCDP region, each one of theirs, and no
    code is listed twice (Kosovo, XK, is not in ISO 3166-1 but in both datasets)."""
    listed: list[str] = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("acled_region"):
            listed += next(csv.reader([line]))[2].split()
    assert len(listed) == len(set(listed))
    regions = country_regions()
    iso = {c.alpha_2 for c in pycountry.countries}
    assert set(regions) - iso == {"XK"}
    assert iso - set(regions) == set(), iso - set(regions)
    assert {r.acled for r in regions.values()} == ACLED_REGIONS
    assert {r.ucdp for r in regions.values()} <= UCDP_REGIONS
    assert regions["UA"].acled == "Europe" and regions["SY"].ucdp == "Middle East"


def test_acled_regions_of_countries_a_reader_checks() -> None:
    """Where ACLED's data put the countries whose region is not the obvious continent."""
    expected = {
        "AF": "South Asia", "PK": "South Asia", "IR": "Middle East", "TR": "Middle East",
        "EG": "Northern Africa", "SD": "Northern Africa", "SS": "Eastern Africa",
        "AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia",
        "GE": "Caucasus and Central Asia", "KZ": "Caucasus and Central Asia", "RU": "Europe",
        "UA": "Europe", "MX": "Central America", "MN": "East Asia", "MM": "Southeast Asia",
    }  # fmt: skip
    regions = country_regions()
    assert {code: regions[code].acled for code in expected} == expected


def _incident(start: date, end: date, precision: str = "range", **kw: object) -> Incident:
    return Incident(id="inc-x", when=When(precision=precision, start=start, end=end), **kw)  # type: ignore[arg-type]


def test_date_precision_follows_geds_codes() -> None:
    day = date(2020, 10, 4)
    assert date_prec(_incident(day, day, "day")) == 1
    assert date_prec(_incident(day, day + timedelta(days=3))) == 2
    assert date_prec(_incident(day, day + timedelta(days=6), "week")) == 3
    assert date_prec(_incident(day, day + timedelta(days=20))) == 4
    assert date_prec(_incident(day, day + timedelta(days=90))) == 5
    assert date_prec(Incident(id="inc-y", when=When(precision="month"))) == 4


def test_priogrid_cells() -> None:
    """PRIO-GRID numbers its 0.5-degree cells from 1 at the south-west corner, row by row."""
    assert priogrid_gid(-89.9, -179.9) == 1
    assert priogrid_gid(-89.9, 179.9) == 720
    assert priogrid_gid(-89.4, -179.9) == 721
    assert priogrid_gid(89.9, 179.9) == 259200
    assert priogrid_gid(90.0, 180.0) == 259200  # the edges fall in the last cell


def test_type_of_violence() -> None:
    day = date(2020, 10, 4)
    assert type_of_violence(_incident(day, day, category="attack_on_civilians")) == 3
    state = [Perpetrator(text="Azerbaijan", actor="AZE")]  # a state by the registry
    assert type_of_violence(_incident(day, day, category="armed_clash", perpetrators=state)) == 1
    assert type_of_violence(_incident(day, day, category="armed_clash")) is None
    assert ucdp_id("inc-x") == ucdp_id("inc-x") and ucdp_id("inc-x") != ucdp_id("inc-y")
    assert 0 < ucdp_id("inc-x") < 2**60


def _csv_row(stored: StoredIncident) -> dict[str, str]:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([ACLED_COLUMNS, acled_row(stored)])
    return next(csv.DictReader(io.StringIO(buffer.getvalue())))


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    lat=st.floats(min_value=-90, max_value=90, allow_nan=False),
    lon=st.floats(min_value=-180, max_value=180, allow_nan=False),
    killed=st.none() | st.integers(min_value=0, max_value=100_000),
    sub=st.sampled_from(sorted(ACLED_EVENT_TYPES)),
    country=st.sampled_from(["UA", "AZ", "SY", "NG", "MX", None]),
    precision=st.sampled_from(["day", "week", "month"]),
    where=st.sampled_from(["town", "district", "region"]),
    actor=st.sampled_from([None, "AZE", "Wagner Group"]),
)
def test_acled_row_round_trip(
    day: date,
    lat: float,
    lon: float,
    killed: int | None,
    sub: str,
    country: str | None,
    precision: str,
    where: str,
    actor: str | None,
) -> None:
    """Exported as an ACLED row, read back by ``docket import acled``'s reader and exported
    again, an incident's row is the same but for its id (now ``acled-...``) and timestamp."""
    incident = Incident(
        id="inc-round",
        acled_sub_event_type=sub,
        perpetrators=[Perpetrator(text=actor, actor=actor)] if actor else [],
        location=PlaceRef(
            text="Somewhere", name="Somewhere", precision=where, lat=lat, lon=lon, country=country
        ),  # type: ignore[arg-type]  # fmt: skip
        when=When(precision=precision, start=day, end=day),  # type: ignore[arg-type]
        killed=Number(best=killed) if killed is not None else None,
    )
    first = _csv_row(StoredIncident(incident=incident))
    back, text = acled_incident(Row({k: v.strip() for k, v in first.items()}))
    again = _csv_row(StoredIncident(incident=back))
    assert again.pop("event_id_cnty") == "acled-inc-round"
    first.pop("event_id_cnty")
    if actor == "AZE":  # the registry's name for the id the first row wrote
        assert again.pop("actor1") == "AZE" == first.pop("actor1")
    assert again == first

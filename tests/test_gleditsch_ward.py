"""The Gleditsch-Ward table: one number per ISO code and one code per number, every code in ISO
3166-1, its source in the header; UCDP's country_id, gwnoa and gwnob come from it for docket's
own readings."""

from __future__ import annotations

import csv

import pycountry

from docket.exports import UCDP_COLUMNS, ucdp_row
from docket.knowledge.gleditsch_ward import TABLE, gw_number, gw_numbers, gw_state
from docket.record import Incident, Perpetrator, PlaceRef, Victim, When
from docket.store import StoredIncident


def test_table_is_one_to_one_and_iso() -> None:
    numbers = gw_numbers()
    assert len(set(numbers.values())) == len(numbers) > 150
    assert all(pycountry.countries.get(alpha_3=code) for code in numbers if code != "XKX")
    header = "".join(line for line in TABLE.open(encoding="utf-8") if line.startswith("#"))
    assert "Gleditsch" in header and "ksgleditsch.com/data/ksgmdw.txt" in header
    assert "country_converter 1.3.2" in header and "as-of" in header


def test_numbers_a_reader_can_check() -> None:
    """GW's own numbers where they differ from ISO's codes or from one another's names."""
    expected = {"SYR": 652, "UKR": 369, "RUS": 365, "AZE": 373, "ARM": 371, "IRQ": 645,
                "DEU": 260, "CHE": 225, "SWZ": 572, "USA": 2, "GBR": 200, "VNM": 816}  # fmt: skip
    assert {code: gw_number(code) for code in expected} == expected
    # where country_converter's table differs, GW's list and UCDP GED agree with these
    assert (gw_number("CZE"), gw_number("VNM"), gw_number("YEM")) == (316, 816, 678)
    assert gw_number("SRB") == 345  # UCDP GED's "Serbia (Yugoslavia)"
    assert gw_number("XKX") == 347
    assert (gw_number("AND"), gw_number("MCO"), gw_number("SMR")) == (232, 221, 331)  # micro
    assert gw_number("PSE") is None and gw_number(None) is None  # not a GW state
    assert (gw_state(652), gw_state(345), gw_state(999), gw_state(None)) == (
        "SYR",
        "SRB",
        None,
        None,
    )


def test_ucdp_country_and_state_sides() -> None:
    incident = Incident(
        id="inc-1",
        category="shelling_or_artillery",
        perpetrators=[Perpetrator(text="Russian forces", actor="RUS", type="state")],
        victims=[Victim(text="Ukraine", actor="UKR")],
        location=PlaceRef(text="Kharkiv", precision="town", lat=49.99, lon=36.23, country="UA"),
        when=When(precision="day", start=None, end=None),
    )
    row = dict(zip(UCDP_COLUMNS, ucdp_row(StoredIncident(incident=incident)), strict=False))
    assert (row["country_id"], row["gwnoa"], row["gwnob"]) == (369, 365, 369)
    assert row["conflict_new_id"] is None and row["dyad_new_id"] is None  # UCDP's registry only
    plain = incident.model_copy(update={"perpetrators": [Perpetrator(text="gunmen")],
                                        "victims": [], "location": None})  # fmt: skip
    row = dict(zip(UCDP_COLUMNS, ucdp_row(StoredIncident(incident=plain)), strict=False))
    assert (row["country_id"], row["gwnoa"], row["gwnob"]) == (None, None, None)


def test_an_incident_in_syria_is_country_652() -> None:
    incident = Incident(
        id="inc-2",
        category="air_or_drone_strike",
        location=PlaceRef(text="Idlib", precision="town", lat=35.93, lon=36.63, country="SY"),
        when=When(precision="day", start=None, end=None),
    )
    row = dict(zip(UCDP_COLUMNS, ucdp_row(StoredIncident(incident=incident)), strict=False))
    assert (row["country"], row["country_id"]) == ("Syria", 652)


def test_table_file_parses_as_csv() -> None:
    lines = [line for line in TABLE.open(encoding="utf-8") if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert set(rows[0]) == {"iso3", "gw_number", "gw_code", "name"}

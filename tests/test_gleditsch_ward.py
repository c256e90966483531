"""The Gleditsch-Ward table: one number per ISO code and one code per number, every code in ISO
3166-1, its source in the header; UCDP's country_id, gwnoa and gwnob come from it for docket's
own readings."""

from __future__ import annotations

import csv

import pycountry

from docket.exports import UCDP_COLUMNS, ucdp_row
from docket.knowledge.gleditsch_ward import TABLE, gw_number, gw_numbers
from docket.record import Incident, Perpetrator, PlaceRef, Victim, When
from docket.store import StoredIncident


def test_table_is_one_to_one_and_iso() -> None:
    numbers = gw_numbers()
    assert len(set(numbers.values())) == len(numbers) > 150
    assert all(pycountry.countries.get(alpha_3=code) for code in numbers)
    header = "".join(line for line in TABLE.open(encoding="utf-8") if line.startswith("#"))
    assert "Gleditsch" in header and "ksgleditsch.com/data/ksgmdw.txt" in header
    assert "as-of" in header and "country_converter" in header  # the independent check


def test_numbers_a_reader_can_check() -> None:
    """GW's own numbers where they differ from ISO's codes or from one another's names."""
    expected = {"SYR": 652, "UKR": 369, "RUS": 365, "AZE": 373, "ARM": 371, "IRQ": 645,
                "DEU": 260, "CHE": 225, "SWZ": 572, "USA": 2, "GBR": 200, "VNM": 816}  # fmt: skip
    assert {code: gw_number(code) for code in expected} == expected
    assert gw_number("SRB") == 345  # as UCDP GED numbers "Serbia (Yugoslavia)", not GW's 340
    assert (
        gw_number("CZE") == 316 and gw_number("YEM") == 678
    )  # today's states, not their forebears
    assert gw_number("AND") == 232 and gw_number("WSM") == 990  # from GW's micro-states list
    assert gw_number("PSE") is None and gw_number(None) is None  # no GW state


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


def test_table_file_parses_as_csv() -> None:
    lines = [line for line in TABLE.open(encoding="utf-8") if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    assert set(rows[0]) == {"iso3", "gw_number", "gw_code", "name"}

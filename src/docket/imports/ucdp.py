"""One row of a UCDP GED-shaped CSV (UCDP's own GED file or docket's ``ucdp-csv``) as an
incident."""

from __future__ import annotations

from docket.imports.rows import BadRow, Row, country_code, names, record_key
from docket.record import (
    Category,
    Incident,
    Number,
    Perpetrator,
    PlaceRef,
    Precision,
    TimePrecision,
    Victim,
    When,
)

REQUIRED = ("id", "type_of_violence", "date_start", "date_end", "latitude", "longitude", "best")
# GED's type_of_violence -> docket's category: state-based and non-state conflict are fighting
# between organised sides; one-sided violence is an attack on civilians.
VIOLENCE: dict[int, Category] = {1: "armed_clash", 2: "armed_clash", 3: "attack_on_civilians"}
WHERE_PREC: dict[int, Precision] = {
    1: "point",
    2: "town",
    3: "district",
    4: "region",
    5: "region",
    6: "country",
    7: "unknown",
}
DATE_PREC: dict[int, TimePrecision] = {1: "day", 2: "range", 3: "week", 4: "month", 5: "year"}
# GED's codes from UCDP's own registry (conflicts, dyads, sides), its Gleditsch-Ward numbers and
# coding notes: docket cannot work them out, so an imported row's are kept as they were (in the
# incident's ``ucdp`` field) and written back by the UCDP export. Whole numbers are checked.
KEPT_NUMBERS = (
    "conflict_new_id", "dyad_new_id", "side_a_new_id", "side_b_new_id", "country_id",
    "event_clarity",
)  # fmt: skip
KEPT_TEXT = (
    "conflict_dset_id", "conflict_name", "dyad_dset_id", "dyad_name", "side_a_dset_id",
    "side_b_dset_id", "gwnoa", "gwnob", "code_status", "active_year",
)  # fmt: skip


def kept_codes(row: Row) -> dict[str, int | str]:
    """The row's registry codes that are not empty (BadRow for a number that is not one)."""
    found: dict[str, int | str] = {}
    for column in KEPT_NUMBERS:
        number = row.integer(column)
        if number is not None:
            found[column] = number
    for column in KEPT_TEXT:
        text = row.text(column)
        if text is not None:
            found[column] = text
    return found


def ged_country(row: Row) -> str | None:
    """The ISO alpha-2 code of the row's country: from its Gleditsch-Ward ``country_id`` where
    docket's table holds that number, else from its ``country`` name."""
    import pycountry

    from docket.knowledge.gleditsch_ward import gw_state

    iso3 = gw_state(row.integer("country_id"))
    found = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return str(found.alpha_2) if found else country_code(row.text("country"))


def ucdp_incident(row: Row) -> tuple[Incident, str]:
    """The row's incident and the document text it is read from (the source's headline and the
    place's description, else a line built from the columns)."""
    event_id = row.required("id")
    violence = row.integer("type_of_violence")
    if violence is not None and violence not in VIOLENCE:
        raise BadRow(f"type_of_violence {violence} is not 1, 2 or 3")
    start, end = row.day("date_start"), row.day("date_end")
    if start is None or end is None:
        raise BadRow("date_start and date_end must both be given")
    if end < start:
        raise BadRow(f"date_end {end} is before date_start {start}")
    lat, lon = row.coordinate("latitude", 90), row.coordinate("longitude", 180)
    if lat is None or lon is None:
        raise BadRow("latitude and longitude must both be given")
    where = row.integer("where_prec")
    if where is not None and where not in WHERE_PREC:
        raise BadRow(f"where_prec {where} is not 1 to 7")
    when = row.integer("date_prec")
    if when is not None and when not in DATE_PREC:
        raise BadRow(f"date_prec {when} is not 1 to 5")
    best, low, high = row.integer("best"), row.integer("low"), row.integer("high")
    known = row.text("docket_deaths_known") != "False" and best is not None
    sides_b = [s for s in names(row.text("side_b")) if violence != 3 or s != "Civilians"]
    place = row.text("where_coordinates") or row.text("adm_2") or row.text("adm_1") or ""
    incident = Incident(
        id=f"ucdp-{record_key(event_id)}",
        category=VIOLENCE[violence] if violence else "other",
        perpetrators=[Perpetrator(text=s, name=s) for s in names(row.text("side_a"))],
        victims=[Victim(text=s) for s in sides_b],
        location=PlaceRef(
            text=row.text("where_description") or place,
            name=place or None,
            precision=WHERE_PREC[where] if where else "unknown",
            lat=lat,
            lon=lon,
            country=ged_country(row),
            admin1=row.text("adm_1"),
            admin2=row.text("adm_2"),
        ),
        when=When(
            precision=DATE_PREC[when] if when else ("day" if start == end else "range"),
            start=start,
            end=end,
        ),
        killed=Number(best=best, low=low, high=high) if known else None,
        **({"ucdp": codes} if (codes := kept_codes(row)) else {}),
    )
    parts = [row.text("source_headline"), row.text("where_description")]
    text = " ".join(p for p in parts if p) or (
        f"{row.text('side_a') or 'Unknown side'} against {row.text('side_b') or 'unknown'} "
        f"at {place or 'an unnamed place'}, {start.isoformat()}: {best} killed."
    )
    return incident, text

"""One row of an ACLED-shaped CSV (ACLED's own export or docket's ``acled-csv``) as an incident."""

from __future__ import annotations

from collections.abc import Mapping

from docket.imports.rows import BadRow, Row, country_code, names, record_key
from docket.record import (
    ActorType,
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

REQUIRED = ("event_id_cnty", "event_date", "sub_event_type", "latitude", "longitude")
# ACLED's sub-event type -> docket's category, where one category says it.
SUB_EVENT_CATEGORY: dict[str, Category] = {
    "Armed clash": "armed_clash",
    "Air/drone strike": "air_or_drone_strike",
    "Shelling/artillery/missile attack": "shelling_or_artillery",
    "Remote explosive/landmine/IED": "bombing_or_ied",
    "Suicide bomb": "bombing_or_ied",
    "Grenade": "explosive_weapon_attack",
    "Chemical weapon": "chemical_attack",
    "Attack": "attack_on_civilians",
    "Abduction/forced disappearance": "abduction",
    "Looting/property destruction": "arson_or_destruction",
    "Peaceful protest": "protest",
    "Protest with intervention": "protest",
    "Excessive force against protesters": "protest",
    "Violent demonstration": "riot",
    "Mob violence": "riot",
    "Arrests": "arrest",
    "Agreement": "agreement",
    "Government regains territory": "territory_change",
    "Non-state actor overtakes territory": "territory_change",
    "Non-violent transfer of territory": "territory_change",
}
TIME_PRECISION: dict[int, TimePrecision] = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION: dict[int, Precision] = {1: "town", 2: "district", 3: "region"}
# ACLED's actor-type codes -> docket's actor types (1 state forces; 2-4 rebels and militias).
INTER_TYPE: dict[int, ActorType] = {
    1: "state",
    2: "armed_group",
    3: "armed_group",
    4: "armed_group",
}


def _code(row: Row, column: str, allowed: Mapping[int, str]) -> int | None:
    code = row.integer(column)
    if code is not None and code not in allowed:
        raise BadRow(f"{column} {code} is not one of {', '.join(map(str, sorted(allowed)))}")
    return code


def acled_incident(row: Row) -> tuple[Incident, str]:
    """The row's incident and the document text it is read from (its notes, else a line built
    from its columns)."""
    event_id = row.required("event_id_cnty")
    day = row.day("event_date")
    if day is None:
        raise BadRow("event_date is empty")
    sub = row.required("sub_event_type")
    lat, lon = row.coordinate("latitude", 90), row.coordinate("longitude", 180)
    if lat is None or lon is None:
        raise BadRow("latitude and longitude must both be given")
    time_code = _code(row, "time_precision", TIME_PRECISION)
    geo_code = _code(row, "geo_precision", GEO_PRECISION)
    fatalities = row.integer("fatalities")
    unknown = "fatalities unknown" in (row.text("tags") or "")
    inter1 = row.integer("inter1")
    actor_type = INTER_TYPE.get(inter1) if inter1 is not None else None
    location = row.text("location") or row.text("admin1") or row.text("country") or ""
    actors = names(row.text("actor1")) + names(row.text("assoc_actor_1"))
    victims = names(row.text("actor2")) + names(row.text("assoc_actor_2"))
    # civilians the main or only target: docket's attack on civilians, whatever the means
    category = (
        "attack_on_civilians"
        if row.text("civilian_targeting")
        else SUB_EVENT_CATEGORY.get(sub, "other")
    )
    incident = Incident(
        id=f"acled-{record_key(event_id)}",
        category=category,
        acled_sub_event_type=sub,
        perpetrators=[
            Perpetrator(text=a, name=a, type=actor_type if n == 0 else None)
            for n, a in enumerate(actors)
        ],
        victims=[Victim(text=v) for v in victims],
        location=PlaceRef(
            text=location,
            name=location or None,
            precision=GEO_PRECISION[geo_code] if geo_code else "unknown",
            lat=lat,
            lon=lon,
            country=country_code(row.text("country"), row.integer("iso")),
            admin1=row.text("admin1"),
            admin2=row.text("admin2"),
            admin3=row.text("admin3"),
        ),
        when=When(
            precision=TIME_PRECISION[time_code] if time_code else "unknown",
            start=day,
            end=day,
        ),
        killed=None if fatalities is None or unknown else Number(best=fatalities),
    )
    text = row.text("notes") or f"{sub} in {location or 'an unnamed place'} on {day.isoformat()}."
    return incident, text

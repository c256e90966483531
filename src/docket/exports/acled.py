"""The ACLED-shaped CSV: ACLED's 31 export columns in the codebook's order (docs/exports.md
gives each column's definition and what docket writes in it)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docket.exports.places import Places
from docket.exports.tables import best, csv_text

if TYPE_CHECKING:
    from docket.record import ActorRef
    from docket.store import StoredIncident

# ACLED's export columns in the codebook's order (ACLED Codebook, 2023; docs/exports.md).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
# ACLED sub-event type -> (event type, disorder type), as the codebook groups them.
ACLED_EVENT_TYPES: dict[str, tuple[str, str]] = {
    **{s: ("Battles", "Political violence") for s in (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory")},
    **{s: ("Explosions/Remote violence", "Political violence") for s in (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade")},
    **{s: ("Violence against civilians", "Political violence") for s in (
        "Sexual violence", "Attack", "Abduction/forced disappearance")},
    **{s: ("Protests", "Demonstrations") for s in (
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters")},
    **{s: ("Riots", "Demonstrations") for s in ("Violent demonstration", "Mob violence")},
    **{s: ("Strategic developments", "Strategic developments") for s in (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other")},
}  # fmt: skip
# docket's precisions -> ACLED's codes (1 exact day / place, 2 near, 3 wider).
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "range": 2, "approximate": 2}
ACLED_GEO_PRECISION = {"point": 1, "town": 1, "district": 2}
# ACLED's actor-type codes (inter1, inter2) for the actor types docket tells apart with certainty:
# 1 State forces, 7 Civilians, 8 External/Other forces. docket's "armed_group" may be ACLED's
# rebel group (2), political militia (3) or identity militia (4), so it gets no code.
ACLED_INTER = {"state": 1, "international_organisation": 8}
CIVILIANS = 7
# Statuses left out of the ACLED- and UCDP-shaped exports: nobody should count them as events.
NOT_LIVE = frozenset({"rejected", "merged", "withdrawn"})


def actor_type(ref: ActorRef) -> str | None:
    """The actor's type as the record has it, else as the actor registry knows its id."""
    if ref.type is not None:
        return ref.type
    if ref.actor:
        from docket.knowledge.actors.registry import load_registry

        known = load_registry().actors.get(ref.actor)
        return known.type if known else None
    return None


def inter_codes(stored: StoredIncident) -> tuple[int | None, int | None, int | None]:
    """ACLED's inter1, inter2 and interaction where docket knows the actors' types: the
    interaction is the two codes, the lower first (``17``: state forces against civilians), or
    ``10 * inter1`` for an event with one actor."""
    i = stored.incident
    inter1 = ACLED_INTER.get(actor_type(i.perpetrators[0]) or "") if i.perpetrators else None
    inter2 = None
    if i.victims:
        victim = i.victims[0]
        if victim.actor:
            from docket.knowledge.actors.registry import load_registry

            known = load_registry().actors.get(victim.actor)
            inter2 = ACLED_INTER.get(known.type) if known else None
        elif i.category == "attack_on_civilians":
            inter2 = CIVILIANS
    if inter1 is None:
        return None, inter2, None
    if inter2 is None:
        return inter1, None, 10 * inter1 if not i.victims else None
    low, high = sorted((inter1, inter2))
    return inter1, inter2, 10 * low + high


def acled_row(stored: StoredIncident, places: Places | None = None) -> list[Any]:
    """One incident in ACLED's columns. Where docket knows less than a column asks, the cell is
    empty, or says so in ``tags`` (``fatalities unknown``) rather than passing a guess off as
    ACLED's own."""
    from docket.extract.acled import CATEGORY_TYPE

    i = stored.incident
    sub = i.acled_sub_event_type or CATEGORY_TYPE.get(i.category) or "Other"
    event_type, disorder = ACLED_EVENT_TYPES.get(
        sub, ("Strategic developments", "Strategic developments")
    )
    day = i.when.start or i.when.end
    place = i.location
    where = (places or Places()).where(place)
    actors = [p.name or p.actor or p.text for p in i.perpetrators]
    victims = [v.actor or v.text for v in i.victims]
    inter1, inter2, interaction = inter_codes(stored)
    killed = best(i.killed)
    tags = [] if killed is not None else ["fatalities unknown"]
    targets_civilians = (
        i.category == "attack_on_civilians" or event_type == "Violence against civilians"
    )
    return [
        i.id,
        day.isoformat() if day else None,
        day.year if day else None,
        ACLED_TIME_PRECISION.get(i.when.precision, 3),
        disorder,
        event_type,
        sub,
        actors[0] if actors else None,
        "; ".join(actors[1:]) or None,
        inter1,
        victims[0] if victims else None,
        "; ".join(victims[1:]) or None,
        inter2,
        interaction,
        "Civilian targeting" if targets_civilians else None,
        where.iso,
        where.acled_region,
        where.country,
        where.admin1,
        where.admin2,
        where.admin3,
        (place.name or place.text) if place else None,
        place.lat if place else None,
        place.lon if place else None,
        ACLED_GEO_PRECISION.get(place.precision, 3) if place else 3,
        "; ".join(s.outlet or s.title or s.id for s in stored.sources) or None,
        None,
        " ".join(span.quote for span in i.evidence) or None,
        killed if killed is not None else 0,
        "; ".join(tags) or None,
        int(stored.created_at.timestamp()) if stored.created_at else None,
    ]


def live(incidents: Iterable[StoredIncident]) -> Iterator[StoredIncident]:
    """The incidents that are events: not rejected, merged or withdrawn."""
    return (s for s in incidents if s.status not in NOT_LIVE)


def acled_rows(incidents: Iterable[StoredIncident], places: Places | None = None) -> Iterator[str]:
    """ACLED's header, then one row per live incident (rejected, merged, withdrawn left out)."""
    places = places or Places()
    return csv_text(ACLED_COLUMNS, (acled_row(s, places) for s in live(incidents)))

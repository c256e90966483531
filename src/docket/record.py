"""The domain model: what docket records about a document, in the contract's JSON form.

Every model here serialises to the shape fixed by ``shared/contract/extraction.schema.json`` with
``model_dump(by_alias=True, exclude_none=False)``; extra keys are allowed by the contract and used for
evidence and explanations. Models are plain data: no model here reads a file or a database.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

MentionLabel = Literal[
    "actor", "person", "organisation", "place", "weapon", "time", "quantity", "treaty", "other"
]
ActorType = Literal[
    "state",
    "armed_group",
    "ngo",
    "international_organisation",
    "person",
    "media",
    "authority",
    "other",
]
Precision = Literal["point", "town", "district", "region", "country", "unknown"]
TimePrecision = Literal["day", "week", "month", "year", "range", "approximate", "unknown"]
Qualifier = Literal[
    "exact",
    "about",
    "at_least",
    "at_most",
    "more_than",
    "fewer_than",
    "some",
    "tens",
    "dozens",
    "hundreds",
    "thousands",
]
Stance = Literal["asserts", "denies", "confirms", "retracts", "requests", "reports"]
Grade = Literal["confirmed", "fair", "weak", "contested", "discounted", "single_source"]
Category = Literal[
    "explosive_weapon_attack",
    "air_or_drone_strike",
    "shelling_or_artillery",
    "armed_clash",
    "attack_on_civilians",
    "bombing_or_ied",
    "mine_or_uxo",
    "abduction",
    "arson_or_destruction",
    "damage_to_infrastructure",
    "chemical_attack",
    "other_violence",
    "protest",
    "riot",
    "arrest",
    "agreement",
    "territory_change",
    "other",
]
WeaponClass = Literal[
    "cluster_munition",
    "anti_personnel_mine",
    "anti_vehicle_mine",
    "ied",
    "incendiary",
    "chemical",
    "biological",
    "nuclear",
    "uav",
    "missile",
    "rocket_artillery",
    "artillery",
    "mortar",
    "air_dropped_bomb",
    "barrel_bomb",
    "thermobaric",
    "small_arms",
    "explosive_unspecified",
    "other",
]
Measure = Literal[
    "killed", "injured", "displaced", "missing", "detained", "incidents", "ceasefires", "other"
]
PerpetratorStatus = Literal["alleged", "claimed_responsibility", "confirmed", "unknown"]


class Model(BaseModel):
    """Base for every record: fields may be filled by name or by their JSON alias."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    def to_json(self) -> dict[str, Any]:
        """The record in the contract's JSON form (optional objects left out rather than null)."""
        return _drop_null_objects(self.model_dump(mode="json", by_alias=True))


# Fields whose contract type is an object that may be absent but not null.
OPTIONAL_OBJECTS = frozenset(
    {"span", "cue_span", "content_span", "when", "as_of", "count", "killed", "injured"}
)


def _drop_null_objects(value: Any) -> Any:
    # only containers are walked: a record's JSON is mostly strings and numbers
    if isinstance(value, dict):
        return {
            key: _drop_null_objects(item) if isinstance(item, dict | list) else item
            for key, item in value.items()
            if not (item is None and key in OPTIONAL_OBJECTS)
        }
    if isinstance(value, list):
        return [
            _drop_null_objects(item) if isinstance(item, dict | list) else item for item in value
        ]
    return value


class Span(Model):
    """Character offsets into the analysed text, with the words they cover."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``; the quote always matches the offsets."""
        return cls(start=start, end=end, quote=text[start:end])


class Mention(Model):
    """A labelled span in a document, with the canonical value it resolves to when known."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    label: MentionLabel
    canonical: str | None = None
    origin: str = Field(
        default="model", description="what found it: model, rule, registry, gazetteer"
    )


class ActorRef(Model):
    text: str
    actor: str | None = None
    name: str | None = None
    type: ActorType | None = None
    span: Span | None = None


class Perpetrator(ActorRef):
    status: PerpetratorStatus = "alleged"


class PlaceRef(Model):
    text: str
    precision: Precision = "unknown"
    name: str | None = None
    gazetteer_id: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90, description="WGS 84 latitude")
    lon: float | None = Field(default=None, ge=-180, le=180, description="WGS 84 longitude")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    span: Span | None = None


class When(Model):
    precision: TimePrecision = "unknown"
    text: str | None = None
    start: date | None = None
    end: date | None = None


class Number(Model):
    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    qualifier: Qualifier | None = None
    text: str | None = None
    attributed_to: ActorRef | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="an incident's killed or injured: who gives the number, as the document's "
        "figure of it says (left out when nobody is named)",
    )


class TimeRef(Model):
    """A time expression in the text with its TIMEX3 value and the interval it stands for."""

    span: Span
    value: str | None = Field(default=None, description="TIMEX3 value: 2020-10-22, 2020-W43, P3D")
    timex_type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    when: When = Field(default_factory=lambda: When())


class QuantityRef(Model):
    """A number in the text, with its qualifier, as low/best/high."""

    span: Span
    number: Number


class Weapon(Model):
    text: str
    weapon_class: WeaponClass = Field(alias="class")
    span: Span | None = None


class Target(Model):
    text: str
    target_class: str | None = Field(default=None, alias="class")
    span: Span | None = None


class Victim(Model):
    text: str
    actor: str | None = None
    span: Span | None = None


class Flag(Model):
    """A legal flag with the rule that raised it and the facts it rests on."""

    code: str
    treaty: str | None = None
    actor: str | None = None
    explanation: str = ""
    rule: str | None = None
    facts: list[str] = Field(default_factory=list)


class Incident(Model):
    id: str
    category: Category = "other"
    weapons: list[Weapon] = Field(default_factory=list)
    perpetrators: list[Perpetrator] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    victims: list[Victim] = Field(default_factory=list)
    location: PlaceRef | None = None
    when: When = Field(default_factory=When)
    count: Number | None = None
    killed: Number | None = None
    injured: Number | None = None
    claims: list[str] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    grade: Grade | None = None
    evidence: list[Span] = Field(default_factory=list)
    acled_sub_event_type: str | None = None
    origin: Literal["rules", "learned"] = Field(
        default="rules",
        description="what found it: rules (trigger words and the parse), learned (the event "
        "finder, where the rules found no incident in the report)",
    )
    score: float | None = Field(
        default=None,
        description="the event finder's probability that its sentence reports an event",
    )


class Claim(Model):
    id: str
    source: ActorRef
    stance: Stance = "asserts"
    cue: str | None = None
    hedges: list[str] = Field(default_factory=list)
    when: When | None = None
    about: list[str] = Field(default_factory=list)
    span: Span
    cue_span: Span | None = None
    content_span: Span | None = None


class Figure(Model):
    id: str | None = None
    measure: Measure
    value: Number
    scope: str | None = None
    attributed_to: ActorRef | None = None
    as_of: When | None = None
    span: Span


class DocumentInfo(Model):
    """A source document as the contract shows it."""

    id: str = Field(description="sha256 of the raw bytes")
    text: str
    id_in_batch: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None
    outlet: str | None = None
    media_type: str | None = None
    origin: str | None = Field(default=None, description="id of the document this one copies")
    ingested_at: datetime | None = None


class Extraction(Model):
    """One document's whole reading: the object ``docket extract`` prints."""

    document: DocumentInfo
    incidents: list[Incident] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)


def content_hash(raw: bytes) -> str:
    """The id of a source document: the SHA-256 of its raw bytes, in hex."""
    return hashlib.sha256(raw).hexdigest()


def record_id(kind: str, document_id: str, *parts: object) -> str:
    """A stable id for a record found in a document: the same input always gives the same id.

    ``kind`` is a short prefix (``inc``, ``clm``, ``fig``); ``parts`` are what makes the record
    unique within the document (usually its evidence offsets).
    """
    key = "|".join([document_id, *map(str, parts)])
    return f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"

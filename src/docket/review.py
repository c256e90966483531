"""An analyst's review actions on stored records: accept, edit a field, reject, merge, split.

One path for every face: the API's review route and the web review form call :func:`review`,
whose merge and split are the store's ``merge_incidents`` and ``split_incident``, which the CLI
(``docket incidents merge/split``) calls too. Each writes revisions (the store checks the new
JSON against the record model and audits it); nothing is overwritten.

Merge and split are the link table's (docket.store.link_decisions): merging B into A joins the
reports of both, so A lists the sources and claims of both and is rebuilt from their fields with
their evidence (the narrowest time, the most precise place, every casualty figure); B gets
``merged_into`` A and the status ``merged``. A split takes reports out again: the report
carrying a claim, a named report, or what came from an incident merged by hand.

``place`` sets an incident's place from a gazetteer entry: name, gazetteer id, point, country and
precision together (the quote it was read from stays). Editing ``location.lat`` or
``location.lon`` by hand makes the place a point of the analyst's own: the gazetteer id and the
name that no longer describe it are cleared.
"""

from __future__ import annotations

import copy
import json
import re
import types
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from docket.errors import DocketError
from docket.record import Claim, Figure, Incident, Model, PerpetratorStatus
from docket.store import Store

if TYPE_CHECKING:
    from docket.knowledge.gazetteer.store import Gazetteer, Place

MODELS: dict[str, type[Model]] = {"incident": Incident, "claim": Claim, "figure": Figure}
RECORD_TYPES = tuple(MODELS)
MAX_PATH = 200  # characters of a field path; the deepest real one is far shorter
MAX_REASON = 2000  # characters of a reviewer's reason
MAX_ID = 200  # characters of a record id named in a request
MAX_VALUE = 10_000  # characters of a text value set by a field edit
# Fields an analyst edits from the review queue; any other dotted path works through the API.
EDITABLE = (
    "category",
    "acled_sub_event_type",
    "grade",
    "when.start",
    "when.end",
    "when.precision",
    "perpetrators",
    "victims",
    "targets",
    "weapons",
    "location.name",
    "location.country",
    "location.precision",
    "location.lat",
    "location.lon",
    "killed.best",
    "killed.low",
    "killed.high",
    "injured.best",
    "injured.low",
    "injured.high",
    "count.best",
)
# List fields typed as "name; name (qualifier)": the key each name fills, and the one the
# bracketed qualifier fills (a perpetrator's status, a target's class).
LIST_FIELDS: dict[str, tuple[str, str | None]] = {
    "perpetrators": ("text", "status"),
    "victims": ("text", None),
    "targets": ("text", "class"),
    "weapons": ("class", None),
}
_QUALIFIED = re.compile(r"^(?P<name>.*?)\s*\((?P<qualifier>[^()]*)\)$")
# an edit of these makes the place the analyst's own point (see the module's doc)
POINT_FIELDS = ("location.lat", "location.lon")


def parse_value(text: str) -> Any:
    """A form value: JSON when it parses (numbers, null, lists), else the plain string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _object_model(annotation: Any) -> type[Model] | None:
    """The record model a field holds as one object (``X`` or ``X | None``), else None."""
    options = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else ()
    for option in options or (annotation,):
        if isinstance(option, type) and issubclass(option, Model):
            return option
    return None


def _field_names(model: type[Model]) -> dict[str, Any]:
    """A model's fields by name and by JSON alias, with their annotations."""
    names: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        names[name] = names[info.alias or name] = info.annotation
    return names


def check_path(record_type: str, path: str) -> None:
    """Refuse (E054) a dotted path that does not name a field of the record type's model."""
    shown = path if len(path) <= 60 else path[:60] + "…"
    if not path or len(path) > MAX_PATH or any(not part for part in path.split(".")):
        raise DocketError("E054", f"bad field path {shown!r} ({len(path)} characters)")
    model: type[Model] | None = MODELS[record_type]
    parts = path.split(".")
    for depth, part in enumerate(parts):
        assert model is not None
        names = _field_names(model)
        if part not in names:
            where = ".".join(parts[:depth]) or record_type
            known = ", ".join(sorted(set(names)))
            raise DocketError(
                "E054", f"field {shown!r}: {where} has no field {part!r} (it has {known})"
            )
        model = _object_model(names[part])
        if model is None and depth < len(parts) - 1:
            raise DocketError(
                "E054",
                f"field {shown!r}: {'.'.join(parts[: depth + 1])} is not an object; set it whole",
            )


def unknown_fields(model: type[Model], data: Any, current: Any, prefix: str = "") -> list[str]:
    """Paths in ``data`` that are neither fields of ``model`` nor already in ``current``."""
    if not isinstance(data, dict):
        return []
    names = _field_names(model)
    found = []
    for key, value in data.items():
        here = f"{prefix}{key}"
        before = current.get(key) if isinstance(current, dict) else None
        if key not in names:
            if not (isinstance(current, dict) and key in current):
                found.append(here)
            continue
        inner = _object_model(names[key])
        if inner is not None:
            found += unknown_fields(inner, value, before, here + ".")
    return found


def list_value(field: str, text: str, current: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A list field typed into the edit form (see ``LIST_FIELDS``) as the record's JSON.

    An entry whose name matches one the record already has keeps that entry's actor id and
    quote; an empty text empties the list. E020 for a perpetrator status docket does not know.
    """
    key, qualifier_key = LIST_FIELDS[field]
    known = {str(entry.get(key, "")).casefold(): entry for entry in current}
    entries = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        qualified = _QUALIFIED.match(part) if qualifier_key else None
        name, qualifier = (qualified["name"], qualified["qualifier"]) if qualified else (part, None)
        entry = dict(known.get(name.casefold(), {key: name}))
        if key != "text":
            entry.setdefault("text", name)
        if qualifier_key and qualifier:
            if qualifier_key == "status" and qualifier not in get_args(PerpetratorStatus):
                allowed = ", ".join(get_args(PerpetratorStatus))
                raise DocketError("E020", f"{field}: unknown status {qualifier!r}; use {allowed}")
            entry[qualifier_key] = qualifier
        entries.append(entry)
    return entries


def form_value(field: str, text: str, data: dict[str, Any]) -> Any:
    """What the edit form's ``text`` means for ``field`` of a record whose JSON is ``data``."""
    if field in LIST_FIELDS:
        return list_value(field, text, list(data.get(field) or []))
    return parse_value(text)


def place_ref(place: Place, current: dict[str, Any] | None) -> dict[str, Any]:
    """The incident's ``location`` set to a gazetteer entry; the text and quote it was read
    from are kept."""
    kept = current or {}
    return {
        "text": kept.get("text") or place.name,
        "span": kept.get("span"),
        "name": place.name,
        "gazetteer_id": place.id,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country or None,
        "precision": place.precision,
    }


def place_choices(
    gazetteer: Gazetteer, text: str, country: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """The place picker's answers for ``text``: each gazetteer entry with its admin chain
    (district, region, country), kind, precision and point."""
    choices = []
    for found in gazetteer.search(text, limit, country):
        place = found.place
        nation = gazetteer.country(place.country) if place.country else None
        chain = [place.admin2, place.admin1, nation.name if nation else place.country]
        if place.kind in ("country", "continent", "macro-region", "sea"):
            chain = []
        elif place.kind == "admin1":
            chain = chain[2:]
        choices.append(
            {
                "id": place.id,
                "name": place.name,
                "kind": place.kind,
                "precision": place.precision,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country or None,
                "admin": ", ".join(dict.fromkeys(part for part in chain if part)),
                "population": place.population,
                "alias": not found.primary,
            }
        )
    return choices


def with_field(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with the dotted ``path`` set (missing objects are made)."""
    parts = path.split(".")
    if not path or any(not part for part in parts):
        raise DocketError("E054", f"bad field path {path!r}")
    if parts[0] == "id":
        raise DocketError("E054", "a record's id cannot be edited")
    new = copy.deepcopy(data)
    node = new
    for part in parts[:-1]:
        child = node.get(part)
        if child is None:
            child = node[part] = {}
        if not isinstance(child, dict):
            raise DocketError("E054", f"{path!r}: {part} is not an object")
        node = child
    node[parts[-1]] = value
    return new


def _first(record_id: str, revisions: dict[str, int]) -> list[int]:
    """The revision numbers written, the named record's first."""
    return [n for _, n in sorted(revisions.items(), key=lambda item: item[0] != record_id)]


def review(
    store: Store,
    record_type: str,
    record_id: str,
    action: str,
    author: str,
    *,
    field: str | None = None,
    value: Any = None,
    data: dict[str, Any] | None = None,
    into: str | None = None,
    reason: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[int]:
    """Apply one review action; returns the revision numbers written (the record's first).

    ``merge`` merges ``record_id`` into ``into``; ``split`` undoes the merge of ``record_id``
    (or, on the incident kept, of ``into``); ``place`` sets an incident's place to the
    gazetteer entry whose id is ``value`` (``gazetteer`` must be given).
    """
    if record_type not in RECORD_TYPES:
        raise DocketError("E020", f"unknown record type {record_type!r}")
    for name, text, most in [
        ("reason", reason, MAX_REASON),
        ("into", into, MAX_ID),
        ("value", value if isinstance(value, str) else None, MAX_VALUE),
    ]:
        if text is not None and len(text) > most:
            raise DocketError(
                "E056", f"{name} has {len(text):,} characters; at most {most:,} are accepted"
            )
    if action in ("accept", "reject"):
        return [store.revise(record_type, record_id, action, None, author, reason)]
    if action == "edit":
        current = store.record_data(record_type, record_id)
        detail: dict[str, Any] | None = None
        if data is None:
            if not field:
                raise DocketError("E020", "an edit needs a field and a value, or the whole data")
            check_path(record_type, field)
            data = with_field(current, field, value)
            if field in POINT_FIELDS and isinstance(data.get("location"), dict):
                data["location"] |= {"gazetteer_id": None, "name": None, "precision": "point"}
            detail = {"field": field, "value": value}
        elif unknown := unknown_fields(MODELS[record_type], data, current):
            raise DocketError("E054", f"unknown fields of {record_type}: {', '.join(unknown[:10])}")
        return [store.revise(record_type, record_id, "edit", data, author, reason, detail)]
    if action == "place":
        if record_type != "incident" or gazetteer is None or not value:
            raise DocketError("E020", "a place edit needs an incident and a gazetteer id")
        place = gazetteer.by_id(str(value))
        if place is None:
            raise DocketError("E090", f"no gazetteer place {value!r}; search the gazetteer again")
        data = store.record_data(record_type, record_id)
        data["location"] = place_ref(place, data.get("location"))
        detail = {"field": "location", "place": place.id, "name": place.name}
        return [store.revise(record_type, record_id, "edit", data, author, reason, detail)]
    if action in ("merge", "split") and record_type != "incident":
        raise DocketError("E020", f"only incidents can be {action}d")
    if action == "merge":
        if not into or into == record_id:
            raise DocketError("E020", "a merge needs another incident to merge into ('into')")
        return _first(record_id, store.merge_incidents(into, record_id, author, reason).revisions)
    if action == "split":
        done = store.split_incident(record_id, author, other=into or None, reason=reason)
        return _first(record_id, done.revisions)
    raise DocketError("E020", f"unknown action {action!r}")

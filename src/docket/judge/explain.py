"""Sentences a researcher can quote: how the judge words each flag's explanation."""

from __future__ import annotations

from datetime import date

from docket.judge.states import name
from docket.judge.treaties import Status
from docket.knowledge.weapon_classes import class_map

PROTECTION = {
    "medical": "medical units and personnel (Geneva Convention IV Art. 18; Additional Protocol I "
    "Art. 12; customary IHL rules 25 and 28)",
    "school": "schools as civilian objects (customary IHL rules 7 and 10)",
    "worship": "places of worship (Additional Protocol I Art. 53; customary IHL rule 38)",
    "humanitarian": "humanitarian relief personnel and objects (Additional Protocol I Art. 71; "
    "customary IHL rules 31 and 32)",
    "journalists": "journalists as civilians (Additional Protocol I Art. 79; customary IHL rule 34)",
    "cultural": "cultural property (1954 Hague Convention; customary IHL rule 38)",
}


def weapon_words(weapon_class: str) -> str:
    return class_map("words").get(weapon_class, weapon_class.replace("_", " "))


def listing(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def standing(status: Status) -> str:
    """'a party to it (in force for it since 2010-11-01)', 'not a party to it', ..."""
    caveat = "; the table marks this entry unverified" if status.unsure else ""
    if status.status in ("party", "endorsed"):
        return f"a party to it ({status.reason}{caveat})"
    if status.status == "signatory":
        return f"a signatory that had not ratified it ({status.reason}{caveat})"
    if status.status == "withdrawn":
        return f"no longer a party to it ({status.reason}{caveat})"
    return f"not a party to it{' (' + caveat[2:] + ')' if caveat else ''}"


def roles_of(state: str, roles: dict[str, list[str]]) -> str:
    words = listing(roles.get(state, []))
    return f"{name(state)} ({words})" if words else name(state)


def non_party(
    weapon_class: str, label: str, on: date, statuses: list[Status], roles: dict[str, list[str]]
) -> str:
    """The explanation of prohibited_weapon_non_party."""
    outside = [s for s in statuses if not s.bound]
    inside = [s for s in statuses if s.bound]
    head = f"{weapon_words(weapon_class).capitalize()} are prohibited by {label}. "
    names = [roles_of(s.state, roles) for s in outside]
    if len(outside) == 1:
        middle = f"On {on.isoformat()}, {names[0]} was {standing(outside[0])}"
    elif len(outside) == 2:
        middle = f"On {on.isoformat()}, neither {names[0]} nor {names[1]} was a party to it"
    else:
        middle = f"On {on.isoformat()}, none of {listing(names)} was a party to it"
    detail = [
        f"{name(s.state)} was {standing(s)}"
        for s in outside
        if s.status in ("signatory", "withdrawn")
    ]
    extra = f" ({'; '.join(detail)})" if detail and len(outside) > 1 else ""
    bound = "".join(f" {roles_of(s.state, roles)} was {standing(s)}." for s in inside)
    return (
        head
        + middle
        + extra
        + ": the alleged use is not a breach of that treaty by a non-party, though it remains "
        "subject to the rules of international humanitarian law on indiscriminate attacks." + bound
    )


def state_party(
    weapon_class: str, label: str, on: date, status: Status, roles: dict[str, list[str]]
) -> str:
    """The explanation of prohibited_weapon_state_party."""
    return (
        f"{weapon_words(weapon_class).capitalize()} are prohibited by {label}. On {on.isoformat()}, "
        f"{roles_of(status.state, roles)} was {standing(status)}: use by it on that date would "
        f"breach the treaty."
    )


def populated(weapon_class: str, where: str, on: date, endorsements: list[Status]) -> str:
    """The explanation of explosive_weapon_populated_area."""
    parts = [
        f"{weapon_words(weapon_class).capitalize()} are explosive weapons with wide-area effects, and "
        f"the text places their use in a populated area ({where}). Such use risks indiscriminate "
        "effects prohibited by international humanitarian law (customary IHL rules 11-14)."
    ]
    declaration = (
        "the 2022 Political Declaration on Explosive Weapons in Populated Areas, which commits its "
        "endorsers to restrict or refrain from such use"
    )
    for status in endorsements:
        if status.status == "unknown":
            parts.append(
                f"docket's table records no endorsement by {name(status.state)} of {declaration}."
            )
            continue
        verb = "had endorsed" if status.bound else "had not endorsed"
        parts.append(f"On {on.isoformat()}, {name(status.state)} {verb} {declaration}.")
    return " ".join(parts)


def protected(kinds: list[str], quote: str) -> str:
    """The explanation of near_protected_site."""
    laws = listing([PROTECTION[k] for k in kinds])
    return (
        f"The text places the attack at or near a protected site or person: \u201c{quote.rstrip('.')}\u201d. "
        f"International humanitarian law specially protects {laws}."
    )


def no_objective(quote: str) -> str:
    """The explanation of populated_area_no_military_objective."""
    return (
        f"A source says no military objective was found where the attack struck a populated area: "
        f"\u201c{quote.rstrip('.')}\u201d. An attack not directed at a specific military objective is "
        "indiscriminate and prohibited (principle of distinction: Additional Protocol I Arts. 48 and "
        "51(4); customary IHL rules 1, 7 and 11-12)."
    )

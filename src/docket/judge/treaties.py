"""Treaty status of a state on a date, and the instruments that govern each weapon class.

The tables live in ``docket/knowledge/treaties/`` (one CSV per instrument, described with its
source and as-of date in ``treaties.json``) and ``docket/knowledge/weapon_law.csv``. They are read
on first use and cached; nothing is read at import.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from docket.judge.dates import bounds, entry_into_force

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
TREATIES_DIR = KNOWLEDGE_DIR / "treaties"

StatusCode = Literal["party", "endorsed", "signatory", "not_party", "withdrawn", "unknown"]


@dataclass(frozen=True)
class Treaty:
    """An instrument: its names, dates, entry-into-force rule, source and as-of date."""

    id: str
    name: str
    short: str
    year: int
    kind: str  # treaty, protocol, declaration
    in_force: date
    eif_rule: dict[str, str]
    withdrawal_rule: str
    source: str
    as_of_text: str  # the table's as-of date as its sources give it: '2026', '2014-01-27'
    covered_until: date | None  # a state absent from the table was no party on this day
    gap_states: frozenset[str]  # states the latest source omits: covered only to the scrape
    scrape_as_of: date | None
    file: str

    @property
    def as_of(self) -> date:
        """The first day the table's as-of date can stand for."""
        found = bounds(self.as_of_text)
        assert found is not None
        return found[0]

    @property
    def complete(self) -> bool:
        """True when a source lists every party and signatory (up to its as-of date)."""
        return self.covered_until is not None

    def covered_for(self, state: str) -> date | None:
        """The last day on which the table's sources list the state if it had joined."""
        if state in self.gap_states:
            return self.scrape_as_of
        return self.covered_until

    def eif_article(self, deposit: date) -> tuple[str, str]:
        """The article that fixes entry into force for a deposit on ``deposit``, and its rule."""
        rule = self.eif_rule
        if deposit <= date.fromisoformat(rule["trigger"]):
            return rule["general_article"], "the instrument's own entry into force"
        return rule["later_article"], rule["later_text"]

    @property
    def label(self) -> str:
        """How explanations name it: 'the Convention on Cluster Munitions (2008)'."""
        return f"the {self.name} ({self.year})" if len(self.name) < 60 else f"the {self.short}"


@dataclass(frozen=True)
class Row:
    """One state's line in a treaty table, as written."""

    state: str
    signature: str
    consent: str
    consent_type: str
    entry_into_force: str
    withdrawal_notified: str
    withdrawal_effective: str
    unsure: bool
    source: str
    as_of: str
    note: str


@dataclass(frozen=True)
class Status:
    """Where a state stood with a treaty on a date, with the dates and the source it rests on."""

    state: str
    treaty: Treaty
    on: date
    status: StatusCode
    row: Row | None
    unsure: bool
    reason: str

    @property
    def bound(self) -> bool:
        """True when the state was bound by (or, for a declaration, had endorsed) the instrument."""
        return self.status in ("party", "endorsed")

    def to_json(self) -> dict[str, Any]:
        row = self.row
        return {
            "state": self.state,
            "treaty": self.treaty.id,
            "treaty_name": self.treaty.name,
            "on": self.on.isoformat(),
            "status": self.status,
            "signature": (row.signature or None) if row else None,
            "consent": (row.consent or None) if row else None,
            "consent_type": (row.consent_type or None) if row else None,
            "entry_into_force": (row.entry_into_force or None) if row else None,
            "withdrawal_notified": (row.withdrawal_notified or None) if row else None,
            "withdrawal_effective": (row.withdrawal_effective or None) if row else None,
            "unsure": self.unsure,
            "reason": self.reason,
            "note": row.note if row else "",
            "source": row.source if row else self.treaty.source,
            "as_of": (row.as_of if row else "") or self.treaty.as_of_text,
            "table_source": self.treaty.source,
            "table_as_of": self.treaty.as_of_text,
            "table_complete": self.treaty.complete,
        }


@lru_cache(maxsize=1)
def sidecar() -> dict[str, Any]:
    """The description of the treaty tables: sources, as-of date, columns, rules."""
    with (TREATIES_DIR / "treaties.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@lru_cache(maxsize=1)
def treaties() -> dict[str, Treaty]:
    """Every tabled instrument by id (ccm, apmbc, ccw, ccw_p2a, ccw_p3, ccw_p5, cwc, att, rome,
    ewipa)."""
    meta = sidecar()
    return {
        t["id"]: Treaty(
            id=t["id"],
            name=t["name"],
            short=t["short"],
            year=int(t["year"]),
            kind=t["kind"],
            in_force=date.fromisoformat(t["in_force"]),
            eif_rule=t["eif_rule"],
            withdrawal_rule=t["withdrawal_rule"],
            source=t["source"],
            as_of_text=t["as_of"],
            covered_until=covered_until(t),
            gap_states=frozenset(t["gap_states"]),
            scrape_as_of=date.fromisoformat(t["sources"][0]["as_of"]) if t["reference"] else None,
            file=t["file"],
        )
        for t in meta["treaties"]
    }


def covered_until(entry: dict[str, Any]) -> date | None:
    """The as-of day of a table whose sources list every party and signatory, else None."""
    if not entry["reference"]:
        return None
    found = bounds(entry["as_of"])
    assert found is not None
    return found[0]


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(
                state=r["state"],
                signature=r["signature"],
                consent=r["consent"],
                consent_type=r["consent_type"],
                entry_into_force=r["entry_into_force"],
                withdrawal_notified=r["withdrawal_notified"],
                withdrawal_effective=r["withdrawal_effective"],
                unsure=r["unsure"] == "1",
                source=r["source"],
                as_of=r["as_of"],
                note=r["note"],
            )
            for r in csv.DictReader(handle)
        ]


@cache
def table(treaty_id: str) -> dict[str, Row]:
    """The rows of one treaty's table by ISO3 state code."""
    treaty = treaty_or_error(treaty_id)
    return {row.state: row for row in read_rows(TREATIES_DIR / treaty.file)}


def treaty_or_error(treaty_id: str) -> Treaty:
    from docket.errors import DocketError

    known = treaties()
    if treaty_id not in known:
        raise DocketError("E030", f"unknown treaty {treaty_id!r}; known: {', '.join(known)}")
    return known[treaty_id]


def eif_bounds(row: Row, treaty: Treaty) -> tuple[date, date] | None:
    """The first and last day on which the instrument may have entered into force for the state."""
    if row.entry_into_force:
        return bounds(row.entry_into_force)
    consent = bounds(row.consent)
    if consent is None:
        return None
    return entry_into_force(consent[0], treaty.eif_rule), entry_into_force(
        consent[1], treaty.eif_rule
    )


def in_force_reason(row: Row, treaty: Treaty, eif: tuple[date, date]) -> str:
    """'in force for it since 2010-11-01 (Art. 17(2): the first day of the sixth month after the
    date of deposit; consent deposited 2010-05-04)'."""
    consent = bounds(row.consent)
    if treaty.kind == "declaration":
        return f"endorsed on {row.consent}" if eif[0] == eif[1] else f"endorsed in {row.consent}"
    if consent is None or consent[0] != consent[1]:
        if eif[0] == eif[1]:
            return f"in force for it since {eif[0].isoformat()}"
        return (
            f"in force for it by {eif[1].isoformat()} (consent dated only to {row.consent}; "
            f"{treaty.eif_rule['later_article']}: {treaty.eif_rule['later_text']})"
        )
    article, rule = treaty.eif_article(consent[0])
    return (
        f"in force for it since {eif[0].isoformat()} ({article}: {rule}; consent deposited "
        f"{row.consent})"
    )


def status_of(row: Row | None, treaty: Treaty, state: str, on: date) -> Status:
    """The status a table row gives on the day ``on``."""

    def made(code: StatusCode, reason: str, unsure: bool = False) -> Status:
        if code == "party" and treaty.kind == "declaration":
            code = "endorsed"
        return Status(state, treaty, on, code, row, unsure or bool(row and row.unsure), reason)

    covered = treaty.covered_for(state)
    if row is None:
        if covered is None:
            return made("unknown", "not recorded: no source lists this instrument's parties")
        if on <= covered:
            return made("not_party", "had not signed or joined by then")
        return made(
            "not_party",
            f"not among its parties or signatories as of "
            f"{treaty.as_of_text if covered == treaty.covered_until else covered.isoformat()} "
            "(the sources' date); later changes are not recorded",
        )
    joined = bool(row.consent or row.consent_type)
    eif = eif_bounds(row, treaty) if joined else None
    withdrawn = bounds(row.withdrawal_effective)
    if withdrawn is not None and on >= withdrawn[0]:
        if joined and (eif is None or eif[0] < withdrawn[0]):
            return made(
                "withdrawn",
                f"withdrawal effective {row.withdrawal_effective} (notified "
                f"{row.withdrawal_notified or 'on a date not recorded'}; {treaty.withdrawal_rule})",
            )
        return made("not_party", row.note or f"withdrew on {row.withdrawal_effective}")
    if joined:
        if eif is None:
            return made("party", "a party by the table's as-of date; date not recorded", True)
        if on >= eif[1]:
            return made("party", in_force_reason(row, treaty, eif))
        if on >= eif[0]:
            return made(
                "party",
                f"entry into force for it fell between {eif[0]} and {eif[1]}; the table does "
                "not fix the day",
                True,
            )
    signed = bounds(row.signature)
    if signed is not None and on >= signed[1]:
        later = (
            f"; later ratification would not be recorded after {covered.isoformat()}"
            if covered is not None and on > covered and not joined
            else ""
        )
        return made("signatory", f"signed on {row.signature}; not ratified by then{later}")
    if joined and eif is not None:
        verb = "endorsed it on" if treaty.kind == "declaration" else "in force for it from"
        when = row.consent if treaty.kind == "declaration" else eif[0].isoformat()
        return made("not_party", f"not yet: {verb} {when}")
    return made("not_party", "had not signed or joined by then")


def treaty_status(state_iso3: str, treaty_id: str, on: date) -> Status:
    """Where the state ``state_iso3`` stood with treaty ``treaty_id`` on the day ``on``."""
    treaty = treaty_or_error(treaty_id)
    return status_of(table(treaty_id).get(state_iso3), treaty, state_iso3, on)


def state_report(state_iso3: str, on: date) -> list[Status]:
    """The state's status with every tabled instrument on ``on``."""
    return [treaty_status(state_iso3, treaty_id, on) for treaty_id in treaties()]


@dataclass(frozen=True)
class WeaponRule:
    """One line of weapon law: an instrument that governs a weapon class, and how."""

    weapon_class: str
    treaty: str
    relation: str  # prohibits, restricts, remnants, transfer, political_commitment, war_crime
    provision: str
    wide_area: bool  # an explosive weapon with wide-area effects (EWIPA Declaration)
    note: str


def read_commented_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def weapon_law() -> list[WeaponRule]:
    """The weapon-law table (docket/knowledge/weapon_law.csv)."""
    return [
        WeaponRule(
            r["weapon_class"],
            r["treaty"],
            r["relation"],
            r["provision"],
            r["wide_area"] == "1",
            r["note"],
        )
        for r in read_commented_csv(KNOWLEDGE_DIR / "weapon_law.csv")
    ]


def wide_area(weapon_class: str) -> bool:
    """True when ``weapon_class`` is an explosive weapon with wide-area effects."""
    return any(rule.wide_area for rule in rules_for_weapon(weapon_class))


def rules_for_weapon(weapon_class: str, relation: str | None = None) -> list[WeaponRule]:
    """The instruments governing ``weapon_class`` (only those with ``relation`` when given)."""
    return [
        rule
        for rule in weapon_law()
        if rule.weapon_class == weapon_class and (relation is None or rule.relation == relation)
    ]


def weapon_report(
    weapon_class: str, state_iso3: str | None, on: date
) -> list[tuple[WeaponRule, Status | None]]:
    """Each rule for ``weapon_class``, with the state's status under its instrument on ``on``."""
    rows = []
    for rule in rules_for_weapon(weapon_class):
        status = None
        if state_iso3 is not None and rule.treaty in treaties():
            status = treaty_status(state_iso3, rule.treaty, on)
        rows.append((rule, status))
    return rows

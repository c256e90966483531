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
    complete: bool
    source: str
    as_of: date
    file: str

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
            "source": self.treaty.source,
            "as_of": self.treaty.as_of.isoformat(),
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
    as_of = date.fromisoformat(meta["as_of"])
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
            complete=bool(t["complete"]),
            source=t["source"],
            as_of=date.fromisoformat(t.get("as_of", meta["as_of"])) if t.get("as_of") else as_of,
            file=t["file"],
        )
        for t in meta["treaties"]
    }


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


def status_of(row: Row | None, treaty: Treaty, state: str, on: date) -> Status:
    """The status a table row gives on the day ``on``."""

    def made(code: StatusCode, reason: str, unsure: bool = False) -> Status:
        if code == "party" and treaty.kind == "declaration":
            code = "endorsed"
        return Status(state, treaty, on, code, row, unsure or bool(row and row.unsure), reason)

    if row is None:
        if treaty.complete:
            return made("not_party", "not in the table of parties and signatories")
        return made("unknown", "not recorded: this table lists only some of the parties")
    joined = bool(row.consent or row.consent_type)
    eif = eif_bounds(row, treaty) if joined else None
    withdrawn = bounds(row.withdrawal_effective)
    if withdrawn is not None and on >= withdrawn[0]:
        if joined and (eif is None or eif[0] < withdrawn[0]):
            return made("withdrawn", f"withdrawal effective {row.withdrawal_effective}")
        return made("not_party", row.note or f"withdrew on {row.withdrawal_effective}")
    if joined:
        if eif is None:
            return made("party", "a party by the table's as-of date; date not recorded", True)
        if on >= eif[1]:
            verb = "endorsed on" if treaty.kind == "declaration" else "in force for it since"
            if eif[0] != eif[1]:
                verb = "endorsed by" if treaty.kind == "declaration" else "in force for it by"
                return made("party", f"{verb} {eif[1]} (consent dated only to {row.consent})")
            return made("party", f"{verb} {eif[1].isoformat()}")
        if on >= eif[0]:
            return made(
                "party",
                f"entry into force for it fell between {eif[0]} and {eif[1]}; the table does "
                "not fix the day",
                True,
            )
    signed = bounds(row.signature)
    if signed is not None and on >= signed[1]:
        return made("signatory", f"signed on {row.signature}; not ratified by then")
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

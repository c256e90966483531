"""Answers to status questions, as ``docket treaty`` asks them: one state, or one weapon class."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from docket.errors import DocketError
from docket.judge.states import iso3, name
from docket.judge.treaties import state_report, treaties, weapon_report
from docket.record import WeaponClass


def state_code(text: str) -> str:
    """The ISO3 code of a state given as ISO2, ISO3 or an English name; E031 when unknown."""
    code = iso3(text)
    if code is None:
        raise DocketError("E031", f"no state called {text!r}")
    return code


STATUS_WORDS = {
    "party": "a party",
    "endorsed": "endorsed",
    "signatory": "a signatory, not a party",
    "not_party": "not a party",
    "withdrawn": "withdrew",
    "unknown": "not recorded",
}


def incomplete_tables() -> list[str]:
    """One line per table that cannot answer for every state: no source, or an old one."""
    lines = []
    for t in treaties().values():
        if not t.complete:
            lines.append(f"{t.short}: no source; only some states recorded ({t.source})")
        elif t.as_of.year < date.today().year - 1:
            lines.append(f"{t.short}: complete only as of {t.as_of_text} ({t.source})")
    return lines


def answer(state: str | None, weapon: str | None, on: date) -> dict[str, Any]:
    """Status rows for ``state`` on ``on`` (every instrument), or the instruments governing
    ``weapon`` with ``state``'s status under each when a state is given."""
    code = state_code(state) if state else None
    if weapon is None:
        if code is None:
            raise DocketError("E031", "give a state, or --weapon CLASS")
        rows = [s.to_json() for s in state_report(code, on)]
        return {
            "state": code,
            "state_name": name(code),
            "on": on.isoformat(),
            "rows": rows,
            "incomplete": incomplete_tables(),
        }
    if weapon not in get_args(WeaponClass):
        raise DocketError(
            "E030", f"unknown weapon class {weapon!r}; one of {', '.join(get_args(WeaponClass))}"
        )
    rows = []
    for rule, status in weapon_report(weapon, code, on):
        treaty = treaties().get(rule.treaty)
        row: dict[str, Any] = {
            "treaty": rule.treaty,
            "treaty_name": treaty.name if treaty else rule.treaty,
            "relation": rule.relation,
            "provision": rule.provision,
            "wide_area": rule.wide_area,
            "note": rule.note,
        }
        if status is not None:
            row |= {"status": status.status, "reason": status.reason, "unsure": status.unsure}
        rows.append(row)
    return {
        "weapon": weapon,
        "state": code,
        "state_name": name(code) if code else None,
        "on": on.isoformat(),
        "rows": rows,
    }

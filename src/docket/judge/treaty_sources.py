"""Reconcile a treaty's reference table (sourced) with docket's earlier hand-written table.

The reference tables (``../shared/reference/treaties/*.csv``, described by its ``SOURCES.md``)
give each row's sources; docket's earlier tables (``knowledge/treaties/earlier/*.csv``, as of
2025-08-31) rest on no source. :func:`reconcile` makes one table of the two, row by row:

- a sourced value always wins over the earlier table's, and the row's note names what it replaced;
  between sources the later one wins (a state the 2014 scrape lists as a signatory and the 2026
  list as a party is a party, and the note says so);
- the earlier table fills only what the sources leave open: a day of deposit inside the year a
  source gives, a signature or withdrawal a source does not state, a state that joined after the
  source's date, or a state the 2026 list omits (its ``gap_states``). Such rows are ``unsure``;
- an earlier row that a complete source contradicts (the state is absent from a list that was
  complete on a date after the earlier row's dates) is dropped, and the build reports it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docket.judge.dates import add_months, bounds

EARLIER_AS_OF = "2025-08-31"
EARLIER_SOURCE = "none: docket's earlier hand-written table (as of 2025-08-31), unverified"
FACTS = ("signature", "consent", "consent_type", "withdrawal_notified", "withdrawal_effective")
FILE_DATE = re.compile(r"file last changed (\d{4}-\d{2}-\d{2})")


@dataclass
class Reconciled:
    """The rows of one rebuilt table, and what the build should report about them."""

    rows: list[dict[str, str]]
    dropped: list[str] = field(default_factory=list)


def read_reference(path: Path) -> dict[str, dict[str, str]]:
    """A reference table by state (its column ``state_iso3`` renamed ``state``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {r["state_iso3"]: {**r, "state": r["state_iso3"]} for r in rows}


def read_earlier(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["state"]: r for r in csv.DictReader(handle)}


def first_day(text: str) -> date:
    found = bounds(text)
    assert found is not None
    return found[0]


def row_as_of(ref: dict[str, str], status_as_of: str) -> str:
    """The latest dated source a reference row rests on (news pages: the dates they report)."""
    dates = FILE_DATE.findall(ref["source"])
    if "mondiale" in ref["source"]:
        dates.append(status_as_of)
    if "http" in ref["source"]:
        dates += [ref[c] for c in ("withdrawal_notified", "withdrawal_effective") if ref[c]]
    return max(dates, key=first_day) if dates else ""


def finer(earlier: str, sourced: str) -> bool:
    """True when ``earlier`` is a more precise date inside the sourced year or month."""
    return len(earlier) > len(sourced) and earlier.startswith(sourced + "-")


def merge_row(
    ref: dict[str, str], old: dict[str, str] | None, treaty: dict[str, Any], status_as_of: str
) -> dict[str, str]:
    """One reference row, with what docket's earlier table may add to it."""
    out = {c: ref[c] for c in FACTS}
    notes: list[str] = []
    unsure = False
    has_scrape, has_status = "zmjones" in ref["source"], "mondiale" in ref["source"]
    scrape_date = treaty["sources"][0]["as_of"]
    if has_scrape and has_status and len(ref["consent"]) == 4:
        notes.append(
            f"the UN Treaty Collection scrape of {scrape_date} lists it as a signatory only; "
            f"the later status list ({status_as_of}) has it joining in {ref['consent']}, which is used"
        )
    if has_status and "http" in ref["source"] and ref["withdrawal_effective"]:
        notes.append(
            f"the status list ({status_as_of}) still shows it as a party; the later withdrawal "
            "reported by the news pages is used"
        )
    if old is not None:
        replaced = []
        scrape_says_not_yet = has_scrape and len(ref["consent"]) == 4
        if (
            ref["consent"]
            and finer(old["consent"], ref["consent"])
            and not (scrape_says_not_yet and first_day(old["consent"]) <= first_day(scrape_date))
        ):
            out["consent"], out["consent_type"] = old["consent"], old["consent_type"]
            unsure = True
            notes.append(
                f"day of consent {old['consent']} from docket's earlier table (unverified), "
                f"within the source's {ref['consent']}"
            )
        elif (
            not ref["consent"]
            and old["consent"]
            and first_day(old["consent"]) > first_day(row_as_of(ref, status_as_of) or scrape_date)
        ):
            out["consent"], out["consent_type"] = old["consent"], old["consent_type"]
            unsure = True
            notes.append(
                f"consent {old['consent']} from docket's earlier table (unverified): later than "
                "the source's date"
            )
        elif old["consent"] != ref["consent"] or (
            ref["consent_type"] and old["consent_type"] not in (ref["consent_type"], "consent")
        ):
            replaced.append(f"consent {old['consent'] or 'none'} {old['consent_type']}".rstrip())
        if not ref["signature"] and old["signature"] and not has_scrape:
            out["signature"] = old["signature"]
            unsure = True
            notes.append(f"signature {old['signature']} from docket's earlier table (unverified)")
        elif old["signature"] != ref["signature"]:
            replaced.append(f"signature {old['signature'] or 'none'}")
        for column in ("withdrawal_notified", "withdrawal_effective"):
            if old[column] and not ref[column]:
                out[column] = old[column]
                unsure = True
                notes.append(
                    f"{column.replace('_', ' ')} {old[column]} from docket's earlier table "
                    "(unverified; the sources do not state it)"
                )
            elif old[column] != ref[column] and old[column]:
                replaced.append(f"{column.replace('_', ' ')} {old[column]}")
        if replaced:
            notes.append(
                f"docket's earlier table had {'; '.join(replaced)}: the source's value is used"
            )
        if old["note"] and old["note"] != "signatory":
            notes.append(f"earlier note: {old['note']}")
    months = treaty.get("withdrawal_months")
    if out["withdrawal_notified"] and not out["withdrawal_effective"] and months:
        day = add_months(first_day(out["withdrawal_notified"]), months)
        out["withdrawal_effective"] = day.isoformat()
        notes.append(f"withdrawal effective computed by {treaty['withdrawal_article']}")
    return {
        "state": ref["state"],
        **out,
        "entry_into_force": "",
        "unsure": "1" if unsure else "0",
        "source": ref["source"],
        "as_of": row_as_of(ref, status_as_of),
        "note": "; ".join(notes),
    }


def earlier_only(old: dict[str, str], note: str) -> dict[str, str]:
    return {
        "state": old["state"],
        **{c: old[c] for c in FACTS},
        "entry_into_force": "",
        "unsure": "1",
        "source": EARLIER_SOURCE,
        "as_of": EARLIER_AS_OF,
        "note": "; ".join(n for n in (note, old["note"]) if n and n != "signatory"),
    }


def reconcile(
    treaty: dict[str, Any],
    reference: dict[str, dict[str, str]] | None,
    earlier: dict[str, dict[str, str]],
) -> Reconciled:
    """The table of ``treaty`` (its sidecar entry) from its reference rows and earlier rows."""
    if reference is None:
        note = "no source covers this instrument"
        return Reconciled([earlier_only(earlier[s], note) for s in sorted(earlier)])
    status_as_of = next((s["as_of"] for s in treaty["sources"] if s["key"] == "status_2026"), "")
    scrape_as_of = treaty["sources"][0]["as_of"]
    out = Reconciled([])
    for state in sorted(set(reference) | set(earlier)):
        ref, old = reference.get(state), earlier.get(state)
        if ref is not None:
            out.rows.append(merge_row(ref, old, treaty, status_as_of))
            continue
        assert old is not None
        covered = (
            scrape_as_of if state in treaty["gap_states"] or not status_as_of else status_as_of
        )
        when = old["consent"] or old["signature"]
        if when and first_day(when) > first_day(covered):
            out.rows.append(
                earlier_only(old, f"not in the sources, which end on {covered} for this state")
            )
        else:
            out.dropped.append(
                f"{state}: in docket's earlier table ({when or 'no date'}) but not in the sources "
                f"as of {covered}; dropped"
            )
    return out

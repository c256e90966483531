"""Build the treaty tables: ``python -m docket.judge.treaty_build [--reference DIR] [--check]``.

A maintenance tool for the data in ``docket/knowledge/treaties/``, kept beside the judge whose date
rules (:mod:`docket.judge.dates`) and sidecar reader (:mod:`docket.judge.treaties`) it uses. With
``--reference DIR`` (the shared ``reference/treaties`` folder) every table named in
``treaties.json`` is rebuilt from its reference table and docket's earlier table
(:mod:`docket.judge.treaty_sources`); without it the tables in place are normalised. Either way
each state code must be an ISO 3166-1 alpha-3 code and appear once; dates must be ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``; a full consent date gets its entry into force (re)computed by the
instrument's rule; rows are sorted by state. With ``--check`` nothing is written and the exit
status says whether the tables are already what the build would write.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from docket.errors import DocketError
from docket.judge.dates import bounds, entry_into_force
from docket.judge.treaties import TREATIES_DIR, sidecar
from docket.judge.treaty_sources import read_earlier, read_reference, reconcile

COLUMNS = [
    "state",
    "signature",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
    "unsure",
    "source",
    "as_of",
    "note",
]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DATE_COLUMNS = (
    "signature",
    "consent",
    "entry_into_force",
    "withdrawal_notified",
    "withdrawal_effective",
    "as_of",
)


def problems_in(rows: list[dict[str, str]]) -> list[str]:
    """What is wrong with a table's rows, one line each."""
    import pycountry

    found: list[str] = []
    seen: set[str] = set()
    for row in rows:
        state = row["state"]
        if state in seen:
            found.append(f"{state}: listed twice")
        seen.add(state)
        if pycountry.countries.get(alpha_3=state) is None:
            found.append(f"{state}: not an ISO 3166-1 alpha-3 code")
        for column in DATE_COLUMNS:
            value = row[column]
            if value and not DATE.match(value):
                found.append(f"{state}: {column} {value!r} is not YYYY[-MM[-DD]]")
            elif value:
                bounds(value)  # raises on an impossible date such as 2010-02-30
        if row["unsure"] not in ("0", "1"):
            found.append(f"{state}: unsure must be 0 or 1")
        if not row["source"]:
            found.append(f"{state}: no source named (write 'none: ...' for an unsourced row)")
    return found


def normalised(rows: list[dict[str, str]], rule: dict[str, str]) -> list[dict[str, str]]:
    """The rows sorted by state, with entry into force filled from a full consent date."""
    out = []
    for row in sorted(rows, key=lambda r: r["state"]):
        row = dict(row)
        if row["consent"] and len(row["consent"]) == 10:
            day = bounds(row["consent"])
            assert day is not None
            row["entry_into_force"] = entry_into_force(day[0], rule).isoformat()
        out.append(row)
    return out


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build(
    directory: Path = TREATIES_DIR, check: bool = False, reference: Path | None = None
) -> list[str]:
    """Rebuild (from ``reference``) or normalise every table in ``directory``; return a report
    line per table, per dropped earlier row, or per problem."""
    report: list[str] = []
    for treaty in sidecar()["treaties"]:
        path = directory / treaty["file"]
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if reference is not None:
            given = treaty["reference"] and read_reference(reference / treaty["reference"])
            made = reconcile(treaty, given or None, read_earlier(directory / treaty["earlier"]))
            rows = made.rows
            report.extend(f"{treaty['file']}: {line}" for line in made.dropped)
        else:
            rows = list(csv.DictReader(io.StringIO(text)))
        wrong = problems_in(rows)
        if wrong:
            report.extend(f"{treaty['file']}: {line}" for line in wrong)
            continue
        new = render(normalised(rows, treaty["eif_rule"]))
        joined = sum(1 for r in rows if r["consent"] or r["consent_type"])
        state = "ok" if new == text else ("needs build" if check else "written")
        if new != text and not check:
            path.write_text(new, encoding="utf-8")
        report.append(
            f"{treaty['file']}: {len(rows)} rows, {joined} joined, "
            f"{sum(r['unsure'] == '1' for r in rows)} unsure, {state}"
        )
    return report


def main(argv: list[str]) -> int:
    check = "--check" in argv
    reference = Path(argv[argv.index("--reference") + 1]) if "--reference" in argv else None
    if reference is not None and not reference.is_dir():
        print(DocketError("E080", "no such folder", str(reference)))
        return 2
    report = build(check=check, reference=reference)
    print("\n".join(report))
    bad = [line for line in report if not line.endswith((" ok", " written", "; dropped"))]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

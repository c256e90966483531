"""The resolve.treaties stage: references to treaties, by name or by description.

Named references come from ``knowledge/treaty_names.csv`` ("Convention on Cluster Munitions",
"Ottawa Treaty", "CWC"). Descriptive ones ("the 2008 treaty banning this type of ammunition", "the
convention prohibiting landmines") are resolved from what the phrase says: the weapon class of the
weapon words in it (a weapon mention found by the incidents stage, which also follows "this type of
ammunition" back to its antecedent) and, when given, the year of adoption, against the treaties
that prohibit that class (``knowledge/weapon_law.csv``).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from docket.analysis import Analysis
from docket.judge.treaties import rules_for_weapon, treaties
from docket.pipeline import Context, Stage
from docket.record import Mention

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
INSTRUMENT = r"(?:treaty|convention|accord|agreement|protocol|ban)"
DESCRIPTION = re.compile(
    rf"\b(?:the\s+)?(?:(?P<year>(?:19|20)\d\d)\s+)?(?:international\s+|global\s+|un\s+)?{INSTRUMENT}"
    r"\s+(?:that\s+|which\s+)?(?:bans?|banning|prohibits?|prohibiting|outlaws?|outlawing|against|on)"
    r"\s+(?P<object>[^.;:\n]{3,60})",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def name_patterns() -> list[tuple[re.Pattern[str], str]]:
    """(pattern, treaty id) for every known name, longest names first."""
    lines = (KNOWLEDGE / "treaty_names.csv").read_text("utf-8").splitlines()
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    rows.sort(key=lambda row: -len(row["name"]))
    return [
        (
            re.compile(
                rf"\b{re.escape(row['name'])}\b", 0 if row["case"] == "exact" else re.IGNORECASE
            ),
            row["treaty"],
        )
        for row in rows
    ]


def treaty_for(weapon_class: str, year: int | None) -> str | None:
    """The one treaty that prohibits ``weapon_class`` (adopted in ``year`` when given), or None."""
    known = treaties()
    ids = {
        rule.treaty
        for rule in rules_for_weapon(weapon_class, "prohibits")
        if rule.treaty in known and (year is None or known[rule.treaty].year == year)
    }
    return ids.pop() if len(ids) == 1 else None


def run(analysis: Analysis, context: Context) -> None:
    text = analysis.text
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for pattern, treaty_id in name_patterns():
        for match in pattern.finditer(text):
            if free(match.start(), match.end()):
                taken.append(match.span())
                found.append(_mention(text, match.start(), match.end(), treaty_id))
    weapons = [m for m in analysis.mentions if m.label == "weapon" and m.canonical]
    for match in DESCRIPTION.finditer(text):
        start, end = match.start(), match.end()
        if not free(start, end):
            continue
        inside = [w for w in weapons if match.start("object") <= w.start < end]
        if not inside:
            continue
        weapon = inside[0]
        year = int(match.group("year")) if match.group("year") else None
        described = treaty_for(str(weapon.canonical), year)
        if described is not None:
            taken.append((start, weapon.end))
            found.append(_mention(text, start, weapon.end, described))
    if not found:
        return
    # the model's own reading of the same words (LAW, or a misread ORG) gives way; times stay
    kept = [
        m
        for m in analysis.mentions
        if m.origin != "model" or m.label == "time" or free(m.start, m.end)
    ]
    analysis.mentions = kept + found


def _mention(text: str, start: int, end: int, treaty_id: str) -> Mention:
    return Mention(
        start=start,
        end=end,
        quote=text[start:end],
        label="treaty",
        canonical=treaty_id,
        origin="rule",
    )


STAGE = Stage(
    name="resolve.treaties",
    help="Treaty references by name (Convention on Cluster Munitions, Ottawa Treaty, CWC) or by "
    "description ('the 2008 treaty banning this type of ammunition'), resolved to treaty ids.",
    reads=("text", "mentions"),
    writes=("mentions",),
    run=run,
)

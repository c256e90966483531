"""``docket eval muc4``: MUC-4 incident templates, role fillers matched on normalised strings.

For each document the pipeline's incidents become templates (PerpInd, PerpOrg, Target, Victim,
Weapon); predicted and gold templates are aligned one to one so as to match the most role fillers
(the best template alignment per document), and micro precision, recall and F1 are reported per
role and over the five roles. A predicted filler matches a gold entity when its normalised string
equals one of the entity's coreferent mentions (lower case, no articles or punctuation).
Predicted fillers in unaligned templates count as false positives.
"""

from __future__ import annotations

import json
import re
from typing import Any

from docket.evaluate.incident_runs import analyse_text, eval_dir, incident_stages
from docket.evaluate.scores import Counts, Report
from docket.extract import role_model
from docket.extract.drafts import MUC_CATEGORIES
from docket.extract.lexicons import people_word
from docket.pipeline import Context
from docket.record import Incident
from docket.settings import Settings

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
# determiners, possessive ones included: MUC-4 fillers are written without them ("his car" -> "car")
ARTICLES = re.compile(r"^(the|a|an|some|this|these|those|his|her|its|their|our|my|your)\s+")
# quantities and hedges before a noun phrase: MUC-4 fillers name the victims, not how many
QUANTITY = re.compile(
    r"^((about|around|some|nearly|almost|at least|at most|least|more than|over|up to|fewer than|"
    r"less than|approximately|several|many|dozens of|hundreds of|scores of|"
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\s+)+"
)
NOT_WORD = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    text = NOT_WORD.sub(" ", text.lower())
    text = " ".join(text.split())
    return ARTICLES.sub("", text)


def core(text: str) -> str:
    """The normalised phrase without a leading quantity ("about 50 peasants" -> "peasants")."""
    text = normalise(text)
    return QUANTITY.sub("", text) or text


def template_of(incident: Incident, org_spans: set[tuple[int, int]]) -> dict[str, set[str]]:
    """The MUC-4 role fillers docket gives for one incident."""
    roles: dict[str, set[str]] = {role: set() for role in ROLES}
    for p in incident.perpetrators:
        span = (p.span.start, p.span.end) if p.span else None
        # every actor type but a person is an organisation (an unknown one is "other")
        is_org = p.type not in (None, "person") or (span is not None and span in org_spans)
        roles["PerpOrg" if is_org else "PerpInd"].add(core(p.text))
    # docket's targets include the people an attack is aimed at (KAIROS: they are its victims
    # too); MUC-4 targets are things, and the people attacked are its victims
    roles["Victim"] = {core(v.text) for v in incident.victims}
    people = [t for t in incident.targets if _people(t.text) or core(t.text) in roles["Victim"]]
    roles["Target"] = {core(t.text) for t in incident.targets if t not in people}
    roles["Victim"] |= {core(t.text) for t in people}
    roles["Weapon"] = {core(w.text) for w in incident.weapons}
    return roles


def _people(text: str) -> bool:
    """Whether a target phrase names people (by the target lexicon's head word)."""
    # the head word, before an "of" phrase naming the owner ("residences of democratic leaders")
    words = normalise(text).split(" of ")[0].split()
    if not words:
        return False
    head = words[-1]
    forms = (head, head.removesuffix("s"), head.removesuffix("es"), re.sub("men$", "man", head))
    return any(people_word(form) for form in forms)


def _matches(predicted: set[str], gold: list[list[Any]]) -> int:
    """Gold entities (lists of [mention, offset]) matched by distinct predicted strings."""
    used: set[str] = set()
    tp = 0
    for entity in gold:
        names = {core(m[0]) for m in entity}
        hit = next((p for p in predicted if p in names and p not in used), None)
        if hit is not None:
            used.add(hit)
            tp += 1
    return tp


def score_document(
    predicted: list[dict[str, set[str]]], gold: list[dict[str, Any]], report: Report
) -> None:
    """Add one document's counts to ``report`` under the best one-to-one template alignment."""
    from scipy.optimize import linear_sum_assignment

    for role in ROLES:
        report.row(role).gold += sum(len(g[role]) for g in gold)
        report.row(role).predicted += sum(len(p[role]) for p in predicted)
    if not predicted or not gold:
        return
    tp = [[{role: _matches(p[role], g[role]) for role in ROLES} for g in gold] for p in predicted]
    totals = [[-sum(cell.values()) for cell in row] for row in tp]
    rows, cols = linear_sum_assignment(totals)
    for r, c in zip(rows, cols, strict=False):
        for role in ROLES:
            report.row(role).tp += tp[r][c][role]


def documents(settings: Settings, split: str = "dev", limit: int | None = None) -> list[Any]:
    """The MUC-4 documents of ``split`` (``docid``, ``doctext``, ``templates``)."""
    path = eval_dir(settings, "muc4") / f"{split}.json"
    lines = path.read_text("utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    return docs[:limit] if limit else docs


def templates_of(
    incidents: list[Incident], entities: list[Any], min_score: float = 0.0
) -> list[dict[str, set[str]]]:
    """docket's MUC-4 templates for a document: its incidents of MUC-4's kinds, with the fillers
    the role model scores at least ``min_score`` (MUC-4 lists only fillers of the terrorist
    incidents it templates; fillers without a score are kept)."""
    orgs = {(e.start, e.end) for e in entities if e.label == "ORG"}
    predicted = [
        template_of(_confident(i, min_score), orgs)
        for i in incidents
        if i.category in MUC_CATEGORIES
    ]
    return [p for p in predicted if any(p.values())]


def _confident(incident: Incident, min_score: float) -> Incident:
    if not min_score:
        return incident

    def keep(items: list[Any]) -> list[Any]:
        return [x for x in items if getattr(x, "score", 1.0) >= min_score]

    return incident.model_copy(
        update={
            "perpetrators": keep(incident.perpetrators),
            "victims": keep(incident.victims),
            "targets": keep(incident.targets),
            "weapons": keep(incident.weapons),
        }
    )


def run(settings: Settings, limit: int | None = None, split: str = "dev") -> list[Report]:
    docs = documents(settings, split, limit)
    context = Context(settings)
    stages = incident_stages()
    report = Report(f"MUC-4 {split} ({len(docs)} documents): role fillers, best template alignment")
    roles = role_model.load_model()
    min_score = roles.template if roles is not None else 0.0
    made = gold = spurious = 0  # templates predicted, gold, predicted where gold has none
    for doc in docs:
        analysis = analyse_text(doc["doctext"], context, stages)
        predicted = templates_of(analysis.incidents, analysis.entities, min_score)
        score_document(predicted, doc["templates"], report)
        made += len(predicted)
        gold += len(doc["templates"])
        spurious += 0 if doc["templates"] else len(predicted)
    micro: Counts = report.micro()
    report.summary["micro P"] = 100 * micro.precision
    report.summary["micro R"] = 100 * micro.recall
    report.summary["micro F1"] = 100 * micro.f1
    # the over-generation check: predicted templates against the gold count (the reader's floor
    # is 1.3x), and how many stand in documents that report no incident
    report.summary["templates predicted"] = made
    report.summary["templates gold"] = gold
    report.summary["templates / gold"] = made / gold if gold else 0.0
    report.summary["templates in documents without one"] = spurious
    return [report]

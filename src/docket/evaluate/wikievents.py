"""``docket eval wikievents``: Conflict.Attack.* arguments of WikiEvents, document level.

Gold: for each document, the set of (role, entity) pairs over all Conflict.Attack.* events, an
entity being a coreference cluster (coref/dev.jsonlines), so an argument found once in a document
counts once. docket's incidents give Attacker (perpetrators), Target (targets and victims),
Instrument / ExplosiveDevice (weapons: explosive classes are ExplosiveDevice) and Place
(location). A predicted argument matches a gold pair with the same role when its span shares the
last word (the head) of one of the cluster's mentions. Precision, recall and F1 per role.
"""

from __future__ import annotations

import json
from typing import Any

from docket.evaluate.incident_runs import analyse_text, eval_dir, incident_stages
from docket.evaluate.scores import Report
from docket.extract.drafts import VIOLENT
from docket.pipeline import Context
from docket.record import Incident, Span
from docket.settings import Settings

ROLES = ("Attacker", "Target", "Instrument", "ExplosiveDevice", "Place")
EXPLOSIVE = {
    "cluster_munition",
    "anti_personnel_mine",
    "anti_vehicle_mine",
    "ied",
    "incendiary",
    "air_dropped_bomb",
    "barrel_bomb",
    "thermobaric",
    "explosive_unspecified",
}


def arguments_of(incident: Incident) -> list[tuple[str, Span]]:
    """docket's incident as (WikiEvents role, span) pairs."""
    out: list[tuple[str, Span]] = []
    out += [("Attacker", p.span) for p in incident.perpetrators if p.span]
    out += [("Target", t.span) for t in incident.targets if t.span]
    out += [("Target", v.span) for v in incident.victims if v.span]
    for w in incident.weapons:
        if w.span:
            out.append(("ExplosiveDevice" if w.weapon_class in EXPLOSIVE else "Instrument", w.span))
    if incident.location is not None and incident.location.span is not None:
        out.append(("Place", incident.location.span))
    return out


def document_text(doc: dict[str, Any]) -> str:
    """The document rebuilt from its tokens at their own offsets (the ``text`` field drifts from
    the token offsets), whitespace between them."""
    tokens = [tok for sentence in doc["sentences"] for tok in sentence[0]]
    chars = [" "] * max((end for _, _, end in tokens), default=0)
    for word, start, end in tokens:
        chars[start:end] = list(word[: end - start].ljust(end - start))
    return "".join(chars)


def _char_spans(doc: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """Entity id -> (start, end) characters of its last token (the head, for matching)."""
    tokens = [tok for sentence in doc["sentences"] for tok in sentence[0]]
    out = {}
    for ent in doc["entity_mentions"]:
        last = tokens[ent["end"] - 1]
        out[ent["id"]] = (last[1], last[2])
    return out


def score_document(
    doc: dict[str, Any], clusters: dict[str, str], predicted: list[tuple[str, Span]], report: Report
) -> None:
    heads = _char_spans(doc)

    def cluster_of(eid: str) -> str:
        return clusters.get(eid, eid)

    gold = {
        (arg["role"], cluster_of(arg["entity_id"]))
        for event in doc["event_mentions"]
        if event["event_type"].startswith("Conflict.Attack")
        for arg in event["arguments"]
        if arg["role"] in ROLES
    }
    mentions: dict[str, list[tuple[int, int]]] = {}
    for eid, head in heads.items():
        mentions.setdefault(cluster_of(eid), []).append(head)
    found: set[tuple[str, str]] = set()
    wrong: set[tuple[str, int, int]] = set()
    for role, span in predicted:
        hit = next(
            (
                (role, cluster)
                for r, cluster in gold
                if r == role
                for start, end in mentions.get(cluster, [])
                if span.start <= start and end <= span.end
            ),
            None,
        )
        if hit is not None:
            found.add(hit)
        else:
            wrong.add((role, span.start, span.end))
    for role in ROLES:
        counts = report.row(role)
        counts.gold += sum(1 for r, _ in gold if r == role)
        tp = sum(1 for r, _ in found if r == role)
        counts.tp += tp
        counts.predicted += tp + sum(1 for r, _, _ in wrong if r == role)


def run(settings: Settings, limit: int | None = None) -> list[Report]:
    folder = eval_dir(settings, "wikievents")
    documents = [
        json.loads(line)
        for line in (folder / "dev.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    clusters: dict[str, str] = {}
    coref = folder / "coref" / "dev.jsonlines"
    if coref.is_file():
        for line in coref.read_text("utf-8").splitlines():
            for members in json.loads(line)["clusters"]:
                for eid in members:
                    clusters[eid] = members[0]
    if limit:
        documents = documents[:limit]
    context = Context(settings)
    stages = incident_stages()
    report = Report(
        f"WikiEvents dev ({len(documents)} documents): Conflict.Attack arguments, document level"
    )
    for doc in documents:
        analysis = analyse_text(document_text(doc), context, stages)
        predicted = [
            arg
            for incident in analysis.incidents
            if incident.category in VIOLENT
            for arg in arguments_of(incident)
        ]
        score_document(doc, clusters, predicted, report)
    micro = report.micro()
    report.summary["micro F1 (all roles)"] = 100 * micro.f1
    report.summary["macro F1 over roles"] = 100 * report.macro_f1()
    return [report]

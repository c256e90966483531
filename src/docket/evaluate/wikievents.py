"""``docket eval wikievents``: Conflict.Attack.* arguments of WikiEvents, document level.

Gold: for each document, the set of (role, entity) pairs over all Conflict.Attack.* events, an
entity being a coreference cluster (coref/dev.jsonlines), so an argument found once in a document
counts once; predictions are counted per entity the same way. docket's violent incidents give
Attacker (perpetrators), Target (targets: people attacked are among them; people killed or hurt
are KAIROS Life.Die / Life.Injure victims, not attack arguments), Instrument / ExplosiveDevice
(weapons named as weapons: explosive classes are ExplosiveDevice) and Place (location). A
predicted argument matches a gold pair with the same role when its span holds the last word (the
head) of one of the cluster's mentions. Precision, recall and F1 per role, and micro-F1 on each
half of the documents. See docs/quality.md, "WikiEvents".
"""

from __future__ import annotations

import json
from typing import Any

from docket.evaluate.incident_runs import analyse_text, eval_dir, incident_stages
from docket.evaluate.scores import Report
from docket.extract.drafts import VIOLENT
from docket.knowledge.weapon_classes import explosive_classes
from docket.pipeline import Context
from docket.record import Incident, Span
from docket.settings import Settings

ROLES = ("Attacker", "Target", "Instrument", "ExplosiveDevice", "Place")


def arguments_of(
    incident: Incident, weapon_spans: set[tuple[int, int]] | None = None
) -> list[tuple[str, Span]]:
    """docket's incident as (WikiEvents role, span) pairs. Victims are left out: the people an
    attack was aimed at are among its targets, and the people it killed or hurt are the Victim of
    KAIROS Life.Die / Life.Injure events, not arguments of the attack. Where ``weapon_spans`` (the
    document's weapon mentions) is given, only weapons named as such count: a method word
    ("shelling", "airstrikes", "gunfire") names the attack itself, its trigger in KAIROS."""
    out: list[tuple[str, Span]] = []
    out += [("Attacker", p.span) for p in incident.perpetrators if p.span]
    out += [("Target", t.span) for t in incident.targets if t.span]
    for w in incident.weapons:
        if w.span and (weapon_spans is None or (w.span.start, w.span.end) in weapon_spans):
            out.append(
                (
                    "ExplosiveDevice" if w.weapon_class in explosive_classes() else "Instrument",
                    w.span,
                )
            )
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
    """Add one document's counts to ``report``. Gold and predictions are both sets of (role,
    entity): a predicted span stands for an annotated entity whose mention head it holds (a gold
    one of its role first, the last such head first: a phrase's head is its last word), else for
    itself; so an entity docket names twice counts once, like the gold."""
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
    wrong: set[tuple[str, str]] = set()
    for role, span in predicted:
        # a phrase's head is its last word before an "of" phrase ("members of the front")
        of = span.quote.lower().find(" of ")
        last = span.start + of if of > 0 else span.end
        inside = sorted(
            (end <= last, end, cluster)
            for cluster, spans in mentions.items()
            for start, end in spans
            if span.start <= start and end <= span.end
        )
        hit = next(((role, c) for _, _, c in reversed(inside) if (role, c) in gold), None)
        if hit is not None:
            found.add(hit)
        elif inside:
            wrong.add((role, inside[-1][2]))
        else:
            wrong.add((role, f"{span.start}:{span.end}"))
    for role in ROLES:
        counts = report.row(role)
        counts.gold += sum(1 for r, _ in gold if r == role)
        tp = sum(1 for r, _ in found if r == role)
        counts.tp += tp
        counts.predicted += tp + sum(1 for r, _ in wrong if r == role)


def documents(settings: Settings) -> list[dict[str, Any]]:
    """The WikiEvents dev documents (``shared/eval/wikievents/dev.jsonl``)."""
    path = eval_dir(settings, "wikievents") / "dev.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def run(settings: Settings, limit: int | None = None) -> list[Report]:
    folder = eval_dir(settings, "wikievents")
    docs = documents(settings)
    clusters: dict[str, str] = {}
    coref = folder / "coref" / "dev.jsonlines"
    if coref.is_file():
        for line in coref.read_text("utf-8").splitlines():
            for members in json.loads(line)["clusters"]:
                for eid in members:
                    clusters[eid] = members[0]
    if limit:
        docs = docs[:limit]
    context = Context(settings)
    stages = incident_stages()
    report = Report(
        f"WikiEvents dev ({len(docs)} documents): Conflict.Attack arguments, document level"
    )
    # the first and the second half of the documents, scored apart as well: a change should help
    # (or not hurt) both
    middle = (len(docs) + 1) // 2
    halves = (Report("first half"), Report("second half"))
    for number, doc in enumerate(docs):
        analysis = analyse_text(document_text(doc), context, stages)
        weapons = {(m.start, m.end) for m in analysis.mentions if m.label == "weapon"}
        predicted = [
            arg
            for incident in analysis.incidents
            if incident.category in VIOLENT
            for arg in arguments_of(incident, weapons)
        ]
        score_document(doc, clusters, predicted, report)
        score_document(doc, clusters, predicted, halves[number >= middle])
    micro = report.micro()
    report.summary["micro F1 (all roles)"] = 100 * micro.f1
    report.summary["macro F1 over roles"] = 100 * report.macro_f1()
    if len(docs) > 1:
        report.summary[f"micro F1 documents 1-{middle}"] = 100 * halves[0].micro().f1
        report.summary[f"micro F1 documents {middle + 1}-{len(docs)}"] = 100 * halves[1].micro().f1
    return [report]

"""The learned role-filler classifier: which noun phrases of a document are perpetrators
(people or organisations), targets, victims or weapons of the incidents it reports.

A multinomial logistic regression (docket.extract.logistic) over the candidate features of
docket.extract.role_features, trained on MUC-4 by ``python training/train_roles.py``.
The weights ship in knowledge/models/roles_muc4.npz; the sidecar ``roles_muc4.json`` records the
training and the thresholds. In the extract.incidents stage the model adds the fillers it is
confident about (more likely a role than not) to the incident they belong to and gives every
filler it read a ``score`` (the probability that the phrase fills some role).
Without the weights the rules decide alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docket.extract import logistic
from docket.extract.drafts import STATE_WORDS
from docket.extract.lexicons import target_classes
from docket.extract.role_features import Candidate, candidates
from docket.extract.weapons import WeaponHit
from docket.record import Incident, Perpetrator, Span, Target, Victim, Weapon

MODEL_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "models" / "roles_muc4.npz"
ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
NONE = "none"


@dataclass
class RoleModel:
    classifier: logistic.Classifier
    add: float = 0.15  # a candidate whose best role has this probability is added
    template: float = 0.3  # MUC-4 templates keep fillers whose score reaches this
    # the probability that adds a candidate in a sentence that reports the incident (None: ``add``)
    add_near: float | None = None


@dataclass
class Scored:
    candidate: Candidate
    role: str  # the most likely role other than "none"
    p_role: float  # the probability of the most likely role other than "none"
    p_none: float


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> RoleModel | None:
    """The shipped classifier and its thresholds, or None when the weights are absent."""
    classifier = logistic.load(path)
    if classifier is None:
        return None
    sidecar = path.with_suffix(".json")
    meta = json.loads(sidecar.read_text("utf-8")) if sidecar.is_file() else {}
    names = ("add", "add_near", "template")
    known = {k: v for k, v in meta.get("thresholds", {}).items() if k in names}
    return RoleModel(classifier, **known)


def score(model: RoleModel, cands: list[Candidate]) -> list[Scored]:
    """Each candidate's most likely role and its probability."""
    probs = model.classifier.probabilities([c.features for c in cands])
    labels = model.classifier.labels
    roles = [labels.index(r) for r in ROLES if r in labels]
    none = labels.index(NONE)
    out: list[Scored] = []
    for cand, row in zip(cands, probs, strict=True):
        best = max(roles, key=lambda j: row[j])
        out.append(Scored(cand, labels[best], float(row[best]), float(row[none])))
    return out


def refine(
    doc: Any,
    incidents: list[Incident],
    hits: list[WeaponHit],
    model: RoleModel,
    scored: list[Scored] | None = None,
) -> list[Scored]:
    """Add the model's confident fillers to ``incidents`` (each to the incident whose evidence
    holds it, else the nearest one) and give every rule filler its score; no rule filler is
    removed. A candidate in a sentence that reports its incident is added from ``add_near``, one
    elsewhere in the document from ``add``. Returns the scored candidates (``scored``, when
    given, are the candidates already scored)."""
    if not incidents:
        return []
    text = doc.text
    if scored is None:
        scored = score(model, candidates(doc, incidents, hits))
    weapon_at = {i: h for h in hits for i in range(h.i, h.j)}
    by_head = {s.candidate.head: s for s in scored}
    for incident in incidents:
        _mark_scores(doc, incident, by_head)
    near = model.add if model.add_near is None else min(model.add_near, model.add)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    for s in scored:
        if s.p_role < near:
            continue
        incident = nearest(incidents, s.candidate.start)
        start, end = sentences[s.candidate.sentence]
        reported = any(e.start < end and start < e.end for e in incident.evidence)
        if s.p_role < model.add and not reported:
            continue
        if not _filled(incident, s.candidate):
            _add(text, incident, s, weapon_at.get(s.candidate.head))
    return scored


def fillers(incident: Incident) -> list[Any]:
    """The incident's perpetrators, victims, targets and weapons."""
    return [*incident.perpetrators, *incident.victims, *incident.targets, *incident.weapons]


def _mark_scores(doc: Any, incident: Incident, by_head: dict[int, Scored]) -> None:
    """Give each rule filler the model's probability that its phrase fills a role (``score``)."""
    for item in fillers(incident):
        if item.span is None:
            continue
        found = doc.char_span(item.span.start, item.span.end, alignment_mode="expand")
        s = by_head.get(found.root.i) if found is not None else None
        if s is not None:
            item.score = round(1.0 - s.p_none, 3)


def nearest(incidents: list[Incident], offset: int) -> Incident:
    """The incident whose evidence holds ``offset``, else the one with the nearest evidence
    (an earlier one wins a tie: reports name the event before its details)."""

    def gap(evidence: Span) -> int:
        if evidence.start <= offset < evidence.end:
            return 0
        return offset - evidence.end if offset >= evidence.end else 1 + evidence.start - offset

    def distance(incident: Incident) -> int:
        return min((gap(e) for e in incident.evidence), default=10**9)

    return min(incidents, key=distance)


def _spans(incident: Incident) -> list[Span]:
    return [i.span for i in fillers(incident) if i.span is not None]


def filled(incident: Incident, start: int, end: int, words: str) -> bool:
    """Whether the incident already has a filler overlapping ``start:end`` or with its words."""
    words = words.lower()
    return any(
        (s.start < end and start < s.end) or s.quote.lower() == words for s in _spans(incident)
    )


def _filled(incident: Incident, cand: Candidate) -> bool:
    return filled(incident, cand.start, cand.end, cand.text)


def _add(text: str, incident: Incident, s: Scored, hit: WeaponHit | None) -> None:
    c = s.candidate
    add_filler(text, incident, s.role, c.start, c.end, round(1.0 - s.p_none, 3), hit)


def add_filler(
    text: str,
    incident: Incident,
    role: str,
    start: int,
    end: int,
    score: float,
    hit: WeaponHit | None,
) -> None:
    """Add ``text[start:end]`` to the incident as a model-read filler of MUC-4 ``role``."""
    quote = text[start:end]
    span = Span.of(text, start, end)
    extra = {"origin": "model", "score": score}
    if role in ("PerpInd", "PerpOrg"):
        kind = None
        if role == "PerpOrg":
            head = quote.lower().split()[-1].removesuffix("s")
            kind = "state" if head in STATE_WORDS else "armed_group"
        incident.perpetrators.append(
            Perpetrator(text=quote, type=kind, span=span, **extra)  # type: ignore[arg-type]
        )
    elif role == "Victim":
        incident.victims.append(Victim(text=quote, span=span, **extra))
    elif role == "Target":
        entry = target_classes().get(quote.lower().split()[-1])
        target_class = entry[0] if entry else None
        incident.targets.append(
            Target(text=quote, target_class=target_class, span=span, **extra)  # type: ignore[call-arg]
        )
    elif role == "Weapon":
        weapon_class = hit.weapon_class if hit is not None else "other"
        incident.weapons.append(
            Weapon(text=quote, weapon_class=weapon_class, span=span, **extra)  # type: ignore[arg-type]
        )

"""The learned reader's reading applied to the incidents the rules drafted.

The rules find triggers, parse arguments and merge the mentions of one event; the reader
(docket.extract.reader) has read the whole document with a fine-tuned encoder. How its reading
is used is a :class:`docket.extract.reader.Use`, chosen on the reader's held-back training
documents by ``training/choose_reader_use.py`` and recorded in ``reader.json``:

- ``document``: a document whose best window scores below this reports no attack, and the
  rules' attacks from it are dropped (sport, markets, a statement with no attack in it);
- ``evidence``: an attack whose evidence lies only in windows scoring below this is dropped
  (a threat, a plan, peace talks, a cumulative toll).

The gates judge only the kinds the reader learned from MUC-4 (``MUC_CATEGORIES``: attacks,
bombings, kidnappings, arson); armed clashes, protests, riots and arrests stay as the rules read
them. Then:

- ``add``: every span the reader tags at its span threshold becomes a filler (origin
  ``"model"``, its probability as ``score``) of the incident whose evidence holds it, else the
  nearest one, unless that incident already has a filler there;
- ``blend``: every rule filler's score moves that far towards the reader's chance that its
  words fill a role;
- ``prune``: a rule filler that no tagged span overlaps scores 0 (it stays in the record for
  review; the MUC-4 template threshold drops it).

Incidents left without any filler keep their other fields; nothing here invents an incident.
"""

from __future__ import annotations

from typing import Any

from docket.extract.drafts import MUC_CATEGORIES
from docket.extract.reader import Reading, Span, Use
from docket.extract.role_model import add_filler, filled, fillers, nearest
from docket.extract.weapons import WeaponHit
from docket.record import Incident


def apply(
    text: str,
    incidents: list[Incident],
    reading: Reading,
    hits: list[WeaponHit],
    span_threshold: float,
    use: Use,
) -> list[Incident]:
    """The incidents as the reading leaves them."""
    if use.document is not None and reading.incident < use.document:
        incidents = [i for i in incidents if i.category not in MUC_CATEGORIES]
    if use.evidence is not None:
        threshold = use.evidence
        incidents = [
            i
            for i in incidents
            if i.category not in MUC_CATEGORIES
            or not i.evidence
            or max(reading.incident_near(e.start, e.end) for e in i.evidence) >= threshold
        ]
    if not incidents:
        return incidents
    tagged = [s for s in reading.spans if s.score >= span_threshold]
    for incident in incidents:
        if use.blend:
            _blend(incident, reading, use.blend)
        if use.prune:
            _prune(incident, tagged)
    if use.add:
        for span in tagged:
            incident = nearest(incidents, span.start)
            words = text[span.start : span.end]
            if words.strip() and not filled(incident, span.start, span.end, words):
                hit = _weapon_at(hits, span)
                add_filler(
                    text, incident, span.role, span.start, span.end, round(span.score, 3), hit
                )
    return incidents


def _blend(incident: Incident, reading: Reading, weight: float) -> None:
    """Move every rule filler's score ``weight`` of the way towards the reader's chance that its
    words fill a role (a filler with no score counts as 1)."""
    for item in fillers(incident):
        if item.span is None or getattr(item, "origin", "rule") == "model":
            continue
        own = getattr(item, "score", None)
        own = 1.0 if own is None else own
        theirs = reading.filler_score(item.span.start, item.span.end)
        item.score = round((1 - weight) * own + weight * theirs, 3)


def _prune(incident: Incident, tagged: list[Span]) -> None:
    """Score every rule filler no tagged span overlaps at 0 (the template threshold drops it)."""
    for item in fillers(incident):
        if item.span is None or getattr(item, "origin", "rule") == "model":
            continue
        if not any(s.start < item.span.end and item.span.start < s.end for s in tagged):
            item.score = 0.0


def _weapon_at(hits: list[WeaponHit], span: Span) -> Any:
    return next((h for h in hits if h.start < span.end and span.start < h.end), None)

"""Highlights over a document's text, from offsets: mention labels and incident evidence.

``segments`` cuts the text into plain pieces, each with the highlight kinds covering it; the web
templates print each piece escaped (autoescape), so no ingested character is ever markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docket.record import Extraction, Incident, Span


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # mention, evidence, claim
    label: str  # mention label, incident id or claim stance

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "label": self.label}


@dataclass(frozen=True)
class Segment:
    text: str
    classes: tuple[str, ...]
    titles: tuple[str, ...] = ()


def highlights(extraction: Extraction, incident_id: str | None = None) -> list[Highlight]:
    """Mentions of the document, the evidence of its incidents (or of one) and claim quotes."""
    text = extraction.document.text
    found = [Highlight(m.start, m.end, "mention", m.label) for m in extraction.mentions]
    for incident in extraction.incidents:
        if incident_id and incident.id != incident_id:
            continue
        spans = _evidence_in(incident, extraction.document.id)
        found += [Highlight(e.start, e.end, "evidence", incident.id) for e in spans]
    if incident_id is None:
        found += [Highlight(c.span.start, c.span.end, "claim", c.stance) for c in extraction.claims]
    return [h for h in found if 0 <= h.start < h.end <= len(text)]


def _evidence_in(incident: Incident, document_id: str) -> list[Span]:
    """The incident's evidence spans that are offsets into this document.

    A linked incident's spans belong to its head report's document unless they name another.
    """
    reports = (incident.model_extra or {}).get("reports") or []
    own = next((r.get("document") for r in reports if r.get("id") == incident.id), document_id)
    return [
        e for e in incident.evidence if (e.model_extra or {}).get("document", own) == document_id
    ]


def segments(text: str, marks: list[Highlight]) -> list[Segment]:
    """The text cut at every highlight boundary; each piece lists the kinds that cover it."""
    cuts = sorted({0, len(text), *(h.start for h in marks), *(h.end for h in marks)})
    pieces: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [h for h in marks if h.start <= start and end <= h.end]
        classes = tuple(
            sorted(
                {f"hl-{h.kind}" for h in covering}
                | {f"m-{h.label}" for h in covering if h.kind == "mention"}
            )
        )
        titles = tuple(sorted({f"{h.kind}: {h.label}" for h in covering}))
        pieces.append(Segment(text[start:end], classes, titles))
    return pieces

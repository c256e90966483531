"""The demo: ingest the bundled sample and describe what docket found in it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from docket.ingest import ingest
from docket.record import Extraction, content_hash
from docket.settings import Settings
from docket.store import open_store


def sample_path() -> Path:
    """The bundled sample batch (see docket/sample/SOURCES.md)."""
    return Path(str(resources.files("docket") / "sample" / "sample.jsonl"))


def run_demo(settings: Settings) -> Iterator[str]:
    """Ingest the sample into the store named by ``settings`` and yield lines describing it."""
    path = sample_path()
    store = open_store(settings)
    yield f"ingesting the bundled sample {path} into {store.url}"
    summary = ingest([str(path)], settings, store=store)
    yield summary.line()
    for problem in summary.failed:
        yield f"  failed: {problem}"
    for line in path.read_text("utf-8").splitlines():
        document_id = content_hash(json.loads(line)["text"].encode("utf-8"))
        if store.has_document(document_id):
            yield ""
            yield from describe(store.extraction(document_id))


def describe(extraction: Extraction) -> Iterator[str]:
    """A short account of one document's reading."""
    doc = extraction.document
    yield f"== {doc.title or doc.id[:12]} ({doc.published or 'undated'}) [{doc.id[:12]}]"
    labels: dict[str, int] = {}
    for mention in extraction.mentions:
        labels[mention.label] = labels.get(mention.label, 0) + 1
    yield "   mentions: " + ", ".join(f"{n} {label}" for label, n in sorted(labels.items()))
    for incident in extraction.incidents:
        weapons = ", ".join(sorted({w.weapon_class for w in incident.weapons})) or "weapon unknown"
        who = ", ".join(f"{p.actor or p.text} ({p.status})" for p in incident.perpetrators)
        place = incident.location
        where = f"{place.name} ({place.precision})" if place and place.name else "place unknown"
        yield (
            f"   incident {incident.category}: {weapons}; by {who or 'perpetrator unknown'}; "
            f"at {where}; grade {incident.grade or '-'}"
        )
        for flag in incident.flags:
            yield f"     flag {flag.code}: {flag.explanation}"
    for claim in extraction.claims:
        speaker = claim.source.actor or claim.source.text
        content = claim.content_span.quote if claim.content_span else claim.span.quote
        yield f"   claim {speaker} {claim.stance} ({claim.cue}): {content[:90]}"
    for figure in extraction.figures:
        by = (
            figure.attributed_to.actor or figure.attributed_to.text if figure.attributed_to else "-"
        )
        value = figure.value
        numbers = "/".join(
            "-" if n is None else str(n) for n in (value.low, value.best, value.high)
        )
        yield f"   figure {figure.measure} {value.text!r} low/best/high {numbers} (per {by})"

"""``docket eval re3d``: mention F1 per label on the re3d defence-domain entity corpus.

Reads ``shared/eval/re3d/<source>/documents.json`` and ``entities.json`` (MongoDB JSON lines), runs
the pipeline's stages after ``read`` and ``dedup`` over each document's text (offsets must stay those
of the corpus), and compares docket's mentions with the gold entities:

- Location <- ``place``; Person <- ``person``; Organisation <- ``organisation`` and ``actor``
  mentions that name an actor; Nationality <- ``actor`` mentions that are a state's demonym;
  Weapon <- ``weapon``.
- exact: same start and end; overlap: the spans share a character (each gold and each predicted
  mention matched at most once).
Mentions found by coreference (``origin="coref"``: "the organization", "its") are not named
entities and are left out; re3d annotates names.
"""

from __future__ import annotations

import json
from pathlib import Path

from docket.analysis import Analysis
from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.knowledge.actors.registry import load_registry
from docket.pipeline import Context, reading_stages, run_stages
from docket.record import DocumentInfo, Mention, content_hash
from docket.settings import Settings

LABELS = ("Location", "Person", "Organisation", "Nationality", "Weapon")
Spans = dict[str, set[tuple[int, int]]]


def read_lines(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load(folder: Path) -> list[tuple[str, str, Spans]]:
    """(id, text, gold spans per label) for every document of every source folder."""
    documents: list[tuple[str, str, Spans]] = []
    for source in sorted(p for p in folder.iterdir() if (p / "documents.json").exists()):
        gold: dict[str, Spans] = {}
        for entity in read_lines(source / "entities.json"):
            label = str(entity["type"])
            if label in LABELS:
                spans = gold.setdefault(str(entity["documentId"]), {})
                spans.setdefault(label, set()).add((int(entity["begin"]), int(entity["end"])))  # type: ignore[call-overload]
        for document in read_lines(source / "documents.json"):
            key = str(document["_id"])
            documents.append((key, str(document["text"]), gold.get(key, {})))
    return documents


def label_of(mention: Mention) -> str | None:
    """The re3d label a docket mention stands for."""
    if mention.origin == "coref":
        return None
    if mention.label == "actor":
        kinds = {kind for _, kind in load_registry().lookup(mention.quote)}
        return "Nationality" if kinds == {"demonym"} else "Organisation"
    return {
        "place": "Location",
        "person": "Person",
        "organisation": "Organisation",
        "weapon": "Weapon",
    }.get(mention.label)


def overlap_matches(gold: set[tuple[int, int]], predicted: set[tuple[int, int]]) -> int:
    """How many gold spans overlap a predicted span, each used once (greedy, left to right)."""
    free = sorted(predicted)
    matched = 0
    for start, end in sorted(gold):
        for index, (p_start, p_end) in enumerate(free):
            if p_start < end and start < p_end:
                matched += 1
                del free[index]
                break
    return matched


def run(settings: Settings, limit: int | None) -> list[Report]:
    folder = settings.shared_dir / "eval" / "re3d"
    if not folder.is_dir():
        raise DocketError("E018", f"re3d data not found at {folder}")
    documents = load(folder)[:limit] if limit else load(folder)
    # the text is given directly: every reading stage after read
    stages = [stage for stage in reading_stages() if stage.name != "read"]
    context = Context(settings)
    exact = Report("re3d mentions, exact span")
    overlap = Report("re3d mentions, overlapping span")
    for key, text, gold in documents:
        raw = text.encode("utf-8")
        analysis = Analysis(raw=raw, source=key, text=text, language="en")
        analysis.document = DocumentInfo(id=content_hash(raw), text=text, language="en")
        run_stages(analysis, context, stages)
        predicted: Spans = {}
        for mention in analysis.mentions:
            label = label_of(mention)
            if label is not None:
                predicted.setdefault(label, set()).add((mention.start, mention.end))
        for label in LABELS:
            g, p = gold.get(label, set()), predicted.get(label, set())
            exact.row(label).add(len(g & p), len(p), len(g))
            overlap.row(label).add(overlap_matches(g, p), len(p), len(g))
    for report in (exact, overlap):
        report.summary["micro F1"] = 100 * report.micro().f1
        report.notes.append(
            f"{len(documents)} documents; stages: {', '.join(s.name for s in stages)}"
        )
    return [exact, overlap]

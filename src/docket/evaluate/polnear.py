"""``docket eval claims``: attribution (Source, Cue, Content) scored on PolNeAR dev.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks each attribution in brat standoff form:
``T`` lines with Source, Cue and Content spans (possibly discontinuous, ``a b;c d``) and ``E``
lines linking them. A predicted claim matches a gold attribution when its cue span overlaps the
gold cue and its source span overlaps the gold source; a gold attribution without a source
(``Attribution-no-source``) is matched on the cue alone. Matching is one to one, in text order.
Rows: the attribution itself, then source, cue and content each scored alone. Where a text was
annotated by several annotators, the first annotation file in name order is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.settings import Settings

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    cue: Ranges
    source: Ranges | None
    content: Ranges | None


@dataclass(frozen=True)
class Predicted:
    cue: Ranges
    source: Ranges | None
    content: Ranges | None


def parse_ranges(field: str) -> Ranges:
    """``"12 30;35 40"`` -> ``((12, 30), (35, 40))``."""
    pieces = []
    for piece in field.split(";"):
        start, end = piece.split()
        pieces.append((int(start), int(end)))
    return tuple(pieces)


def read_ann(text: str) -> list[GoldAttribution]:
    """The linked attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, parse_ranges(where))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(roles)
    gold = []
    for roles in events:
        if roles.get("Cue") not in spans:
            continue
        found = {role: spans[roles[role]][1] for role in roles if roles[role] in spans}
        gold.append(GoldAttribution(found["Cue"], found.get("Source"), found.get("Content")))
    return gold


def overlaps(a: Ranges | None, b: Ranges | None) -> bool:
    if not a or not b:
        return False
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold: Sequence[Any], predicted: Sequence[Any], same: Callable[[Any, Any], bool]) -> int:
    """Number of one-to-one matches between ``gold`` and ``predicted`` under ``same``."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                hits += 1
                break
    return hits


def attribution_matches(g: GoldAttribution, p: Predicted) -> bool:
    if not overlaps(g.cue, p.cue):
        return False
    return g.source is None or overlaps(g.source, p.source)


def score_document(report: Report, gold: list[GoldAttribution], predicted: list[Predicted]) -> None:
    report.row("attribution").add(
        match(gold, predicted, attribution_matches), len(predicted), len(gold)
    )
    with_source = [g for g in gold if g.source]
    predicted_source = [p for p in predicted if p.source]
    report.row("source").add(
        match(with_source, predicted_source, lambda g, p: overlaps(g.source, p.source)),
        len(predicted_source),
        len(with_source),
    )
    report.row("cue").add(
        match(gold, predicted, lambda g, p: overlaps(g.cue, p.cue)), len(predicted), len(gold)
    )
    report.row("content (overlap)").add(
        match(gold, predicted, lambda g, p: overlaps(g.content, p.content)),
        len([p for p in predicted if p.content]),
        len([g for g in gold if g.content]),
    )


def documents(split: Path, limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(name, text, annotation) for each text of a PolNeAR split folder, in name order."""
    annotations = sorted((split / "attributions").glob("*.ann"))
    texts = sorted((split / "text").glob("*.txt"))
    count = 0
    for text_path in texts:
        stem = text_path.stem
        chosen = [a for a in annotations if a.stem.rsplit("_", 1)[0] == stem]
        if not chosen:
            continue
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        yield stem, text, chosen[0].read_text("utf-8")
        count += 1
        if limit is not None and count >= limit:
            return


def predict(text: str, settings: Settings, context: Any = None) -> list[Predicted]:
    """docket's attributions in ``text``: the nlp stage, then the claims stage."""
    from docket.analysis import Analysis
    from docket.extract import claims
    from docket.nlp import stage as nlp_stage
    from docket.pipeline import Context

    context = context or Context(settings=settings)
    analysis = Analysis(raw=text.encode("utf-8"), text=text, language="en")
    nlp_stage.run(analysis, context)
    claims.run(analysis, context)
    predicted = []
    for claim in analysis.claims:
        source = claim.source.span
        predicted.append(
            Predicted(
                cue=((claim.cue_span.start, claim.cue_span.end),) if claim.cue_span else (),
                source=((source.start, source.end),) if source else None,
                content=(
                    ((claim.content_span.start, claim.content_span.end),)
                    if claim.content_span
                    else None
                ),
            )
        )
    return predicted


def split_dir(settings: Settings, split: str) -> Path:
    folder = settings.shared_dir / "eval" / "polnear" / split
    if not (folder / "text").is_dir():
        raise DocketError("E018", f"PolNeAR {split} split not found at {folder}")
    return folder


def evaluate(settings: Settings, split: str = "dev", limit: int | None = None) -> Report:
    """P/R/F1 of docket's claims against PolNeAR attributions of ``split``."""
    from docket.pipeline import Context

    folder = split_dir(settings, split)
    context = Context(settings=settings)
    report = Report(title=f"Claims: PolNeAR {split} attributions (cue and source overlap)")
    n = 0
    for _name, text, ann in documents(folder, limit):
        score_document(report, read_ann(ann), predict(text, settings, context))
        n += 1
    report.notes.append(f"documents: {n}")
    return report


def run(settings: Settings, limit: int | None) -> list[Report]:
    return [evaluate(settings, "dev", limit)]

"""``docket eval timex``: TIMEX3 extraction and normalisation on TimeBank/AQUAINT (TBAQ-cleaned).

Each ``.tml`` file is news text with TIMEX3 tags; the one with ``functionInDocument=
"CREATION_TIME"`` is the document creation time (DCT) the others are resolved against. Scored as
in TempEval-3: extraction by relaxed overlap (and strict, identical offsets), and value F1, where
a predicted expression counts when it overlaps a gold one and its value is the same.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from docket.analysis import Analysis
from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.pipeline import Context, run_stages
from docket.settings import Settings

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    timex_type: str


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex]


def read_tml(path: Path) -> TimeMLDocument:
    """The text inside <TEXT>, with its TIMEX3 tags as offsets into that text, and the DCT."""
    source = path.read_text("utf-8")
    dct: date | None = None
    for match in re.finditer(r"<TIMEX3([^>]*)>", source):
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        if attributes.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = date.fromisoformat(attributes.get("value", "")[:10])
            except ValueError:
                dct = None
            break
    body = re.search(r"<TEXT>(.*)</TEXT>", source, re.S)
    inner = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for tag in TAG.finditer(inner):
        piece = html.unescape(inner[position : tag.start()])
        parts.append(piece)
        length += len(piece)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            open_timex = (length, dict(ATTRIBUTE.findall(tag.group(3))))
        elif open_timex is not None:
            start, attributes = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(
                    start, length, text, attributes.get("value", ""), attributes.get("type", "")
                )
            )
            open_timex = None
    parts.append(html.unescape(inner[position:]))
    return TimeMLDocument(path.stem, "".join(parts), dct, timexes)


def documents(settings: Settings, limit: int | None) -> list[TimeMLDocument]:
    folder = settings.shared_dir / "eval" / "timex" / "TBAQ-cleaned"
    if not folder.is_dir():
        raise DocketError("E018", f"TimeBank/AQUAINT data not found in {folder}")
    paths = sorted(
        [*(folder / "TimeBank").glob("*.tml"), *(folder / "AQUAINT").glob("*.tml")],
        key=lambda p: p.name,
    )
    return [read_tml(p) for p in paths[:limit]]


def predict(document: TimeMLDocument, context: Context) -> list[tuple[int, int, str | None, str]]:
    """docket's time expressions for a TimeML document: (start, end, value, type)."""
    from docket.nlp.stage import STAGE as NLP
    from docket.resolve.times.stage import STAGE as TIMES

    analysis = Analysis(raw=document.text.encode(), text=document.text, published=document.dct)
    analysis.language = "en"
    run_stages(analysis, context, [NLP, TIMES])
    return [(t.span.start, t.span.end, t.value, t.timex_type) for t in analysis.times]


def score(
    report: Report, gold: list[GoldTimex], predicted: list[tuple[int, int, str | None, str]]
) -> list[tuple[GoldTimex | None, tuple[int, int, str | None, str] | None]]:
    """Add one document's counts to ``report``; return the pairs (gold, predicted) it aligned."""
    pairs: list[tuple[GoldTimex | None, tuple[int, int, str | None, str] | None]] = []
    used: set[int] = set()
    relaxed = strict = value = kind = 0
    for p in predicted:
        match = next(
            (i for i, g in enumerate(gold) if i not in used and g.start < p[1] and p[0] < g.end),
            None,
        )
        if match is None:
            pairs.append((None, p))
            continue
        used.add(match)
        g = gold[match]
        pairs.append((g, p))
        relaxed += 1
        strict += (g.start, g.end) == (p[0], p[1])
        value += g.value == p[2]
        kind += g.timex_type == p[3]
    pairs.extend((g, None) for i, g in enumerate(gold) if i not in used)
    n_pred, n_gold = len(predicted), len(gold)
    report.row("extraction (relaxed)").add(relaxed, n_pred, n_gold)
    report.row("extraction (strict)").add(strict, n_pred, n_gold)
    report.row("type").add(kind, n_pred, n_gold)
    report.row("value").add(value, n_pred, n_gold)
    return pairs


def evaluate(settings: Settings, limit: int | None) -> tuple[Report, list[tuple[str, object]]]:
    """The report, and every aligned pair (for error analysis)."""
    report = Report("TIMEX3 on TimeBank + AQUAINT (TBAQ-cleaned), TempEval-3 scoring")
    context = Context(settings)
    docs = documents(settings, limit)
    pairs: list[tuple[str, object]] = []
    for document in docs:
        for pair in score(report, document.timexes, predict(document, context)):
            pairs.append((document.name, pair))
    report.summary["value F1"] = 100 * report.row("value").f1
    report.notes.append(
        f"{len(docs)} documents; a prediction counts for 'value' when it overlaps a gold TIMEX3 "
        "and has the same value (TempEval-3 value F1)"
    )
    return report, pairs


def run(settings: Settings, limit: int | None) -> list[Report]:
    return [evaluate(settings, limit)[0]]

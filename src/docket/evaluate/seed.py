"""``docket eval seed``: the founding article against its hand-annotated gold file, by meaning.

The full pipeline (every stage of :data:`docket.pipeline.STAGE_MODULES` but dedup) reads
``corpus/2020-10-23-karabakh-cluster-munitions.txt`` as published on 2020-10-23; each ``must`` and
``should`` item of ``gold/...gold.json`` is then checked on what it means, not on strings: actor ids
(case-insensitive canonical ids), place names or coordinates with precision, weapon classes,
stances, values, dates. One line per item says PASS or FAIL and what was found.

Matching by meaning lives in :mod:`docket.evaluate.seed_matching`, the gold families in
:mod:`docket.evaluate.seed_scoring`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docket.errors import DocketError
from docket.evaluate.scores import Report
from docket.evaluate.seed_scoring import (
    Item,
    score_claims,
    score_entities,
    score_events,
    score_figures,
    score_incidents,
    score_noise,
)
from docket.pipeline import Context, reading_stages, run_stages
from docket.record import Extraction
from docket.settings import Settings, load_settings

NAME = "2020-10-23-karabakh-cluster-munitions"


@dataclass
class SeedResult:
    """Every gold item with whether docket found it."""

    items: list[Item] = field(default_factory=list)

    def count(self, level: str) -> tuple[int, int]:
        chosen = [i for i in self.items if i.level == level]
        return sum(i.passed for i in chosen), len(chosen)

    def failed(self, family: str, level: str = "must") -> list[Item]:
        return [i for i in self.items if i.family == family and i.level == level and not i.passed]

    def lines(self) -> list[str]:
        out = [i.line() for i in self.items]
        for level in ("must", "should"):
            found, total = self.count(level)
            out.append(
                f"{level} found {found}/{total} ({100 * found / total if total else 0:.1f}%)"
            )
        return out


# --- reading and running ---------------------------------------------------------------------


def paths(settings: Settings) -> tuple[Path, Path]:
    shared = settings.shared_dir
    corpus, gold = shared / "corpus" / f"{NAME}.txt", shared / "gold" / f"{NAME}.gold.json"
    for path in (corpus, gold):
        if not path.is_file():
            raise DocketError("E018", f"{path} not found", str(path))
    return corpus, gold


def read_gold(settings: Settings) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(paths(settings)[1].read_text("utf-8"))
    return gold


def extract_seed(settings: Settings) -> Extraction:
    """The founding article as the pipeline reads it."""
    from docket.read.sources import read_one

    corpus, _ = paths(settings)
    gold = read_gold(settings)
    analysis = read_one(str(corpus), settings.max_document_bytes)
    analysis.meta["published"] = gold["published"]
    run_stages(analysis, Context(settings), reading_stages())
    return analysis.extraction()


def score_seed(extraction: Extraction, gold: dict[str, Any] | None = None) -> SeedResult:
    """Every gold item of the founding article checked against ``extraction`` by meaning."""
    gold = gold if gold is not None else read_gold(load_settings())
    items: list[Item] = []
    for family in (
        score_entities,
        score_incidents,
        score_claims,
        score_figures,
        score_events,
        score_noise,
    ):
        items += family(extraction, gold)
    return SeedResult(items)


def run(settings: Settings, limit: int | None = None) -> list[Report]:
    result = score_seed(extract_seed(settings), read_gold(settings))
    report = Report(title=f"seed: {NAME} against its gold file, by meaning (P = R = found)")
    for item in result.items:  # one row per level and family: found out of the gold items
        report.row(f"{item.level} {item.family}").add(item.passed, 1, 1)
    report.notes.extend(result.lines())
    return [report]

"""No single reading costs a document: a document whose records the store refuses (two figures
sharing an id, the E099 that rejected 3 of 268 PolNeAR articles whole) is still stored with the
rest of its reading, the other documents of the same ingest are stored whole, the run warns with
E057, and ingesting it again changes nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from docket.analysis import Analysis
from docket.extract.figures import distinct_ids
from docket.ingest import IngestSummary, ingest, store_result
from docket.record import (
    ActorRef,
    Claim,
    DocumentInfo,
    Figure,
    Flag,
    Incident,
    Number,
    Span,
    When,
    content_hash,
)
from docket.settings import Settings
from docket.store import open_store

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "docket" / "sample" / "sample.jsonl"

TEXTS = [
    "Shelling killed 4 civilians in Ganja on 11 October 2020, officials said.",
    "Officials said 2 soldiers and 3 civilians were killed in Tartar on 12 October 2020.",
    "An air strike hit Kharkiv on 1 March 2022, killing 9 people, a local official said.",
]


def analysis(n: int, *, repeat_figure: bool = False) -> Analysis:
    """A hand-built reading of TEXTS[n]: one incident, one claim, one figure (or two figures
    under one id, as a reading that counts the same words twice makes them)."""
    text = TEXTS[n]
    raw = text.encode()
    doc = DocumentInfo(id=content_hash(raw), text=text, language="en", published=date(2022, 3, 2))
    whole = Span.of(text, 0, len(text))
    figures = [
        Figure(id=f"fig-{n}", measure="killed", value=Number(best=4 + n), span=whole),
    ]
    if repeat_figure:
        figures.append(Figure(id=f"fig-{n}", measure="killed", value=Number(best=3), span=whole))
    return Analysis(
        raw=raw,
        source=f"doc{n}.txt",
        document=doc,
        text=text,
        language="en",
        incidents=[
            Incident(
                id=f"inc-{n}",
                category="shelling_or_artillery",
                when=When(
                    precision="day", start=date(2020, 10, 11 + n), end=date(2020, 10, 11 + n)
                ),
                evidence=[whole],
            )
        ],
        claims=[
            Claim(
                id=f"clm-{n}",
                source=ActorRef(text="officials"),
                cue="said",
                about=[f"inc-{n}"],
                span=whole,
            )
        ],
        figures=figures,
    )


def test_a_repeated_figure_id_costs_neither_the_document_nor_the_others(
    settings: Settings,
) -> None:
    store = open_store(settings)
    summary = IngestSummary()
    for item in [analysis(0), analysis(1, repeat_figure=True), analysis(2)]:
        store_result(store, item, summary)
    assert summary.failed == []
    assert summary.added == ["doc0.txt", "doc1.txt", "doc2.txt"]
    (warning,) = summary.warnings
    assert warning.code == "E057" and warning.path == "doc1.txt"
    assert "repeating an id" in warning.message and "fig-1" in warning.message
    counts = store.counts()
    assert (counts["documents"], counts["incidents"], counts["claims"]) == (3, 3, 3)
    assert counts["figures"] == 3  # the repeat is left out, its first reading kept
    kept = store.extraction(content_hash(TEXTS[1].encode()))
    assert [f.value.best for f in kept.figures] == [5]
    assert [i.id for i in kept.incidents] == ["inc-1"] and [c.id for c in kept.claims] == ["clm-1"]

    again = IngestSummary()
    store_result(store, analysis(1, repeat_figure=True), again)
    assert again.skipped == ["doc1.txt"] and again.failed == []
    assert store.counts() == counts


def test_two_figures_read_over_one_span_get_ids_of_their_own() -> None:
    text = TEXTS[1]
    span = Span.of(text, 15, 44)
    first = Figure(id="fig-x", measure="killed", value=Number(best=2), span=span)
    second = Figure(id="fig-x", measure="killed", value=Number(best=3), span=span)
    other = Figure(id="fig-y", measure="injured", value=Number(best=1), span=span)
    out = distinct_ids([first, second, other], "doc")
    assert out[0] == first and out[2] == other
    assert out[1].id not in ("fig-x", "fig-y") and out[1].value.best == 3
    assert distinct_ids([first, second, other], "doc") == out  # the same reading, the same ids


def test_a_bug_in_one_stage_costs_only_that_stage_reading(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stage that raises on a real article (here the flags judge, broken on purpose): the
    article is stored with every other stage's reading, the run warns with E057 naming the stage,
    and the next article of the same run is read whole."""
    from docket.judge import flags

    judge = flags.judge

    def broken(incident: Incident, analysis: Analysis, *rest: Any) -> list[Flag]:
        if "cluster" in analysis.text:
            raise RuntimeError("judge broke")
        return judge(incident, analysis, *rest)

    monkeypatch.setattr(flags, "judge", broken)
    sample = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(sample[0]["text"], "utf-8")  # the founding article, cluster munitions
    second.write_text(sample[1]["text"], "utf-8")
    store = open_store(settings)
    summary = ingest([str(first), str(second)], settings, store)
    assert summary.failed == [] and summary.added == [str(first), str(second)]
    warnings = [w for w in summary.warnings if w.code == "E057"]
    assert [w.path for w in warnings] == [str(first)]
    assert "stage judge.flags: RuntimeError: judge broke" in warnings[0].message
    kept = store.extraction(content_hash(first.read_bytes()))
    assert kept.incidents and kept.claims  # the reading of every other stage
    assert all(f.code not in flags.CODES for i in kept.incidents for f in i.flags)
    assert store.counts()["documents"] == 2

    again = ingest([str(first), str(second)], settings, store)
    assert again.added == [] and again.failed == []

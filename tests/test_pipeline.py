"""The pipeline's stages: their declarations match what they really read and write."""

from __future__ import annotations

import copy
import dataclasses
import logging
from typing import Any

import pytest

from docket.analysis import Analysis
from docket.errors import Problem, unexpected
from docket.pipeline import (
    Context,
    Stage,
    default_stages,
    reading_stages,
    run_stages,
    unmet_reads,
)
from docket.settings import Settings

FIELDS = {f.name for f in dataclasses.fields(Analysis)}


class Tracked(Analysis):
    """An Analysis that records which of its fields are read."""

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            object.__getattribute__(self, "_reads").add(name)
        return object.__getattribute__(self, name)


def snapshot(analysis: Analysis) -> dict[str, Any]:
    return {
        name: repr(getattr(analysis, name))
        if name == "doc"
        else copy.deepcopy(getattr(analysis, name))
        for name in FIELDS
    }


ARTICLE = (
    "Human Rights Watch said on Friday that Azerbaijan had used cluster munitions in residential "
    "areas of Stepanakert, killing at least four civilians. Baku denied the report.\n\n"
    "Russian President Vladimir Putin said about 5000 people had died since September."
)


@pytest.mark.slow
def test_every_stage_touches_only_what_it_declares() -> None:
    context = Context(Settings())
    analysis = Tracked(raw=ARTICLE.encode(), source="article.txt", meta={"published": "2020-10-23"})
    object.__setattr__(analysis, "_reads", set())
    for stage in default_stages():
        before = snapshot(analysis)
        analysis._reads = set()  # type: ignore[attr-defined]
        run_stages(analysis, context, [stage])
        # the runner itself looks at known and language to decide whether a stage runs
        reads = analysis._reads - {"known", "language"}  # type: ignore[attr-defined]
        after = snapshot(analysis)
        changed = {name for name in FIELDS if before[name] != after[name]}
        assert changed <= set(stage.writes), (
            f"{stage.name} changed undeclared {changed - set(stage.writes)}"
        )
        undeclared = reads - set(stage.reads) - set(stage.writes)
        assert not undeclared, f"{stage.name} read undeclared {undeclared}"
        for name in (*stage.reads, *stage.writes):
            assert name in FIELDS, f"{stage.name} declares {name}, which Analysis does not have"


def test_stage_names_are_unique_and_documented() -> None:
    stages = default_stages()
    assert len({s.name for s in stages}) == len(stages)
    assert all(isinstance(s, Stage) and s.help and s.writes for s in stages)
    assert [s.name for s in stages][:3] == ["read", "dedup", "nlp"]


def test_known_documents_skip_analysis() -> None:
    context = Context(Settings(), is_known=lambda _id: True)
    analysis = Analysis(raw=b"Shelling resumed overnight in the north.", source="x")
    run_stages(analysis, context, default_stages())
    assert analysis.known and analysis.doc is None and analysis.mentions == []


def test_every_stage_reads_only_what_the_input_or_an_earlier_stage_gives() -> None:
    assert unmet_reads(default_stages()) == []


def test_a_stage_moved_before_its_inputs_is_reported() -> None:
    stages = default_stages()
    nlp = next(s for s in stages if s.name == "nlp")
    reordered = [nlp, *(s for s in stages if s.name != "nlp")]
    unmet = unmet_reads(reordered)
    assert unmet and unmet[0].startswith("nlp reads text")


def _broken(analysis: Analysis, context: Context) -> None:
    raise KeyError("no such thing")


def test_a_failing_essential_stage_is_named_and_its_traceback_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from docket.extract_only import analyse

    broken = Stage(
        name="broken", help="fails", reads=(), writes=("text",), run=_broken, essential=True
    )
    items = [Analysis(raw=b"Shelling resumed.", source="article.txt")]
    with caplog.at_level(logging.ERROR, logger="docket"):
        (problem,) = analyse(items, Context(Settings()), [broken])
    assert isinstance(problem, Problem)
    assert problem.code == "E099" and problem.path == "article.txt"
    assert problem.message == "stage broken: KeyError: 'no such thing'"
    record = next(r for r in caplog.records if r.name == "docket")
    assert "stage broken" in record.getMessage() and record.exc_info is not None
    assert record.exc_info[0] is KeyError  # the original exception, with its traceback


def _half_done(analysis: Analysis, context: Context) -> None:
    analysis.incidents[0].claims.append("clm_half")  # changed in place, then the bug
    analysis.mentions.clear()
    raise ValueError("half-way")


def test_a_failing_reading_stage_costs_only_its_own_reading(
    caplog: pytest.LogCaptureFixture, founding_text: str
) -> None:
    """The document goes on through the later stages with what the failing stage found before
    it failed put back, and an E057 names the stage (issue 18)."""
    from docket.extract_only import analyse

    stages = reading_stages()
    at = [s.name for s in stages].index("extract.claims")
    broken = Stage(
        name="broken", help="fails", reads=(), writes=("incidents", "mentions"), run=_half_done
    )
    text = founding_text.encode()
    with caplog.at_level(logging.ERROR, logger="docket"):
        (whole,) = analyse([Analysis(raw=text, source="a.txt")], Context(Settings()), stages)
        (result,) = analyse(
            [Analysis(raw=text, source="a.txt")],
            Context(Settings()),
            [*stages[:at], broken, *stages[at:]],
        )
    assert isinstance(result, Analysis) and isinstance(whole, Analysis) and whole.incidents
    (problem,) = [p for p in result.problems if p.code == "E057"]
    assert problem.path == "a.txt" and "stage broken: ValueError: half-way" in problem.message
    assert result.extraction() == whole.extraction()  # nothing of the bug is left, nothing lost
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)


def test_ingest_logs_to_a_file_in_the_data_folder(settings: Settings) -> None:
    from docket.logs import log_to_file

    logger = logging.getLogger("docket")
    before = list(logger.handlers)
    try:
        path = log_to_file(settings)
        assert log_to_file(settings) == path  # idempotent: one handler
        assert len(logger.handlers) == len(before) + 1
        unexpected("store", ValueError("boom"), "a.txt")
        for handler in logger.handlers:
            handler.flush()
        text = path.read_text("utf-8")
        assert "E099 in store while reading a.txt" in text and "ValueError: boom" in text
    finally:
        for handler in set(logger.handlers) - set(before):
            logger.removeHandler(handler)
            handler.close()

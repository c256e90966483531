"""Running the pipeline up to the incident stage over evaluation texts (shared by the MUC-4,
WikiEvents and CASE 2021 evaluations)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docket.analysis import Analysis
from docket.errors import DocketError
from docket.pipeline import Context, Stage, reading_stages, run_stages
from docket.settings import Settings


def eval_dir(settings: Settings, name: str) -> Path:
    """``shared/eval/NAME``, or DocketError E018 when it is absent."""
    path = settings.shared_dir / "eval" / name
    if not path.is_dir():
        raise DocketError("E018", f"no evaluation data at {path}", str(path))
    return path


def incident_stages() -> list[Stage]:
    """The pipeline's stages up to and including extract.incidents, without dedup."""
    out: list[Stage] = []
    for stage in reading_stages():
        out.append(stage)
        if stage.name == "extract.incidents":
            break
    return out


def analyse_text(
    text: str, context: Context, stages: list[Stage], published: date | None = None
) -> Analysis:
    """One text through ``stages``; the analysis with its incidents."""
    analysis = Analysis(raw=text.encode("utf-8"), source="<eval>", published=published)
    run_stages(analysis, context, stages)
    return analysis

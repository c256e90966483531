"""Extraction only: documents in, contract JSON out, nothing stored (``docket extract``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import BinaryIO

from docket.analysis import Analysis
from docket.errors import DocketError, Problem, unexpected
from docket.pipeline import Context, Stage, StageFailed, reading_stages, run_stages
from docket.read.sources import iter_sources
from docket.record import Extraction
from docket.settings import Settings


def analyse(
    items: Iterable[Analysis | Problem], context: Context, stages: list[Stage]
) -> Iterator[Analysis | Problem]:
    """Run ``stages`` over each analysis; a document that fails becomes a problem, the rest go on."""
    for item in items:
        if isinstance(item, Problem):
            yield item
            continue
        try:
            yield run_stages(item, context, stages)
        except DocketError as exc:
            yield exc.problem
        except StageFailed as exc:  # a bug in a stage must not end the batch
            yield unexpected(f"stage {exc.stage}", exc.error, item.source)


def dated(
    items: Iterable[Analysis | Problem], published: date | None
) -> Iterator[Analysis | Problem]:
    """``items`` with ``published`` as the publication date of documents that carry none."""
    for item in items:
        if published and isinstance(item, Analysis) and "published" not in item.meta:
            item.published = published
        yield item


def extract_paths(
    paths: Iterable[str],
    settings: Settings,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    context: Context | None = None,
    warn: Callable[[Problem], None] | None = None,
) -> Iterator[Extraction | Problem]:
    """The reading of every document in ``paths``: an Extraction, or the problem that stopped it.

    ``published`` is the publication date for documents that do not carry their own. ``warn`` is
    told of each problem that did not stop a document (a language not analysed, E009; a stage
    that failed, whose reading is left out, E057).
    """
    sources = dated(iter_sources(paths, settings.max_document_bytes, stdin), published)
    for result in analyse(sources, context or Context(settings), reading_stages()):
        if isinstance(result, Analysis):
            if warn is not None:
                for problem in result.problems:
                    warn(problem)
            yield result.extraction()
        else:
            yield result


def extract_text(
    text: str, settings: Settings, published: date | None = None, context: Context | None = None
) -> Extraction:
    """The reading of one text given as a string."""
    analysis = Analysis(raw=text.encode("utf-8"), source="<text>", published=published)
    run_stages(analysis, context or Context(settings), reading_stages())
    return analysis.extraction()

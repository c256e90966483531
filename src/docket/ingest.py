"""Ingest: read, analyse and store documents, one transaction per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from typing import Any, BinaryIO

from docket.analysis import Analysis
from docket.errors import DocketError, Problem, unexpected
from docket.extract_only import analyse, dated
from docket.pipeline import Context, default_stages
from docket.read.sources import iter_sources
from docket.record import Extraction
from docket.resolve.places import outlets
from docket.settings import Settings
from docket.store import Store, open_store
from docket.workers import read_parallel


@dataclass
class IngestSummary:
    """What an ingest run did: documents added, skipped as already known, and failed."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    incidents: int = 0
    claims: int = 0
    figures: int = 0
    mentions: int = 0

    def line(self) -> str:
        return (
            f"added {len(self.added)}, skipped {len(self.skipped)} already known, "
            f"failed {len(self.failed)}; {self.incidents} incidents, {self.claims} claims, "
            f"{self.figures} figures, {self.mentions} mentions"
        )


def ingest(
    paths: Iterable[str],
    settings: Settings,
    store: Store | None = None,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    on_item: Callable[[Analysis | Problem], None] | None = None,
    workers: int = 1,
) -> IngestSummary:
    """Read, analyse and store every document in ``paths``; the same input twice adds nothing.

    Each document is saved in its own transaction, so an interrupted batch leaves every stored
    document whole. ``on_item`` is called after each document (for progress display).
    ``workers`` > 1 reads in that many processes (docket.workers); this process still writes.
    Places are read with each outlet's usual places as the store held them when the run began
    (docket.resolve.places.outlets), so the records do not depend on the number of workers.
    """
    store = store or open_store(settings)
    summary = IngestSummary()
    items = dated(iter_sources(paths, settings.max_document_bytes, stdin), published)
    if workers > 1:
        head = list(islice(items, 2))  # one document alone is not worth starting processes for
        items = chain(head, items)
    as_of = store.last_seq()  # every outlet is read against the store as it stands now
    if workers > 1 and sum(isinstance(item, Analysis) for item in head) > 1:
        results = read_parallel(items, settings, workers, as_of)
    else:
        focus = outlets.from_store(store, settings, as_of)
        context = Context(settings, is_known=store.has_document, outlet_focus=focus)
        results = analyse(items, context, default_stages())
    for item in results:
        store_result(store, item, summary)
        if on_item is not None:
            on_item(item)
    return summary


def store_result(store: Store, item: Analysis | Problem, summary: IngestSummary) -> None:
    """Save and link one pipeline result (one transaction) and count it in ``summary``."""
    if isinstance(item, Problem):
        summary.failed.append(item)
    elif item.known:
        summary.skipped.append(item.source)
        _finish(store, item, summary)
    else:
        saved, problem = _save(store, item)
        if problem is not None:
            summary.failed.append(problem)
        elif not saved:  # stored already (the same document twice, or a re-run of a batch)
            summary.skipped.append(item.source)
            _finish(store, item, summary)
        else:
            summary.added.append(item.source)
            summary.warnings.extend(item.problems)
            summary.incidents += len(item.incidents)
            summary.claims += len(item.claims)
            summary.figures += len(item.figures)
            summary.mentions += len(item.mentions)


def _finish(store: Store, item: Analysis, summary: IngestSummary) -> None:
    """Link a document stored by a run that stopped before linking it (kill -9, power loss)."""
    assert item.document is not None
    try:
        store.finish_linking(item.document.id)
    except DocketError as exc:
        summary.warnings.append(exc.problem)


def _save(store: Store, item: Analysis) -> tuple[bool, Problem | None]:
    """Save and link one document in its own transaction; a failure is the document's alone.

    A bug met while saving (E099) does not cost the document: it is saved again without the
    records that repeat an id, then, failing that, alone (its text and raw bytes, no reading),
    and the run warns with E057 naming what was left out.
    """
    extraction = item.extraction()
    try:
        return store.save_linked(extraction, item.raw, item.source), None
    except DocketError as exc:
        return False, Problem(exc.code, exc.problem.message, item.source, exc.problem.hint)
    except Exception as exc:  # a bug must not end the batch, nor cost the document
        problem = unexpected("store", exc, item.source)
    if store.has_document(extraction.document.id):  # saved; what failed came after (linking)
        item.problems.append(Problem("E057", f"linking failed: {problem.message}", item.source))
        return True, None
    for kept, what in salvages(extraction):
        try:
            saved = store.save_linked(kept, item.raw, item.source)
        except Exception as exc:
            unexpected("store", exc, item.source)
            continue
        item.problems.append(Problem("E057", f"stored {what}; {problem.message}", item.source))
        return saved, None
    return False, problem


def salvages(extraction: Extraction) -> Iterator[tuple[Extraction, str]]:
    """Smaller forms of an extraction the store refused, each with what it leaves out: first
    without the records that repeat an earlier one's id, then the document alone."""
    kept: dict[str, list[Any]] = {}
    dropped = 0
    for kind in ("incidents", "claims", "figures"):
        seen: set[str | None] = set()
        kept[kind] = []
        for record in getattr(extraction, kind):
            if record.id is not None and record.id in seen:
                dropped += 1
                continue
            seen.add(record.id)
            kept[kind].append(record)
    if dropped:
        yield extraction.model_copy(update=kept), f"without {dropped} records repeating an id"
    alone: dict[str, list[Any]] = {"incidents": [], "claims": [], "figures": [], "mentions": []}
    yield extraction.model_copy(update=alone), "the document alone, without its reading"

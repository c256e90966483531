"""The dedup stage: a document whose content hash is already stored is not analysed again."""

from __future__ import annotations

from docket.analysis import Analysis
from docket.pipeline import Context, Stage


def run(analysis: Analysis, context: Context) -> None:
    assert analysis.document is not None
    analysis.known = context.is_known(analysis.document.id)


STAGE = Stage(
    name="dedup",
    help="Mark a document already in the store (same SHA-256 of the raw bytes) so later stages "
    "skip it and ingest reports it as known.",
    reads=("document",),
    writes=("known",),
    run=run,
    analyses_text=False,
    essential=True,
)

"""The stage declaration and the one loop that runs stages over a document's analysis.

A stage is a plain function ``run(analysis, context)`` declared next to its code as a
:class:`Stage` with the :class:`~docket.analysis.Analysis` attributes it reads and writes.
:func:`default_stages` lists them in order; a test checks each declaration against what the
stage really touches.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from docket.analysis import Analysis
from docket.settings import Settings

# Modules holding a ``STAGE``, in the order they run. The store is not a stage of this loop: it
# saves the finished analysis in one transaction (see docket.ingest).
STAGE_MODULES: tuple[str, ...] = (
    "docket.read.stage",
    "docket.read.dedup",
    "docket.nlp.stage",
    "docket.resolve.actors",
    "docket.resolve.places",
    "docket.resolve.authorities",
    "docket.resolve.times",
    "docket.resolve.quantities",
    "docket.extract.incidents",
    "docket.resolve.treaties",
    "docket.extract.claims",
    "docket.extract.figures",
    "docket.judge.flags",
    "docket.judge.grade",
)


@dataclass
class Context:
    """What stages may use besides the analysis: settings and lazily built, cached resources.

    ``is_known`` answers whether a document id is already stored (the dedup stage asks it); it is
    injected by the caller so stages never see the store.
    """

    settings: Settings
    is_known: Callable[[str], bool] = lambda _id: False
    cache: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, build: Callable[[], Any]) -> Any:
        """The resource ``name``, built once by ``build`` on first use."""
        if name not in self.cache:
            self.cache[name] = build()
        return self.cache[name]

    @cached_property
    def nlp(self) -> Any:
        from docket.nlp.model import load_model

        return load_model(self.settings.spacy_model)


@dataclass(frozen=True)
class Stage:
    """A pipeline stage: its name, what it does, what it reads and adds, and its function."""

    name: str
    help: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Analysis, Context], None]
    skip_known: bool = True  # stages after dedup do not run on documents already stored
    analyses_text: bool = True  # stages that need English text skip documents that are not


def default_stages() -> list[Stage]:
    """The stages of the full pipeline, in order."""
    return [importlib.import_module(name).STAGE for name in STAGE_MODULES]


def reading_stages() -> list[Stage]:
    """The stages that read one document on its own: all but dedup, which asks the store."""
    return [stage for stage in default_stages() if stage.name != "dedup"]


def run_stages(analysis: Analysis, context: Context, stages: Iterable[Stage]) -> Analysis:
    """Run ``stages`` in order over ``analysis`` and return it."""
    for stage in stages:
        if stage.skip_known and analysis.known:
            continue
        if stage.analyses_text and analysis.language not in (None, "en"):
            continue
        stage.run(analysis, context)
    return analysis


def run_pipeline(
    analyses: Iterable[Analysis], context: Context, stages: list[Stage] | None = None
) -> Iterator[Analysis]:
    """Run the pipeline over each analysis in turn."""
    chosen = default_stages() if stages is None else stages
    for analysis in analyses:
        yield run_stages(analysis, context, chosen)

"""The stage declaration and the one loop that runs stages over a document's analysis.

A stage is a plain function ``run(analysis, context)`` declared next to its code as a
:class:`Stage` with the :class:`~docket.analysis.Analysis` attributes it reads and writes.
:func:`default_stages` lists them in order; a test checks each declaration against what the
stage really touches.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docket.analysis import Analysis
from docket.errors import DocketError, Problem, unexpected
from docket.resources import Resources
from docket.settings import Settings

if TYPE_CHECKING:
    from docket.resolve.places.outlets import OutletFocus

# Modules holding a ``STAGE``, in the order they run. The store is not a stage of this loop: it
# saves the finished analysis in one transaction (see docket.ingest).
STAGE_MODULES: tuple[str, ...] = (
    "docket.read.stage",
    "docket.read.dedup",
    "docket.nlp.stage",
    "docket.resolve.actors.stage",
    "docket.resolve.places.stage",
    "docket.resolve.authorities",
    "docket.resolve.times.stage",
    "docket.resolve.quantities",
    "docket.extract.incidents",
    "docket.resolve.treaties",
    "docket.extract.claims",
    "docket.extract.figures",
    "docket.judge.flags",
    "docket.judge.grade",
)


def _unknown(_document_id: str) -> bool:
    return False


class Context:
    """What stages may use besides the analysis: the settings and the resources built from them.

    ``resources`` defaults to a fresh :class:`~docket.resources.Resources` of the settings (nothing
    is loaded until a stage asks); pass one to share loaded models between runs. ``is_known``
    answers whether a document id is already stored (the dedup stage asks it); ``outlet_focus``
    gives each outlet's usual places (the places stage asks it; default: none, every document
    read alone). Both are injected by the caller so stages never see the store.
    """

    def __init__(
        self,
        settings: Settings,
        is_known: Callable[[str], bool] = _unknown,
        resources: Resources | None = None,
        outlet_focus: OutletFocus | None = None,
    ) -> None:
        from docket.resolve.places.outlets import OutletFocus

        self.settings = settings
        self.is_known = is_known
        self.resources = resources if resources is not None else Resources(settings)
        self.outlet_focus = outlet_focus if outlet_focus is not None else OutletFocus()


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
    # a bug in an essential stage (reading the file, deduplication) stops the document; a bug in
    # any other costs only that stage's reading, and the document is stored without it
    essential: bool = False


def default_stages() -> list[Stage]:
    """The stages of the full pipeline, in order."""
    return [importlib.import_module(name).STAGE for name in STAGE_MODULES]


def reading_stages() -> list[Stage]:
    """The stages that read one document on its own: all but dedup, which asks the store."""
    return [stage for stage in default_stages() if stage.name != "dedup"]


# What an Analysis holds before any stage runs: whoever makes it gives the raw bytes, their
# description and a default publication date; every other attribute comes from a stage.
INPUTS: tuple[str, ...] = ("raw", "source", "media_type", "meta", "published")


class StageFailed(Exception):
    """A stage raised an unexpected error (a bug, not a :class:`DocketError`): which stage, and
    the original exception with its traceback."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(f"stage {stage}: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


def unmet_reads(stages: Iterable[Stage]) -> list[str]:
    """What each stage reads that neither the input nor an earlier stage writes, in words.

    The check spaCy's ``analyze_pipes`` makes over components' ``requires`` and ``assigns``;
    empty for a well-ordered pipeline.
    """
    available = set(INPUTS)
    unmet = []
    for stage in stages:
        missing = [name for name in stage.reads if name not in available]
        if missing:
            unmet.append(f"{stage.name} reads {', '.join(missing)}, which no earlier stage writes")
        available.update(stage.writes)
    return unmet


def run_stages(analysis: Analysis, context: Context, stages: Iterable[Stage]) -> Analysis:
    """Run ``stages`` in order over ``analysis`` and return it.

    A :class:`DocketError` passes through as it is. Any other exception (a bug) in an essential
    stage becomes :class:`StageFailed`, naming the stage. A bug in any other stage costs only its
    own reading (issue 18: no single reading may cost a document): what the stage writes is put
    back as it was before it ran, the traceback is logged, an E057 problem on the analysis names
    the stage, and the later stages run on what the earlier ones read.
    """
    for stage in stages:
        if stage.skip_known and analysis.known:
            continue
        if stage.analyses_text and analysis.language not in (None, "en"):
            continue
        before = None if stage.essential else _snapshot(analysis, stage.writes)
        try:
            stage.run(analysis, context)
        except DocketError:
            raise
        except Exception as exc:
            if before is None:
                raise StageFailed(stage.name, exc) from exc
            for attribute, value in before.items():
                setattr(analysis, attribute, value)
            problem = unexpected(f"stage {stage.name}", exc, analysis.source, "E057")
            message = f"{problem.message}; stored without that stage's reading"
            analysis.problems.append(Problem("E057", message, problem.path))
    return analysis


# records that later stages change in place (links, flags, grades): kept as copies, so that a
# stage failing half-way leaves them as they were; every other attribute is replaced, not changed
_CHANGED_IN_PLACE = frozenset({"incidents", "claims", "figures"})


def _snapshot(analysis: Analysis, attributes: Iterable[str]) -> dict[str, Any]:
    """The values of ``attributes`` as they are now, to put back should the stage fail."""
    saved: dict[str, Any] = {}
    for attribute in attributes:
        value = getattr(analysis, attribute)
        if attribute in _CHANGED_IN_PLACE:
            value = copy.deepcopy(value)
        elif isinstance(value, list | dict):
            value = copy.copy(value)
        saved[attribute] = value
    return saved

"""The working state of one document as it passes through the pipeline stages.

Each stage reads some attributes of an :class:`Analysis` and adds others; the names a stage
declares in ``reads`` and ``writes`` are attribute names of this class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from docket.errors import Problem
from docket.record import (
    ActorRef,
    Claim,
    DocumentInfo,
    Extraction,
    Figure,
    Incident,
    Mention,
    PlaceRef,
    QuantityRef,
    Span,
    TimeRef,
)


@dataclass
class Entity:
    """A named entity as the statistical model labelled it (spaCy's label set)."""

    start: int
    end: int
    text: str
    label: str


@dataclass
class Analysis:
    """Everything known about one document so far; stages add to it in order."""

    raw: bytes
    source: str = ""
    media_type: str = "text/plain"
    meta: dict[str, Any] = field(default_factory=dict)
    # read
    document: DocumentInfo | None = None
    text: str = ""
    language: str | None = None
    published: date | None = None
    # dedup
    known: bool = False
    # nlp
    doc: Any = None
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # resolve
    actors: list[ActorRef] = field(default_factory=list)
    places: list[PlaceRef] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    quantities: list[QuantityRef] = field(default_factory=list)
    # extract
    incidents: list[Incident] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # anything that went wrong but did not stop the document
    problems: list[Problem] = field(default_factory=list)

    def extraction(self) -> Extraction:
        """The document's reading in the contract's form."""
        if self.document is None:
            raise ValueError("the read stage has not run on this analysis")
        return Extraction(
            document=self.document,
            incidents=self.incidents,
            claims=self.claims,
            figures=self.figures,
            mentions=sorted(self.mentions, key=lambda m: (m.start, m.end, m.label)),
        )

"""The review queue as an analyst works it: incidents grouped by the document they were read
from, and pairs that look like one event reported twice (suggested duplicates).

A suggested pair is two incidents in the queue whose dates fall in one window, whose places are
near (or share a name) and whose categories agree, as the linker's own field comparisons
(``docket.link.matching``) judge them, but which linking did not join: the linker needs more
evidence than a suggestion does. Both stay in the queue until the analyst merges or rejects.
An incident without a date is dated by its report: the week before the report's publication
(``REPORT_WINDOW_DAYS``), and the pair's reasons say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Connection

from docket.link.matching import (
    WEIGHTS,
    compare_categories,
    compare_places,
    compare_times,
    match,
)
from docket.record import Incident, When
from docket.store.models import IncidentFilter, SourceRef, StoredIncident
from docket.store.queries import find_incidents

# the queue's default: what still awaits a decision
OPEN = "open"
OPEN_STATES = ("machine", "edited")
# how many incidents of one review state the queue page shows (the page says when it is cut)
QUEUE_LIMIT = 200
# the fewest suggestions worth an analyst's look: same day window and near, or a shared name
SUGGEST_SCORE = 2.0
# an undated incident is taken to have happened in the week before its report was published
REPORT_WINDOW_DAYS = 7


@dataclass
class DocumentGroup:
    """The queue's incidents read from one document (fragments of one report side by side)."""

    document: SourceRef | None
    items: list[StoredIncident] = field(default_factory=list)


@dataclass
class SuggestedPair:
    """Two queued incidents that may be one event: the evidence score and each field's reason."""

    first: StoredIncident
    second: StoredIncident
    score: float
    reasons: list[str]


@dataclass
class ReviewQueue:
    """One review state's incidents, oldest first, grouped; ``total`` counts them all, the
    groups hold the first ``shown``."""

    status: str
    total: int
    shown: int
    groups: list[DocumentGroup]
    pairs: list[SuggestedPair]


def dated(stored: StoredIncident) -> tuple[Incident, str | None]:
    """The incident, dated by its report when it has no date of its own (and how)."""
    incident = stored.incident
    if incident.when.start or incident.when.end:
        return incident, None
    published = next((s.published for s in stored.sources if s.published), None)
    if published is None:
        return incident, None
    start = published - timedelta(days=REPORT_WINDOW_DAYS)
    window = When(precision="range", start=start, end=published)
    note = f"{incident.id} undated: taken from its report ({start} .. {published})"
    return incident.model_copy(update={"when": window}), note


def suggest(a: StoredIncident, b: StoredIncident) -> SuggestedPair | None:
    """The pair, when date, place and category agree (none contradicts, date and place each
    add something); None otherwise."""
    (x, note_x), (y, note_y) = dated(a), dated(b)
    same_report = bool({s.id for s in a.sources} & {s.id for s in b.sources})
    category = compare_categories(x.category, y.category)
    when = compare_times(x.when, y.when)
    place = compare_places(x.location, y.location)
    # one report with no date for either: the report is the window
    undated_report = same_report and when[0] == 0.0 and not (x.when.start or y.when.start)
    if not category[0] or not place[0] or not (when[0] or undated_report):
        return None
    verdict = match(x, y)
    allowed = ("place:", "time:") if undated_report else ("place:",)
    if verdict.veto and not verdict.veto.startswith(allowed):
        return None  # another field contradicts (weapons, perpetrators)
    score = verdict.score + (WEIGHTS["time"] if undated_report else 0.0)
    if score < SUGGEST_SCORE:
        return None
    reasons = [
        f"{name}: {part['reason']}" for name, part in verdict.fields.items() if part["score"]
    ]
    if undated_report:
        reasons.append("both from one report, neither dated")
    reasons += [note for note in (note_x, note_y) if note]
    return SuggestedPair(a, b, score, reasons)


def suggested_pairs(items: list[StoredIncident]) -> list[SuggestedPair]:
    """Every suggested pair among ``items``, the likeliest first; the older incident of a pair
    is ``first`` (the one a merge keeps)."""
    pairs = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if {s.id for s in a.sources} == {s.id for s in b.sources} and len(a.sources) > 1:
                continue  # already one linked incident's reports
            found = suggest(a, b)
            if found is not None:
                pairs.append(found)
    return sorted(pairs, key=lambda p: (-p.score, p.first.incident.id, p.second.incident.id))


def by_document(items: list[StoredIncident]) -> list[DocumentGroup]:
    """Items grouped by their first source, in the order the groups first appear."""
    groups: dict[str | None, DocumentGroup] = {}
    for item in items:
        source = item.sources[0] if item.sources else None
        key = source.id if source else None
        groups.setdefault(key, DocumentGroup(source)).items.append(item)
    return list(groups.values())


def review_queue(conn: Connection, status: str = OPEN, limit: int = QUEUE_LIMIT) -> ReviewQueue:
    """The incidents in review state ``status`` (``open``: as the machine made them or edited,
    not yet accepted or rejected), oldest first, grouped and paired."""
    items: list[StoredIncident] = []
    total = 0
    for state in OPEN_STATES if status == OPEN else (status,):
        found, count = find_incidents(conn, IncidentFilter(status=state), "created", limit, 0)
        items += found
        total += count
    items = sorted(items, key=lambda i: (i.created_at is None, i.created_at, i.incident.id))[:limit]
    return ReviewQueue(
        status=status,
        total=total,
        shown=len(items),
        groups=by_document(items),
        pairs=suggested_pairs(items),
    )

"""Each outlet's usual places: the focus a local paper's place names are read against.

A local paper names "Columbus" or "Athens" without its state: its readers know which one it means.
docket learns the same from its own earlier readings: the countries and first-level divisions of
the places it read in the outlet's latest stored documents (never from gold, never from the
document being read) become the outlet's :class:`~docket.resolve.places.ranking.Focus`, which the
learned ranker reads as two of its features (``outlet_country_share``, ``outlet_admin1_share``).
Lieberman, Samet and Sankaranarayanan (ICDE 2010, the LGL corpus) call this a paper's *local
lexicon*. On LGL, gold spans given, it moves Acc@161 from 87.7 to 91.5 by cross-validation
(docs/quality.md).

A run reads every outlet against the store as it stood when the run began (its ``as_of``
sequence number), whatever the number of workers or the order they finish in, so the same input
on the same store gives the same record. The places of the run's own documents count from the
next run on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from docket.knowledge.gazetteer.store import Gazetteer
from docket.resolve.places.ranking import Focus, outlet_focus

if TYPE_CHECKING:
    from docket.settings import Settings
    from docket.store import Store

MIN_DOCUMENTS = 3  # fewer earlier documents say too little about where an outlet writes about

# outlet -> (documents read, gazetteer ids of the places docket read in them)
PlacesOf = Callable[[str], tuple[int, list[str]]]


def no_places(outlet: str) -> tuple[int, list[str]]:
    """No outlet history: every document is read alone."""
    return 0, []


class OutletFocus:
    """Each outlet's focus, computed once a run from ``places_of`` (see
    :meth:`docket.store.Store.outlet_places`)."""

    def __init__(self, places_of: PlacesOf = no_places) -> None:
        self.places_of = places_of
        self._focus: dict[str, Focus | None] = {}

    def __call__(self, outlet: str | None, gazetteer: Gazetteer) -> Focus | None:
        """The outlet's focus; None with fewer than ``MIN_DOCUMENTS`` earlier documents, or no
        outlet."""
        if not outlet:
            return None
        if outlet not in self._focus:
            documents, ids = self.places_of(outlet)
            counts = Counter(ids)
            places = {i: gazetteer.by_id(i) for i in counts}
            weighted = [p for i, p in places.items() if p is not None for _ in range(counts[i])]
            enough = documents >= MIN_DOCUMENTS and weighted
            self._focus[outlet] = outlet_focus(weighted) if enough else None
        return self._focus[outlet]


def from_store(store: Store, settings: Settings, as_of: int) -> OutletFocus:
    """The outlets' focus from the places docket read in ``store``'s documents up to sequence
    number ``as_of`` (the run's start; see :meth:`docket.store.Store.last_seq`), the latest
    ``settings.outlet_focus_documents`` of each outlet (0: none)."""
    documents = settings.outlet_focus_documents
    if documents == 0:
        return OutletFocus()
    return OutletFocus(lambda outlet: store.outlet_places(outlet, as_of, documents))


def from_table(places: dict[str, tuple[int, list[str]]]) -> OutletFocus:
    """The outlets' focus from a table the caller read from its store (``docket batch``: its
    tasks touch no store)."""
    return OutletFocus(lambda outlet: places.get(outlet, (0, [])))

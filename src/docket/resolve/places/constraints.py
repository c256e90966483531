"""The rules' verdicts that the learned ranker may not overrule.

The model (:mod:`.ranker`) learnt from annotated news how a document's context weighs on its
names; it also learnt its training corpora's own geography (LGL is US local news, where a bare
"Huntsville" is the Texan town and "Damascus" beside "U.S." the Maryland one), which unseen news
does not share. Four verdicts of the rules (:mod:`.ranking`) stand over its ranking, each a
general statement a geographer makes, none about a particular name:

- ``no_context``: the only place a document names has no other place to be read against; it
  takes the rules' reading: the best-known place of the name (a country before a division
  before a big city, a national capital before namesake divisions), the one the words beside it
  name ("the Seychelles capital", "Washington state"), or the one the text's demonyms point to
  ("Canadian police ... Kingston").
- ``capital``: a national capital that the rules keep by its floor (the document places none of
  its namesakes by its own towns or divisions: a mention of a country or its capital is no such
  evidence, see :func:`~docket.resolve.places.ranking.capital_floors`) stays the capital.
- ``decisive``: where the rules score their reading ``DECISIVE`` or more above the model's
  choice, the rules' reading stands: the model overrules the rules where their evidence is
  close, not where it is overwhelming ("Medina" beside "Mecca" stays in Arabia, however often
  the training news wrote of Medina, Ohio).
- ``split``: where the rules' two best readings are nearly tied and far apart
  (:func:`~docket.resolve.places.ranking.split`), the name stays at the country they share, or
  unknown: the model does not settle what the document leaves open.

:data:`ACTIVE` names the constraints in force; ``training/train_places.py`` scores the model
with and without them on its validation sets.
"""

from __future__ import annotations

from docket.knowledge.gazetteer.store import Gazetteer, Place
from docket.resolve.places.ranking import Resolution, RuleReading, decide, split

NAMES = ("no_context", "capital", "decisive", "split")
# in rule-score points (a country's prior is 11, a town of 100,000 5): chosen on GeoVirus and
# TUD-Loc validation by training/train_places.py, which prints the figures for each value
DECISIVE = 3.0
ACTIVE: tuple[str, ...] = NAMES


def binding(
    gazetteer: Gazetteer,
    reading: RuleReading,
    key: str,
    active: tuple[str, ...] = ACTIVE,
    model_gap: float = 0.0,
    decisive: float = DECISIVE,
) -> str | None:
    """The first constraint of ``active`` that holds for the name ``key`` of ``reading`` (its
    verdict is then the rules' own, :func:`~docket.resolve.places.ranking.decide`), or None.
    ``model_gap``: how far below their own reading the rules score the model's choice."""
    cands, scores = reading.options[key], reading.scores.get(key, [])
    if not cands:
        return None
    pick = reading.picks.get(key)
    for name in active:
        if name == "no_context" and len(reading.counts) <= 1:
            return name
        if (
            name == "capital"
            and key in reading.floored
            and pick is not None
            and gazetteer.capital_of(pick) is not None
        ):
            return name
        if name == "decisive" and model_gap >= decisive:
            return name
        if name == "split" and split(cands, scores):
            return name
    return None


def rule_gap(reading: RuleReading, key: str, place: Place | None) -> float:
    """How far below their own reading of the name ``key`` the rules score ``place`` (0 for
    none, or a place that is not among its candidates)."""
    cands, scores = reading.options[key], reading.scores.get(key, [])
    if place is None or not cands:
        return 0.0
    mine = [s for c, s in zip(cands, scores, strict=True) if c.place.key == place.key]
    return max(scores) - max(mine, default=max(scores))


def constrain(
    gazetteer: Gazetteer,
    reading: RuleReading,
    chosen: dict[str, Resolution],
    active: tuple[str, ...] = ACTIVE,
) -> dict[str, Resolution]:
    """``chosen`` (the model's resolution of each name) with the rules' verdict wherever one of
    the ``active`` constraints binds."""
    out = dict(chosen)
    for key, cands in reading.options.items():
        gap = rule_gap(reading, key, chosen[key].place)
        if binding(gazetteer, reading, key, active, gap) is not None:
            out[key] = decide(cands, reading.scores[key], gazetteer)
    return out

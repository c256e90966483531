"""Pairwise precision and recall of linking against a gold file of which documents belong together.

A pair of documents is *gold* when both report a gold event, and *predicted* when some incident
read from one and some incident read from the other were linked into one incident. Precision is
the share of predicted pairs that are gold; recall the share of gold pairs that were predicted. The predicted groups come from the store
(``Store.linked_groups``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass
class PairScores:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int

    def line(self) -> str:
        return (
            f"pairwise precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"({self.true_pairs} right of {self.predicted_pairs} linked pairs; "
            f"{self.gold_pairs} gold pairs)"
        )


def pairs(groups: Mapping[str, set[str]]) -> set[tuple[str, str]]:
    """Document pairs that share a group (groups: document -> the events or incidents it has)."""
    return {(a, b) for a, b in combinations(sorted(groups), 2) if groups[a] & groups[b]}


def score(gold: Mapping[str, set[str]], predicted: Mapping[str, set[str]]) -> PairScores:
    names = set(gold)
    want = pairs(gold)
    got = {p for p in pairs(predicted) if p[0] in names and p[1] in names}
    right = len(want & got)
    return PairScores(
        precision=right / len(got) if got else 1.0,
        recall=right / len(want) if want else 1.0,
        true_pairs=right,
        predicted_pairs=len(got),
        gold_pairs=len(want),
    )

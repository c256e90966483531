"""Loaders for the incident lexicons in docket/knowledge: weapons, event triggers, target classes.

Each loader reads its CSV once (cached) and skips the ``#`` header lines that carry source and
as-of date.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


@dataclass(frozen=True)
class WeaponTerm:
    tokens: tuple[str, ...]
    weapon_class: str
    kind: str  # weapon, method, generic
    source: str


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    category: str
    frame: str
    weak: bool = False  # figurative uses are common: void with a non-weapon instrument


# Incident kinds whose weapons are a state's: "an Israeli airstrike", "Russian shelling", "a US
# drone strike", "Russian missile strikes" speak of the state's forces. Before other kinds a
# state's name or people says where or who suffered ("the Mali ambush", "a Palestinian attack").
STATE_WEAPON_KINDS = frozenset({"air_or_drone_strike", "shelling_or_artillery"})


def _rows(name: str) -> list[dict[str, str]]:
    text = (KNOWLEDGE / name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def term_tokens(term: str) -> tuple[str, ...]:
    """A term as the token sequence the matcher compares (hyphens are separate tokens, dropped)."""
    return tuple(part for part in term.lower().replace("-", " - ").split() if part != "-")


@lru_cache(maxsize=1)
def weapon_terms() -> dict[tuple[str, ...], WeaponTerm]:
    """Weapon lexicon keyed by token sequence."""
    terms: dict[tuple[str, ...], WeaponTerm] = {}
    for row in _rows("weapons.csv"):
        tokens = term_tokens(row["term"])
        terms[tokens] = WeaponTerm(tokens, row["class"], row["kind"], row["source"])
    return terms


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    """Event triggers keyed by (lemma, part of speech); multiword lemmas use spaces."""
    return {
        (row["lemma"], row["pos"]): Trigger(
            row["lemma"], row["pos"], row["category"], row["frame"], row.get("weak") == "1"
        )
        for row in _rows("event_triggers.csv")
    }


@lru_cache(maxsize=1)
def target_classes() -> dict[str, tuple[str, bool]]:
    """Target words -> (class, names people)."""
    return {row["word"]: (row["class"], row["people"] == "1") for row in _rows("targets.csv")}


def people_word(lemma: str) -> bool:
    """Whether the target lexicon says ``lemma`` names people ("villager", "priest", "rebel")."""
    entry = target_classes().get(lemma)
    return entry is not None and entry[1]

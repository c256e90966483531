"""Load the actor registry from the data files beside this module (once, cached).

A :class:`Registry` maps names to actors. Each name has a *kind*: ``name`` (the actor's own name or
alias), ``demonym`` (an adjective or demonym of a state: "Turkish"), ``capital`` (a state's capital:
"Baku") or ``seat`` (a building or city standing for a government: "the Kremlin"). Capitals and
seats stand for the government only when the grammar says so (see
:mod:`docket.resolve.actors.metonymy`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from docket.knowledge.actors.build import read_tsv
from docket.knowledge.actors.states import states
from docket.record import ActorType

HERE = Path(__file__).parent
NameKind = Literal["name", "demonym", "capital", "seat"]
WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Actor:
    """An actor the registry knows: canonical id, type, name, aliases and affiliation."""

    id: str
    type: ActorType
    name: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    source: str = ""
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    capital_names: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    capital_unsure: bool = False
    sovereign: bool = False


@dataclass(frozen=True)
class NameHit:
    """A registry name found in a text: where, which actor, and what kind of name."""

    start: int
    end: int
    actor: Actor
    kind: NameKind


def is_acronym(name: str) -> bool:
    """Short upper-case names ("UN", "HRW", "U.S.") that must match with their case."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


@dataclass
class Registry:
    actors: dict[str, Actor]
    names: dict[str, list[tuple[str, NameKind]]] = field(default_factory=dict)

    def add_name(self, name: str, actor_id: str, kind: NameKind) -> None:
        name = name.strip()
        if not name:
            return
        entries = self.names.setdefault(name, [])
        if (actor_id, kind) not in entries:
            entries.append((actor_id, kind))

    def lookup(self, text: str) -> list[tuple[Actor, NameKind]]:
        """The actors a name stands for (exact, then case-insensitive for long names)."""
        text = " ".join(text.split())
        found = self.names.get(text)
        if found is None and text.lower().startswith("the "):
            found = self.names.get(text[4:])
        if found is None and not is_acronym(text):
            found = self._folded.get(text.lower())
        return [(self.actors[i], kind) for i, kind in found or []]

    @cached_property
    def _folded(self) -> dict[str, list[tuple[str, NameKind]]]:
        folded: dict[str, list[tuple[str, NameKind]]] = {}
        for name, entries in self.names.items():
            if not is_acronym(name):
                folded.setdefault(name.lower(), []).extend(entries)
        return folded

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One regular expression over every name, longest first, case-insensitive."""
        alternatives = sorted(self.names, key=len, reverse=True)
        body = "|".join(re.escape(name) for name in alternatives)
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[NameHit]:
        """Every registry name in ``text``, leftmost-longest, with the case rules applied.

        A name matches as written or with its first letter capitalised; in text that is all
        upper or all lower case, names of two words or six letters and more also match.
        Acronyms only match as written.
        """
        hits: list[NameHit] = []
        for match in self.pattern.finditer(text):
            quote = match.group()
            for actor, kind in self._accept(quote):
                hits.append(NameHit(match.start(), match.end(), actor, kind))
        return hits

    def _accept(self, quote: str) -> list[tuple[Actor, NameKind]]:
        exact = self.names.get(quote)
        if exact is None and quote[:1].isupper():
            exact = self.names.get(quote[:1].lower() + quote[1:])
        if exact is not None:
            return [(self.actors[i], kind) for i, kind in exact]
        degenerate = quote.isupper() or quote.islower()
        candidates = self._folded.get(quote.lower(), [])
        if degenerate and (" " in quote or len(quote) >= 6):
            return [(self.actors[i], kind) for i, kind in candidates]
        return []


def split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def state_actors() -> dict[str, Actor]:
    """Every ISO 3166-1 entry as a state actor, with names, demonyms and capitals."""
    import pycountry

    hand = {row.iso3: row for row in states()}
    capitals = {row[0]: row + [""] * 7 for row in read_tsv(HERE / "capitals.tsv")}
    actors: dict[str, Actor] = {}
    for iso3, row in capitals.items():
        country = pycountry.countries.get(alpha_3=iso3)
        iso_names = (
            tuple(
                n
                for n in (
                    getattr(country, "common_name", None),
                    getattr(country, "official_name", None),
                    country.name,
                )
                if n
            )
            if country is not None
            else ()
        )
        common = hand[iso3].common_names if iso3 in hand else ()
        names = tuple(dict.fromkeys(common + iso_names))
        actors[iso3] = Actor(
            id=iso3,
            type="state",
            name=names[0] if names else row[1],
            aliases=names[1:],
            source="ISO 3166-1 (pycountry); states.tsv",
            demonyms=hand[iso3].demonyms if iso3 in hand else (),
            capital=row[2] or None,
            capital_names=split(row[3]),
            seats=split(row[4]),
            capital_unsure=row[5] == "yes",
            sovereign=iso3 in hand,
        )
    return actors


def organisation_actors() -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for row in read_tsv(HERE / "organisations.tsv"):
        row = row + [""] * 6
        actors[row[0]] = Actor(
            id=row[0],
            type=row[1],  # type: ignore[arg-type]
            name=row[2],
            aliases=split(row[3]),
            affiliation=row[4] or None,
            source=row[5],
        )
    return actors


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """The registry built from the data files; cached for the process."""
    actors = state_actors() | organisation_actors()
    registry = Registry(actors)
    for actor in actors.values():
        for name in (actor.name, *actor.aliases):
            registry.add_name(name, actor.id, "name")
        for name in actor.demonyms:
            registry.add_name(name, actor.id, "demonym")
        for name in (actor.capital or "", *actor.capital_names):
            registry.add_name(name, actor.id, "capital")
        for name in actor.seats:
            registry.add_name(name, actor.id, "seat")
    return registry

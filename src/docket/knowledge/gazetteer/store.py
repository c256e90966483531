"""Looking places up in the built gazetteer file.

The file is opened once per process (:func:`load_gazetteer`, cached) and read by its index: a
lookup is a primary-key read in SQLite, a few microseconds, and answers are memoised in memory.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docket.errors import DocketError
from docket.knowledge.gazetteer.build import DEFAULT_PATH, EDITION
from docket.knowledge.gazetteer.names import normalise

TABLES = frozenset({"meta", "places", "names", "demonyms", "capitals"})
# the places table's newest column: a file without it was built by an older version
NEWEST_COLUMN = "names"
# how many index names a search reads at most, and the order of kinds in its answer
SEARCH_NAMES = 400
KIND_ORDER = {"country": 0, "admin1": 1, "region": 2, "admin2": 3, "city": 4, "island": 5}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    key: int
    id: str
    name: str
    kind: str  # continent, macro-region, country, region, admin1, admin2, city
    precision: str  # the precision of a reference to it: country, region, district, town
    lat: float
    lon: float
    population: int
    country: str
    admin1: str
    admin2: str
    source: str
    # how many distinct names the sources give the place, in any script (0 in a file built
    # before they were counted)
    names: int = 0

    @property
    def geonames_id(self) -> int | None:
        return int(self.id.split(":", 1)[1]) if self.id.startswith("geonames:") else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for; ``primary`` when the name is its own name, not an alias."""

    place: Place
    primary: bool


class Gazetteer:
    """Read access to a built gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._names: dict[str, tuple[Candidate, ...]] = {}
        self._places: dict[int, Place] = {}
        self._countries: dict[str, int] | None = None
        self._capitals: dict[str, str] | None = None
        self._demonyms: dict[str, tuple[Candidate, ...]] | None = None
        self._acronyms: dict[str, tuple[Candidate, ...]] | None = None

    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT key, value FROM meta"))

    def place(self, key: int) -> Place:
        found = self._places.get(key)
        if found is None:
            with self._lock:
                row = self._db.execute("SELECT * FROM places WHERE key = ?", (key,)).fetchone()
            found = self._places[key] = Place(*row)
        return found

    def by_id(self, place_id: str) -> Place | None:
        with self._lock:
            row = self._db.execute("SELECT key FROM places WHERE id = ?", (place_id,)).fetchone()
        return self.place(row[0]) if row else None

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 ``code``."""
        if self._countries is None:
            with self._lock:
                rows = self._db.execute(
                    "SELECT key, country FROM places WHERE kind = 'country'"
                ).fetchall()
            self._countries = {cc: key for key, cc in rows}
        key = self._countries.get(code)
        return self.place(key) if key is not None else None

    def capital_of(self, place: Place) -> str | None:
        """The country ``place`` is the national capital of, if it is one."""
        if self._capitals is None:
            with self._lock:
                self._capitals = dict(self._db.execute("SELECT id, country FROM capitals"))
        return self._capitals.get(place.id)

    def lookup_normal(self, key: str) -> tuple[Candidate, ...]:
        """The candidates for an already normalised name."""
        found = self._names.get(key)
        if found is None:
            with self._lock:
                row = self._db.execute("SELECT places FROM names WHERE name = ?", (key,)).fetchone()
            keys = [int(k) for k in row[0].split(",")] if row else []
            found = tuple(Candidate(self.place(k if k >= 0 else ~k), k >= 0) for k in keys)
            if len(self._names) > 200_000:
                self._names.clear()
            self._names[key] = found
        return found

    def demonym(self, key: str) -> tuple[Candidate, ...]:
        """The countries or regions a normalised demonym ("russian", "palestinians") refers to."""
        if self._demonyms is None:
            # a few hundred words, read at once: demonyms are looked up for every capitalised word
            self._demonyms = self._word_table("demonyms")
        return self._demonyms.get(key, ())

    def acronym(self, written: str) -> tuple[Candidate, ...]:
        """The countries whose initials ``written`` is, when written in capitals ("DRC",
        "D.R.C.", "CAR"; never "car"). A file built before acronyms were kept has none."""
        key = written.replace(".", "").strip()
        if len(key) < 3 or not key.isalpha() or not key.isupper():
            return ()
        if self._acronyms is None:
            self._acronyms = self._word_table("acronyms")
        return self._acronyms.get(key, ())

    def _word_table(self, table: str) -> dict[str, tuple[Candidate, ...]]:
        """A small table of words (demonyms, acronyms) and the places each names, read whole; an
        older file without the table gives none."""
        with self._lock:
            try:
                rows = self._db.execute(f"SELECT name, places FROM {table}").fetchall()  # noqa: S608
            except sqlite3.OperationalError:
                rows = []
        return {
            name: tuple(Candidate(self.place(int(k)), False) for k in places.split(","))
            for name, places in rows
        }

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """The places ``name`` may stand for (by name or alias), in no particular order."""
        return self.lookup_normal(normalise(name))

    def __contains__(self, name: str) -> bool:
        return bool(self.lookup(name))

    def towns_in(
        self, west: float, south: float, east: float, north: float, limit: int = 100
    ) -> list[Place]:
        """The most populous towns inside the box (for map labels: the towns worth naming at
        the zoom that shows this box)."""
        lons = "lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)"
        with self._lock:
            keys = self._db.execute(
                f"SELECT key FROM places WHERE kind = 'city' AND lat BETWEEN ? AND ? AND {lons}"
                " ORDER BY population DESC LIMIT ?",
                (south, north, west, east, limit),
            ).fetchall()
        return [self.place(key) for (key,) in keys]

    def search(self, text: str, limit: int = 20, country: str | None = None) -> list[Candidate]:
        """Places whose name or alias starts with ``text`` (normalised), for a person choosing
        one: exact names first, then own names before aliases, countries and regions before
        towns, the more populous first. ``country`` (ISO alpha-2) narrows the answer."""
        key = normalise(text)
        if not key:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT name, places FROM names WHERE name >= ? AND name < ? ORDER BY name LIMIT ?",
                (key, key + "\uffff", SEARCH_NAMES),
            ).fetchall()
        best: dict[int, tuple[tuple[int, int, int, int], Candidate]] = {}
        for name, keys in rows:
            for k in (int(k) for k in keys.split(",")):
                found = Candidate(self.place(k if k >= 0 else ~k), k >= 0)
                place = found.place
                if country and place.country != country.upper():
                    continue
                rank = (
                    name != key,
                    not found.primary,
                    KIND_ORDER.get(place.kind, len(KIND_ORDER)),
                    -place.population,
                )
                if place.key not in best or rank < best[place.key][0]:
                    best[place.key] = (rank, found)
        return [found for _, found in sorted(best.values(), key=lambda pair: pair[0])][:limit]


def built(path: Path = DEFAULT_PATH) -> Path:
    """``path``, when it holds a gazetteer of this version's layout; else DocketError E023.

    Nothing is built on lookup: ``python -m docket.knowledge.gazetteer build`` (run by
    ``make install``) builds the file, once.
    """
    if not path.is_file():
        raise DocketError("E023", f"no gazetteer file at {path}", str(path))
    if not _current(path):
        raise DocketError(
            "E023",
            f"the gazetteer at {path} was built by another version of docket; build it again",
            str(path),
        )
    return path


def _current(path: Path) -> bool:
    """Whether the file at ``path`` has every table and column this version reads and was built
    by this edition of the builder (``EDITION``)."""
    db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {row[1] for row in db.execute("PRAGMA table_info(places)")}
        edition = (
            db.execute("SELECT value FROM meta WHERE key = 'edition'").fetchone()
            if "meta" in tables
            else None
        )
    finally:
        db.close()
    return tables >= TABLES and NEWEST_COLUMN in columns and edition == (EDITION,)


@lru_cache(maxsize=2)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the built file in the package), opened once per path.

    Pipeline stages reach it through ``docket.resources.Resources.gazetteer``, whose path is the
    ``gazetteer_path`` setting.
    """
    return Gazetteer(built(path or DEFAULT_PATH))

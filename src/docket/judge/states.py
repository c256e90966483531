"""States by ISO 3166 code or English name, for the treaty tables and their explanations."""

from __future__ import annotations

from functools import cache, lru_cache

from docket.knowledge.actors.states import states


@cache
def aliases() -> dict[str, str]:
    """Names in common English use that pycountry's lookup does not find by itself (upper case ->
    ISO3), from the ``lookup_names`` of knowledge/actors/states.tsv."""
    return {n.upper(): row.iso3 for row in states() for n in row.lookup_names}


@cache
def common_names() -> dict[str, str]:
    """The ``common_names`` of knowledge/actors/states.tsv (upper case -> ISO3), tried before
    pycountry's fuzzy search, so the UN's 'Republic of Korea' is KOR, not the DPRK that a
    substring search finds."""
    return {n.upper(): row.iso3 for row in states() for n in row.common_names}


@cache
def short_names() -> dict[str, str]:
    """Short names for explanations, where the ISO name is long or formal (ISO3 -> name), from
    the ``short_name`` column of knowledge/actors/states.tsv."""
    return {row.iso3: row.short_name for row in states() if row.short_name}


@lru_cache(maxsize=512)
def iso3(text: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a state given as an alpha-2 or alpha-3 code or a name."""
    import pycountry

    key = text.strip().upper()
    if not key:
        return None
    if key in aliases():
        return aliases()[key]
    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_3)
    except LookupError:
        pass
    if key in common_names():
        return common_names()[key]
    try:
        found = pycountry.countries.search_fuzzy(text.strip())
    except LookupError:
        return None
    return str(found[0].alpha_3) if len(found) == 1 else None


@lru_cache(maxsize=512)
def name(code: str) -> str:
    """A state's short English name for explanations ('Azerbaijan', 'the United Kingdom')."""
    import pycountry

    if code in short_names():
        return short_names()[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def is_state(actor: str | None) -> bool:
    """True when an actor id is a state's ISO3 code (actor ids of states are upper-case ISO3)."""
    return (
        bool(actor)
        and len(actor or "") == 3
        and (actor or "").isupper()
        and iso3(actor or "") == actor
    )

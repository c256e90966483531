"""States by ISO 3166 code or English name, for the treaty tables and their explanations."""

from __future__ import annotations

from functools import lru_cache

# Names in common English use that pycountry's lookup does not find by itself.
ALIASES = {
    "UK": "GBR",
    "BRITAIN": "GBR",
    "GREAT BRITAIN": "GBR",
    "ENGLAND": "GBR",
    "US": "USA",
    "U.S.": "USA",
    "AMERICA": "USA",
    "UNITED STATES": "USA",
    "RUSSIA": "RUS",
    "IRAN": "IRN",
    "SYRIA": "SYR",
    "PALESTINE": "PSE",
    "TURKEY": "TUR",
    "VATICAN": "VAT",
    "HOLY SEE": "VAT",
    "LAOS": "LAO",
    "MOLDOVA": "MDA",
    "SOUTH KOREA": "KOR",
    "NORTH KOREA": "PRK",
    "IVORY COAST": "CIV",
    "CZECH REPUBLIC": "CZE",
    "BOLIVIA": "BOL",
    "VENEZUELA": "VEN",
    "TANZANIA": "TZA",
    "VIETNAM": "VNM",
    "MACEDONIA": "MKD",
    "DR CONGO": "COD",
    "DRC": "COD",
    "CONGO": "COG",
    "MICRONESIA": "FSM",
    "CAPE VERDE": "CPV",
    "SWAZILAND": "SWZ",
    "BURMA": "MMR",
    "EAST TIMOR": "TLS",
    "KOSOVO": "XKX",
}

# Short names for explanations, where the ISO name is long or formal.
SHORT_NAMES = {
    "GBR": "the United Kingdom",
    "USA": "the United States",
    "RUS": "Russia",
    "IRN": "Iran",
    "SYR": "Syria",
    "PSE": "Palestine",
    "VAT": "the Holy See",
    "LAO": "Laos",
    "MDA": "Moldova",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "VNM": "Vietnam",
    "COD": "the Democratic Republic of the Congo",
    "COG": "the Republic of the Congo",
    "NLD": "the Netherlands",
    "PHL": "the Philippines",
    "CZE": "the Czech Republic",
    "CAF": "the Central African Republic",
    "ARE": "the United Arab Emirates",
    "DOM": "the Dominican Republic",
    "FSM": "Micronesia",
    "TUR": "Türkiye",
}


@lru_cache(maxsize=512)
def iso3(text: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a state given as an alpha-2 or alpha-3 code or a name."""
    import pycountry

    key = text.strip().upper()
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_3)
    except LookupError:
        pass
    try:
        found = pycountry.countries.search_fuzzy(text.strip())
    except LookupError:
        return None
    return str(found[0].alpha_3) if len(found) == 1 else None


@lru_cache(maxsize=512)
def name(code: str) -> str:
    """A state's short English name for explanations ('Azerbaijan', 'the United Kingdom')."""
    import pycountry

    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
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

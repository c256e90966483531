"""Where an incident's place lies, as the ACLED and UCDP columns ask: country name and ISO
number, region, and admin1-admin3 from the gazetteer's hierarchy.

The country columns come from ISO 3166-1 (pycountry) and ``docket.knowledge.country_regions``;
the admin columns from the gazetteer entry the place was resolved to (a town's state and county,
a county's state), or, for an imported place, the admin names its file gave. docket's gazetteer has two admin levels, so ``admin3`` is always empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docket.knowledge.gazetteer.store import Gazetteer, Place
    from docket.record import PlaceRef
    from docket.settings import Settings


@dataclass(frozen=True)
class Where:
    """The columns of an export that say where a place lies; None where docket cannot say."""

    country: str | None = None  # the country's common name
    iso: int | None = None  # ISO 3166-1 numeric
    iso3: str | None = None
    acled_region: str | None = None
    ucdp_region: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None


@lru_cache(maxsize=512)
def country_where(code: str | None) -> Where:
    """The country columns for an ISO 3166-1 alpha-2 code (empty for an unknown code)."""
    import pycountry

    from docket.knowledge.country_regions import country_regions

    if not code:
        return Where()
    country = pycountry.countries.get(alpha_2=code.upper())
    region = country_regions().get(code.upper())
    return Where(
        country=(getattr(country, "common_name", None) or country.name) if country else None,
        iso=int(country.numeric) if country else None,
        iso3=country.alpha_3 if country else None,
        acled_region=region.acled if region else None,
        ucdp_region=(region.ucdp or None) if region else None,
    )


def _admins(entry: Place) -> tuple[str | None, str | None, str | None]:
    """admin1-admin3 of a gazetteer entry: the divisions it lies in, or is."""
    if entry.kind == "admin1":
        return entry.name, None, None
    if entry.kind == "admin2":
        return entry.admin1 or None, entry.name, None
    if entry.kind in ("city", "region", "island"):
        return entry.admin1 or None, entry.admin2 or None, None
    return None, None, None


class Places:
    """Looks places up for the exports; without a gazetteer only the country columns are filled."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer
        self._seen: dict[tuple[str | None, ...], Where] = {}

    def where(self, place: PlaceRef | None) -> Where:
        if place is None:
            return Where()
        key = (
            place.gazetteer_id,
            place.country,
            *(getattr(place, f"admin{n}", None) for n in (1, 2, 3)),
        )
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._lookup(place)
        return found

    def _lookup(self, place: PlaceRef) -> Where:
        entry = None
        if self.gazetteer is not None and place.gazetteer_id:
            entry = self.gazetteer.by_id(place.gazetteer_id)
            if entry is None and place.gazetteer_id.isdigit():  # a bare GeoNames number
                entry = self.gazetteer.by_id(f"geonames:{place.gazetteer_id}")
        country = country_where(place.country or (entry.country if entry else None))
        if entry is not None:
            admin1, admin2, admin3 = _admins(entry)
        else:  # an imported place carries the admin names its file gave
            admin1, admin2, admin3 = (getattr(place, f"admin{n}", None) for n in (1, 2, 3))
        return Where(
            country=country.country,
            iso=country.iso,
            iso3=country.iso3,
            acled_region=country.acled_region,
            ucdp_region=country.ucdp_region,
            admin1=admin1,
            admin2=admin2,
            admin3=admin3,
        )


def places_for(settings: Settings) -> Places:
    """The exports' place lookup over the settings' gazetteer (E023 when it is not built)."""
    from docket.knowledge.gazetteer.store import load_gazetteer

    return Places(load_gazetteer(settings.resolved_gazetteer_path))

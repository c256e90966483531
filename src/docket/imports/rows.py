"""Reading the cells of one imported row, each check failing with :class:`BadRow`, which says
which column and what was wrong."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%d %B %Y", "%d-%B-%Y")
SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


class BadRow(ValueError):
    """A row that cannot be read; the message names the column."""


class Row:
    """The cells of one row, by column name (empty cells as empty strings)."""

    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells

    def text(self, column: str) -> str | None:
        return self.cells.get(column) or None

    def required(self, column: str) -> str:
        value = self.cells.get(column)
        if not value:
            raise BadRow(f"{column} is empty")
        return value

    def number(self, column: str) -> float | None:
        """The cell as a number (None when empty); BadRow when it is not one."""
        value = self.cells.get(column)
        if not value:
            return None
        try:
            return float(value)
        except ValueError:
            raise BadRow(f"{column} {value!r} is not a number") from None

    def integer(self, column: str) -> int | None:
        number = self.number(column)
        if number is None:
            return None
        if not number.is_integer() or number < 0:
            raise BadRow(f"{column} {self.cells[column]!r} is not a whole number of at least 0")
        return int(number)

    def coordinate(self, column: str, limit: float) -> float | None:
        number = self.number(column)
        if number is not None and not -limit <= number <= limit:
            raise BadRow(f"{column} {self.cells[column]!r} is outside -{limit:g}..{limit:g}")
        return number

    def day(self, column: str) -> date | None:
        value = self.cells.get(column)
        if not value:
            return None
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise BadRow(f"{column} {value!r} is not a date (YYYY-MM-DD or '4 October 2020')")


def record_key(value: str) -> str:
    """An id cell as the tail of a docket record id (letters, digits, '_', '.', '-')."""
    return SLUG.sub("-", value).strip("-")


def names(cell: str | None) -> list[str]:
    """A cell of ';'-separated names as a list."""
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


@lru_cache(maxsize=1024)
def country_code(name: str | None, numeric: int | None = None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country given by ISO number or by name ("Russia
    (Soviet Union)" read as "Russia"); None when neither is known."""
    import pycountry

    if numeric is not None:
        found = pycountry.countries.get(numeric=f"{numeric:03d}")
        if found is not None:
            return str(found.alpha_2)
    if not name:
        return None
    for candidate in (name, re.sub(r"\s*\(.*\)\s*", "", name)):
        try:
            return str(pycountry.countries.lookup(candidate).alpha_2)
        except LookupError:
            continue
    return None

"""The sovereign states of ``states.tsv``: the one table of state names.

The actor registry takes its state names and demonyms from :func:`states`; the judge takes the
names its treaty lookup accepts and the short names its explanations use from the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docket.knowledge.actors.build import read_tsv

TABLE = Path(__file__).parent / "states.tsv"


@dataclass(frozen=True)
class StateRow:
    """One state; an empty string or tuple means the table gives nothing there."""

    iso3: str
    common_names: tuple[str, ...]
    demonyms: tuple[str, ...]
    short_name: str
    lookup_names: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@cache
def states() -> tuple[StateRow, ...]:
    """Every state of ``states.tsv``, in the file's order."""
    out = []
    for row in read_tsv(TABLE):
        cells = row + [""] * (5 - len(row))
        out.append(
            StateRow(
                iso3=cells[0],
                common_names=_split(cells[1]),
                demonyms=_split(cells[2]),
                short_name=cells[3].strip(),
                lookup_names=_split(cells[4]),
            )
        )
    return tuple(out)

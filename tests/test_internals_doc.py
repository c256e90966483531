"""docs/internals.md names only what exists, lists the stages in their order, and names every
package and top-level module of docket."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from docket.pipeline import STAGE_MODULES, default_stages

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "internals.md"
PACKAGE = REPO / "src" / "docket"
DOTTED = re.compile(r"\bdocket(?:\.[A-Za-z_]\w*)+")
PATH = re.compile(r"`((?:src|tests|training|docs)/[\w./-]+)`")
STAGE_ROW = re.compile(r"^\| (\d+) \| ([\w.]+) \| `([\w.]+)` \|", re.MULTILINE)


def _text() -> str:
    return DOC.read_text("utf-8")


def _exists(dotted: str) -> bool:
    """A module, or an attribute reached from the longest importable module prefix."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_every_dotted_name_exists() -> None:
    names = sorted(set(DOTTED.findall(_text())))
    assert len(names) > 40
    missing = [name for name in names if not _exists(name)]
    assert not missing, f"docs/internals.md names what does not exist: {missing}"


def test_every_path_exists() -> None:
    paths = set(PATH.findall(_text()))
    assert paths
    assert not [p for p in sorted(paths) if not (REPO / p).exists()]


def test_the_stage_table_is_the_pipeline_in_order() -> None:
    rows = STAGE_ROW.findall(_text())
    assert [int(number) for number, _, _ in rows] == list(range(1, len(rows) + 1))
    assert [name for _, name, _ in rows] == [stage.name for stage in default_stages()]
    assert tuple(module for _, _, module in rows) == STAGE_MODULES


def test_every_package_and_top_level_module_is_named() -> None:
    named = set(DOTTED.findall(_text()))
    wanted = {
        "docket." + ".".join(p.parent.relative_to(PACKAGE).parts)
        for p in PACKAGE.rglob("__init__.py")
        if p.parent != PACKAGE and "migrations" not in p.parts[:-2]
    }
    wanted |= {
        f"docket.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")
    }
    assert not sorted(wanted - named), f"docs/internals.md does not name {sorted(wanted - named)}"

"""The layout keeps the database behind the store: outside ``docket.store`` no module imports
SQLAlchemy or the store's table modules, reads ``.engine``, or opens the store's private
``_read``/``_write`` connections. Checked on the source with ``ast``, nothing imported."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "docket"
TABLE_MODULES = ("tables", "link_tables", "account_tables", "release_tables")
FORBIDDEN_MODULES = ("sqlalchemy", *(f"docket.store.{name}" for name in TABLE_MODULES))
PRIVATE_CALLS = ("_read", "_write")


def _forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN_MODULES)


def database_uses(path: Path) -> list[str]:
    """Each place in the file that reaches past the store to its database, as 'line: what'."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names if _forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            if any(_forbidden(name) for name in names):
                found.append(f"{node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and node.attr == "engine":
            found.append(f"{node.lineno}: .engine")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in PRIVATE_CALLS
        ):
            found.append(f"{node.lineno}: .{node.func.attr}()")
    return found


def uses_under(folder: Path, skip: Path | None = None) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE.parent)}:{use}"
        for path in sorted(folder.rglob("*.py"))
        if skip is None or skip not in path.parents
        for use in database_uses(path)
    ]


def test_the_check_sees_each_kind_of_use(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import sqlalchemy as sa\n"
        "from docket.store import tables as t\n"
        "from docket.store.link_tables import incident_reports\n"
        "url = store.engine.url\n"
        "with store._read() as conn: pass\n"
        "from docket.store import Store, IncidentFilter\n",
        "utf-8",
    )
    assert [use.split(":")[0] for use in database_uses(sample)] == ["1", "2", "3", "4", "5"]


def test_no_face_touches_the_database() -> None:
    assert uses_under(PACKAGE / "faces") == []


def test_nothing_outside_the_store_touches_the_database() -> None:
    assert uses_under(PACKAGE, skip=PACKAGE / "store") == []

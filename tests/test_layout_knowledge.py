"""``docket.knowledge`` holds data and its loaders only: none of its modules imports the stages
that read it (resolve, judge, extract, link) or the faces."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KNOWLEDGE = Path(__file__).resolve().parent.parent / "src" / "docket" / "knowledge"
FORBIDDEN = ("docket.resolve", "docket.judge", "docket.extract", "docket.link", "docket.faces")


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module an ``import`` or ``from ... import`` names, anywhere in the tree (functions
    included), with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # "from docket import resolve" names the package through its alias
            found.extend((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def test_the_knowledge_package_has_modules():
    assert len(list(KNOWLEDGE.rglob("*.py"))) >= 5


@pytest.mark.parametrize(
    "path", sorted(KNOWLEDGE.rglob("*.py")), ids=lambda p: str(p.relative_to(KNOWLEDGE))
)
def test_knowledge_imports_no_stage_or_face(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    wrong = [f"line {line}: {name}" for line, name in imported_modules(tree) if forbidden(name)]
    assert not wrong, f"{path.relative_to(KNOWLEDGE)} imports {wrong}"


def test_the_check_catches_a_backward_import():
    tree = ast.parse("def f():\n    from docket.resolve.actors.metonymy import role\n")
    assert [name for _, name in imported_modules(tree) if forbidden(name)]
    tree = ast.parse("from docket import judge\nimport docket.knowledge.gazetteer.names\n")
    assert [name for _, name in imported_modules(tree) if forbidden(name)] == ["docket.judge"]

"""The one-way pipeline, kept true mechanically by reading every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "newsline"
MODULES = sorted(p for p in PKG.rglob("*.py"))

# Who may import what. The core stays pure: no CLI, terminal or database libraries.
ONLY = {
    "typer": {"cli"},
    "rich": {"cli", "render"},
    "sqlite3": {"store"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _role(path: Path) -> str:
    rel = path.relative_to(PKG).with_suffix("")
    return rel.parts[0]


def test_there_are_modules_to_check():
    assert len(MODULES) > 5


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_module_imports_respect_layers(path):
    role = _role(path)
    for lib, allowed in ONLY.items():
        if lib in _imports(path):
            assert role in allowed, f"{path.name} imports {lib}; only {sorted(allowed)} may"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_core_never_reads_the_clock(path):
    src = path.read_text(encoding="utf-8")
    for call in ("date.today(", "datetime.now(", "datetime.today(", "time.localtime("):
        assert call not in src, f"{path.name} calls {call}: the anchor is an argument"

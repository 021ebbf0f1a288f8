"""Who may import whom (DESIGN.md, "The pipeline"): the layering is checked, not hoped for."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "diplograph"

# package (first path part under diplograph/) -> packages it must never import
FORBIDDEN = {
    "model": {"*"},
    "errors": {"*"},
    "ingest": {"nlp", "coding", "graph", "export", "web", "cli", "batch", "facade", "api"},
    "nlp": {"coding", "graph", "export", "web", "cli", "batch", "facade", "ingest"},
    "coding": {"graph", "export", "web", "cli", "batch", "facade", "ingest"},
    "graph": {"nlp", "coding", "web", "cli", "batch", "ingest"},
    "export": {"nlp", "coding", "web", "cli", "batch", "ingest"},
}
NEVER_IMPORTED = {"cli", "web"}  # only entry points may use them
# the shells use only the public API (api, facade) and the shared vocabulary
SHELLS = {"cli", "web", "batch"}
SHELL_MAY_NOT = {"ingest", "nlp", "coding", "graph"}


def _part(module: str) -> str:
    return module.split(".")[0]


def _imports(path: Path) -> set[str]:
    """Our packages that a file imports (absolute 'diplograph.x' or relative)."""
    rel = path.relative_to(SRC).with_suffix("")
    package = list(rel.parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("diplograph."):
                    found.add(_part(alias.name[len("diplograph."):]))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("diplograph."):
                    found.add(_part(node.module[len("diplograph."):]))
                continue
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            if node.module:
                found.add(_part(".".join(base + [node.module])))
            else:
                for alias in node.names:
                    found.add(_part(".".join(base + [alias.name])))
    return {f for f in found if f}


FILES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_layering(path):
    rel = path.relative_to(SRC)
    me = rel.parts[0].removesuffix(".py")
    imported = _imports(path) - {me}
    rules = FORBIDDEN.get(me, set())
    if "*" in rules:
        assert not imported, f"{rel} must import nothing of ours, imports {imported}"
    bad = imported & rules
    assert not bad, f"{rel} may not import {sorted(bad)}"
    if me in SHELLS:
        bad = imported & SHELL_MAY_NOT
        assert not bad, f"{rel} is a shell: it may use only the API, not {sorted(bad)}"
    if me not in NEVER_IMPORTED:
        bad = imported & NEVER_IMPORTED
        assert not bad, f"{rel} imports {sorted(bad)}, which only entry points may use"

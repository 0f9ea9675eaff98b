"""The package's shape stays as docs/architecture.md draws it: no module imports another in a loop, no
module imports another's private names, the instance base IRI is written in kg/graph/iris.py only."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"
# The extract stage's own two (kg/extract/stage.py), left to the engineers who own that stage.
KNOWN_PRIVATE = {
    ("kg.extract.stage", "kg.extract.concepts", "_matcher"),
    ("kg.extract.stage", "kg.read.normalize", "_t2s"),
}
KNOWN_BASE = {"kg/extract/concepts.py"}


def _modules() -> dict[str, Path]:
    out = {}
    for f in KG.rglob("*.py"):
        name = ".".join(f.relative_to(ROOT).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = f
    return out


def _imports() -> tuple[dict[str, set[str]], set[tuple[str, str, str]]]:
    """Module -> the kg modules it imports (anywhere in it, function bodies too); private names imported."""
    mods = _modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    private = set()
    for m, f in mods.items():
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("kg")
                and not node.level
            ):
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    target = full if full in mods else node.module
                    if target in mods and target != m:
                        edges[m].add(target)
                    if a.name.startswith("_") and not a.name.startswith("__"):
                        private.add((m, node.module, a.name))
            elif isinstance(node, ast.Import):
                edges[m] |= {a.name for a in node.names if a.name in mods and a.name != m}
    return edges, private


def test_no_module_imports_another_in_a_loop():
    edges, _ = _imports()
    state: dict[str, int] = {}
    loops = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(edges[m]):
            if state.get(t) == 1:
                loops.append(path[path.index(t) :] + [t])
            elif t not in state:
                visit(t, [*path, t])
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m, [m])
    assert not loops, loops


def test_no_module_imports_another_modules_private_names():
    _, private = _imports()
    assert private <= KNOWN_PRIVATE, sorted(private - KNOWN_PRIVATE)


def test_the_base_iri_is_written_in_one_module():
    base = "https://w3id.org/cadrekg/id/"
    found = {str(f.relative_to(ROOT)) for f in KG.rglob("*.py") if base in f.read_text(encoding="utf-8")}
    assert found - KNOWN_BASE == {"kg/graph/iris.py"}


def test_the_link_package_imports_nothing_itself():
    tree = ast.parse((KG / "link" / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]

"""The import graph runs one way, as README's Layout draws it: each module of kmdash imports only modules of its
own layer or of a layer below; no two modules import each other, directly or round a longer circle; only
the app (app.py, ui/, pages/) imports Streamlit. Imports are read from the source (function-level ones too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# bottom first: (layer, module path prefixes under the project root)
LAYERS = (
    ("words", ("kmdash/errors", "kmdash/i18n", "kmdash/words", "kmdash/schema", "kmdash/settings",
               "kmdash/settings_file")),
    ("read", ("kmdash/read/",)),
    ("analysis", ("kmdash/analyse", "kmdash/filters", "kmdash/reconcile", "kmdash/privacy", "kmdash/pipeline",
                  "kmdash/classes")),
    ("techniques", ("kmdash/techniques/",)),
    ("flows", ("kmdash/plan", "kmdash/actions", "kmdash/record", "kmdash/followup", "kmdash/followup_plan",
               "kmdash/followup_actions", "kmdash/followup_flow", "kmdash/store",
               "kmdash/migrations/", "kmdash/province", "kmdash/history", "kmdash/scope", "kmdash/accounts")),
    ("report", ("kmdash/report/",)),
    ("cli", ("kmdash/cli/", "kmdash/__main__")),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The kmdash modules this file imports (a name imported from a package counts as its module when it is
    one)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found |= {f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base for a in node.names}
    return {name for name in found if name.split(".")[0] in ("kmdash", "streamlit", "ui", "pages")}


def _is_module(name: str) -> bool:
    path = ROOT / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def layer_of(module: str) -> int | None:
    path = module.replace(".", "/")
    for level, (_, prefixes) in enumerate(LAYERS):
        if any(path == p.rstrip("/") or path.startswith(p.rstrip("/") + "/") or
               (not p.endswith("/") and path.startswith(p + "/")) for p in prefixes):
            return level
    return None


CORE = sorted(p for p in (ROOT / "kmdash").rglob("*.py") if "__pycache__" not in p.parts)
GRAPH = {module_name(p): imports(p) for p in CORE}


def test_every_core_module_has_a_layer_or_stands_apart():
    apart = [m for m in GRAPH if m == "kmdash" or m.startswith("kmdash.synthetic")]
    homeless = [m for m in GRAPH if layer_of(m) is None and m not in apart]
    assert homeless == []


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_a_module_imports_nothing_above_its_layer(module):
    own = layer_of(module)
    if own is None:
        return
    above = sorted(i for i in GRAPH[module] if (layer_of(i) or 0) > own)
    assert above == [], f"{module} ({LAYERS[own][0]}) imports from above: {above}"


def test_the_core_never_imports_streamlit_or_the_app():
    assert {m: sorted(i for i in found if not i.startswith("kmdash")) for m, found in GRAPH.items()
            if any(not i.startswith("kmdash") for i in found)} == {}


def test_no_two_modules_import_each_other_even_round_a_circle():
    edges = {m: {i for i in found if i in GRAPH and i != m and not m.startswith(i + ".")} for m, found in GRAPH.items()}
    state: dict[str, int] = {}
    circle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                circle.extend(path[path.index(nxt):] + [node, nxt] if nxt in path else [node, nxt])
                return True
            if nxt not in state and visit(nxt, path + [node]):
                return True
        state[node] = 2
        return False

    assert not any(visit(m, []) for m in sorted(edges) if m not in state), " -> ".join(circle)


def test_the_generator_reads_nothing_of_the_analysis():
    generator = {m: found for m, found in GRAPH.items() if m.startswith("kmdash.synthetic")}
    assert {m: sorted(i for i in found if (layer_of(i) or 0) > 1) for m, found in generator.items()
            if any((layer_of(i) or 0) > 1 for i in found)} == {}

"""How the tests are laid out, held so it stays so: fixtures in tests/conftest.py and nothing else there, helpers in
tests/support/, no test module importing conftest or another test module (pytest discourages importing
conftest; a test module imported by another is a helper in the wrong place), the shipped sample's loans made by
one session fixture, and scripts/mutants.py naming test files and tests that exist. Read from the source
(function-level imports too)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
SOURCES = sorted(p for p in TESTS.rglob("*.py") if not {"__pycache__", "fixtures", "artifacts"} & set(p.parts))


def package_of(path: Path) -> str:
    """The package a relative import in this file starts from (its folder, for a module and an __init__ alike)."""
    return ".".join(path.relative_to(ROOT).parts[:-1])


def is_test_module(name: str) -> bool:
    """A dotted name that is conftest or a test module (test_*)."""
    last = name.rpartition(".")[2]
    return last == "conftest" or last.startswith("test_")


def forbidden_imports(source: str, package: str) -> list[str]:
    """The imports of conftest or of a test module in this source, as `module` or `package.name`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if any(is_test_module(p) for p in a.name.split("."))]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            if any(is_test_module(p) for p in base.split(".")):
                found.append(base)
            elif base == "tests" or base.startswith("tests."):
                found += [f"{base}.{a.name}" for a in node.names if is_test_module(a.name)]
    return found


CAUGHT = [  # (source, the package it is in, what the check must report)
    ("from .conftest import AS_OF", "tests", ["tests.conftest"]),
    ("from .test_pages import go, start", "tests", ["tests.test_pages"]),
    ("def f():\n    from .test_summary import assert_user_error", "tests", ["tests.test_summary"]),
    ("from ..conftest import ROOT", "tests.support", ["tests.conftest"]),
    ("from . import conftest", "tests", ["tests.conftest"]),
    ("from tests import test_province", "tests", ["tests.test_province"]),
    ("import tests.conftest", "tests", ["tests.conftest"]),
    ("from tests.test_pages import frames", "tests", ["tests.test_pages"]),
    ("from .support.app import go, start\nfrom .support import oracle\nfrom kmdash.pipeline import run", "tests", []),
]


def test_the_import_check_finds_what_it_must():
    assert [forbidden_imports(source, package) for source, package, _ in CAUGHT] == [found for *_, found in CAUGHT]


def test_nothing_imports_conftest_or_a_test_module():
    """Helpers come from tests/support/, fixtures from pytest (by argument name), never by import."""
    found = {str(p.relative_to(TESTS)): forbidden_imports(p.read_text(encoding="utf-8"), package_of(p))
             for p in SOURCES}
    assert {path: imported for path, imported in found.items() if imported} == {}, \
        "import it from tests/support/ (a helper) or take it as an argument (a fixture in tests/conftest.py)"


def test_beside_the_tests_only_conftest_and_the_support_package():
    beside = sorted(p.name for p in TESTS.glob("*.py") if not p.name.startswith("test_"))
    assert beside == ["__init__.py", "conftest.py"], "helpers belong in tests/support/"
    assert (TESTS / "support" / "__init__.py").exists()
    assert not list((TESTS / "support").glob("test_*.py")) and not (TESTS / "support" / "conftest.py").exists()


def _is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "fixture" and \
        isinstance(target.value, ast.Name) and target.value.id == "pytest"


def test_conftest_holds_fixtures_only():
    """Its docstring, its imports and fixtures: a function, class or constant there is a helper in the wrong place."""
    tree = ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8"))
    others = []
    for i, node in enumerate(tree.body):
        if i == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.FunctionDef) and any(_is_fixture(d) for d in node.decorator_list):
            continue
        others.append(getattr(node, "name", None) or ast.unparse(node).splitlines()[0])
    assert others == []


def test_the_shipped_sample_is_made_once_by_its_session_fixture():
    """generate_loans(600, seed=0) (the loans of sample_data/) is called nowhere but in conftest's `sample_loans`
    (which makes them, and makes them again at the end to check that no test changed them)."""
    conftest = ast.parse((TESTS / "conftest.py").read_text(encoding="utf-8"))
    fixture = next(n for n in conftest.body if isinstance(n, ast.FunctionDef) and n.name == "sample_loans")
    inside, outside = [], []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and
                    getattr(node.func, "id", getattr(node.func, "attr", None)) == "generate_loans"):
                continue
            seed = next((k.value for k in node.keywords if k.arg == "seed"), node.args[1:2] and node.args[1])
            if [getattr(v, "value", None) for v in (node.args[0], seed)] == [600, 0] or \
                    getattr(node.args[0], "id", None) == "SAMPLE_SIZE":
                where = path.name == "conftest.py" and fixture.lineno <= node.lineno <= fixture.end_lineno
                (inside if where else outside).append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert inside and outside == [], "take the session fixture sample_loans (a copy if the test changes it)"


def test_the_mutation_script_names_tests_that_exist():
    """scripts/mutants.py tries each module against test files by path: after a rename they must still exist."""
    script = ast.parse((ROOT / "scripts" / "mutants.py").read_text(encoding="utf-8"))
    tests = next(ast.literal_eval(n.value) for n in script.body if isinstance(n, ast.Assign)
                 and getattr(n.targets[0], "id", None) == "TESTS")
    named = {arg for args in tests.values() for arg in args if arg.startswith("tests/")}
    assert named
    missing = []
    for arg in sorted(named):
        file, _, test = arg.partition("::")
        if not (ROOT / file).is_file():
            missing.append(arg)
        elif test and test not in {n.name for n in ast.parse((ROOT / file).read_text(encoding="utf-8")).body
                                   if isinstance(n, ast.FunctionDef)}:
            missing.append(arg)
    assert missing == []

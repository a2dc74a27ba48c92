"""The layout's rules: imports go one way; processing/ and storage/ never import Scrapy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "processing": {"scrapy", "twisted", "crawler", "spiders", "storage"},
    "storage": {"scrapy", "twisted", "crawler", "spiders", "processing"},
    "crawler": {"spiders"},
}
# The exceptions: storage builds the search index's SQL from the one Arabic normalisation (#11), and
# a migration gives stored URLs their canonical form (#10); leaf modules of pure functions and data
# that import nothing but the standard library.
ALLOWED = {"storage": {"processing.arabic", "processing.urls"}}
LEAVES = {"processing/arabic.py", "processing/urls.py"}


def imported_roots(path: Path, allowed: frozenset[str] | set[str] = frozenset()) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names if alias.name not in allowed)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module not in allowed:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_go_one_way(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    allowed = ALLOWED.get(package, set())
    offending = {str(f.relative_to(ROOT)): sorted(imported_roots(f, allowed) & FORBIDDEN[package]) for f in files}
    assert {f: bad for f, bad in offending.items() if bad} == {}


def test_leaf_modules_import_only_the_standard_library() -> None:
    import sys

    for leaf in LEAVES:
        roots = imported_roots(ROOT / leaf) - {"__future__"}
        assert roots <= set(sys.stdlib_module_names), (leaf, roots)


def test_spiders_folder_holds_only_spiders() -> None:
    import scrapy

    for path in sorted((ROOT / "spiders").glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
        assert classes, f"{path.name} defines no spider"
        assert all(n.name.endswith("Spider") for n in classes), path.name
    assert scrapy  # the check above is about names; Scrapy must import for spiders to exist

"""The package's layers: graph formats never import drawing code, and nothing imports up."""

from __future__ import annotations

import ast
from pathlib import Path

import smeeco

SRC = Path(smeeco.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every smeeco module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "smeeco" or name.startswith("smeeco.")}


def _modules(package: str) -> dict[str, set[str]]:
    return {
        str(p.relative_to(SRC.parent)): _imports(p) for p in sorted((SRC / package).glob("*.py"))
    }


def test_graph_formats_never_import_drawing_code() -> None:
    offenders = {
        module: sorted(i for i in imports if i.startswith("smeeco.render"))
        for module, imports in _modules("io").items()
    }
    assert {m: i for m, i in offenders.items() if i} == {}


def test_drawing_code_uses_no_private_helper_of_io() -> None:
    offenders = {
        module: sorted(i for i in imports if i.startswith("smeeco.io._"))
        for module, imports in _modules("render").items()
    }
    assert {m: i for m, i in offenders.items() if i} == {}


def test_the_shared_layers_import_neither_io_nor_render() -> None:
    for name in ("style.py", "formats.py", "graphs.py", "counting.py", "views.py"):
        imports = _imports(SRC / name)
        assert not [i for i in imports if i.startswith(("smeeco.io", "smeeco.render"))], name

"""Draw the import graph of the ``smeeco`` package, as text, from its source (``ast`` only).

Usage::

    python tools/import_graph.py [SRC_DIR] [--modules]

Without ``--modules`` each node is a top-level part of the package (``model``,
``ecosystem``, ``io``, ``render``, ``cli``…; a single module counts as its own part);
with it, every module. Each line is ``part -> imported parts``; a line ``cycles:`` lists
parts that import each other (directly or through others). Imports inside functions and
under ``if TYPE_CHECKING:`` count too (``lazy`` / ``typing`` marks them) because they
are dependencies all the same.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, name: str) -> dict[str, str]:
    """Modules imported by the file: target -> "" (top level), "lazy" or "typing"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST, how: str) -> None:
        for child in ast.iter_child_nodes(node):
            mark = how
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                mark = "typing"
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and not how:
                mark = "lazy"
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.setdefault(alias.name, mark)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    found.setdefault(f"{base}.{alias.name}" if base else alias.name, mark)
                found.setdefault(base, mark)
            visit(child, mark)

    visit(tree, "")
    return found


def part(module: str, modules: set[str], depth: int) -> str | None:
    """The node ``module`` belongs to: the longest known module prefix, cut at ``depth``."""
    pieces = module.split(".")
    while pieces and ".".join(pieces) not in modules:
        pieces.pop()
    if not pieces or pieces[0] != "smeeco":
        return None
    return ".".join(pieces[: depth + 1]) if depth else ".".join(pieces)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    src = Path(args[0] if args else "src")
    depth = 0 if "--modules" in argv else 1
    files = sorted((src / "smeeco").rglob("*.py"))
    names = {module_name(f, src): f for f in files}
    modules = set(names)
    edges: dict[str, dict[str, str]] = defaultdict(dict)
    for name, path in names.items():
        here = part(name, modules, depth)
        assert here is not None
        edges.setdefault(here, {})
        for target, how in imports(path, name).items():
            there = part(target, modules, depth)
            if there is None or there == here or (there == "smeeco" and target == "smeeco"):
                continue
            previous = edges[here].get(there)
            if previous is None or (previous and not how) or (previous == "typing" and how):
                edges[here][there] = how
    for here in sorted(edges):
        targets = [
            f"{t}{f' ({how})' if how else ''}" for t, how in sorted(edges[here].items())
        ]
        print(f"{here.removeprefix('smeeco.') or 'smeeco'} -> "
              + (", ".join(t.removeprefix("smeeco.") for t in targets) or "-"))
    # cycles among runtime (non-typing) edges: strongly connected parts
    graph = {h: {t for t, how in ts.items() if how != "typing"} for h, ts in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    groups: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            connect(v)
    shown = [" ⇄ ".join(g.removeprefix("smeeco.") for g in group) for group in groups]
    print("cycles: " + ("; ".join(sorted(shown)) if shown else "none"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

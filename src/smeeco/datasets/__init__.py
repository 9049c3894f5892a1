"""Bundled data packs, and packs that other installed packages provide.

Bundled packs are YAML files in this folder; a pack made only of ``requires`` merges
others (``tianjin`` = every Tianjin pack). Other packages add packs through the entry-point
group ``smeeco.datasets``: each entry point names a callable that returns the path of a
data-pack file. Nothing is downloaded and no file found on disk is executed.

>>> from smeeco.datasets import available
>>> "example" in available()
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from smeeco.errors import DataPackError, UnknownPackError
from smeeco.io.packtext import read_text

__all__ = ["ENTRY_POINT_GROUP", "available", "describe", "pack_path"]

#: Entry-point group through which other packages offer data packs.
ENTRY_POINT_GROUP = "smeeco.datasets"


def _bundled_dir() -> Path:
    return Path(str(resources.files(__name__)))


@functools.cache
def _bundled() -> dict[str, Path]:
    return {p.stem: p for p in sorted(_bundled_dir().glob("*.yaml"))}


def _plugins() -> dict[str, Callable[[], Any]]:
    # importlib.metadata costs ~40 ms to import: load it only when packs are looked up.
    from importlib import metadata

    found: dict[str, Callable[[], Any]] = {}
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        found[entry.name] = entry.load
    return found


def pack_path(name: str) -> Path:
    """The file of the pack called ``name``; :class:`UnknownPackError` when there is none."""
    bundled = _bundled()
    if name in bundled:
        return bundled[name]
    plugins = _plugins()
    if name in plugins:
        try:
            target = plugins[name]()
            if callable(target):
                target = target()
            path = Path(target)
        except Exception as exc:  # a broken plugin must not look like a smeeco crash
            raise DataPackError(
                f"pack {name!r} from entry point group {ENTRY_POINT_GROUP!r} could not be"
                f" found: {type(exc).__name__}: {exc}"
            ) from exc
        if not path.is_file():
            raise DataPackError(
                f"pack {name!r} from entry point group {ENTRY_POINT_GROUP!r} points at"
                f" {str(path)!r}, which is not a file"
            )
        return path
    raise UnknownPackError(name, [*bundled, *plugins])


@functools.cache
def _header(path: Path) -> dict[str, Any]:
    # Read just the 'pack' block for descriptions: the header sits at the top of a pack.
    lines: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if lines and line[:1] not in (" ", "\t", "#", "\n", ""):
                break
            if line.startswith("pack:") or lines:
                lines.append(line)
    try:
        data, _problems = read_text("".join(lines), "yaml") if lines else (None, [])
    except DataPackError:
        data = None
    header = data.get("pack", {}) if isinstance(data, dict) else {}
    return header if isinstance(header, dict) else {}


def available() -> dict[str, str]:
    """Every pack ``smeeco.load`` can open by name, with its one-line description."""
    packs: dict[str, str] = {}
    for name, path in _bundled().items():
        packs[name] = str(_header(path).get("description", "")).strip()
    for name in _plugins():
        packs.setdefault(name, f"provided by an installed package ({ENTRY_POINT_GROUP})")
    return dict(sorted(packs.items()))


def describe() -> str:
    """A table of the available packs, for people."""
    packs = available()
    width = max((len(n) for n in packs), default=0)
    return "\n".join(f"{name:<{width}}  {text}" for name, text in packs.items())

"""``smeeco.load``: open a bundled pack by name, or a data-pack file by path."""

from __future__ import annotations

from pathlib import Path

from smeeco.datasets import pack_path
from smeeco.ecosystem import Ecosystem
from smeeco.io.datapack import read_pack
from smeeco.plugins import plugin_registry
from smeeco.registry import Registry

__all__ = ["load"]


def load(name_or_path: str | Path, *, registry: Registry | None = None) -> Ecosystem:
    """Load an :class:`Ecosystem` from a bundled pack name or a data-pack file.

    Parameters
    ----------
    name_or_path:
        A pack name (see :func:`smeeco.datasets.available`), or the path of a ``.yaml``,
        ``.yml`` or ``.json`` data pack.
    registry:
        Record kinds and relations to read with; when omitted, a copy of the default
        registry with every installed plugin applied (see :mod:`smeeco.plugins`).

    Raises
    ------
    UnknownPackError
        No pack has that name; the message lists the known ones.
    ValidationError
        The pack has problems; all of them are listed with their paths.

    Examples
    --------
    >>> import smeeco
    >>> eco = smeeco.load("example")
    >>> eco.counts()["measure"]
    3
    """
    text = str(name_or_path)
    is_path = (
        isinstance(name_or_path, Path)
        or text.lower().endswith((".yaml", ".yml", ".json"))
        or "/" in text
        or "\\" in text
    )
    path = Path(text) if is_path else pack_path(text)
    if registry is None:
        registry = plugin_registry()
    return read_pack(path, registry=registry, resolve=pack_path)

"""Plugins: installed packages that register record kinds, type tags and relations.

A package declares, in its ``pyproject.toml``::

    [project.entry-points."smeeco.plugins"]
    smeeco-srdi = "smeeco_srdi:register"

and ``register(registry)`` calls ``registry.register_kind``, ``register_type`` and
``register_relation``. :func:`smeeco.load` and every ``smeeco`` command read packs with
:func:`plugin_registry` — a *copy* of :data:`smeeco.default_registry` with every
installed plugin applied — so a plugin's kinds are understood everywhere while the
global registry stays as it was. Plugins run in the order of their entry-point names.

>>> registry = plugin_registry()
>>> import smeeco
>>> registry is not smeeco.default_registry and "measure" in registry.kinds
True
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

from smeeco.errors import RegistryError
from smeeco.registry import Registry, default_registry

__all__ = ["ENTRY_POINT_GROUP", "installed_plugins", "plugin_registry"]

#: Entry-point group through which other packages register kinds, types and relations.
ENTRY_POINT_GROUP = "smeeco.plugins"


def installed_plugins() -> dict[str, str]:
    """The installed plugins: entry-point name -> ``module:function``, sorted by name."""
    return {name: value for name, value, _load in _entry_points(tuple(sys.path))}


@functools.cache
def _entry_points(path: tuple[str, ...]) -> tuple[tuple[str, str, Callable[[], Any]], ...]:
    # Found once per sys.path (importlib.metadata scans every distribution on it).
    from importlib import metadata

    found = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return tuple(sorted(((e.name, e.value, e.load) for e in found), key=lambda t: t[0]))


def plugin_registry(base: Registry | None = None) -> Registry:
    """A copy of ``base`` (:data:`smeeco.default_registry`) with every installed plugin applied.

    Raises
    ------
    RegistryError
        A plugin cannot be imported, is not callable, or fails while registering; the
        message names the plugin and its entry point.
    """
    registry = (base if base is not None else default_registry).copy()
    for name, value, load in _entry_points(tuple(sys.path)):
        where = f"plugin {name!r} ({value}, entry point group {ENTRY_POINT_GROUP!r})"
        try:
            hook = load()
        except Exception as exc:
            raise RegistryError(
                f"{where} cannot be imported: {type(exc).__name__}: {exc};"
                " reinstall or uninstall that package"
            ) from exc
        if not callable(hook):
            raise RegistryError(f"{where} is not callable; it must name register(registry)")
        try:
            hook(registry)
        except RegistryError as exc:
            raise RegistryError(f"{where}: {exc}") from exc
        except Exception as exc:
            raise RegistryError(
                f"{where} failed while registering: {type(exc).__name__}: {exc}"
            ) from exc
    return registry

"""Graphs of the graph contract: the type every format takes, edges of any graph, labels.

A smeeco graph is any networkx graph whose nodes carry ``kind``, ``name_zh``, ``name_en``
and ``aliases`` and whose edges carry ``relation`` (see :mod:`smeeco.ecosystem`); the
views of :mod:`smeeco.views` give one with ``to_networkx()``. Below both the graph formats
(:mod:`smeeco.io`) and the drawing code (:mod:`smeeco.render`).

>>> import smeeco
>>> from smeeco.views import responsibility_view
>>> graph = as_graph(responsibility_view(smeeco.load("example")))
>>> label_of(graph.nodes["ex-miit"], "ex-miit", "en")
'Example City Bureau of Industry and IT'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "AnyGraph",
    "GraphSource",
    "HasGraph",
    "SupportsNetworkx",
    "as_graph",
    "edge_rows",
    "label_of",
]

#: Any networkx graph smeeco writes: ``Graph``, ``DiGraph``, ``MultiGraph``, ``MultiDiGraph``.
AnyGraph: TypeAlias = "nx.Graph[Any]"


class SupportsNetworkx(Protocol):
    """Anything that gives a networkx graph: the views of :mod:`smeeco.views`."""

    def to_networkx(self) -> Any: ...


class HasGraph(Protocol):
    """Anything that holds its graph as ``.graph``: an :class:`~smeeco.Ecosystem`."""

    @property
    def graph(self) -> Any: ...


#: What the graph formats take: a networkx graph, a view (its ``to_networkx()``) or an
#: ecosystem (its ``graph``).
GraphSource: TypeAlias = "nx.Graph[Any] | SupportsNetworkx | HasGraph"


def as_graph(source: GraphSource) -> AnyGraph:
    """``source`` as a networkx graph.

    A view gives its ``to_networkx()``, an ecosystem its ``graph``; anything else that is
    not a networkx graph is refused with an :class:`~smeeco.errors.ExportError` saying what
    to pass, rather than failing deep inside a writer.

    >>> as_graph("tianjin")
    Traceback (most recent call last):
    ...
    smeeco.errors.ExportError: cannot use a str as a graph: pass an Ecosystem, its .graph, \
a view from smeeco.views or a networkx graph (load a pack by name with smeeco.load first)
    """
    import networkx as nx

    to_networkx = getattr(type(source), "to_networkx", None)
    if to_networkx is not None:
        graph: AnyGraph = to_networkx(source)
        return graph
    if isinstance(source, nx.Graph):
        return source
    held = getattr(source, "graph", None)
    if isinstance(held, nx.Graph):
        return held
    from smeeco.errors import ExportError

    raise ExportError(
        f"cannot use a {type(source).__name__} as a graph: pass an Ecosystem, its .graph,"
        " a view from smeeco.views or a networkx graph"
        + (" (load a pack by name with smeeco.load first)" if isinstance(source, str) else "")
    )


def edge_rows(graph: AnyGraph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """``(u, v, key, data)`` for every edge; ``key`` is ``None`` in a simple graph."""
    if graph.is_multigraph():
        multi: Any = graph  # typed as Graph; its edges take keys=
        for u, v, key, data in multi.edges(keys=True, data=True):
            yield u, v, key, data
    else:
        for u, v, data in graph.edges(data=True):
            yield u, v, None, data


def label_of(data: Mapping[str, Any], node: Any, lang: str = "zh") -> str:
    """A node's display name in ``lang``: ``name_zh``/``name_en``, falling back to the id."""
    first, second = ("name_en", "name_zh") if lang == "en" else ("name_zh", "name_en")
    return str(data.get(first) or data.get(second) or node)

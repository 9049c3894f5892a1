"""The :class:`Ecosystem`: records by id, validation, and the graph derived from them.

Records are the truth; the graph is an index. The package has one module per job:

* :mod:`~smeeco.ecosystem.store` — the :class:`Ecosystem` itself: records by id and kind,
  added all or none;
* :mod:`~smeeco.ecosystem.names` — finding records by any name form, suggestions;
* :mod:`~smeeco.ecosystem.validation` — references, then each kind's own
  :meth:`~smeeco.Record.check` rules;
* :mod:`~smeeco.ecosystem.graph` — the derived graph and its contract;
* :mod:`~smeeco.ecosystem.asof` — what was in force on a day, through each kind's
  :meth:`~smeeco.Record.at`.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> eco.graph.nodes["ex-miit"]["kind"]
'agency'
>>> eco.at("2024-01-01").get("ex-old-regulator") is None
True
"""

from smeeco.ecosystem.store import Ecosystem, PackInfo

__all__ = ["Ecosystem", "PackInfo"]

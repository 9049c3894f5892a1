"""Deprecated: the ``smeeco`` command moved to :mod:`smeeco.cli` (one module per command).

``from smeeco._cli import main`` keeps working for one release, with a
:class:`DeprecationWarning`; import from :mod:`smeeco.cli` instead.
"""

from __future__ import annotations

import warnings

from smeeco.cli import build_parser, main
from smeeco.cli._common import pad, table, text_width

__all__ = ["build_parser", "main", "pad", "table", "text_width"]

warnings.warn(
    "smeeco._cli is deprecated; use smeeco.cli (main, build_parser)",
    DeprecationWarning,
    stacklevel=2,
)

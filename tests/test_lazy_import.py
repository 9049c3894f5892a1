"""``import smeeco`` loads only the core; the rest comes on first use, names stay honest."""

from __future__ import annotations

import subprocess
import sys

import pytest

import smeeco

HEAVY = (
    "smeeco.parse",
    "smeeco.render",
    "smeeco.sizing",
    "smeeco.io.matrix",
    "smeeco.io.export",
    "smeeco.io.datapack",
    "smeeco.queries",
    "cattrs",
    "networkx",
    "matplotlib",
)


def test_import_smeeco_loads_only_the_core() -> None:
    code = f"import sys, smeeco; print([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names_are_listed_and_real() -> None:
    assert set(smeeco.__all__) <= set(dir(smeeco))
    assert smeeco.parse_policy_text is smeeco.parse.parse_policy_text
    assert smeeco.sizing.classify is not None
    assert smeeco.write_matrix.__module__ == "smeeco.io.matrix"
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        smeeco.no_such_name  # noqa: B018


def test_star_import_gives_every_public_name() -> None:
    code = (
        "from smeeco import *; import smeeco; names = dir();"
        " print(all(n in names for n in smeeco.__all__))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"

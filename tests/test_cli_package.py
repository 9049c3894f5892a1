"""The ``cli/`` package: one module per command, the deprecated ``smeeco._cli`` shim."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from smeeco import cli


def test_every_command_is_a_module_with_add_parser_and_run() -> None:
    names = [m.__name__.rsplit(".", 1)[1] for m in cli.COMMANDS]
    assert names == [
        "parse", "graph", "matrix", "show", "packs", "who", "what",
        "table", "search", "diff", "timeline", "classify", "eligible", "explain", "match",
    ]  # fmt: skip
    for module in cli.COMMANDS:
        assert callable(module.add_parser)
        assert callable(module.run)
    argv = {
        "parse": ["notice.txt", "-o", "pack.yaml"],
        "graph": ["example", "-o", "f.svg"],
        "matrix": ["example"],
        "show": ["example"],
        "packs": [],
        "who": ["example", "(一)"],
        "what": ["example", "市财政局"],
        "table": ["example", "measures"],
        "search": ["example", "支持"],
        "diff": ["example", "example@2024-01-01"],
        "timeline": ["example"],
        "classify": ["r.csv", "-o", "o.csv"],
        "eligible": ["r.csv", "--tier", "cn-innovative-sme", "-o", "o.csv"],
        "explain": ["r.csv", "e1", "--tier", "cn-innovative-sme"],
        "match": ["r.csv", "--pack", "example", "-o", "o.csv"],
    }
    parser = cli.build_parser()
    for name in names:
        args = parser.parse_args([name, *argv[name]])
        assert args.run.__module__ == f"smeeco.cli.{name}"


def test_old_module_still_works_with_a_deprecation_warning() -> None:
    sys.modules.pop("smeeco._cli", None)
    with pytest.warns(DeprecationWarning, match=r"smeeco\._cli is deprecated; use smeeco\.cli"):
        old = importlib.import_module("smeeco._cli")
    assert old.main is cli.main
    assert old.build_parser is cli.build_parser


def test_python_dash_m_smeeco_runs_the_package() -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-m", "smeeco", "who", "example", "二"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("(二) ")

"""The ``cli/`` package: one module per command, the deprecated ``smeeco._cli`` shim."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

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
        # built for one command, the parser reads that command's words the same way
        alone = cli.build_parser(name).parse_args([name, *argv[name]])
        assert vars(alone) == vars(args)


def _help(argv: list[str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "smeeco", *argv], capture_output=True, text=True, check=False
    )
    return result.stdout + result.stderr


def test_help_is_the_same_whether_one_command_or_all_are_built() -> None:
    whole = cli.build_parser().format_help()
    for name in ("parse", "who", "nosuch", ""):
        assert cli.build_parser(name).format_help() == whole
    # what a user sees: the command list, a command's own help, an unknown command
    assert "  parse     read policy notices" in _help(["--help"])
    assert "--agencies AGENCIES" in _help(["parse", "--help"])
    assert "invalid choice: 'nosuch' (choose from 'parse', 'graph'," in _help(["nosuch"])


def test_a_command_loads_only_what_it_needs(tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text("某市关于若干措施的通知\n一、财税\n(一)加强资金支持。(责任单位:某市财政局)\n")
    code = (
        "import sys; from smeeco.cli import main;"
        f" status = main(['parse', {str(notice)!r}, '-o', {str(tmp_path / 'p.json')!r}]);"
        " print(status, sorted(m for m in ('networkx', 'smeeco.render', 'smeeco.compare',"
        " 'smeeco.keywords') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "0 []"
    assert (tmp_path / "p.json").is_file()
    code = "import sys; from smeeco.cli import main; main(['who', 'example', '(一)']);"
    code += " print('smeeco.parse' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "False"


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

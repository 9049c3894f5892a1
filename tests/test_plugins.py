"""Plugins as a third party ships them: a package installed with pip, used through the CLI.

The package ``smeeco-green`` registers an :class:`~smeeco.Enterprise` subclass with an
extra field through the ``smeeco.plugins`` entry-point group and ships a pack through
``smeeco.datasets``. It is built and installed with ``pip install --no-deps --target``
into a temporary folder and the ``smeeco`` command runs in a subprocess with that folder
on ``PYTHONPATH`` — nothing is registered in this test process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import smeeco
from smeeco.plugins import installed_plugins, plugin_registry

pytest.importorskip("setuptools")  # the test package's build backend (no download)

pytestmark = pytest.mark.slow

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "smeeco-green"
version = "0.1"
description = "Green enterprises for smeeco (test plugin)"

[project.entry-points."smeeco.plugins"]
green = "smeeco_green:register"

[project.entry-points."smeeco.datasets"]
green-example = "smeeco_green:pack_file"

[tool.setuptools]
packages = ["smeeco_green"]

[tool.setuptools.package-data]
smeeco_green = ["*.yaml"]
"""

MODULE = '''\
"""A downstream smeeco plugin: enterprises with a carbon rating."""

from pathlib import Path

import attrs

import smeeco


@attrs.frozen(kw_only=True)
class GreenEnterprise(smeeco.Enterprise):
    carbon_rating: str = ""
    certified: bool = False


def register(registry):
    registry.register_type("green-enterprise", GreenEnterprise)


def pack_file():
    return Path(__file__).with_name("green-example.yaml")
'''

PACK = """\
smeeco: 1
pack:
  name: green-example
  title: Green enterprises (plugin demo)
  description: One green enterprise on top of the example pack
  requires: [example]
enterprises:
- type: green-enterprise
  id: ex-green-works
  name: {zh: 示例绿色制造有限公司, en: Example Green Works}
  region: ex-city
  carbon_rating: A+
  certified: true
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("smeeco-green")
    (source / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (source / "smeeco_green").mkdir()
    (source / "smeeco_green" / "__init__.py").write_text(MODULE, encoding="utf-8")
    (source / "smeeco_green" / "green-example.yaml").write_text(PACK, encoding="utf-8")
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return target


def smeeco_cli(site: Path, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "smeeco", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def test_packs_lists_the_plugin_pack(site: Path) -> None:
    result = smeeco_cli(site, "packs")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert rows["green-example"].split(None, 1)[1] == (
        "provided by an installed package (smeeco.datasets)"
    )
    assert "example" in rows


def test_show_reads_the_plugin_type(site: Path) -> None:
    result = smeeco_cli(site, "show", "green-example")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    packs = [line.split(":")[0] for line in lines[: lines.index("")] if not line.startswith(" ")]
    assert packs == ["example", "green-example"]
    assert "green-example: Green enterprises (plugin demo)" in lines
    counts = dict(line.split() for line in lines if line.startswith("enterprise "))
    base = smeeco.load("example").counts()["enterprise"]
    assert counts == {"enterprise": str(base + 1)}


def test_graph_file_carries_the_extra_fields(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "green.graphml"
    result = smeeco_cli(site, "graph", "green-example", "--view", "full", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert 'attr.name="carbon_rating"' in text
    assert ">A+<" in text
    assert 'attr.name="certified"' in text


def test_the_plugin_is_applied_to_a_copy_of_the_registry(site: Path) -> None:
    code = textwrap.dedent("""
        import smeeco
        from smeeco.plugins import installed_plugins, plugin_registry
        eco = smeeco.load("green-example")
        node = eco.graph.nodes["ex-green-works"]
        print(type(eco["ex-green-works"]).__name__, node["carbon_rating"])
        tag = "green-enterprise"
        print(tag in plugin_registry().types, tag in smeeco.default_registry.types)
        print(installed_plugins())
    """)
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "GreenEnterprise A+",
        "True False",
        "{'green': 'smeeco_green:register'}",
    ]


def test_without_the_package_there_is_no_plugin() -> None:
    assert "green" not in installed_plugins()
    assert "green-enterprise" not in plugin_registry().types
    assert plugin_registry() is not smeeco.default_registry

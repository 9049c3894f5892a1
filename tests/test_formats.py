"""The format registry: one place that knows every format, for the library and the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import smeeco
from smeeco import formats as registry
from smeeco.cli import main
from smeeco.errors import ExportError
from smeeco.formats import Format, format_for, register_format


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Formats registered in a test vanish after it."""
    registry.formats()  # load the built-ins first
    monkeypatch.setattr(
        registry, "_REGISTRY", {family: dict(f) for family, f in registry._REGISTRY.items()}
    )


def test_md_means_mermaid_for_graphs_and_markdown_for_matrices(tmp_path: Path) -> None:
    assert format_for("x.md").name == "mermaid"
    assert format_for("x.md", family="matrix").name == "markdown"
    eco = smeeco.load("example")
    graph_md = smeeco.export_graph(smeeco.responsibility_view(eco), tmp_path / "g.md")
    matrix_md = smeeco.write_matrix(eco, tmp_path / "m.md")
    assert graph_md.read_text(encoding="utf-8").startswith("```mermaid")
    assert matrix_md.read_text(encoding="utf-8").startswith("**示例市")


def test_public_tables_come_from_the_registry() -> None:
    from smeeco.io.export import GRAPH_FORMATS, READABLE_FORMATS
    from smeeco.io.matrix import MATRIX_FORMATS

    assert registry.suffixes("graph") == GRAPH_FORMATS
    assert GRAPH_FORMATS[".cytoscape.json"] == "cytoscape"
    assert READABLE_FORMATS == ("graphml", "gexf", "nodelink", "cytoscape", "csv")
    assert MATRIX_FORMATS == {
        ".csv": "csv",
        ".md": "markdown",
        ".markdown": "markdown",
        ".html": "html",
        ".htm": "html",
        ".xlsx": "xlsx",
    }


@pytest.mark.usefixtures("scratch_registry")
def test_a_suffix_names_one_format_per_family() -> None:
    with pytest.raises(ExportError, match=r"suffix '\.md' already names the graph format"):
        register_format(Format("other", (".md",), write=lambda *a, **k: None))
    with pytest.raises(ExportError, match="already registered"):
        register_format(Format("mermaid", (".mer",), write=lambda *a, **k: None))


@pytest.mark.usefixtures("scratch_registry")
def test_a_registered_format_reaches_export_and_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def write(graph: Any, path: Path, *, lang: str = "zh") -> Path:
        from smeeco.graphs import as_graph

        path.write_text(f"{as_graph(graph).number_of_nodes()}\n", encoding="utf-8")
        return path

    register_format(Format("count", (".count",), write=write, description="node count"))
    with pytest.raises(SystemExit):
        main(["graph", "--help"])
    help_text = capsys.readouterr().out
    assert ".count" in help_text
    assert "node count" in help_text
    assert main(["graph", "example", "-o", str(tmp_path / "g.count")]) == 0
    assert (tmp_path / "g.count").read_text(encoding="utf-8") == "10\n"
    assert main(["graph", "example", "--format", "count", "-o", str(tmp_path / "g.txt")]) == 0

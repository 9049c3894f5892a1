"""Layouts (pure Python) and pictures (matplotlib, skipped when it is missing)."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import smeeco
from smeeco.io.export import export_graph
from smeeco.render.layout import coresponsibility_layout, responsibility_layout
from smeeco.views import coresponsibility_view, responsibility_view


def test_import_smeeco_does_not_import_matplotlib() -> None:
    code = (
        "import sys, smeeco, smeeco.views, smeeco.render, smeeco.io.export, smeeco.cli;"
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_responsibility_layout_is_two_columns_in_document_order(example: smeeco.Ecosystem) -> None:
    layout = responsibility_layout(example)
    assert {u.x for u in layout.units} == {0.0}
    measures = [r.id for r in layout.measures]
    assert measures == [f"ex-2022-measures.m0{i}" for i in (1, 2, 3)]
    ys = [r.y for r in layout.rows]
    assert ys == sorted(ys)
    # a unit sits near its measures: the regulator (only (三)) is lowest
    assert layout.units[-1].id == "ex-old-regulator"
    collective = {u.id for u in layout.units if u.collective}
    assert collective == {"ex-districts"}
    leads = {(e.source, e.target) for e in layout.edges if e.role == "lead"}
    assert ("ex-finance", "ex-2022-measures.m01") in leads


def test_layout_of_the_full_graph_equals_that_of_the_view(example: smeeco.Ecosystem) -> None:
    from_view = responsibility_layout(responsibility_view(example))
    assert [u.id for u in responsibility_layout(example).units] == [u.id for u in from_view.units]
    full = responsibility_layout(example.graph)
    assert {u.id for u in full.units} == {u.id for u in from_view.units}


def test_layouts_are_deterministic() -> None:
    one, two = smeeco.load("example"), smeeco.load("example")
    assert responsibility_layout(one) == responsibility_layout(two)
    assert coresponsibility_layout(one) == coresponsibility_layout(two)


def test_coresponsibility_layout_puts_partners_side_by_side(example: smeeco.Ecosystem) -> None:
    layout = coresponsibility_layout(coresponsibility_view(example))
    order = [n.id for n in layout.nodes]
    assert order[0] == "ex-finance"  # the busiest unit at the top
    assert all(abs(n.x**2 + n.y**2 - 1) < 1e-9 for n in layout.nodes)
    weights = {(e.source, e.target): e.weight for e in layout.edges}
    assert weights[("ex-finance", "ex-miit")] == 1.0


# --------------------------------------------------------------------------- pictures


@pytest.fixture(scope="module")
def matplotlib_present() -> None:
    pytest.importorskip("matplotlib")


@pytest.mark.usefixtures("matplotlib_present")
def test_svg_draws_lead_edges_distinctly(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    from smeeco.render.pictures import render_graph

    svg = render_graph(example, tmp_path / "r.svg").read_text(encoding="utf-8")
    assert svg.count('id="edge-lead-') == 3
    assert svg.count('id="edge-support-') == 3
    lead = svg[svg.index('id="edge-lead-') :][:600]
    support = svg[svg.index('id="edge-support-') :][:600]
    assert "#c0392b" in lead
    assert "stroke-width: 2.4" in lead
    assert "#5d7a99" in support
    assert "stroke-dasharray" in support


@pytest.mark.usefixtures("matplotlib_present")
def test_svg_is_byte_stable(tmp_path: Path) -> None:
    from smeeco.render.pictures import render_graph

    one = render_graph(smeeco.load("example"), tmp_path / "a.svg").read_bytes()
    two = render_graph(smeeco.load("example"), tmp_path / "b.svg").read_bytes()
    assert one == two


@pytest.mark.usefixtures("matplotlib_present")
@pytest.mark.parametrize("view", ["responsibility", "coresponsibility"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_png_pictures(example: smeeco.Ecosystem, tmp_path: Path, view: str, lang: str) -> None:
    from smeeco.render.pictures import render_graph

    path = render_graph(example, tmp_path / "p.png", view=view, lang=lang)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.usefixtures("matplotlib_present")
def test_export_graph_draws_an_undirected_graph_as_a_network(
    example: smeeco.Ecosystem, tmp_path: Path
) -> None:
    svg = export_graph(coresponsibility_view(example), tmp_path / "c.svg")
    assert 'id="link-0"' in svg.read_text(encoding="utf-8")


@pytest.mark.usefixtures("matplotlib_present")
def test_without_a_cjk_font_labels_fall_back_to_english(
    example: smeeco.Ecosystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smeeco.render import pictures

    monkeypatch.setattr(pictures, "find_cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="no CJK font found"):
        fig = pictures.draw_responsibility(example)
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert "Example City Finance Bureau" in texts
    assert not any("示例" in t for t in texts)


@pytest.mark.usefixtures("matplotlib_present")
def test_english_pictures_need_no_warning(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    from smeeco.render.pictures import render_graph

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_graph(example, tmp_path / "e.png", lang="en")


def test_without_matplotlib_the_error_says_what_to_install(
    example: smeeco.Ecosystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smeeco.errors import ExportError
    from smeeco.render.pictures import render_graph

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ExportError, match=r"pip install 'smeeco\[render\]'"):
        render_graph(example, tmp_path / "x.svg")

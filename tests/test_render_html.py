"""The interactive HTML page: self-contained, and working in a real headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import smeeco
from smeeco.render.html import dumps_html, page_data, write_html
from smeeco.views import coresponsibility_view, responsibility_view


def test_page_is_one_offline_file(example: smeeco.Ecosystem) -> None:
    page = dumps_html(example)
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<script src" not in page
    assert "<link" not in page
    assert page.count("<script") == 2  # the data and the renderer, both inline


def test_page_embeds_both_languages_texts_and_sources(example: smeeco.Ecosystem) -> None:
    data = page_data(example)
    (miit,) = [u for u in data["units"] if u["id"] == "ex-miit"]
    assert (miit["zh"], miit["en"], miit["aliases"]) == (
        "示例市工业和信息化局",
        "Example City Bureau of Industry and IT",
        ["示例市工信局"],
    )
    (m3,) = [r for r in data["rows"] if r["id"] == "ex-2022-measures.m03"]
    assert m3["text"].startswith("推进")
    assert "二(三)" in m3["source"]
    assert {
        "s": "ex-miit",
        "t": "ex-2022-measures.m02",
        "role": "lead",
        "explicit": True,
        "order": 0,
    } in data["edges"]
    (m1,) = [r for r in data["rows"] if r["id"] == "ex-2022-measures.m01"]
    assert [(u["id"], u["role"], u["order"]) for u in m1["units"]] == [
        ("ex-finance", "lead", 0),
        ("ex-miit", "support", 1),
        ("ex-districts", "support", 2),
    ]
    assert len(data["co"]["nodes"]) == 4


def test_script_end_tags_in_data_cannot_break_the_page() -> None:
    import networkx as nx

    graph = nx.MultiDiGraph(title="</script><b>")
    graph.add_node("u", kind="agency", name_zh="</script>")
    graph.add_node("m", kind="measure", name_zh="m", ordinal=1)
    graph.add_edge("u", "m", "responsible", relation="responsible", role="lead")
    page = dumps_html(graph)
    assert page.count("</script>") == 2


def test_page_from_graphs(example: smeeco.Ecosystem) -> None:
    assert len(page_data(responsibility_view(example))["units"]) == 4
    co = page_data(coresponsibility_view(example))
    assert co["units"] == []
    assert len(co["co"]["edges"]) == 4


# --------------------------------------------------------------------------- browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium installed (apt-get install chromium)")


def _dump_dom(page: Path, fragment: str = "") -> str:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                _browser(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                page.resolve().as_uri() + fragment,
            ],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _status(dom: str) -> dict[str, str]:
    match = re.search(r'<div id="smeeco-status"([^>]*)>([^<]*)</div>', dom)
    assert match, "the page did not keep its status element"
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
    attrs["text"] = match.group(2)
    return attrs


@pytest.mark.browser
def test_page_runs_in_chromium_without_errors(tmp_path: Path) -> None:
    eco = smeeco.load("example")
    page = write_html(eco, tmp_path / "example.html")
    dom = _dump_dom(page, "#select=ex-miit&lang=en")
    status = _status(dom)
    assert status["data-errors"] == "0", status["text"]
    assert status["data-ready"] == "1"
    assert status["data-nodes"] == "7"  # 4 units + 3 measures
    assert status["data-edges"] == "6"
    # the unit was selected from the address: its measures are listed with their roles
    panel = dom[dom.index('<aside id="panel"') :]
    assert "Example City Bureau of Industry and IT" in panel
    assert "Targeted tax services" in panel
    assert "Stronger fiscal support" in panel
    assert '<span class="role lead">lead</span>' in panel


@pytest.mark.browser
def test_coresponsibility_tab_in_chromium(tmp_path: Path) -> None:
    page = write_html(smeeco.load("example"), tmp_path / "example.html")
    status = _status(_dump_dom(page, "#view=co&q=" + "财政"))
    assert status["data-errors"] == "0", status["text"]
    assert (status["data-view"], status["data-nodes"], status["data-edges"]) == ("co", "4", "4")


def test_data_is_valid_json(example: smeeco.Ecosystem) -> None:
    page = dumps_html(example)
    start = page.index('<script type="application/json" id="smeeco-data">') + len(
        '<script type="application/json" id="smeeco-data">'
    )
    data = json.loads(page[start : page.index("</script>", start)])
    assert data["title"]["en"].startswith("Measures to Raise")

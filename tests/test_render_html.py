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


def test_a_title_that_looks_like_a_slot_stays_a_title() -> None:
    import networkx as nx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(title="__SCRIPT__ and __DATA__ <b>")
    graph.add_node("u", kind="agency", name_zh="单位")
    graph.add_node("m", kind="measure", name_zh="措施", ordinal=1)
    graph.add_edge("u", "m", "responsible", relation="responsible", role="lead")
    page = dumps_html(graph)
    assert "<title>__SCRIPT__ and __DATA__ &lt;b&gt;</title>" in page
    assert '<h1 id="title">__SCRIPT__ and __DATA__ &lt;b&gt;</h1>' in page
    assert page.count('"use strict"') == 1  # the script went in once, where it belongs


def test_the_page_and_the_matrix_share_one_stylesheet(example: smeeco.Ecosystem) -> None:
    from smeeco.io.matrix import dumps_matrix_html
    from smeeco.style import static_text

    css = static_text("smeeco.css").strip()
    assert css in dumps_html(example)
    assert css in dumps_matrix_html(example)


def _click_then_dump(page: Path, node_id: str) -> str:
    """The page as a person sees it after clicking ``node_id`` in the picture.

    A copy of the page gets a script that presses and releases the pointer on the node's
    element, as a click does, so the page's own pointer handlers run.
    """
    html = page.read_text(encoding="utf-8")
    click = (
        "<script>(function(){var n=document.querySelector('.node[data-id=\""
        + node_id
        + "\"]');if(!n){document.body.setAttribute('data-missing','1');return;}"
        "var r=n.getBoundingClientRect(),o={bubbles:true,clientX:r.left+2,clientY:r.top+2,"
        "pointerId:1};n.dispatchEvent(new PointerEvent('pointerdown',o));"
        "n.dispatchEvent(new PointerEvent('pointerup',o));})();</script>"
    )
    clicked = page.with_name("clicked-" + page.name)
    clicked.write_text(html.replace("</body>", click + "</body>"), encoding="utf-8")
    return _dump_dom(clicked)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.mark.browser
def test_clicking_a_measure_lists_its_units_in_stated_order_lead_first(tmp_path: Path) -> None:
    eco = smeeco.load("tianjin-2022-measures")
    view = responsibility_view(eco, "tj-2022-measures")
    (four,) = [m for m in view.measures if m.number == "(四)"]
    page = write_html(eco, tmp_path / "tianjin.html", "tj-2022-measures")
    dom = _click_then_dump(page, four.id)
    assert 'data-missing="1"' not in dom
    status = _status(dom)
    assert status["data-errors"] == "0", status["text"]
    panel = dom[dom.index('<aside id="panel"') :]
    listed = re.search(r"<ol>(.*?)</ol>", panel, re.S)
    assert listed, "no unit list in the panel after the click"
    items = re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)
    # what a person reads, item by item: the role tag, then the unit's name
    roles = [_text(re.findall(r'<span class="role[^"]*"[^>]*>(.*?)</span>', li)[0]) for li in items]
    names = [_text(re.findall(r"<a[^>]*>(.*?)</a>", li)[0]) for li in items]
    assert "人民银行天津分行" in names[0]
    assert roles[0].startswith("牵头")
    assert names == [eco[h.unit].name.zh for h in four.holders]
    assert len(names) == 7


def _type_then_dump(page: Path, words: str) -> str:
    """The page as a person sees it after typing ``words`` into the search box.

    A copy of the page gets a script that puts the words in the box and fires the
    ``input`` event typing fires, so the page's own handler runs.
    """
    html = page.read_text(encoding="utf-8")
    typing = (
        "<script>(function(){var s=document.getElementById('search');s.focus();s.value="
        + json.dumps(words)
        + ";s.dispatchEvent(new Event('input',{bubbles:true}));})();</script>"
    )
    typed = page.with_name("typed-" + page.name)
    typed.write_text(html.replace("</body>", typing + "</body>"), encoding="utf-8")
    return _dump_dom(typed)


@pytest.mark.browser
def test_typing_a_word_of_a_measure_text_finds_the_measure(tmp_path: Path) -> None:
    eco = smeeco.load("tianjin-2022-measures")
    view = responsibility_view(eco, "tj-2022-measures")
    (four,) = [m for m in view.measures if m.number == "(四)"]
    assert "金融" not in four.name.zh
    assert "金融" in four.text
    page = write_html(eco, tmp_path / "tianjin.html", "tj-2022-measures")
    dom = _type_then_dump(page, "金融")
    status = _status(dom)
    assert status["data-errors"] == "0", status["text"]
    panel = dom[dom.index('<aside id="panel"') :]
    listed = re.search(r'<ul class="hits">(.*?)</ul>', panel, re.S)
    assert listed, "the panel shows no list of matches after typing"
    items = [_text(li) for li in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)]
    assert int(status["data-hits"]) == len(items)
    # (四) is listed, by number and title, with the passage of its text that holds the
    # word, the word marked
    assert [i for i in items if i.startswith("措施") and "(四) " + four.name.zh in i]
    passage = re.search(
        r'data-goto="' + re.escape(four.id) + r'".*?<div class="passage">(.*?)</div>',
        listed.group(1),
        re.S,
    )
    assert passage
    assert "<mark>金融</mark>" in passage.group(1)
    # … and lit up in the picture, while a measure without the word is dimmed
    node = re.search(r'<g class="([^"]*)"[^>]*data-id="' + re.escape(four.id) + '"', dom)
    assert node
    assert "hit" in node.group(1).split()
    missing = [m for m in view.measures if "金融" not in m.text + m.name.zh + m.name.en]
    other = re.search(r'<g class="([^"]*)"[^>]*data-id="' + re.escape(missing[0].id) + '"', dom)
    assert other
    assert "dim" in other.group(1).split()
    # every listed measure really holds the word; every measure holding it is listed
    holding = [m for m in view.measures if "金融" in m.text or "金融" in m.name.zh]
    assert sum(1 for i in items if i.startswith("措施")) == len(holding)


@pytest.mark.browser
def test_a_selected_measure_shows_its_deadline(tmp_path: Path) -> None:
    text = (
        "某省关于若干措施的通知\n附件：分工表\n序号 | 工作任务 | 牵头部门 | 完成时限\n"
        "1 | 拓宽融资渠道 | 省财政厅 | 2024年6月底前\n2 | 完善担保体系 | 省财政厅 | 长期坚持\n"
    )
    result = smeeco.parse_policy(text, document_id="due")
    eco = smeeco.Ecosystem(result.records)
    rows = {r["id"]: r for r in page_data(eco)["rows"] if r["kind"] == "measure"}
    assert (rows["due.m01"]["deadline"], rows["due.m01"]["deadline_date"]) == (
        "2024年6月底前",
        "2024-06-30",
    )
    assert "deadline_date" not in rows["due.m02"]
    # a page drawn from a graph file read back shows it too
    smeeco.export_graph(responsibility_view(eco), tmp_path / "due.graphml")
    back = page_data(smeeco.read_graph(tmp_path / "due.graphml"))
    assert [r.get("deadline") for r in back["rows"] if r["kind"] == "measure"] == [
        "2024年6月底前",
        "长期坚持",
    ]
    page = write_html(eco, tmp_path / "due.html")
    for measure, shown in (
        ("due.m01", "完成时限: 2024年6月底前 (2024-06-30)"),
        ("due.m02", "完成时限: 长期坚持"),
    ):
        panel = _dump_dom(page, f"#select={measure}")
        panel = panel[panel.index('<aside id="panel"') :]
        assert shown in _text(panel)

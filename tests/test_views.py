"""Views cut from an ecosystem: responsibility and co-responsibility."""

from __future__ import annotations

import smeeco
from smeeco.views import coresponsibility_view, responsibility_view, section_node_id


def test_responsibility_view_holds_only_units_measures_sections_documents(
    example: smeeco.Ecosystem,
) -> None:
    view = responsibility_view(example)
    kinds = {d["kind"] for _, d in view.nodes(data=True)}
    assert kinds == {"agency", "measure", "section", "document"}
    assert "ex-north-district" not in view  # holds no measure itself
    assert {d["relation"] for *_e, d in view.edges(keys=True, data=True)} == {
        "responsible",
        "contains",
    }


def test_units_come_in_order_of_first_appearance(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example)
    agencies = [n for n, d in view.nodes(data=True) if d["kind"] == "agency"]
    assert agencies == ["ex-finance", "ex-miit", "ex-districts", "ex-old-regulator"]


def test_sections_contain_their_measures(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example, "示例市提升中小企业竞争力若干措施")
    section = section_node_id("ex-2022-measures", 1)
    assert view.nodes[section]["name_zh"] == "落实财税扶持政策"
    assert sorted(view.successors(section)) == ["ex-2022-measures.m01", "ex-2022-measures.m02"]


def test_measures_carry_text_and_source(example: smeeco.Ecosystem) -> None:
    node = responsibility_view(example).nodes["ex-2022-measures.m03"]
    assert node["text"].startswith("推进")
    assert node["source"] == "示例市提升中小企业竞争力若干措施 二(三)"


def test_responsible_edges_keep_role_order_and_explicit(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example)
    edge = view.edges["ex-districts", "ex-2022-measures.m01", "responsible"]
    assert (edge["role"], edge["order"], edge["explicit"]) == ("support", 2, False)
    assert view.nodes["ex-districts"]["collective"] is True
    assert view.nodes["ex-districts"]["members"] == ("ex-north-district",)


def test_as_of_view_names_the_successor(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example, as_of="2024-01-01")
    assert "ex-old-regulator" not in view
    assert view.graph["as_of"] == "2024-01-01"


def test_coresponsibility_view_follows_the_graph_contract(example: smeeco.Ecosystem) -> None:
    graph = coresponsibility_view(example)
    assert graph.nodes["ex-miit"]["aliases"] == ("示例市工信局",)
    assert graph.nodes["ex-finance"]["supports"] == 1
    assert graph.edges["ex-finance", "ex-old-regulator"]["measures"] == "ex-2022-measures.m03"
    assert graph.graph["title"] == "示例市提升中小企业竞争力若干措施"


def test_several_documents_get_a_heading_each_and_the_pack_title() -> None:
    from smeeco.render.layout import responsibility_layout

    eco = smeeco.load("tianjin")
    graph = smeeco.responsibility_view(eco)
    assert graph.graph["title"] == eco.packs[-1].title
    layout = responsibility_layout(eco)
    headings = [r.label for r in layout.rows if r.kind == "section" and r.id in eco]
    assert headings == [
        f"《{eco[d].name.zh or eco[d].name.en}》"
        for d in dict.fromkeys(r.data["document"] for r in layout.rows if r.kind == "measure")
    ]
    assert len(headings) == 3
    # one document alone keeps its own title and gets no document heading
    single = responsibility_layout(eco, "tj-2022-measures")
    assert single.title == "天津市提升中小企业竞争力若干措施"
    assert not [r for r in single.rows if r.id == "tj-2022-measures"]

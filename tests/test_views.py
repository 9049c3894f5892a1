"""Views cut from an ecosystem: responsibility and co-responsibility."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.model import Role
from smeeco.views import (
    ResponsibilityView,
    coresponsibility_view,
    responsibility_view,
    section_node_id,
)
from strategies import responsibility_lists


def test_responsibility_view_holds_only_units_measures_sections_documents(
    example: smeeco.Ecosystem,
) -> None:
    view = responsibility_view(example).to_networkx()
    kinds = {d["kind"] for _, d in view.nodes(data=True)}
    assert kinds == {"agency", "measure", "section", "document"}
    assert "ex-north-district" not in view  # holds no measure itself
    assert {d["relation"] for *_e, d in view.edges(keys=True, data=True)} == {
        "responsible",
        "contains",
    }


def test_units_come_in_order_of_first_appearance(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example)
    order = ["ex-finance", "ex-miit", "ex-districts", "ex-old-regulator"]
    assert [u.id for u in view.units] == order
    graph = view.to_networkx()
    assert [n for n, d in graph.nodes(data=True) if d["kind"] == "agency"] == order


def test_sections_contain_their_measures(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example, "示例市提升中小企业竞争力若干措施").to_networkx()
    section = section_node_id("ex-2022-measures", 1)
    assert view.nodes[section]["name_zh"] == "落实财税扶持政策"
    assert sorted(view.successors(section)) == ["ex-2022-measures.m01", "ex-2022-measures.m02"]


def test_measures_carry_text_and_source(example: smeeco.Ecosystem) -> None:
    node = responsibility_view(example).to_networkx().nodes["ex-2022-measures.m03"]
    assert node["text"].startswith("推进")
    assert node["source"] == "示例市提升中小企业竞争力若干措施 二(三)"


def test_responsible_edges_keep_role_order_and_explicit(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example).to_networkx()
    edge = view.edges["ex-districts", "ex-2022-measures.m01", "responsible"]
    assert (edge["role"], edge["order"], edge["explicit"]) == ("support", 2, False)
    assert view.nodes["ex-districts"]["collective"] is True
    assert view.nodes["ex-districts"]["members"] == ("ex-north-district",)


def test_as_of_view_names_the_successor(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example, as_of="2024-01-01")
    assert "ex-old-regulator" not in view
    assert "ex-new-regulator" in view
    (holder,) = [h for h in view.measure("ex-2022-measures.m03").holders if h.order == 0]
    assert (holder.unit, holder.named_as) == ("ex-new-regulator", "ex-old-regulator")
    assert view.to_networkx().graph["as_of"] == "2024-01-01"


def test_coresponsibility_view_follows_the_graph_contract(example: smeeco.Ecosystem) -> None:
    graph = coresponsibility_view(example).to_networkx()
    assert graph.nodes["ex-miit"]["aliases"] == ("示例市工信局",)
    assert graph.nodes["ex-finance"]["supports"] == 1
    assert graph.edges["ex-finance", "ex-old-regulator"]["measures"] == "ex-2022-measures.m03"
    assert graph.graph["title"] == "示例市提升中小企业竞争力若干措施"


def test_several_documents_get_a_heading_each_and_the_pack_title() -> None:
    from smeeco.render.layout import responsibility_layout

    eco = smeeco.load("tianjin")
    view = smeeco.responsibility_view(eco)
    assert view.title == eco.packs[-1].title
    assert view.to_networkx().graph["title"] == eco.packs[-1].title
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


# ---------------------------------------------------------------------- typed views


def test_holders_keep_the_stated_order_lead_first() -> None:
    eco = smeeco.load("tianjin-2022-measures")
    view = responsibility_view(eco, "tj-2022-measures")
    (four,) = [m for m in view.measures if m.number == "(四)"]
    names = [eco[h.unit].name.zh for h in four.holders]
    assert "人民银行天津分行" in names[0]  # 中国人民银行天津分行, listed first
    assert [h.order for h in four.holders] == list(range(len(four.holders)))
    assert four.holders[0].role is Role.LEAD
    assert four.lead == four.holders[0].unit
    assert [r.unit for r in eco[four.id].responsibilities] == [h.unit for h in four.holders]


def _executing_pack() -> smeeco.Ecosystem:
    from smeeco import Agency, Measure, Name, PolicyDocument, Responsibility

    return smeeco.Ecosystem(
        [
            PolicyDocument(id="d", name=Name("文件")),
            Agency(id="a", name=Name("甲局")),
            Agency(id="b", name=Name("乙局")),
            Agency(id="c", name=Name("丙局")),
            Measure(
                id="d.m1",
                name=Name("措施一"),
                document="d",
                ordinal=1,
                responsibilities=(
                    Responsibility("a", Role.LEAD, True),
                    Responsibility("b", Role.SUPPORT, True),
                    Responsibility("c", Role.EXECUTING, True),
                ),
            ),
            Measure(
                id="d.m2",
                name=Name("措施二"),
                document="d",
                ordinal=2,
                responsibilities=(
                    Responsibility("b", Role.LEAD, True),
                    Responsibility("c", Role.FUNDING, True),
                ),
            ),
        ]
    )


def test_executing_and_funding_are_not_supports_anywhere() -> None:
    """One rule (smeeco.counting): every place that counts agrees."""
    eco = _executing_pack()
    view = responsibility_view(eco)
    co = coresponsibility_view(eco)
    metrics = smeeco.agency_metrics(eco)
    matrix = smeeco.responsibility_matrix(eco)
    graph = smeeco.coresponsibility_graph(eco)
    c = view.unit("c")
    assert (c.measures, c.leads, c.supports) == (2, 0, 0)
    assert c.counts.of(Role.EXECUTING) == 1
    assert c.counts.of("funding") == 1
    for unit in ("a", "b", "c"):
        figures = {
            (view.unit(unit).measures, view.unit(unit).leads, view.unit(unit).supports),
            (co.unit(unit).measures, co.unit(unit).leads, co.unit(unit).supports),
            (metrics[unit].measures, metrics[unit].leads, metrics[unit].supports),
            (
                matrix.counts()[unit].measures,
                matrix.counts()[unit].leads,
                matrix.counts()[unit].supports,
            ),
            (
                graph.nodes[unit]["measures"],
                graph.nodes[unit]["leads"],
                graph.nodes[unit]["supports"],
            ),
        }
        assert len(figures) == 1, (unit, figures)
    assert view.unit("b").supports == 1
    assert view.unit("b").leads == 1


def test_a_graph_read_back_gives_the_same_view(example: smeeco.Ecosystem) -> None:
    from smeeco.views import ResponsibilityView

    view = responsibility_view(example)
    again = ResponsibilityView.from_graph(view.to_networkx())
    assert [m.holders for m in again.measures] == [m.holders for m in view.measures]
    assert [(u.id, u.counts) for u in again.units] == [(u.id, u.counts) for u in view.units]
    assert again.sections == view.sections


def test_using_a_view_as_a_graph_still_works_with_a_warning(example: smeeco.Ecosystem) -> None:
    view = responsibility_view(example)
    with pytest.warns(DeprecationWarning, match="to_networkx"):
        nodes = view.nodes
    assert "ex-miit" in nodes
    with pytest.raises(AttributeError):
        _ = view.no_such_thing


# ---------------------------------------------------------------------- properties

_UNITS = ("a", "b", "c", "e")


@st.composite
def _ecosystems(draw: st.DrawFn) -> smeeco.Ecosystem:
    from smeeco import Agency, Measure, Name, PolicyDocument

    lists = draw(st.lists(responsibility_lists(_UNITS), min_size=1, max_size=6))
    return smeeco.Ecosystem(
        [
            PolicyDocument(id="d", name=Name("文件")),
            *(Agency(id=u, name=Name(f"{u}局")) for u in _UNITS),
            *(
                Measure(
                    id=f"d.m{i}",
                    name=Name(f"措施{i}"),
                    document="d",
                    ordinal=i,
                    responsibilities=held,
                )
                for i, held in enumerate(lists, start=1)
            ),
        ]
    )


@settings(max_examples=60, deadline=None)
@given(_ecosystems())
def test_every_count_agrees_and_holders_keep_the_text_order(eco: smeeco.Ecosystem) -> None:
    view = responsibility_view(eco)
    metrics = smeeco.agency_metrics(eco)
    matrix_counts = smeeco.responsibility_matrix(eco).counts()
    for unit in view.units:
        m = metrics[unit.id]
        assert (unit.measures, unit.leads, unit.supports) == (m.measures, m.leads, m.supports)
        assert matrix_counts[unit.id] == unit.counts
        assert coresponsibility_view(eco).unit(unit.id).counts == unit.counts
        assert unit.supports == sum(
            any(h.unit == unit.id and h.role is Role.SUPPORT for h in vm.holders)
            for vm in view.measures
        )
    for vm in view.measures:
        record = eco.require(vm.id, smeeco.Measure)
        assert [(h.unit, h.role, h.explicit) for h in vm.holders] == [
            (r.unit, r.role, r.explicit) for r in record.responsibilities
        ]
    again = ResponsibilityView.from_graph(view.to_networkx())
    assert [m.holders for m in again.measures] == [m.holders for m in view.measures]
    assert [u.counts for u in again.units] == [u.counts for u in view.units]

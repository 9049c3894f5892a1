"""Footnote marks after unit names in a 任务分工表 ("市财政局*"), and the legend that reads them."""

from __future__ import annotations

import smeeco
from smeeco.parse.table import find_tables

HEAD = "某市关于印发优化营商环境任务分工的通知\n附件\n"


def _units(text: str) -> list[list[tuple[str, str, bool]]]:
    result = smeeco.parse_policy(text, document_id="d")
    names = {a.id: a.name.zh for a in result.agencies}
    return [
        [(names[r.unit], r.role.value, r.explicit) for r in m.responsibilities]
        for m in result.measures
    ]


def test_a_legend_that_the_mark_names_the_lead_makes_it_lead() -> None:
    text = HEAD + (
        "序号 | 工作任务 | 责任单位\n"
        "1 | 优化企业开办 | 市市场监管局、市政务服务办*、市税务局\n"
        "2 | 压减审批时限 | 市政务服务办*\n"
        "注:标*的为牵头单位。\n"
    )
    assert _units(text) == [
        [
            ("市市场监管局", "support", False),
            ("市政务服务办", "lead", True),
            ("市税务局", "support", False),
        ],
        [("市政务服务办", "lead", True)],
    ]
    (table,) = find_tables(smeeco.parse_policy(text, document_id="d").prepared.text)
    (note,) = [message for _span, message in table.notes]
    assert "2 unit(s) of the table carry the mark '*' (the first: '市政务服务办*')" in note
    assert "the legend says '注:标*的为牵头单位。', so the marked units lead" in note


def test_a_mark_without_a_legend_is_dropped_from_the_name_and_reported() -> None:
    text = (
        HEAD
        + "序号 | 工作任务 | 牵头单位 | 配合单位\n1 | 优化企业开办 | 市市场监管局※ | 市税务局\n"
    )
    assert _units(text) == [[("市市场监管局", "lead", True), ("市税务局", "support", True)]]
    result = smeeco.parse_policy(text, document_id="d")
    (warning,) = [u for u in result.uncertainties if u.kind == "table"]
    assert "no legend after the table says what it means" in warning.message
    assert (warning.line, warning.column) == (4, 14)  # at the marked name

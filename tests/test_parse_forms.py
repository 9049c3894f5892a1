"""Built variants of forms first met in real notices of the corpus (tests/fixtures/notices).

Each test writes a small text of its own in the shape of one real notice and checks what
a user sees: the measures, their units in stated order with roles, and the warnings.
"""

from __future__ import annotations

from smeeco import Role
from smeeco.parse import parse_policy_text

L, S = Role.LEAD, Role.SUPPORT


def _clause_units(text: str) -> list[list[tuple[str, Role, bool]]]:
    parsed = parse_policy_text(text, document_id="d")
    return [
        [(u.name, u.role, u.explicit) for u in m.clause.units] if m.clause else []
        for m in parsed.measures
    ]


# ------------------------------------------------------- heilongjiang: 〔…〕 round a PDF listing


def test_an_outer_bracket_round_names_with_brackets_and_pdf_spaces_is_one_listing() -> None:
    text = (
        "一、推动改造升级\n"
        "1.支持技术改造。对技改项目给予贴息, 由各县 (区) 研究政策给予支 持。"
        "〔市工信局、市财政局, 各县 (区) 、乡 (镇) 政府 (街道) 〕\n"
        "2.支持数字化改造。给予补助。 (市工信局)\n"
    )
    assert _clause_units(text) == [
        [("市工信局", L, False), ("市财政局", S, False), ("各县(区)、乡(镇)政府(街道)", S, False)],
        [("市工信局", L, False)],
    ]
    kinds = [w.kind for w in parse_policy_text(text, document_id="d").warnings]
    assert kinds == ["unlabelled", "unlabelled"]


def test_a_bracket_inside_the_item_is_still_not_a_listing() -> None:
    text = "一、甲\n1.支持改造。按入统时贷款市场报价利率(LPR)给予贴息 (含)。\n"
    parsed = parse_policy_text(text, document_id="d")
    assert [m.clause for m in parsed.measures] == [None]

"""Forms first met in the fourth search of real notices (Tianjin and others, issue 12).

Each test writes the smallest text in the real form and checks what a user sees: the
measures, their units, and the warnings with their positions.
"""

from __future__ import annotations

import smeeco

# ---------- tianjin 2006: a clause a sentence, the text cut inside a later sentence's bracket


def test_a_bracket_cut_off_after_the_last_clause_of_an_item_is_a_truncation() -> None:
    text = (
        "一、主要目标\n"
        "1.主要指标的责任部门。\n"
        "万元地区生产总值能源消耗降低20%。(市经委牵头)城市建成区绿化覆盖率达到40%以上。 (市建委、"
    )
    result = smeeco.parse_policy(text, document_id="d")
    assert [m.number for m in result.measures] == ["1."]  # the closed part is a measure
    assert [str(a.name.zh) for a in result.agencies] == ["市经委"]  # 市建委 is cut: no unit
    cut = [(u.line, u.column) for u in result.uncertainties if u.kind == "truncated"]
    assert cut == [(3, 45)]  # at the "(" that is never closed
    closed = text.removesuffix(" (市建委、")
    again = smeeco.parse_policy(closed, document_id="d")
    assert "truncated" not in {u.kind for u in again.uncertainties}

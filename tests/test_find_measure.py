"""``smeeco.find_measure``: measures named the way people name them."""

from __future__ import annotations

import pytest

import smeeco


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(二)", "ex-2022-measures.m02"),
        ("（二）", "ex-2022-measures.m02"),
        ("二", "ex-2022-measures.m02"),
        (" 2 ", "ex-2022-measures.m02"),
        ("ex-2022-measures.m02", "ex-2022-measures.m02"),
        ("加强财政资金支持", "ex-2022-measures.m01"),
    ],
)
def test_number_numeral_ordinal_id_and_title(
    example: smeeco.Ecosystem, text: str, expected: str
) -> None:
    assert smeeco.find_measure(example, text).id == expected


def test_a_number_in_several_documents_asks_for_the_document() -> None:
    eco = smeeco.load("tianjin")
    with pytest.raises(smeeco.UnknownReferenceError) as info:
        smeeco.find_measure(eco, "1")
    assert "several documents (tj-2018-conference, tj-2021-reply, tj-2022-measures)" in str(
        info.value
    )
    assert smeeco.find_measure(eco, "1", document="tj-2021-reply").id == "tj-2021-reply.m01"
    assert smeeco.find_measure(eco, "(四)", document="tj-2022-measures").ordinal == 4


def test_unknown_measure_hints_at_the_forms(example: smeeco.Ecosystem) -> None:
    with pytest.raises(smeeco.UnknownReferenceError) as info:
        smeeco.find_measure(example, "(九)")
    message = str(info.value)
    assert "'(九)'" in message
    assert "such as '(一)'" in message
    assert "'ex-2022-measures.m01'" in message


def test_before_the_document_says_why(example: smeeco.Ecosystem) -> None:
    with pytest.raises(smeeco.NotInForceError, match="after 2019-01-01"):
        smeeco.find_measure(example, "(一)", as_of="2019-01-01")
    assert smeeco.find_measure(example, "(一)", as_of="2024-01-01").id == "ex-2022-measures.m01"

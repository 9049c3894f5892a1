"""Text helpers: width and whitespace, pinyin glosses, Chinese numerals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smeeco import InvalidValueError
from smeeco.parse import chinese_numeral, normalize, parse_responsibility, strip_pinyin_glosses

QINGDAO = Path("/work/shared/seeds/001_39c02ac760da74aa.txt")
_BRACKETS = re.compile(r"[(（]([^()（）]{0,30})[)）]")
_TONED = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def test_normalize_width() -> None:
    assert normalize("（责任单位：市财政局；ＡＢＣ１２３）") == "(责任单位:市财政局;ABC123)"
    # CJK punctuation without an ASCII twin stays
    assert normalize("“专精特新”、《办法》〔2022〕。") == "“专精特新”、《办法》〔2022〕。"


def test_normalize_whitespace() -> None:
    text = "\ufeff\u3000\u3000一、总体要求\r\n\r\n\r\n\r\n(一)加强\t\u00a0支持。\u200b  \r(二)"
    assert normalize(text) == "一、总体要求\n\n(一)加强 支持。\n(二)"


def test_normalized_text_parses_the_same() -> None:
    full = "（牵头单位：市科技局；配合单位：市工信局、各区人民政府）"
    assert parse_responsibility(normalize(full)).names == parse_responsibility(full).names


def test_strip_pinyin_glosses() -> None:
    assert strip_pinyin_glosses("中小微企業(yè)日") == "中小微企業日"
    assert strip_pinyin_glosses("發(fā)展") == "發展"
    assert strip_pinyin_glosses("創（chuàng）新") == "創新"
    assert strip_pinyin_glosses("業(yè)(yè)務") == "業務"


@pytest.mark.parametrize(
    "text",
    [
        "(责任单位:市财政局)",
        "(2022)",
        "企业(A)",
        "增长(ye)",  # no tone mark: cannot be told from an abbreviation
        "数量(负面清单)",
        "(yè)开头",  # not after a Chinese character
        "abc(fā)",
    ],
)
def test_real_parentheses_survive(text: str) -> None:
    assert strip_pinyin_glosses(text) == text


@pytest.mark.skipif(not QINGDAO.exists(), reason="the Qingdao seed is not available")
def test_qingdao_seed() -> None:
    text = QINGDAO.read_text(encoding="utf-8")
    glosses = [c for c in _BRACKETS.findall(text) if _TONED.search(c)]
    assert len(glosses) > 100
    stripped = strip_pinyin_glosses(text)
    assert not [c for c in _BRACKETS.findall(stripped) if _TONED.search(c)]
    assert "中小微企業日" in stripped
    assert "發展" in stripped

    # the real parentheses survive, every one of them
    def opened(t: str) -> int:
        return t.count("(") + t.count("（")

    assert opened(stripped) == opened(text) - len(glosses)
    assert "(占規上工業74.6%)" in stripped
    assert "(數量占全部規上工業企業的98.1%)" in stripped
    assert strip_pinyin_glosses(stripped) == stripped


def test_chinese_numerals() -> None:
    assert [chinese_numeral(n) for n in ["一", "九", "十", "十九", "二十", "二十四", "九十九"]] == [
        1,
        9,
        10,
        19,
        20,
        24,
        99,
    ]
    for bad in ["", "零", "十十", "一百", "二二", "4"]:
        with pytest.raises(InvalidValueError, match="Chinese numeral"):
            chinese_numeral(bad)

"""Notices and registers saved as GB18030 (GBK), Big5 or UTF-16 are read, and the user is told."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smeeco
from smeeco.cli import main
from smeeco.encodings import COMMON, decode_text
from smeeco.errors import TextEncodingError

NOTICES = Path(__file__).parent / "fixtures" / "notices"
SIMPLIFIED = NOTICES / "gansu-2019-sme-work-points.txt"
TRADITIONAL = NOTICES / "hubei-2018-business-environment-trad.txt"


def test_common_characters_are_all_han() -> None:
    assert all("\u3400" <= c <= "\u9fff" for c in COMMON)


@pytest.mark.parametrize(
    ("path", "codec", "expected"),
    [
        (SIMPLIFIED, "gb18030", "gb18030"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "gb18030", "gb18030"),
        (SIMPLIFIED, "utf-16", "utf-16"),
        (SIMPLIFIED, "utf-16-be", None),  # no byte-order mark: not UTF-8, not Chinese in GB/Big5
        (SIMPLIFIED, "utf-8-sig", "utf-8"),
    ],
)
def test_real_notices_in_each_encoding(path: Path, codec: str, expected: str | None) -> None:
    text = path.read_text(encoding="utf-8")
    data = text.encode(codec)
    if expected is None:
        with pytest.raises(TextEncodingError, match="--encoding"):
            decode_text(data, name="x.txt")
        return
    decoded = decode_text(data, name="x.txt")
    assert decoded.text == text
    assert decoded.encoding == expected


def test_plain_utf8_is_not_remarked_on() -> None:
    decoded = decode_text("市财政局".encode())
    assert (decoded.encoding, decoded.detected, decoded.note) == ("utf-8", False, None)


def test_a_detected_legacy_encoding_is_said() -> None:
    decoded = decode_text("市财政局负责".encode("gbk"))
    assert decoded.note == "read as GB18030 (detected; give --encoding to choose)"


def test_a_given_encoding_is_used_and_checked() -> None:
    data = "市财政局负责".encode("gbk")
    assert decode_text(data, encoding="gbk").text == "市财政局负责"
    with pytest.raises(TextEncodingError, match=r"n\.txt is not utf-8 .* at byte 0"):
        decode_text(data, name="n.txt", encoding="utf-8")
    with pytest.raises(TextEncodingError, match="unknown encoding 'klingon'"):
        decode_text(data, encoding="klingon")


def test_binary_junk_is_refused_with_what_to_do() -> None:
    junk = bytes(range(128, 256)) * 20
    with pytest.raises(TextEncodingError) as info:
        decode_text(junk, name="'scan.pdf'")
    message = str(info.value)
    assert "'scan.pdf' is not UTF-8" in message
    assert "save it as UTF-8, or name its encoding with --encoding" in message


def test_a_broken_byte_order_mark_is_refused() -> None:
    with pytest.raises(TextEncodingError, match="UTF-16 byte-order mark but is not UTF-16"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8", name="x")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_the_specific_error(data: bytes) -> None:
    try:
        decoded = decode_text(data)
    except TextEncodingError:
        return
    assert isinstance(decoded.text, str)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=sorted(COMMON) + list("，。、（）：0123456789"), min_size=8, max_size=200))
def test_chinese_text_round_trips_through_gb18030(text: str) -> None:
    assert decode_text(text.encode("gb18030")).text == text


def test_parse_policy_takes_gbk_bytes() -> None:
    text = SIMPLIFIED.read_text(encoding="utf-8")
    from_bytes = smeeco.parse_policy(text.encode("gbk"), document_id="d")
    from_text = smeeco.parse_policy(text, document_id="d")
    assert from_bytes.document == from_text.document


def test_smeeco_parse_reads_a_gbk_notice_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SIMPLIFIED.read_text(encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    assert (
        main(["parse", str(tmp_path / "gbk.txt"), "--id", "d", "-o", str(tmp_path / "a.json")]) == 0
    )
    err = capsys.readouterr().err
    assert "gbk.txt': read as GB18030 (detected; give --encoding to choose)" in err
    assert (
        main(["parse", str(tmp_path / "utf8.txt"), "--id", "d", "-o", str(tmp_path / "b.json")])
        == 0
    )
    assert "read as" not in capsys.readouterr().err
    a, b = (json.loads((tmp_path / n).read_text()) for n in ("a.json", "b.json"))
    assert a.pop("pack")["name"] == "a"
    assert b.pop("pack")["name"] == "b"
    assert a == b


def test_smeeco_parse_with_a_wrong_encoding_says_which_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "n.txt").write_bytes("市财政局负责".encode("gbk"))
    code = main(
        ["parse", str(tmp_path / "n.txt"), "--encoding", "utf-8", "-o", str(tmp_path / "p.json")]
    )
    assert code != 0
    err = capsys.readouterr().err
    assert "n.txt' is not utf-8" in err
    assert not (tmp_path / "p.json").exists()

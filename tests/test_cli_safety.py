"""The CLI never lets a name drive the terminal, and never writes over the pack it reads."""

from __future__ import annotations

from pathlib import Path

import pytest

import smeeco
from smeeco import Agency, Name
from smeeco.cli import main
from smeeco.cli._common import safe_text
from smeeco.datasets import pack_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_control_characters_in_names_are_shown_not_obeyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    eco = smeeco.load("example")
    # a pack may hold CR, DEL, C1 controls (CSI is \x9b) and bidi overrides: XML can
    names = ["市\x9b2J工信局", "财政\r局", "\u202egnp.exe", "区\x7f政府"]
    records = [
        Agency(id=f"evil-{i}", name=Name(n), jurisdiction="ex-city") for i, n in enumerate(names)
    ]
    path = smeeco.write_pack([*eco.records(), *records], tmp_path / "evil.yaml")
    code, out, err = run(capsys, "show", str(path))
    assert code == 0, err
    code, out, err = run(capsys, "what", str(path), "evil-0")
    for text in (out, err):
        assert not any(c in text for c in "\x9b\r\u202e\x7f\x1b")
    code, out, err = run(capsys, "what", str(path), "no-such\x1b[2J")
    assert code == 1
    assert "\x1b" not in err


def test_safe_text_escapes_what_a_terminal_would_obey() -> None:
    assert safe_text("a\x1b[31mb\x9bc\r\n\td\u202e") == "a\\x1b[31mb\\x9bc\\x0d\n\td\\u202e"
    assert safe_text("市工业和信息化局（市中小企业局）") == "市工业和信息化局（市中小企业局）"


def test_graph_refuses_to_replace_the_pack_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "p.json"
    smeeco.write_pack(smeeco.load("example"), pack)
    before = pack.read_bytes()
    code, _out, err = run(capsys, "graph", str(pack), "-o", str(pack))
    assert code == 1
    assert "is the data pack 'p.json' that" in err
    assert pack.read_bytes() == before
    # nor one it requires, nor a bundled pack
    child = tmp_path / "child.json"
    child.write_text('{"smeeco": 1, "pack": {"name": "child", "requires": ["p"]}}')
    code, _out, err = run(capsys, "graph", str(child), "-o", str(pack))
    assert code == 1
    assert pack.read_bytes() == before
    bundled = pack_path("example")
    original = bundled.read_bytes()
    code, _out, err = run(capsys, "graph", "example", "-o", str(bundled.with_suffix(".yaml")))
    assert code == 1
    assert bundled.read_bytes() == original
    # another file is fine
    code, _out, err = run(capsys, "graph", str(pack), "-o", str(tmp_path / "g.json"))
    assert code == 0, err


@pytest.mark.parametrize(
    "argv",
    [
        ("table", "{pack}", "responsibilities", "-o", "{pack}"),
        ("table", "{pack}", "measures", "-o", "{required}"),
        ("matrix", "{pack}", "-o", "{pack}"),
        ("timeline", "{pack}", "-o", "{pack}"),
    ],
    ids=["table", "table-required", "matrix", "timeline"],
)
def test_no_command_replaces_a_pack_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    required = tmp_path / "p.json"
    smeeco.write_pack(smeeco.load("example"), required)
    pack = tmp_path / "child.json"
    pack.write_text('{"smeeco": 1, "pack": {"name": "child", "requires": ["p"]}}')
    before = {f: f.read_bytes() for f in (pack, required)}
    filled = [a.format(pack=pack, required=required) for a in argv]
    code, _out, err = run(capsys, *filled)
    assert code == 1
    assert "write the output to another file" in err or "format" in err
    assert {f: f.read_bytes() for f in (pack, required)} == before


def test_parse_replaces_neither_a_notice_nor_the_agencies_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "notice.json"  # a notice is text, whatever its name
    notice.write_text("关于印发《示例措施》的通知\n一、加大支持。（责任单位：市财政局）\n")
    before = notice.read_bytes()
    code, _out, err = run(capsys, "parse", str(notice), "-o", str(notice))
    assert code == 1
    assert f"is a notice {str(notice)!r} this command reads" in err
    assert notice.read_bytes() == before
    agencies = smeeco.write_pack(smeeco.load("example"), tmp_path / "agencies.yaml")
    kept = agencies.read_bytes()
    other = tmp_path / "notice.txt"
    other.write_text(notice.read_text())
    code, _out, err = run(
        capsys, "parse", str(other), "--agencies", str(agencies), "-o", str(agencies)
    )
    assert code == 1
    assert "is the agencies pack" in err
    assert agencies.read_bytes() == kept

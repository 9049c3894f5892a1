"""The `smeeco` command, run in-process."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import smeeco
from smeeco.cli import main, text_width
from smeeco.datasets import pack_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_who_prints_the_units_in_stated_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "who", "example", "(一)")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "(一) 加强财政资金支持 — 示例市提升中小企业竞争力若干措施"
    assert [line.split()[1] for line in lines[2:5]] == [
        "示例市财政局",
        "示例市工业和信息化局",
        "各区人民政府",
    ]
    assert lines[2].split()[2] == "牵头*"


def test_who_aligns_columns_counting_chinese_as_two(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "who", "example", "ex-2022-measures.m01")
    rows = out.splitlines()[1:5]
    starts = {
        text_width(r[: r.index(word)])
        for r, word in zip(rows, ["角色", "牵头", "配合", "配合"], strict=False)
    }
    assert len(starts) == 1  # the role column starts at one terminal column on every row


def test_who_accepts_names_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "who", "example", "深化银担合作", "--lang", "en")
    assert code == 0
    assert "Example Banking and Insurance Regulatory Office" in out
    assert "lead*" in out


def test_who_as_of_shows_the_successor(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "who", "example", "(三)", "--as-of", "2024-01-01")
    assert "国家金融监督管理总局示例监管局" in out
    assert "named as ex-old-regulator" in out


def test_what_lists_measures_of_an_alias(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "what", "example", "示例市工信局")
    assert code == 0
    assert out.splitlines()[0] == "示例市工业和信息化局 (ex-miit)"
    assert "(二)  精准服务税务办理  牵头" in out
    assert out.splitlines()[-1] == "2 项措施，牵头 1 项"


def test_what_through_collectives(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "what", "example", "ex-north-district", "--collectives")
    assert "via 各区人民政府" in out


def test_show_and_packs(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "show", "example")
    assert "measure       3" in out
    assert "示中小企〔2022〕1号" in out
    _code, out, _err = run(capsys, "packs")
    assert "example" in out
    assert "fictional" in out


def test_a_pack_file_works_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "show", str(pack_path("example")))
    assert code == 0
    assert "agency" in out


@pytest.mark.parametrize(
    "suffix", [".graphml", ".gexf", ".json", ".cyjs", ".dot", ".mmd", ".csv", ".html"]
)
def test_graph_writes_by_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"out{suffix}"
    code, out, err = run(capsys, "graph", "example", "-o", str(target))
    assert (code, err) == (0, "")
    assert out.strip() == f"wrote {target}"
    assert target.stat().st_size > 0


def test_graph_views(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "co.graphml"
    assert main(["graph", "example", "--view", "coresponsibility", "-o", str(target)]) == 0
    graph = smeeco.io.export.read_graph(target)
    assert not graph.is_directed()
    assert graph.number_of_nodes() == 4
    full = tmp_path / "full.json"
    assert main(["graph", "example", "--view", "full", "-o", str(full)]) == 0
    assert smeeco.io.export.read_graph(full).number_of_nodes() == len(smeeco.load("example"))


def test_graph_picture(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "r.svg"
    code, _out, _err = run(capsys, "graph", "example", "-o", str(target), "--lang", "en")
    assert code == 0
    assert "edge-lead-" in target.read_text(encoding="utf-8")


def test_matrix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _err = run(capsys, "matrix", "example")
    assert code == 0
    assert "| (一) | 加强财政资金支持 | 牵头* |" in out
    target = tmp_path / "m.csv"
    assert main(["matrix", "example", "-o", str(target), "--document", "ex-2022-measures"]) == 0
    assert "牵头*" in target.read_text(encoding="utf-8")


def test_unknown_pack_is_one_line_listing_the_known(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "exmaple")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "unknown data pack 'exmaple'" in err
    assert "example" in err
    assert "Traceback" not in err


def test_unknown_format_lists_the_supported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "graph", "example", "-o", "x.docx")
    assert code == 1
    assert "supported: .csv" in err
    assert ".graphml" in err
    code, _out, err = run(capsys, "matrix", "example", "-o", "x.pdf")
    assert code == 1
    assert "supported: .csv, .htm, .html, .markdown, .md, .xlsx" in err


def test_unknown_measure_and_agency(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "who", "example", "(九十九)")
    assert code == 1
    assert "unknown measure" in err
    assert "'(一)'" in err
    code, _out, err = run(capsys, "what", "example", "市财政")
    assert code == 1
    assert "unknown agency" in err


def test_debug_shows_the_traceback() -> None:
    with pytest.raises(smeeco.UnknownPackError):
        main(["--debug", "show", "exmaple"])
    with pytest.raises(smeeco.UnknownPackError):
        main(["show", "exmaple", "--debug"])


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    assert "smeeco graph tianjin-2022-measures -o tianjin.svg" in capsys.readouterr().out


def test_python_dash_m(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["smeeco", "packs"])
    with pytest.raises(SystemExit) as stop:
        runpy.run_module("smeeco", run_name="__main__")
    assert stop.value.code == 0
    assert "example" in capsys.readouterr().out

"""smeeco.compare and ``smeeco diff``: two generations, matched and explained."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import smeeco
from smeeco.cli import main
from smeeco.compare import diff

OLD = "tianjin-2022-measures@2023-01-01"
NEW = "tianjin-2022-measures@2024-01-01"


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin-2022-measures")


def test_2023_successors_take_over(tianjin: smeeco.Ecosystem) -> None:
    result = diff(tianjin.at("2023-01-01"), tianjin.at("2024-01-01"))
    assert not result.added
    assert not result.removed
    reorganised = {r.old: (r.new, r.how) for r in result.reorganised}
    assert reorganised == {
        "tj-cbirc": (("tj-nfra",), "succeeded"),
        "tj-pbc-branch": (("tj-pbc-municipal-branch",), "succeeded"),
    }
    four = next(c for c in result.changed if c.new.number == "(四)")
    assert four.score == 1.0
    assert four.handovers == (
        ("tj-pbc-branch", "tj-pbc-municipal-branch"),
        ("tj-cbirc", "tj-nfra"),
    )
    assert not four.gained
    assert not four.lost
    # every measure the old bank branch held is handed over, none silently dropped
    held = {m.id for m in tianjin.measures if "tj-pbc-branch" in m.units}
    handed = {c.new.id for c in result.changed if ("tj-pbc-branch", "tj-pbc-municipal-branch")
              in c.handovers}  # fmt: skip
    assert handed == held
    units = {u.unit: u for u in result.units}
    assert units["tj-pbc-branch"].leads == (3, 0)
    assert units["tj-pbc-municipal-branch"].leads == (0, 3)
    assert units["tj-nfra"].supports == (0, 3)


def test_diff_command_shows_the_handover(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", OLD, NEW]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{OLD} → {NEW}"
    row = next(line for line in lines if line.startswith("(四)"))
    assert "中国人民银行天津分行（人民银行天津分行） → 中国人民银行天津市分行 (successor)" in row
    assert "（天津银保监局） → 国家金融监督管理总局天津监管局 (successor)" in row
    assert "1.00" in row
    reorganised = out.split("Units reorganised:")[1].split("\n\n")[0]
    assert "tj-cbirc" in reorganised
    assert "tj-nfra" in reorganised
    assert "succeeded" in reorganised


def test_diff_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", OLD, NEW, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    four = next(c for c in document["changed"] if c["new"]["number"] == "(四)")
    assert four["handovers"][0] == {"from": "tj-pbc-branch", "to": "tj-pbc-municipal-branch"}
    assert four["score"] == 1.0
    names = {r["unit"]: r["successors"][0]["name"] for r in document["reorganised"]}
    assert names["tj-cbirc"] == "国家金融监督管理总局天津监管局"


def test_matching_by_number_and_title(tianjin: smeeco.Ecosystem) -> None:
    old = tianjin.measures[3]
    renamed = attrs.evolve(old, id="tj-2022-measures.x04", name=smeeco.Name("加强信贷支持力度"))
    dropped = tianjin.measures[4]
    kept = [m for m in tianjin.measures if m.id not in (old.id, dropped.id)]
    other = smeeco.Ecosystem(
        [r for r in tianjin if r.kind != "measure"] + [*kept, renamed], name="next"
    )
    result = diff(tianjin, other)
    match = next(c for c in result.changed if c.old.id == old.id)
    assert match.new.id == "tj-2022-measures.x04"
    assert 0.6 < match.score < 1.0
    assert "title" in match.changes
    assert [m.id for m in result.removed] == [dropped.id]
    assert not result.added


def test_documents_of_one_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "tj-2018-conference", "tj-2022-measures", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    eco = smeeco.load("all")
    assert len(document["added"]) == sum(
        1 for m in eco.measures if m.document == "tj-2022-measures"
    )
    assert {m["document"] for m in document["removed"]} <= {"tj-2018-conference"}


@pytest.mark.parametrize("suffix", [".md", ".html", ".xlsx"])
def test_diff_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    for path in (first, second):
        assert main(["diff", OLD, NEW, "-o", str(path)]) == 0
    assert first.read_bytes() == second.read_bytes()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(first)
        assert "Measures changed" in book.sheetnames
        rows = list(book["Measures changed"].iter_rows(values_only=True))
        assert rows[1] == ("no.", "measure", "match", "what changed")
        assert rows[2][0] == "(四)"
        assert "(successor)" in rows[2][3]
    else:
        text = first.read_text(encoding="utf-8")
        assert "中国人民银行天津市分行" in text
        assert "Units reorganised" in text


def test_bad_sides(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-pack", NEW]) == 1
    assert "unknown data pack 'no-such-pack'" in capsys.readouterr().err
    assert main(["diff", "tianjin-2022-measures@2023-13-01", NEW]) == 1
    assert "bad date" in capsys.readouterr().err

"""``smeeco table`` and ``smeeco search``: files an analyst opens, JSON a script reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import smeeco
from smeeco.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_csv_reads_straight_into_pandas_and_polars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pandas as pd
    import polars as pl

    path = tmp_path / "resp.csv"
    status, out, _ = _run(
        capsys, "table", "tianjin-2022-measures", "responsibilities", "-o", str(path)
    )
    assert status == 0
    assert out.startswith(f"wrote {path}")
    eco = smeeco.load("tianjin-2022-measures")
    expected = [(m.id, r.unit) for m in eco.measures for r in m.responsibilities]
    expected.sort(key=lambda pair: eco.require(pair[0], smeeco.Measure).ordinal)
    frame = pd.read_csv(path)
    assert list(frame.columns[:3]) == ["document", "measure", "number"]
    assert len(frame) == len(expected)
    assert sorted(zip(frame["measure"], frame["unit"], strict=True)) == sorted(expected)
    assert frame["order"].dtype.kind == "i"
    polars = pl.read_csv(path)
    assert polars.shape == frame.shape
    assert polars["number"][0] == "(一)"
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert text.count("\n") == len(expected) + 1  # one header row, no totals, no legend


def test_excel_csv_has_a_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pandas as pd

    path = tmp_path / "m.csv"
    assert _run(capsys, "table", "example", "measures", "-o", str(path), "--excel")[0] == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(path, encoding="utf-8-sig").columns[0] == "document"


def test_xlsx_is_byte_identical_and_holds_the_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        assert _run(capsys, "table", "example", "documents", "-o", str(path))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    sheet = load_workbook(first).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("document", "title", "title_en")
    assert rows[1][0] == "ex-2022-measures"
    assert str(rows[1][5])[:10] == "2022-06-18"


@pytest.mark.parametrize("suffix", [".parquet", ".json", ".md"])
def test_other_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    path = tmp_path / f"r{suffix}"
    assert _run(capsys, "table", "example", "responsibilities", "-o", str(path))[0] == 0
    if suffix == ".parquet":
        import polars as pl

        frame = pl.read_parquet(path)
        assert frame["unit"].to_list()[:2] == ["ex-finance", "ex-miit"]
        assert frame.schema["order"] == pl.Int64
    elif suffix == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
        assert [r["unit"] for r in rows[:2]] == ["ex-finance", "ex-miit"]
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("| document | measure |")
        assert len(lines) == 2 + 6


def test_table_json_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys, "table", "example", "responsibilities", "--as-of", "2024-01-01", "--json"
    )
    assert status == 0
    document = json.loads(out)
    three = [r for r in document["rows"] if r["number"] == "(三)"]
    assert (three[0]["unit"], three[0]["named_as"]) == ("ex-new-regulator", "ex-old-regulator")


def test_table_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "table", "example", "funds", "--agency", "ex-miit")
    assert status == 1
    assert "funds table does not take agency" in err
    status, _, err = _run(capsys, "table", "example", "funds", "-o", str(tmp_path / "f.txt"))
    assert status == 1
    assert "unknown table format '.txt'" in err


def test_search_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "search", "tianjin-2022-measures", "金融")
    assert status == 0
    lines = out.splitlines()
    assert any(line.startswith("(四)  加强信贷支持") for line in lines)
    assert "中国人民银行天津分行" in out
    status, out, _ = _run(capsys, "search", "tianjin-2022-measures", "金融", "--json")
    hits = json.loads(out)["hits"]
    four = next(h for h in hits if h["number"] == "(四)")
    assert four["document"] == "tj-2022-measures"
    assert four["units"][0] == {"unit": "tj-pbc-branch", "role": "lead", "explicit": False}

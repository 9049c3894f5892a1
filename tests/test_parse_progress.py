"""The progress of ``smeeco parse``: counted in characters, so one long file moves the bar."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from smeeco.cli import main
from smeeco.cli import parse as cli_parse
from smeeco.parse.pack import parse_to_pack

NOTICES = Path(__file__).parent / "fixtures" / "notices"
HUNAN = (NOTICES / "hunan-2020-sme-work-points.txt").read_text(encoding="utf-8")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_one_long_text_reports_progress_as_it_is_read() -> None:
    calls: list[tuple[int, int, str]] = []
    text = "\n".join([HUNAN] * 20)
    parse_to_pack([("long.txt", text)], progress=lambda *call: calls.append(call))
    done = [d for d, _total, _name in calls]
    assert all(total == len(text) for _d, total, _name in calls)
    assert done == sorted(done)
    assert done[0] == 0
    assert done[-1] == len(text)
    assert len({d for d in done if 0 < d < len(text)}) >= 10  # it moves inside the text
    assert calls[-1][2] == ""  # the end names no file
    assert [d for d in done if d == len(text)] == [len(text)]  # the end is said once


def test_several_texts_are_counted_by_their_characters() -> None:
    calls: list[tuple[int, int, str]] = []
    short = "湖南省关于若干措施的通知\n一、甲\n(一)加强服务。(责任单位:省财政厅)"
    parse_to_pack([("a.txt", HUNAN), ("b.txt", short)], progress=lambda *c: calls.append(c))
    total = len(HUNAN) + len(short)
    starts = [(d, name) for d, t, name in calls if t == total and name == "b.txt"]
    assert starts[0] == (len(HUNAN), "b.txt")  # b starts where a's characters end
    assert calls[-1] == (total, total, "")


def test_the_bar_is_drawn_on_a_terminal_for_large_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    notice = tmp_path / "long.txt"
    notice.write_text("\n".join([HUNAN] * 10), encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setattr(cli_parse, "PROGRESS_FROM", 1000)
    assert main(["parse", str(notice), "-o", str(tmp_path / "p.json")]) == 0
    drawn = terminal.getvalue()
    frames = [f for f in drawn.split("\r") if f]
    assert len(frames) >= 5  # one file, many steps
    assert frames[0].startswith("smeeco parse [" + "." * 30 + "]   0%")
    assert "long.txt" in frames[1]
    last = frames[-1].splitlines()[0]
    assert last.startswith("smeeco parse [" + "#" * 30 + "] 100%")
    assert "M characters" in last


def test_no_bar_when_small_or_not_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notice = tmp_path / "hn.txt"
    notice.write_text(HUNAN, encoding="utf-8")
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["parse", str(notice), "-o", str(tmp_path / "p.json")]) == 0
    assert "smeeco parse [" not in terminal.getvalue()  # under PROGRESS_FROM characters
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    monkeypatch.setattr(cli_parse, "PROGRESS_FROM", 10)
    assert main(["parse", str(notice), "-o", str(tmp_path / "p.json")]) == 0
    assert "smeeco parse [" not in plain.getvalue()  # not a terminal

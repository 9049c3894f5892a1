"""smeeco.timeline and ``smeeco timeline``: events by date, and the load picture."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import smeeco
from smeeco.chronology import responsibility_load
from smeeco.cli import main


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin")


def test_events_in_date_order_with_reorganisations(tianjin: smeeco.Ecosystem) -> None:
    events = smeeco.timeline(tianjin)
    days = [e.date for e in events]
    assert days == sorted(days)
    reorganised = {e.record: (e.date, e.text) for e in events if e.event == "reorganised"}
    assert reorganised["tj-pbc-branch"][0] == dt.date(2023, 8, 17)
    assert "中国人民银行天津市分行" in reorganised["tj-pbc-branch"][1]
    assert reorganised["tj-cbirc"][0] == dt.date(2023, 7, 19)
    issued = [e.record for e in events if e.event == "issued"]
    assert "tj-2022-measures" in issued
    observed = sum(1 for e in events if e.event == "observed")
    assert observed == sum(len(i.observations) for i in tianjin.indicators)


def test_values_as_stated(example: smeeco.Ecosystem) -> None:
    texts = [e.text for e in smeeco.timeline(example) if e.record == "ex-srdi-count"]
    indicator = example.require("ex-srdi-count", smeeco.Indicator)
    for o in indicator.observations:
        assert any(f": {int(o.value)} 家" in t for t in texts)
    assert any(t.endswith("亿元") for e in smeeco.timeline(example) for t in [e.text])


def test_a_span(tianjin: smeeco.Ecosystem) -> None:
    events = smeeco.timeline(tianjin, start="2023-01-01", end="2023-12-31")
    assert events
    assert all(dt.date(2023, 1, 1) <= e.date <= dt.date(2023, 12, 31) for e in events)
    with pytest.raises(smeeco.InvalidValueError, match="bad start date"):
        smeeco.timeline(tianjin, start="2023-02-30")


def test_load_passes_to_successors(tianjin: smeeco.Ecosystem) -> None:
    days, load = responsibility_load(tianjin)
    before = days.index(max(d for d in days if d <= dt.date(2023, 7, 1)))
    after = days.index(max(d for d in days if d <= dt.date(2024, 1, 1)))
    assert load["tj-pbc-branch"][before] == 4
    assert load["tj-pbc-branch"][after] == 0
    assert load["tj-pbc-municipal-branch"][after] == 4


def test_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "example", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert events[0]["event"] == "established"
    assert events[3] == {
        "date": "2022-06-18",
        "event": "issued",
        "kind": "document",
        "record": "ex-2022-measures",
        "text": "示例市提升中小企业竞争力若干措施 示中小企〔2022〕1号",
    }
    assert main(["timeline", "example"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split() == [
        "date", "event", "kind", "record", "what",
    ]  # fmt: skip
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    for path in (first, second):
        assert main(["timeline", "tianjin-2022-measures", "-o", str(path), "--lang", "en"]) == 0
    text = first.read_text(encoding="utf-8")
    assert text.startswith("<?xml")
    assert first.read_bytes() == second.read_bytes()

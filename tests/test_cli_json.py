"""``--json`` on who, what, show and packs: one JSON document on standard output."""

from __future__ import annotations

import json
from typing import Any

import pytest

import smeeco
from smeeco.cli import main


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_who_lists_units_in_stated_order(capsys: pytest.CaptureFixture[str]) -> None:
    document = _json(capsys, "who", "tianjin-2022-measures", "(四)")
    eco = smeeco.load("tianjin-2022-measures")
    four = smeeco.find_measure(eco, "(四)")
    assert document["measure"]["id"] == four.id
    assert [u["unit"] for u in document["units"]] == list(four.units)
    first = document["units"][0]
    assert {k: first[k] for k in ("unit", "name_zh", "role", "order", "explicit")} == {
        "unit": "tj-pbc-branch",
        "name_zh": "中国人民银行天津分行",
        "role": "lead",
        "order": 0,
        "explicit": False,
    }
    assert [u["order"] for u in document["units"]] == list(range(len(four.units)))


def test_who_on_a_later_date_says_named_as(capsys: pytest.CaptureFixture[str]) -> None:
    document = _json(capsys, "who", "tianjin-2022-measures", "(四)", "--as-of", "2024-01-01")
    assert document["as_of"] == "2024-01-01"
    assert document["units"][0]["unit"] == "tj-pbc-municipal-branch"
    assert document["units"][0]["named_as"] == "tj-pbc-branch"


def test_what(capsys: pytest.CaptureFixture[str]) -> None:
    document = _json(capsys, "what", "example", "示例市财政局")
    assert document["agency"]["id"] == "ex-finance"
    assert [(m["number"], m["roles"][0]["role"]) for m in document["measures"]] == [
        ("(一)", "lead"),
        ("(三)", "support"),
    ]
    assert document["leads"] == 1


def test_show_and_packs(capsys: pytest.CaptureFixture[str]) -> None:
    show = _json(capsys, "show", "example")
    assert show["packs"][0]["name"] == "example"
    assert show["documents"][0] == {
        "document": "ex-2022-measures",
        "number": "示中小企〔2022〕1号",
        "issued": "2022-06-18",
        "measures": 3,
        "title": "示例市提升中小企业竞争力若干措施",
        "title_en": show["documents"][0]["title_en"],
        "addressees": [],
    }
    packs = _json(capsys, "packs")
    names = [p["name"] for p in packs["packs"]]
    assert "tianjin-2022-measures" in names
    assert "example" in names

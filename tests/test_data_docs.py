"""The pages of ``docs/datasets/`` cannot drift from the packs.

Each page's lists of records, counts and figures are written by ``tools/datasets_docs.py``
from the pack; the committed page must equal what it writes. The hand-written part of a page
is checked for the claims it can make about the data: every record id it names exists, every
``field: value`` it states is in the pack's file, and every "N measures"-style count equals the
pack's own count.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
import yaml

from smeeco.datasets import available

ROOT = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "datasets_docs", ROOT / "tools" / "datasets_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("datasets_docs", module)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
PAGES = sorted(TOOL.documented_packs())
WANTED = TOOL.pages()  # every page as the generator writes it, computed once


def test_every_pack_with_records_has_a_page_and_every_page_a_pack() -> None:
    on_disk = {p.stem for p in (ROOT / "docs" / "datasets").glob("*.md")} - {"index"}
    assert on_disk == set(PAGES), "run: python tools/datasets_docs.py (then write the page's prose)"
    assert "example" not in PAGES
    assert set(TOOL.umbrella_packs()) >= {"all", "national", "tianjin", "qingdao"}


@pytest.mark.parametrize("path", sorted(WANTED), ids=lambda p: p.name)
def test_the_committed_page_is_what_the_generator_writes(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == WANTED[path], (
        f"{path.name} is out of date: run python tools/datasets_docs.py"
    )


def _hand_written(name: str) -> str:
    page = (ROOT / "docs" / "datasets" / f"{name}.md").read_text(encoding="utf-8")
    head, _, rest = page.partition(TOOL.BEGIN)
    return head + rest.partition(TOOL.END)[2]


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _fields(obj: Any) -> Iterator[tuple[str, str]]:
    """(field, value) of a record and of everything inside it (responsibilities, criteria…)."""
    if attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            yield field.name, _plain(value)
            yield from _fields(value)
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from _fields(item)


ID = re.compile(r"[a-z]{2,}(?:-[a-z0-9]+)+(?:\.m\d{2})?")
COUNT = re.compile(
    r"(?<![\d-])(\d{1,3}) (documents|jurisdictions|agencies|enterprises|ladders|tiers|funds"
    r"|platforms|measures|indicators)\b"
)
KIND = {heading: kind for kind, heading in TOOL.KINDS}


def _claims(text: str) -> Iterator[str]:
    yield from re.findall(r"`([^`\n]+)`", text)


@pytest.mark.parametrize("name", PAGES)
def test_the_ids_a_page_names_exist(name: str) -> None:
    eco = TOOL.load(name)
    known = {r.id for r in eco.records()} | set(available())
    named = [c for c in _claims(_hand_written(name)) if ID.fullmatch(c)]
    assert [c for c in named if c not in known] == []


@pytest.mark.parametrize("name", PAGES)
def test_the_fields_a_page_states_hold_for_a_record_of_the_pack(name: str) -> None:
    eco = TOOL.load(name)
    pairs = set(_fields([eco[i] for i in TOOL.own_ids(name)]))
    wrong = []
    for claim in _claims(_hand_written(name)):
        match = re.fullmatch(r"([a-z_]+): (.+)", claim)
        if match is None:
            continue
        key, value = match.group(1), _plain(yaml.safe_load(match.group(2)))
        if (key, value) not in pairs:
            wrong.append(claim)
    assert wrong == []


@pytest.mark.parametrize("name", PAGES)
def test_the_counts_a_page_states_are_the_packs(name: str) -> None:
    eco = TOOL.load(name)
    own = [eco[i] for i in TOOL.own_ids(name)]
    for number, heading in COUNT.findall(_hand_written(name)):
        assert int(number) == sum(1 for r in own if r.kind == KIND[heading]), (number, heading)


def test_a_drifted_page_is_seen(tmp_path: Path) -> None:
    block = TOOL.generated("national-2024-miit")
    page = TOOL.with_generated("# page\n\nProse.\n", block)
    assert TOOL.with_generated(page, block) == page  # stable
    drifted = page.replace("| measures | 9 |", "| measures | 8 |")
    assert drifted != page
    assert TOOL.with_generated(drifted, block) == page
    assert "`cn-2024-miit.m02`" in block
    assert "2024-06-01" not in block  # measures list units, not validity
    assert "more than 1700家 on 2024-07-17" in block


def test_the_check_mode_reports_and_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert TOOL.main(["--check"]) == 0
    assert capsys.readouterr().out == ""

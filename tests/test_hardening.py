"""Bad input is refused clearly: strict pack text, both YAML paths alike, API arguments."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smeeco
from smeeco import (
    Agency,
    DataPackError,
    DuplicateKeyError,
    Enterprise,
    Fund,
    InvalidValueError,
    MoneyParseError,
    Name,
    SmeecoError,
    Source,
    ValidationError,
    read_pack,
    write_pack,
)
from smeeco.datasets import available, pack_path
from smeeco.io import packtext
from smeeco.io.convert import read_decimal
from smeeco.io.datapack import parse_pack


@pytest.fixture(params=[True, False], ids=["libyaml", "pure"])
def yaml_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[bool]:
    if request.param and not packtext.HAVE_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(packtext, "USE_LIBYAML", request.param)
    return request.param


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _messages(exc: ValidationError) -> dict[str, str]:
    return {p.path: p.message for p in exc.problems}


# ----------------------------------------------------------------------------- YAML paths


def test_libyaml_and_pure_python_read_every_bundled_pack_alike(monkeypatch: Any) -> None:
    if not packtext.HAVE_LIBYAML:
        pytest.skip("PyYAML was built without libyaml")
    for name in available():
        text = pack_path(name).read_text(encoding="utf-8")
        monkeypatch.setattr(packtext, "USE_LIBYAML", True)
        fast = packtext.read_text(text, "yaml", name)
        fast_records = list(smeeco.load(name).records())
        monkeypatch.setattr(packtext, "USE_LIBYAML", False)
        pure = packtext.read_text(text, "yaml", name)
        assert fast == pure, name
        assert list(smeeco.load(name).records()) == fast_records, name


def test_both_paths_write_text_that_reads_back_alike(monkeypatch: Any) -> None:
    eco = smeeco.load("tianjin")
    texts = {}
    for fast in (True, False):
        monkeypatch.setattr(packtext, "USE_LIBYAML", fast)
        texts[fast] = smeeco.dumps_pack(eco)
        _back, problems = packtext.read_text(texts[fast], "yaml")
        assert not problems
    assert packtext.read_text(texts[True], "yaml") == packtext.read_text(texts[False], "yaml")


def test_yaml_12_numbers_on_both_paths(yaml_path: bool) -> None:
    data, problems = packtext.read_text(
        "a: 2:2:4:2\nb: 1:30\nc: 0x1F\nd: 1_000\ne: 0.5\nf: 2022-06-18\ng: yes\n", "yaml"
    )
    assert not problems
    assert data["a"] == "2:2:4:2"
    assert data["b"] == "1:30"
    assert data["c"] == 31
    assert data["d"] == 1000
    assert data["e"] == 0.5
    assert str(data["f"]) == "2022-06-18"
    assert data["g"] is True


def test_duplicate_keys_are_reported_with_path_and_lines(tmp_path: Path, yaml_path: bool) -> None:
    text = "smeeco: 1\nagencies:\n- id: a\n  name: 甲\n  name: 乙\nagencies:\n- id: b\n  name: 丙\n"
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "dup.yaml", text))
    assert _messages(info.value) == {
        "dup.yaml:agencies[0].name": "duplicate key 'name' (line 5; first on line 4):"
        " write each key once",
        "dup.yaml:agencies": "duplicate key 'agencies' (line 6; first on line 2): write each key"
        " once",
    }
    assert all(isinstance(p, DuplicateKeyError) for p in info.value.problems)


def test_duplicate_keys_in_json(tmp_path: Path) -> None:
    text = '{"smeeco": 1,\n"agencies": [{"id": "a", "name": "甲",\n"name": "乙"}],\n"agencies": []}'
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "dup.json", text))
    assert _messages(info.value) == {
        "dup.json:agencies": "duplicate key 'agencies' (line 4; first on line 2): write each"
        " key once (JSON readers keep only the last)",
        "dup.json:agencies[0].name": "duplicate key 'name' (line 3; first on line 2): write"
        " each key once (JSON readers keep only the last)",
    }


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (".nan", "'.nan' is not a finite number"),
        ("-.inf", "'-.inf' is not a finite number"),
        ("!!float inf", "'inf' is not a finite number"),
        ("!!set {a, b}", "'tag:yaml.org,2002:set'"),
        ("!!omap [a: 1]", "'tag:yaml.org,2002:omap'"),
        ("!!python/object/apply:os.system [ls]", "python/object/apply:os.system"),
        ("9" * 5000, "a number of 5000 digits"),
        ("2022-06-18T10:00:00", "is a date and time"),
        ("{<<: {a: 1}}", "merge keys (<<)"),
        ("{? [a]: 1}", "a key must be text"),
        ("{1: x}", "a key must be text, not the value '1'"),
    ],
)
def test_values_json_cannot_hold_are_refused_with_path_and_line(
    tmp_path: Path, value: str, words: str, yaml_path: bool
) -> None:
    text = f"smeeco: 1\nagencies:\n- id: a\n  name: 甲\n  notes: {value}\n"
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "bad.yaml", text))
    (problem,) = info.value.problems
    assert problem.path == "bad.yaml:agencies[0].notes"
    assert words in problem.message
    assert problem.message.endswith("(line 5)")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000])
def test_json_numbers_that_would_not_survive_are_refused(tmp_path: Path, value: str) -> None:
    text = f'{{"smeeco": 1, "agencies": [{{"id": "a", "name": "甲", "notes": {value}}}]}}'
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "bad.json", text))
    (problem,) = info.value.problems
    assert problem.path == "bad.json:agencies[0].notes"
    assert value[:20] in problem.message


BOMB = (
    "smeeco: 1\nagencies:\n- id: a\n  name: 甲\n  notes: ["
    + ",".join(
        [' &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f" &l{n} [" + ",".join([f"*l{n - 1}"] * 9) + "]" for n in range(1, 10)]
    )
    + "]\n"
)


def test_the_alias_bomb_fails_fast(tmp_path: Path, yaml_path: bool) -> None:
    assert len(BOMB.encode()) < 700  # 9^10 values once expanded
    started = time.perf_counter()
    with pytest.raises(DataPackError) as info:
        read_pack(_write(tmp_path / "bomb.yaml", BOMB))
    assert time.perf_counter() - started < 5  # a bound, not a benchmark: it took 80 s
    message = str(info.value)
    assert message.startswith("cannot read bomb.yaml: aliases make agencies[0].notes[")
    assert "a data pack may add at most 100,000 through aliases" in message


def test_aliases_within_the_budget_are_fine(tmp_path: Path, yaml_path: bool) -> None:
    text = (
        "smeeco: 1\ndocuments: [{id: d, name: 文件}]\nagencies:\n"
        "- {id: a, name: 甲, sources: [&s {document: d, locator: p1}]}\n"
        "- {id: b, name: 乙, sources: [*s]}\n"
    )
    eco = read_pack(_write(tmp_path / "ok.yaml", text))
    assert eco["a"].sources == eco["b"].sources


def test_an_alias_inside_itself_is_refused(tmp_path: Path, yaml_path: bool) -> None:
    with pytest.raises(DataPackError, match="contains an alias of itself"):
        read_pack(_write(tmp_path / "loop.yaml", "smeeco: 1\nx: &a [*a]\n"))


@pytest.mark.parametrize("levels", [50, 900, 5000, 100_000])
def test_deep_nesting_is_a_smeeco_error(tmp_path: Path, levels: int, yaml_path: bool) -> None:
    text = "smeeco: 1\nagencies: [{id: a, name: 甲, notes: " + "[" * levels + "]" * levels + "}]\n"
    with pytest.raises(SmeecoError, match="deep\\.yaml"):
        read_pack(_write(tmp_path / "deep.yaml", text))


def test_deep_json_is_a_smeeco_error(tmp_path: Path) -> None:
    text = '{"smeeco": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(DataPackError, match="nested too deeply"):
        read_pack(_write(tmp_path / "deep.json", text))


def test_previews_of_bad_values_are_bounded() -> None:
    big: Any = ["lol"] * 9
    for _ in range(9):
        big = [big] * 9
    started = time.perf_counter()
    assert len(packtext.preview(big)) <= 60
    assert len(packtext.preview("x" * 10**7)) <= 60
    assert len(packtext.preview({"k": big})) <= 60
    assert time.perf_counter() - started < 1
    _info, _records, problems = parse_pack({"smeeco": 1, "agencies": [{"id": "a", "name": big}]})
    assert len(str(problems[0])) < 200


# ----------------------------------------------------------------------------- values


def test_money_needs_its_unit_and_cannot_be_negative(tmp_path: Path) -> None:
    text = (
        "smeeco: 1\nenterprises:\n"
        "- {id: e, name: 甲, revenue: 8000, total_assets: '-5万元'}\n"
        "funds:\n- {id: f, name: 基金, size: 1.5}\n"
    )
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "money.yaml", text))
    problems = _messages(info.value)
    assert (
        "write it with its unit, e.g. '8000万元' or '8000元'"
        in problems["money.yaml:enterprises[0].revenue"]
    )
    assert "cannot be negative" in problems["money.yaml:enterprises[0].total_assets"]
    assert "'1.5万元'" in problems["money.yaml:funds[0].size"]
    # the records refuse the same, so what is built can always be written and read back
    with pytest.raises(MoneyParseError, match="a bare number is not an amount of money"):
        Enterprise(id="e", name=Name("甲"), revenue=8000)  # type: ignore[arg-type]
    with pytest.raises(MoneyParseError, match="cannot be negative"):
        Fund(id="f", name=Name("基金"), size="-1亿元")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-inf", "sNaN"])
def test_numbers_must_be_finite(text: str) -> None:
    with pytest.raises(InvalidValueError, match="not a finite number"):
        read_decimal(text)
    with pytest.raises(InvalidValueError, match="not a finite number"):
        read_decimal(float(text.replace("sNaN", "nan")))


@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x0b", "U+000B")]
)
def test_control_characters_are_refused_on_load(tmp_path: Path, char: str, code: str) -> None:
    records = [Agency(id="a", name=Name("市工信局"), notes="市X工信局")]
    path = write_pack(records, tmp_path / "ctl.json")
    text = path.read_text(encoding="utf-8")  # now made into a pack from elsewhere:
    _write(path, text.replace('"市X工信局"', json.dumps(f"市{char}工信局")))
    with pytest.raises(ValidationError) as info:
        read_pack(path)
    (problem,) = info.value.problems
    assert problem.path == "ctl.json:agencies[0].notes"
    assert f"control character {code} at position 1" in problem.message
    # what cannot be loaded cannot be built either: every export can write what is built
    with pytest.raises(InvalidValueError, match=re.escape(f"{code} at position 1")) as built:
        Agency(id="a", name=Name("市工信局"), notes=f"市{char}工信局")
    assert built.value.path == "notes"
    with pytest.raises(InvalidValueError, match=re.escape(f"{code} at position 1")) as named:
        Name("单位", aliases=("", f"市{char}"))
    assert named.value.path == "aliases[1]"


# ----------------------------------------------------------------------------- round trips

#: Any text a pack may hold: all of Unicode but the characters XML 1.0 cannot hold.
ANY_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("\r\n\t\x85\u2028 "),
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=ANY_TEXT, alias=ANY_TEXT, fmt=st.sampled_from(["yaml", "json"]))
def test_any_text_survives_a_round_trip_or_is_refused_when_built(
    tmp_path: Path, notes: str, alias: str, fmt: str
) -> None:
    if packtext_refuses(alias):
        with pytest.raises(InvalidValueError, match=r"control character U\+"):
            Name("单位", aliases=("", alias))
        alias = "别名"
    name = Name("单位", aliases=("", alias))
    if packtext_refuses(notes):
        with pytest.raises(InvalidValueError, match=r"control character U\+") as info:
            Agency(id="a", name=name, notes=notes)
        assert info.value.path == "notes"
        notes = notes.translate({c: None for c in map(ord, notes) if packtext_refuses(chr(c))})
    records = [Agency(id="a", name=name, notes=notes)]
    path = write_pack(records, tmp_path / f"any.{fmt}")
    assert list(read_pack(path).records()) == records


def _first_refused(text: str) -> int | None:
    return next((i for i, c in enumerate(text) if packtext_refuses(c)), None)


#: Every kind of free-text field, built in Python: (what is built, the field's path).
TEXT_FIELDS: dict[str, tuple[Any, str]] = {
    "notes": (lambda t: Agency(id="a", name=Name("甲"), notes=t), "notes"),
    "member_rule": (lambda t: Agency(id="a", name=Name("甲"), member_rule=t), "member_rule"),
    "quote": (lambda t: Source("d", "一", t), "quote"),
    "locator": (lambda t: Source("d", t), "locator"),
    "measure text": (
        lambda t: smeeco.Measure(id="m", name=Name("措施"), document="d", ordinal=1, text=t),
        "text",
    ),
    "instruments": (
        lambda t: smeeco.Measure(
            id="m", name=Name("措施"), document="d", ordinal=1, instruments=("补贴", t)
        ),
        "instruments[1]",
    ),
    "document number": (
        lambda t: smeeco.PolicyDocument(id="d", name=Name("文件"), number=t),
        "number",
    ),
    "industry": (lambda t: Enterprise(id="e", name=Name("甲"), industry=t), "industry"),
    "share label": (lambda t: smeeco.Share("a", Decimal("0.5"), t), "label"),
    "observation note": (
        lambda t: smeeco.Observation(dt.date(2024, 1, 1), Decimal(1), note=t),
        "note",
    ),
    "deadline": (
        lambda t: smeeco.Measure(
            id="m", name=Name("措施"), document="d", ordinal=1, deadline=f"{t}2025年底前"
        ),
        "deadline.text",
    ),
    "addressees": (
        lambda t: smeeco.PolicyDocument(id="d", name=Name("文件"), addressees=("各区", f"{t}市")),
        "addressees[1]",
    ),
    "alias": (lambda t: Name("甲", aliases=("", t)), "aliases[1]"),
    "title": (lambda t: Name(f"{t}甲"), "zh"),
}


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(sorted(TEXT_FIELDS)),
    text=st.text(st.characters() | st.sampled_from("\x00\x1b\x7f\r\n\t\ufffe\ud800"), max_size=24),
)
def test_text_fields_built_in_python_refuse_what_a_pack_may_not_hold(field: str, text: str) -> None:
    build, path = TEXT_FIELDS[field]
    bad = _first_refused(text)
    if bad is None:
        build(text)  # tabs, line breaks (\r too, as the loader takes it), DEL: all kept
        return
    with pytest.raises(InvalidValueError) as info:
        build(text)
    assert info.value.path == path
    assert f"control character U+{ord(text[bad]):04X} at position {bad} " in info.value.message


def test_text_fields_refuse_what_is_not_text() -> None:
    wrong: list[tuple[Any, str]] = [
        (lambda: Agency(id="a", name=Name("甲"), notes=5), "notes: expected text, got int 5"),
        (
            lambda: smeeco.Measure(
                id="m", name=Name("措施"), document="d", ordinal=1, instruments=(1,)
            ),
            "instruments[0]: expected text, got int 1",
        ),
        (
            lambda: Enterprise(id="e", name=Name("甲"), industry=b"C13"),
            "industry: expected text or None, got bytes b'C13'",
        ),
        (
            lambda: Name("甲", aliases=(None,)),
            "aliases[0]: expected text, got NoneType None",
        ),
        (  # a huge value is shown cut short, quickly
            lambda: Agency(id="a", name=Name("甲"), notes=[[0] * 10**6] * 10**3),
            "notes: expected text, got list [[0, 0, 0, 0, 0, 0, ...], [0, 0, 0, 0, 0, 0, ...],",
        ),
    ]
    for build, message in wrong:
        with pytest.raises(InvalidValueError) as info:
            build()
        assert str(info.value).startswith(message)


def packtext_refuses(text: str) -> bool:
    return any(
        (ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" or 0xD800 <= ord(c) < 0xE000
        for c in text
    )


# ----------------------------------------------------------------------------- files


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: Any) -> None:
    path = write_pack(smeeco.load("example"), tmp_path / "p.yaml")
    before = path.read_bytes()

    def broken(_src: str, _dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_pack([Agency(id="x", name=Name("甲"))], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]  # no temporary file left


def test_the_garbage_collector_runs_again_after_a_load(tmp_path: Path) -> None:
    smeeco.load("example")
    assert gc.isenabled()
    with pytest.raises(SmeecoError):
        read_pack(_write(tmp_path / "bad.yaml", "smeeco: 1\nagencies: [{id: A}]\n"))
    assert gc.isenabled()
    gc.disable()
    try:
        smeeco.load("example")
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()


def test_what_a_load_made_is_not_rescanned_and_a_programs_frozen_objects_stay_frozen() -> None:
    from smeeco.io.packtext import paused_gc

    gc.collect()
    with paused_gc():
        made = [[i] for i in range(50_000)]
    # in the oldest generation, unscanned: not 50,000 objects for the next young collection
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(made[0]) in oldest
    assert id(made[-1]) in oldest
    assert gc.get_freeze_count() == 0
    gc.freeze()  # a program that froze its objects (before a fork) keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            more = [[i] for i in range(1000)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    assert len(made) + len(more) == 51_000


# ----------------------------------------------------------------------------- API


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda eco: eco.at(None), "bad date None: write it as YYYY-MM-DD"),
        (lambda eco: eco.at(3), "bad date 3"),
        (lambda eco: eco.at("2024-13-01"), "bad date '2024-13-01'"),
        (lambda eco: smeeco.lead_unit(eco, None), "expected an id or a name (text), got None"),
        (lambda eco: smeeco.lead_unit(eco, ["m"]), "got list"),
        (lambda eco: eco.find(3), "got 3"),
        (lambda eco: eco[None], "expected a record id (text), got None"),
        (lambda eco: eco.get([]), "got list"),
        (
            lambda eco: smeeco.indicator_progress(eco, "ex-guaranteed-loans", as_of="2024-13-01"),
            "bad as_of '2024-13-01': write it as YYYY-MM-DD",
        ),
        (lambda eco: smeeco.measures_without_lead(eco, as_of=3.5), "bad date 3.5"),
        (lambda eco: smeeco.funds_in(eco, "ex-city", as_of=[]), "bad date list"),
        (lambda _eco: smeeco.load("a\0b.yaml"), "holds a NUL character"),
        (lambda _eco: smeeco.load("/etc"), "is a directory, not a data-pack file"),
    ],
)
def test_bad_arguments_raise_smeeco_errors(call: Any, words: str) -> None:
    eco = smeeco.load("example")
    with pytest.raises(SmeecoError) as info:
        call(eco)
    assert words in str(info.value)
    assert None not in eco  # membership never raises
    assert [] not in eco  # type: ignore[comparison-overlap]


def test_a_broken_plugin_pack_is_a_smeeco_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import smeeco.datasets as datasets

    def broken() -> str:
        raise ImportError("no module named 'gone'")

    monkeypatch.setattr(datasets, "_plugins", lambda: {"broken": broken})
    with pytest.raises(DataPackError, match="could not be found: ImportError: no module"):
        smeeco.load("broken")

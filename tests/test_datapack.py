"""Data packs: round trips, determinism, and every problem of a file reported at once."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import smeeco
from smeeco import (
    Agency,
    DataPackError,
    Ecosystem,
    Fund,
    Name,
    PackInfo,
    Record,
    RequiredPackError,
    UnknownFieldError,
    UnknownPackError,
    UnknownReferenceError,
    ValidationError,
    default_registry,
    dumps_pack,
    read_pack,
    write_pack,
)
from smeeco.io.datapack import dump_pack, parse_pack
from strategies import ecosystems

HEAVY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _problems(exc: ValidationError) -> dict[str, str]:
    return {p.path: p.message for p in exc.problems}


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_example_round_trips(example: Ecosystem, tmp_path: Path, suffix: str) -> None:
    path = write_pack(example, tmp_path / f"copy{suffix}")
    back = read_pack(path)
    assert list(back.records()) == list(example.records())
    assert back.packs[-1].name == "example"  # the header is kept
    assert back.name == "example"
    fmt = suffix[1:]
    assert dumps_pack(back, fmt) == dumps_pack(example, fmt) == path.read_text(encoding="utf-8")


def test_dumps_are_byte_deterministic(example: Ecosystem) -> None:
    again = smeeco.load("example")
    for fmt in ("yaml", "json"):
        assert dumps_pack(example, fmt) == dumps_pack(again, fmt) == dumps_pack(example, fmt)
    data = json.loads(dumps_pack(example, "json"))
    assert list(data)[:3] == ["smeeco", "pack", "jurisdictions"]
    assert data["funds"][2]["risk_sharing"]["shares"][0] == {
        "party": "ex-national-guarantee-fund",
        "share": "0.2",
    }
    assert data["indicators"][0]["observations"][0] == {"date": "2021-12-31", "value": "12亿元"}


def test_a_ratio_like_2_2_4_2_stays_text(example: Ecosystem) -> None:
    # YAML 1.1 reads 2:2:4:2 as the base-60 integer 439442; packs must not
    fund = example.require("ex-guarantee-fund", Fund)
    assert fund.risk_sharing is not None
    assert fund.risk_sharing.ratio == "2:2:4:2"
    _info, _records, problems = parse_pack(
        {"smeeco": 1, "agencies": [{"id": "a", "name": "甲", "notes": 1}]}
    )
    assert problems
    assert problems[0].path == "agencies[0].notes"


@given(ecosystems())
@HEAVY
def test_load_of_dump_is_identity(records: list[Record]) -> None:
    eco = Ecosystem(records, name="generated")
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".yaml", ".json"):
            path = write_pack(eco, Path(tmp) / f"pack{suffix}")
            back = read_pack(path)
            assert list(back.records()) == list(eco.records())
            assert dumps_pack(back, suffix[1:]) == path.read_text(encoding="utf-8")


def test_unicode_line_breaks_survive_yaml(tmp_path: Path) -> None:
    texts = ["a\x85b", "a\u2028b", "x\r\n", " lead", "yes", "2:2:4:2", "1_000", "null", "~"]
    records = [Agency(id=f"a{i}", name=Name("单位"), notes=t) for i, t in enumerate(texts)]
    back = read_pack(write_pack(records, tmp_path / "p.yaml"))
    assert [r.notes for r in back.records()] == texts


# ----------------------------------------------------------------------------- problems


GOOD = """\
smeeco: 1
pack: {name: tiny}
jurisdictions:
- {id: j, name: 市, level: municipal}
agencies:
- {id: miit, name: {zh: 市工业和信息化局, aliases: [市工信局]}, jurisdiction: j}
- {id: finance, name: 市财政局, jurisdiction: j}
documents:
- {id: doc, name: 若干措施, issuers: [miit], issued: 2022-06-18}
measures:
- id: doc.m01
  name: 措施一
  document: doc
  ordinal: 1
  responsibilities: [{unit: finance, role: lead}, {unit: miit}]
"""


def test_the_good_pack_loads(tmp_path: Path) -> None:
    eco = read_pack(_write(tmp_path / "tiny.yaml", GOOD))
    assert smeeco.lead_unit(eco, "doc.m01") == "finance"


def test_all_problems_of_a_file_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("level: municipal", "level: municipal, colour: red")  # unknown key
        .replace("name: 市财政局,", "name: 市财政局, collective: 'no',")  # wrong type
        .replace("{unit: miit}", "{unit: mitt}")  # unknown reference
        .replace("issued: 2022-06-18", "issued: 2022-13-45")  # bad date
    )
    text += "programmes: []\n"  # unknown record list
    text += "funds: [{id: g, name: 基金, manager: finanse}]\n"  # unknown reference
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "tiny.yaml", text))
    problems = _problems(info.value)
    assert set(problems) == {
        "tiny.yaml:jurisdictions[0].colour",
        "tiny.yaml:agencies[1].collective",
        "tiny.yaml:funds[0].manager",
        "tiny.yaml:measures[0].responsibilities[1].unit",
        "tiny.yaml:documents[0].issued",
        "tiny.yaml:programmes",
    }
    assert "known keys: code, id, level, name" in problems["tiny.yaml:jurisdictions[0].colour"]
    assert problems["tiny.yaml:agencies[1].collective"] == (
        "expected true or false, got a string 'no'"
    )
    # 'finance' could not be read, so it is not suggested; the typo is reported all the same
    assert "did you mean 'finance'" not in problems["tiny.yaml:funds[0].manager"]
    assert "did you mean 'miit'" in problems["tiny.yaml:measures[0].responsibilities[1].unit"]
    assert "YYYY-MM-DD" in problems["tiny.yaml:documents[0].issued"]
    assert "known lists: jurisdictions, agencies" in problems["tiny.yaml:programmes"]
    assert str(info.value).startswith("6 problems in 'tiny.yaml':\n")
    kinds = {type(p) for p in info.value.problems}
    assert {UnknownFieldError, UnknownReferenceError} <= kinds


def test_a_record_that_cannot_be_read_is_not_reported_again_as_unknown(tmp_path: Path) -> None:
    # 'finance' fails to read; the measure naming it gets no second, misleading problem
    text = GOOD.replace("name: 市财政局,", "name: 市财政局, level: city,")
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "tiny.yaml", text))
    assert list(_problems(info.value)) == ["tiny.yaml:agencies[1].level"]
    assert "use one of: national, provincial" in info.value.problems[0].message


def test_unknown_keys_suggest_the_close_one(tmp_path: Path) -> None:
    text = GOOD.replace("issuers: [miit]", "issuer: [miit]")
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "tiny.yaml", text))
    (problem,) = info.value.problems
    assert problem.path == "tiny.yaml:documents[0].issuer"
    assert "did you mean 'issuers'?" in problem.message
    assert isinstance(problem, UnknownFieldError)


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (("ordinal: 1", "ordinal: '1'"), "measures[0].ordinal", "whole number"),
        (("  ordinal: 1\n", ""), "measures[0].ordinal", "required key 'ordinal' is missing"),
        (("issuers: [miit]", "issuers: miit"), "documents[0].issuers", "expected a list"),
        (("name: 措施一", "name: 7"), "measures[0].name", "expected a name"),
        (("name: 措施一", "name: {zh: ''}"), "measures[0].name", "needs a Chinese"),
        (
            ("{unit: finance, role: lead}", "{unit: finance, role: boss}"),
            "measures[0].responsibilities[0].role",
            "use one of: lead, support",
        ),
        (
            ("{unit: finance, role: lead}", "{unit: Finance, role: lead}"),
            "measures[0].responsibilities[0].unit",
            "bad unit 'Finance'",
        ),
        (("smeeco: 1", "smeeco: 2"), "smeeco", "format version 2"),
        (
            ("pack: {name: tiny}", "pack: {name: tiny, requires: other}"),
            "pack.requires",
            "expected a list",
        ),
        (("measures:\n", "measures: {}\n"), "measures", "must be a list"),
    ],
)
def test_wrong_types_are_reported_with_paths(
    tmp_path: Path, change: tuple[str, str], path: str, words: str
) -> None:
    text = GOOD.replace(*change)
    if change[0] == "measures:\n":
        text = text.split("measures: {}")[0] + "measures: {}\n"
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "tiny.yaml", text))
    problems = _problems(info.value)
    assert f"tiny.yaml:{path}" in problems, problems
    assert words in problems[f"tiny.yaml:{path}"]


def test_shares_may_be_written_as_per_cent(tmp_path: Path) -> None:
    text = GOOD + (
        "funds:\n- id: g\n  name: 担保基金\n  compensation_rate: 30%\n  risk_sharing:\n"
        "    shares: [{party: finance, share: 50%}, {party: g, share: 1/2}]\n"
    )
    fund = read_pack(_write(tmp_path / "tiny.yaml", text)).require("g", Fund)
    assert fund.risk_sharing is not None
    assert [str(s.share) for s in fund.risk_sharing.shares] == ["0.5", "0.5"]
    assert str(fund.compensation_rate) == "0.3"


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("bad.yaml", "smeeco: 1\nagencies: [\n", "at line 3, column 1"),
        ("bad.json", '{"smeeco": 1,', "cannot read bad.json at line 1, column 14: Expecting"),
        ("list.yaml", "- 1\n- 2\n", "must be a mapping"),
        ("pack.txt", "smeeco: 1\n", "is not a data pack"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, text: str, words: str) -> None:
    with pytest.raises(DataPackError, match=words):
        read_pack(_write(tmp_path / name, text))


def test_missing_files_and_packs(tmp_path: Path) -> None:
    with pytest.raises(DataPackError, match="no data-pack file"):
        read_pack(tmp_path / "nothing.yaml")
    with pytest.raises(UnknownPackError, match=r"bundled packs are: .*example") as info:
        smeeco.load("no-such-pack")
    assert isinstance(info.value, KeyError)
    assert info.value.name == "no-such-pack"


def test_non_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("smeeco: 1\nagencies: [{id: a, name: 市工信局}]\n".encode("gbk"))
    with pytest.raises(DataPackError, match="not UTF-8"):
        read_pack(path)


# ----------------------------------------------------------------------------- requires


def test_requires_reads_sibling_packs_first(tmp_path: Path) -> None:
    _write(
        tmp_path / "places.json",
        json.dumps(
            {
                "smeeco": 1,
                "pack": {"name": "places"},
                "jurisdictions": [{"id": "j", "name": "市", "level": "municipal"}],
            }
        ),
    )
    _write(
        tmp_path / "units.yml",
        "smeeco: 1\npack: {name: units, requires: [places]}\n"
        "agencies: [{id: miit, name: 市工信局, jurisdiction: j}]\n",
    )
    _write(
        tmp_path / "main.yaml",
        "smeeco: 1\npack: {name: main, requires: [units, places]}\n"
        "documents: [{id: doc, name: 措施, issuers: [miit]}]\n",
    )
    eco = read_pack(tmp_path / "main.yaml")
    assert [p.name for p in eco.packs] == ["places", "units", "main"]
    assert eco.name == "main"
    assert len(eco) == 3
    assert eco.graph.has_edge("miit", "doc", "issued")
    # a dump keeps the header of the last pack but merges the required ones in
    assert dump_pack(eco)["pack"] == {"name": "main"}


def test_problems_in_required_packs_name_their_file(tmp_path: Path) -> None:
    _write(
        tmp_path / "units.yaml",
        "smeeco: 1\npack: {name: units}\n"
        "agencies: [{id: miit, name: 市工信局, jurisdiction: nowhere}]\n",
    )
    _write(
        tmp_path / "main.yaml",
        "smeeco: 1\npack: {name: main, requires: [units]}\n"
        "documents: [{id: doc, name: 措施, issuers: [miitt], colour: red}]\n",
    )
    with pytest.raises(ValidationError) as info:
        read_pack(tmp_path / "main.yaml")
    assert set(_problems(info.value)) == {
        "units.yaml:agencies[0].jurisdiction",
        "main.yaml:documents[0].colour",
    }  # the unreadable document's own references are not checked


def test_every_missing_requirement_is_reported_with_its_file_and_path(tmp_path: Path) -> None:
    _write(tmp_path / "main.yaml", "smeeco: 1\npack: {name: main, requires: [units, other]}\n")
    with pytest.raises(ValidationError) as info:
        read_pack(tmp_path / "main.yaml")
    problems = _problems(info.value)
    assert list(problems) == ["main.yaml:pack.requires[0]", "main.yaml:pack.requires[1]"]
    assert "there is no 'units.yaml' (or .yml, .json) beside 'main.yaml'" in problems[
        "main.yaml:pack.requires[0]"
    ]
    assert all(isinstance(p, RequiredPackError) for p in info.value.problems)
    # bundled packs are looked up too, and named when none matches
    with pytest.raises(ValidationError) as info:
        smeeco.load(tmp_path / "main.yaml")
    assert "and no bundled pack has that name (bundled: all, china," in str(info.value)


@pytest.mark.parametrize(
    ("requires", "words"),
    [
        ("['../../etc/passwd']", "'../../etc/passwd' is not a pack name"),
        ("['/etc/passwd']", "'/etc/passwd' is not a pack name"),
        ("['a\\\\b']", "is not a pack name"),
        ("[main]", "(main.yaml → main.yaml)"),
        ("[loop]", "(main.yaml → loop.yaml → main.yaml)"),
    ],
)
def test_requires_that_are_paths_or_cycles_are_refused(
    tmp_path: Path, requires: str, words: str
) -> None:
    _write(tmp_path / "loop.yaml", "smeeco: 1\npack: {name: loop, requires: [main]}\n")
    _write(tmp_path / "main.yaml", f"smeeco: 1\npack: {{name: main, requires: {requires}}}\n")
    with pytest.raises(ValidationError) as info:
        read_pack(tmp_path / "main.yaml")
    (problem,) = info.value.problems
    assert isinstance(problem, RequiredPackError)
    assert problem.path.endswith(".yaml:pack.requires[0]")
    assert words in problem.message


def test_a_pack_two_others_require_is_read_once(tmp_path: Path) -> None:
    _write(tmp_path / "base.yaml", "smeeco: 1\nagencies: [{id: x, name: 甲}]\n")
    _write(tmp_path / "a.yaml", "smeeco: 1\npack: {name: a, requires: [base]}\n")
    _write(tmp_path / "b.yaml", "smeeco: 1\npack: {name: b, requires: [base, a]}\n")
    assert [r.id for r in read_pack(tmp_path / "b.yaml")] == ["x"]


def test_duplicate_ids_across_packs(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", "smeeco: 1\nagencies: [{id: x, name: 甲}]\n")
    _write(
        tmp_path / "b.yaml",
        "smeeco: 1\npack: {name: b, requires: [a]}\n"
        "agencies: [{id: y, name: 乙}, {id: x, name: 丙}]\n",
    )
    with pytest.raises(ValidationError) as info:
        read_pack(tmp_path / "b.yaml")
    assert list(_problems(info.value)) == ["b.yaml:agencies[1].id"]


# ----------------------------------------------------------------------------- type tags


@attrs.frozen(kw_only=True)
class _Untagged(Agency):
    extra: str = ""


def test_unknown_type_tags(tmp_path: Path) -> None:
    text = GOOD.replace("- {id: finance,", "- {type: bank, id: finance,")
    with pytest.raises(ValidationError) as info:
        read_pack(_write(tmp_path / "tiny.yaml", text))
    (problem,) = info.value.problems
    assert problem.path == "tiny.yaml:agencies[1].type"
    assert "unknown type 'bank' for agencies; registered types: none" in problem.message


def test_a_subclass_without_a_tag_cannot_be_dumped() -> None:
    with pytest.raises(DataPackError, match="register one with register_type"):
        dumps_pack([_Untagged(id="a", name=Name("甲"), extra="x")])
    assert "_untagged" not in default_registry.types


def test_dump_of_records_and_of_an_ecosystem_agree(example: Ecosystem) -> None:
    info = PackInfo(name="example", title="示例市中小企业服务体系 (fictional)")
    assert (
        dump_pack(list(example.records()), info=info)["measures"] == dump_pack(example)["measures"]
    )
    with pytest.raises(DataPackError, match="unknown data-pack format"):
        dumps_pack(example, "toml")


def test_a_tab_indent_is_named_as_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "tabs.yaml"
    path.write_text("pack:\n  name: tabs\nagencies:\n-\tid: a\n", encoding="utf-8")
    with pytest.raises(DataPackError) as info:
        smeeco.load(path)
    message = str(info.value)
    assert "at line 4, column 2" in message
    assert "YAML indents with spaces, not tabs" in message

"""政策找企业: beneficiary-group criteria, eligible_measures, and `smeeco match` on registers."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import smeeco
from smeeco import Enterprise, TierMembership, ValidationError
from smeeco.cli import main
from smeeco.errors import RuleError
from smeeco.register import read_register
from smeeco.rules.criteria import AllOf, HoldsTier, Manual, SizeIn
from smeeco.rules.groups import bundled_group_rules, load_group_rules, read_group_rules
from smeeco.rules.match import MATCH_COLUMNS, match_register, match_rows

DAY = dt.date(2025, 6, 30)
SMALL_TJ: dict[str, Any] = {
    "id": "e1",
    "industry": "工业",
    "employees": 80,
    "revenue": 3e7,
    "region": "120104",
}


@pytest.fixture(scope="module")
def tianjin() -> smeeco.Ecosystem:
    return smeeco.load("tianjin")


@pytest.fixture(scope="module")
def everything() -> smeeco.Ecosystem:
    return smeeco.load("all")


def _by_id(found: tuple[smeeco.MeasureMatch, ...]) -> dict[str, smeeco.MeasureMatch]:
    return {m.measure: m for m in found}


# ---------------------------------------------------------------------- group criteria


def test_every_bundled_group_has_a_sourced_marked_criterion(
    everything: smeeco.Ecosystem,
) -> None:
    rules = bundled_group_rules()
    assert sorted(rules) == sorted(g.id for g in everything.beneficiaries)
    for found in rules.values():
        for version in found.versions:
            assert version.mark in ("V", "P")
            assert len(version.citation) > 20


def test_group_criteria_agree_with_the_records_size_classes_and_tiers(
    everything: smeeco.Ecosystem,
) -> None:
    """Where a record says what defines it, the criterion tests exactly that (no drift)."""
    for group in everything.beneficiaries:
        criterion = bundled_group_rules()[group.id].on(DAY).criterion  # type: ignore[union-attr]
        leaves = criterion.items if isinstance(criterion, AllOf) else (criterion,)
        sizes = [c for c in leaves if isinstance(c, SizeIn)]
        tiers = [c.tier for c in leaves if isinstance(c, HoldsTier)]
        assert tiers == list(group.tiers), group.id
        if group.size_classes and not any(isinstance(c, Manual) for c in leaves):
            assert sorted(sizes[0].classes) == sorted(group.size_classes), group.id


def test_vague_groups_are_routed_to_review_not_guessed() -> None:
    rules = bundled_group_rules()
    for gid in ("tj-chain-msmes", "industrial-smes-above-size", "individual-businesses"):
        criterion = rules[gid].on(DAY).criterion  # type: ignore[union-attr]
        leaves = criterion.items if isinstance(criterion, AllOf) else (criterion,)
        assert any(isinstance(c, Manual) for c in leaves), gid


def test_bad_group_rule_files_name_every_problem_with_its_path(tmp_path: Path) -> None:
    text = (
        "groups:\n"
        "- group: small-micro\n"
        "  colour: red\n"
        "  versions:\n"
        "  - {mark: U, citation: x, criterion: {size: [tiny]}}\n"
        "- group: Bad Id\n"
        "  versions: []\n"
        "- group: smes\n"
        "  versions:\n"
        "  - {mark: P, citation: a, start: 2020-01-01, criterion: {size: [small]}}\n"
        "  - {mark: P, citation: b, start: 2021-01-01, criterion: {manual: x}}\n"
    )
    with pytest.raises(RuleError) as exc:
        read_group_rules(text, "g.yaml")
    assert str(exc.value).splitlines() == [
        "5 problems in g.yaml:",
        "  groups[0]: unexpected key(s) ['colour']; use ['group', 'name', 'notes', 'versions']",
        "  groups[0].versions[0].mark 'U' must be V or P (unverified rules are not shipped)",
        "  groups[0].versions[0].criterion.size: size must list size classes"
        " (large, medium, small, micro), got a list ['tiny']",
        "  groups[1].group 'Bad Id' must be a beneficiary-group id",
        "  groups[2]: versions overlap (2020-01-01..None and 2021-01-01..)",
    ]
    path = tmp_path / "g.yaml"
    path.write_text("groups: [!!python/object:os.system {}]\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"g\.yaml: not valid YAML"):
        load_group_rules(path)


# ---------------------------------------------------------------------- one enterprise


def test_a_small_tianjin_firm_is_reached_by_small_micro_measures(
    tianjin: smeeco.Ecosystem,
) -> None:
    found = _by_id(smeeco.eligible_measures(tianjin, SMALL_TJ, as_of=DAY))
    m03 = found["tj-2022-measures.m03"]  # 精准服务税务办理: 小微企业
    assert (m03.state, m03.group, m03.via) == ("met", "small-micro", ("small-micro",))
    assert m03.why == (
        "for 小微企业 (small-micro): size class (工信部联企业〔2011〕300号) small,"
        " needs small/micro; in 天津市 (120000): region 120104"
    )
    chain = found["tj-2022-measures.m05"]  # 产业链上下游中小微企业
    assert chain.state == "manual"
    assert chain.why == (
        "for 产业链上下游中小微企业 (tj-chain-msmes): 产业链上下游 (the text does not name"
        " the chains)"
    )
    assert found["tj-2022-measures.m18"].why == "the measure names no beneficiary group"


def test_a_large_firm_is_told_why_not(tianjin: smeeco.Ecosystem) -> None:
    big = {**SMALL_TJ, "employees": 2000, "revenue": 5e9}
    m03 = _by_id(smeeco.eligible_measures(tianjin, big, as_of=DAY))["tj-2022-measures.m03"]
    assert (m03.state, m03.group) == ("unmet", None)
    assert m03.why == (
        "for 小微企业 (small-micro): size class (工信部联企业〔2011〕300号) large,"
        " needs small/micro"
    )


def test_narrower_groups_reach_broader_measures(tianjin: smeeco.Ecosystem) -> None:
    """A 小巨人 with unknown figures is a 专精特新中小企业 and a 中小企业 through `broader`."""
    giant = {"id": "g", "region": "120116", "tiers": "cn-little-giant@2024-01-01"}
    found = _by_id(smeeco.eligible_measures(tianjin, giant, as_of=DAY))
    m01 = found["tj-2022-measures.m01"]  # names srdi-smes, smes
    assert (m01.state, m01.group, m01.via) == ("met", "srdi-smes", ("srdi-smes", "little-giants"))
    assert m01.why.startswith(
        "for 专精特新中小企业 (srdi-smes) via 专精特新“小巨人”企业 (little-giants): holds"
        " cn-little-giant (专精特新“小巨人”企业) on 2025-06-30"
    )
    # before the award it is not held; the size is unknown, so the answer is unknown
    before = _by_id(smeeco.eligible_measures(tianjin, giant, as_of="2023-06-30"))
    assert before["tj-2022-measures.m01"].state == "unknown"


@pytest.mark.parametrize(
    ("region", "state", "why"),
    [
        ("120116", "met", "in 天津市 (120000): region 120116"),
        ("370202", "unmet", "in 天津市 (120000): region 370202 is outside"),
        (None, "unknown", "in 天津市 (120000): region missing"),
        ("12", "unknown", "in 天津市 (120000): region '12' is not a 6-digit GB/T 2260 code"),
    ],
)
def test_local_measures_are_for_their_place(
    tianjin: smeeco.Ecosystem, region: str | None, state: str, why: str
) -> None:
    firm = {**SMALL_TJ, "region": region}
    m03 = _by_id(smeeco.eligible_measures(tianjin, firm, as_of=DAY))["tj-2022-measures.m03"]
    assert m03.state == state
    assert why in m03.why


def test_national_measures_have_no_place_and_coarse_regions_stay_open(
    everything: smeeco.Ecosystem,
) -> None:
    firm = {**SMALL_TJ, "region": "370202"}
    found = _by_id(smeeco.eligible_measures(everything, firm, as_of=DAY))
    assert found["cn-2024-miit.m01"].state == "met"  # national: no place part
    assert found["qd-2017.m03"].state == "met"  # 青岛市 370200
    coarse = {**SMALL_TJ, "region": "370000"}  # 山东省: may or may not be 青岛
    qd = _by_id(smeeco.eligible_measures(everything, coarse, as_of=DAY))["qd-2017.m03"]
    assert (qd.state, qd.why.split("; ")[-1]) == (
        "unknown",
        "in 青岛市 (370200): region 370000 is coarser than 370200",
    )


def test_an_enterprise_record_is_matched_with_its_memberships(
    tianjin: smeeco.Ecosystem,
) -> None:
    firm = Enterprise(
        id="tj-firm",
        name=smeeco.Name(zh="某公司"),
        industry="工业",
        employees=80,
        revenue="3000万元",
        region="tj-binhai",
        memberships=[TierMembership("cn-srdi-sme", awarded="2024-01-01", expires="2026-12-31")],
    )
    found = _by_id(smeeco.eligible_measures(tianjin, firm, as_of=DAY))
    assert found["tj-2022-measures.m03"].why.endswith("in 天津市 (120000): region 120116")
    assert found["tj-2022-measures.m01"].group == "srdi-smes"
    later = _by_id(smeeco.eligible_measures(tianjin, firm, as_of="2027-06-30"))
    assert later["tj-2022-measures.m01"].group == "smes"  # expired; still a 中小企业


def test_a_bad_cell_is_refused_with_its_column(tianjin: smeeco.Ecosystem) -> None:
    with pytest.raises(ValidationError) as exc:
        smeeco.eligible_measures(tianjin, {**SMALL_TJ, "employees": "80.5"}, as_of=DAY)
    assert str(exc.value).splitlines()[:2] == [
        "1 problem in the enterprise:",
        "  row 1, column employees: '80.5' is not a whole, non-negative number of persons;"
        " write e.g. 300 (fractions are not rounded, an empty cell means unknown)",
    ]
    with pytest.raises(smeeco.InvalidValueError, match="bad as_of '2025-13-01'"):
        smeeco.eligible_measures(tianjin, SMALL_TJ, as_of="2025-13-01")


def test_measures_not_in_force_are_not_answered(everything: smeeco.Ecosystem) -> None:
    ids = {m.measure for m in smeeco.eligible_measures(everything, SMALL_TJ, as_of=DAY)}
    assert ids == {m.id for m in everything.at(DAY).measures}
    assert len(ids) == len(everything.at(DAY).measures)


# ---------------------------------------------------------------------- Tianjin tiers

TJ_DAY = dt.date(2024, 6, 30)


def _tj(tier: str, row: dict[str, Any], day: dt.date = TJ_DAY) -> tuple[str, str]:
    from smeeco.rules import bundled_rules, evaluate

    outcome = evaluate(bundled_rules()[tier].on(day).criterion, row, day)
    return outcome.state, outcome.why()


def test_chuying_needs_10_wan_revenue_and_leaves_the_rest_to_review() -> None:
    assert _tj("tj-chuying", {"revenue": 99_999.0}) == (
        "unmet",
        "上一年营业收入 10.00万元 < 10.00万元",
    )
    state, why = _tj("tj-chuying", {"revenue": 100_000.0, "ip_class1": 1, "region": "120116"})
    assert state == "manual"
    assert why.startswith("具有独立法人资格的企业，注册时间8年以内")
    # no IP, award or R&D institution in the register: still manual (eight other conditions)
    state, why = _tj(
        "tj-chuying",
        {
            "region": "120104",
            "revenue": 2e5,
            "ip_class1": 0,
            "ip_class2": 1,
            "award_3y": False,
            "rd_institution": False,
        },
    )
    assert state == "manual"
    assert "单笔单家创业投资100万元以上" in why


@pytest.mark.parametrize("tier", ["tj-chuying", "tj-tech-leader"])
@pytest.mark.parametrize(
    ("region", "state", "why"),
    [
        ("370202", "unmet", "天津市注册 (region under 12, 天津市): region 370202 is outside 12"),
        (None, "unknown", "天津市注册 (region under 12, 天津市): region missing"),
        ("天津", "unknown", "天津市注册 (region under 12, 天津市): region '天津' is not a 6-digit"),
        ("000000", "unknown", "天津市注册 (region under 12, 天津市): region '000000' is not a 6-"),
    ],
)
def test_tianjin_tiers_need_a_tianjin_region(
    tier: str, region: str | None, state: str, why: str
) -> None:
    row = {"region": region, "revenue": 6e8, "rd_expense": 3e7, "ip_class1": 5}
    got_state, got_why = _tj(tier, row)
    assert got_state == state
    assert got_why.startswith(why)
    assert _tj(tier, {**row, "region": "120116"})[0] == "manual"


def test_industrial_smes_are_the_size_standards_industry() -> None:
    from smeeco.rules import evaluate

    rule = bundled_group_rules()["industrial-smes-above-size"].on(DAY)
    assert rule is not None
    row = {"industry": "5920", "employees": 50, "revenue": 5e6}
    outcome = evaluate(rule.criterion, row, DAY)
    assert (outcome.state, outcome.why()) == (
        "unmet",
        "工业企业 (the size standard's 工业): 5920 (仓储业) is not 工业",
    )
    assert evaluate(rule.criterion, {**row, "industry": "C13"}, DAY).state == "manual"


def test_chuying_is_not_evaluated_after_2024() -> None:
    from smeeco.rules import bundled_rules

    with pytest.raises(RuleError, match="no criteria of 'tj-chuying' are in force on 2025-01-01"):
        bundled_rules()["tj-chuying"].on(dt.date(2025, 1, 1))


@pytest.mark.parametrize(
    ("revenue", "rd", "ip1", "state"),
    [
        (1.99e8, 1e7, 9, "unmet"),  # below 2亿: neither 领军 nor 培育
        (2e8, 5.99e6, 9, "unmet"),  # R&D 2.995 % < 3 %
        (2e8, 6e6, 3, "manual"),  # 培育 thresholds met; 独立法人 and growth to review
        (2e8, 6e6, 2, "manual"),  # IP: 15 of any kind may still hold
        (6e8, 1.8e7, None, "unknown"),  # Class I IP missing: could decide it
    ],
)
def test_tech_leader_thresholds(revenue: float, rd: float, ip1: int | None, state: str) -> None:
    row = {"revenue": revenue, "rd_expense": rd, "ip_class1": ip1, "region": "120116"}
    assert _tj("tj-tech-leader", row)[0] == state


def test_tech_leader_says_which_threshold_failed() -> None:
    assert _tj("tj-tech-leader", {"revenue": 1e8, "rd_expense": 1e7})[1] == (
        "上一年度营业收入 10000.00万元 < 50000.00万元; 上一年度营业收入 10000.00万元 < 20000.00万元"
    )


# ---------------------------------------------------------------------- whole registers

_rows = st.fixed_dictionaries(
    {
        "industry": st.none() | st.sampled_from(["工业", "批发业", "5310", "C13"]),
        "employees": st.none() | st.integers(0, 3000),
        "revenue": st.none() | st.integers(0, 10**9).map(float),
        "total_assets": st.none() | st.integers(0, 10**9).map(float),
        "rd_expense": st.none() | st.integers(0, 10**8).map(float),
        "main_revenue": st.none() | st.integers(0, 10**9).map(float),
        "compliant": st.none() | st.booleans(),
        "ip_class1": st.none() | st.integers(0, 6),
        "rd_institution": st.none() | st.booleans(),
        "region": st.none()
        | st.sampled_from(["120104", "120116", "120000", "370202", "370000", "12", "0000ab"]),
        "tiers": st.none()
        | st.sampled_from(
            ["", "cn-srdi-sme", "cn-little-giant@2024-01-01", "cn-srdi-sme@2026-01-01", "x"]
        ),
    }
)
_SCHEMA = {
    "industry": pl.String,
    "employees": pl.Int64,
    "revenue": pl.Float64,
    "total_assets": pl.Float64,
    "rd_expense": pl.Float64,
    "main_revenue": pl.Float64,
    "compliant": pl.Boolean,
    "ip_class1": pl.Int64,
    "rd_institution": pl.Boolean,
    "region": pl.String,
    "tiers": pl.String,
}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_rows, min_size=1, max_size=12),
    st.sampled_from([DAY, dt.date(2024, 6, 30), dt.date(2026, 6, 30)]),
    st.sampled_from([5, 1000]),
)
def test_column_wise_equals_row_by_row(
    everything: smeeco.Ecosystem, rows: list[dict[str, Any]], day: dt.date, chunk: int
) -> None:
    register = read_register(pl.DataFrame(rows, schema=_SCHEMA))
    fast = match_register(everything, register, day, chunk_rows=chunk)
    assert fast.columns == list(MATCH_COLUMNS)
    assert fast.rows() == match_rows(everything, register, day).rows()


def test_progress_is_reported_per_chunk(everything: smeeco.Ecosystem) -> None:
    register = read_register(pl.DataFrame([SMALL_TJ | {"id": f"e{i}"} for i in range(12)]))
    seen: list[tuple[int, int]] = []
    out = match_register(
        everything, register, DAY, chunk_rows=5, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(5, 12), (10, 12), (12, 12)]
    assert out["id"].to_list() == [f"e{i}" for i in range(12)]
    assert out["measures_met"].n_unique() == 1


def test_row_by_row_follows_eligible_measures(everything: smeeco.Ecosystem) -> None:
    register = read_register(pl.DataFrame([SMALL_TJ, {**SMALL_TJ, "id": "e2", "region": None}]))
    out = match_register(everything, register, DAY)
    for row, (_id, _size, _tiers, met, unknown, manual) in zip(
        register.frame.iter_rows(named=True), out.rows(), strict=True
    ):
        found = smeeco.eligible_measures(everything, row, as_of=DAY)
        assert met == "|".join(m.measure for m in found if m.state == "met")
        assert (unknown or "") == "|".join(m.measure for m in found if m.state == "unknown")
        assert (manual or "") == "|".join(m.measure for m in found if m.state == "manual")


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(
        "name,industry,employees,revenue,region,tiers,compliant\n"
        "甲,工业,80,3000,120104,,true\n"
        "乙,工业,2000,500000,120104,,true\n"
        "丙,,,,120116,cn-little-giant@2024-01-01,\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_cli_match_writes_one_row_per_enterprise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    out = tmp_path / f"matched{suffix}"
    argv = [
        "match",
        str(_write(tmp_path)),
        "--pack",
        "tianjin-2022-measures",
        "--as-of",
        "2025-06-30",
        "--money-unit",
        "万元",
        "-o",
        str(out),
    ]
    assert main(argv) == 0
    assert capsys.readouterr().out == (
        f"3 enterprises, tianjin-2022-measures on 2025-06-30 → {out}: 2 with measures meant for"
        " them, 2 with measures left open by missing data, 3 with measures to review\n"
    )
    if suffix == ".csv":
        back = pl.read_csv(out, infer_schema=False)
    elif suffix == ".xlsx":
        back = pl.read_excel(out, engine="openpyxl", infer_schema_length=0)
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert sheet is not None
        # readable widths: the longest of header and cells, capped at 60 characters
        assert sheet.column_dimensions["A"].width == len("row 1") + 2
        assert sheet.column_dimensions["B"].width == len("undetermined") + 2
        assert sheet.column_dimensions["D"].width == 60 + 2
    else:
        back = pl.read_parquet(out)
    assert back.columns == list(MATCH_COLUMNS)
    rows = back.rows(named=True)
    assert [r["id"] for r in rows] == ["row 1", "row 2", "row 3"]
    assert [r["size_class"] for r in rows] == ["small", "large", "undetermined"]
    assert rows[0]["measures_met"].split("|")[:3] == [
        "tj-2022-measures.m01",
        "tj-2022-measures.m02",
        "tj-2022-measures.m03",
    ]
    assert rows[1]["measures_met"] is None
    assert rows[1]["measures_manual"] == "tj-2022-measures.m18"
    giant = rows[2]["measures_met"].split("|")
    assert "tj-2022-measures.m01" in giant
    assert "tj-2022-measures.m03" not in giant
    assert "tj-2022-measures.m03" in rows[2]["measures_unknown"].split("|")  # 小微: size unknown


def test_cli_match_reports_bad_rows_with_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,employees,region\na,80.5,120104\nb,3,\n", encoding="utf-8")
    status = main(["match", str(path), "--pack", "tianjin", "-o", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert status == 1
    assert "row 1 (line 2), column employees: '80.5' is not a whole" in err
    assert not (tmp_path / "o.csv").exists()


def test_cli_match_explains_one_enterprise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["match", str(_write(tmp_path)), "--pack", "tianjin-2022-measures"]
    argv += ["--as-of", "2025-06-30", "--money-unit", "万元", "--explain", "row 2"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "row 2: 24 measures of tianjin-2022-measures on 2025-06-30 — met 0, unknown 3,"
        " manual 1, unmet 20"
    )
    assert lines[5:7] == [
        "[unmet] tj-2022-measures.m03 精准服务税务办理",
        "    for 小微企业 (small-micro): size class (工信部联企业〔2011〕300号) large,"
        " needs small/micro",
    ]
    assert main(["match", str(_write(tmp_path)), "--pack", "tianjin"]) == 1
    assert "give -o OUT for the whole register, or --explain ID" in capsys.readouterr().err


def test_cli_match_refuses_an_unknown_output_format_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["match", str(_write(tmp_path)), "--pack", "nosuch", "-o", str(tmp_path / "o.txt")]
    assert main(argv) == 1
    assert capsys.readouterr().err == (
        "smeeco: error: cannot write 'o.txt': use one of .csv, .xlsx, .parquet\n"
    )


def test_cli_match_uses_the_group_rules_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "groups.yaml"
    rules.write_text(
        "groups:\n- group: small-micro\n  versions:\n"
        "  - {mark: P, citation: mine, criterion: {manual: ask someone}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.csv"
    argv = ["match", str(_write(tmp_path)), "--pack", "tianjin-2022-measures", "-o", str(out)]
    assert main([*argv, "--group-rules", str(rules), "--as-of", "2025-06-30"]) == 0
    first = pl.read_csv(out).row(0, named=True)
    # only small-micro has criteria now; every other group is manual
    assert first["measures_met"] is None
    assert "tj-2022-measures.m03" in first["measures_manual"].split("|")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("command", ["match", "classify", "eligible"])
def test_long_runs_on_a_terminal_show_a_progress_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from smeeco.cli import _common
    from smeeco.register import chunks

    monkeypatch.setattr(_common, "PROGRESS_ROWS", 2)
    monkeypatch.setattr(chunks, "CHUNK_ROWS", 2)
    monkeypatch.setattr("smeeco.rules.match.CHUNK_ROWS", 2)
    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)
    extra = {
        "match": ["--pack", "tianjin-2022-measures"],
        "classify": [],
        "eligible": ["--tier", "cn-innovative-sme"],
    }[command]
    out = tmp_path / "o.csv"
    assert main([command, str(_write(tmp_path)), *extra, "-o", str(out)]) == 0
    assert err.getvalue().endswith("] 3/3 rows\n")
    assert f"\rsmeeco {command} [####################" in err.getvalue()
    assert pl.read_csv(out).height == 3
    if command == "eligible":
        assert pl.read_csv(out)["id"].to_list() == ["row 1", "row 2", "row 3"]


def test_no_progress_bar_into_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smeeco.cli import _common

    monkeypatch.setattr(_common, "PROGRESS_ROWS", 1)
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    out = tmp_path / "o.csv"
    assert main(["classify", str(_write(tmp_path)), "-o", str(out)]) == 0
    assert err.getvalue() == ""

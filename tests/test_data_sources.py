"""Every source points at the passage that holds its quote, and every number agrees with its quote.

The tests in ``test_datasets.py`` check that a quote occurs *somewhere* in its document; these
check *where*: each locator scheme a pack uses is parsed, the passage it names is cut out of the
source text, and the quote must lie inside that passage. Then every figure a record states (an
indicator's observations and targets, a fund's size, budget, rate and risk shares, a document's
issue date) is read back out of its quote, with its unit and its qualifier (约, 余, more than…).

Locator schemes, by document (the text each one names):

* ``qd-2017-news`` (seed 001): ``title``, ``header`` (the line with date and paper), ``para N``
  (N-th non-empty line of the article, counted from its first line, headings included).
* ``tj-2018-conference`` (seed 000): ``title``, ``dateline``, ``para N`` (N-th body paragraph
  after the dateline).
* ``cn-2024-miit-interview`` (seed 002): ``title``, ``dateline``, ``QN`` (the N-th question of
  the reporter with its answer).
* ``tj-2021-reply`` (seed 003): ``title``, ``header`` (来源/发布时间), ``主送``, ``开头`` (the
  opening paragraph), ``落款``; ``一(二)三`` = section 一, its block 二是…, that block's item 三是…;
  ``二(四)`` = section 二, its block 四是….
* ``tj-2022-measures`` (seed 004): ``title``, ``文号``, ``主送``, ``正文`` (the notice's
  paragraph), ``落款`` (issuer, seal and date); ``二(四)`` = section 二, measure (四), from its
  number to the next measure; ``二(四) 责任单位`` = that measure's "(责任单位:…)" clause; a
  trailing remark in brackets, ``二(四) (successor of the unit named)``, names the same passage.
* Documents whose text is not at hand carry no quote and a locator only: ``gbt-2260`` (``title``
  or a jurisdiction's six-digit code, which must be that jurisdiction's ``code``) and MIIT's
  measures and the size standard (``DOMAIN.md §N`` or ``title (DOMAIN.md §N)``).

A measure's own ``section``, ``number`` and ``ordinal`` must name the passage its first source
locates, and a source that states a ``span`` must span its quote in the text. The fictional
``example`` pack has no source text, so it is not checked here.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import smeeco
from smeeco.model import (
    Indicator,
    Jurisdiction,
    Measure,
    Money,
    PolicyDocument,
    Qualifier,
    Record,
    Source,
    Unit,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
GOVERNMENT = {"tj-2021-reply": "003", "tj-2022-measures": "004"}
NEWS = {"tj-2018-conference": "000", "qd-2017-news": "001", "cn-2024-miit-interview": "002"}
NO_TEXT = {"gbt-2260", "cn-2011-size-standard", "cn-2022-tier-measures", "cn-2026-tier-measures"}
NUMERALS = "一二三四五六七八九十"


# ------------------------------------------------------------------------- the source texts


def ci_is_set(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Whether we run in CI (``CI=true``, as CI services set it; ``CI=false`` or empty is not)."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def seed_dir() -> Path | None:
    """The folder of the five source texts: $SMEECO_SEEDS, or ../shared/seeds beside the clone."""
    candidates = [Path(os.environ["SMEECO_SEEDS"])] if os.environ.get("SMEECO_SEEDS") else []
    candidates.append(ROOT.parent / "shared" / "seeds")
    return next((c for c in candidates if c.is_dir()), None)


def require_seeds(found: Path | None, *, in_ci: bool) -> Path:
    """The seeds folder; in CI a missing folder fails the test, elsewhere it skips it."""
    if found is not None:
        return found
    if in_ci:
        pytest.fail(
            "CI is set but the source texts are missing: CI must provide ../shared/seeds beside"
            " the clone (or $SMEECO_SEEDS), otherwise the news quotes go unchecked"
        )
    pytest.skip("the source news texts (../shared/seeds or $SMEECO_SEEDS) are not available here")


@functools.cache
def _text(document: str) -> str:
    if document in GOVERNMENT:
        return (FIXTURES / f"{GOVERNMENT[document]}.txt").read_text(encoding="utf-8")
    seeds = require_seeds(seed_dir(), in_ci=ci_is_set())
    return next(seeds.glob(f"{NEWS[document]}_*.txt")).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _index(lines: list[str], test: Callable[[str], bool]) -> int:
    return next(i for i, line in enumerate(lines) if test(line))


def cn_number(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十四 -> 14, 二十三 -> 23 (as far as the texts count)."""
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1
    tens, _, units = numeral.partition("十")
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (
        NUMERALS.index(units) + 1 if units else 0
    )


def _labelled(text: str, labels: list[str]) -> list[str]:
    """Cut ``text`` at the labels found in order (一是, 二是, …); each piece starts at its label."""
    cuts: list[int] = []
    at = 0
    for label in labels:
        found = text.find(label, at)
        if found < 0:
            break
        cuts.append(found)
        at = found + len(label)
    ends = [*cuts[1:], len(text)] if cuts else []
    return [text[a:b] for a, b in zip(cuts, ends, strict=True)]


def _qingdao(text: str) -> dict[str, str]:
    lines = _lines(text)
    body = lines[_index(lines, lambda s: "記者" in s) + 1 : _index(lines, lambda s: "[編輯" in s)]
    found = {"title": lines[1], "header": lines[2]}
    found.update({f"para {i}": para for i, para in enumerate(body, 1)})
    return found


def _conference(text: str) -> dict[str, str]:
    lines = _lines(text)
    body = lines[2 : _index(lines, lambda s: "版权所有" in s)]
    found = {"title": lines[0], "dateline": lines[1]}
    found.update({f"para {i}": para for i, para in enumerate(body, 1)})
    return found


def _interview(text: str) -> dict[str, str]:
    lines = _lines(text)
    end = _index(lines, lambda s: s.startswith("(Source:"))
    starts = [i for i in range(end) if lines[i].startswith("Wang Shuchang, a reporter")]
    found = {"title": lines[1], "dateline": lines[2]}
    for n, (a, b) in enumerate(zip(starts, [*starts[1:], end], strict=True), 1):
        found[f"Q{n}"] = "\n".join(lines[a:b])
    return found


def _reply(text: str) -> dict[str, str]:
    lines = _lines(text)
    first, second = (_index(lines, lambda s, h=h: s.startswith(h)) for h in ("一、", "二、"))
    closing = _index(lines, lambda s: re.fullmatch(r"\d{4}年\d+月\d+日", s) is not None)
    found = {
        "title": lines[1],
        "header": lines[2],
        "主送": lines[3],
        "开头": lines[4],
        "落款": lines[closing],
    }
    for section, paragraphs in (
        ("一", lines[first + 1 : second]),
        ("二", lines[second + 1 : closing]),
    ):
        blocks: list[list[str]] = []
        # A block opens with the next label (一是, 二是…) at the start of a paragraph.
        for para in paragraphs:
            if para.startswith(f"{NUMERALS[len(blocks)]}是"):
                blocks.append([para])
            else:
                blocks[-1].append(para)
        for b, block in enumerate(blocks):
            whole = "\n".join(block)
            found[f"{section}({NUMERALS[b]})"] = whole
            after_label = whole[2:]
            items = _labelled(after_label, [f"{n}是" for n in NUMERALS])
            for i, item in enumerate(items):
                found[f"{section}({NUMERALS[b]}){NUMERALS[i]}"] = item
    return found


def _measures(text: str) -> dict[str, str]:
    lines = _lines(text)
    notice = lines[_index(lines, lambda s: s.startswith("经")) :]
    found = {
        "title": lines[_index(lines, lambda s: s.endswith("的通知"))],
        "文号": lines[_index(lines, lambda s: "〔" in s and s.endswith("号"))],
        "主送": lines[_index(lines, lambda s: s.endswith(":"))],
        "正文": notice[0],
        "落款": "\n".join(notice[1:4]),
    }
    section = ""
    for para in lines[_index(lines, lambda s: s.startswith("一、")) :]:
        heading = re.match(rf"([{NUMERALS}]+)、", para)
        number = re.match(rf"\(([{NUMERALS}]+)\)", para)
        if heading:
            section = heading.group(1)
        elif number:
            key = f"{section}({number.group(1)})"
            found[key] = para
        elif para.startswith("(责任单位"):
            found[key] += "\n" + para  # (一)'s clause stands on a line of its own
    for key, passage in list(found.items()):
        clause = re.search(r"\(责任单位:[^)]*\)", passage)
        if "(" in key and clause:
            found[f"{key} 责任单位"] = clause.group(0)
    return found


SPLITTERS: dict[str, Callable[[str], dict[str, str]]] = {
    "qd-2017-news": _qingdao,
    "tj-2018-conference": _conference,
    "cn-2024-miit-interview": _interview,
    "tj-2021-reply": _reply,
    "tj-2022-measures": _measures,
}


@functools.cache
def passages(document: str) -> dict[str, str]:
    """Locator -> passage, for every passage of ``document`` a locator may name."""
    return SPLITTERS[document](_text(document))


def passage(document: str, locator: str) -> str | None:
    """The passage ``locator`` names in ``document`` (a bracketed remark after it is ignored)."""
    base = re.sub(r" \((?!责任单位)[^)]*\)$", "", locator)
    return passages(document).get(base)


def sentence(document: str, source: Source) -> str:
    """The sentence (up to 。) of the located passage that holds the quote."""
    text = passage(document, source.locator) or ""
    at = text.find(source.quote)
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    stops = [i for i in (text.find("。", at), text.find("\n", at)) if i >= 0]
    return text[start : min(stops) if stops else len(text)]


# ------------------------------------------------------------------------- records and sources


@functools.cache
def everything() -> smeeco.Ecosystem:
    return smeeco.load("all")


def _sources(obj: object, where: str = "") -> Iterator[tuple[str, Source]]:
    """Every Source inside a record, with the path to it."""
    if isinstance(obj, Source):
        yield where, obj
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            yield from _sources(getattr(obj, field.name), f"{where}.{field.name}".lstrip("."))
    elif isinstance(obj, tuple | list):
        for i, item in enumerate(obj):
            yield from _sources(item, f"{where}[{i}]")


def all_sources() -> list[tuple[Record, str, Source]]:
    return [(r, where, s) for r in everything().records() for where, s in _sources(r)]


def test_every_document_cited_has_a_locator_scheme_here() -> None:
    cited = {s.document for _, _, s in all_sources()}
    unknown = sorted(cited - set(SPLITTERS) - NO_TEXT)
    assert unknown == [], (
        "these documents are cited but no locator scheme here checks them: add a splitter for"
        " a text we have, or the id to NO_TEXT for one we do not (its locators are then checked"
        " for form)"
    )
    assert set(SPLITTERS) <= cited


def test_the_splitters_find_the_structure_of_each_text() -> None:
    # What the texts look like (read from them, not from the packs): these pin the cutting.
    qd = passages("tj-2021-reply")
    assert [k for k in qd if re.fullmatch(r"一\([一二三]\)[一二三四五六]", k)] == [
        "一(一)一", "一(一)二", "一(一)三",
        "一(二)一", "一(二)二", "一(二)三",
        "一(三)一", "一(三)二", "一(三)三", "一(三)四", "一(三)五",
    ]  # fmt: skip
    assert [k for k in qd if re.fullmatch(r"二\([一二三四五六七]\)", k)] == [
        f"二({n})" for n in "一二三四五六"
    ]
    assert qd["一(一)二"].startswith("二是优化营商环境政务服务")
    assert qd["一(三)一"].startswith("一是壮实“底盘”推动发展")
    measures = passages("tj-2022-measures")
    numbered = [k for k in measures if "(" in k and not k.endswith("责任单位")]
    assert [cn_number(re.findall(r"\((.+)\)", k)[0]) for k in numbered] == list(range(1, 25))
    assert numbered[3] == "二(四)"
    assert (
        measures["一(一) 责任单位"]
        == "(责任单位:市财政局、市工业和信息化局、市金融局、各区人民政府)"
    )
    assert "八(二十四) 责任单位" not in measures  # the copy breaks off before the clause
    assert measures["落款"].splitlines() == [
        "天津市促进中小企业发展工作领导小组办公室",
        "(天津市工业和信息化局代章)",
        "2022年6月18日",
    ]


def test_the_news_splitters_find_the_structure_of_each_report() -> None:
    qd = passages("qd-2017-news")
    assert qd["para 1"].startswith("中小微企業(yè)在國民經(jīng)濟")
    assert qd["para 7"] == "設立10億元轉貸引導基金"
    assert qd["para 13"].startswith("強化政銀合作")
    assert "para 14" not in qd
    conference = passages("tj-2018-conference")
    assert conference["para 1"].startswith("On January 4")
    assert conference["para 5"].startswith("In addition")
    assert "para 6" not in conference
    interview = passages("cn-2024-miit-interview")
    assert sorted(k for k in interview if k.startswith("Q")) == ["Q1", "Q2", "Q3"]
    assert interview["Q3"].splitlines()[-1].endswith("Zheng Xiaotian)")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十四", 14), ("二十", 20), ("二十四", 24)],
)
def test_cn_number(numeral: str, value: int) -> None:
    assert cn_number(numeral) == value


def _locators_of(documents: set[str]) -> list[str]:
    return sorted(
        f"{record.id} {where}: {source.document} {source.locator!r}"
        for record, where, source in all_sources()
        if source.document in documents
    )


@pytest.mark.parametrize("document", sorted(SPLITTERS))
def test_every_quote_lies_in_the_passage_its_locator_names(document: str) -> None:
    wrong: list[str] = []
    checked = 0
    for record, where, source in all_sources():
        if source.document != document:
            continue
        text = passage(document, source.locator)
        if text is None:
            wrong.append(f"{record.id} {where}: no passage {source.locator!r} in {document}")
        elif not source.quote:
            wrong.append(f"{record.id} {where}: {source.locator!r} has no quote to check")
        elif source.quote not in text:
            wrong.append(f"{record.id} {where}: {source.quote!r} is not in {source.locator!r}")
        checked += 1
    assert wrong == []
    assert checked >= 20


def test_sources_without_a_text_carry_a_locator_of_a_known_form_and_no_quote() -> None:
    domain = ROOT.parent / "shared" / "reference" / "DOMAIN.md"
    sections = (
        set(re.findall(r"^## (\d+)\.", domain.read_text(encoding="utf-8"), re.M))
        if domain.is_file()
        else None
    )
    wrong: list[str] = []
    for record, where, source in all_sources():
        if source.document not in NO_TEXT:
            continue
        if source.quote:
            wrong.append(f"{record.id} {where}: quotes a text we do not have")
        if source.document == "gbt-2260":
            code = record.code if isinstance(record, Jurisdiction) else None
            if source.locator != "title" and source.locator != code:
                wrong.append(f"{record.id} {where}: locator {source.locator!r}, code {code!r}")
            continue
        match = re.fullmatch(r"(?:title \()?DOMAIN\.md §(\d+)\)?", source.locator)
        if match is None:
            wrong.append(f"{record.id} {where}: locator {source.locator!r}")
        elif sections is not None and match.group(1) not in sections:
            wrong.append(f"{record.id} {where}: DOMAIN.md has no §{match.group(1)}")
    assert wrong == []


def test_every_jurisdiction_with_a_code_cites_it() -> None:
    for record in everything().jurisdictions:
        if record.code:
            assert [s.locator for s in record.sources] == [record.code], record.id


def test_a_wrong_locator_is_seen() -> None:
    # The defect of issue 11 (qingdao-2017 one paragraph off) must fail the check.
    text = passage("qd-2017-news", "para 12")
    assert text is not None
    assert "強化政銀合作" not in text
    assert "強化政銀合作" in (passage("qd-2017-news", "para 13") or "")
    assert passage("tj-2022-measures", "一(四)") is None  # (四) is in section 二
    assert passage("tj-2021-reply", "一(二)四") is None


# ------------------------------------------------------------------------- CI must not skip


def test_in_ci_missing_seeds_fail_instead_of_skipping(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        require_seeds(None, in_ci=True)
    with pytest.raises(pytest.skip.Exception, match="not available here"):
        require_seeds(None, in_ci=False)
    assert require_seeds(tmp_path, in_ci=True) == tmp_path


@pytest.mark.parametrize(
    ("value", "expected"),
    [("true", True), ("1", True), ("yes", True), ("", False), ("false", False), ("0", False)],
)
def test_ci_is_set(value: str, expected: bool) -> None:
    assert ci_is_set({"CI": value}) is expected
    assert ci_is_set({}) is False


# ------------------------------------------------------------------------- numbers in quotes

SCALE_ZH = {"": 1, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
SCALE_EN = {"": 1, "thousand": 1000, "million": 10**6, "billion": 10**9}
TRADITIONAL = str.maketrans("戶萬億個項", "户万亿个项")
ZH_ABOUT, ZH_MORE, ZH_AT_LEAST = ("约", "近"), ("超", "突破"), ("余", "以上")
EN_ABOUT, EN_MORE = ("nearly", "about", "around"), ("more than", "over")


@attrs.frozen
class Figure:
    """A number as a quote states it, with the words around it."""

    value: Decimal
    before: str  # the text before the number
    after: str  # the text after the number and its scale word
    scaled: bool  # written with 万/亿/million…


def figures(quote: str) -> list[Figure]:
    """Every number in a quote: 16346亿元, 1.6万个, 438,500, 18.58 million yuan, a thousand…"""
    found: list[Figure] = []
    pattern = r"(\d[\d,]*(?:\.\d+)?|\ba\b)\s*(千|万|萬|亿|億|thousand|million|billion)?"
    for m in re.finditer(pattern, quote):
        number, scale = m.group(1), m.group(2) or ""
        if number == "a" and scale != "thousand":
            continue
        digits = Decimal(1) if number == "a" else Decimal(number.replace(",", ""))
        factor = SCALE_ZH.get(scale) or SCALE_EN[scale]
        found.append(Figure(digits * factor, quote[: m.start()], quote[m.end() :], bool(scale)))
    return found


# Counting words that count the same things: enterprises (家, 户) and items (个, 项). A target
# may count with the other word of its pair (Qingdao: 200家 accredited, target 300户).
SAME_COUNT = {"家": "家户", "户": "家户", "个": "个项", "项": "个项"}


def _unit_ok(fig: Figure, unit: Unit, unit_zh: str) -> bool:
    after = re.sub(r"^~\d+", "", fig.after.translate(TRADITIONAL))  # 80~100项: the unit of both
    if unit is Unit.YUAN:
        return after.startswith("元") or after.lstrip().startswith("yuan")
    if unit is Unit.PERCENT:
        return after.startswith("%")
    if unit is Unit.PERCENTAGE_POINTS:
        return after.startswith("个百分点") or after.lstrip().startswith("percentage point")
    if after.startswith(("元", "%")) or after.lstrip().startswith("yuan"):
        return False
    if unit_zh and re.search(r"[\u4e00-\u9fff]", fig.before + fig.after):
        word = unit_zh.split("/")[0]  # 户/万人: the quote writes 1105户
        candidates = list(SAME_COUNT[word]) if word in SAME_COUNT else [word]
        return any(after.lstrip("余多").startswith(w) for w in candidates)
    return True


def _qualifiers(fig: Figure) -> set[Qualifier]:
    before, after = fig.before.rstrip().lower(), fig.after
    found: set[Qualifier] = set()
    if before.endswith(ZH_ABOUT) or before.endswith(EN_ABOUT):
        found.add(Qualifier.ABOUT)
    if before.endswith(ZH_MORE) or before.endswith(EN_MORE):
        found.add(Qualifier.MORE_THAN)
    head = re.sub(r"^(?:个|家次|家|项|户|戶|次|人|元|%|笔|条|课时)", "", after.lstrip("~"))
    if after.startswith(("余", "~")) or head.startswith(ZH_AT_LEAST):
        found.add(Qualifier.AT_LEAST)  # 1200余家, 200家以上, 95%以上, the low end of 80~100项
    return found


# Figures whose unit or qualifier is not in the quote, each with what the text does say.
# The test below fails when an entry is no longer needed, so the list cannot go stale.
UNIT_NOT_IN_QUOTE = {
    "tj-national-public-service-demo-platforms": "the copy reads 其中国家15 (characters lost)",
    "tj-national-innovation-demo-bases": "the copy reads 其中国家级11 (counting word lost)",
    "tj-municipal-incubators": "the copy reads 累积达到44 (counting word lost)",
    "tj-municipal-makerspaces": "the copy reads 累积达到208 (counting word lost)",
    "tj-chuying-count": "the copy reads 市级雏鹰企业3557 (counting word lost)",
    "tj-special-fund-awarded-national-platforms": "the copy reads 6国家级 (counting word lost)",
}
QUALIFIER_NOT_IN_QUOTE = {
    ("tj-smes-transformed-2017", Qualifier.AT_LEAST): "para 2: the goal was met and the annual"
    " plan surpassed ('surpassed the annual plan'), so at least 3,000",
    ("tj-platform-services", Qualifier.ABOUT): "近3千余次 has both 近 and 余; recorded as about",
}


def _stated(record: Record) -> Iterator[tuple[str, Decimal, Qualifier | None, Source | None]]:
    """(where, value, qualifier, source) of each figure a record states with its own source."""
    if isinstance(record, Indicator):
        for i, o in enumerate(record.observations):
            yield f"observations[{i}]", o.number, o.qualifier, o.source
        for i, t in enumerate(record.targets):
            yield f"targets[{i}]", t.number, t.qualifier, t.source


def _check_figure(
    record: Indicator, where: str, value: Decimal, qualifier: Qualifier | None, source: Source
) -> str | None:
    figs = [f for f in figures(source.quote) if f.value == value]
    if not figs:
        return f"{record.id} {where}: {value} is not in {source.quote!r}"
    unit_free = record.id in UNIT_NOT_IN_QUOTE
    if not any(_unit_ok(f, record.unit, record.unit_zh) for f in figs) and not unit_free:
        return f"{record.id} {where}: {value} is not in {record.unit_zh or record.unit.value}"
    said = set().union(*(_qualifiers(f) for f in figs))
    target = where.startswith("targets")
    plain = Qualifier.AT_LEAST if target else Qualifier.EXACT
    if (record.id, qualifier) in QUALIFIER_NOT_IN_QUOTE:
        return None
    if said and qualifier not in said:
        return f"{record.id} {where}: the quote says {sorted(said)}, recorded {qualifier}"
    if not said and qualifier is not plain:
        return f"{record.id} {where}: recorded {qualifier}, the quote has no such word"
    return None


def test_every_indicator_figure_is_its_quote_figure_with_unit_and_qualifier() -> None:
    wrong: list[str] = []
    checked = 0
    for record in everything().indicators:
        for where, value, qualifier, source in _stated(record):
            assert source is not None, f"{record.id} {where} has no source"
            assert source.quote, f"{record.id} {where} has no quote"
            problem = _check_figure(record, where, value, qualifier, source)
            if problem:
                wrong.append(problem)
            checked += 1
    assert wrong == []
    assert checked > 110


def test_the_exceptions_are_still_needed() -> None:
    for indicator, reason in UNIT_NOT_IN_QUOTE.items():
        record = everything().require(indicator, Indicator)
        (obs,) = record.observations
        assert obs.source is not None
        assert not any(
            _unit_ok(f, record.unit, record.unit_zh)
            for f in figures(obs.source.quote)
            if f.value == obs.number
        ), (indicator, reason)
    for (indicator, qualifier), reason in QUALIFIER_NOT_IN_QUOTE.items():
        record = everything().require(indicator, Indicator)
        (obs,) = record.observations
        assert obs.qualifier is qualifier, (indicator, reason)
        assert obs.source is not None
        said = {
            q for f in figures(obs.source.quote) if f.value == obs.number for q in _qualifiers(f)
        }
        assert said != {qualifier}, (indicator, reason)


@pytest.mark.parametrize(
    ("quote", "value", "qualifiers"),
    [
        ("截至2020年底,共指导疫情防控和安全生产约319万次", Decimal(3_190_000), {Qualifier.ABOUT}),
        ("为1200余家企业提供就业岗位超1.6万个", Decimal(16_000), {Qualifier.MORE_THAN}),
        ("为1200余家企业提供就业岗位超1.6万个", Decimal(1200), {Qualifier.AT_LEAST}),
        ("全市复工复产复业率达到95%以上", Decimal(95), {Qualifier.AT_LEAST}),
        ("新認定“專精特新”產(chǎn)品(技術)80~100項", Decimal(80), {Qualifier.AT_LEAST}),
        ("全市中小微企业贷款余额16346亿元", Decimal(1_634_600_000_000), set()),
        ("nearly a thousand legal services", Decimal(1000), {Qualifier.ABOUT}),
        ("financial support of 18.58 million yuan", Decimal(18_580_000), set()),
        ("more than 1700 public service institutions", Decimal(1700), {Qualifier.MORE_THAN}),
    ],
)
def test_figures_are_read_with_their_scale_and_qualifier(
    quote: str, value: Decimal, qualifiers: set[Qualifier]
) -> None:
    (fig,) = [f for f in figures(quote) if f.value == value]
    assert _qualifiers(fig) == qualifiers


def test_a_wrong_figure_unit_or_qualifier_is_seen() -> None:
    record = everything().require("tj-covid-guidance-visits", Indicator)
    (obs,) = record.observations
    assert obs.source is not None
    assert _check_figure(record, "o", obs.number, Qualifier.ABOUT, obs.source) is None
    assert _check_figure(record, "o", Decimal(319), Qualifier.ABOUT, obs.source)
    assert _check_figure(record, "o", obs.number, Qualifier.EXACT, obs.source)
    money = attrs.evolve(record, unit=Unit.YUAN, unit_zh="")
    assert _check_figure(money, "o", obs.number, Qualifier.ABOUT, obs.source)


def _in_any_quote(record: Record, test: Callable[[Figure], bool]) -> bool:
    return any(test(f) for s in record.sources for f in figures(s.quote))


def test_fund_amounts_rates_and_shares_are_in_their_quotes() -> None:
    checked = 0
    for fund in everything().funds:
        for field in ("size", "annual_budget"):
            amount = getattr(fund, field)
            if isinstance(amount, Money):
                assert _in_any_quote(
                    fund, lambda f, a=amount: f.value == a.yuan and _unit_ok(f, Unit.YUAN, "")
                ), (fund.id, field)
                checked += 1
        if fund.compensation_rate is not None:
            percent = fund.compensation_rate * 100
            assert _in_any_quote(
                fund, lambda f, p=percent: f.value == p and _unit_ok(f, Unit.PERCENT, "")
            ), fund.id
            checked += 1
        if fund.risk_sharing is not None:
            ratio = fund.risk_sharing.ratio
            assert any(f"“{ratio}”" in s.quote for s in fund.sources), fund.id
            parts = [Decimal(p) for p in ratio.split(":")]
            shares = [s.share for s in fund.risk_sharing.shares]
            assert shares == [p / sum(parts) for p in parts], fund.id
            checked += 1
    assert checked >= 4


def _date_forms(day: dt.date) -> tuple[str, ...]:
    return (
        day.isoformat(),
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}/{day.month}/{day.day}",
    )


def test_every_issue_date_of_a_text_we_have_is_quoted() -> None:
    for document in everything().documents:
        if document.id not in SPLITTERS or document.issued is None:
            continue
        assert isinstance(document, PolicyDocument)
        quotes = [s.quote for s in document.sources]
        assert any(form in q for q in quotes for form in _date_forms(document.issued)), document.id


# ------------------------------------------------------------------------- claims in notes


def _note_claims(note: str) -> Iterator[tuple[str, bool]]:
    """(word, present?) pairs a note claims about the sentence of its quote.

    A claim of alternatives, "(目前/今年)", is yielded as the pair ``("目前/今年", True)``: one
    of them must be there.
    """
    if "already reached (已" in note:
        yield "已", True
    for words in re.findall(r"as current \(([\u4e00-\u9fff/]+)\)", note):
        yield words, True
    for word in re.findall(r"the sentence (?:says|opens with) (\S+)", note):
        yield word, True
    for word in re.findall(r"no ([\u4e00-\u9fff]+)(?: or ([\u4e00-\u9fff]+))?", note):
        for w in word:
            if w:
                yield w, False


def test_what_a_note_says_the_text_says_is_in_the_sentence() -> None:
    wrong: list[str] = []
    checked = 0
    for record in everything().indicators:
        for o in [*record.observations, *record.targets]:
            if o.source is None or o.source.document not in SPLITTERS:
                continue
            text = sentence(o.source.document, o.source)
            for word, present in _note_claims(o.note):
                if any(w in text for w in word.split("/")) is not present:
                    wrong.append(f"{record.id}: note says {word!r} {present}, sentence {text!r}")
                checked += 1
    assert wrong == []
    assert checked >= 10


def test_a_false_note_claim_is_seen() -> None:
    combined = everything().require("qd-guidance-funds-combined-size", Indicator)
    (obs,) = combined.observations
    assert obs.source is not None
    text = sentence("qd-2017-news", obs.source)
    assert text.startswith("設立了總規(guī)模10億元")
    assert "今年" not in text  # the old note claimed 目前/今年
    assert "目前" not in text
    assert list(_note_claims("Stated as already reached (已…)")) == [("已", True)]
    assert list(_note_claims("Stated as current (目前/今年) in the report")) == [
        ("目前/今年", True)
    ]
    assert list(_note_claims("says only 設立了, with no 目前 or 今年")) == [
        ("目前", False),
        ("今年", False),
    ]


# ------------------------------------------------------------------------- spans and ordinals


def test_a_source_span_is_where_its_quote_is_in_the_text() -> None:
    # No bundled pack states spans today; any that does must point at its quote exactly.
    for record, where, source in all_sources():
        if source.span is not None and source.document in SPLITTERS:
            start, end = source.span
            assert _text(source.document)[start:end] == source.quote, (record.id, where)
    measures = _text("tj-2022-measures")
    at = measures.index("加强信贷支持")
    assert measures[at : at + 6] == "加强信贷支持"  # spans count characters, not bytes


def _ordinal_locator(measure: Measure, document: PolicyDocument) -> str:
    """The locator a measure's own section and number name: 二(四), 二(三), Q2."""
    if measure.number.startswith("Q"):
        return measure.number
    section = next(s for s in document.sections if s.ordinal == measure.section)
    inner = measure.number.strip("()").removesuffix("是")
    return f"{section.number}({inner})"


def test_a_measures_section_number_and_ordinal_agree_with_its_locator() -> None:
    eco = everything()
    checked = 0
    for measure in eco.measures:
        document = eco.require(measure.document, PolicyDocument)
        if measure.document not in SPLITTERS or not document.sections:
            continue
        expected = _ordinal_locator(measure, document)
        assert measure.sources[0].locator == expected, measure.id
        if expected.startswith("Q"):  # the interview: section n is the n-th question
            assert measure.section == int(expected[1:]), measure.id
        else:  # the Tianjin texts number their measures in one run: (四) is the 4th
            inner = re.findall(r"\((.+)\)", expected)[0]
            assert cn_number(inner) == measure.ordinal, measure.id
        if measure.text:
            located = passage(measure.document, expected) or ""
            assert measure.text[:20] in located, measure.id
        checked += 1
    assert checked >= 30

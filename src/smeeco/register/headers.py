"""A register's own headers → smeeco's columns: Chinese names, and units in brackets.

Registers kept by a government team or exported from an enterprise database are headed in
Chinese, often with the unit in brackets: ``企业名称``, ``统一社会信用代码``,
``从业人员（人）``, ``营业收入（万元）``, ``资产负债率(%)``. :func:`read_headers` maps each
header to the column it names (:data:`~smeeco.register.COLUMNS`: its ``zh`` name or one of
the :data:`ALIASES` people write), and reads the unit:

- a money unit (元, 万元, 亿元) in the headers of money columns is the register's money
  unit — all money headers that state one must state the same, and it must agree with
  ``--money-unit`` when that is given;
- a percent sign on a ratio column (``资产负债率(%)``) is refused with what to do, since
  smeeco reads ratios as fractions and will not rescale them unasked;
- two headers naming one column (``营业收入`` and ``revenue``) are refused, naming both.

Headers it does not know are kept as they are (and passed through by the commands).

>>> found = read_headers(["企业名称", "行业", "从业人员（人）", "营业收入（万元）", "备注"])
>>> found.renames  # doctest: +NORMALIZE_WHITESPACE
{'企业名称': 'name', '行业': 'industry', '从业人员（人）': 'employees',
 '营业收入（万元）': 'revenue'}
>>> found.money_unit
'万元'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from smeeco.errors import Problem
from smeeco.register.columns import COLUMNS, MONEY_UNITS, ColumnKind

__all__ = ["ALIASES", "Headers", "read_headers"]

#: Other Chinese names people head the known columns with (beside each column's ``zh``).
ALIASES: Mapping[str, tuple[str, ...]] = {
    "id": ("企业编号", "企业ID", "企业id"),
    "name": ("名称", "单位名称", "公司名称", "企业(单位)名称"),
    "credit_code": ("社会信用代码", "信用代码", "统一代码", "统一社会信用代码(纳税人识别号)"),
    "industry": (
        "所属行业",
        "行业类别",
        "行业门类",
        "国民经济行业",
        "行业代码",
        "国民经济行业代码",
    ),
    "region": ("所在地区", "地区代码", "行政区划代码", "区划代码", "所在地"),
    "registered_on": ("注册日期", "成立时间", "注册时间", "登记日期"),
    "employees": ("从业人数", "从业人员数", "职工人数", "员工人数", "从业人员期末人数"),
    "revenue": ("营业总收入", "营收"),
    "total_assets": ("总资产", "资产合计"),
    "main_revenue": ("主营收入",),
    "main_revenue_growth": ("主营收入增长率", "主营业务收入增速"),
    "rd_expense": ("研发投入", "研究开发费用", "研发经费"),
    "net_profit": ("利润净额",),
    "tiers": ("已获称号", "梯度培育"),
}

_BRACKET = re.compile(r"[(（\[【]\s*([^()（）\[\]【】]*?)\s*[)）\]】]\s*$")
_SPACES = re.compile(r"\s+")
_PERCENT = ("%", "％", "百分比")


@attrs.frozen
class Headers:
    """What a register's headers say: renames to smeeco's columns, and the money unit."""

    renames: dict[str, str]  # the header as written -> the column it names
    money_unit: str | None  # stated by the money columns' headers, or None
    problems: tuple[Problem, ...] = ()


def _key(header: str) -> str:
    return _SPACES.sub("", header).replace("（", "(").replace("）", ")")


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, column in COLUMNS.items():
        table[_key(column.zh)] = name
        for alias in ALIASES.get(name, ()):
            table[_key(alias)] = name
    return table


_NAMES = _lookup()


def read_headers(headers: Sequence[str], *, money_unit: str | None = None) -> Headers:
    """Map ``headers`` to smeeco's columns; ``money_unit`` is the one the user gave, if any.

    Every problem is returned at once (none raised), each naming the header.
    """
    renames: dict[str, str] = {}
    taken: dict[str, str] = {h: h for h in headers if h in COLUMNS}  # column -> header
    problems: list[Problem] = []
    stated: dict[str, str] = {}  # header -> money unit it states
    for header in headers:
        if header in COLUMNS or not isinstance(header, str):
            continue
        key = _key(header)
        unit = None
        found = _BRACKET.search(key)
        if found is not None and key[: found.start()] in _NAMES:
            unit, key = found.group(1), key[: found.start()]
        name = _NAMES.get(key)
        if name is None:
            continue
        kind = COLUMNS[name].kind
        if unit is not None:
            if kind in (ColumnKind.MONEY, ColumnKind.SIGNED_MONEY) and unit in MONEY_UNITS:
                stated[header] = unit
            elif kind is ColumnKind.RATIO and unit in _PERCENT:
                problems.append(
                    Problem(
                        f"column {header!r} holds percents, and smeeco reads ratios as"
                        " fractions (5 % is 0.05): divide the column by 100 and name it"
                        f" {COLUMNS[name].zh!r} or {name!r}",
                        path=header,
                    )
                )
                continue
            elif kind in (ColumnKind.MONEY, ColumnKind.SIGNED_MONEY):
                problems.append(
                    Problem(
                        f"column {header!r} states the unit {unit!r}, which is no money unit"
                        f" smeeco reads; give amounts in {', '.join(MONEY_UNITS)}",
                        path=header,
                    )
                )
                continue
        if name in taken:
            problems.append(
                Problem(
                    f"columns {taken[name]!r} and {header!r} both name {name!r}"
                    f" ({COLUMNS[name].zh}); keep one",
                    path=header,
                )
            )
            continue
        taken[name] = header
        renames[header] = name
    units = sorted(set(stated.values()), key=list(MONEY_UNITS).index)
    if len(units) > 1:
        listed = ", ".join(f"{h!r}" for h in stated)
        problems.append(
            Problem(
                f"the money columns state different units ({listed}); give them all in one unit",
                path=next(iter(stated)),
            )
        )
    header_unit = units[0] if len(units) == 1 else None
    if header_unit is not None and money_unit is not None and money_unit != header_unit:
        first = next(h for h, u in stated.items() if u == header_unit)
        problems.append(
            Problem(
                f"column {first!r} states {header_unit}, but --money-unit says {money_unit};"
                " leave --money-unit out, or correct the header",
                path=first,
            )
        )
    return Headers(renames, header_unit, tuple(problems))

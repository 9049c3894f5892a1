"""The columns of an enterprise register: what each means and how its cells are read."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

import attrs

__all__ = ["COLUMNS", "MONEY_UNITS", "ColumnKind", "RegisterColumn"]


class ColumnKind(StrEnum):
    """How the cells of a column are read."""

    TEXT = "text"  # kept as written (spaces at the ends removed)
    CREDIT_CODE = "credit_code"  # 统一社会信用代码, check character verified
    DATE = "date"  # ISO date, 2021-07-09
    PERSONS = "persons"  # a whole, non-negative number
    MONEY = "money"  # an amount in the register's money unit, read as yuan
    SIGNED_MONEY = "signed_money"  # money that may be negative (net profit)
    RATIO = "ratio"  # a fraction: 0.05 = 5 %
    BOOL = "bool"  # true / false
    COUNT = "count"  # a whole, non-negative count (IP rights)
    TIERS = "tiers"  # tiers held: "id", "id@awarded" or "id@awarded/expires", ";" between


@attrs.frozen
class RegisterColumn:
    """One known column of a register."""

    name: str
    kind: ColumnKind
    zh: str
    meaning: str


def _c(name: str, kind: ColumnKind, zh: str, meaning: str) -> tuple[str, RegisterColumn]:
    return name, RegisterColumn(name, kind, zh, meaning)


K = ColumnKind

#: The columns smeeco reads; any other column is kept and passed through untouched.
COLUMNS: Mapping[str, RegisterColumn] = dict(
    [
        _c("id", K.TEXT, "编号", "the register's own id of the enterprise"),
        _c("name", K.TEXT, "企业名称", "name"),
        _c("credit_code", K.CREDIT_CODE, "统一社会信用代码", "unified social credit code"),
        _c("industry", K.TEXT, "行业", "the standard's industry name or a GB/T 4754-2017 code"),
        _c("region", K.TEXT, "地区", "GB/T 2260 division code"),
        _c("registered_on", K.DATE, "成立日期", "registration date"),
        _c("employees", K.PERSONS, "从业人员", "persons employed, last year"),
        _c("revenue", K.MONEY, "营业收入", "operating revenue, last year"),
        _c("total_assets", K.MONEY, "资产总额", "total assets, last year"),
        _c("main_revenue", K.MONEY, "主营业务收入", "main-business revenue, last year"),
        _c("main_revenue_growth", K.RATIO, "主营业务收入增长率", "growth on the year before"),
        _c("rd_expense", K.MONEY, "研发费用", "R&D expense, last year"),
        _c("debt_ratio", K.RATIO, "资产负债率", "liabilities / assets, last year"),
        _c("net_profit", K.SIGNED_MONEY, "净利润", "net profit, last year"),
        _c(
            "strategic_emerging", K.BOOL, "战略性新兴产业", "main product in the 战略性新兴产业分类"
        ),
        _c("ip_class1", K.COUNT, "I类知识产权", "valid Class I IP tied to the main products"),
        _c("ip_class1_own", K.COUNT, "自主研发I类知识产权", "of them developed in-house"),
        _c("ip_class1_high_value", K.COUNT, "高价值I类知识产权", "of them high-value"),
        _c("ip_class2", K.COUNT, "II类知识产权", "valid Class II IP tied to the main products"),
        _c("award_3y", K.BOOL, "科技奖励", "national or provincial S&T award within 3 years"),
        _c(
            "title_valid",
            K.BOOL,
            "有效称号",
            "高新技术企业 or a similar title",
        ),
        _c("rd_institution", K.BOOL, "研发机构", "provincial-or-higher R&D institution"),
        _c("new_equity_3y", K.MONEY, "新增股权融资", "new qualified equity, 3 years"),
        _c("compliant", K.BOOL, "合规", "not on the 经营异常/严重失信 lists, no major incident"),
        _c("tiers", K.TIERS, "已获梯度", "tiers held, with dates where known"),
    ]
)

#: Money units a register may state its amounts in, and their value in yuan.
MONEY_UNITS: Mapping[str, int] = {"元": 1, "万元": 10_000, "亿元": 100_000_000}

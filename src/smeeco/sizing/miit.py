"""Size-class thresholds of 工信部联企业〔2011〕300号 and the classification rule."""

from __future__ import annotations

import csv
import difflib
import functools
import math
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from typing import Any

import attrs

from smeeco.errors import InvalidValueError, MoneyParseError, UnitError
from smeeco.model.common import Money
from smeeco.model.enterprise import Enterprise

__all__ = [
    "INDICATORS",
    "Classification",
    "IndustryThresholds",
    "SizeClass",
    "SizeStandard",
    "classify",
    "classify_enterprise",
    "miit_2011",
    "persons",
    "size_candidates",
]

#: The standard's indicators: X = 从业人员 (persons), Y = 营业收入 (万元), Z = 资产总额 (万元).
INDICATORS: Mapping[str, str] = {"X": "employees", "Y": "revenue", "Z": "total_assets"}
_WAN = Decimal(10000)


class SizeClass(StrEnum):
    """大型, 中型, 小型, 微型."""

    LARGE = "large"
    MEDIUM = "medium"
    SMALL = "small"
    MICRO = "micro"


_ORDER = (SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.SMALL, SizeClass.MICRO)


@attrs.frozen
class IndustryThresholds:
    """One industry's row of the standard; revenue and assets in 万元.

    ``sme_upper``: the enterprise is an SME if *any* of these is not reached (so large
    needs all reached); ``medium_lower`` and ``small_lower``: *all* must be met.
    """

    industry: str
    indicators: tuple[str, ...]
    sme_upper: Mapping[str, Decimal]
    medium_lower: Mapping[str, Decimal]
    small_lower: Mapping[str, Decimal]


@attrs.frozen
class SizeStandard:
    """A size-class standard: its citation and one row per industry."""

    name: str
    citation: str
    industries: Mapping[str, IndustryThresholds]
    aliases: Mapping[str, str]

    def thresholds(self, industry: str) -> IndustryThresholds:
        """The row for ``industry`` (a listed name or a known alias such as 制造业)."""
        key = industry.strip()
        key = self.aliases.get(key, key)
        if key not in self.industries:
            # The standard writes 农、林、牧、渔业; the table names it 农林牧渔业.
            key = key.replace("、", "").replace("，", "")
        try:
            return self.industries[key]
        except KeyError:
            close = difflib.get_close_matches(key, list(self.industries), n=2, cutoff=0.4)
            hint = f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""
            raise InvalidValueError(
                f"industry {industry!r} is not listed in {self.citation}{hint}; use a listed"
                f" industry ({', '.join(self.industries)}) — industries the standard does"
                " not list follow '其他未列明行业'"
            ) from None


@attrs.frozen
class Classification:
    """The outcome of sizing one enterprise, with the reasons.

    ``size_class`` is ``None`` when missing figures leave more than one class possible;
    ``candidates`` then lists them, largest first, and ``missing`` names the figures that
    would decide.
    """

    industry: str
    size_class: SizeClass | None
    candidates: tuple[SizeClass, ...]
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    standard: str

    @property
    def is_sme(self) -> bool | None:
        """Whether the enterprise is 中小微 (``None`` when undecided)."""
        if SizeClass.LARGE not in self.candidates:
            return True
        if self.candidates == (SizeClass.LARGE,):
            return False
        return None

    def explain(self) -> str:
        """The reasons, one per line, and the verdict."""
        verdict = (
            self.size_class.value
            if self.size_class is not None
            else "undecided between "
            + ", ".join(c.value for c in self.candidates)
            + f" (missing: {', '.join(self.missing)})"
        )
        return "\n".join([*self.reasons, f"=> {verdict} under {self.standard}"])


def _as_number(name: str, value: Any) -> Decimal | None:
    if value is None:
        return None
    if name == "X":
        return Decimal(persons(value))
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        raise UnitError(
            f"{INDICATORS[name]} {value!r} has no unit: pass Money or a text such as"
            " '2000万元' (a bare number is ambiguous between 元 and 万元)"
        )
    try:
        money = Money.parse(value)
    except MoneyParseError as exc:
        raise MoneyParseError(f"{INDICATORS[name]}: {exc.message}") from None
    if money.yuan < 0:
        raise InvalidValueError(f"{INDICATORS[name]} {money} cannot be negative")
    return money.yuan / _WAN


def persons(value: object) -> int:
    """Read 从业人员 (a whole, non-negative number of persons), refusing anything else.

    ``bool``, ``NaN``, infinities, lists and fractions such as ``299.9`` are refused with an
    :class:`~smeeco.InvalidValueError` rather than truncated; a whole float (``300.0``) and
    a text of digits (``"300"``) are read as that number.

    >>> persons(300), persons(300.0), persons(" 300 ")
    (300, 300, 300)
    >>> persons(299.9)
    Traceback (most recent call last):
    ...
    smeeco.errors.InvalidValueError: employees 299.9 must be a whole number of persons ...
    """
    if isinstance(value, bool | Money):
        raise UnitError(f"employees {value!r} must be a number of persons (从业人员)")
    if isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.isdigit():
            raise UnitError(
                f"employees {value!r} must be a whole number of persons (从业人员), e.g. '300'"
            )
        return int(text)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if not _is_finite(value):
            raise InvalidValueError(f"employees {value!r} is not a finite number of persons")
        if value != int(value):
            raise InvalidValueError(
                f"employees {value!r} must be a whole number of persons (从业人员);"
                " it is not rounded or truncated"
            )
        number = int(value)
    else:
        raise UnitError(
            f"employees {value!r} ({type(value).__name__}) must be a whole number of persons"
            " (从业人员)"
        )
    if number < 0:
        raise InvalidValueError(f"employees {value!r} cannot be negative")
    return number


def _is_finite(value: float | Decimal) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def _all3(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def classify(
    industry: str,
    *,
    employees: int | None = None,
    revenue: Money | str | None = None,
    total_assets: Money | str | None = None,
    standard: SizeStandard | None = None,
) -> Classification:
    """Size class of an enterprise under 工信部联企业〔2011〕300号.

    Parameters
    ----------
    industry:
        An industry of the standard (工业, 批发业, 软件和信息技术服务业…) or an alias
        (制造业, 采矿业…); unlisted industries use 其他未列明行业.
    employees:
        从业人员, persons.
    revenue, total_assets:
        营业收入 and 资产总额 as :class:`~smeeco.Money` or text ("2000万元"). A bare
        number is refused: it could be 元 or 万元.

    Boundary values count as reached: 工业 with exactly 300 persons and 2000万元 is
    medium.
    """
    standard = standard or miit_2011()
    row = standard.thresholds(industry)
    given = {
        "X": _as_number("X", employees),
        "Y": _as_number("Y", revenue),
        "Z": _as_number("Z", total_assets),
    }
    reasons: list[str] = []

    def check(bounds: Mapping[str, Decimal], label: str) -> bool | None:
        results: list[bool | None] = []
        for ind, bound in bounds.items():
            value = given[ind]
            if value is None:
                results.append(None)
                reasons.append(f"{label}: {INDICATORS[ind]} ≥ {_fmt(ind, bound)}? unknown")
            else:
                ok = value >= bound
                results.append(ok)
                reasons.append(
                    f"{label}: {INDICATORS[ind]} {_fmt(ind, value)} ≥ {_fmt(ind, bound)}?"
                    f" {'yes' if ok else 'no'}"
                )
        return _all3(results)

    large = check(row.sme_upper, "large")
    medium = check(row.medium_lower, "medium")
    small = check(row.small_lower, "small")
    possible = {
        SizeClass.LARGE: large is not False,
        SizeClass.MEDIUM: large is not True and medium is not False,
        SizeClass.SMALL: large is not True and medium is not True and small is not False,
        SizeClass.MICRO: large is not True and medium is not True and small is not True,
    }
    candidates = tuple(c for c in _ORDER if possible[c])
    missing = (
        tuple(INDICATORS[i] for i in row.indicators if given[i] is None)
        if len(candidates) > 1
        else ()
    )
    return Classification(
        industry=row.industry,
        size_class=candidates[0] if len(candidates) == 1 else None,
        candidates=candidates,
        reasons=tuple(reasons),
        missing=missing,
        standard=standard.citation,
    )


def _yuan_bounds(row: IndustryThresholds) -> tuple[tuple[tuple[str, float], ...], ...] | None:
    """``row``'s three bound sets in persons and yuan as floats, or ``None`` if inexact."""
    out = []
    for bounds in (row.sme_upper, row.medium_lower, row.small_lower):
        converted = []
        for ind, bound in bounds.items():
            value = bound if ind == "X" else bound * _WAN
            if value != int(value) or abs(value) >= 2**53:
                return None
            converted.append((ind, float(value)))
        out.append(tuple(converted))
    return tuple(out)


_Bounds = tuple[tuple[tuple[str, float], ...], ...]
_BOUNDS: dict[int, tuple[IndustryThresholds, _Bounds | None]] = {}


def _bounds_of(row: IndustryThresholds) -> _Bounds | None:
    # by identity (the record holds mappings, so it has no hash); the row is kept alive
    cached = _BOUNDS.get(id(row))
    if cached is None or cached[0] is not row:
        if len(_BOUNDS) > 1024:
            _BOUNDS.clear()
        cached = _BOUNDS[id(row)] = (row, _yuan_bounds(row))
    return cached[1]


def size_candidates(
    row: IndustryThresholds,
    employees: int | None,
    revenue: float | None,
    total_assets: float | None,
) -> tuple[tuple[SizeClass, ...], tuple[str, ...]] | None:
    """The classes :func:`classify` leaves possible and the figures it names as missing.

    The same rule without the reasons, for register rows: ``employees`` a whole number of
    persons, ``revenue`` and ``total_assets`` non-negative yuan (int or float). Returns
    ``None`` when a value is of another kind, so the caller uses :func:`classify` (and
    its errors) instead. Comparing a float number of yuan with a whole-yuan bound is exact,
    and equal to :func:`classify`'s decimal comparison of the number's shortest text
    (a property test keeps them equal).

    >>> size_candidates(miit_2011().thresholds("工业"), 300, 2e7, None)
    ((<SizeClass.MEDIUM: 'medium'>,), ())
    """
    bounds = _bounds_of(row)
    if bounds is None:
        return None
    given: dict[str, float | None] = {}
    for ind, value in (("X", employees), ("Y", revenue), ("Z", total_assets)):
        if value is None:
            given[ind] = None
            continue
        usable = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and 0 <= value < 2**53
            and (ind != "X" or value == int(value))
        )
        if not usable:
            return None
        given[ind] = float(value)

    def check(part: tuple[tuple[str, float], ...]) -> bool | None:
        # three-valued "all reached": any bound missed → False, else any figure missing → None
        out: bool | None = True
        for ind, bound in part:
            value = given[ind]
            if value is None:
                out = None
            elif value < bound:
                return False
        return out

    large, medium, small = check(bounds[0]), check(bounds[1]), check(bounds[2])
    possible = (
        large is not False,
        large is not True and medium is not False,
        large is not True and medium is not True and small is not False,
        large is not True and medium is not True and small is not True,
    )
    candidates = tuple(c for c, ok in zip(_ORDER, possible, strict=True) if ok)
    missing = (
        tuple(INDICATORS[i] for i in row.indicators if given[i] is None)
        if len(candidates) > 1
        else ()
    )
    return candidates, missing


def classify_enterprise(
    enterprise: Enterprise, *, standard: SizeStandard | None = None
) -> Classification:
    """:func:`classify` with an :class:`~smeeco.Enterprise`'s own figures."""
    if enterprise.industry is None:
        raise InvalidValueError(
            f"enterprise {enterprise.id!r} has no industry; set it to an industry of the standard"
        )
    return classify(
        enterprise.industry,
        employees=enterprise.employees,
        revenue=enterprise.revenue,
        total_assets=enterprise.total_assets,
        standard=standard,
    )


def _fmt(indicator: str, value: Decimal) -> str:
    if indicator == "X":
        return f"{value.normalize():f} persons"
    return str(Money(value * _WAN))


_ALIASES = {
    # 工业 covers these divisions (《中小企业划型标准规定》第四条 and its note).
    "采矿业": "工业",
    "制造业": "工业",
    "电力、热力、燃气及水生产和供应业": "工业",
    "住宿和餐饮业": "住宿业",
    "租赁业": "租赁和商务服务业",
    "商务服务业": "租赁和商务服务业",
    "industry": "工业",
    "construction": "建筑业",
    "wholesale": "批发业",
    "retail": "零售业",
    "other": "其他未列明行业",
}


@functools.cache
def miit_2011() -> SizeStandard:
    """The thresholds of 工信部联企业〔2011〕300号, read from the bundled CSV."""
    text = resources.files(__package__).joinpath("miit_2011.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    industries: dict[str, IndustryThresholds] = {}
    for row in csv.DictReader(lines):

        def bounds(prefix: str, row: dict[str, str] = row) -> dict[str, Decimal]:
            out: dict[str, Decimal] = {}
            for ind in ("X", "Y", "Z"):
                cell = row[f"{prefix}_{ind}_{'lt' if prefix == 'sme_if' else 'ge'}"].strip()
                if cell:
                    out[ind] = Decimal(cell)
            return out

        industries[row["industry"]] = IndustryThresholds(
            industry=row["industry"],
            indicators=tuple(row["indicators"].split(";")),
            sme_upper=bounds("sme_if"),
            medium_lower=bounds("medium"),
            small_lower=bounds("small"),
        )
    return SizeStandard(
        name="miit-2011",
        citation="《中小企业划型标准规定》(工信部联企业〔2011〕300号)",
        industries=industries,
        aliases=_ALIASES,
    )

"""Three-valued evaluation of criteria for one enterprise, with the explanation.

States: ``met``, ``unmet``, ``unknown`` (missing data could change the answer) and
``manual`` (no data can decide: routed to review). ``all``: any unmet → unmet, else any
unknown → unknown, else any manual → manual, else met; ``any`` the dual; ``not`` swaps met
and unmet. A banded score is computed as the range of points the missing figures still
allow, so a missing debt ratio does not matter when the known indicators already decide.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

import attrs

from smeeco.errors import InvalidValueError
from smeeco.model.common import Money
from smeeco.rules.criteria import (
    AgeAtLeast,
    AllOf,
    AnyOf,
    Compare,
    Criterion,
    HoldsTier,
    InIndustry,
    InRegion,
    Manual,
    NotOf,
    Ratio,
    Score,
    SizeIn,
)
from smeeco.sizing import IndustryThresholds, classify, miit_2011, resolve_industry
from smeeco.sizing.industries import Resolution
from smeeco.sizing.miit import size_candidates

__all__ = [
    "Line",
    "Outcome",
    "evaluate",
    "fixed",
    "industry_line",
    "percent",
    "region_line",
    "show",
    "show_threshold",
]

MET, UNMET, UNKNOWN, MANUAL = "met", "unmet", "unknown", "manual"
#: Columns shown in 万元 and in per cent.
MONEY_COLUMNS = frozenset(
    {"revenue", "total_assets", "main_revenue", "rd_expense", "net_profit", "new_equity_3y"}
)
RATIO_COLUMNS = frozenset({"debt_ratio", "main_revenue_growth"})
#: Values this large or larger are not written out digit by digit.
HUGE = 1e15


class Line(NamedTuple):
    """One criterion's result: its state and what was compared (``depth`` for indenting).

    A named tuple (immutable, and three times quicker to build than a frozen attrs record:
    an explanation builds some twenty).
    """

    state: str
    text: str
    depth: int = 0
    kind: str = "leaf"  # "group" (all/any/not), "score" or "leaf"


@attrs.frozen
class Outcome:
    """The result of one tier for one enterprise."""

    state: str
    score: int | None
    lines: tuple[Line, ...]

    def why(self) -> str:
        """The criteria that decide the state, ``; `` between (empty when met).

        From the top, a group is followed into the children that share its state (for an
        unmet ``all``, its unmet items; for an unknown one, its unknown items), so the
        reasons are the ones that matter, not every criterion.
        """
        if self.state == MET or not self.lines:
            return ""
        return "; ".join(_reasons(self.lines, 0))

    def explain(self) -> str:
        """Every criterion, indented, with its state."""
        out = [f"{'  ' * ln.depth}[{ln.state}] {ln.text}" for ln in self.lines]
        tail = f" (score {self.score})" if self.score is not None else ""
        return "\n".join([*out, f"=> {self.state}{tail}"])


def fixed(value: float, places: int, *, scaled: bool = False) -> str:
    """``value`` with ``places`` decimals, rounded half up (the compiled rules format alike).

    Magnitudes of :data:`HUGE` and more (and infinities) are written ``>1e15`` or
    ``<-1e15``.

    >>> fixed(630000 / 10000, 2), fixed(-0.0512 * 100, 1), fixed(3e6 / 1e-300, 1)
    ('63.00', '-5.1', '>1e15')
    """
    scale = 10**places
    if not abs(value / scale if scaled else value) < HUGE:
        return (
            f">{HUGE:.0e}".replace("e+", "e") if value > 0 else f"<-{HUGE:.0e}".replace("e+", "e")
        )
    # ``scaled``: the caller gave value × 10**places in one exact step (money: yuan / 100
    # for 万元 with two decimals), so that 12750 元 is 1.28万元 on both paths, not 1.27
    n = math.floor((value if scaled else value * scale) + 0.5)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), scale)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def show(column: str, value: Any) -> str:
    """How an explanation writes a value of ``column``: money in 万元, ratios in per cent."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in MONEY_COLUMNS:
        return fixed(float(value) / 100, 2, scaled=True) + "万元"
    if column in RATIO_COLUMNS:
        return fixed(float(value) * 100, 1) + " %"
    if isinstance(value, int):
        return str(value)
    return fixed(float(value), 2)


def show_threshold(column: str, value: float | bool) -> str:
    """How an explanation writes a rule's threshold for ``column``."""
    plain = not isinstance(value, bool) and column not in MONEY_COLUMNS | RATIO_COLUMNS
    if plain and float(value).is_integer():
        return str(int(value))
    return show(column, value)


def percent(value: float) -> str:
    """A fraction as per cent with one decimal (``0.021`` → ``2.1 %``)."""
    return fixed(value * 100, 1) + " %"


def _cmp(left: Any, op: str, right: Any) -> bool:
    if op == ">=":
        return bool(left >= right)
    if op == ">":
        return bool(left > right)
    if op == "<=":
        return bool(left <= right)
    if op == "<":
        return bool(left < right)
    return bool(left == right)


@functools.lru_cache(maxsize=1024)
def _exact(value: float) -> Fraction:
    """A threshold as the rational its text writes (``0.03`` is 3/100, not the float)."""
    return Fraction(str(value))


def _plain(value: Any) -> bool:
    """Whether ``value`` is an int or a finite float below 2**53 in size."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and -(2**53) < value < 2**53
    )


def _compares(value: Any, op: str, threshold: float) -> bool:
    """``value op threshold``, both read as the decimals their shortest texts write.

    The meaning is ``Fraction(str(value)) op Fraction(str(threshold))``; for ints and
    finite floats below 2**53 a plain comparison gives the same answer and is what runs:
    the shortest text of a float rounds to that float, so two floats compare as their
    texts do, and no integer lies between such a float and its text.

    >>> _compares(0.1 + 0.2, ">=", 0.3), _compares(3, ">", 2.5)
    (True, True)
    """
    if _plain(value) and _plain(threshold):
        return _cmp(value, op, threshold)
    return _cmp(Fraction(str(value)), op, _exact(threshold))


def _ratio_compares(numerator: Any, denominator: Any, op: str, threshold: float) -> bool:
    """``numerator / denominator op threshold`` exactly (``denominator`` is not 0).

    Whole amounts below 2**53 are cross-multiplied as integers; anything else is divided
    as fractions of the numbers' shortest texts.

    >>> _ratio_compares(3, 100, ">=", 0.03), _ratio_compares(2999999, 100000000, ">=", 0.03)
    (True, False)
    """
    whole = all(_plain(v) and v == int(v) for v in (numerator, denominator))
    if whole:
        p = _exact(threshold)
        left, right = int(numerator) * p.denominator, int(denominator) * p.numerator
        if denominator < 0:
            left, right = -left, -right
        return _cmp(left, op, right)
    exact = Fraction(str(numerator)) / Fraction(str(denominator))
    return _cmp(exact, op, _exact(threshold))


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_StateOf = Callable[[Mapping[str, Any]], str]
_STATES: dict[int, tuple[Criterion, _StateOf]] = {}


def _state_of(c: Compare | Ratio) -> _StateOf:
    """A function giving ``c``'s state for a row, built once per criterion."""
    hit = _STATES.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    fn = _compare_state(c) if isinstance(c, Compare) else _ratio_state(c)
    if len(_STATES) > 4096:
        _STATES.clear()
    _STATES[id(c)] = (c, fn)  # the criterion is kept, so its id is not reused
    return fn


def _compare_state(c: Compare) -> _StateOf:
    column, op, threshold = c.column, c.op, c.value
    if isinstance(threshold, bool) or not _plain(threshold):
        return lambda row: _Eval.compare_state(c, row.get(column))
    test = _OPERATORS[op]

    def state(row: Mapping[str, Any]) -> str:
        value = row.get(column)
        if value is None:
            return UNKNOWN
        kind = type(value)
        if (kind is int or kind is float) and -(2**53) < value < 2**53:  # see _compares
            return MET if test(value, threshold) else UNMET
        return _Eval.compare_state(c, value)

    return state


def _ratio_state(c: Ratio) -> _StateOf:
    num, den = c.numerator, c.denominator
    if not _plain(c.value):
        return lambda row: _Eval.ratio_state(c, row.get(num), row.get(den))
    exact = _exact(c.value)
    p, q = exact.numerator, exact.denominator
    test = _OPERATORS[c.op]

    def state(row: Mapping[str, Any]) -> str:
        a, b = row.get(num), row.get(den)
        if a is None or b is None or not b:
            return UNKNOWN
        if (
            type(a) in (int, float)
            and type(b) in (int, float)
            and -(2**53) < a < 2**53
            and -(2**53) < b < 2**53
            and a == int(a)
            and b == int(b)
        ):  # whole amounts: cross-multiplied exactly (see _ratio_compares)
            left, right = int(a) * q, int(b) * p
            ok = test(left, right) if b > 0 else test(-left, -right)
            return MET if ok else UNMET
        return _Eval.ratio_state(c, a, b)

    return state


_Test = Callable[["_Eval"], str]
_Plan = tuple[tuple[str, str, tuple[tuple[int, Any, bool], ...]], ...]
_PLANS: dict[int, tuple[Score, _Plan]] = {}


def _plan_of(c: Score) -> _Plan:
    """Each indicator of ``c``: its group, its line's head, its bands' points and tests."""
    hit = _PLANS.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]

    def test_of(when: Criterion | None) -> tuple[_Test | _StateOf | None, bool]:
        """The band's test, and whether it reads the row alone (else the evaluation)."""
        if when is None:
            return None, True
        if isinstance(when, Compare | Ratio):
            return _state_of(when), True
        return (lambda ev: ev.test(when)), False

    plan = tuple(
        (
            ind.group,
            f"{ind.name} ({ind.group}): ",
            tuple((band.points, *test_of(band.when)) for band in ind.bands),
        )
        for ind in c.indicators
    )
    if len(_PLANS) > 1024:
        _PLANS.clear()
    _PLANS[id(c)] = (c, plan)  # the criterion is kept, so its id is not reused
    return plan


@functools.lru_cache(maxsize=4096)
def _industry_of(cell: str) -> tuple[Resolution, IndustryThresholds | None]:
    """An ``industry`` cell resolved under MIIT 2011, with its thresholds (registers repeat
    a few industries). Raises :class:`~smeeco.InvalidValueError` at ``column industry``."""
    try:
        resolved = resolve_industry(cell)
    except InvalidValueError as exc:
        # a bad cell, as the compiled rules and classify_register report it
        raise InvalidValueError(exc.message, "column industry") from None
    if resolved.industry is None:
        return resolved, None
    return resolved, miit_2011().thresholds(resolved.industry)


_GBT_CODE = re.compile(r"^([A-T])?(\d{2,4})?$")
_REGION_CODE = re.compile(r"^\d{6}$")


def _gbt_code(text: str) -> tuple[str, str] | None:
    """A GB/T 4754-2017 code as (section letter, digits), or ``None`` for a name."""
    match = _GBT_CODE.match(text.upper()) if text.isascii() else None
    if match is None or not (match.group(1) or match.group(2)):
        return None
    digits = match.group(2) or ""
    letter = match.group(1)
    if letter is None:
        from smeeco.sizing.industries import SECTIONS

        division = int(digits[:2])
        letter = next((k for k, (lo, hi) in SECTIONS.items() if lo <= division <= hi), "")
    return letter, digits


def industry_line(c: InIndustry, cell: str | None) -> tuple[str, str]:
    """The state and explanation line of ``c`` for an ``industry`` cell (``None``: empty).

    Raises :class:`~smeeco.InvalidValueError` at ``column industry`` for a cell that names
    no industry of the size standard, as a size criterion does.

    >>> from smeeco.rules.criteria import InIndustry
    >>> industry_line(InIndustry(("工业",)), "C1310")
    ('met', 'industry: C1310 (工业)')
    >>> industry_line(InIndustry(("C13", "批发业")), "工业")
    ('unknown', 'industry in C13/批发业: 工业 is not a GB/T 4754-2017 code')
    """
    return _industry_line(c.industries, c.label or "industry", cell)


@functools.lru_cache(maxsize=4096)
def _industry_line(wanted: tuple[str, ...], name: str, cell: str | None) -> tuple[str, str]:
    listed = "/".join(wanted)
    if cell is None:
        return UNKNOWN, f"{name}: industry missing"
    resolved, _thresholds = _industry_of(cell)
    code = _gbt_code(cell)
    reasons: list[str] = []
    met = False
    for entry in wanted:
        prefix = _gbt_code(entry)
        if prefix is None:  # an industry of the size standard
            if resolved.industry == entry:
                met = True
            elif resolved.industry is None:
                reasons.append(resolved.reason)
            continue
        if code is None:
            reasons.append(f"{cell} is not a GB/T 4754-2017 code")
        elif code[0] != prefix[0]:
            continue
        elif code[1].startswith(prefix[1]):
            met = True
        elif prefix[1].startswith(code[1]):
            reasons.append(f"{cell} is coarser than {entry}")
    shown = cell if resolved.industry in (None, cell) else f"{cell} ({resolved.industry})"
    if met:
        return MET, f"{name}: {shown}"
    if reasons:
        return UNKNOWN, f"{name} in {listed}: {reasons[0]}"
    return UNMET, f"{name}: {shown} is not {listed}"


def region_line(c: InRegion, cell: str | None) -> tuple[str, str]:
    """The state and explanation line of ``c`` for a ``region`` cell (``None``: empty).

    >>> from smeeco.rules.criteria import InRegion
    >>> region_line(InRegion(("12",), "在天津市注册"), "120116")
    ('met', '在天津市注册: region 120116')
    >>> region_line(InRegion(("3702",)), "370000")
    ('unknown', 'region in 3702: region 370000 is coarser than 3702')
    """
    return _region_line(c.regions, c.label or f"region in {'/'.join(c.regions)}", cell)


@functools.lru_cache(maxsize=4096)
def _region_line(wanted: tuple[str, ...], name: str, cell: str | None) -> tuple[str, str]:
    if cell is None:
        return UNKNOWN, f"{name}: region missing"
    if not _REGION_CODE.match(cell) or cell.startswith("00"):
        return UNKNOWN, f"{name}: region {cell!r} is not a 6-digit GB/T 2260 code"
    mine = cell
    while mine.endswith("00") and len(mine) > 2:
        mine = mine[:-2]
    if any(mine.startswith(w) for w in wanted):
        return MET, f"{name}: region {cell}"
    coarser = [w for w in wanted if w.startswith(mine)]
    if coarser:
        return UNKNOWN, f"{name}: region {cell} is coarser than {coarser[0]}"
    return UNMET, f"{name}: region {cell} is outside {'/'.join(wanted)}"


def _neg(op: str) -> str:
    return {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠"}[op]


class _Eval:
    def __init__(self, row: Mapping[str, Any], as_of: dt.date) -> None:
        self.row = row
        self.as_of = as_of
        self.lines: list[Line] = []
        self.score: int | None = None

    def add(self, state: str, text: str, depth: int) -> str:
        self.lines.append(Line(state, text, depth))
        return state

    def run(self, c: Criterion, depth: int) -> str:
        return _RUN[type(c)](self, c, depth)

    def group(self, c: AllOf | AnyOf, depth: int) -> str:
        at = len(self.lines)
        self.lines.append(_HOLD)
        states = [self.run(item, depth + 1) for item in c.items]
        all_of = isinstance(c, AllOf)
        state = _combine(states, all_of=all_of)
        head = c.label or ("all of" if all_of else "any of")
        self.lines[at] = Line(state, head, depth, "group")
        return state

    def negated(self, c: NotOf, depth: int) -> str:
        at = len(self.lines)
        self.lines.append(_HOLD)
        inner = self.run(c.item, depth + 1)
        state = {MET: UNMET, UNMET: MET}.get(inner, inner)
        self.lines[at] = Line(state, c.label or "not", depth, "group")
        return state

    def manual(self, c: Manual, depth: int) -> str:
        return self.add(MANUAL, c.label or c.text, depth)

    def test(self, c: Criterion) -> str:
        """A band's test: its state only (no lines, no texts)."""
        if isinstance(c, Compare | Ratio):
            return _state_of(c)(self.row)
        if isinstance(c, AllOf | AnyOf):
            states = [self.test(item) for item in c.items]
            return _combine(states, all_of=isinstance(c, AllOf))
        if isinstance(c, NotOf):
            inner = self.test(c.item)
            return {MET: UNMET, UNMET: MET}.get(inner, inner)
        return _Eval(self.row, self.as_of).run(c, 0)

    @staticmethod
    def compare_state(c: Compare, value: Any) -> str:
        if value is None:
            return UNKNOWN
        if isinstance(c.value, bool) or isinstance(value, bool):
            return MET if c.op == "==" and value == c.value else UNMET
        return MET if _compares(value, c.op, c.value) else UNMET

    @staticmethod
    def ratio_state(c: Ratio, num: Any, den: Any) -> str:
        if num is None or den is None or not den:
            return UNKNOWN
        return MET if _ratio_compares(num, den, c.op, c.value) else UNMET

    def compare(self, c: Compare, depth: int) -> str:
        texts = _texts_of(c)
        value = self.row.get(c.column)
        if value is None:
            return self.add(UNKNOWN, texts.missing, depth)
        state = _state_of(c)(self.row)
        if texts.boolean or isinstance(value, bool):
            return self.add(state, texts.head_bool + show(c.column, value), depth)
        tail = texts.met if state == MET else texts.unmet
        return self.add(state, texts.head + show(c.column, value) + tail, depth)

    def ratio(self, c: Ratio, depth: int) -> str:
        texts = _texts_of(c)
        num, den = self.row.get(c.numerator), self.row.get(c.denominator)
        if num is None or den is None:
            missing = [n for n, v in ((c.numerator, num), (c.denominator, den)) if v is None]
            return self.add(UNKNOWN, f"{texts.missing}{', '.join(missing)} missing", depth)
        if not den:
            return self.add(UNKNOWN, texts.zero, depth)
        state = _state_of(c)(self.row)
        tail = texts.met if state == MET else texts.unmet
        return self.add(state, texts.head + percent(float(num) / float(den)) + tail, depth)

    def size(self, c: SizeIn, depth: int) -> str:
        name = c.label or "size class"
        wanted = "/".join(c.classes)
        industry = self.row.get("industry")
        if industry is None:
            return self.add(UNKNOWN, f"{name} in {wanted}: industry missing", depth)
        resolved, thresholds = _industry_of(str(industry))
        if thresholds is None:
            return self.add(UNKNOWN, f"{name} in {wanted}: {resolved.reason}", depth)
        assert resolved.industry is not None
        employees = self.row.get("employees")
        revenue, assets = self.row.get("revenue"), self.row.get("total_assets")
        quick = size_candidates(thresholds, employees, revenue, assets)
        if quick is not None:
            candidates, missing = quick
        else:
            result = classify(
                resolved.industry,
                employees=employees,
                revenue=None if revenue is None else Money(Decimal(str(revenue))),
                total_assets=None if assets is None else Money(Decimal(str(assets))),
            )
            candidates, missing = result.candidates, result.missing
        got = {k.value for k in candidates}
        if got <= set(c.classes):
            state = MET
        elif not got & set(c.classes):
            state = UNMET
        else:
            state = UNKNOWN
        shown = (
            candidates[0].value
            if len(candidates) == 1
            else f"one of {'/'.join(k.value for k in candidates)} (missing {', '.join(missing)})"
        )
        return self.add(state, f"{name} {shown}, needs {wanted}", depth)

    def industry(self, c: InIndustry, depth: int) -> str:
        cell = self.row.get("industry")
        state, text = industry_line(c, None if cell is None else str(cell))
        return self.add(state, text, depth)

    def region(self, c: InRegion, depth: int) -> str:
        cell = self.row.get("region")
        state, text = region_line(c, None if cell is None else str(cell))
        return self.add(state, text, depth)

    def tier(self, c: HoldsTier, depth: int) -> str:
        from smeeco.register import parse_tiers

        name = c.label or f"holds {c.tier}"
        cell = self.row.get("tiers")
        if cell is None:
            return self.add(UNKNOWN, f"{name}: tiers missing", depth)
        for tier, awarded, expires in parse_tiers(str(cell)):
            if tier != c.tier:
                continue
            if awarded is not None and awarded > self.as_of:
                continue
            if expires is not None and expires < self.as_of:
                continue
            return self.add(MET, f"{name} on {self.as_of}", depth)
        return self.add(UNMET, f"{name}: not held on {self.as_of}", depth)

    def age(self, c: AgeAtLeast, depth: int) -> str:
        name = c.label or f"registered ≥ {c.years} years"
        day = self.row.get("registered_on")
        if day is None:
            return self.add(UNKNOWN, f"{name}: registered_on missing", depth)
        years = (
            self.as_of.year - day.year - ((self.as_of.month, self.as_of.day) < (day.month, day.day))
        )
        ok = years >= c.years
        return self.add(MET if ok else UNMET, f"{name}: {years} full years on {self.as_of}", depth)

    def scored(self, c: Score, depth: int) -> str:
        at = len(self.lines)
        self.lines.append(_HOLD)
        lows: dict[str, int] = {}
        highs: dict[str, int] = {}
        lines = self.lines
        row = self.row
        for group, head, bands in _plan_of(c):
            # the points of every band still possible: those not unmet, up to the first met
            low = high = 0
            seen = False
            for points, test, by_row in bands:
                state = MET if test is None else test(row) if by_row else test(self)
                if state == UNMET:
                    continue
                if not seen:
                    low = high = points
                    seen = True
                elif points < low:
                    low = points
                elif points > high:
                    high = points
                if state == MET:
                    break
            lows[group] = lows.get(group, 0) + low
            highs[group] = highs.get(group, 0) + high
            if low == high:
                lines.append(Line(MET, f"{head}{low}", depth + 1))
            else:
                lines.append(Line(UNKNOWN, f"{head}{low}-{high} (data missing)", depth + 1))
        total_low, total_high = sum(lows.values()), sum(highs.values())
        fails = [g for g, f in c.floors.items() if highs.get(g, 0) < f]
        unsure = [g for g, f in c.floors.items() if lows.get(g, 0) < f <= highs.get(g, 0)]
        for group, floor in c.floors.items():
            lo, hi = lows.get(group, 0), highs.get(group, 0)
            got = f"{lo}" if lo == hi else f"{lo}-{hi}"
            state = MET if lo >= floor else UNMET if hi < floor else UNKNOWN
            self.add(state, f"{group} {got} {'≥' if state == MET else 'vs'} {floor}", depth + 1)
        if total_high < c.min or fails:
            state = UNMET
        elif total_low >= c.min and not unsure:
            state = MET
        else:
            state = UNKNOWN
        got = f"{total_low}" if total_low == total_high else f"{total_low}-{total_high}"
        label = c.label or "score"
        self.lines[at] = Line(state, f"{label} {got} (needs ≥ {c.min})", depth, "score")
        if total_low == total_high:
            self.score = total_low
        return state


_HOLD = Line(UNKNOWN, "")  # a group's line until its items are evaluated


@attrs.frozen
class _Texts:
    """A comparison's explanation texts, built once per criterion."""

    missing: str  # the whole line when the value is missing (a ratio: up to the names)
    head: str  # before the value
    met: str  # after the value, when met
    unmet: str  # after the value, when not
    head_bool: str = ""  # before a boolean value
    boolean: bool = False  # the threshold is true/false
    zero: str = ""  # a ratio whose denominator is 0


_TEXTS: dict[int, tuple[Criterion, _Texts]] = {}


def _texts_of(c: Compare | Ratio) -> _Texts:
    hit = _TEXTS.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    if isinstance(c, Compare):
        name = c.label or c.column
        target = show_threshold(c.column, c.value)
        boolean = isinstance(c.value, bool)
        texts = _Texts(
            f"{name}: {c.column} missing"
            if boolean
            else f"{name} {c.op} {target}: {c.column} missing",
            f"{name} ",
            f" {c.op} {target}",
            f" {_neg(c.op)} {target}",
            f"{name}: ",
            boolean,
        )
    else:
        name = c.label or f"{c.numerator}/{c.denominator}"
        target = percent(c.value)
        texts = _Texts(
            f"{name} {c.op} {target}: ",
            f"{name} ",
            f" {c.op} {target}",
            f" {_neg(c.op)} {target}",
            zero=f"{name} {c.op} {target}: {c.denominator} is 0",
        )
    if len(_TEXTS) > 4096:
        _TEXTS.clear()
    _TEXTS[id(c)] = (c, texts)  # the criterion is kept, so its id is not reused
    return texts


_RUN: dict[type, Callable[[_Eval, Any, int], str]] = {
    AllOf: _Eval.group,
    AnyOf: _Eval.group,
    NotOf: _Eval.negated,
    Compare: _Eval.compare,
    Ratio: _Eval.ratio,
    SizeIn: _Eval.size,
    InIndustry: _Eval.industry,
    InRegion: _Eval.region,
    HoldsTier: _Eval.tier,
    AgeAtLeast: _Eval.age,
    Manual: _Eval.manual,
    Score: _Eval.scored,
}


def _children(lines: tuple[Line, ...], at: int) -> list[int]:
    depth = lines[at].depth
    out = []
    for i in range(at + 1, len(lines)):
        if lines[i].depth <= depth:
            break
        if lines[i].depth == depth + 1:
            out.append(i)
    return out


def _reasons(lines: tuple[Line, ...], at: int) -> list[str]:
    line = lines[at]
    if line.kind == "leaf":
        return [line.text]
    same = [i for i in _children(lines, at) if lines[i].state == line.state]
    if line.kind == "score":
        return [line.text, *(lines[i].text for i in same)]
    if not same:
        return [line.text]
    return [text for i in same for text in _reasons(lines, i)]


def _combine(states: list[str], *, all_of: bool) -> str:
    win, lose = (UNMET, MET) if all_of else (MET, UNMET)
    if win in states:
        return win
    if UNKNOWN in states:
        return UNKNOWN
    if MANUAL in states:
        return MANUAL
    return lose


def evaluate(criterion: Criterion, row: Mapping[str, Any], as_of: dt.date) -> Outcome:
    """Evaluate ``criterion`` for one register row (a mapping of column → value).

    Raises :class:`~smeeco.InvalidValueError` (path ``column industry``) when a size class
    is needed and ``industry`` names no industry of the size standard: a bad cell, as
    :func:`smeeco.register.read_register` treats any other, never "unknown". A known code
    the standard does not size (铁路运输业 53) is unknown, with the reason.
    """
    run = _Eval(row, as_of)
    state = run.run(criterion, 0)
    return Outcome(state, run.score, tuple(run.lines))

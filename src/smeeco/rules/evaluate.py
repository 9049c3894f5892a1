"""Three-valued evaluation of criteria for one enterprise, with the explanation.

States: ``met``, ``unmet``, ``unknown`` (missing data could change the answer) and
``manual`` (no data can decide: routed to review). ``all``: any unmet → unmet, else any
unknown → unknown, else any manual → manual, else met; ``any`` the dual; ``not`` swaps met
and unmet. A banded score is computed as the range of points the missing figures still
allow, so a missing debt ratio does not matter when the known indicators already decide.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from smeeco.rules.criteria import (
    AgeAtLeast,
    AllOf,
    AnyOf,
    Compare,
    Criterion,
    HoldsTier,
    Manual,
    NotOf,
    Ratio,
    Score,
    SizeIn,
)

__all__ = ["Line", "Outcome", "evaluate", "fixed", "percent", "show", "show_threshold"]

MET, UNMET, UNKNOWN, MANUAL = "met", "unmet", "unknown", "manual"
#: Columns shown in 万元 and in per cent.
MONEY_COLUMNS = frozenset(
    {"revenue", "total_assets", "main_revenue", "rd_expense", "net_profit", "new_equity_3y"}
)
RATIO_COLUMNS = frozenset({"debt_ratio", "main_revenue_growth"})


@attrs.frozen
class Line:
    """One criterion's result: its state and what was compared (``depth`` for indenting)."""

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


def fixed(value: float, places: int) -> str:
    """``value`` with ``places`` decimals, rounded half up (the compiled rules format alike).

    >>> fixed(630000 / 10000, 2), fixed(-0.0512 * 100, 1)
    ('63.00', '-5.1')
    """
    scale = 10**places
    n = math.floor(value * scale + 0.5)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), scale)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def show(column: str, value: Any) -> str:
    """How an explanation writes a value of ``column``: money in 万元, ratios in per cent."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column in MONEY_COLUMNS:
        return fixed(float(value) / 10000, 2) + "万元"
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


def _cmp(left: Fraction, op: str, right: Fraction) -> bool:
    return {
        ">=": left >= right,
        ">": left > right,
        "<=": left <= right,
        "<": left < right,
        "==": left == right,
    }[op]


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
        if isinstance(c, AllOf | AnyOf):
            at = len(self.lines)
            self.lines.append(Line(UNKNOWN, "", depth))
            states = [self.run(item, depth + 1) for item in c.items]
            state = _combine(states, all_of=isinstance(c, AllOf))
            head = c.label or ("all of" if isinstance(c, AllOf) else "any of")
            self.lines[at] = Line(state, head, depth, "group")
            return state
        if isinstance(c, NotOf):
            at = len(self.lines)
            self.lines.append(Line(UNKNOWN, "", depth))
            inner = self.run(c.item, depth + 1)
            state = {MET: UNMET, UNMET: MET}.get(inner, inner)
            self.lines[at] = Line(state, c.label or "not", depth, "group")
            return state
        if isinstance(c, Compare):
            return self.compare(c, depth)
        if isinstance(c, Ratio):
            return self.ratio(c, depth)
        if isinstance(c, SizeIn):
            return self.size(c, depth)
        if isinstance(c, HoldsTier):
            return self.tier(c, depth)
        if isinstance(c, AgeAtLeast):
            return self.age(c, depth)
        if isinstance(c, Manual):
            return self.add(MANUAL, c.label or c.text, depth)
        return self.scored(c, depth)

    def test(self, c: Criterion) -> str:
        """A band's test, evaluated without adding lines."""
        sub = _Eval(self.row, self.as_of)
        return sub.run(c, 0)

    def compare(self, c: Compare, depth: int) -> str:
        name = c.label or c.column
        value = self.row.get(c.column)
        target = show_threshold(c.column, c.value)
        if value is None:
            if isinstance(c.value, bool):
                return self.add(UNKNOWN, f"{name}: {c.column} missing", depth)
            return self.add(UNKNOWN, f"{name} {c.op} {target}: {c.column} missing", depth)
        if isinstance(c.value, bool) or isinstance(value, bool):
            ok = value == c.value if c.op == "==" else False
            return self.add(MET if ok else UNMET, f"{name}: {show(c.column, value)}", depth)
        ok = _cmp(Fraction(str(value)), c.op, Fraction(str(c.value)))
        shown = f"{name} {show(c.column, value)} {c.op if ok else _neg(c.op)} {target}"
        return self.add(MET if ok else UNMET, shown, depth)

    def ratio(self, c: Ratio, depth: int) -> str:
        name = c.label or f"{c.numerator}/{c.denominator}"
        num, den = self.row.get(c.numerator), self.row.get(c.denominator)
        target = percent(c.value)
        missing = [n for n, v in ((c.numerator, num), (c.denominator, den)) if v is None]
        if missing:
            return self.add(UNKNOWN, f"{name} {c.op} {target}: {', '.join(missing)} missing", depth)
        if not den:
            return self.add(UNKNOWN, f"{name} {c.op} {target}: {c.denominator} is 0", depth)
        assert num is not None
        exact = Fraction(str(num)) / Fraction(str(den))
        ok = _cmp(exact, c.op, Fraction(str(c.value)))
        shown = f"{name} {percent(float(num) / float(den))} {c.op if ok else _neg(c.op)} {target}"
        return self.add(MET if ok else UNMET, shown, depth)

    def size(self, c: SizeIn, depth: int) -> str:
        from smeeco.errors import InvalidValueError
        from smeeco.model.common import Money
        from smeeco.sizing import classify, resolve_industry

        name = c.label or "size class"
        wanted = "/".join(c.classes)
        industry = self.row.get("industry")
        if industry is None:
            return self.add(UNKNOWN, f"{name} in {wanted}: industry missing", depth)
        try:
            resolved = resolve_industry(str(industry))
        except InvalidValueError as exc:
            return self.add(UNKNOWN, f"{name} in {wanted}: {exc.message}", depth)
        if resolved.industry is None:
            return self.add(UNKNOWN, f"{name} in {wanted}: {resolved.reason}", depth)
        money = {
            k: None if self.row.get(k) is None else Money(Decimal(str(self.row[k])))
            for k in ("revenue", "total_assets")
        }
        result = classify(
            resolved.industry,
            employees=self.row.get("employees"),
            revenue=money["revenue"],
            total_assets=money["total_assets"],
        )
        got = {s.value for s in result.candidates}
        if got <= set(c.classes):
            state = MET
        elif not got & set(c.classes):
            state = UNMET
        else:
            state = UNKNOWN
        shown = (
            result.size_class.value
            if result.size_class is not None
            else f"one of {'/'.join(k.value for k in result.candidates)}"
            f" (missing {', '.join(result.missing)})"
        )
        return self.add(state, f"{name} {shown}, needs {wanted}", depth)

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
        self.lines.append(Line(UNKNOWN, "", depth))
        lows: dict[str, int] = {}
        highs: dict[str, int] = {}
        for ind in c.indicators:
            possible: list[int] = []
            for band in ind.bands:
                state = MET if band.when is None else self.test(band.when)
                if state == MET:
                    possible.append(band.points)
                    break
                if state != UNMET:
                    possible.append(band.points)
            low, high = min(possible), max(possible)
            lows[ind.group] = lows.get(ind.group, 0) + low
            highs[ind.group] = highs.get(ind.group, 0) + high
            shown = f"{low}" if low == high else f"{low}-{high} (data missing)"
            self.add(
                MET if low == high else UNKNOWN, f"{ind.name} ({ind.group}): {shown}", depth + 1
            )
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
    """Evaluate ``criterion`` for one register row (a mapping of column → value)."""
    run = _Eval(row, as_of)
    state = run.run(criterion, 0)
    return Outcome(state, run.score, tuple(run.lines))

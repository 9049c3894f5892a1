"""Criteria compiled to narwhals column expressions: whole registers at once.

The compiled form gives, for every row, exactly what :func:`smeeco.rules.evaluate` gives
for that row — state, score and the ``why`` text (a Hypothesis property keeps them
equal). States are small integers while computing (met 0, manual 1, unknown 2, unmet 3):
``all`` is then the maximum of its items, ``any`` and ``not`` are ``when`` chains.

The expressions are narwhals expressions, so they run on Polars (the default), pandas,
PyArrow and Dask frames alike; :func:`prepare` first adds the columns that need the
register as a whole (size classes, tiers held on the day).

Money is held as float yuan, so ratio tests (``R&D / revenue ≥ 3 %``) are made by
cross-multiplying (``R&D × 100 ≥ 3 × revenue``), which is exact for whole-yuan amounts below
about 10^13 yuan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Any

import attrs
import narwhals.stable.v2 as nw
import polars as pl

from smeeco.register import Register, parse_tiers
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
from smeeco.rules.evaluate import MONEY_COLUMNS, RATIO_COLUMNS, percent, show_threshold
from smeeco.rules.pack import TierRules

__all__ = ["STATES", "CompiledRule", "compile_criterion", "eligible", "evaluate_frame", "prepare"]

MET, MANUAL, UNKNOWN, UNMET = 0, 1, 2, 3
#: State codes of the compiled form, and their names.
STATES = {MET: "met", MANUAL: "manual", UNKNOWN: "unknown", UNMET: "unmet"}
_NEG = {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠"}
_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "=="}


@attrs.frozen
class _Node:
    state: nw.Expr
    reasons: nw.Expr  # the decisive texts of this node, "; " between
    text: nw.Expr  # this node's own line
    layer: int  # the columns above exist once this many layers are computed


@attrs.frozen
class CompiledRule:
    """A criterion as expressions: ``state`` (codes), ``score`` and ``why`` (text).

    Each node's state and text are computed once, as helper columns in ``layers`` (each
    layer reads only the columns of earlier ones), so the plan grows linearly with the
    rule, not exponentially.
    """

    layers: tuple[tuple[tuple[str, nw.Expr], ...], ...]
    state: nw.Expr
    score: nw.Expr
    why: nw.Expr
    needs_size: bool
    tiers: tuple[str, ...]

    def apply(self, frame: Any) -> Any:
        """``frame`` (a narwhals frame) with the helper columns of every layer."""
        for layer in self.layers:
            frame = frame.with_columns(*[expr.alias(name) for name, expr in layer])
        return frame


def _lit(text: str) -> nw.Expr:
    return nw.lit(text, dtype=nw.String())


def _cat(*parts: nw.Expr | str) -> nw.Expr:
    exprs = [_lit(p) if isinstance(p, str) else p for p in parts]
    return nw.concat_str(exprs, separator="")


def _fixed(x: nw.Expr, places: int) -> nw.Expr:
    scale = 10**places
    safe = nw.when(x.is_finite()).then(x).otherwise(nw.lit(0.0))  # the text is unused then
    n = (safe * scale + 0.5).floor().fill_null(0).cast(nw.Int64())
    a = n.abs()
    q = a // scale
    whole = q.cast(nw.String())
    sign = nw.when(n < 0).then(_lit("-")).otherwise(_lit(""))
    if not places:
        return _cat(sign, whole)
    frac = (a - q * scale).cast(nw.String()).str.zfill(places)
    return _cat(sign, whole, ".", frac)


def _cmp(left: nw.Expr, op: str, right: Any) -> nw.Expr:
    out: nw.Expr
    if op == ">=":
        out = left >= right
    elif op == ">":
        out = left > right
    elif op == "<=":
        out = left <= right
    elif op == "<":
        out = left < right
    else:
        out = left == right
    return out


def _tier_column(tier: str) -> str:
    return f"__tier__{tier}"


class _Compiler:
    def __init__(self, schema: Mapping[str, Any], as_of: dt.date) -> None:
        self.schema = schema
        self.as_of = as_of
        self.score: nw.Expr | None = None
        self.needs_size = False
        self.tiers: list[str] = []
        self.layers: list[list[tuple[str, nw.Expr]]] = []
        self.texts = True  # band tests need their states only

    def emit(self, expr: nw.Expr, after: int) -> nw.Expr:
        """Compute ``expr`` as a helper column once layers ``< after`` exist."""
        while len(self.layers) <= after:
            self.layers.append([])
        name = f"__r{sum(len(x) for x in self.layers)}"
        self.layers[after].append((name, expr))
        return nw.col(name)

    def show(self, column: str, value: nw.Expr) -> nw.Expr:
        dtype = self.schema[column]
        if dtype == nw.Boolean():
            return nw.when(value).then(_lit("true")).otherwise(_lit("false"))
        if column in MONEY_COLUMNS:
            return _cat(_fixed(value.cast(nw.Float64()) / 10000, 2), "万元")
        if column in RATIO_COLUMNS:
            return _cat(_fixed(value.cast(nw.Float64()) * 100, 1), " %")
        if dtype.is_integer():
            return value.cast(nw.String())
        return _fixed(value.cast(nw.Float64()), 2)

    def node(self, c: Criterion) -> _Node:
        if isinstance(c, AllOf | AnyOf):
            kids = [self.node(item) for item in c.items]
            states = [k.state for k in kids]
            if isinstance(c, AllOf):
                state = nw.max_horizontal(*states)
            else:
                state = (
                    nw.when(nw.any_horizontal(*[s == MET for s in states], ignore_nulls=True))
                    .then(MET)
                    .when(nw.any_horizontal(*[s == UNKNOWN for s in states], ignore_nulls=True))
                    .then(UNKNOWN)
                    .when(nw.any_horizontal(*[s == MANUAL for s in states], ignore_nulls=True))
                    .then(MANUAL)
                    .otherwise(UNMET)
                )
            head = c.label or ("all of" if isinstance(c, AllOf) else "any of")
            return self.group(state, kids, head)
        if isinstance(c, NotOf):
            kid = self.node(c.item)
            state = (
                nw.when(kid.state == MET)
                .then(UNMET)
                .when(kid.state == UNMET)
                .then(MET)
                .otherwise(kid.state)
            )
            return self.group(state, [kid], c.label or "not")
        if isinstance(c, Compare):
            return self.compare(c)
        if isinstance(c, Ratio):
            return self.ratio(c)
        if isinstance(c, SizeIn):
            return self.size(c)
        if isinstance(c, HoldsTier):
            return self.tier(c)
        if isinstance(c, AgeAtLeast):
            return self.age(c)
        if isinstance(c, Manual):
            text = _lit(c.label or c.text)
            return _Node(nw.lit(MANUAL), text, text, 0)
        return self.scored(c)

    def group(self, state: nw.Expr, kids: list[_Node], head: str) -> _Node:
        at = max(k.layer for k in kids)
        state = self.emit(state, at)
        same = nw.concat_str(
            [nw.when(k.state == state).then(k.reasons) for k in kids],
            separator="; ",
            ignore_nulls=True,
        )
        reasons = nw.when(same.is_null() | (same == "")).then(_lit(head)).otherwise(same)
        return _Node(state, self.emit(reasons, at + 1), _lit(head), at + 2)

    def leaf(self, state: nw.Expr, text: nw.Expr, at: int = 0) -> _Node:
        text = self.emit(text, at) if self.texts else _lit("")
        return _Node(self.emit(state, at), text, text, at + 1)

    def compare(self, c: Compare) -> _Node:
        name = c.label or c.column
        target = show_threshold(c.column, c.value)
        is_bool = isinstance(c.value, bool)
        missing = (
            f"{name}: {c.column} missing"
            if is_bool
            else f"{name} {c.op} {target}: {c.column} missing"
        )
        if c.column not in self.schema:
            return self.leaf(nw.lit(UNKNOWN), _lit(missing))
        v = nw.col(c.column)
        if is_bool or self.schema[c.column] == nw.Boolean():
            ok = (v == c.value) if c.op == "==" else nw.lit(False)
            if not is_bool or self.schema[c.column] != nw.Boolean():
                ok = nw.lit(False)
            text = _cat(f"{name}: ", self.show(c.column, v))
        else:
            ok = _cmp(v, c.op, c.value)
            shown = nw.when(ok).then(_lit(c.op)).otherwise(_lit(_NEG[c.op]))
            text = _cat(f"{name} ", self.show(c.column, v), " ", shown, f" {target}")
        state = nw.when(v.is_null()).then(UNKNOWN).when(ok).then(MET).otherwise(UNMET)
        return self.leaf(state, nw.when(v.is_null()).then(_lit(missing)).otherwise(text))

    def ratio(self, c: Ratio) -> _Node:
        name = c.label or f"{c.numerator}/{c.denominator}"
        target = percent(c.value)
        head = f"{name} {c.op} {target}: "
        have = [n for n in (c.numerator, c.denominator) if n in self.schema]
        if len(have) < 2:
            gone = [
                nw.when(nw.col(n).is_null()).then(_lit(n)) if n in self.schema else _lit(n)
                for n in (c.numerator, c.denominator)
            ]
            text = _cat(head, nw.concat_str(gone, separator=", ", ignore_nulls=True), " missing")
            return self.leaf(nw.lit(UNKNOWN), text)
        num = nw.col(c.numerator).cast(nw.Float64())
        den = nw.col(c.denominator).cast(nw.Float64())
        fraction = Fraction(str(c.value))
        p, q = fraction.numerator, fraction.denominator
        ok = (
            nw.when(den > 0)
            .then(_cmp(num * q, c.op, den * p))
            .otherwise(_cmp(num * q, _FLIP[c.op], den * p))
        )
        null = num.is_null() | den.is_null()
        absent = nw.concat_str(
            [
                nw.when(num.is_null()).then(_lit(c.numerator)),
                nw.when(den.is_null()).then(_lit(c.denominator)),
            ],
            separator=", ",
            ignore_nulls=True,
        )
        shown = nw.when(ok).then(_lit(c.op)).otherwise(_lit(_NEG[c.op]))
        value = _cat(_fixed(num / den * 100, 1), " %")
        text = (
            nw.when(null)
            .then(_cat(head, absent, " missing"))
            .when(den == 0)
            .then(_lit(f"{head}{c.denominator} is 0"))
            .otherwise(_cat(f"{name} ", value, " ", shown, f" {target}"))
        )
        state = nw.when(null | (den == 0)).then(UNKNOWN).when(ok).then(MET).otherwise(UNMET)
        return self.leaf(state, text)

    def size(self, c: SizeIn) -> _Node:
        self.needs_size = True
        name = c.label or "size class"
        wanted = "/".join(c.classes)
        cls, cands = nw.col("size_class"), nw.col("size_candidates")
        open_ = cls == "undetermined"

        def has(k: str) -> nw.Expr:
            return nw.when(open_).then(cands.str.contains(k, literal=True)).otherwise(cls == k)

        others = [k for k in ("large", "medium", "small", "micro") if k not in c.classes]
        inside = (
            ~nw.any_horizontal(*[has(k) for k in others], ignore_nulls=True)
            if others
            else nw.lit(True)
        )
        outside = ~nw.any_horizontal(*[has(k) for k in c.classes], ignore_nulls=True)
        unsized = nw.col("size_industry").is_null()
        state = (
            nw.when(unsized)
            .then(UNKNOWN)
            .when(inside)
            .then(MET)
            .when(outside)
            .then(UNMET)
            .otherwise(UNKNOWN)
        )
        industry_missing = (
            nw.col("industry").is_null() if "industry" in self.schema else nw.lit(True)
        )
        shown = (
            nw.when(open_)
            .then(
                _cat(
                    "one of ",
                    cands.str.replace_all("|", "/", literal=True),
                    " (missing ",
                    nw.col("size_missing").str.replace_all("|", ", ", literal=True),
                    ")",
                )
            )
            .otherwise(cls)
        )
        text = (
            nw.when(industry_missing)
            .then(_lit(f"{name} in {wanted}: industry missing"))
            .when(unsized)
            .then(_cat(f"{name} in {wanted}: ", nw.col("size_note")))
            .otherwise(_cat(f"{name} ", shown, f", needs {wanted}"))
        )
        return self.leaf(state, text)

    def tier(self, c: HoldsTier) -> _Node:
        self.tiers.append(c.tier)
        name = c.label or f"holds {c.tier}"
        held = nw.col(_tier_column(c.tier))
        state = nw.when(held.is_null()).then(UNKNOWN).when(held).then(MET).otherwise(UNMET)
        text = (
            nw.when(held.is_null())
            .then(_lit(f"{name}: tiers missing"))
            .when(held)
            .then(_lit(f"{name} on {self.as_of}"))
            .otherwise(_lit(f"{name}: not held on {self.as_of}"))
        )
        return self.leaf(state, text)

    def age(self, c: AgeAtLeast) -> _Node:
        name = c.label or f"registered ≥ {c.years} years"
        if "registered_on" not in self.schema:
            return self.leaf(nw.lit(UNKNOWN), _lit(f"{name}: registered_on missing"))
        day = nw.col("registered_on")
        month, dom = day.dt.month(), day.dt.day()
        later = (month > self.as_of.month) | ((month == self.as_of.month) & (dom > self.as_of.day))
        years = (self.as_of.year - day.dt.year()) - nw.when(later).then(1).otherwise(0)
        state = (
            nw.when(day.is_null()).then(UNKNOWN).when(years >= c.years).then(MET).otherwise(UNMET)
        )
        text = (
            nw.when(day.is_null())
            .then(_lit(f"{name}: registered_on missing"))
            .otherwise(_cat(f"{name}: ", years.cast(nw.String()), f" full years on {self.as_of}"))
        )
        return self.leaf(state, text)

    def scored(self, c: Score) -> _Node:
        lows: dict[str, list[nw.Expr]] = {}
        highs: dict[str, list[nw.Expr]] = {}
        lines: list[_Node] = []
        deepest = 0
        bounds: list[tuple[Any, nw.Expr, nw.Expr]] = []
        for ind in c.indicators:
            reach: nw.Expr = nw.lit(True)
            options: list[nw.Expr] = []
            for band in ind.bands:
                if band.when is None:
                    options.append(nw.when(reach).then(nw.lit(band.points)))
                    break
                texts, self.texts = self.texts, False
                test = self.node(band.when)
                self.texts = texts
                s = test.state
                deepest = max(deepest, test.layer)
                options.append(nw.when(reach & (s != UNMET)).then(nw.lit(band.points)))
                reach = reach & (s != MET)
            # never null: the last band, or an earlier met one, always gives points
            low_expr = nw.min_horizontal(*options).cast(nw.Int64())
            bounds.append((ind, low_expr, nw.max_horizontal(*options).cast(nw.Int64())))
        for ind, low_expr, high_expr in bounds:
            low, high = self.emit(low_expr, deepest), self.emit(high_expr, deepest)
            lows.setdefault(ind.group, []).append(low)
            highs.setdefault(ind.group, []).append(high)
            decided = low == high
            text = (
                nw.when(decided)
                .then(_cat(f"{ind.name} ({ind.group}): ", low.cast(nw.String())))
                .otherwise(
                    _cat(
                        f"{ind.name} ({ind.group}): ",
                        low.cast(nw.String()),
                        "-",
                        high.cast(nw.String()),
                        " (data missing)",
                    )
                )
            )
            lines.append(
                self.leaf(nw.when(decided).then(MET).otherwise(UNKNOWN), text, deepest + 1)
            )

        def total(parts: dict[str, list[nw.Expr]], group: str | None = None) -> nw.Expr:
            # sums become helper columns of their own (Dask cannot mix them with literals)
            exprs = [e for g, es in parts.items() if group in (None, g) for e in es]
            summed = nw.sum_horizontal(*exprs) if exprs else nw.lit(0, dtype=nw.Int64())
            return self.emit(summed.cast(nw.Int64()), deepest + 1)

        def got(lo: nw.Expr, hi: nw.Expr) -> nw.Expr:
            return (
                nw.when(lo == hi)
                .then(lo.cast(nw.String()))
                .otherwise(_cat(lo.cast(nw.String()), "-", hi.cast(nw.String())))
            )

        fails: list[nw.Expr] = []
        unsure: list[nw.Expr] = []
        for group, floor in c.floors.items():
            lo, hi = total(lows, group), total(highs, group)
            fails.append(hi < floor)
            unsure.append((lo < floor) & (hi >= floor))
            state = nw.when(lo >= floor).then(MET).when(hi < floor).then(UNMET).otherwise(UNKNOWN)
            sign = nw.when(lo >= floor).then(_lit("≥")).otherwise(_lit("vs"))
            lines.append(
                self.leaf(
                    state, _cat(f"{group} ", got(lo, hi), " ", sign, f" {floor}"), deepest + 2
                )
            )
        low_all, high_all = total(lows), total(highs)
        any_fail = nw.any_horizontal(*fails, ignore_nulls=True) if fails else nw.lit(False)
        any_unsure = nw.any_horizontal(*unsure, ignore_nulls=True) if unsure else nw.lit(False)
        state = (
            nw.when((high_all < c.min) | any_fail)
            .then(UNMET)
            .when((low_all >= c.min) & ~any_unsure)
            .then(MET)
            .otherwise(UNKNOWN)
        )
        label = c.label or "score"
        at = deepest + 3
        state = self.emit(state, deepest + 2)
        text = self.emit(
            _cat(f"{label} ", got(low_all, high_all), f" (needs ≥ {c.min})"), deepest + 2
        )
        reasons = nw.concat_str(
            [text, *[nw.when(line.state == state).then(line.text) for line in lines]],
            separator="; ",
            ignore_nulls=True,
        )
        self.score = self.emit(nw.when(low_all == high_all).then(low_all), deepest + 2)
        return _Node(state, self.emit(reasons, at), text, at + 1)


def compile_criterion(
    criterion: Criterion, schema: Mapping[str, Any], as_of: dt.date
) -> CompiledRule:
    """Compile ``criterion`` for frames with ``schema`` (a narwhals schema) on ``as_of``."""
    compiler = _Compiler(schema, as_of)
    node = compiler.node(criterion)
    why = nw.when(node.state == MET).then(_lit("")).otherwise(node.reasons)
    score = compiler.score if compiler.score is not None else nw.lit(None, dtype=nw.Int64())
    return CompiledRule(
        tuple(tuple(layer) for layer in compiler.layers),
        node.state,
        score,
        why,
        compiler.needs_size,
        tuple(dict.fromkeys(compiler.tiers)),
    )


def _walk(c: Criterion) -> Iterator[Criterion]:
    yield c
    if isinstance(c, AllOf | AnyOf):
        for item in c.items:
            yield from _walk(item)
    elif isinstance(c, NotOf):
        yield from _walk(c.item)
    elif isinstance(c, Score):
        for ind in c.indicators:
            for band in ind.bands:
                if band.when is not None:
                    yield from _walk(band.when)


def prepare(register: Register, criterion: Criterion, as_of: dt.date) -> pl.DataFrame:
    """The register plus what the compiled rule reads: size columns and tiers held."""
    frame = register.frame
    nodes = list(_walk(criterion))
    if any(isinstance(n, SizeIn) for n in nodes):
        from smeeco.sizing.frame import classify_register

        if "industry" in frame.columns:
            frame = classify_register(register)
        else:
            frame = frame.with_columns(
                pl.lit("undetermined").alias("size_class"),
                *[
                    pl.lit(None, dtype=pl.String).alias(n)
                    for n in ("size_candidates", "size_missing", "size_industry", "size_note")
                ],
            )
    tiers = list(dict.fromkeys(n.tier for n in nodes if isinstance(n, HoldsTier)))
    if tiers:
        cells = frame["tiers"].drop_nulls().unique().to_list() if "tiers" in frame.columns else []
        for tier in tiers:
            table = {cell: _holds(cell, tier, as_of) for cell in cells}
            if "tiers" in frame.columns:
                expr = pl.col("tiers").replace_strict(table, default=None, return_dtype=pl.Boolean)
            else:
                expr = pl.lit(None, dtype=pl.Boolean)
            frame = frame.with_columns(expr.alias(_tier_column(tier)))
    return frame


def _holds(cell: str, tier: str, as_of: dt.date) -> bool:
    for held, awarded, expires in parse_tiers(cell):
        if held != tier:
            continue
        if awarded is not None and awarded > as_of:
            continue
        if expires is not None and expires < as_of:
            continue
        return True
    return False


def evaluate_frame(frame: Any, criterion: Criterion, as_of: dt.date, *, ids: str = "id") -> Any:
    """Evaluate a prepared frame of any narwhals backend; returns the same backend's frame.

    The result has ``id`` (when the frame has ``ids``), ``status``, ``score`` and ``why``;
    ``score`` keeps the backend's number type (pandas may hold it as a float).
    """
    data = nw.from_native(frame)
    rule = compile_criterion(criterion, data.collect_schema(), as_of)
    data = rule.apply(data)
    status = (
        nw.when(rule.state == MET)
        .then(_lit("met"))
        .when(rule.state == MANUAL)
        .then(_lit("manual"))
        .when(rule.state == UNKNOWN)
        .then(_lit("unknown"))
        .otherwise(_lit("unmet"))
    )
    columns = [nw.col(ids).cast(nw.String()).alias("id")] if ids in data.columns else []
    out = data.select(
        *columns, status.alias("status"), rule.score.alias("score"), rule.why.alias("why")
    )
    return out.to_native()


def eligible(
    register: Register,
    tier: str,
    as_of: dt.date,
    *,
    rules: Mapping[str, TierRules] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pl.DataFrame:
    """Evaluate ``tier`` for every row at once (compiled); same output as ``eligible_rows``.

    Examples
    --------
    >>> import datetime as dt, polars as pl
    >>> from smeeco.register import read_register
    >>> reg = read_register(pl.DataFrame({"id": ["a"], "industry": ["工业"], "employees": [2000],
    ...                                   "revenue": [5e9], "compliant": [True]}))
    >>> eligible(reg, "cn-innovative-sme", dt.date(2024, 1, 1)).row(0)
    ('a', 'unmet', None, '中小企业 (工信部联企业〔2011〕300号) large, needs medium/small/micro')
    """
    from smeeco.rules.register import tier_rules

    version = tier_rules(tier, rules).on(as_of)
    frame = prepare(register, version.criterion, as_of)
    if "id" not in frame.columns:
        frame = frame.with_columns(pl.format("row {}", pl.int_range(1, pl.len() + 1)).alias("id"))
    result: pl.DataFrame = evaluate_frame(frame, version.criterion, as_of)
    result = result.with_columns(pl.col("score").cast(pl.Int64))
    if progress is not None:
        progress(len(register), len(register))
    return result

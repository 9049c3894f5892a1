"""Size classes for a whole register, column by column.

The same rule as :func:`smeeco.sizing.classify` (a property test keeps them equal), as
Polars expressions: three-valued comparisons (a missing figure is null) combined with
Kleene logic, so a row is ``undetermined`` exactly when the row function would list more
than one candidate.

Output columns, added after the register's own:

``size_class``
    large / medium / small / micro, or ``undetermined``.
``size_candidates``
    for an undetermined row, the classes still possible, largest first, ``|`` between.
``size_missing``
    the figures that would decide (``revenue``; ``linked:e7`` for EU holdings).
``size_industry``
    the standard's industry the row was sized under.
``size_note``
    why a row could not be sized at all (an industry the standard does not size).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import polars as pl

from smeeco.errors import InvalidValueError, Problem, RegisterError, ValidationError
from smeeco.register import Register
from smeeco.sizing.industries import resolve_industry
from smeeco.sizing.miit import INDICATORS, SizeStandard, miit_2011

__all__ = ["SIZE_COLUMNS", "STANDARDS", "check_industries", "classify_register"]

#: The columns :func:`classify_register` adds.
SIZE_COLUMNS = ("size_class", "size_candidates", "size_missing", "size_industry", "size_note")
#: Standards :func:`classify_register` knows, by the name the CLI uses.
STANDARDS = ("miit-2011", "nbs-2017", "eu-2003")
UNDETERMINED = "undetermined"
_ORDER = ("large", "medium", "small", "micro")
_COLUMN = {"X": "employees", "Y": "revenue", "Z": "total_assets"}
_YUAN = {"X": Decimal(1), "Y": Decimal(10000), "Z": Decimal(10000)}


def classify_register(
    register: Register,
    *,
    standard: str = "miit-2011",
    holdings: Any = None,
    yuan_per_euro: Decimal | float | str | None = None,
) -> pl.DataFrame:
    """The register's rows plus the size columns (:data:`SIZE_COLUMNS`).

    Parameters
    ----------
    register:
        A checked register (:func:`smeeco.register.read_register`).
    standard:
        ``"miit-2011"`` (工信部联企业〔2011〕300号), ``"nbs-2017"`` (国统字〔2017〕213号:
        the same thresholds; industries may be GB/T 4754-2017 codes) or ``"eu-2003"``
        (Recommendation 2003/361/EC; needs ``yuan_per_euro``).
    holdings:
        EU only: a table (path or DataFrame) with columns ``holder``, ``held``, ``share``
        (a fraction of capital or voting rights, whichever is greater).

    Examples
    --------
    >>> import polars as pl
    >>> from smeeco.register import read_register
    >>> reg = read_register(pl.DataFrame({
    ...     "id": ["a", "b", "c"], "industry": ["工业", "C13", "工业"],
    ...     "employees": [300, 300, 500], "revenue": [2000, 1999, None]}), money_unit="万元")
    >>> out = classify_register(reg)
    >>> out.select("id", "size_class", "size_candidates", "size_missing").rows()
    ... # doctest: +NORMALIZE_WHITESPACE
    [('a', 'medium', None, None), ('b', 'small', None, None),
     ('c', 'undetermined', 'medium|small|micro', 'revenue')]
    """
    if standard == "eu-2003":
        from smeeco.sizing.eu import classify_eu

        return classify_eu(register, holdings=holdings, yuan_per_euro=yuan_per_euro)
    if standard not in STANDARDS:
        raise RegisterError(
            f"unknown size standard {standard!r}; use one of {', '.join(STANDARDS)}"
        )
    if holdings is not None:
        raise RegisterError("holdings are read by the EU standard only (--standard eu-2003)")
    if "industry" not in register.frame.columns:
        raise RegisterError(f"{register.source} has no 'industry' column; sizing needs one")
    return _classify_cn(register, miit_2011())


def check_industries(register: Register, standard: SizeStandard | None = None) -> None:
    """Refuse a register whose ``industry`` cells name no industry the standard knows.

    Each bad cell is an :class:`~smeeco.InvalidValueError` naming its row and column (the
    first 50, then a count), all in one :class:`~smeeco.ValidationError` — what
    :func:`classify_register` raises for the same register. A known code the standard
    does not size is not an error: its rows are unsized, with the reason.
    """
    if "industry" in register.frame.columns:
        _resolve_all(register, standard or miit_2011())


def _resolve_all(
    register: Register, standard: SizeStandard
) -> tuple[dict[str, str | None], dict[str, str]]:
    frame = register.frame
    industries: dict[str, str | None] = {}
    notes: dict[str, str] = {}
    bad: dict[str, str] = {}
    for cell in register.industry_cells():
        try:
            resolution = resolve_industry(cell, standard)
        except InvalidValueError as exc:
            bad[cell] = exc.message
            continue
        industries[cell] = resolution.industry
        if resolution.reason:
            notes[cell] = resolution.reason
    if bad:
        rows = frame.select(pl.int_range(pl.len()).alias("row"), "industry").filter(
            pl.col("industry").is_in(list(bad))
        )
        problems: list[Problem] = [
            InvalidValueError(bad[value], f"{register.where(row)}, column industry")
            for row, value in rows.head(50).iter_rows()
        ]
        if rows.height > 50:
            problems.append(
                InvalidValueError(f"... and {rows.height - 50} more", "column industry")
            )
        raise ValidationError(register.source, problems)
    return industries, notes


def _lookup(code: pl.Expr, values: Sequence[Any], dtype: Any) -> pl.Expr:
    """``values[code]`` for each row (null where ``code`` is null): a gather, no hashing."""
    return pl.lit(pl.Series(list(values), dtype=dtype)).gather(code)


def _classify_cn(register: Register, standard: SizeStandard) -> pl.DataFrame:
    industries, notes = _resolve_all(register, standard)
    frame = register.frame
    names = list(standard.industries)
    index = {name: i for i, name in enumerate(names)}
    # Each row's industry as a small integer (one look-up of its text); everything after
    # is arithmetic on numbers, and texts are picked from short lists by those numbers.
    codes = {cell: index[ind] for cell, ind in industries.items() if ind is not None}
    cell = pl.col("industry")
    if len(codes) <= 32:
        code_expr = pl.lit(None, dtype=pl.Int32)
        for written, number in codes.items():
            code_expr = (
                pl.when(cell == written).then(pl.lit(number, dtype=pl.Int32)).otherwise(code_expr)
            )
    else:
        code_expr = cell.replace_strict(codes, default=None, return_dtype=pl.Int32)
    code = pl.col("__code")
    sized = code.is_not_null()

    def value(indicator: str) -> pl.Expr:
        if _COLUMN[indicator] in frame.columns:
            return pl.col(_COLUMN[indicator])
        return pl.lit(None, dtype=pl.Float64)

    def reached(part: str) -> pl.Expr:
        out = pl.lit(True)
        for indicator in "XYZ":
            bounds: list[float | None] = []
            for row in standard.industries.values():
                limits = {
                    "sme": row.sme_upper,
                    "medium": row.medium_lower,
                    "small": row.small_lower,
                }
                bound = limits[part].get(indicator)
                bounds.append(None if bound is None else float(bound * _YUAN[indicator]))
            if all(b is None for b in bounds):
                continue
            b = _lookup(code, bounds, pl.Float64)
            out = out & (b.is_null() | (value(indicator) >= b))
        return out

    # One lazy plan in stages, each reading the helper columns of the stage before: every
    # test is computed once (one eager expression would repeat the shared ones).
    work = frame.lazy().with_columns(code_expr.alias("__code"))
    work = work.with_columns(
        reached("sme").alias("__large"),
        reached("medium").alias("__medium"),
        reached("small").alias("__small"),
    )
    large, medium, small = pl.col("__large"), pl.col("__medium"), pl.col("__small")
    not_large, not_medium = ~large.fill_null(False), ~medium.fill_null(False)
    possible = [
        large.fill_null(True),
        not_large & medium.fill_null(True),
        not_large & not_medium & small.fill_null(True),
        not_large & not_medium & ~small.fill_null(False),
    ]
    # the classes still possible as bits (large 8, medium 4, small 2, micro 1); a sized
    # row has at least one, so 0 marks an unsized row
    pattern = pl.sum_horizontal([p.cast(pl.Int32) * (8 >> i) for i, p in enumerate(possible)])
    pattern = pl.when(sized).then(pattern).otherwise(pl.lit(0))
    uses = {
        ind: _lookup(code, [ind in r.indicators for r in standard.industries.values()], pl.Boolean)
        for ind in "XYZ"
    }
    gaps = pl.sum_horizontal(
        [
            (uses[ind] & value(ind).is_null()).cast(pl.Int32) * (4 >> i)
            for i, ind in enumerate("XYZ")
        ]
    )
    work = work.with_columns(pattern.alias("__pattern"), gaps.fill_null(0).alias("__gaps"))
    bits, gap = pl.col("__pattern"), pl.col("__gaps")
    several = [bin(n).count("1") > 1 for n in range(16)]
    classes = [
        next(name for i, name in enumerate(_ORDER) if n & (8 >> i))
        if bin(n).count("1") == 1
        else UNDETERMINED
        for n in range(16)
    ]
    candidates = [
        "|".join(name for i, name in enumerate(_ORDER) if n & (8 >> i)) if several[n] else None
        for n in range(16)
    ]
    figures = [
        "|".join(INDICATORS[ind] for i, ind in enumerate("XYZ") if n & (4 >> i)) or None
        for n in range(8)
    ]
    text = pl.String
    note = (
        pl.when(~sized)
        .then(
            cell.replace_strict(dict(notes), default=None, return_dtype=text)
            if notes
            else pl.lit(None, dtype=text)
        )
        .fill_null(pl.when(~sized).then(pl.lit("no industry given")))
    )
    drop = [c for c in SIZE_COLUMNS if c in frame.columns]
    result = (work.drop(drop) if drop else work).with_columns(
        _lookup(bits, classes, text).alias("size_class"),
        _lookup(bits, candidates, text).alias("size_candidates"),
        pl.when(_lookup(bits, several, pl.Boolean))
        .then(_lookup(gap, figures, text))
        .alias("size_missing"),
        _lookup(code, names, text).alias("size_industry"),
        note.alias("size_note"),
    )
    helpers = ("__code", "__large", "__medium", "__small", "__pattern", "__gaps")
    return result.drop(*helpers).collect()


def _finish(
    frame: pl.DataFrame,
    possible: Mapping[str, pl.Expr],
    ind: pl.Expr,
    uses: Mapping[str, pl.Expr],
    value: Any,
    notes: Mapping[str, str],
    extra_missing: Sequence[pl.Expr] = (),
) -> pl.DataFrame:
    frame = frame.with_columns(
        pl.sum_horizontal([p.cast(pl.Int32) for p in possible.values()]).alias("__count")
    )
    count = pl.col("__count")
    sized = ind.is_not_null()
    one = pl.lit(None, dtype=pl.String)
    for name in reversed(_ORDER):
        one = pl.when(possible[name]).then(pl.lit(name)).otherwise(one)
    size_class = pl.when(sized & (count == 1)).then(one).otherwise(pl.lit(UNDETERMINED))
    open_ = sized & (count > 1)
    candidates = pl.when(open_).then(
        pl.concat_str(
            [pl.when(possible[n]).then(pl.lit(n)) for n in _ORDER],
            separator="|",
            ignore_nulls=True,
        )
    )
    missing_parts = [
        pl.when(uses[code] & value(code).is_null()).then(pl.lit(INDICATORS[code])) for code in "XYZ"
    ]
    missing = pl.when(open_).then(
        pl.concat_str([*missing_parts, *extra_missing], separator="|", ignore_nulls=True)
    )
    note = (
        pl.when(~sized)
        .then(
            pl.col("industry").replace_strict(dict(notes), default=None, return_dtype=pl.String)
            if notes
            else pl.lit(None, dtype=pl.String)
        )
        .fill_null(pl.when(~sized).then(pl.lit("no industry given")))
    )
    drop = [c for c in SIZE_COLUMNS if c in frame.columns]
    base = (frame.drop(drop) if drop else frame).with_columns(missing.alias("__missing"))
    return base.with_columns(
        size_class.alias("size_class"),
        candidates.alias("size_candidates"),
        pl.when(pl.col("__missing") != "").then(pl.col("__missing")).alias("size_missing"),
        ind.alias("size_industry"),
        note.alias("size_note"),
    )

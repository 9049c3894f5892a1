"""The EU SME definition (Commission Recommendation 2003/361/EC, Annex), column-wise.

Art 2: medium < 250 staff and (turnover ≤ €50m or balance sheet ≤ €43m); small < 50 and
(≤ €10m or ≤ €10m); micro < 10 and (≤ €2m or ≤ €2m); otherwise large. Art 3 and 6(2):
a *partner* (25 %–50 % of capital or voting rights, whichever is greater, held either way)
adds its figures pro rata, a *linked* enterprise (> 50 %) adds them in full.

Readings, documented in docs/enterprises.md: staff is the register's ``employees``
(headcount, not annual work units); the balance-sheet total is ``total_assets``; only
direct holdings count (partners of partners are not followed); the public-body rule
(Art 3(4)), the investor exceptions of Art 3(2) and the two-consecutive-periods rule of
Art 4(2) are not applied — the class is that of the figures given.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import polars as pl

from smeeco.errors import InvalidValueError, Problem, RegisterError, ValidationError
from smeeco.register import Register

__all__ = ["EU_THRESHOLDS", "classify_eu", "read_holdings"]

#: Art 2 of the Annex: (staff below, turnover at most, balance sheet at most), in euro.
EU_THRESHOLDS = {
    "micro": (10, 2_000_000, 2_000_000),
    "small": (50, 10_000_000, 10_000_000),
    "medium": (250, 50_000_000, 43_000_000),
}
_FIGURES = ("employees", "revenue", "total_assets")


def read_holdings(source: Any) -> pl.DataFrame:
    """Read a holdings table (``holder``, ``held``, ``share``), checking every row."""
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            frame = (
                pl.read_parquet(path)
                if path.suffix.lower() == ".parquet"
                else pl.read_csv(path, infer_schema=False)
            )
        except Exception as exc:
            raise RegisterError(f"cannot read holdings {path.name}: {exc}") from None
        label = path.name
    elif isinstance(source, pl.DataFrame):
        frame, label = source, "the holdings"
    else:
        import narwhals.stable.v2 as nw

        frame, label = nw.from_native(source, eager_only=True).to_polars(), "the holdings"
    missing = [c for c in ("holder", "held", "share") if c not in frame.columns]
    if missing:
        raise RegisterError(f"{label} lacks the column(s) {', '.join(missing)}")
    problems: list[Problem] = []
    rows = []
    for i, (holder, held, share) in enumerate(
        frame.select(
            pl.col("holder").cast(pl.String), pl.col("held").cast(pl.String), "share"
        ).iter_rows()
    ):
        where = f"row {i + 1}"
        try:
            value = Decimal(str(share).strip())
            if not value.is_finite() or not 0 <= value <= 1:
                raise InvalidOperation
        except InvalidOperation:
            problems.append(
                InvalidValueError(f"share {share!r} must be a fraction from 0 to 1", where)
            )
            continue
        if not holder or not held or holder.strip() == held.strip():
            problems.append(
                InvalidValueError(f"holder {holder!r} and held {held!r} must be two ids", where)
            )
            continue
        rows.append((holder.strip(), held.strip(), float(value)))
    if problems:
        raise ValidationError(label, problems)
    return pl.DataFrame(
        rows, schema={"holder": pl.String, "held": pl.String, "share": pl.Float64}, orient="row"
    )


def classify_eu(
    register: Register, *, holdings: Any = None, yuan_per_euro: Decimal | float | str | None
) -> pl.DataFrame:
    """Size classes under 2003/361/EC; amounts are converted at ``yuan_per_euro``."""
    from smeeco.sizing.frame import _finish

    if yuan_per_euro is None:
        raise RegisterError(
            "the EU definition counts euro: give the exchange rate (yuan_per_euro=7.8,"
            " --yuan-per-euro 7.8); no rate is assumed"
        )
    try:
        rate = Decimal(str(yuan_per_euro))
        if not rate.is_finite() or rate <= 0:
            raise InvalidOperation
    except InvalidOperation:
        raise RegisterError(f"yuan_per_euro {yuan_per_euro!r} must be a positive number") from None
    frame = register.frame
    for name in _FIGURES:
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype=pl.Float64).alias(name))
    figures = frame.select(pl.col(n).cast(pl.Float64).alias(n) for n in _FIGURES).with_columns(
        pl.col("revenue") / float(rate), pl.col("total_assets") / float(rate)
    )
    extra_missing: list[pl.Expr] = []
    if holdings is not None:
        if "id" not in frame.columns:
            raise RegisterError(f"{register.source} needs an 'id' column to apply holdings")
        table = read_holdings(holdings)
        figures, missing_ids = _aggregate(frame["id"], figures, table)
        extra_missing.append(missing_ids)
    own = frame.select(pl.col(n).cast(pl.Float64).alias(f"__own_{n}") for n in _FIGURES)
    work = pl.concat([figures, own], how="horizontal").with_columns(pl.lit("eu").alias("__ind"))
    staff, turnover, balance = (pl.col(n) for n in _FIGURES)

    def within(cls: str) -> pl.Expr:
        s, t, b = EU_THRESHOLDS[cls]
        return (staff < s) & ((turnover <= t) | (balance <= b))

    work = work.with_columns(within(k).alias(f"__in_{k}") for k in ("micro", "small", "medium"))
    micro, small, medium = pl.col("__in_micro"), pl.col("__in_small"), pl.col("__in_medium")
    work = work.with_columns(
        micro.fill_null(True).alias("__p_micro"),
        (~micro.fill_null(False) & small.fill_null(True)).alias("__p_small"),
        (~small.fill_null(False) & medium.fill_null(True)).alias("__p_medium"),
        (~medium.fill_null(False)).alias("__p_large"),
    )
    possible = {k: pl.col(f"__p_{k}") for k in ("large", "medium", "small", "micro")}
    uses = {code: pl.lit(True) for code in "XYZ"}
    names = {"X": "employees", "Y": "revenue", "Z": "total_assets"}

    def value(code: str) -> pl.Expr:
        return pl.col(f"__own_{names[code]}")

    evaluated = work.with_columns(pl.col("__ind").alias("industry"))
    result = _finish(evaluated, possible, pl.col("__ind"), uses, value, {}, extra_missing)
    sizes = result.select(
        "size_class",
        "size_candidates",
        "size_missing",
        pl.lit("EU 2003/361/EC").alias("size_industry"),
        "size_note",
    )
    drop = [c for c in sizes.columns if c in register.frame.columns]
    return pl.concat([register.frame.drop(drop), sizes], how="horizontal")


def _aggregate(
    ids: pl.Series, figures: pl.DataFrame, table: pl.DataFrame
) -> tuple[pl.DataFrame, pl.Expr]:
    own = figures.with_columns(ids.alias("__id"))
    pairs = (
        pl.concat(
            [
                table.select(pl.col("holder").alias("ent"), pl.col("held").alias("other"), "share"),
                table.select(pl.col("held").alias("ent"), pl.col("holder").alias("other"), "share"),
            ]
        )
        .with_columns(
            pl.when(pl.col("share") > 0.5)
            .then(1.0)
            .when(pl.col("share") >= 0.25)
            .then(pl.col("share"))
            .otherwise(0.0)
            .alias("w")
        )
        .filter(pl.col("w") > 0)
    )
    joined = pairs.join(own, left_on="other", right_on="__id", how="left")
    agg = joined.group_by("ent").agg(
        *[
            pl.when((pl.col(n) * pl.col("w")).is_null().any())
            .then(None)
            .otherwise((pl.col(n) * pl.col("w")).sum())
            .alias(f"__add_{n}")
            for n in _FIGURES
        ],
        pl.col("other")
        .filter(pl.any_horizontal(pl.col(n).is_null() for n in _FIGURES))
        .unique()
        .sort()
        .str.join("|")
        .alias("__unknown"),
    )
    merged = own.join(agg, left_on="__id", right_on="ent", how="left", maintain_order="left")
    has = pl.col("__unknown").is_not_null()
    out = merged.select(
        *[
            pl.when(has).then(pl.col(n) + pl.col(f"__add_{n}")).otherwise(pl.col(n)).alias(n)
            for n in _FIGURES
        ],
        pl.col("__unknown"),
    )
    missing = pl.when(pl.col("__unknown") != "").then(
        pl.lit("linked:") + pl.col("__unknown").str.replace_all(r"\|", "|linked:")
    )
    return out, missing

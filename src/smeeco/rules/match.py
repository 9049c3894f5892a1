"""政策找企业 for a whole register: size class, tiers met and the measures meant for each row.

:func:`match_register` answers, column by column (criteria compiled to narwhals
expressions by :mod:`smeeco.rules.compile`), what :func:`smeeco.eligible_measures` answers
for one enterprise; :func:`match_rows` is the row-by-row baseline, and a Hypothesis property
keeps the two equal. Output columns, one row per enterprise:

``id``
    the register's id (``row N`` when it has none).
``size_class``
    as :func:`smeeco.sizing.frame.classify_register` (MIIT 2011).
``tiers_met``
    the tiers whose criteria (in force on the day) the enterprise meets, ``|`` between.
``measures_met``, ``measures_unknown``, ``measures_manual``
    the ids of the measures meant for it, of those that missing data could make meant for
    it, and of those a person must decide (a group without criteria, 产业链上下游…), in
    document order, ``|`` between. Measures not meant for it are not listed. An empty
    cell means none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import narwhals.stable.v2 as nw
import polars as pl

from smeeco.ecosystem import Ecosystem
from smeeco.model import Jurisdiction
from smeeco.model.values import as_date
from smeeco.register import Register
from smeeco.register.chunks import CHUNK_ROWS, with_row_ids
from smeeco.rules.compile import compile_criterion, prepare
from smeeco.rules.criteria import AllOf, Criterion, SizeIn
from smeeco.rules.evaluate import evaluate
from smeeco.rules.groups import GroupRules, bundled_group_rules
from smeeco.rules.measures import (
    group_children,
    match_row,
    measure_place,
    measures_in_order,
    place_prefix,
)
from smeeco.rules.pack import RuleVersion, TierRules, bundled_rules

__all__ = ["CHUNK_ROWS", "MATCH_COLUMNS", "match_register", "match_rows"]

#: The columns of a match result.
MATCH_COLUMNS = (
    "id",
    "size_class",
    "tiers_met",
    "measures_met",
    "measures_unknown",
    "measures_manual",
)
_MET, _MANUAL, _UNKNOWN, _UNMET = 0, 1, 2, 3
_SCHEMA = dict.fromkeys(MATCH_COLUMNS, pl.String)


def _in_force(
    eco: Ecosystem,
    day: dt.date,
    rules: Mapping[str, TierRules],
    group_rules: Mapping[str, GroupRules],
) -> tuple[dict[str, RuleVersion], dict[str, RuleVersion]]:
    groups = {}
    for group in eco.beneficiaries:
        found = group_rules.get(group.id)
        version = found.on(day) if found is not None else None
        if version is not None:
            groups[group.id] = version
    tiers = {}
    for tier, tier_rules in rules.items():
        for version in tier_rules.versions:
            if version.contains(day):
                tiers[tier] = version
    return groups, tiers


def _any(states: list[pl.Expr]) -> pl.Expr:
    if not states:
        return pl.lit(_UNMET)
    return (
        pl.when(pl.any_horizontal([s == _MET for s in states]))
        .then(_MET)
        .when(pl.any_horizontal([s == _UNKNOWN for s in states]))
        .then(_UNKNOWN)
        .when(pl.any_horizontal([s == _MANUAL for s in states]))
        .then(_MANUAL)
        .otherwise(_UNMET)
    )


def _place(schema: Mapping[str, Any], place: Jurisdiction) -> pl.Expr:
    if "region" not in schema:
        return pl.lit(_UNKNOWN)
    region = pl.col("region")
    valid = region.str.contains(r"^\d{6}$") & ~region.str.starts_with("00")
    mine = region.str.replace(r"(00)+$", "")
    wanted = place_prefix(place.code)
    return (
        pl.when(region.is_null() | ~valid)
        .then(_UNKNOWN)
        .when(mine.str.starts_with(wanted))
        .then(_MET)
        .when(pl.lit(wanted).str.starts_with(mine))
        .then(_UNKNOWN)
        .otherwise(_UNMET)
    )


def _listed(ids: list[str], states: list[pl.Expr], code: int) -> pl.Expr:
    if not ids:
        return pl.lit(None, dtype=pl.String)
    joined = pl.concat_str(
        [pl.when(s == code).then(pl.lit(i)) for i, s in zip(ids, states, strict=True)],
        separator="|",
        ignore_nulls=True,
    )
    return pl.when(joined == "").then(None).otherwise(joined)


@attrs.frozen
class _Plan:
    """The whole register's answer as one lazy query, and how to name its key columns."""

    query: pl.LazyFrame  # id, size_class, __key and the key columns
    keys: tuple[str, ...]
    measures: tuple[tuple[str, tuple[str, ...], str | None], ...]  # id, members, place
    tiers: tuple[str, ...]


def _plan(
    eco: Ecosystem,
    frame: pl.DataFrame,
    day: dt.date,
    groups: Mapping[str, RuleVersion],
    tiers: Mapping[str, RuleVersion],
) -> _Plan:
    """Build the query once; lazily, so only the states are computed (the optimiser drops
    the explanation texts the compiled rules would otherwise build)."""
    criteria: dict[str, Criterion] = {f"__g:{g}": v.criterion for g, v in groups.items()}
    criteria |= {f"__t:{t}": v.criterion for t, v in tiers.items()}
    data = nw.from_native(frame.lazy())
    schema = data.collect_schema()
    keep = list(frame.columns)
    for name, criterion in criteria.items():
        rule = compile_criterion(criterion, schema, day)
        data = rule.apply(data).with_columns(rule.state.cast(nw.Int64()).alias(name))
        keep.append(name)
        data = data.select(keep)
    query: pl.LazyFrame = data.to_native()
    own = {
        g.id: pl.col(f"__g:{g.id}") if g.id in groups else pl.lit(_MANUAL)
        for g in eco.beneficiaries
    }
    children = group_children(eco)
    for gid, kids in children.items():  # children first: their columns exist when read
        mine = own.get(gid, pl.lit(_MANUAL))
        member = mine
        if kids:
            theirs = [pl.col(f"__m:{k}") for k in kids]
            member = (
                pl.when(mine == _UNMET)
                .then(
                    pl.when(pl.any_horizontal([k == _MET for k in theirs]))
                    .then(_MET)
                    .otherwise(_UNMET)
                )
                .otherwise(_any([mine, *theirs]))
            )
        query = query.with_columns(member.alias(f"__m:{gid}"))
    places: dict[str, Jurisdiction] = {}
    measures: list[tuple[str, tuple[str, ...], str | None]] = []
    for measure in measures_in_order(eco):
        named = tuple(f"__m:{g}" if g in children else "" for g in measure.beneficiaries)
        place = measure_place(eco, measure)
        if isinstance(place, Jurisdiction):
            places[place.id] = place
            measures.append((measure.id, named, f"__p:{place.id}"))
        else:
            measures.append((measure.id, named, None if place is None else ""))
    query = query.with_columns(_place(frame.schema, p).alias(f"__p:{j}") for j, p in places.items())
    # Every answer is a function of a few small state codes: each distinct combination is
    # answered once and the rows look it up by one integer key.
    keys = [f"__m:{g}" for g in children] + [f"__p:{j}" for j in places]
    keys += [f"__t:{t}" for t in tiers]
    key = pl.sum_horizontal([pl.col(k).cast(pl.Int64) * 4**i for i, k in enumerate(keys)])
    query = query.select(
        pl.col("id").cast(pl.String),
        "size_class",
        (key if keys else pl.lit(0, dtype=pl.Int64)).alias("__key"),
        *keys,
    )
    return _Plan(query, tuple(keys), tuple(measures), tuple(tiers))


def _answer(plan: _Plan, part: pl.DataFrame) -> pl.DataFrame:
    """The output rows of one collected slice of the plan."""
    combos = part.select("__key", *plan.keys).unique(subset="__key")
    states = []
    for _mid, named, place in plan.measures:
        members = [pl.col(c) if c else pl.lit(_MANUAL) for c in named]
        who = _any(members) if members else pl.lit(_MANUAL)
        if place is None:
            states.append(who)
        else:
            states.append(pl.max_horizontal(who, pl.col(place) if place else pl.lit(_MANUAL)))
    ids = [mid for mid, _named, _place in plan.measures]
    answers = combos.select(
        "__key",
        _listed(list(plan.tiers), [pl.col(f"__t:{t}") for t in plan.tiers], _MET).alias(
            "tiers_met"
        ),
        _listed(ids, states, _MET).alias("measures_met"),
        _listed(ids, states, _UNKNOWN).alias("measures_unknown"),
        _listed(ids, states, _MANUAL).alias("measures_manual"),
    )
    lookups = []
    for column in ("tiers_met", "measures_met", "measures_unknown", "measures_manual"):
        table = dict(zip(answers["__key"].to_list(), answers[column].to_list(), strict=True))
        lookups.append(
            pl.col("__key")
            .replace_strict(table, default=None, return_dtype=pl.String)
            .alias(column)
        )
    return part.select("id", "size_class", *lookups)


def match_register(
    eco: Ecosystem,
    register: Register,
    as_of: dt.date | str,
    *,
    rules: Mapping[str, TierRules] | None = None,
    group_rules: Mapping[str, GroupRules] | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> pl.DataFrame:
    """Size class, tiers met and measures meant for every enterprise of ``register``.

    Parameters
    ----------
    eco:
        The ecosystem whose measures are matched (only those in force on ``as_of``).
    register:
        A checked register (:func:`smeeco.register.read_register`).
    as_of:
        The evaluation day.
    rules, group_rules:
        Tier criteria and beneficiary-group criteria; the bundled ones by default.
    progress:
        Called as ``progress(rows_done, rows_total)`` after each chunk of ``chunk_rows``.

    Examples
    --------
    >>> import smeeco, polars as pl
    >>> from smeeco.register import read_register
    >>> reg = read_register(pl.DataFrame({
    ...     "id": ["a", "b"], "industry": ["工业", "工业"], "employees": [80, 2000],
    ...     "revenue": [3e7, 5e9], "region": ["120104", "120104"], "tiers": ["", ""]}))
    >>> out = match_register(smeeco.load("tianjin-2022-measures"), reg, "2025-06-30")
    >>> out["measures_met"].str.split("|").list.len().to_list()
    [22, None]
    >>> out.row(1)[:3], out["measures_manual"].to_list()
    (('b', 'large', None), ['tj-2022-measures.m05|tj-2022-measures.m18', 'tj-2022-measures.m18'])
    """
    day = as_date(as_of, "as_of")
    view = eco.at(day)
    groups, tiers = _in_force(
        view,
        day,
        bundled_rules() if rules is None else rules,
        bundled_group_rules() if group_rules is None else group_rules,
    )
    if len(register) == 0:
        return pl.DataFrame(schema=_SCHEMA)
    criteria = [v.criterion for v in (*groups.values(), *tiers.values())]
    frame = prepare(with_row_ids(register), AllOf((SizeIn(("micro",)), *criteria)), day)
    plan = _plan(view, frame, day, groups, tiers)
    total, step = frame.height, max(1, chunk_rows)
    parts = []
    for start in range(0, total, step):
        parts.append(_answer(plan, plan.query.slice(start, step).collect()))
        if progress is not None:
            progress(min(start + step, total), total)
    return pl.concat(parts).cast(_SCHEMA)  # type: ignore[arg-type]


def match_rows(
    eco: Ecosystem,
    register: Register,
    as_of: dt.date | str,
    *,
    rules: Mapping[str, TierRules] | None = None,
    group_rules: Mapping[str, GroupRules] | None = None,
) -> pl.DataFrame:
    """:func:`match_register` one row at a time, through :func:`smeeco.eligible_measures`'
    evaluator (the baseline a naive user writes; same output)."""
    day = as_date(as_of, "as_of")
    view = eco.at(day)
    group_pack = bundled_group_rules() if group_rules is None else group_rules
    _groups, tiers = _in_force(view, day, bundled_rules() if rules is None else rules, group_pack)
    frame = prepare(register, SizeIn(("micro",)), day)
    children = group_children(view)
    out = []
    for i, row in enumerate(register.frame.iter_rows(named=True)):
        found = match_row(view, row, day, group_pack, children)
        met = [t for t, v in tiers.items() if evaluate(v.criterion, row, day).state == "met"]

        def listed(state: str, found: Any = found) -> str | None:
            return "|".join(m.measure for m in found if m.state == state) or None

        out.append(
            (
                (None if row["id"] is None else str(row["id"])) if "id" in row else f"row {i + 1}",
                frame["size_class"][i],
                "|".join(met) or None,
                listed("met"),
                listed("unknown"),
                listed("manual"),
            )
        )
    return pl.DataFrame(out, schema=_SCHEMA, orient="row")

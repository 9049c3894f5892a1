"""Tier eligibility for every row of a register, and one enterprise's explanation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import polars as pl

from smeeco.errors import InvalidValueError, RuleError, ValidationError
from smeeco.register import Register
from smeeco.rules.criteria import reads_industry
from smeeco.rules.evaluate import Outcome, evaluate
from smeeco.rules.pack import TierRules, bundled_rules

__all__ = ["ELIGIBLE_COLUMNS", "eligible_rows", "explain_enterprise", "tier_rules"]

#: The columns of an eligibility result, one row per enterprise.
ELIGIBLE_COLUMNS = ("id", "status", "score", "why")


def tier_rules(tier: str, rules: Mapping[str, TierRules] | None = None) -> TierRules:
    """The rules of ``tier`` (a tier id or its Chinese name)."""
    pack = bundled_rules() if rules is None else rules
    if tier in pack:
        return pack[tier]
    for found in pack.values():
        if found.name == tier:
            return found
    known = ", ".join(f"{t} ({r.name})" for t, r in pack.items())
    raise RuleError(f"no rules for tier {tier!r}; rules exist for {known}")


def _ids(register: Register) -> list[str | None]:
    if "id" in register.frame.columns:
        return [None if v is None else str(v) for v in register.frame["id"]]
    return [f"row {i + 1}" for i in range(len(register))]


def eligible_rows(
    register: Register,
    tier: str,
    as_of: dt.date,
    *,
    rules: Mapping[str, TierRules] | None = None,
) -> pl.DataFrame:
    """Evaluate ``tier`` for every row, one Python call per row (the baseline).

    Returns ``id``, ``status`` (met/unmet/unknown/manual), ``score`` (where the tier is
    scored and every indicator is decided) and ``why`` (the criteria that fail or are
    undecided).

    Raises
    ------
    ValidationError
        The tier reads the industry (a size class, an industry criterion) and ``industry``
        cells name no industry of the size standard: every such cell with its row, as the
        compiled :func:`eligible` does.
    """
    version = tier_rules(tier, rules).on(as_of)
    if reads_industry(version.criterion):
        from smeeco.sizing.frame import check_industries

        check_industries(register)
    outcomes = [
        evaluate(version.criterion, row, as_of) for row in register.frame.iter_rows(named=True)
    ]
    return pl.DataFrame(
        {
            "id": _ids(register),
            "status": [o.state for o in outcomes],
            "score": [o.score for o in outcomes],
            "why": [o.why() for o in outcomes],
        },
        schema={"id": pl.String, "status": pl.String, "score": pl.Int64, "why": pl.String},
    )


def explain_enterprise(
    register: Register,
    enterprise_id: str,
    tier: str,
    as_of: dt.date,
    *,
    rules: Mapping[str, TierRules] | None = None,
) -> Outcome:
    """The full evaluation of one enterprise (by ``id``) against ``tier``.

    An ``industry`` cell the size standard does not know is refused with a
    :class:`~smeeco.ValidationError` naming the row, as for a whole register.
    """
    found = tier_rules(tier, rules)
    version = found.on(as_of)
    at = register.row_of(enterprise_id)
    row = register.row(at)
    try:
        return evaluate(version.criterion, row, as_of)
    except InvalidValueError as exc:
        if exc.path != "column industry":
            raise
        where = f"{register.where(at)}, column industry"
        raise ValidationError(register.source, [InvalidValueError(exc.message, where)]) from None

"""Eligibility rules as data: criteria, rule packs, three-valued evaluation with reasons.

>>> import datetime as dt
>>> from smeeco.rules import bundled_rules, evaluate
>>> rule = bundled_rules()["cn-innovative-sme"].on(dt.date(2024, 1, 1))
>>> row = {"industry": "工业", "employees": 80, "revenue": 3e7, "compliant": True,
...        "rd_expense": 6.3e5, "title_valid": False, "award_3y": False,
...        "rd_institution": False, "new_equity_3y": 0}
>>> outcome = evaluate(rule.criterion, row, dt.date(2024, 1, 1))
>>> outcome.state
'unknown'
>>> [ln.text for ln in outcome.lines if "研发费用" in ln.text]
['上年研发费用占营业收入比重 (创新能力): 10']
"""

from __future__ import annotations

from smeeco.rules.criteria import OPS, Criterion, structure_criterion
from smeeco.rules.evaluate import Line, Outcome, evaluate
from smeeco.rules.pack import MARKS, RuleVersion, TierRules, bundled_rules, load_rules, read_rules

__all__ = [
    "MARKS",
    "OPS",
    "Criterion",
    "Line",
    "Outcome",
    "RuleVersion",
    "TierRules",
    "bundled_rules",
    "evaluate",
    "load_rules",
    "read_rules",
    "structure_criterion",
]

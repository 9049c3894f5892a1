"""Enterprise size classes (企业规模划型) under 《中小企业划型标准规定》.

The thresholds are data (``miit_2011.csv`` beside this module, with its source), not code.
The rule, as the National Bureau of Statistics states it: "大型、中型和小型企业须同时满足所
列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可" — large, medium and small
need *all* listed lower bounds, otherwise the enterprise drops one class; micro needs only
one indicator under the small lower bound. Large needs every upper bound of the SME range
reached.

Whole registers are sized column-wise by :func:`smeeco.sizing.frame.classify_register`
(Polars; imported on demand, so ``import smeeco`` stays light).

Where a needed figure is missing, the answer is the set of classes still possible — never a
guess.

Examples
--------
>>> from smeeco.sizing import classify
>>> classify("工业", employees=300, revenue="2000万元").size_class
<SizeClass.MEDIUM: 'medium'>
>>> classify("工业", employees=300, revenue="1999万元").size_class
<SizeClass.SMALL: 'small'>
>>> r = classify("工业", employees=15)
>>> r.size_class, r.missing
(<SizeClass.MICRO: 'micro'>, ())
>>> r = classify("工业", employees=500)
>>> r.size_class, sorted(c.value for c in r.candidates), r.missing
(None, ['medium', 'micro', 'small'], ('revenue',))
"""

from __future__ import annotations

from smeeco.sizing.industries import resolve_industry
from smeeco.sizing.miit import (
    INDICATORS,
    Classification,
    IndustryThresholds,
    SizeClass,
    SizeStandard,
    classify,
    classify_enterprise,
    miit_2011,
    persons,
)

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
    "resolve_industry",
]

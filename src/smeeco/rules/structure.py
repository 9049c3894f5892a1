"""Criteria and rule packs from plain data (safe-loaded YAML), through cattrs.

A converter with strict scalars (``"3"`` is not a number, ``yes`` is not text, ``2.5`` is
not a whole number) builds the frozen records of :mod:`smeeco.rules.criteria` and
:mod:`smeeco.rules.pack`; every field is checked where it is read, and every problem is
collected with its path (``tiers[0].versions[1].criterion.all[2].op``), so a pack with
five mistakes is refused once, naming all five.

>>> from smeeco.rules.structure import structure_pack
>>> data = {"tiers": [{"tier": "t", "versions": [{"mark": "U", "citation": "",
...     "criterion": {"column": "a", "op": "=>", "value": "1"}}]}]}
>>> try:
...     structure_pack(data, "my.yaml")
... except Exception as exc:
...     print(exc)
4 problems in my.yaml:
  tiers[0].versions[0].mark: 'U' must be V or P (unverified rules are not shipped)
  tiers[0].versions[0].citation: a version needs a citation (the text it follows)
  tiers[0].versions[0].criterion.op: operator '=>' is not one of >=, >, <=, <, ==
  tiers[0].versions[0].criterion.value: expected a number or true/false, got a string '1'
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override

from smeeco.errors import InvalidValueError, Problem, RulePackError, UnknownFieldError
from smeeco.io.convert import problems_from
from smeeco.io.packtext import preview
from smeeco.rules import criteria as _criteria
from smeeco.rules.criteria import (
    OPS,
    AgeAtLeast,
    AllOf,
    AnyOf,
    Band,
    Compare,
    Criterion,
    HoldsTier,
    Indicator,
    InIndustry,
    InRegion,
    Manual,
    NotOf,
    Ratio,
    Score,
    SizeIn,
)
from smeeco.rules.pack import MARKS, RuleVersion, TierRules

__all__ = ["KINDS", "structure_criterion_data", "structure_pack"]
#: The key that names each kind of criterion, and the record it builds.
KINDS: Mapping[str, type] = {
    "all": AllOf,
    "any": AnyOf,
    "not": NotOf,
    "column": Compare,
    "ratio": Ratio,
    "size": SizeIn,
    "industry": InIndustry,
    "region": InRegion,
    "tier": HoldsTier,
    "age": AgeAtLeast,
    "manual": Manual,
    "score": Score,
}
_SIZES = ("large", "medium", "small", "micro")
#: Keys a criterion may have beside its kind's key.
_EXTRA_KEYS: Mapping[str, tuple[str, ...]] = {"column": ("op", "value"), "ratio": ("op", "value")}
#: A kind's key, when the record's field has another name.
_FIELD_OF = {
    "all": "items",
    "any": "items",
    "not": "item",
    "size": "classes",
    "age": "years",
    "industry": "industries",
    "region": "regions",
}
_FIELD_OF_MANUAL = {"manual": "text"}


def _shown(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    sort = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    name = next((v for k, v in sort.items() if isinstance(value, k)), type(value).__name__)
    return f"{name} {preview(value)}"


def _text(value: Any, _t: Any = None) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"expected text, got {_shown(value)}")
    return value


def _whole(value: Any, _t: Any = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"expected a whole number, got {_shown(value)}")
    return value


def _number(value: Any, _t: Any = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number, got {_shown(value)}")
    return float(value)


def _threshold(value: Any, _t: Any = None) -> float | bool:
    if isinstance(value, bool):
        return value
    if not isinstance(value, int | float):
        raise InvalidValueError(f"expected a number or true/false, got {_shown(value)}")
    return float(value)


def _op(value: Any, _t: Any = None) -> str:
    if value not in OPS:
        raise InvalidValueError(f"operator {preview(value)} is not one of {', '.join(OPS)}")
    return str(value)


def _classes(value: Any, _t: Any = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or any(v not in _SIZES for v in value):
        raise InvalidValueError(
            f"size must list size classes ({', '.join(_SIZES)}), got {_shown(value)}"
        )
    return tuple(value)


_CODE_PREFIX = re.compile(r"^(?:[A-T]|[A-T]?\d{2,4})$")
_REGION_PREFIX = re.compile(r"^\d{2}(?:\d{2}){0,2}$")


def _industries(value: Any, _t: Any = None) -> tuple[str, ...]:
    from smeeco.sizing import miit_2011

    names = miit_2011().industries
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise InvalidValueError(
            f"industry must list industries of the size standard or GB/T 4754-2017 code"
            f" prefixes, got {_shown(value)}"
        )
    bad = [v for v in value if v not in names and not _CODE_PREFIX.match(v)]
    if bad:
        raise InvalidValueError(
            f"{preview(bad[0])} is neither an industry of the size standard"
            f" ({', '.join(names)}) nor a GB/T 4754-2017 code prefix (C, 13, C13, 7010)"
        )
    return tuple(value)


def _regions(value: Any, _t: Any = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise InvalidValueError(
            f"region must list GB/T 2260 code prefixes (quoted: '12'), got {_shown(value)}"
        )
    bad = [v for v in value if not _REGION_PREFIX.match(v) or v.endswith("00")]
    if bad:
        raise InvalidValueError(
            f"{preview(bad[0])} is not a GB/T 2260 code prefix: write 2, 4 or 6 digits"
            " without trailing 00 pairs ('12' 天津市, '3702' 青岛市)"
        )
    return tuple(value)


def _years(value: Any, _t: Any = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValueError(f"age must be a whole number of years, got {_shown(value)}")
    return value


def _date(value: Any, _t: Any = None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValueError(f"{_shown(value)} is not a date (YYYY-MM-DD)")


def _mark(value: Any, _t: Any = None) -> str:
    if value not in MARKS:
        raise InvalidValueError(
            f"{preview(value)} must be V or P (unverified rules are not shipped)"
        )
    return str(value)


def _citation(value: Any, _t: Any = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError("a version needs a citation (the text it follows)")
    return value


def _floors(value: Any, _t: Any = None) -> dict[str, int]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidValueError(f"floors must map groups to points, got {_shown(value)}")
    problems = []
    for key, points in value.items():
        try:
            _whole(points)
        except InvalidValueError as exc:
            problems.append(exc.at(str(key)))
    if problems:
        raise RulePackError("", problems)
    return {str(k): v for k, v in value.items()}


@attrs.frozen
class _ScoreBody:
    """The mapping under ``score:``; the label sits beside it, on the criterion."""

    min: int
    indicators: tuple[Indicator, ...]
    floors: dict[str, int] = attrs.field(factory=dict)


@attrs.frozen
class _ScoreNode:
    score: _ScoreBody
    label: str = ""


@attrs.frozen
class _RatioNode:
    numerator: str
    denominator: str
    op: str
    value: float
    label: str = ""


@attrs.frozen
class _VersionNode:
    mark: str
    citation: str
    criterion: Criterion
    start: dt.date | None = None
    end: dt.date | None = None
    notes: str = ""


@attrs.frozen
class _TierNode:
    tier: str
    versions: tuple[_VersionNode, ...]
    name: str = ""


@attrs.frozen
class _Pack:
    tiers: tuple[_TierNode, ...]


# How unknown-key messages name the records a pack writes.
_NAMES = {
    "_ScoreBody": "a score",
    "_ScoreNode": "a score criterion",
    "_RatioNode": "a ratio criterion",
    "_VersionNode": "a version",
    "_TierNode": "a tier",
    "_Pack": "a rule pack",
    "Indicator": "an indicator",
    "Band": "a band",
}


def _friendly(problems: list[Problem]) -> list[Problem]:
    for problem in problems:
        if isinstance(problem, UnknownFieldError):
            for cls, name in _NAMES.items():
                problem.message = problem.message.replace(f" for {cls};", f" for {name};")
    return problems


def _renamed(problems: list[Problem], field: str, key: str) -> list[Problem]:
    """Paths of a record's field ``field`` written as the pack's key ``key``."""
    for problem in problems:
        path = problem.path
        if path == field or path.startswith((f"{field}[", f"{field}.")):
            problem.path = key + path[len(field) :]
    return problems


def _bands(conv: cattrs.Converter) -> Callable[[Any, Any], tuple[Band, ...]]:
    def structure(value: Any, _t: Any) -> tuple[Band, ...]:
        if not isinstance(value, list) or not value:
            raise InvalidValueError(f"bands must be a non-empty list, got {_shown(value)}")
        problems: list[Problem] = []
        last = value[-1]
        if isinstance(last, dict) and last.get("when") is not None:
            problems.append(
                InvalidValueError(
                    "the last band must have no 'when' (the points otherwise)",
                    f"[{len(value) - 1}].when",
                )
            )
        try:
            bands: tuple[Band, ...] = conv.structure(value, tuple[Band, ...])
        except Exception as exc:  # cattrs' grouped errors
            problems[:0] = problems_from(exc)
        if problems:
            raise RulePackError("", problems)
        return bands

    return structure


def _items(conv: cattrs.Converter, key: str) -> Callable[[Any, Any], tuple[Criterion, ...]]:
    def structure(value: Any, _t: Any) -> tuple[Criterion, ...]:
        if not isinstance(value, list) or not value:
            raise InvalidValueError(f"{key} must be a non-empty list, got {_shown(value)}")
        items: tuple[Criterion, ...] = conv.structure(value, tuple[Criterion, ...])
        return items

    return structure


def _versions(conv: cattrs.Converter) -> Callable[[Any, Any], tuple[_VersionNode, ...]]:
    def structure(value: Any, _t: Any) -> tuple[_VersionNode, ...]:
        if not isinstance(value, list) or not value:
            raise InvalidValueError(f"versions must be a non-empty list, got {_shown(value)}")
        versions: tuple[_VersionNode, ...] = conv.structure(value, tuple[_VersionNode, ...])
        return versions

    return structure


@functools.cache
def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for node in (_ScoreBody, _ScoreNode, _RatioNode, _VersionNode, _TierNode, _Pack):
        attrs.resolve_types(node, globals() | vars(_criteria))
    for cls in (*KINDS.values(), Band, Indicator):
        attrs.resolve_types(cls, vars(_criteria))
    conv.register_structure_hook(str, _text)
    conv.register_structure_hook(int, _whole)
    conv.register_structure_hook(float, _number)

    def criterion(value: Any, t: Any) -> Criterion | None:
        if value is None and t != Criterion:
            return None  # an optional criterion (a band's test) written as null
        return _criterion(conv, value)

    def is_criterion(t: Any) -> bool:
        return bool(t == Criterion or t == Criterion | None)

    conv.register_structure_hook_func(is_criterion, criterion)

    def fields(cls: type, **hooks: Any) -> None:
        overrides = {name: override(struct_hook=hook) for name, hook in hooks.items()}
        make: Any = make_dict_structure_fn  # its overrides are keyword arguments by field
        conv.register_structure_hook(cls, make(cls, conv, **overrides))

    fields(AllOf, items=_items(conv, "all"))
    fields(AnyOf, items=_items(conv, "any"))
    fields(Compare, op=_op, value=_threshold)
    fields(_RatioNode, op=_op)
    fields(SizeIn, classes=_classes)
    fields(InIndustry, industries=_industries)
    fields(InRegion, regions=_regions)
    fields(AgeAtLeast, years=_years)
    fields(_ScoreBody, floors=_floors)
    fields(Indicator, bands=_bands(conv))
    fields(_VersionNode, start=_date, end=_date, mark=_mark, citation=_citation)
    fields(_TierNode, versions=_versions(conv))

    return conv


def _criterion(conv: cattrs.Converter, node: Any) -> Criterion | None:
    if node is None:
        raise InvalidValueError(f"a criterion is required here ({', '.join(KINDS)})")
    if not isinstance(node, dict):
        raise InvalidValueError(
            f"a criterion must be a mapping with one of the keys {', '.join(KINDS)},"
            f" not {_shown(node)}"
        )
    kinds = [k for k in node if k in KINDS]
    if len(kinds) != 1:
        raise InvalidValueError(
            f"give exactly one kind of criterion ({', '.join(KINDS)}), got keys"
            f" {', '.join(map(str, node)) or 'none'}"
        )
    kind = kinds[0]
    allowed = {kind, "label", *_EXTRA_KEYS.get(kind, ())}
    problems: list[Problem] = [
        UnknownFieldError(
            f"unknown key {preview(key)} for a {kind!r} criterion; its keys are"
            f" {', '.join(sorted(allowed))}",
            str(key),
        )
        for key in node
        if key not in allowed
    ]
    data = {k: v for k, v in node.items() if k in allowed}
    built: Criterion | None = None
    try:
        built = _build(conv, kind, data)
    except Exception as exc:  # cattrs' grouped errors, or a Problem
        problems.extend(problems_from(exc))
    if problems:
        raise RulePackError("", problems)
    return built


def _build(conv: cattrs.Converter, kind: str, data: dict[str, Any]) -> Criterion:
    if kind == "ratio":
        pair = data.pop("ratio")
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise InvalidValueError(
                f"ratio must be [numerator, denominator] (two column names), got {_shown(pair)}",
                "ratio",
            )
        node = conv.structure({"numerator": pair[0], "denominator": pair[1], **data}, _RatioNode)
        return Ratio(node.numerator, node.denominator, node.op, node.value, node.label)
    if kind == "score":
        scored = conv.structure(data, _ScoreNode)
        body = scored.score
        return Score(body.min, body.indicators, body.floors, scored.label)
    field = _FIELD_OF.get(kind) or _FIELD_OF_MANUAL.get(kind) or kind
    renamed = {(field if k == kind else k): v for k, v in data.items()}
    try:
        result: Criterion = conv.structure(renamed, KINDS[kind])
    except Exception as exc:
        raise RulePackError("", _renamed(problems_from(exc), field, kind)) from None
    return result


def structure_criterion_data(node: Any, where: str = "criterion") -> Criterion:
    """A criterion from its plain data; every problem at once, with its path under ``where``."""
    try:
        built = _criterion(_converter(), node)
    except Exception as exc:
        raise RulePackError("", [p.at(where) for p in _friendly(problems_from(exc))]) from None
    assert built is not None
    return built


def structure_pack(data: Any, where: str = "rules") -> dict[str, TierRules]:
    """The tiers of a rule pack from its plain data: tier id → :class:`TierRules`.

    Raises :class:`~smeeco.RulePackError` (a :class:`~smeeco.RuleError` and a
    :class:`~smeeco.ValidationError`) naming every problem with its path.
    """
    if not isinstance(data, dict) or not isinstance(data.get("tiers"), list):
        raise RulePackError(
            where, [InvalidValueError("a rule pack is a mapping with a 'tiers' list")]
        )
    problems: list[Problem] = []
    nodes: tuple[_TierNode, ...] = ()
    try:
        nodes = _converter().structure(data, _Pack).tiers
    except Exception as exc:  # cattrs' grouped errors
        problems.extend(problems_from(exc))
    out: dict[str, TierRules] = {}
    for i, node in enumerate(nodes):
        versions = tuple(
            RuleVersion(v.start, v.end, v.citation, v.mark, v.criterion, v.notes)
            for v in sorted(node.versions, key=lambda v: v.start or dt.date.min)
        )
        for a, b in itertools.pairwise(versions):
            if a.end is None or (b.start is not None and a.end >= b.start):
                problems.append(
                    InvalidValueError(
                        f"versions overlap ({a.start or '…'}..{a.end or '…'} and"
                        f" {b.start or '…'}..); give each version its own dates",
                        f"tiers[{i}].versions",
                    )
                )
        if node.tier in out:
            problems.append(
                InvalidValueError(f"tier {node.tier!r} is listed twice", f"tiers[{i}].tier")
            )
        out[node.tier] = TierRules(node.tier, node.name or node.tier, versions)
    if problems:
        raise RulePackError(where, _friendly(problems))
    return out

"""Criteria of beneficiary groups (小微企业, 专精特新中小企业…), as data beside the tier rules.

A group-rule file is YAML with a ``groups`` list; each entry names a beneficiary group by
the id it has in the data packs and gives dated versions, each with a citation, a mark
(``V`` or ``P``, as for tiers) and a criterion of :mod:`smeeco.rules.criteria`::

    groups:
    - group: small-micro
      name: 小微企业
      versions:
      - {start: null, end: null, mark: P, citation: 工信部联企业〔2011〕300号,
         criterion: {size: [small, micro]}}

Every problem of a file is reported at once, each with its path; unknown keys are refused.

>>> import datetime as dt
>>> rules = bundled_group_rules()
>>> rules["small-micro"].on(dt.date(2025, 1, 1)).criterion
SizeIn(classes=('small', 'micro'), label='size class (工信部联企业〔2011〕300号)')
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import yaml

from smeeco.errors import RuleError
from smeeco.rules.criteria import structure_criterion
from smeeco.rules.pack import MARKS, RuleVersion
from smeeco.types import ID_PATTERN

__all__ = ["GroupRules", "bundled_group_rules", "load_group_rules", "read_group_rules"]

_ENTRY_KEYS = {"group", "name", "versions", "notes"}
_VERSION_KEYS = {"start", "end", "mark", "citation", "criterion", "notes"}


@attrs.frozen
class GroupRules:
    """Every version of one beneficiary group's criteria."""

    group: str
    name: str
    versions: tuple[RuleVersion, ...]

    def on(self, day: dt.date) -> RuleVersion | None:
        """The version in force on ``day``, or ``None`` (the group has no criteria then)."""
        for version in self.versions:
            if version.contains(day):
                return version
        return None


def _date(value: Any, path: str, problems: list[str]) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{path}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _version(v: Any, path: str, problems: list[str]) -> RuleVersion | None:
    if not isinstance(v, dict):
        problems.append(f"{path} must be a mapping with start, end, mark, citation, criterion")
        return None
    before = len(problems)
    extra = sorted(set(v) - _VERSION_KEYS)
    if extra:
        problems.append(f"{path}: unexpected key(s) {extra}; use {sorted(_VERSION_KEYS)}")
    mark = v.get("mark")
    if mark not in MARKS:
        problems.append(f"{path}.mark {mark!r} must be V or P (unverified rules are not shipped)")
    citation = v.get("citation")
    if not isinstance(citation, str) or not citation.strip():
        problems.append(f"{path}.citation: give the source of the criterion (text)")
    notes = v.get("notes", "")
    if not isinstance(notes, str):
        problems.append(f"{path}.notes must be text")
    start = _date(v.get("start"), f"{path}.start", problems)
    end = _date(v.get("end"), f"{path}.end", problems)
    if start and end and end < start:
        problems.append(f"{path}: end {end} is before start {start}")
    try:
        criterion = structure_criterion(v.get("criterion"), f"{path}.criterion")
    except RuleError as exc:
        problems.append(str(exc))
        return None
    if len(problems) > before:
        return None
    return RuleVersion(start, end, str(citation), str(mark), criterion, str(notes))


def read_group_rules(text: str, where: str = "group rules") -> Mapping[str, GroupRules]:
    """Read a group-rule file from YAML text (safe loading; every problem at once).

    Raises
    ------
    RuleError
        Listing every problem with its path, e.g.
        ``groups[2].versions[0].mark 'U' must be V or P``.

    Examples
    --------
    >>> read_group_rules("groups:\\n- group: x\\n  versions: [{mark: U}]\\n", "g.yaml")
    Traceback (most recent call last):
    ...
    smeeco.errors.RuleError: 3 problems in g.yaml:
      groups[0].versions[0].mark 'U' must be V or P (unverified rules are not shipped)
      groups[0].versions[0].citation: give the source of the criterion (text)
      groups[0].versions[0].criterion: a criterion must be a mapping, not NoneType
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise RuleError(f"{where}: a group-rule file is a mapping with a 'groups' list")
    problems: list[str] = []
    extra = sorted(set(data) - {"groups"})
    if extra:
        problems.append(f"unexpected top-level key(s) {extra}; only 'groups' is read")
    out: dict[str, GroupRules] = {}
    for i, entry in enumerate(data["groups"]):
        path = f"groups[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{path} must be a mapping with group, name and versions")
            continue
        unknown = sorted(set(entry) - _ENTRY_KEYS)
        if unknown:
            problems.append(f"{path}: unexpected key(s) {unknown}; use {sorted(_ENTRY_KEYS)}")
        group = entry.get("group")
        if not isinstance(group, str) or not ID_PATTERN.match(group):
            problems.append(f"{path}.group {group!r} must be a beneficiary-group id")
            continue
        if group in out:
            problems.append(f"{path}: group {group!r} is listed twice")
        name = entry.get("name", group)
        if not isinstance(name, str):
            problems.append(f"{path}.name must be text")
        raw = entry.get("versions")
        if not isinstance(raw, list) or not raw:
            problems.append(f"{path}.versions must be a non-empty list")
            continue
        versions = [_version(v, f"{path}.versions[{j}]", problems) for j, v in enumerate(raw)]
        kept = sorted((v for v in versions if v is not None), key=lambda v: v.start or dt.date.min)
        for a, b in itertools.pairwise(kept):
            if a.end is None or (b.start is not None and a.end >= b.start):
                problems.append(f"{path}: versions overlap ({a.start}..{a.end} and {b.start}..)")
        out[group] = GroupRules(group, str(name), tuple(kept))
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        raise RuleError(f"{count} in {where}:\n{lines}")
    return out


@functools.cache
def bundled_group_rules() -> Mapping[str, GroupRules]:
    """The criteria of the bundled packs' beneficiary groups (``beneficiary-criteria.yaml``)."""
    text = resources.files(__package__).joinpath("beneficiary-criteria.yaml").read_text("utf-8")
    return read_group_rules(text, "beneficiary-criteria.yaml")


def load_group_rules(path: str | Path | None) -> Mapping[str, GroupRules]:
    """The bundled group criteria, or those of the YAML file at ``path``."""
    if path is None:
        return bundled_group_rules()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read group rules {p}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise RuleError(f"group rules {p} are not UTF-8 text") from None
    return read_group_rules(text, p.name)

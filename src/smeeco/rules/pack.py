"""Rule packs: YAML files of tier criteria, versioned by effective date, each sourced and marked."""

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
from smeeco.rules.criteria import Criterion, structure_criterion

__all__ = ["MARKS", "RuleVersion", "TierRules", "bundled_rules", "read_rules"]

#: Verification marks (DOMAIN.md): V verbatim in an official copy, P secondary copies only.
#: U (not found) is never shipped.
MARKS = ("V", "P")


@attrs.frozen
class RuleVersion:
    """The criteria of a tier from ``start`` to ``end`` (inclusive; ``None`` = open)."""

    start: dt.date | None
    end: dt.date | None
    citation: str
    mark: str
    criterion: Criterion
    notes: str = ""

    def contains(self, day: dt.date) -> bool:
        """Whether the version is in force on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@attrs.frozen
class TierRules:
    """Every version of one tier's criteria."""

    tier: str
    name: str
    versions: tuple[RuleVersion, ...]

    def on(self, day: dt.date) -> RuleVersion:
        """The version in force on ``day``."""
        for version in self.versions:
            if version.contains(day):
                return version
        spans = ", ".join(f"{v.start or '…'} to {v.end or '…'}" for v in self.versions)
        raise RuleError(f"no criteria of {self.tier!r} are in force on {day} (versions: {spans})")


def _date(value: Any, path: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleError(f"{path}: {value!r} is not a date (YYYY-MM-DD)") from None


def read_rules(text: str, where: str = "rules") -> Mapping[str, TierRules]:
    """Read a rule pack from YAML text (safe loading; no tags, no code)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("tiers"), list):
        raise RuleError(f"{where}: a rule pack is a mapping with a 'tiers' list")
    out: dict[str, TierRules] = {}
    for i, tier in enumerate(data["tiers"]):
        path = f"{where}: tiers[{i}]"
        if not isinstance(tier, dict) or not isinstance(tier.get("versions"), list):
            raise RuleError(f"{path} needs 'tier', 'name' and 'versions'")
        versions = []
        for j, v in enumerate(tier["versions"]):
            vp = f"{path}.versions[{j}]"
            if not isinstance(v, dict):
                raise RuleError(f"{vp} must be a mapping")
            mark = v.get("mark")
            if mark not in MARKS:
                raise RuleError(
                    f"{vp}.mark {mark!r} must be V or P (unverified rules are not shipped)"
                )
            if not v.get("citation"):
                raise RuleError(f"{vp} needs a citation")
            versions.append(
                RuleVersion(
                    _date(v.get("start"), f"{vp}.start"),
                    _date(v.get("end"), f"{vp}.end"),
                    str(v["citation"]),
                    mark,
                    structure_criterion(v.get("criterion"), f"{vp}.criterion"),
                    str(v.get("notes", "")),
                )
            )
        ordered = sorted(versions, key=lambda v: v.start or dt.date.min)
        for a, b in itertools.pairwise(ordered):
            if a.end is None or (b.start is not None and a.end >= b.start):
                raise RuleError(f"{path}: versions overlap ({a.start}..{a.end} and {b.start}..)")
        tid = str(tier.get("tier"))
        if tid in out:
            raise RuleError(f"{path}: tier {tid!r} is listed twice")
        out[tid] = TierRules(tid, str(tier.get("name", tid)), tuple(ordered))
    return out


@functools.cache
def bundled_rules() -> Mapping[str, TierRules]:
    """The bundled national (and Tianjin) tier criteria."""
    text = resources.files(__package__).joinpath("national-tier-criteria.yaml").read_text("utf-8")
    return read_rules(text, "national-tier-criteria.yaml")


def load_rules(path: str | Path | None) -> Mapping[str, TierRules]:
    """The bundled rules, or those of the YAML file at ``path``."""
    if path is None:
        return bundled_rules()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleError(f"cannot read rule pack {p}: {exc.strerror}") from None
    return read_rules(text, p.name)

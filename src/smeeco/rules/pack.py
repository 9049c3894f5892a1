"""Rule packs: YAML files of tier criteria, versioned by effective date, each sourced and marked."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import attrs

from smeeco.errors import InvalidValueError, RuleError
from smeeco.rules.criteria import Criterion

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


def read_rules(text: str, where: str = "rules") -> Mapping[str, TierRules]:
    """Read a rule pack from YAML text: the strict pack reader, then cattrs.

    The text is read as data packs are (:mod:`smeeco.io.packtext`: no tags, no duplicate
    keys, no NaN, bounded aliases); the tiers are then structured by
    :mod:`smeeco.rules.structure`. Every problem is reported at once, with its path.

    Raises
    ------
    RulePackError
        A :class:`~smeeco.RuleError` (and :class:`~smeeco.ValidationError`) listing each
        problem with its path, or the line where the text stops being YAML.
    """
    from smeeco.errors import DataPackError, RulePackError
    from smeeco.io.packtext import read_text
    from smeeco.rules.structure import structure_pack

    try:
        data, problems = read_text(text, "yaml", where)
    except DataPackError as exc:
        raise RulePackError(where, [InvalidValueError(f"not valid YAML: {exc}")]) from None
    if problems:
        raise RulePackError(where, problems)
    return structure_pack(data, where)


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

"""Industry codes of GB/T 4754-2017 → the industries of the size standards.

The mapping is data (``gbt4754_2017.csv`` beside this module, each row with its
verification mark); a register's ``industry`` cell may be an industry name of the standard
(工业, 批发业…, or an alias such as 制造业) or a code: a section letter (``C``), a division
(``13``, ``C13``), a group (``591``) or a class (``7010``, ``K7010``).

>>> resolve_industry("C1310").industry, resolve_industry("591").industry
('工业', '交通运输业')
>>> resolve_industry("5920").industry, resolve_industry("制造业").industry
('仓储业', '工业')
>>> r = resolve_industry("53")
>>> r.industry is None, r.reason
(True, '53 is outside the standard: 铁路运输业: 交通运输业 "不包括铁路运输业"')
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping
from importlib import resources

import attrs

from smeeco.errors import InvalidValueError
from smeeco.sizing.miit import SizeStandard, miit_2011

__all__ = ["SECTIONS", "IndustryCode", "Resolution", "industry_codes", "resolve_industry"]

#: GB/T 4754-2017 sections and the divisions (two-digit codes) each spans.
SECTIONS: Mapping[str, tuple[int, int]] = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}
_CODE = re.compile(r"^([A-T])?(\d{2,4})?$")


@attrs.frozen
class IndustryCode:
    """One row of the mapping: a code prefix, its industry (``None``: not sized), a mark."""

    code: str
    industry: str | None
    mark: str
    note: str


@attrs.frozen
class Resolution:
    """What an ``industry`` cell means: the standard's industry, or why there is none."""

    industry: str | None
    reason: str = ""


@functools.cache
def industry_codes() -> Mapping[str, IndustryCode]:
    """The bundled mapping, by code."""
    text = resources.files(__package__).joinpath("gbt4754_2017.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out: dict[str, IndustryCode] = {}
    for row in csv.DictReader(lines):
        out[row["code"]] = IndustryCode(
            row["code"], row["industry"] or None, row["mark"], row["note"]
        )
    return out


def _section_of(division: int) -> str | None:
    for letter, (low, high) in SECTIONS.items():
        if low <= division <= high:
            return letter
    return None


def resolve_industry(cell: str, standard: SizeStandard | None = None) -> Resolution:
    """Resolve a register's ``industry`` cell under ``standard`` (MIIT 2011 by default).

    Raises :class:`~smeeco.InvalidValueError` for a name the standard does not know (with
    close names) or a code GB/T 4754-2017 does not have; a known code the standard does
    not size, or a section that spans several of its industries, resolves to ``None``
    with the reason. Answers under the default standard are remembered (registers repeat
    a few industries many times).
    """
    if standard is None or standard is miit_2011():
        found = _resolve_default(cell)
        if isinstance(found, str):
            raise InvalidValueError(found)
        return found
    return _resolve(cell, standard)


@functools.lru_cache(maxsize=4096)
def _resolve_default(cell: str) -> Resolution | str:
    try:
        return _resolve(cell, miit_2011())
    except InvalidValueError as exc:
        return exc.message


def _resolve(cell: str, standard: SizeStandard) -> Resolution:
    text = cell.strip()
    match = _CODE.match(text.upper()) if text.isascii() else None
    if match is None or not (match.group(1) or match.group(2)):
        return Resolution(standard.thresholds(text).industry)
    letter, digits = match.group(1), match.group(2) or ""
    codes = industry_codes()
    if digits:
        section = _section_of(int(digits[:2]))
        if section is None:
            raise InvalidValueError(
                f"industry code {cell!r}: division {digits[:2]} does not exist in GB/T 4754-2017"
            )
        if letter is not None and letter != section:
            raise InvalidValueError(
                f"industry code {cell!r}: division {digits[:2]} belongs to section {section},"
                f" not {letter}"
            )
        letter = section
        for length in (4, 3, 2):
            row = codes.get(digits[:length]) if len(digits) >= length else None
            if row is not None:
                return _resolution(text, row)
    assert letter is not None
    row = codes.get(letter)
    if row is not None:
        return _resolution(text, row)
    low, high = SECTIONS[letter]
    inside = sorted(
        {
            r.industry
            for code, r in codes.items()
            if code.isdigit() and low <= int(code[:2]) <= high and r.industry
        }
    )
    return Resolution(
        None,
        f"section {letter} spans several industries of the standard ({', '.join(inside)});"
        " give the division code",
    )


def _resolution(text: str, row: IndustryCode) -> Resolution:
    if row.industry is not None:
        return Resolution(row.industry)
    if row.mark == "U":
        return Resolution(None, f"{text} is not mapped (not verified): {row.note}")
    return Resolution(None, f"{text} is outside the standard: {row.note}")

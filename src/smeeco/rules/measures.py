"""Which measures are meant for one enterprise on a day (政策找企业), and why.

A measure is meant for an enterprise when the enterprise is in one of the beneficiary
groups the measure names and, for a measure of a province, city or district, is registered
there. Both parts are three-valued, like the tier criteria:

- **group**: an enterprise is in a group when it meets the group's criterion
  (:mod:`smeeco.rules.groups`) or is in a narrower group (one whose ``broader`` links lead
  to it): a 专精特新“小巨人”企业 is a 专精特新中小企业 and a 中小企业, as the data packs
  say. When the group's own criterion is unmet, only a narrower group that is *met* counts:
  missing data about a narrower group (an empty ``tiers`` cell) does not reopen a decided
  no. The group that decided is named in the explanation. A group without criteria is
  ``manual``; a measure that names no group is ``manual`` too.
- **place**: the measure's document's jurisdiction, by its GB/T 2260 code, against the
  enterprise's ``region`` (a 6-digit code): ``120104`` is in 天津市 (120000); a register
  code coarser than the jurisdiction (120000 for 滨海新区 120116) is ``unknown``. National
  measures have no place part.

The state of a measure is ``all(place, any(groups))``: unmet when a part is unmet, else
unknown when a part is unknown, else manual when a part is manual, else met.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError
from smeeco.model import BeneficiaryGroup, Enterprise, Jurisdiction, Level, Measure, PolicyDocument
from smeeco.model.values import as_date
from smeeco.rules.evaluate import Line, Outcome, evaluate
from smeeco.rules.groups import GroupRules, bundled_group_rules

__all__ = [
    "MeasureMatch",
    "Part",
    "combine_all",
    "combine_any",
    "eligible_measures",
    "enterprise_row",
    "group_children",
    "group_members",
    "group_outcomes",
    "match_row",
    "measure_place",
    "measures_in_order",
    "place_prefix",
    "place_state",
    "region_prefix",
]

MET, UNMET, UNKNOWN, MANUAL = "met", "unmet", "unknown", "manual"
_REGION = re.compile(r"^\d{6}$")


@attrs.frozen
class Part:
    """One part of an answer: its state and the text that explains it."""

    state: str
    text: str


@attrs.frozen
class MeasureMatch:
    """Whether one measure is meant for one enterprise on a day.

    ``group`` is the named beneficiary group the enterprise belongs to (or may belong to:
    the group part's state), ``None`` when it is in none of them or the measure names
    none; ``via`` the path from it down the ``broader`` links to the group whose criterion
    decided, e.g. ``("smes", "srdi-smes", "little-giants")`` when it is a 中小企业 because
    it holds 小巨人 while its size is unknown. The place part may still make the measure
    unmet.
    """

    measure: str
    state: str
    why: str
    group: str | None = None
    via: tuple[str, ...] = ()


def combine_all(states: list[str]) -> str:
    """``all``: unmet, else unknown, else manual, else met (met when empty)."""
    for state in (UNMET, UNKNOWN, MANUAL):
        if state in states:
            return state
    return MET


def combine_any(states: list[str]) -> str:
    """``any``: met, else unknown, else manual, else unmet (unmet when empty)."""
    for state in (MET, UNKNOWN, MANUAL):
        if state in states:
            return state
    return UNMET


def _reasons(lines: tuple[Line, ...], at: int) -> list[str]:
    """The texts under ``lines[at]`` that share its state (how :meth:`Outcome.why` reads)."""
    line = lines[at]
    if line.kind == "leaf":
        return [line.text]
    kids = []
    for i in range(at + 1, len(lines)):
        if lines[i].depth <= line.depth:
            break
        if lines[i].depth == line.depth + 1 and lines[i].state == line.state:
            kids.append(i)
    if line.kind == "score":
        return [line.text, *(lines[i].text for i in kids)]
    if not kids:
        return [line.text]
    return [text for i in kids for text in _reasons(lines, i)]


def _because(outcome: Outcome) -> str:
    return "; ".join(_reasons(outcome.lines, 0)) if outcome.lines else ""


# ---------------------------------------------------------------------- enterprises


def enterprise_row(
    eco: Ecosystem, enterprise: Enterprise | Mapping[str, Any], as_of: dt.date
) -> dict[str, Any]:
    """One register row (column → value) for ``enterprise``.

    A mapping is read as a one-row register (:func:`smeeco.register.read_register`: money
    in yuan, every cell checked, bad cells refused with their column). An
    :class:`~smeeco.Enterprise` record gives its industry, employees, revenue and assets
    in yuan, ``founded`` as ``registered_on``, its region's GB/T 2260 code and the tiers it
    holds on ``as_of`` as ``tiers``.
    """
    if isinstance(enterprise, Enterprise):
        region = None
        if enterprise.region is not None:
            place = eco.get(enterprise.region, Jurisdiction)
            region = place.code if place is not None and place.code else None
        tiers = "; ".join(enterprise.tiers_on(as_of))
        return {
            "id": enterprise.id,
            "name": enterprise.name.zh or enterprise.name.en,
            "credit_code": enterprise.credit_code,
            "industry": enterprise.industry,
            "region": region,
            "registered_on": enterprise.founded,
            "employees": enterprise.employees,
            "revenue": None if enterprise.revenue is None else float(enterprise.revenue.yuan),
            "total_assets": (
                None if enterprise.total_assets is None else float(enterprise.total_assets.yuan)
            ),
            "tiers": tiers or None,
        }
    if not isinstance(enterprise, Mapping):
        raise InvalidValueError(
            f"an enterprise must be an Enterprise record or a mapping of register columns,"
            f" not {type(enterprise).__name__}"
        )
    import polars as pl

    from smeeco.register import read_register

    cells = dict(enterprise)
    if not cells:
        return {}
    register = read_register(pl.DataFrame([cells]), name="the enterprise")
    return register.frame.row(0, named=True)


# ---------------------------------------------------------------------- groups


def group_children(eco: Ecosystem) -> dict[str, tuple[str, ...]]:
    """For each group id, the groups directly narrower than it (their ``broader`` names it),
    in the order of the ecosystem's records; children come before parents in the mapping."""
    groups = list(eco.beneficiaries)
    kids: dict[str, list[str]] = {g.id: [] for g in groups}
    for g in groups:
        for parent in g.broader:
            kids.setdefault(parent, []).append(g.id)
    order: list[str] = []

    def visit(gid: str, path: tuple[str, ...]) -> None:
        if gid in order or gid in path:  # loops are refused when a pack loads
            return
        for kid in kids.get(gid, []):
            visit(kid, (*path, gid))
        order.append(gid)

    for g in groups:
        visit(g.id, ())
    return {gid: tuple(kids.get(gid, [])) for gid in order}


def group_members(
    own: Mapping[str, Part], children: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[Part, tuple[str, ...]]]:
    """Each group's membership: the deciding part and the path to the group that decided.

    ``any`` of the own criterion and the children's memberships, the first part with the
    combined state deciding; but an unmet own criterion is only overruled by a met child.
    """
    out: dict[str, tuple[Part, tuple[str, ...]]] = {}
    for gid, kids in children.items():  # children before parents
        part = own.get(gid, Part(MANUAL, f"no criteria for {gid}"))
        options = [(part, (gid,))] + [(out[k][0], (gid, *out[k][1])) for k in kids if k in out]
        if part.state == UNMET:
            options = [o for o in options if o[0].state == MET] or [options[0]]
        state = combine_any([p.state for p, _path in options])
        out[gid] = next(o for o in options if o[0].state == state)
    return out


def _label(group: BeneficiaryGroup | None, gid: str) -> str:
    if group is None:
        return gid
    name = group.name.zh or group.name.en or gid
    return f"{name} ({gid})"


def group_outcomes(
    eco: Ecosystem,
    row: Mapping[str, Any],
    as_of: dt.date,
    rules: Mapping[str, GroupRules] | None = None,
) -> dict[str, Part]:
    """Each group's own criterion for one row: its state and why (``manual`` without one)."""
    pack = bundled_group_rules() if rules is None else rules
    out: dict[str, Part] = {}
    for group in eco.beneficiaries:
        found = pack.get(group.id)
        version = found.on(as_of) if found is not None else None
        if version is None:
            why = (
                f"no criteria for {_label(group, group.id)}: the group is not in the group rules"
                if found is None
                else f"no criteria of {_label(group, group.id)} are in force on {as_of}"
            )
            out[group.id] = Part(MANUAL, why)
            continue
        outcome = evaluate(version.criterion, row, as_of)
        out[group.id] = Part(outcome.state, _because(outcome))
    return out


# ---------------------------------------------------------------------- places


def place_prefix(code: str) -> str:
    """A GB/T 2260 code without its trailing ``00`` pairs: 120000 → 12, 370200 → 3702."""
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def region_prefix(region: Any) -> str | None:
    """The prefix of a register ``region`` cell, or ``None`` when it is not a 6-digit code."""
    if not isinstance(region, str) or not _REGION.match(region) or region.startswith("00"):
        return None
    return place_prefix(region)


def _jurisdiction_of(eco: Ecosystem, measure: Measure) -> Jurisdiction | None:
    document = eco.get(measure.document, PolicyDocument)
    if document is None or document.jurisdiction is None:
        return None
    return eco.get(document.jurisdiction, Jurisdiction)


def place_state(place: Jurisdiction, region: Any) -> Part:
    """Whether a register ``region`` lies in ``place`` (a jurisdiction with a code)."""
    name = f"{place.name.zh or place.id} ({place.code})"
    if region is None:
        return Part(UNKNOWN, f"in {name}: region missing")
    mine = region_prefix(region)
    if mine is None:
        return Part(UNKNOWN, f"in {name}: region {region!r} is not a 6-digit GB/T 2260 code")
    wanted = place_prefix(place.code)
    if mine.startswith(wanted):
        return Part(MET, f"in {name}: region {region}")
    if wanted.startswith(mine):
        return Part(UNKNOWN, f"in {name}: region {region} is coarser than {place.code}")
    return Part(UNMET, f"in {name}: region {region} is outside")


def _place(eco: Ecosystem, measure: Measure, region: Any) -> Part | None:
    place = measure_place(eco, measure)
    if place is None or isinstance(place, Jurisdiction):
        return None if place is None else place_state(place, region)
    return Part(MANUAL, place)


# ---------------------------------------------------------------------- measures


def _group_part(
    eco: Ecosystem, gid: str, members: Mapping[str, tuple[Part, tuple[str, ...]]]
) -> tuple[Part, tuple[str, ...]]:
    named = eco.get(gid, BeneficiaryGroup)
    if gid not in members:
        return Part(MANUAL, f"for {_label(named, gid)}: no such group in the pack"), (gid,)
    part, path = members[gid]
    head = _label(named, gid)
    if len(path) > 1:
        head += f" via {_label(eco.get(path[-1], BeneficiaryGroup), path[-1])}"
    return Part(part.state, f"for {head}: {part.text}"), path


def eligible_measures(
    eco: Ecosystem,
    enterprise: Enterprise | Mapping[str, Any],
    *,
    as_of: dt.date | str,
    rules: Mapping[str, GroupRules] | None = None,
) -> tuple[MeasureMatch, ...]:
    """The measures in force on ``as_of``, each with whether it is meant for ``enterprise``.

    Parameters
    ----------
    eco:
        The ecosystem (e.g. ``smeeco.load("tianjin")``); only measures in force on
        ``as_of`` are answered, in document order.
    enterprise:
        A register row (a mapping of register columns, money in yuan; see
        ``docs/enterprises.md``) or an :class:`~smeeco.Enterprise` record.
    as_of:
        The day: tiers held, criteria versions and measures in force are those of that day.
    rules:
        Beneficiary-group criteria (:func:`smeeco.rules.groups.load_group_rules`); the
        bundled ones by default.

    Returns
    -------
    tuple of MeasureMatch
        ``state`` is met / unmet / unknown / manual; ``why`` names the group that decided
        (and the narrower group it was reached through) and, for a local measure, the
        place.

    Examples
    --------
    >>> import smeeco
    >>> eco = smeeco.load("tianjin")
    >>> firm = {"id": "e1", "industry": "工业", "employees": 80, "revenue": 3e7,
    ...         "region": "120104"}
    >>> found = smeeco.eligible_measures(eco, firm, as_of="2025-06-30")
    >>> m = next(f for f in found if f.measure == "tj-2022-measures.m03")
    >>> m.state, m.group
    ('met', 'small-micro')
    >>> for part in m.why.split("; "):
    ...     print(part)
    for 小微企业 (small-micro): size class (工信部联企业〔2011〕300号) small, needs small/micro
    in 天津市 (120000): region 120104
    """
    day = as_date(as_of, "as_of")
    view = eco.at(day)
    row = enterprise_row(view, enterprise, day)
    return match_row(view, row, day, rules, group_children(view))


def match_row(
    view: Ecosystem,
    row: Mapping[str, Any],
    day: dt.date,
    rules: Mapping[str, GroupRules] | None,
    children: Mapping[str, tuple[str, ...]],
) -> tuple[MeasureMatch, ...]:
    """:func:`eligible_measures` for a checked register row and an as-of view."""
    members = group_members(group_outcomes(view, row, day, rules), children)
    region = row.get("region")
    return tuple(_match(view, measure, members, region) for measure in measures_in_order(view))


def measures_in_order(view: Ecosystem) -> list[Measure]:
    """The view's measures in document order (document id, then ordinal)."""
    return sorted(view.measures, key=lambda m: (m.document, m.ordinal))


def measure_place(view: Ecosystem, measure: Measure) -> Jurisdiction | str | None:
    """What the place part compares: a jurisdiction with a code, ``None`` for a national
    measure (no place part), or the text of a ``manual`` part."""
    place = _jurisdiction_of(view, measure)
    if place is None:
        return "the measure's document names no jurisdiction"
    if place.level == Level.NATIONAL:
        return None
    if not place.code:
        return f"{place.name.zh or place.id} has no GB/T 2260 code to compare"
    return place


def _match(
    eco: Ecosystem,
    measure: Measure,
    members: Mapping[str, tuple[Part, tuple[str, ...]]],
    region: Any,
) -> MeasureMatch:
    groups = [_group_part(eco, gid, members) for gid in measure.beneficiaries]
    if groups:
        states = [p.state for p, _path in groups]
        state = combine_any(states)
        index = states.index(state)
        who, path = groups[index]
        group: str | None = measure.beneficiaries[index] if state != UNMET else None
        if state == UNMET:
            who = Part(UNMET, "; ".join(p.text for p, _path in groups))
            path = ()
    else:
        who, group, path = Part(MANUAL, "the measure names no beneficiary group"), None, ()
    parts = [who]
    place = _place(eco, measure, region)
    if place is not None:
        parts.append(place)
    final = combine_all([p.state for p in parts])
    shown = parts if final == MET else [p for p in parts if p.state == final]
    return MeasureMatch(measure.id, final, "; ".join(p.text for p in shown), group, path)

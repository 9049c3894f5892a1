"""Policy documents, their sections and measures, and who is responsible for each measure.

A :class:`Measure` lists its responsible units (责任单位) *in the order the text gives
them*; the order is the tuple order. Each :class:`Responsibility` has a :class:`Role`
and says whether the text stated the role (``explicit=True``: "牵头单位: A") or it was
inferred from the convention that the first listed unit leads ("列第一位的责任单位为牵头单位").

>>> m = Measure(
...     id="doc.m01", name=Name("加强财政资金支持"), document="doc", ordinal=1,
...     responsibilities=Responsibility.from_listing(["tj-finance", "tj-miit"]),
... )
>>> [(r.unit, r.role.value, r.explicit) for r in m.responsibilities]
[('tj-finance', 'lead', False), ('tj-miit', 'support', False)]
>>> m.lead
'tj-finance'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from smeeco.errors import DuplicateIdError, InvalidValueError, Problem
from smeeco.model.common import (
    Name,
    Record,
    Reference,
    _optional_date,
    id_field_validator,
    ids_validator,
    optional_id_validator,
    ref,
    text_checked,
)
from smeeco.model.deadline import Deadline
from smeeco.model.record import _as_text
from smeeco.model.values import check_text

if TYPE_CHECKING:
    from smeeco.model.context import CheckContext, DateContext

__all__ = [
    "DocumentKind",
    "Measure",
    "PolicyDocument",
    "Responsibility",
    "Role",
    "Section",
]


class DocumentKind(StrEnum):
    """What sort of text a document is."""

    LAW = "law"  # 法律
    REGULATION = "regulation"  # 条例, 办法
    POLICY = "policy"  # 若干措施, 若干政策, 意见
    PLAN = "plan"  # 规划, 行动计划
    NOTICE = "notice"  # 通知
    REPLY = "reply"  # 建议提案答复
    NEWS_REPORT = "news_report"  # 新闻报道 (facts and short quotes only)
    INTERVIEW = "interview"  # 访谈
    STANDARD = "standard"  # 国家标准, 划型标准
    OTHER = "other"


class Role(StrEnum):
    """The part a unit plays in a measure."""

    LEAD = "lead"  # 牵头
    SUPPORT = "support"  # 配合
    EXECUTING = "executing"  # 具体实施
    FUNDING = "funding"  # 出资


# The enum converters pass a member through as it is (what Role(member) returns, without
# the call: a pack has ~10^5 responsibilities) and call the enum for anything else.


def _role(value: Any) -> Role:
    return value if type(value) is Role else Role(value)


def _document_kind(value: Any) -> DocumentKind:
    return value if type(value) is DocumentKind else DocumentKind(value)


@attrs.frozen(field_transformer=text_checked)
class Responsibility:
    """One responsible unit of a measure, with its role.

    ``explicit`` is ``True`` when the text names the role (牵头单位/配合单位) and
    ``False`` when the role is inferred from the listing order. ``named_as`` is set only
    in as-of views, when the unit the text named has since been succeeded by ``unit``.
    """

    unit: str = attrs.field(validator=id_field_validator)
    role: Role = attrs.field(default=Role.SUPPORT, converter=_role)
    explicit: bool = False
    named_as: str | None = attrs.field(default=None, validator=optional_id_validator)

    @classmethod
    def from_listing(cls, units: Iterable[str]) -> tuple[Responsibility, ...]:
        """Roles for a plain listing "(责任单位:A、B、C)": first leads, the rest support.

        Every role is marked inferred, since the text names none.
        """
        return tuple(
            cls(unit, Role.LEAD if i == 0 else Role.SUPPORT, explicit=False)
            for i, unit in enumerate(units)
        )

    @classmethod
    def from_roles(
        cls, lead: Iterable[str], support: Iterable[str] = ()
    ) -> tuple[Responsibility, ...]:
        """Roles stated by the text: "(牵头单位:A、B;配合单位:C、D)"."""
        return tuple(cls(u, Role.LEAD, explicit=True) for u in lead) + tuple(
            cls(u, Role.SUPPORT, explicit=True) for u in support
        )


@attrs.frozen(field_transformer=text_checked)
class Section:
    """A numbered part of a document ("一、落实落细财税扶持政策")."""

    ordinal: int
    title: Name
    number: str = ""

    def __attrs_post_init__(self) -> None:
        if self.ordinal < 1:
            raise InvalidValueError(f"section ordinal {self.ordinal} must be 1 or more", "ordinal")


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(value)


def _addressees(value: Iterable[str]) -> tuple[str, ...]:
    """主送 as written, one addressee per item; a bare string is refused (not split)."""
    if isinstance(value, str):
        raise InvalidValueError(
            f"addressees must be a list of addressees, not the text {value!r:.60};"
            " give one item per addressee",
            "addressees",
        )
    found = tuple(value)
    for i, item in enumerate(found):
        if not isinstance(item, str) or not item.strip():
            raise InvalidValueError(
                f"an addressee must be text as written (e.g. '各区人民政府'), not {item!r:.60}",
                f"addressees[{i}]",
            )
        try:
            check_text(item)
        except InvalidValueError as exc:
            raise exc.at(f"addressees[{i}]") from None
    return found


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class PolicyDocument(Record):
    """A policy text, reply, report or interview that states measures and facts.

    ``name`` holds the title. ``issuers`` are the agencies that issued it, in the order
    given; ``sealed_by`` is an agency that put its seal on another's behalf (代章).
    ``addressees`` are the units it is addressed to (主送), as written and in the order
    given ("各区人民政府", "市政府各委、办、局"): text, not agency ids, since a 主送 line
    names classes of units more often than units. ``truncated`` marks a text that is
    known to be cut off.
    """

    kind: ClassVar[str] = "document"

    document_kind: DocumentKind = attrs.field(default=DocumentKind.POLICY, converter=_document_kind)
    number: str = ""  # 发文字号, e.g. 津中小企组〔2022〕2号
    issuers: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    sealed_by: str | None = attrs.field(default=None, validator=optional_id_validator)
    issued: dt.date | None = attrs.field(default=None, converter=_optional_date)
    jurisdiction: str | None = attrs.field(default=None, validator=optional_id_validator)
    sections: tuple[Section, ...] = attrs.field(default=(), converter=_sections)
    addressees: tuple[str, ...] = attrs.field(default=(), converter=_addressees)
    truncated: bool = False
    publisher: str = ""  # where the copy we read was published
    language: str = "zh"

    def __attrs_post_init__(self) -> None:
        seen: set[int] = set()
        for i, section in enumerate(self.sections):
            if section.ordinal in seen:
                ordinals = [s.ordinal for s in self.sections]
                raise InvalidValueError(
                    f"sections repeat an ordinal: {ordinals}; number sections 1, 2, 3…",
                    f"sections[{i}].ordinal",
                )
            seen.add(section.ordinal)
        if self.issued is not None and self.valid.end is not None and self.valid.end < self.issued:
            raise InvalidValueError(
                f"document expires ({self.valid.end}) before it was issued ({self.issued})",
                "valid.end",
            )

    @property
    def is_report(self) -> bool:
        """Whether the text reports on measures (a reply, news report or interview) rather
        than enacting them; its measures may have started before it was issued."""
        return self.document_kind in (
            DocumentKind.REPLY,
            DocumentKind.NEWS_REPORT,
            DocumentKind.INTERVIEW,
        )

    def section(self, ordinal: int) -> Section:
        """The section with ``ordinal``; ``KeyError`` when there is none."""
        for section in self.sections:
            if section.ordinal == ordinal:
                return section
        raise KeyError(f"document {self.id!r} has no section {ordinal}")

    def _repr_html_(self) -> str:
        """The document's main fields, then its sections in order (a notebook table)."""
        from smeeco.notebook import html_table

        rows = [r for r in self._repr_rows() if r[0] != "sections"]
        rows[2:2] = [("文号", self.number), ("issued", self.issued)]
        rows = [r for r in rows if r[0] != "addressees"]
        if self.addressees:
            at = next(i for i, r in enumerate(rows) if r[0] == "name (en)") + 1
            rows.insert(at, ("主送", "，".join(self.addressees)))
        head = html_table(("field", "value"), _as_text(rows), caption=repr(self))
        sections = html_table(
            ("no.", "section", "section (en)"),
            ((s.number or s.ordinal, s.title.zh, s.title.en) for s in self.sections),
            caption=f"{len(self.sections)} sections",
        )
        return head + sections

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        for i, issuer in enumerate(self.issuers):
            yield ref(f"issuers[{i}]", issuer, "agency", relation="issued", reverse=True, order=i)
        if self.sealed_by is not None:
            yield ref("sealed_by", self.sealed_by, "agency", relation="sealed", reverse=True)
        if self.jurisdiction is not None:
            yield ref("jurisdiction", self.jurisdiction, "jurisdiction", relation="located_in")

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        attributes["document_kind"] = self.document_kind.value
        if self.number:
            attributes["number"] = self.number
        if self.issued is not None:
            attributes["issued"] = self.issued.isoformat()
        if self.addressees:
            attributes["addressees"] = "|".join(self.addressees)
        attributes["truncated"] = self.truncated
        return attributes

    def at(self, day: dt.date, context: DateContext) -> PolicyDocument | None:
        """In force on ``day`` when valid then and already issued."""
        if not self.in_force(day) or (self.issued is not None and self.issued > day):
            return None
        return self

    def why_absent(self, day: dt.date, context: DateContext) -> str:
        if self.issued is not None and self.issued > day:
            what = f"{self.kind} {self.id!r} ({self.label()})"
            return f"{what} was issued on {self.issued}, after {day}; pick a later date"
        return super().why_absent(day, context)


_ROLE_VALUES = {role: role.value for role in Role}
_AGENCY = ("agency",)
_DOCUMENT = ("document",)
# A measure's i-th unit without a ``named_as``: its path and edge attributes depend only on
# (i, explicit, role), so they are built once and shared (a national corpus has ~10^5 such
# references, built at each validation and each graph build). Kept for the first units only.
_SHARED_UNITS = 32
_UNIT_REFERENCES: dict[tuple[int, bool, Role], tuple[str, tuple[tuple[str, Any], ...]]] = {}
_new_reference = tuple.__new__


def _unit_reference(i: int, r: Responsibility) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """The path and edge attributes of a measure's ``i``-th responsible unit."""
    role = _ROLE_VALUES[r.role]
    edge: tuple[tuple[str, Any], ...] = (
        (("explicit", r.explicit), ("order", i), ("role", role))
        if r.named_as is None
        else (
            ("explicit", r.explicit),
            ("named_as", r.named_as),
            ("order", i),
            ("role", role),
        )
    )
    return f"responsibilities[{i}].unit", edge


def _responsibilities(value: Iterable[Responsibility]) -> tuple[Responsibility, ...]:
    return tuple(value)


def _deadline(value: Deadline | str | None) -> Deadline | None:
    """A :class:`Deadline`, ``None``, or a 完成时限 as written (read by :meth:`Deadline.read`)."""
    if value is None or isinstance(value, Deadline):
        return value
    if isinstance(value, str):
        try:
            return Deadline.read(value)
        except InvalidValueError as exc:  # text no pack can hold: say it is the deadline's
            raise exc.at("deadline") from None
    raise InvalidValueError(
        f"a deadline is a Deadline or its text (e.g. '2023年底前'), not {value!r:.60}",
        "deadline",
    )


@attrs.frozen(kw_only=True, repr=False, field_transformer=text_checked)
class Measure(Record):
    """One measure (措施, 任务) of a document.

    ``ordinal`` is its 1-based position in the document and ``number`` how the text
    writes it ("(四)"); ``section`` is the ordinal of its section. ``name`` holds the
    measure's title. ``responsibilities`` keep the stated order. ``responsibility_stated``
    is ``False`` when the text names no responsible unit at all (then
    ``responsibilities`` is empty, and nothing is guessed). ``deadline`` is its 完成时限
    (:class:`~smeeco.Deadline`: the text as written and the day it is read as), when the
    text states one; a text given here is read with :meth:`Deadline.read`.
    """

    kind: ClassVar[str] = "measure"

    document: str = attrs.field(validator=id_field_validator)
    ordinal: int
    number: str = ""
    section: int | None = None
    text: str = ""
    responsibilities: tuple[Responsibility, ...] = attrs.field(
        default=(), converter=_responsibilities
    )
    responsibility_stated: bool = True
    beneficiaries: tuple[str, ...] = attrs.field(
        default=(), converter=tuple, validator=ids_validator
    )
    instruments: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    funds: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    platforms: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    tiers: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    ladders: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    indicators: tuple[str, ...] = attrs.field(default=(), converter=tuple, validator=ids_validator)
    deadline: Deadline | None = attrs.field(default=None, converter=_deadline)
    truncated: bool = False

    def __attrs_post_init__(self) -> None:
        if self.ordinal < 1:
            raise InvalidValueError(f"measure ordinal {self.ordinal} must be 1 or more", "ordinal")
        seen: set[tuple[str, Role]] = set()
        inferred_leads = 0
        for i, r in enumerate(self.responsibilities):
            if (r.unit, r.role) in seen:
                raise InvalidValueError(
                    f"unit {r.unit!r} is listed twice as {r.role.value}; list each unit once",
                    f"responsibilities[{i}].unit",
                )
            seen.add((r.unit, r.role))
            if r.role is Role.LEAD and not r.explicit:
                inferred_leads += 1
                if inferred_leads > 1:
                    raise InvalidValueError(
                        f"{inferred_leads} leads are marked inferred; only the first listed"
                        " unit can be an inferred lead (mark stated leads explicit=True)",
                        f"responsibilities[{i}].role",
                    )
        if not self.responsibility_stated and self.responsibilities:
            raise InvalidValueError(
                "responsibility_stated is false but responsibilities are given;"
                " drop one or the other",
                "responsibility_stated",
            )

    @property
    def lead(self) -> str | None:
        """The first lead unit, or ``None`` when the measure has no lead."""
        for r in self.responsibilities:
            if r.role is Role.LEAD:
                return r.unit
        return None

    @property
    def units(self) -> tuple[str, ...]:
        """Responsible unit ids in stated order."""
        return tuple(r.unit for r in self.responsibilities)

    def _repr_counts(self) -> dict[str, int]:
        return {"units": len(self.responsibilities)}

    def _repr_html_(self) -> str:
        """The measure's units in the order its text states them, with their roles."""
        from smeeco.notebook import html_table

        caption = f"{self!r} — {self.document} {self.number or self.ordinal}"
        if self.deadline is not None:
            caption += f" — 完成时限 {self.deadline}"
        if not self.responsibility_stated:
            caption += " — the text names no unit"
        elif self.truncated:
            caption += " — the text breaks off"
        return html_table(
            ("order", "unit", "role", "stated", "named as"),
            (
                (
                    i + 1,
                    r.unit,
                    r.role.value,
                    "stated" if r.explicit else "inferred from listing order",
                    r.named_as,
                )
                for i, r in enumerate(self.responsibilities)
            ),
            caption=caption,
        )

    def references(self) -> Iterator[Reference]:
        yield from super().references()
        yield Reference(
            "document", self.document, _DOCUMENT, "contains", True, (("ordinal", self.ordinal),)
        )
        # Built directly rather than through ref(): a national corpus has ~10^5 of these.
        # Edge attributes in ref()'s (sorted) order: explicit, named_as, order, role.
        for i, r in enumerate(self.responsibilities):
            explicit = r.explicit
            shared = None
            if r.named_as is None and i < _SHARED_UNITS and (explicit is True or explicit is False):
                key = (i, explicit, r.role)
                shared = _UNIT_REFERENCES.get(key)
                if shared is None:
                    shared = _UNIT_REFERENCES[key] = _unit_reference(i, r)
            path, edge = shared or _unit_reference(i, r)
            yield _new_reference(
                Reference, (path, r.unit, _AGENCY, "responsible", True, edge, None)
            )
        for i, b in enumerate(self.beneficiaries):
            yield ref(f"beneficiaries[{i}]", b, "beneficiary", relation="benefits")
        for field, kinds in (
            ("funds", ("fund",)),
            ("platforms", ("platform",)),
            ("tiers", ("tier",)),
            ("ladders", ("ladder",)),
        ):
            for i, target in enumerate(getattr(self, field)):
                yield ref(f"{field}[{i}]", target, *kinds, relation="refers_to")
        for i, indicator in enumerate(self.indicators):
            yield ref(f"indicators[{i}]", indicator, "indicator", relation="targets")

    def node_attributes(self) -> dict[str, Any]:
        attributes = super().node_attributes()
        attributes["document"] = self.document
        attributes["ordinal"] = self.ordinal
        if self.number:
            attributes["number"] = self.number
        if self.section is not None:
            attributes["section"] = self.section
        attributes["responsibility_stated"] = self.responsibility_stated
        if self.deadline is not None:
            attributes["deadline"] = self.deadline.text
            if self.deadline.date is not None:
                attributes["deadline_date"] = self.deadline.date.isoformat()
            attributes["deadline_reading"] = self.deadline.reading.value
        attributes["truncated"] = self.truncated
        return attributes

    def check(self, context: CheckContext) -> Iterator[Problem]:
        """Ordinals are unique within a document; the section exists; an enacting text's
        measure does not start before the text was issued."""
        other = context.claim(("measure-ordinal", self.document, self.ordinal), self.id)
        if other is not None and other != self.id:
            yield DuplicateIdError(
                f"measure ordinal {self.ordinal} of document {self.document!r} is"
                f" already taken by {other!r}; number measures 1, 2, 3…",
                "ordinal",
            )
        document = context.get(self.document)
        if not isinstance(document, PolicyDocument):
            return
        if (
            self.section is not None
            and document.sections
            and not any(s.ordinal == self.section for s in document.sections)
        ):
            yield InvalidValueError(
                f"document {document.id!r} has no section {self.section}"
                f" (it has {', '.join(str(s.ordinal) for s in document.sections)})",
                "section",
            )
        start = self.valid.start
        if (
            start is not None
            and document.issued is not None
            and start < document.issued
            and not document.is_report
        ):
            yield InvalidValueError(
                f"measure takes effect on {start}, before its document"
                f" was issued on {document.issued}",
                "valid.start",
            )

    def at(self, day: dt.date, context: DateContext) -> Measure | None:
        """In force on ``day`` when valid then and its document is; a responsibility of a
        unit that no longer exists passes to its successor in force (``named_as`` says
        which unit the text named), and is dropped when no successor is in force."""
        if not self.in_force(day) or not context.in_force(self.document, day):
            return None
        changed = False
        result: list[Responsibility] = []
        taken: set[tuple[str, Role]] = set()
        for r in self.responsibilities:
            unit = context.current_unit(r.unit, day)
            if unit is None:
                changed = True
                continue
            if unit != r.unit:
                changed = True
                r = attrs.evolve(r, unit=unit, named_as=r.named_as or r.unit)
            if (r.unit, r.role) in taken:
                changed = True
                continue
            taken.add((r.unit, r.role))
            result.append(r)
        return attrs.evolve(self, responsibilities=result) if changed else self

    def why_absent(self, day: dt.date, context: DateContext) -> str:
        document = context.get(self.document)
        if document is not None and not context.in_force(document.id, day):
            what = f"{self.kind} {self.id!r} ({self.label()})"
            return f"{what} is not in force on {day}: " + document.why_absent(day, context).replace(
                f"{document.kind} ", "its ", 1
            )
        return super().why_absent(day, context)

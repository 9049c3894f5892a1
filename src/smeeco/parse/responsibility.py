"""Responsibility clauses: who a policy text makes responsible for a measure, and how.

Chinese policy texts state responsibility in a handful of set forms (see
``docs/parsing.md``); :func:`find_responsibility_clauses` finds them in a text,
:func:`parse_responsibility` reads one, and :func:`resolve_clause` turns the unit *names*
into :class:`~smeeco.Responsibility` records through an ecosystem's names and aliases.

============================================  ==========================  ================
form                                          roles                       ``form``
============================================  ==========================  ================
(责任单位:A、B、C)                            A lead, B C support;        ``listing``
                                              inferred
(牵头单位:A、B;配合单位:C、D)                 as stated                   ``roles``
A、B牵头，C及D按职责分工负责                  as stated                   ``lead_division``
A、B按职责分工负责                            all support, inferred;      ``division``
                                              no lead named
此项工作由A、B负责。                          A lead, B support;          ``assigned``
                                              inferred
由A会同B……                                    A lead, B support; stated   ``joint``
============================================  ==========================  ================

Full- and half-width punctuation are read alike. Units are separated by 、 ， , ; and by
及 和 与 where the word before is a whole unit name (so 市工业和信息化局 stays one
name). A trailing 等 (等部门, 等有关单位) is noted as ``etc``; a scoping clause such as
"以下配合单位均含各载体，不再列出" is kept as ``note``. Collective units
(各区人民政府, 市领导小组各成员单位) are names like any other.

>>> clause = parse_responsibility("(责任单位:市财政局、市工业和信息化局、各区人民政府)")
>>> [(u.name, u.role.value, u.explicit) for u in clause.units]
[('市财政局', 'lead', False),
 ('市工业和信息化局', 'support', False),
 ('各区人民政府', 'support', False)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError, Problem, UnknownReferenceError, ValidationError
from smeeco.model.document import Responsibility, Role

__all__ = [
    "ClauseForm",
    "ClauseUnit",
    "ResponsibilityClause",
    "find_responsibility_clauses",
    "parse_responsibility",
    "resolve_clause",
]


class ClauseForm(StrEnum):
    """The form in which a text states responsibility."""

    LISTING = "listing"  # (责任单位:A、B、C)
    ROLES = "roles"  # (牵头单位:A;配合单位:B)
    LEAD_DIVISION = "lead_division"  # A牵头，B按职责分工负责
    DIVISION = "division"  # A、B按职责分工负责
    ASSIGNED = "assigned"  # 此项工作由A、B负责。
    JOINT = "joint"  # 由A会同B……


@attrs.frozen
class ClauseUnit:
    """One unit named by a clause: its name as written, its role and where it stands.

    ``explicit`` is ``True`` when the text states the role (牵头单位, 牵头, 会同) and
    ``False`` when it is inferred from the listing order. ``span`` indexes the text the
    clause was found in.
    """

    name: str
    role: Role
    explicit: bool
    span: tuple[int, int]


@attrs.frozen
class ResponsibilityClause:
    """A responsibility clause found in a text.

    ``units`` keep the stated order. ``span`` is the clause's character range in the
    text it was found in and ``text`` the clause itself (``source[span[0]:span[1]]``).
    ``note`` holds a scoping clause ("以下配合单位均含各载体，不再列出"); ``etc`` is
    ``True`` when the listing ends in 等 (so it is not exhaustive).
    """

    form: ClauseForm
    units: tuple[ClauseUnit, ...]
    span: tuple[int, int]
    text: str
    note: str = ""
    etc: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Unit names in stated order."""
        return tuple(u.name for u in self.units)

    @property
    def lead_named(self) -> bool:
        """Whether the clause gives a lead, stated or by the first-listed convention.

        ``False`` for "A、B按职责分工负责" and for a clause that names only 配合单位.
        """
        return any(u.role is Role.LEAD for u in self.units)

    @property
    def leads(self) -> tuple[str, ...]:
        """Names of the lead units."""
        return tuple(u.name for u in self.units if u.role is Role.LEAD)

    @property
    def supports(self) -> tuple[str, ...]:
        """Names of the supporting units."""
        return tuple(u.name for u in self.units if u.role is Role.SUPPORT)


# --------------------------------------------------------------------------- patterns

_LABEL_ROLES: dict[str, Role | None] = {
    "具体实施单位": Role.EXECUTING,
    "牵头责任单位": Role.LEAD,
    "配合责任单位": Role.SUPPORT,
    "责任牵头单位": Role.LEAD,
    "主要责任单位": Role.LEAD,
    "责任单位": None,
    "责任部门": None,
    "牵头单位": Role.LEAD,
    "牵头部门": Role.LEAD,
    "主责单位": Role.LEAD,
    "配合单位": Role.SUPPORT,
    "配合部门": Role.SUPPORT,
    "协同单位": Role.SUPPORT,
    "参与单位": Role.SUPPORT,
    "实施单位": Role.EXECUTING,
    "出资单位": Role.FUNDING,
}
_LABEL = "|".join(sorted(_LABEL_ROLES, key=len, reverse=True))
_LABEL_COLON = re.compile(rf"({_LABEL})\s*[:：]")

# Characters a unit list in running text never crosses: sentence ends, colons, brackets.
# Lists in running text start right after one of them (or a comma), which also keeps the
# search linear in the length of a sentence.
_STOP = "。；;！!？?\n\r:：()（）"
_SHORT_PAREN = r"[(（][^()（）\n:：。；;]{1,10}[)）]"  # 各区(市)人民政府
_CHUNK = rf"(?:[^{_STOP}]|{_SHORT_PAREN})"  # may cross commas
_CHUNK_NC = rf"(?:[^{_STOP}，,]|{_SHORT_PAREN})"  # stops at commas too

_PAREN = re.compile(
    rf"[(（][^\S\n]*(?:{_LABEL})[^\S\n]*[:：](?:[^()（）]|[(（][^()（）]*[)）])*[)）]"
)
_BARE = re.compile(rf"^[^\S\n]*(?:{_LABEL})[^\S\n]*[:：][^\n]*", re.MULTILINE)
_ASSIGNED = re.compile(
    rf"(?:此项|该项|本项|这项|上述|以上)(?:工作任务|工作|任务|措施)由(?P<units>{_CHUNK}+?)"
    r"(?:共同|分别|具体)?负责[。.]?"
)
_DIVISION_END = r"按照?职[责能](?:分工)?(?:分别)?负责"
_LEAD_DIVISION = re.compile(
    rf"(?<![^{_STOP}，,])(?P<lead>{_CHUNK_NC}+?)牵头(?!单位|部门|责任)(?:负责)?[，,、]?[^\S\n]*"
    rf"(?P<support>{_CHUNK}+?)(?:{_DIVISION_END}|(?:协同)?配合(?=[。；;)）\n]|$))"
)
_DIVISION = re.compile(rf"(?<![^{_STOP}，,])(?P<support>{_CHUNK_NC}+?){_DIVISION_END}")
_JOINT = re.compile(rf"由(?!于|此|衷)(?P<lead>{_CHUNK_NC}+?)会同(?P<support>{_CHUNK_NC}+)")

# Words that end the unit list of "由A会同B……" (the verb of the sentence).
_VERB = re.compile(
    "负责|研究|制定|组织|推进|推动|开展|共同|做好|建立|落实|实施|统筹|按照|按|联合|出台"
    "|完善|加强|指导|督促|协调|编制|起草|办理|进行|抓好|印发|发布|评估|认定|审核|确定"
    "|进一步|具体|另行|每年|定期|及时|积极|加快|提出|报|分别"
)
# Last characters of unit names (局, 委, 政府, 单位, 分行…): a 和/及/与 after one of these
# joins two units; elsewhere it is part of a name (市工业和信息化局).
_SUFFIX = set("局委厅办部会行府位门关联心院署室所司组处队站社馆团")
_CONJ = re.compile("以及|及|和|与")
_ETC = re.compile(r"等(?:其他|其它)?(?:有关|相关)?(?:部门|单位|机构|成员单位)?$")
_MODAL_TAIL = re.compile(r"(?:要|应当|应|须|必须|分别|共同|均|各自|负责)+$")
_LEAD_HEAD = re.compile(r"^(?:并由|由|请)")
_NOTE_HEAD = re.compile(r"以下|上述|下同|(?:其中|注)[:：]")
_SEPARATORS = "、，,;；"
_TRIM = " \t\n\r\u3000。.，,、;；:：等"
_OPENERS = "(（"
_CLOSERS = ")）"

_PRIORITY = (
    (_PAREN, ClauseForm.LISTING),
    (_BARE, ClauseForm.LISTING),
    (_ASSIGNED, ClauseForm.ASSIGNED),
    (_LEAD_DIVISION, ClauseForm.LEAD_DIVISION),
    (_JOINT, ClauseForm.JOINT),
    (_DIVISION, ClauseForm.DIVISION),
)


# --------------------------------------------------------------------------- units


@attrs.frozen
class _Names:
    spans: tuple[tuple[int, int], ...]
    etc: bool = False
    note: str = ""


def _trim(text: str, start: int, end: int, chars: str = _TRIM) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at separators outside brackets."""
    items: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for i in range(start, end):
        char = text[i]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and char in _SEPARATORS:
            items.append((begin, i))
            begin = i + 1
    items.append((begin, end))
    return items


def _split_conjunctions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one item at 及/和/与 where the part before ends like a unit name."""
    parts: list[tuple[int, int]] = []
    begin = start
    for match in _CONJ.finditer(text, start, end):
        left_start, left_end = _trim(text, begin, match.start())
        if left_end - left_start < 2 or text[left_end - 1] not in _SUFFIX:
            continue
        right_start, right_end = _trim(text, match.end(), end)
        if right_end - right_start < 2:
            continue
        parts.append((begin, match.start()))
        begin = match.end()
    parts.append((begin, end))
    return parts


def _names(text: str, start: int, end: int, *, running: bool) -> _Names:
    """The unit names in ``text[start:end]``, with a trailing 等 and a scoping note.

    ``running`` is ``True`` for unit lists in running text (not inside a labelled
    bracket), where modal words such as 要 may follow the last unit.
    """
    note = ""
    items = _items(text, start, end)
    # A scoping note runs from an item that starts with 以下/上述/下同 to the end.
    for k, (s, e) in enumerate(items):
        s, e = _trim(text, s, e, " \t\n\r\u3000")
        if _NOTE_HEAD.match(text, s, e):
            note_start, note_end = _trim(text, s, end, " \t\n\r\u3000。.;；,，")
            note = text[note_start:note_end]
            items = items[:k]
            break
    spans: list[tuple[int, int]] = []
    for s, e in items:
        for ps, pe in _split_conjunctions(text, s, e):
            spans.append((ps, pe))
    etc = False
    names: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _trim(text, s, e, _TRIM.replace("等", ""))
        # bracketed notes inside a list: "（以下…不再列出）"
        if s < e and text[s] in _OPENERS and text[e - 1] in _CLOSERS:
            inner_s, inner_e = _trim(text, s + 1, e - 1, " \t\u3000")
            if _NOTE_HEAD.match(text, inner_s, inner_e):
                note = note or text[inner_s:inner_e]
                continue
        etc_match = _ETC.search(text, s, e)
        if etc_match is not None and etc_match.start() > s:
            etc = True
            e = etc_match.start()
        if running:
            lead_head = _LEAD_HEAD.match(text, s, e)
            if lead_head is not None and e - lead_head.end() >= 2:
                s = lead_head.end()
            tail = _MODAL_TAIL.search(text, s, e)
            if tail is not None and tail.start() - s >= 2:
                e = tail.start()
        s, e = _trim(text, s, e)
        if e > s:
            names.append((s, e))
    # "各县、区人民政府": a bare 各X joins the next item.
    merged: list[tuple[int, int]] = []
    k = 0
    while k < len(names):
        s, e = names[k]
        word = text[s:e]
        if (
            k + 1 < len(names)
            and re.fullmatch(r"各[\u4e00-\u9fff]{1,2}", word)
            and word[-1] not in _SUFFIX
            and not text[names[k + 1][0] : names[k + 1][1]].startswith("各")
            and "、" in text[e : names[k + 1][0]]
        ):
            merged.append((s, names[k + 1][1]))
            k += 2
            continue
        merged.append((s, e))
        k += 1
    return _Names(tuple(merged), etc, note)


def _units(
    text: str, spans: tuple[tuple[int, int], ...], role: Role | None, *, first_leads: bool
) -> list[ClauseUnit]:
    """Units with ``role`` stated, or by listing order when ``role`` is ``None``."""
    if role is not None:
        return [ClauseUnit(text[s:e], role, True, (s, e)) for s, e in spans]
    return [
        ClauseUnit(text[s:e], Role.LEAD if first_leads and i == 0 else Role.SUPPORT, False, (s, e))
        for i, (s, e) in enumerate(spans)
    ]


# --------------------------------------------------------------------------- clauses


def _labelled(text: str, start: int, end: int) -> ResponsibilityClause | None:
    """A labelled clause: "(责任单位:…)", "(牵头单位:…;配合单位:…)" or a bare line."""
    inner_start, inner_end = start, end
    if text[start] in _OPENERS and text[end - 1] in _CLOSERS:
        inner_start, inner_end = start + 1, end - 1
    labels = list(_LABEL_COLON.finditer(text, inner_start, inner_end))
    roles = [_LABEL_ROLES[m.group(1)] for m in labels]
    stated = any(r is not None for r in roles)
    # The first unlabelled listing (责任单位) leads by convention unless a lead is stated.
    listing = next((k for k, r in enumerate(roles) if r is None), None)
    if Role.LEAD in roles:
        listing = None
    units: list[ClauseUnit] = []
    notes: list[str] = []
    etc = False
    for k, label in enumerate(labels):
        part_end = labels[k + 1].start() if k + 1 < len(labels) else inner_end
        found = _names(text, label.end(), part_end, running=False)
        etc = etc or found.etc
        if found.note:
            notes.append(found.note)
        units.extend(_units(text, found.spans, roles[k], first_leads=k == listing))
    if not units:
        return None
    form = ClauseForm.ROLES if stated else ClauseForm.LISTING
    end = _trim(text, start, end, " \t\r\u3000")[1]
    return ResponsibilityClause(
        form, tuple(units), (start, end), text[start:end], "；".join(notes), etc
    )


def _running(text: str, match: re.Match[str], form: ClauseForm) -> ResponsibilityClause | None:
    """A clause in running text: 牵头/按职责分工负责/此项工作由…负责/由…会同…."""
    units: list[ClauseUnit] = []
    etc = False
    start, end = match.start(), match.end()
    if form is ClauseForm.ASSIGNED:
        us, ue = match.span("units")
        joint = text.find("会同", us, ue)
        if joint >= 0:
            lead = _names(text, us, joint, running=True)
            support = _names(text, joint + 2, ue, running=True)
            units = _units(text, lead.spans, Role.LEAD, first_leads=False)
            units += _units(text, support.spans, Role.SUPPORT, first_leads=False)
            etc = lead.etc or support.etc
        else:
            found = _names(text, us, ue, running=True)
            units = _units(text, found.spans, None, first_leads=True)
            etc = found.etc
    elif form is ClauseForm.LEAD_DIVISION or form is ClauseForm.JOINT:
        support_start, support_end = match.span("support")
        if form is ClauseForm.JOINT:
            support_end = _joint_end(text, support_start, support_end)
            end = support_end
        lead = _names(text, *match.span("lead"), running=True)
        support = _names(text, support_start, support_end, running=True)
        units = _units(text, lead.spans, Role.LEAD, first_leads=False)
        units += _units(text, support.spans, Role.SUPPORT, first_leads=False)
        etc = lead.etc or support.etc
        if not lead.spans:
            return None
        if form is ClauseForm.JOINT:
            if not support.spans:
                return None
            end = max(end, support.spans[-1][1])
    else:  # DIVISION: no lead named, nothing stated
        found = _names(text, *match.span("support"), running=True)
        units = _units(text, found.spans, None, first_leads=False)
        etc = found.etc
    if not units:
        return None
    if form is ClauseForm.LEAD_DIVISION or form is ClauseForm.DIVISION:
        start = units[0].span[0]  # not the words before the first unit
    # "（A牵头，B按职责分工负责。）": take the brackets along.
    if form is not ClauseForm.JOINT and start > 0 and text[start - 1] in _OPENERS:
        after = end
        while after < len(text) and text[after] in "。. \t":
            after += 1
        if after < len(text) and text[after] in _CLOSERS:
            start, end = start - 1, after + 1
    return ResponsibilityClause(form, tuple(units), (start, end), text[start:end], "", etc)


def _joint_end(text: str, start: int, end: int) -> int:
    """Where the unit list after 会同 ends: before the sentence's verb."""
    items = _items(text, start, end)
    last_start, last_end = items[-1]
    cut = last_end
    for verb in _VERB.finditer(text, last_start, last_end):
        before = _trim(text, last_start, verb.start())
        if before[1] - before[0] >= 2 and text[before[1] - 1] in _SUFFIX:
            cut = verb.start()
    return cut


def find_responsibility_clauses(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[ResponsibilityClause]:
    """Every responsibility clause in ``text[start:end]``, in order of position.

    Spans index ``text`` itself. Where two forms overlap, the labelled bracket wins, then
    此项工作由…负责, then …牵头…按职责分工负责, then 由…会同…, then …按职责分工负责.
    A clause that names no unit ("(责任单位:)") is skipped.

    Examples
    --------
    >>> text = "加强信贷支持。(责任单位:人民银行天津分行、市金融局)\\n此项工作由市财政局负责。"
    >>> [(c.form.value, c.names, c.span) for c in find_responsibility_clauses(text)]
    [('listing', ('人民银行天津分行', '市金融局'), (7, 27)), ('assigned', ('市财政局',), (28, 40))]
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    taken: list[tuple[int, int]] = []
    found: list[ResponsibilityClause] = []
    for pattern, form in _PRIORITY:
        for match in pattern.finditer(text, start, end):
            if form is ClauseForm.LISTING:
                clause = _labelled(text, match.start(), match.end())
            else:
                clause = _running(text, match, form)
            if clause is None:
                continue
            s, e = clause.span
            if s < start or e > end or s >= e:
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append(clause)
    found.sort(key=lambda c: c.span)
    yield from found


def parse_responsibility(text: str) -> ResponsibilityClause:
    """Read the (first) responsibility clause in ``text``.

    Raises :class:`~smeeco.errors.InvalidValueError` when ``text`` holds none. Use
    :func:`find_responsibility_clauses` for every clause in a longer text.

    Examples
    --------
    >>> c = parse_responsibility("（牵头单位：市科技局、市财政局；配合单位：各区人民政府，"
    ...                          "以下配合单位均含各载体，不再列出）")
    >>> [(u.name, u.role.value, u.explicit) for u in c.units]
    [('市科技局', 'lead', True), ('市财政局', 'lead', True), ('各区人民政府', 'support', True)]
    >>> c.note
    '以下配合单位均含各载体，不再列出'
    >>> c = parse_responsibility("市发展改革委、市财政局按职责分工负责")
    >>> c.form.value, c.lead_named, [u.role.value for u in c.units]
    ('division', False, ['support', 'support'])
    >>> c = parse_responsibility("由市工业和信息化局会同市财政局、市金融局等部门研究制定实施细则")
    >>> c.form.value, c.leads, c.supports, c.etc
    ('joint', ('市工业和信息化局',), ('市财政局', '市金融局'), True)
    >>> c.text
    '由市工业和信息化局会同市财政局、市金融局等部门'
    """
    for clause in find_responsibility_clauses(text):
        return clause
    shown = text if len(text) <= 60 else text[:57] + "…"
    raise InvalidValueError(
        f"no responsibility clause in {shown!r}; expected one of (责任单位:A、B),"
        " (牵头单位:A;配合单位:B), A牵头，B按职责分工负责, A、B按职责分工负责,"
        " 此项工作由A、B负责, 由A会同B……"
    )


def resolve_clause(eco: Ecosystem, clause: ResponsibilityClause) -> tuple[Responsibility, ...]:
    """The clause's units as :class:`~smeeco.Responsibility` records, in stated order.

    Each name is resolved with ``eco.resolve(name, "agency")`` (ids, names and aliases
    such as 市工信局). Every unknown or ambiguous name, and every unit named twice in one
    role, is reported in one :class:`~smeeco.errors.ValidationError` with paths such as
    ``units[2]``; nothing is returned then.

    Examples
    --------
    >>> import smeeco
    >>> eco = smeeco.load("example")
    >>> clause = parse_responsibility("(牵头单位:示例市工信局;配合单位:示例市财政局)")
    >>> [(r.unit, r.role.value, r.explicit) for r in resolve_clause(eco, clause)]
    [('ex-miit', 'lead', True), ('ex-finance', 'support', True)]
    """
    problems: list[Problem] = []
    result: list[Responsibility] = []
    seen: dict[tuple[str, Role], int] = {}
    for i, unit in enumerate(clause.units):
        try:
            agency = eco.resolve(unit.name, "agency")
        except UnknownReferenceError as error:
            problems.append(
                UnknownReferenceError(f"{error.message} (in {clause.text!r})", f"units[{i}]")
            )
            continue
        key = (agency.id, unit.role)
        if key in seen:
            problems.append(
                InvalidValueError(
                    f"{unit.name!r} names {agency.id!r}, already listed as"
                    f" units[{seen[key]}] in the same role (in {clause.text!r});"
                    " list each unit once",
                    f"units[{i}]",
                )
            )
            continue
        seen[key] = i
        result.append(Responsibility(agency.id, unit.role, explicit=unit.explicit))
    if problems:
        raise ValidationError(f"responsibility clause {clause.text!r}", problems)
    return tuple(result)

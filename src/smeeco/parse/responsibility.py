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
from typing import NamedTuple

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError, Problem, UnknownReferenceError, ValidationError
from smeeco.model.document import Responsibility, Role
from smeeco.parse.deadlines import DEADLINE_LABELS
from smeeco.parse.furniture import FURNITURE

__all__ = [
    "ALL_LEAD_RULE",
    "ANNOUNCED",
    "ClauseForm",
    "ClauseUnit",
    "ResponsibilityClause",
    "all_listed_lead",
    "cell_units",
    "cut_label",
    "find_responsibility_clauses",
    "first_listed_leads",
    "heading_lead",
    "parse_responsibility",
    "resolve_clause",
    "unit_like",
    "unlabelled_listing",
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
    clause was found in and ``written`` is the name as written there; ``name`` differs
    from it only where a 省/市/县/区 written once before a list is given to a department
    written without it ("市经济和信息化委、发展改革委" → 市发展改革委).
    """

    name: str
    role: Role
    explicit: bool
    span: tuple[int, int]
    written: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.written:
            object.__setattr__(self, "written", self.name)


@attrs.frozen
class ResponsibilityClause:
    """A responsibility clause found in a text.

    ``units`` keep the stated order. ``span`` is the clause's character range in the
    text it was found in and ``text`` the clause itself (``source[span[0]:span[1]]``).
    ``note`` holds a scoping clause ("以下配合单位均含各载体，不再列出"); ``etc`` is
    ``True`` when the listing ends in 等 (so it is not exhaustive). ``shared`` marks a
    clause stated once for a whole section ("以上任务由…负责"); ``cut`` one that the end of
    the text breaks off (only its complete names are kept); ``unclosed`` a bracket still
    open at its line end; ``first_leads`` one whose first unit is a stated lead by a rule
    note ("排在首位的为牵头单位"); ``unknown_labels`` the spans of parts under a label that
    names no role ("数据提供单位:市统计局"): kept as a note, never as units;
    ``leads_by_rule`` the span of a rule note of the text that makes every unit of a
    listing a lead ("无牵头单位的,责任单位即为牵头单位"), when it did; ``heading`` marks a
    clause a section's heading states for its items ("县发改局牵头工作(2项)").
    """

    form: ClauseForm
    units: tuple[ClauseUnit, ...]
    span: tuple[int, int]
    text: str
    note: str = ""
    etc: bool = False
    shared: bool = False
    cut: bool = False
    unclosed: bool = False
    first_leads: bool = False
    unknown_labels: tuple[tuple[int, int], ...] = ()
    leads_by_rule: tuple[int, int] | None = None
    heading: bool = False

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
    "牵头责任部门": Role.LEAD,
    "配合责任单位": Role.SUPPORT,
    "配合责任部门": Role.SUPPORT,
    "责任牵头单位": Role.LEAD,
    "主要责任单位": Role.LEAD,
    "责任单位": None,
    "责任部门": None,
    "责任主体": None,
    "牵头单位": Role.LEAD,
    "牵头部门": Role.LEAD,
    "主责单位": Role.LEAD,
    "主办单位": Role.LEAD,
    "配合单位": Role.SUPPORT,
    "配合部门": Role.SUPPORT,
    "协同单位": Role.SUPPORT,
    "协同责任单位": Role.SUPPORT,
    "协同责任部门": Role.SUPPORT,
    "协办单位": Role.SUPPORT,
    "参与单位": Role.SUPPORT,
    "参与部门": Role.SUPPORT,
    "实施单位": Role.EXECUTING,
    "出资单位": Role.FUNDING,
    # "(牵头:区工信局;配合:区发改局)", a 责任单位 cell "牵头:A;配合:B"
    "牵头": Role.LEAD,
    "配合": Role.SUPPORT,
}
#: Labels that name persons (责任领导: 杜新国): kept as a note, never as units.
_PERSON_LABELS = ("牵头负责领导", "责任领导", "牵头领导", "分管领导", "责任人", "联系人")
_LABEL = "|".join(sorted([*_LABEL_ROLES, *_PERSON_LABELS], key=len, reverse=True))
#: Labels of a deadline line under an item ("完成时限: 2023年12月底").


def cut_label(line: str) -> bool:
    """Whether ``line`` is a label the text's end broke off ("完成时", "牵头单位:").

    A label of a clause or a deadline line cut inside the word, or ending in its colon
    with nothing after it: the item above it is truncated, whatever it states before.

    Examples
    --------
    >>> cut_label("完成时"), cut_label("主要责任单位："), cut_label("完成时限: 6月底")
    (True, True, False)
    >>> cut_label("完")
    False
    """
    bare = line.strip().rstrip(":：").rstrip()
    if len(bare) < 2 or any(c in bare for c in "，,。；;"):
        return False
    labels = (*_LABEL_ROLES, *_PERSON_LABELS, *DEADLINE_LABELS)
    with_colon = bare != line.strip()
    return any(
        (label.startswith(bare) and label != bare) or (with_colon and label == bare)
        for label in labels
    )


_LABEL_COLON = re.compile(rf"({_LABEL})[^\S\n]{{0,3}}[:：]")
#: "；数据提供单位:市统计局" inside a labelled clause: a label of a unit that names no role.
_OTHER_LABEL = re.compile(
    r"[；;，,][^\S\n]{0,3}[\u4e00-\u9fff]{1,8}(?:单位|部门|机构)[^\S\n]{0,3}[:：]"
)
#: "；完成时限:2023年12月底" inside a labelled clause: its deadline, not a part of names.
_DEADLINE_PART = re.compile(
    rf"[；;，,。\s][^\S\n]{{0,3}}(?:{'|'.join(DEADLINE_LABELS)})[^\S\n]{{0,3}}[:：]"
    r"|[；;，,][^\S\n]{0,3}(?:时限|时间)[^\S\n]{0,3}[:：]"
)
_DIVISION_END = r"按照?职[责能](?:分工)?(?:分别)?负责"
_DIVISION_IN = re.compile(_DIVISION_END)

_ASSIGN_HEADS = ("此项", "该项", "本项", "这项", "上述", "以上", "各项")
#: What follows the first character of each anchor: a bracket's label, a bare label after a
#: line start or stop, 此项…由, 牵头, 按职责分工负责, 分别负责, 会同, 负责.
_PAREN_REST = rf"[^\S\n]{{0,3}}(?:{_LABEL})[^\S\n]{{0,3}}[:：]"
_BARE_REST = rf"[^\S\n]{{0,8}}(?:{_LABEL})[^\S\n]{{0,3}}[:：]"
_ASSIGN_REST = "(?:工作任务|工作|任务|措施)(?:均|分别)?由"
_LEAD_WORD = "牵头(?!单位|部门|责任|抓总|作用|机制|的|制定|起草|组织|开展|建立)"
_DUTY_WORD = r"负责(?=[^\S\n]{0,3}[)）〕])"
#: Every place a clause can be anchored, as the named group of its kind. Each anchor is then
#: read by looking a bounded window back and forward, so the search is linear in the text.
#: This is the definition; :func:`_anchors` finds the same matches faster.
_ANCHOR = re.compile(
    rf"(?P<paren>[(（〔\[]{_PAREN_REST})"
    rf"|(?P<bare>(?:^|(?<=[。；;！!？?])){_BARE_REST})"
    rf"|(?P<assign>(?:{'|'.join(_ASSIGN_HEADS)}){_ASSIGN_REST})"
    rf"|(?P<lead>{_LEAD_WORD})"
    rf"|(?P<div>{_DIVISION_END}|分别负责)"
    r"|(?P<joint>会同)"
    rf"|(?P<duty>{_DUTY_WORD})",
    re.MULTILINE,
)
#: Stops after which a bare label may stand (and the line break: a line start).
_BARE_AFTER = "。；;！!？?\n"
#: The alternatives of :data:`_ANCHOR`, each starting with one literal character, so that
#: the search skips the other characters at C speed (a pattern that starts with a group or
#: a lookahead is tried at every position). A bare label is found from the stop or line
#: break before it, one character early. Each ends in an empty group: its number (the
#: match's ``lastindex``) gives the kind.
_ANCHOR_ALTERNATIVES = (
    *((re.escape(c) + _PAREN_REST, "paren") for c in "(（〔["),
    *((re.escape(c) + _BARE_REST, "bare") for c in _BARE_AFTER),
    *((head + _ASSIGN_REST, "assign") for head in _ASSIGN_HEADS),
    (_LEAD_WORD, "lead"),
    (_DIVISION_END, "div"),
    ("分别负责", "div"),
    ("会同", "joint"),
    (_DUTY_WORD, "duty"),
)
_ANCHOR_SCAN = re.compile("|".join(f"{alt}()" for alt, _ in _ANCHOR_ALTERNATIVES))
_ANCHOR_KINDS = ("", *(kind for _, kind in _ANCHOR_ALTERNATIVES))


def _anchors(text: str, start: int, end: int) -> Iterator[tuple[str, int, re.Match[str]]]:
    """``(kind, start, match)`` of every match of :data:`_ANCHOR` in ``text[start:end]``.

    The same matches, in order: a bare label's match starts one character early (at the
    stop or line break before it), so ``start`` is given apart. Only the first position,
    whose line start or stop may lie before ``start``, is read with :data:`_ANCHOR`.
    """
    first = _ANCHOR.match(text, start, end)
    if first is not None:
        yield first.lastgroup or "", start, first
        start = first.end()
    for found in _ANCHOR_SCAN.finditer(text, start, end):
        kind = _ANCHOR_KINDS[found.lastindex or 0]
        yield kind, found.start() + (kind == "bare"), found


_SHARED_HEAD = ("上述", "以上", "各项")
#: Window sizes (characters) around an anchor: no unit list is longer.
_BACK = 160
_FORWARD = 320
_LABELLED_MAX = 800
#: Lines ending in a colon ("(责任单位:", "牵头单位:") a bracket is read past; a run of more
#: is no clause's layout, and reading on would make each anchor rescan its whole window.
_LABEL_LINES = 3

# Characters a unit list in running text never crosses: sentence ends, colons, brackets.
_STOP = "。；;！!？?\n\r:：()（）〔〕"
_SENTENCE = re.compile(r"[。；;！!？?\n\r]")
_CLAUSE_END = re.compile(r"[。；;！!？?\n\r)）]")
_SUPPORT_END = re.compile(
    rf"{_DIVISION_END}|分别负责|共同负责|(?:共同)?办理(?=[。；;)）〕\]\n，,]|$)"
    r"|(?:协同|积极|负责|共同)?配合(?:实施|落实|推进)?"
    r"(?=[。；;)）〕\]\n，,、]|$)|参与(?=[。；;)）〕\]\n，,、]|$)|协助(?=[。；;)）〕\]\n，,]|$)"
)
#: A further part after the support part: "…,各县、区人民政府(管委会)负责落实" (support).
_FURTHER_END = re.compile(
    r"(?:负责(?:落实|实施|推进)?|具体落实|抓好落实|组织实施|落实)(?=[。；;)）〕\]\n，,]|$)"
)
_AFTER_LEAD = re.compile(r"(?:负责)?(?=[。；;)）〕\]\n，,、]|$)")

# Words that end the unit list of "由A会同B……" (the verb of the sentence).
_VERB = re.compile(
    "负责|研究|制定|组织|推进|推动|开展|共同|做好|建立|落实|实施|统筹|按照|按|联合|出台"
    "|完善|加强|指导|督促|协调|编制|起草|办理|进行|抓好|印发|发布|评估|认定|审核|确定"
    "|进一步|具体|另行|每年|定期|及时|积极|加快|提出|报|分别"
)
# Last characters of unit names (局, 委, 政府, 单位, 分行…): a 和/及/与 after one of these
# joins two units; elsewhere it is part of a name (市工业和信息化局).
_SUFFIX = set("局委厅办部会行府位门关联心院署室所司组处队站社馆团")
#: Last characters a unit named in running text may end with (a unit-like word).
_UNIT_END = _SUFFIX | set("市县区镇业校台园")
_NOT_UNIT = re.compile(
    r"[的了将把使对在为要是]|进一步|加快|推动|推进|支持|鼓励|开展|建立|自行|自主"
)
_CONJ = re.compile("以及|及|和|与")
_ETC = re.compile(
    r"等(?:其他|其它)?(?:[省市县区]级?)?(?:有关|相关)?(?:部门|单位|机构|成员单位|部门单位)?$"
    # "省财政厅等省民营经济领导小组成员单位": the class the others belong to, not a unit
    r"|等[^、，,;；等()（）]{2,16}?(?:成员单位|有关部门|有关单位|相关部门|相关单位)$"
)
_MODAL_TAIL = re.compile(
    r"(?:要|应当|应|须|必须|分别|共同|均|各自|负责|牵头|落实|实施|推进|执行|办理)+$"
)
_VERB_TAIL = re.compile(r"(?:负责)?(?:落实|实施|推进|执行|办理)$")
_LEAD_HEAD = re.compile(r"(?:(?:此项|该项|本项|这项|上述|以上|各项)(?:工作|任务)?)?(?:并由|由|请)")
_NOTE_ITEM = re.compile(r"以下|上述|下同|不再|排在|排名|首位|第一位|为牵头|均含|(?:其中|注)[:：]")
_FIRST_LEADS = re.compile(
    r"(?:首位|第一位|排在第一|排名第一|列第一|第一个|排序第一|第一责任单位|第一单位)"
    r"[^。；;]{0,12}牵头"
)
_ROLE_TAIL = (
    (re.compile(r"(?:分别)?牵头(?:负责)?$"), Role.LEAD),  # "A、B分别牵头": both lead
    (re.compile(r"(?:协同|积极)?(?:配合|参与|协助)$"), Role.SUPPORT),
)
#: How the tails above end ("$" also matches before a final line break).
_ROLE_TAIL_ENDS = ("牵头", "牵头负责", "配合", "参与", "协助", "\n")
#: The last characters of _MODAL_TAIL and _VERB_TAIL (looked at before searching).
_MODAL_LAST = frozenset("要当应须别同均自责头实施进行理\n")
_VERB_LAST = frozenset("实施进行理\n")
#: 省/市/县/区 written once before a list of departments ("市经济和信息化委、发展改革委").
_PREFIXES = "省市县区"
#: Stems of the departments every 省/市/县/区 government has; only these are given the
#: prefix (a bank branch or a regulator named without one keeps its name).
_DEPARTMENT_STEMS_WRITTEN = (
    "发展和改革 发展改革 发改 经济和信息化 经信 工业和信息化 工信 财政 "
    "教育 科技 科学技术 商务 人力资源和社会保障 人社 自然资源 "
    "规划和自然资源 生态环境 住房和城乡建设 住建 交通运输 交通 农业农村 "
    "农业 水利 文化和旅游 文旅 卫生健康 卫健 市场监督管理 市场监管 统计 "
    "金融 地方金融 审计 民政 司法 公安 国资 国有资产 应急管理 应急 "
    "林业 医疗保障 医保 政务服务 数据 大数据 外事 外办 知识产权 体育 "
    "能源 粮食 城市管理 城管 信访 退役军人 科协 工商联 中小企业 "
    "乡村振兴 行政审批 营商环境 住房城乡建设 住房和城乡建设 环保 环境保护 "
    "国税 地税 税务 铁路 国土 建设 规划 监察 外经贸 经贸 商贸 旅游 "
    "文化 广电 质监 质量技术监督 工商 食品药品 安监 安全生产 物价 人防 "
    "侨务 民族宗教 机关事务 编办 科委 发改 经信 工信 "
)
_DEPARTMENT_STEMS = tuple(_DEPARTMENT_STEMS_WRITTEN.split())
_DEPARTMENT = re.compile("^(?:" + "|".join(_DEPARTMENT_STEMS) + ")")
_DEPARTMENT_ENDINGS = ("委员会", "委", "局", "厅", "办", "办公室", "中心")
_SEPARATORS = "、，,;；"
_TRIM = " \t\n\r\u3000。.，,、;；:：等"
_TRIM_BUT_ETC = _TRIM.replace("等", "")
_OPENERS = "(（〔["  # 〔责任单位:…〕, [责任单位:…] in some notices
_CLOSERS = ")）〕]"


# --------------------------------------------------------------------------- units


class _Names(NamedTuple):
    spans: tuple[tuple[int, int], ...]
    names: tuple[str, ...]
    etc: bool = False
    note: str = ""


def _trim(text: str, start: int, end: int, chars: str = _TRIM) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


_SEPARATOR_OR_BRACKET = re.compile(f"[{re.escape(_SEPARATORS + _OPENERS + _CLOSERS)}]")


_BRACKET = re.compile(f"[{re.escape(_OPENERS + _CLOSERS)}]")
_OPENER = re.compile(f"[{re.escape(_OPENERS)}]")
_SEPARATOR = re.compile(f"[{re.escape(_SEPARATORS)}]")


def _items(text: str, start: int, end: int, separators: str = _SEPARATORS) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at separators outside brackets."""
    items: list[tuple[int, int]] = []
    depth = 0
    begin = start
    if separators == _SEPARATORS and _BRACKET.search(text, start, end) is None:
        for piece in _SEPARATOR.split(text[start:end]):  # no bracket: every separator splits
            items.append((begin, begin + len(piece)))
            begin += len(piece) + 1
        return items
    if separators == _SEPARATORS:  # only the separators and brackets need looking at
        for found in _SEPARATOR_OR_BRACKET.finditer(text, start, end):
            char = found.group()
            if char in _OPENERS:
                depth += 1
            elif char in _CLOSERS:
                depth = max(0, depth - 1)
            elif depth == 0:
                i = found.start()
                items.append((begin, i))
                begin = i + 1
        items.append((begin, end))
        return items
    for i in range(start, end):
        char = text[i]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
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


def unit_like(name: str) -> bool:
    """Whether ``name`` reads like the name of a unit (it ends like one: 局, 委, 政府…).

    Examples
    --------
    A second name in brackets after it counts as part of it ("区商务局(区药发中心)",
    "各市(地)、县(市)政府(行署)").

    >>> unit_like("市工业和信息化局"), unit_like("各县市区"), unit_like("加快推进工作")
    (True, True, False)
    >>> unit_like("县(市)政府(行署)"), unit_like("制定方案(试行)")
    (True, False)
    """
    core = _TRAILING_BRACKET.sub("", name)
    return (
        2 <= len(name) <= 40
        and len(core) >= 2
        and (core[-1] in _UNIT_END or core in _EACH_PLACE)
        and _NOT_UNIT.search(name) is None
        and not any(c in name for c in "，,。；;:：")
    )


#: "各地、各部门配合": the localities as a collective unit (各县市区 ends like a unit already).
_EACH_PLACE = frozenset({"各地", "各地区", "各地方"})
_TRAILING_BRACKET = re.compile(r"[(（〔\[][^()（）〔〕\[\]]{1,12}[)）〕\]]$")
#: Spaces a PDF puts inside and around names ("各市 (地) 、县 (市) 政府"): not the name's.
_INNER_SPACE = re.compile(r"\s+")


def _complete(names: list[str], head: str | None = None) -> list[str]:
    """Give a leading 省/市/县/区/自治区 of the first name to the departments without it.

    ``head`` is the first name of the list before, when this list continues it: the
    supports after "自治区财政厅牵头，" ("经济和信息化厅配合" → 自治区经济和信息化厅).
    """
    first = head if head is not None else (names[0] if names else "")
    if first.startswith("自治区") and len(first) > 4:
        prefix = "自治区"  # 广西: "自治区财政厅、工业和信息化厅"
    elif first[:1] not in _PREFIXES or len(first) < 3:
        return names
    else:
        prefix = first[0]
    done = [] if head is not None else [names[0]]
    for name in names[len(done) :]:
        if (
            len(name) <= 12
            and name.endswith(_DEPARTMENT_ENDINGS)  # (a name holds no line break)
            and name.startswith(_DEPARTMENT_STEMS)
        ):
            done.append(prefix + name)
        else:
            done.append(name)
    return done


_SPACES = " \t\n\r\u3000"


def _set_notes_apart(text: str, items: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], str]:
    """The items that name units, and the scoping note the others hold ("以下…不再列出")."""
    note_start = note_end = -1
    kept: list[tuple[int, int]] = []
    for s, e in items:
        s, e = _trim(text, s, e, _SPACES)
        if e - s > 2 and text[e - 1] in _CLOSERS and text[s] not in _OPENERS:
            # "市财政局(第一责任单位为牵头单位,下同)": a note in brackets after a name
            opener = max(text.rfind("(", s, e), text.rfind("（", s, e))
            if opener > s and _NOTE_ITEM.search(text, opener + 1, e - 1):
                if note_start < 0:
                    note_start = opener + 1
                note_end = e - 1
                kept.append((s, opener))
                continue
        stop = text.find("。", s, e)
        if (
            stop > s
            and _NOTE_ITEM.search(text, stop + 1, e)
            and not _NOTE_ITEM.search(text, s, stop)
        ):
            # "省发改委(省能源局)。列第一位者为牵头部门": a name, then a note after a stop
            if note_start < 0:
                note_start = stop + 1
            note_end = e
            kept.append((s, stop))
            continue
        inner_s, inner_e = s, e
        if s < e and text[s] in _OPENERS and text[e - 1] in _CLOSERS:
            inner_s, inner_e = _trim(text, s + 1, e - 1, " \t\u3000")
        if s < e and _NOTE_ITEM.search(text, inner_s, inner_e):
            if note_start < 0:
                note_start = inner_s
            note_end = inner_e
            continue
        kept.append((s, e))
    note = ""
    if note_start >= 0:
        ns, ne = _trim(text, note_start, note_end, " \t\n\r\u3000。.;；,，()（）")
        note = text[ns:ne]
    return kept, note


#: What a unit list needs to be read step by step for: spaces, brackets, stops, colons, 等.
_NOT_PLAIN = re.compile(r"[\s()（）〔〕\[\]。.:：等]")


def _plain_names(text: str, start: int, end: int, *, running: bool) -> _Names | None:
    """The names of a list holding only names and separators (and 及/和/与), as
    :func:`_names` reads them; ``None`` for any other list (and for a 各 collective that
    another name follows, which may join it).

    Nothing in such a list is trimmed (but the stops ending it), set apart as a note or cut
    at a 等: each item (each part of it at a 及/和/与 between whole units) is a name, less a
    verb ending it (and, in running text, a 由 before it and a modal word after it).
    """
    while end > start and text[end - 1] in "。.":
        end -= 1  # "(市发展改革委。)": the stop is trimmed off the last name
    if (
        _NOT_PLAIN.search(text, start, end) is not None
        or _NOTE_ITEM.search(text, start, end) is not None
    ):
        return None
    conjunctions = _CONJ.search(text, start, end) is not None
    spans: list[tuple[int, int]] = []
    begin = start
    for piece in _SEPARATOR.split(text[start:end]):
        stop = begin + len(piece)
        if piece:
            parts = _split_conjunctions(text, begin, stop) if conjunctions else [(begin, stop)]
            for s, e in parts:
                if spans and text[spans[-1][0]] in "各相有":
                    return None  # "各县、区人民政府": the joins are read step by step
                if running:
                    lead_head = _LEAD_HEAD.match(text, s, e)
                    if lead_head is not None and e - lead_head.end() >= 2:
                        s = lead_head.end()
                    if text[e - 1] in _MODAL_LAST:
                        tail = _MODAL_TAIL.search(text, s, e)
                        if tail is not None and tail.start() - s >= 2:
                            e = tail.start()
                if text[e - 1] in _VERB_LAST:
                    verb = _VERB_TAIL.search(text, s, e)
                    if (
                        verb is not None
                        and verb.start() - s >= 2
                        and text[verb.start() - 1] in _SUFFIX
                    ):
                        e = verb.start()  # "园区管委会落实": the unit, not its verb
                spans.append((s, e))
        begin = stop + 1
    written = [text[s:e] for s, e in spans]
    return _Names(tuple(spans), tuple(_complete(_share_suffix(written))), False, "")


def _names(text: str, start: int, end: int, *, running: bool) -> _Names:
    """The unit names in ``text[start:end]``, with a trailing 等 and a scoping note.

    ``running`` is ``True`` for unit lists in running text (not inside a labelled
    bracket), where modal words such as 要 may follow the last unit.
    """
    plain = _plain_names(text, start, end, running=running)
    if plain is not None:
        return plain
    items = _items(text, start, end)
    spaced = _INNER_SPACE.search(text, start, end) is not None
    note = ""
    if _NOTE_ITEM.search(text, start, end) is None:  # most lists: no note to set apart
        kept = [_trim(text, s, e, _SPACES) for s, e in items] if spaced else items
    else:
        kept, note = _set_notes_apart(text, items)
    if _CONJ.search(text, start, end) is None:  # no 及/和/与 to split at
        spans = kept
    else:
        spans = []
        for s, e in kept:
            spans.extend(_split_conjunctions(text, s, e))
    any_etc = text.find("等", start, end) >= 0
    bracketed = _BRACKET.search(text, start, end) is not None
    etc = False
    names: list[tuple[int, int]] = []
    for s, e in spans:
        if s < e and (text[s] in _TRIM_BUT_ETC or text[e - 1] in _TRIM_BUT_ETC):
            s, e = _trim(text, s, e, _TRIM_BUT_ETC)
        etc_match = _ETC.search(text, s, e) if any_etc and text.find("等", s, e) >= 0 else None
        if etc_match is not None and etc_match.start() > s:
            etc = True
            e = etc_match.start()
        elif etc_match is not None and text[s] == "等":  # "A、等有关部门": the class alone
            etc = True
            continue
        if running:
            lead_head = _LEAD_HEAD.match(text, s, e)
            if lead_head is not None and e - lead_head.end() >= 2:
                s = lead_head.end()
            tail = _MODAL_TAIL.search(text, s, e) if text[e - 1 : e] in _MODAL_LAST else None
            if tail is not None and tail.start() - s >= 2:
                e = tail.start()
        verb = _VERB_TAIL.search(text, s, e) if text[e - 1 : e] in _VERB_LAST else None
        if verb is not None and verb.start() - s >= 2 and text[verb.start() - 1] in _SUFFIX:
            e = verb.start()  # "园区管委会落实": the unit, not its verb
        if s < e and (text[s] in _TRIM or text[e - 1] in _TRIM):
            s, e = _trim(text, s, e)
        while e > s and text[e - 1] in _CLOSERS and _opener(text, s, e - 1) < 0:
            e = _trim(text, s, e - 1)[1]  # "区人社局)": a bracket the name never opened
        if e > s and (not bracketed or text[s:e].strip(_OPENERS + _CLOSERS)):
            if spaced:  # (a lone "(" names nothing)
                names.extend(_at_line_break(text, s, e))
            else:  # no line break to run through a name
                names.append((s, e))
    # "各县、区人民政府", "各县、市、区政府", "各区、县级市": a bare 各X joins the next item;
    # "各乡镇人民政府、街道办事处": a class of units after a 各 collective shares its 各.
    merged: list[tuple[int, int]] = []
    for s, e in names:
        # both joins need a first name starting with 各 (or 相关/有关, "相关市、县政府")
        # (names are trimmed: its first char)
        if merged and text[merged[-1][0]] in "各相有" and "、" in text[merged[-1][1] : s]:
            ms, me = merged[-1]
            word = _INNER_SPACE.sub("", text[ms:me])
            follower = _INNER_SPACE.sub("", text[s:e])
            if (_BARE_EACH.fullmatch(word) and follower[:1] in _LEVELS) or (
                word.startswith("各") and _UNIT_CLASS.fullmatch(follower)
            ):
                merged[-1] = (ms, e)
                continue
        merged.append((s, e))
    if not spaced:  # most lists: no space to take out
        written = [text[s:e] for s, e in merged]
    else:
        written = [_INNER_SPACE.sub("", text[s:e]) for s, e in merged]
    return _Names(tuple(merged), tuple(_complete(_share_suffix(written))), etc, note)


def _at_line_break(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """A name that a line break runs through: one name, or two when both halves are whole.

    A list wrapped inside a name (a PDF's line end: "市工业和信⏎息化局") is one name, the
    break taken out. Two halves that each read as a whole unit of four characters or more
    ("市财政局⏎市商务局") are two names whose separator the line end took; shorter halves
    are the two parts of one ("市发展改革委⏎员会", "区人民政府⏎办公室").
    """
    brk = text.find("\n", start, end)
    if brk < 0:
        return ((start, end),)
    first = _trim(text, start, brk)
    second = _trim(text, brk, end)
    if (
        text.find("\n", second[0], end) < 0
        and first[1] - first[0] >= 4
        and second[1] - second[0] >= 4
        and unit_like(text[first[0] : first[1]])
        and unit_like(text[second[0] : second[1]])
    ):
        return (first, second)
    return ((start, end),)


#: "哈尔滨、黑河、绥芬河市政府": bare place names before a name ending in a level's
#: government share its ending (哈尔滨市政府, 黑河市政府, 绥芬河市政府).
_GOVERNMENT_END = re.compile(r"[市县区州盟旗](?:人民)?政府$")
_BARE_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _share_suffix(names: list[str]) -> list[str]:
    """Give bare place names the government ending of the name that closes their run."""
    done = list(names)
    for i, name in enumerate(names):
        ending = _GOVERNMENT_END.search(name) if name.endswith("政府") else None
        if ending is None or len(name) - len(ending.group()) < 2:
            continue
        k = i - 1
        while k >= 0 and _BARE_PLACE.fullmatch(names[k]) and not unit_like(names[k]):
            done[k] = names[k] + ending.group()
            k -= 1
    return done


#: "各县", "各市(地)": the head of a collective whose list goes on after a 、.
_BARE_EACH = re.compile(
    r"(?:各|相关|有关)[省市县区镇乡州盟旗](?:[(（][^()（）]{1,4}[)）])?(?:、[省市县区镇乡州盟旗](?:[(（][^()（）]{1,4}[)）])?)*"
)
#: Kinds of local unit that follow a 各 collective without their own 各 ("、街道办事处").
_UNIT_CLASS = re.compile(r"(?:街道办事处|街道|乡镇人民政府|乡镇|镇人民政府|社区居委会|社区)")
_LEVELS = "省市县区镇乡州盟旗"


def _units(text: str, found: _Names, role: Role | None, *, first_leads: bool) -> list[ClauseUnit]:
    """Units with ``role`` stated, or by listing order when ``role`` is ``None``.

    A name ending in 牵头 or 配合 states its own role ("A牵头、B配合" inside a label), and
    that of the names listed before it without a role word of their own, when no label
    gave one ("责任单位:A、B分别牵头": A and B lead); so does a role in brackets after it
    ("区工信局(牵头)、区科技局"), for that name alone; in a listing where a bracket marks
    the lead, the units not marked support it (stated: the text sets them apart from the
    lead).
    """
    read: list[tuple[tuple[int, int], str, Role | None, bool]] = []
    marked_lead = False
    for (s, e), name in zip(found.spans, found.names, strict=True):
        own: Role | None = None
        tailed = False  # a role word after the name (not a bracket mark) governs the run
        for pattern, tail_role in _ROLE_TAIL if name.endswith(_ROLE_TAIL_ENDS) else ():
            tail = pattern.search(name)
            if tail is not None and tail.start() >= 2:
                cut = len(name) - tail.start()
                name, e = name[: tail.start()], e - cut
                own, tailed = tail_role, True
                break
        mark = _ROLE_MARK.search(name) if name[-1:] in _CLOSERS else None
        if mark is not None and mark.start() >= 2:
            name, e = name[: mark.start()].rstrip(), e - (len(name) - mark.start())
            e = _trim(text, s, e)[1]
            own, tailed = (Role.LEAD if mark["lead"] else Role.SUPPORT), False
            marked_lead = marked_lead or own is Role.LEAD
        read.append(((s, e), name, own, tailed))
    units: list[ClauseUnit] = []
    governing: Role | None = None
    for i in range(len(read) - 1, -1, -1):
        (s, e), name, own, tailed = read[i]
        if tailed:
            governing = own
        unit_role, explicit = role, role is not None
        if own is not None:
            unit_role, explicit = own, True
        elif role is None and governing is not None:
            unit_role, explicit = governing, True
        if unit_role is None:
            unit_role = Role.LEAD if first_leads and i == 0 else Role.SUPPORT
        if e > s:
            units.append(ClauseUnit(name, unit_role, explicit, (s, e), text[s:e]))
    units.reverse()
    if marked_lead and role is None:
        units = [
            u if u.explicit else ClauseUnit(u.name, Role.SUPPORT, True, u.span, u.written)
            for u in units
        ]
    return units


def cell_units(
    text: str, lines: list[tuple[int, int]], role: Role | None, *, first_leads: bool
) -> list[ClauseUnit]:
    """The units of a 任务分工表 cell, ``lines`` its spans in ``text``, under a column of ``role``.

    ``role`` is the column's (``None`` for a 责任单位 column, where ``first_leads`` makes
    the first unit the inferred lead). A cell may state roles of its own: parts labelled
    "牵头:A;配合:B" (or 牵头单位/配合单位…), a role after a name ("A牵头", "A(牵头)"); where
    it marks a lead, on any of its lines, the units it does not mark support it, stated.

    >>> text = "牵头:区工信局;配合:区发改局、区自然资源局"
    >>> [(u.name, u.role.value, u.explicit) for u in cell_units(text, [(0, len(text))], None,
    ...  first_leads=True)]
    [('区工信局', 'lead', True), ('区发改局', 'support', True), ('区自然资源局', 'support', True)]
    """
    units: list[ClauseUnit] = []
    for start, end in lines:  # a cell over lines (or <p>s): a unit a line
        for s, e in _items(text, start, end, "；;"):
            s, e = _trim(text, s, e, " \t\u3000")
            label = _LABEL_COLON.match(text, s, e)
            part_role = role
            if label is not None and label.group(1) not in _PERSON_LABELS:
                part_role, s = _LABEL_ROLES.get(label.group(1)), label.end()
            found = _names(text, s, e, running=False)
            leads = first_leads and not units and part_role is None
            units.extend(_units(text, found, part_role, first_leads=leads))
    if role is None and any(u.explicit and u.role is Role.LEAD for u in units):
        units = [
            u if u.explicit else ClauseUnit(u.name, Role.SUPPORT, True, u.span, u.written)
            for u in units
        ]
    return units


#: A role in brackets after a unit's name: "区工信局(牵头)", "市科技局(牵头单位)", "(配合)".
_ROLE_MARK = re.compile(
    r"[(（\[【〔]\s*(?:(?P<lead>(?:总)?牵头(?:单位|部门)?)|(?:配合|参与|协办|协助)(?:单位|部门)?)"
    r"\s*[)）\]】〕]$"
)


# --------------------------------------------------------------------------- clauses


_CLOSE_OR_LINE = re.compile(r"[)）〕\]\n]")
_CLOSER = re.compile(r"[)）〕\]]")
_NOT_SPACE = re.compile(r"\S")
#: A line that opens a labelled bracket of its own ("(责任单位:").
_PAREN_LABEL = re.compile(rf"[^\S\n]*[(（〔\[][^\S\n]{{0,3}}(?:{_LABEL})[^\S\n]{{0,3}}[:：]")


def _closing(text: str, start: int, end: int) -> int:
    """Index just past the bracket closing the one at ``start``; -1 if none in the window.

    A bracket still open at a line end closes there: then ``-(line_end) - 2`` is
    returned, so that the caller can tell. A line ending in a colon ("(责任单位:") goes on
    to the next line, at most :data:`_LABEL_LINES` times.
    """
    limit = min(end, start + _LABELLED_MAX)
    depth = 0
    position = start
    continued = 0  # lines ending in a colon read past
    while True:
        found = _CLOSE_OR_LINE.search(text, position, limit)
        if found is None:
            return -1
        i = found.start()
        if text[i] == "\n":
            if end == len(text) and _NOT_SPACE.search(text, i, end) is None:
                return -1  # the text ends here: the clause is cut off
            before = i  # the line's end, without trailing spaces (no copy of the line)
            while before > start and text[before - 1] in " \t\r":
                before -= 1
            continued += 1
            if (
                before > start
                and text[before - 1] not in ":："
                and continued <= _LABEL_LINES
                and _wrapped_list(text, i + 1, limit)
            ):
                position = i + 1  # "…市财政局、⏎人民银行某市中心支行)": a list wrapped
                continue
            if (
                before == start
                or text[before - 1] not in ":："
                or continued > _LABEL_LINES
                or _PAREN_LABEL.match(text, i + 1, limit) is not None  # a clause of its own
            ):
                return -i - 2
            position = i + 1  # "(责任单位:" then the names on the next line
            continue
        depth += len(_OPENER.findall(text, position, i)) - 1
        if depth <= 0:
            return i + 1
        position = i + 1


#: How far a wrapped list's next line is looked along for its closing bracket.
_WRAP_LOOK = 80


def _wrapped_list(text: str, start: int, limit: int) -> bool:
    """Whether the line at ``start`` goes on with a list that a line end wrapped.

    It does when a closing bracket ends the list within :data:`_LABEL_LINES` lines of at
    most :data:`_WRAP_LOOK` characters each, with no opening bracket, stop (。) or empty
    line before it: "人民银行某市中心支行)", "…省商务厅、⏎省财政厅)" — not
    "2.加强服务。(责任单位:…)", the next item.
    """
    stop = min(limit, start + _WRAP_LOOK * _LABEL_LINES)
    found = _CLOSER.search(text, start, stop)
    if found is None:
        return False
    piece = text[start : found.start()]
    lines = piece.split("\n")
    if len(lines) > _LABEL_LINES or any(len(line) > _WRAP_LOOK for line in lines):
        return False
    if any(not line.strip() for line in lines[1:]) or not lines[0].strip():
        return False
    return bool(piece.strip()) and not any(c in piece for c in _OPENERS + "。")


#: Fields of a web page's footer ("主办单位:… 电话:… 网站标识码:…"): a line holding one is
#: page furniture, never a clause on a line of its own.
_FOOTER_FIELD = re.compile(
    r"(?:电话|传真|地址|邮编|邮箱|网站标识码|ICP|技术支持|版权所有|承办单位|维护单位)\s*[:：备]"
)


def _labelled(
    text: str, start: int, end: int, *, closed: bool = True
) -> ResponsibilityClause | None:
    """A labelled clause: "(责任单位:…)", "(牵头单位:…;配合单位:…)" or a bare line.

    ``closed=False`` reads a bracket the text's end cuts off: the character before
    ``end`` is then the last of a name ("〔责任单位:A(B)、…" keeps "A(B)"), never its
    closing bracket.
    """
    inner_start, inner_end = start, end
    if text[start] in _OPENERS:
        inner_start = start + 1
        if closed and text[end - 1] in _CLOSERS:
            inner_end = end - 1
    labels = list(_LABEL_COLON.finditer(text, inner_start, inner_end))
    if not labels:
        return None
    if inner_start == start and _FOOTER_FIELD.search(text, inner_start, inner_end):
        return None  # "主办单位:某市人民政府办公室 电话:…": a page's footer, not a clause
    words = [m.group(1) for m in labels]
    roles = [_LABEL_ROLES.get(word) for word in words]
    # The first unlabelled listing (责任单位) leads by convention unless a lead is stated.
    if len(labels) == 1:  # most clauses: one label
        stated = roles[0] is not None
        listing = 0 if not stated and words[0] not in _PERSON_LABELS else None
    else:
        stated = any(r is not None for r in roles)
        listing = next(
            (k for k, r in enumerate(roles) if r is None and words[k] not in _PERSON_LABELS),
            None,
        )
    if Role.LEAD in roles:
        # "牵头单位:A；责任单位:B": the text sets B apart from the lead, a stated support.
        listing = None
        roles = [
            Role.SUPPORT if r is None and m.group(1) not in _PERSON_LABELS else r
            for r, m in zip(roles, labels, strict=True)
        ]
    units: list[ClauseUnit] = []
    notes: list[str] = []
    unknown: list[tuple[int, int]] = []
    etc = False
    divided = False
    for k, label in enumerate(labels):
        part_end = labels[k + 1].start() if k + 1 < len(labels) else inner_end
        if words[k] in _PERSON_LABELS:
            ns, ne = _trim(text, label.start(), part_end)
            notes.append(text[ns:ne])
            continue
        names_start = label.end()
        colon = (
            text.find(":", names_start, part_end) >= 0
            or text.find("：", names_start, part_end) >= 0
        )
        other = _OTHER_LABEL.search(text, names_start, part_end) if colon else None
        if other is not None:
            # "(牵头单位:A;数据提供单位:B)": the part under a label of no role is a note
            ns, ne = _trim(text, other.start() + 1, part_end)
            notes.append(text[ns:ne])
            unknown.append((ns, ne))
            part_end = other.start()
        deadline = _DEADLINE_PART.search(text, label.end(), part_end)
        if deadline is not None:
            # "(责任单位:A,B;完成时限:2023年12月底)": the deadline (read with the measure's
            # own deadlines), never a unit
            part_end = deadline.start()
        names_end = part_end
        division = _DIVISION_IN.search(text, names_start, part_end)
        if division is not None:
            # "〔责任单位:A、B按职责分工负责。具体任务…〕": no lead named, the rest a note
            names_end, divided = division.start(), True
            ns, ne = _trim(text, division.end(), part_end, " \t\r\n\u3000。.，,；;")
            if ns < ne:
                notes.append(text[ns:ne])
        found = _names(text, names_start, names_end, running=False)
        etc = etc or found.etc
        if found.note:
            notes.append(found.note)
        leads = k == listing and division is None
        units.extend(_units(text, found, roles[k], first_leads=leads))
    if not units:
        return None
    form = ClauseForm.ROLES if stated or any(u.explicit for u in units) else ClauseForm.LISTING
    if divided and not stated:
        form = ClauseForm.DIVISION
    if text[end - 1] in " \t\r\u3000":
        end = _trim(text, start, end, " \t\r\u3000")[1]
    return ResponsibilityClause(
        form,
        tuple(units),
        (start, end),
        text[start:end],
        "；".join(notes),
        etc,
        unknown_labels=tuple(unknown),
    )


_LIST_BOUNDARY_COMMAS = re.compile(f"[{re.escape(_CLOSERS + _STOP)}]")
_LIST_BOUNDARY = re.compile(f"[{re.escape(_CLOSERS + _STOP)}，,]")


def _list_start(text: str, position: int, floor: int, *, commas: bool) -> int:
    """Where the unit list ending at ``position`` starts: after a stop (or comma)."""
    i = position
    low = max(floor, position - _BACK)
    boundary = _LIST_BOUNDARY_COMMAS if commas else _LIST_BOUNDARY
    while i > low:
        # the nearest closing bracket, stop (or comma) before ``i``: searched for in C on
        # the window reversed
        found = boundary.search(text[low:i][::-1])
        if found is None:
            i = low
            break
        i -= found.start()  # just after it
        if text[i - 1] in _CLOSERS:  # 各区(市)人民政府: a short bracket inside a name
            opener = max(text.rfind("(", low, i - 1), text.rfind("（", low, i - 1))
            if (
                opener >= 0
                and i - opener <= 12
                and not any(c in _STOP for c in text[opener + 1 : i - 1])
            ):
                i = opener
                continue
        break
    marker = _ITEM_MARKER.match(text, i, position)
    return marker.end() if marker else i


#: An item's number at the start of a line ("第四十七条", "一、", "1.", "一是"): not a name.
_ITEM_MARKER = re.compile(
    r"[^\S\n]*(?:第[一二三四五六七八九十百]{1,4}[条章节]|[一二三四五六七八九十]{1,3}[、是]"
    r"|\d{1,3}[.．、](?!\d)|[①-⑳]|[⑴-⒇])[^\S\n]*"
)


def _unit_names(text: str, start: int, end: int, *, commas: bool) -> _Names | None:
    """Names in running text, keeping only the trailing run that reads like units."""
    found = _names(text, start, end, running=True)
    keep = len(found.names)
    while keep > 0 and unit_like(found.names[keep - 1]):
        keep -= 1
    if keep == len(found.names):
        return None
    if keep and not commas:
        return None
    return _Names(found.spans[keep:], found.names[keep:], found.etc, found.note)


def _bracketed(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """ "（A牵头，B按职责分工负责。）": take the brackets along."""
    if start > 0 and text[start - 1] in _OPENERS:
        after = end
        while after < limit and text[after] in "。. \t":
            after += 1
        if after < limit and text[after] in _CLOSERS:
            return start - 1, after + 1
    return start, end


def _clause(
    form: ClauseForm,
    text: str,
    units: list[ClauseUnit],
    span: tuple[int, int],
    etc: bool,
    limit: int,
    *,
    brackets: bool = True,
    shared: bool = False,
) -> ResponsibilityClause | None:
    if not units:
        return None
    start, end = _bracketed(text, *span, limit) if brackets else span
    return ResponsibilityClause(
        form, tuple(units), (start, end), text[start:end], "", etc, shared=shared
    )


def _lead_at(text: str, anchor: re.Match[str], floor: int, end: int) -> ResponsibilityClause | None:
    """ "A、B牵头[负责]", "A牵头，B配合", "A牵头、B参与", "A牵头，B按职责分工负责"."""
    lead_end = anchor.start()
    if text[lead_end - 1 : lead_end] == "总":  # "(省发改委总牵头)": the overall lead
        lead_end -= 1
    list_start = _list_start(text, lead_end, floor, commas=False)
    lead = _unit_names(text, list_start, lead_end, commas=False)
    if lead is None:
        return None
    position = anchor.end()
    after = _AFTER_LEAD.match(text, position, end)
    if after is None:
        return None
    position = after.end()
    units = _units(text, lead, Role.LEAD, first_leads=False)
    clause_end = position
    etc = lead.etc
    limit = min(end, position + _FORWARD)
    if list_start > 0 and text[list_start - 1] in _OPENERS:  # "(A牵头;B配合)": to the bracket
        closing = _closing(text, list_start - 1, end)  # past "(管委会)" inside a name
        if closing >= 0:
            sentence_end = min(closing - 1, limit)
        else:
            closer = _CLOSE_OR_LINE.search(text, position, limit)
            sentence_end = closer.start() if closer else limit
    else:
        sentence = _CLAUSE_END.search(text, position, limit)
        sentence_end = sentence.start() if sentence else limit
    next_lead = text.find("牵头", position, sentence_end)  # the next clause's anchor
    if next_lead >= 0:
        sentence_end = next_lead
    support_end = _SUPPORT_END.search(text, position, sentence_end)
    if support_end is not None:
        support_start = position
        while support_start < support_end.start() and text[support_start] in "，,、;； \t":
            support_start += 1
        if text.startswith("会同", support_start):  # "A牵头，会同B办理"
            support_start += 2
        elif text.startswith("会", support_start):  # "A牵头，会B办理" (会办)
            support_start += 1
        support = _unit_names(text, support_start, support_end.start(), commas=True)
        if support is not None and support.spans[0][0] <= support_start + 1:
            completed = tuple(_complete(list(support.names), head=lead.names[0]))
            support = support._replace(names=completed)
            units += _units(text, support, Role.SUPPORT, first_leads=False)
            clause_end = support_end.end()
            etc = etc or support.etc
            further = _further_part(text, clause_end, sentence_end)
            if further is not None:  # "A牵头,B参与,C负责落实": C supports too, stated
                units += _units(text, further[0], Role.SUPPORT, first_leads=False)
                clause_end, etc = further[1], etc or further[0].etc
    start = units[0].span[0]
    if _LEAD_HEAD.fullmatch(text, list_start, start):  # "此项工作由A牵头": the clause's words
        start = list_start
    return _clause(ClauseForm.LEAD_DIVISION, text, units, (start, clause_end), etc, end)


def _further_part(text: str, position: int, sentence_end: int) -> tuple[_Names, int] | None:
    """ ",各县、区人民政府(管委会)负责落实" right after a support part: its names and end."""
    start = position
    while start < sentence_end and text[start] in "，,；; \t":
        start += 1
    if start == position:
        return None
    duty = _FURTHER_END.search(text, start, sentence_end)
    if duty is None:
        return None
    names = _unit_names(text, start, duty.start(), commas=True)
    if names is None or names.spans[0][0] > start + 1:
        return None
    return names, duty.end()


def _division_at(
    text: str, anchor: re.Match[str], floor: int, end: int
) -> ResponsibilityClause | None:
    """ "A、B按职责分工负责" and "A、B分别负责": no lead named."""
    list_start = _list_start(text, anchor.start(), floor, commas=True)
    found = _unit_names(text, list_start, anchor.start(), commas=True)
    if found is None:
        return None
    units = _units(text, found, None, first_leads=False)
    if not units:
        return None
    clause_end, etc = anchor.end(), found.etc
    limit = min(end, clause_end + _FORWARD)
    sentence = _CLAUSE_END.search(text, clause_end, limit)
    further = _further_part(text, clause_end, sentence.start() if sentence else limit)
    if further is not None:  # "(A、B按职责分工负责,各区人民政府落实)": C is named too
        units += _units(text, further[0], None, first_leads=False)
        clause_end, etc = further[1], etc or further[0].etc
    return _clause(ClauseForm.DIVISION, text, units, (units[0].span[0], clause_end), etc, end)


def _duty_at(text: str, anchor: re.Match[str], floor: int, end: int) -> ResponsibilityClause | None:
    """ "(A、B、C负责)": a bracket of unit names ending in 负责, no lead word.

    Read like a bare listing (the first unit the inferred lead), and only when every
    name reads like a unit ("(详见附件负责)" is no clause).
    """
    low = max(floor, anchor.start() - _BACK)
    opener = max(text.rfind(c, low, anchor.start()) for c in _OPENERS)
    if opener >= 0 and any(c in _CLOSERS for c in text[opener + 1 : anchor.start()]):
        opener = _opener(text, low, anchor.start())  # past "(市、区)" inside a name
    if opener < 0 or "\n" in text[opener + 1 : anchor.start()]:
        return None
    found = _names(text, opener + 1, anchor.start(), running=True)
    if not found.names or not all(
        unit_like(n) and len(n) >= 3 and "由" not in n for n in found.names
    ):
        return None
    units = _units(text, found, None, first_leads=True)
    closer = _CLOSE_OR_LINE.search(text, anchor.end(), min(end, anchor.end() + 4))
    if not units or closer is None or text[closer.start()] == "\n":
        return None
    span = (opener, closer.end())
    return ResponsibilityClause(
        ClauseForm.LISTING, tuple(units), span, text[span[0] : span[1]], found.note, found.etc
    )


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


def _joint_at(
    text: str, anchor: re.Match[str], floor: int, end: int
) -> ResponsibilityClause | None:
    """ "由A会同B……": A leads, B supports, both stated."""
    list_start = _list_start(text, anchor.start(), floor, commas=False)
    by = text.rfind("由", list_start, anchor.start())
    if by >= 0 and text[by + 1 : by + 2] in ("于", "此", "衷"):
        return None
    if by < 0:  # "A应当会同B……" (a regulation's wording): the list starts the clause
        if not text.endswith(("应当", "应", "要", "须", "负责"), list_start, anchor.start()):
            return None  # "A会同B召开…" reports what was done, it assigns nothing
        by = list_start - 1
    lead = _unit_names(text, by + 1, anchor.start(), commas=False)
    if lead is None:
        return None
    support_start = anchor.end()
    stop = support_start
    limit = min(end, support_start + _FORWARD)
    while stop < limit and text[stop] not in _STOP and text[stop] not in "，,":
        stop += 1
    support_end = _joint_end(text, support_start, stop)
    support = _names(text, support_start, support_end, running=True)
    if not support.spans or not all(unit_like(n) for n in support.names):
        return None
    units = _units(text, lead, Role.LEAD, first_leads=False)
    units += _units(text, support, Role.SUPPORT, first_leads=False)
    clause_end = max(support_end, units[-1].span[1])
    clause_end = _trim(text, by, clause_end, " \t")[1]
    return _clause(
        ClauseForm.JOINT,
        text,
        units,
        (by, clause_end),
        lead.etc or support.etc,
        end,
        brackets=False,
    )


def _assigned_at(text: str, anchor: re.Match[str], end: int) -> ResponsibilityClause | None:
    """ "此项工作由A、B负责。" (and "以上任务由…负责", given to a whole section)."""
    start = anchor.end()
    sentence = _SENTENCE.search(text, start, min(end, start + _FORWARD))
    sentence_end = sentence.start() if sentence else min(end, start + _FORWARD)
    duty = text.rfind("负责", start, sentence_end)
    if duty < 0:
        return None
    units_end = duty
    for word in ("共同", "分别", "具体"):
        if text.endswith(word, start, units_end):
            units_end -= len(word)
    units: list[ClauseUnit] = []
    joint = text.find("会同", start, units_end)
    led = text.find("牵头", start, units_end)
    if joint >= 0 or led >= 0:
        split = joint if joint >= 0 else led
        lead = _names(text, start, split, running=True)
        support = _names(text, split + 2, units_end, running=True)
        units = _units(text, lead, Role.LEAD, first_leads=False)
        support_units = _units(text, support, Role.SUPPORT, first_leads=False)
        units += [ClauseUnit(u.name, Role.SUPPORT, True, u.span, u.written) for u in support_units]
        etc = lead.etc or support.etc
    else:
        found = _names(text, start, units_end, running=True)
        units = _units(text, found, None, first_leads=True)
        etc = found.etc
    clause_end = duty + 2
    if clause_end < end and text[clause_end] in "。.":
        clause_end += 1
    shared = text.startswith(_SHARED_HEAD, anchor.start())
    return _clause(
        ClauseForm.ASSIGNED,
        text,
        units,
        (anchor.start(), clause_end),
        etc,
        end,
        brackets=False,
        shared=shared,
    )


#: How far after a clause the end of the text may stand for the clause to be cut by it.
_END_TAIL = 16


def find_responsibility_clauses(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[ResponsibilityClause]:
    """Every responsibility clause in ``text[start:end]``, in order of position.

    Spans index ``text`` itself. Clauses never overlap: the text is read from left to
    right and each clause is read from its anchor word (a label and colon, 牵头,
    按职责分工负责, 此项工作由, 会同) within a bounded window, so the time is linear in
    the length of the text. A clause that names no unit ("(责任单位:)") is skipped. A
    labelled bracket that the text's end cuts off keeps only its complete names
    (``cut``); one still open at a line end closes there (``unclosed``). A rule note
    "排在首位的为牵头单位" makes the first unit an explicit lead, and with "下同" in
    every later clause too.

    Examples
    --------
    >>> text = "加强信贷支持。(责任单位:人民银行天津分行、市金融局)\\n此项工作由市财政局负责。"
    >>> [(c.form.value, c.names, c.span) for c in find_responsibility_clauses(text)]
    [('listing', ('人民银行天津分行', '市金融局'), (7, 27)), ('assigned', ('市财政局',), (28, 40))]
    """
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, end))
    floor = start
    first_leads_everywhere = False
    last_closer = -2  # where the last closing bracket stands (-1: none), looked for once needed
    for kind, at, anchor in _anchors(text, start, end):
        if at < floor:
            continue
        clause: ResponsibilityClause | None = None
        if kind == "paren":
            closing = _closing(text, at, end)
            if closing > 0:
                clause = _labelled(text, at, closing)
            elif closing < -1:  # open at a line end
                line_end = -closing - 2
                clause = _labelled(text, at, line_end)
                if clause is not None and clause.units and not unit_like(clause.units[-1].name):
                    # "〔责任单位:A、发⏎上一篇…": a name broken off at the line end is no unit
                    clause = _cut(text, at, line_end)
                clause = attrs.evolve(clause, unclosed=True, cut=False) if clause else None
            elif end == len(text) and at + _LABELLED_MAX > end:
                clause = _cut(text, at, end)
        elif kind == "bare":
            limit = min(end, at + _LABELLED_MAX)  # no label line is longer
            line_end = text.find("\n", at, limit)
            line_end = limit if line_end < 0 else line_end
            clause = _labelled(text, at, line_end)
            last = clause.units[-1].name if clause is not None and clause.units else ""
            if last and (
                # "责任单位:A、各区县政府和⏎3、…": the line breaks off after a 和, inside its
                # list (the name before it is whole, what the 和 joined is lost), or
                last[-1] in "和及与或"
                # "牵头单位:区商" as the text's last line (a page's footer at most after it):
                # a name the end broke off is no unit
                or (end == len(text) and _only_trailer(text, line_end, end) and not unit_like(last))
            ):
                clause = _cut(text, at, line_end)
        elif kind == "assign":
            clause = _assigned_at(text, anchor, end)
        elif kind == "lead":
            clause = _lead_at(text, anchor, floor, end)
        elif kind == "div":
            clause = _division_at(text, anchor, floor, end)
        elif kind == "duty":
            clause = _duty_at(text, anchor, floor, end)
        else:
            clause = _joint_at(text, anchor, floor, end)
        if clause is None:
            continue
        s, e = clause.span
        if s < floor or e > end or s >= e:
            continue
        opened = (
            kind in ("lead", "div", "assign", "joint")
            and s > 0
            and text[s - 1] in _OPENERS
            and end == len(text)
        )
        if opened and last_closer == -2:
            last_closer = max(text.rfind(c, start, end) for c in _CLOSERS)
        if opened and last_closer < e:  # no bracket closes after it
            clause = attrs.evolve(clause, cut=True)  # "(A牵头，B按职责分工负责，…" to the end
        elif (
            kind in ("lead", "div", "joint")
            and end == len(text)
            and text[e - 1] not in _CLOSERS  # "(A牵头)," is whole
            and end - e <= _END_TAIL  # (a bounded look: the rest of a long text is no tail)
            and text[e:end].strip()
            and not text[e:end].strip(_SEPARATORS + " \t\r\n\u3000")
        ):
            clause = attrs.evolve(clause, cut=True)  # "部门分工:省财政厅牵头," at the end
        rule = bool(clause.note) and _FIRST_LEADS.search(clause.note) is not None
        if rule or first_leads_everywhere:
            clause = first_listed_leads(clause)
        if rule and "下同" in clause.note:
            first_leads_everywhere = True
        floor = e
        yield clause


def _only_trailer(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is empty or a short page trailer (a bounded look)."""
    if end - start > 400:
        return False
    return all(
        FURNITURE.match(line.strip()) or _FOOTER_FIELD.search(line)
        for line in text[start:end].splitlines()
        if line.strip()
    )


def _cut(text: str, start: int, end: int) -> ResponsibilityClause | None:
    """A labelled bracket that the end of the text cuts off: its complete names only."""
    last = max(text.rfind(sep, start, end) for sep in _SEPARATORS)
    if last < 0:
        return None
    clause = _labelled(text, start, last, closed=False)
    if clause is None:
        return None
    return attrs.evolve(clause, cut=True)


def first_listed_leads(clause: ResponsibilityClause) -> ResponsibilityClause:
    """An inferred listing under a rule note ("排在首位的为牵头单位"): every role is stated.

    The text's own rule makes the first unit the lead and the others support, so all are
    ``explicit``. Other clauses are returned as they are.
    """
    units = clause.units
    if units and units[0].role is Role.LEAD and not all(u.explicit for u in units):
        stated = tuple(ClauseUnit(u.name, u.role, True, u.span, u.written) for u in units)
        return attrs.evolve(clause, units=stated, first_leads=True)
    return clause


#: A text's rule that a listing without a lead names leads only: "(无牵头单位的,责任单位即为
#: 牵头单位,下同)" (武汉市 2024, 2025 目标任务责任分解方案), "未明确牵头单位的,责任单位均为
#: 牵头单位".
ALL_LEAD_RULE = re.compile(
    r"(?:无|没有|未(?:明确|列明|列出|标明|注明)?)牵头单位的?[,，、]?\s*"
    r"(?:所列|其)?责任单位(?:即|均|都|皆)?(?:为|是|系)牵头单位"
)


def all_listed_lead(clause: ResponsibilityClause, rule: tuple[int, int]) -> ResponsibilityClause:
    """A listing under the text's rule ``rule`` ("无牵头单位的,责任单位即为牵头单位").

    Every unit of a listing that states no role leads, stated by the rule (``explicit``);
    a clause that states a role ("牵头单位:A;责任单位:B"), or not a listing, is returned as
    it is.

    >>> clause = parse_responsibility("(责任单位:市经信局、市统计局)")
    >>> [(u.name, u.role.value, u.explicit) for u in all_listed_lead(clause, (0, 0)).units]
    [('市经信局', 'lead', True), ('市统计局', 'lead', True)]
    """
    if clause.form is not ClauseForm.LISTING or any(u.explicit for u in clause.units):
        return clause
    units = tuple(ClauseUnit(u.name, Role.LEAD, True, u.span, u.written) for u in clause.units)
    return attrs.evolve(clause, units=units, leads_by_rule=rule)


#: A section's heading that names the lead of all its items: "县示范区管委会牵头工作(8项)",
#: "县发改局牵头事项", "市财政局牵头负责的任务(3项)" (沁县 2025 县《政府工作报告》任务清单).
#: The number of items a heading announces: "(8项)", "(共3条)".
ANNOUNCED = re.compile(r"[(（]\s*(?:共\s*)?(?P<count>\d{1,4})\s*(?:项|条|件)\s*[)）]")
_HEADING_LEAD = re.compile(
    r"(?P<units>[^\n。；;，,:：]{3,80}?)牵头(?:负责)?(?:的)?(?:工作任务|重点任务|重点工作|工作|任务|事项)"
    rf"(?:{ANNOUNCED.pattern})?[。.]?$"
)


def heading_lead(text: str, start: int, end: int) -> ResponsibilityClause | None:
    """The lead a section's heading ``text[start:end]`` names for every item under it.

    A 任务清单 grouped by lead unit titles each group so ("一、县发改局牵头工作(2项)"): its
    units lead (stated) each item of the group that states no clause of its own. Returns
    a ``shared`` clause marked ``heading``, or ``None`` when the heading is no such title.

    >>> clause = heading_lead("县示范区管委会牵头工作(8项)", 0, 15)
    >>> [(u.name, u.role.value, u.explicit) for u in clause.units], clause.heading
    ([('县示范区管委会', 'lead', True)], True)
    >>> heading_lead("加强工作统筹", 0, 6) is None
    True
    """
    if text.find("牵头", start, end) < 0:
        return None  # (most headings: no 牵头 to name a lead)
    s, e = _trim(text, start, end, " \t\r\n\u3000")
    found = _HEADING_LEAD.fullmatch(text, s, e)
    if found is None:
        return None
    names = _names(text, *found.span("units"), running=False)
    if not names.names or not all(unit_like(n) for n in names.names):
        return None
    units = tuple(_units(text, names, Role.LEAD, first_leads=False))
    return ResponsibilityClause(
        ClauseForm.ROLES, units, (s, e), text[s:e], etc=names.etc, shared=True, heading=True
    )


def unlabelled_listing(text: str, start: int, end: int) -> ResponsibilityClause | None:
    """A bracket of unit names without a label ending ``text[start:end]``: "(省工信厅、省财政厅)".

    Read as a listing (the first unit the inferred lead) when every item reads like a unit
    name; ``None`` otherwise ("(试行)", "(2022-2025年)" are not clauses).

    Examples
    --------
    >>> unlabelled_listing("加快发展。(省工信厅、省财政厅)", 0, 16).names
    ('省工信厅', '省财政厅')
    >>> unlabelled_listing("制定方案(试行)。", 0, 9) is None
    True
    """
    end = min(end, len(text))
    s, e = _trim(text, max(0, start), end, " \t\r\n\u3000。.")
    if e - s < 4 or text[e - 1] not in _CLOSERS:
        return None
    # (an opener before the closer's line start gives None below: look from there)
    opener = _opener(text, max(s, e - 200, text.rfind("\n", s, e - 1) + 1), e - 1)
    if opener < 0 or "\n" in text[opener + 1 : e - 1]:
        return None
    before = text[max(text.rfind("\n", 0, opener) + 1, opener - 400) : opener]
    if sum(map(before.count, _OPENERS)) > sum(map(before.count, _CLOSERS)):
        # "〔A、B、省数据局(省营商局)" cut by the end: a name's own bracket inside an open one
        return None
    found = _names(text, opener + 1, e - 1, running=False)
    if not found.names or not all(unit_like(n) and len(n) >= 3 for n in found.names):
        return None
    units = _units(text, found, None, first_leads=True)
    clause = ResponsibilityClause(
        ClauseForm.LISTING, tuple(units), (opener, e), text[opener:e], found.note, found.etc
    )
    # "(A、B。列第一位者为牵头部门,下同)": the text's own rule states the roles
    return first_listed_leads(clause) if _FIRST_LEADS.search(found.note) else clause


def _opener(text: str, low: int, closer: int) -> int:
    """The bracket that the one at ``closer`` closes, at or after ``low`` (-1 if none): the
    bracket still open at ``closer``, whatever stands there.

    "〔省工信厅, 各市(地)、县(市)政府(行署)〕": the outer 〔, past the inner brackets;
    "(各市、县(市、区)人民政府负责": the ( before 各, at 负责.
    """
    depth = 0
    brackets = [found.start() for found in _BRACKET.finditer(text, low, closer)]
    for i in reversed(brackets):  # only the brackets change the depth
        if text[i] in _CLOSERS:
            depth += 1
        elif depth == 0:
            return i
        else:
            depth -= 1
    return -1


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
    if not isinstance(text, str):
        raise InvalidValueError(
            f"parse_responsibility needs the text as a str, got {type(text).__name__}"
        )
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
    if not isinstance(clause, ResponsibilityClause):
        raise InvalidValueError(
            "resolve_clause needs a ResponsibilityClause (from parse_responsibility),"
            f" got {type(clause).__name__}"
        )
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

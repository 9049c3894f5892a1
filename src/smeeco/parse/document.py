"""Split a policy text into sections and numbered measures, with their responsibility clauses.

The common shape (津中小企组〔2022〕2号 and many like it)::

    天津市提升中小企业竞争力若干措施            ← preamble: titles, 通知 text, 落款
    一、落实落细财税扶持政策                    ← section
    (一)加强财政资金支持。认真落实……。         ← measure: number, title (to the first 。), text
    (责任单位:市财政局、市工业和信息化局)       ← its responsibility clause

Sections are lines "一、标题" numbered 一, 二, 三… in order; measures are lines that begin
with a Chinese numeral in full- or half-width brackets, "(一)" to "(九十九)", numbered
continuously across sections or afresh in each. Every span indexes the original text, so
a :class:`~smeeco.Source` can point at the passage; :func:`to_records` builds
:class:`~smeeco.Measure` records.
"""

from __future__ import annotations

import bisect
import itertools
import re

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError, Problem, ValidationError
from smeeco.model.common import Name, Source
from smeeco.model.document import Measure, PolicyDocument, Responsibility, Role, Section
from smeeco.parse.furniture import FURNITURE
from smeeco.parse.responsibility import (
    ALL_LEAD_RULE,
    ANNOUNCED,
    ClauseForm,
    ClauseUnit,
    ResponsibilityClause,
    all_listed_lead,
    cut_label,
    find_responsibility_clauses,
    first_listed_leads,
    heading_lead,
    resolve_clause,
    unlabelled_listing,
)
from smeeco.parse.structure import Item, find_items
from smeeco.types import DocumentId

__all__ = [
    "ParseWarning",
    "ParsedDocument",
    "ParsedMeasure",
    "ParsedSection",
    "parse_policy_text",
    "to_records",
]

# An 附件 line: the heading of an attached document ("附件", "附件2:"), or a notice's list of
# its attachments ("附件:1.申报指南"), which ends the item above it
_ATTACHMENT_LINE = r"[^\S\n]*附件[^\S\n]*\d*[^\S\n]*(?:[:：][^\n]*|[:：]?[^\S\n]*\d*[^\S\n]*)$"
_ATTACHMENT = re.compile("^" + _ATTACHMENT_LINE, re.M)
_SENTENCE_END = "。！？!?…”’』」"
_CLOSING_QUOTES = "”’』」"


def _ends_sentence(text: str, end: int, start: int = 0) -> bool:
    """Whether ``text[start:end]`` ends a sentence: a stop, or a closing quote after one.

    "…“加大力度落实‘米袋子’" breaks off after a quote inside the sentence; "…收官。”" ends.
    """
    k = end
    while k > start and text[k - 1] in _CLOSING_QUOTES:
        k -= 1
    if k == end:
        return end > start and text[end - 1] in _SENTENCE_END
    return k > start and text[k - 1] in _SENTENCE_END


#: A line that is only a date: the 落款 that ends a notice.
_SIGNED_DATE = (
    r"[^\S\n]*(?:(?:19|20)\d{2}[^\S\n]*年[^\S\n]*\d{1,2}[^\S\n]*月[^\S\n]*\d{1,2}[^\S\n]*日"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    r"[^\S\n]*$"
)
_SIGNED_DATE_LINE = re.compile("^" + _SIGNED_DATE, re.MULTILINE)
#: What every line the two patterns match holds: the search looks for it (in C) and reads
#: only the lines that hold it (:func:`_line_starts`).
_NEEDLE = {
    _ATTACHMENT: re.compile("附件"),
    _SIGNED_DATE_LINE: re.compile(r"日[^\S\n]*$", re.MULTILINE),  # both forms end in 日
}


def _line_starts(line: re.Pattern[str], text: str, start: int, end: int) -> list[int]:
    """Where the matches of ``line`` (a pattern for a whole line, ``^…$``) start in
    ``text[start:end]``, as ``line.finditer`` finds them: only the lines holding its
    :data:`_NEEDLE` are read."""
    found: list[int] = []
    for needle in _NEEDLE[line].finditer(text, start, end):
        line_start = text.rfind("\n", 0, needle.start()) + 1
        if line_start < start or (found and found[-1] == line_start):
            continue  # a line begun before ``start`` (no ``^`` there), or read already
        if line.match(text, line_start, end) is not None:
            found.append(line_start)
    return found


_SPACE = " \t\r\n\u3000"
#: Kinds of numbered item that stand for measures when a text states no clause at all.
_MEASURE_KINDS = ("paren", "arabic", "arabic_p", "arabic_r", "circled", "article")


@attrs.frozen
class ParseWarning:
    """Something the parser was unsure about, and where: ``span`` indexes the parsed text.

    ``kind`` is one of ``numbering`` (a number skips, repeats or goes back),
    ``no-clause`` (a numbered item without a responsibility clause), ``unattached``
    (a clause attached to no measure), ``no-measures``, ``truncated`` (the text breaks
    off inside a measure), ``clause-cut`` (a clause broken off by the end of the text),
    ``unclosed`` (a bracket still open at its line end), ``heading-clause`` (a clause on
    a heading whose items state their own), ``title`` (no stop ends a title: it is cut
    where a heading phrase runs into the text) and, from :func:`~smeeco.parse_policy`,
    ``script``, ``control`` (control characters left out), ``unresolved``, ``table`` and
    ``deadline`` (a 完成时限 read as no date).
    """

    kind: str
    span: tuple[int, int]
    message: str

    def __str__(self) -> str:
        return self.message


@attrs.frozen
class ParsedSection:
    """A heading above measures ("一、标题", "(一)标题", "第一章 标题").

    ``ordinal`` is its 1-based position among the document's headings, ``number`` its
    number ("一" for "一、", else as written), ``marker`` the number as written ("一、"),
    ``depth`` its level (0 outermost) and ``parent`` the ordinal of the heading above it.
    """

    ordinal: int
    number: str
    title: str
    span: tuple[int, int]
    title_span: tuple[int, int]
    marker: str = ""
    depth: int = 0
    parent: int | None = None

    def record(self) -> Section:
        """The :class:`~smeeco.Section` for a :class:`~smeeco.PolicyDocument`."""
        return Section(self.ordinal, Name(self.title or self.number), self.number)


@attrs.frozen
class ParsedMeasure:
    """One numbered measure: the item that carries a responsibility clause.

    ``ordinal`` is its 1-based position in the document; ``number`` is written as in the
    text ("(四)", "1、") and ``value`` is its numeral's value (4). ``section`` is the
    ordinal of the nearest heading above it (``None`` when there is none),
    ``section_number`` how that heading is numbered ("二") and ``headings`` the markers of
    every heading above it, outermost first ("一、", "(一)"). ``title`` is the text up to
    the first 。 (or line end); ``text`` runs from the title to the end of the measure
    (its sub-items included) without the number and without a trailing responsibility
    clause. ``clause`` is that clause or ``None``; ``shared`` marks a clause stated once
    for the whole section ("以上任务由…负责"). ``truncated`` marks a last measure that
    breaks off mid-sentence or inside its clause. Spans index the parsed text:
    ``original[text_span[0]:text_span[1]] == text``.
    """

    document: str
    ordinal: int
    number: str
    value: int
    section: int | None
    section_number: str
    title: str
    text: str
    clause: ResponsibilityClause | None
    span: tuple[int, int]
    title_span: tuple[int, int]
    text_span: tuple[int, int]
    truncated: bool = False
    headings: tuple[str, ...] = ()
    locator_prefix: str = ""
    shared: bool = False

    @property
    def locator(self) -> str:
        """Where to find it: the numbers of its headings then its own, "二(四)"."""
        return f"{self.locator_prefix}{self.number}"

    def source(self) -> Source:
        """A :class:`~smeeco.Source` quoting the title, with its span."""
        return Source(DocumentId(self.document), self.locator, self.title, self.title_span)

    def clause_source(self) -> Source | None:
        """A :class:`~smeeco.Source` quoting the responsibility clause, if any."""
        if self.clause is None:
            return None
        return Source(
            DocumentId(self.document),
            f"{self.locator} 责任单位",
            self.clause.text,
            self.clause.span,
        )


@attrs.frozen
class ParsedDocument:
    """A policy text split into preamble, sections, measures and trailer.

    ``preamble`` is what stands before the first numbered item: page furniture, titles,
    the 通知 text, the 落款. ``trailer`` is what follows the last measure's clause, or
    page furniture after a text that breaks off. ``warnings`` say what looked odd, each
    a :class:`ParseWarning` with its span.
    """

    document_id: str
    text: str = attrs.field(repr=False)
    preamble: str = attrs.field(repr=False)
    preamble_span: tuple[int, int]
    sections: tuple[ParsedSection, ...]
    measures: tuple[ParsedMeasure, ...]
    trailer: str = ""
    trailer_span: tuple[int, int] | None = None
    warnings: tuple[ParseWarning, ...] = ()
    body_end: int = 0

    @property
    def truncated(self) -> bool:
        """Whether the text breaks off inside its last measure."""
        return bool(self.measures) and self.measures[-1].truncated

    def section_records(self) -> tuple[Section, ...]:
        """The sections as :class:`~smeeco.Section` records."""
        return tuple(s.record() for s in self.sections)


def _strip(text: str, start: int, end: int, chars: str = _SPACE) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _furniture_start(text: str, start: int, end: int) -> int:
    """Where trailing page-furniture lines begin in ``text[start:end]`` (or ``end``)."""
    cut = end
    position = end
    while position > start:
        line_start = text.rfind("\n", start, position) + 1 or start
        line_start = max(line_start, start)
        line = text[line_start:position].strip(_SPACE)
        if line_start == start or (line and not FURNITURE.match(line)):
            break  # the measure's first line is never furniture
        cut = line_start if line else cut
        position = line_start - 1
    return cut


def _cut_prose_span(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The last line after a last measure's clause when it is prose the end broke off.

    "…(财政厅牵头)" ⏎ "加强银政、银企合作,…。支持企业扩": a line holding a sentence (a stop or
    comma inside) that ends without one is text, not a signature or page furniture.
    """
    if span is None:
        return None
    stop = _strip(text, span[0], _furniture_start(text, span[0], span[1]))[1]  # a footer after it
    start = text.rfind("\n", span[0], stop) + 1 or span[0]
    start, end = _strip(text, max(start, span[0]), stop)
    if start >= end:
        return None
    line = text[start:end]
    if (
        len(line) >= 20
        and line[-1] not in _SENTENCE_END
        and any(c in line for c in "。，,；;")
        and not FURNITURE.match(line)
    ):
        return start, end
    return None


def _short(text: str, start: int, end: int, limit: int = 30) -> str:
    line_end = text.find("\n", start, end)
    end = end if line_end < 0 else line_end
    shown = text[start:end].strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _numbering(items: list[Item], text: str, warnings: _Warnings) -> None:
    """Warn where the numbers of sibling items of one kind skip, repeat or go back.

    A line that is only a date (a 落款) ends a cover notice: the document it issues
    numbers afresh after it ("一、…二、…三、…" of the notice, then "一、" of the plan).
    """
    last_of: dict[tuple[int | None, str], int] = {}
    last_of_kind: dict[tuple[str, int], int] = {}  # by kind and depth; depth -1: any
    signed = _line_starts(_SIGNED_DATE_LINE, text, 0, len(text))
    next_signed = 0
    for item in items:
        if next_signed < len(signed) and signed[next_signed] < item.span[0]:
            while next_signed < len(signed) and signed[next_signed] < item.span[0]:
                next_signed += 1
            last_of.clear()
            last_of_kind.clear()
        kind, value = item.kind, item.value
        key = (item.parent, kind)
        previous = last_of.get(key)
        if previous is None:
            # afresh, or on from the last item of its kind at its depth or at any depth
            # (一、二、 under 第一章's 第一节, then 三、 right under 第三章)
            expected = (
                value == 1
                or value == last_of_kind.get((kind, item.depth), 0) + 1
                or value == last_of_kind.get((kind, -1), 0) + 1
            )
        else:
            expected = value == previous + 1
        if not expected and kind != "ordinal":
            if previous is None:
                what = f"starts at {item.marker}"
            elif item.value == previous:
                what = f"repeats {item.marker}"
            elif item.value < previous:
                what = f"goes back to {item.marker} after {previous}"
            else:
                what = f"skips to {item.marker} after {previous}"
            warnings.append(
                ParseWarning(
                    "numbering",
                    item.span,
                    f"numbering {what}: {_short(text, item.span[0], len(text))!r}",
                )
            )
        last_of[key] = item.value
        last_of_kind[(item.kind, item.depth)] = item.value
        last_of_kind[(item.kind, -1)] = item.value


def _paragraph_clauses(clauses: list[ResponsibilityClause]) -> ResponsibilityClause:
    """The clauses of an item's paragraphs as one: every unit in order, each name once.

    The last clause stays the one quoted (its span and text); a name listed again keeps
    its first role, a stated role winning over an inferred one.
    """
    units: list[ClauseUnit] = []
    for clause in clauses:
        for unit in clause.units:
            seen = next((i for i, u in enumerate(units) if u.name == unit.name), None)
            if seen is None:
                units.append(unit)
            elif unit.explicit and not units[seen].explicit:
                units[seen] = unit
    last = clauses[-1]
    return attrs.evolve(
        last,
        units=tuple(units),
        etc=any(c.etc for c in clauses),
        note="；".join(c.note for c in clauses if c.note),
        first_leads=any(c.first_leads for c in clauses),
    )


def _primary(clauses: list[ResponsibilityClause]) -> ResponsibilityClause:
    """The clause that states a measure's responsibility: the last that is not 由A会同B."""
    for clause in reversed(clauses):
        if clause.form is not ClauseForm.JOINT:
            return clause
    return clauses[-1]


def parse_policy_text(text: str, *, document_id: str) -> ParsedDocument:
    """Split a policy text into preamble, sections and measures.

    ``document_id`` is the id of the :class:`~smeeco.PolicyDocument` the text belongs to;
    it goes into each measure's sources. Nothing is normalised: spans index ``text``
    exactly (full- and half-width punctuation are read alike). Numbered items nest as
    :mod:`smeeco.parse.structure` describes; a *measure* is the item that carries a
    responsibility clause, the items above it are its sections and the items below it
    stay in its text. An item without a clause is a measure when its siblings are (with a
    ``no-clause`` warning), and every numbered leaf is one when the text states no clause
    at all.

    Examples
    --------
    >>> doc = parse_policy_text(
    ...     "关于印发若干措施的通知\\n一、落实财税政策\\n"
    ...     "(一)加强财政资金支持。推动各区安排资金。(责任单位:市财政局、各区人民政府)\\n"
    ...     "二、加大融资支持\\n(二)加强信贷支持。持续加大首贷",
    ...     document_id="doc",
    ... )
    >>> doc.preamble, [s.title for s in doc.sections]
    ('关于印发若干措施的通知', ['落实财税政策', '加大融资支持'])
    >>> m = doc.measures[0]
    >>> m.locator, m.title, m.clause.names
    ('一(一)', '加强财政资金支持', ('市财政局', '各区人民政府'))
    >>> m.text
    '加强财政资金支持。推动各区安排资金。'
    >>> doc.measures[1].locator, doc.measures[1].clause, doc.truncated
    ('二(二)', None, True)
    >>> [w.kind for w in doc.warnings]
    ['no-clause', 'truncated']
    """
    if not isinstance(text, str):
        raise InvalidValueError(f"a policy text must be str, not {type(text).__name__}")
    return _parse(text, document_id, len(text), ())


#: At most this many warnings of one kind are kept; one more says how many were left out.
WARNINGS_PER_KIND = 200


def _cut_label_span(text: str, trailer: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span of a label line the text broke off in ("完成时"), first of the trailer."""
    if trailer is None:
        return None
    start, stop = _strip(text, trailer[0], trailer[1])
    line_end = text.find("\n", start, stop)
    end = stop if line_end < 0 else line_end  # its first line: page furniture may follow
    start, end = _strip(text, start, end)
    return (start, end) if start < end and cut_label(text[start:end]) else None


class _Warnings(list[ParseWarning]):
    """A list of warnings that keeps at most :data:`WARNINGS_PER_KIND` of each kind."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def append(self, warning: ParseWarning) -> None:
        count = self.counts.get(warning.kind, 0) + 1
        self.counts[warning.kind] = count
        if count <= WARNINGS_PER_KIND:
            super().append(warning)

    def finish(self) -> None:
        for kind, count in self.counts.items():
            if count > WARNINGS_PER_KIND:
                super().append(
                    ParseWarning(
                        kind,
                        self[-1].span if self else (0, 0),
                        f"{count - WARNINGS_PER_KIND} more {kind!r} warnings like the ones"
                        " above are left out",
                    )
                )


def _parse(
    text: str, document_id: str, body_end: int, masked: tuple[tuple[int, int], ...]
) -> ParsedDocument:
    warnings = _Warnings()
    breaks = tuple(_line_starts(_ATTACHMENT, text, 0, body_end))
    items = find_items(text, 0, body_end, breaks=breaks)
    listed = _attachment_lists(text, breaks, body_end)
    if listed:  # "附件:1.申报指南⏎2.申请表": the names of attachments, no items
        items = _renest(items, listed)
    clauses = _merge_adjacent(text, list(find_responsibility_clauses(text, 0, body_end)))
    if masked:  # numbered rows and clauses inside a table belong to the table
        items = _renest(items, masked)
        clauses = [c for c in clauses if not _inside(masked, c.span[0])]
    for found in clauses:
        for span in found.unknown_labels:
            warnings.append(
                ParseWarning(
                    "label",
                    span,
                    f"the clause {found.text!r} has a part under a label that names no role"
                    f" ({text[span[0] : span[1]]!r}): kept as a note, its units are no lead"
                    " or support",
                )
            )
        if found.cut:
            warnings.append(
                ParseWarning(
                    "clause-cut",
                    found.span,
                    f"the text breaks off inside the clause {found.text!r}: only the names"
                    " before the last separator are kept",
                )
            )
        elif found.unclosed:
            warnings.append(
                ParseWarning(
                    "unclosed",
                    found.span,
                    f"the bracket of {found.text!r} is not closed on its line; read to the"
                    " line end (a last name that does not read as a unit is left out)",
                )
            )
    starts = [item.span[0] for item in items]
    n = len(items)
    # Which item's own text (its marker to the next item) each clause stands in.
    own: list[list[ResponsibilityClause]] = [[] for _ in range(n)]
    shared: list[list[ResponsibilityClause]] = [[] for _ in range(n)]
    for placed in clauses:
        k = bisect.bisect_right(starts, placed.span[0]) - 1
        if k < 0:
            warnings.append(
                ParseWarning(
                    "unattached",
                    placed.span,
                    f"the clause {placed.text!r} stands before the first numbered item and"
                    " is attached to no measure",
                )
            )
            continue
        (shared if placed.shared else own)[k].append(placed)
    children: list[list[int]] = [[] for _ in range(n)]
    for k, item in enumerate(items):
        if item.parent is not None:
            children[item.parent].append(k)
    _lift_group_clauses(text, items, children, own)
    # Where each item ends: at the next item at its depth or above.
    extent = [body_end] * n
    open_items: list[int] = []
    open_depths: list[int] = []  # their depths
    for k, item in enumerate(items):
        depth = item.depth
        while open_depths and open_depths[-1] >= depth:
            open_depths.pop()
            extent[open_items.pop()] = item.span[0]
        open_items.append(k)
        open_depths.append(depth)
    table_starts = sorted([s for s, _e in masked] + list(breaks))
    for k, item in enumerate(items if table_starts else ()):  # a table or 附件 line ends it
        after = bisect.bisect_right(table_starts, item.span[0])
        if after < len(table_starts) and table_starts[after] < extent[k]:
            extent[k] = table_starts[after]
    # "(省工信厅、省财政厅)" at the end of a leaf item's own text: a listing without a label,
    # read before the roles so that a heading above it with a clause of its own is a section
    unlabelled: dict[int, ResponsibilityClause | None] = {}  # None: read, and none found
    for k in range(n):
        if not own[k] and not shared[k] and not children[k]:
            unlabelled[k] = _listing_before(text, items[k].body, extent[k])
    has_below = [False] * n  # some descendant carries its own clause
    for k in range(n - 1, -1, -1):
        parent = items[k].parent
        if parent is not None and (own[k] or unlabelled.get(k) is not None or has_below[k]):
            has_below[parent] = True
    role = ["text"] * n  # measure, section, text
    clause_of: list[ResponsibilityClause | None] = [None] * n
    is_shared = [False] * n
    for k in range(n):
        if own[k] and not has_below[k]:
            role[k] = "measure"
            clause_of[k] = _primary(own[k])
            paragraphs = [c for c in own[k] if c.form is not ClauseForm.JOINT]
            if len(paragraphs) > 1 and all(
                "\n" in text[a.span[1] : b.span[0]] for a, b in itertools.pairwise(paragraphs)
            ):
                # "1.… ⏎ 实施…。(牵头单位:A、B) ⏎ 集聚资源…。(牵头单位:A、C)": a clause a paragraph
                clause_of[k] = _paragraph_clauses(paragraphs)
                warnings.append(
                    ParseWarning(
                        "clauses",
                        paragraphs[0].span,
                        f"the item {items[k].marker} states {len(paragraphs)} clauses, one a"
                        f" paragraph ({', '.join(repr(c.text) for c in paragraphs)}); the"
                        " measure takes the units of all, in order, each once",
                    )
                )
            elif len(paragraphs) > 1:
                # "(四)…。①…。(A、B分别负责)②…。(A负责)": parts of one paragraph, each with
                # its clause, that are no numbered items here: no unit is left behind
                clause_of[k] = _paragraph_clauses(paragraphs)
                warnings.append(
                    ParseWarning(
                        "clauses",
                        paragraphs[0].span,
                        f"the item {items[k].marker} states {len(paragraphs)} clauses in one"
                        f" paragraph ({', '.join(repr(c.text) for c in paragraphs)}); the"
                        " measure takes the units of all, in order, each once (each part's"
                        " own units are not told apart: check the text)",
                    )
                )
        elif own[k]:
            role[k] = "section"
            for stated in own[k]:
                warnings.append(
                    ParseWarning(
                        "heading-clause",
                        stated.span,
                        f"the clause {stated.text!r} stands on the heading"
                        f" {items[k].marker} whose items state their own; it is attached"
                        " to no measure",
                    )
                )
        elif has_below[k]:
            role[k] = "section"
    # "以上任务由…负责": every earlier sibling without a clause of its own gets it.
    waiting: dict[tuple[int | None, str], list[int]] = {}  # such siblings, by parent and kind
    for k in range(n):
        siblings = waiting.setdefault((items[k].parent, items[k].kind), [])
        if clause_of[k] is None and not has_below[k]:
            siblings.append(k)
        for stated in shared[k]:
            targets = siblings[:]
            siblings.clear()
            if not targets:
                warnings.append(
                    ParseWarning(
                        "unattached",
                        stated.span,
                        f"the clause {stated.text!r} is stated for items above it, but"
                        " none is without a clause of its own",
                    )
                )
            for j in targets:
                role[j], clause_of[j], is_shared[j] = "measure", stated, True
    # "一、县发改局牵头工作(2项)": a heading that names the lead of every item under it
    for k in range(n):
        if not children[k] or own[k] or role[k] == "measure":
            continue
        line_end = text.find("\n", items[k].body, extent[k])
        heading = heading_lead(text, items[k].body, extent[k] if line_end < 0 else line_end)
        if heading is None:
            continue
        for j in children[k]:
            if clause_of[j] is None and not has_below[j]:
                role[j], clause_of[j], is_shared[j] = "measure", heading, True
                role[k], has_below[k] = "section", True
        announced = ANNOUNCED.search(heading.text)
        if announced is not None and int(announced["count"]) != len(children[k]):
            warnings.append(
                ParseWarning(
                    "numbering",
                    heading.span,
                    f"the heading {items[k].marker} announces {announced['count']} items"
                    f" ({announced.group()}); {len(children[k])} are read under it: check"
                    " for items the copy lost",
                )
            )
    any_clause = any(r == "measure" for r in role)
    inside = [False] * n  # inside a measure
    for k in range(n):
        parent = items[k].parent
        inside[k] = parent is not None and (role[parent] == "measure" or inside[parent])
        if inside[k]:
            role[k] = "text"
    measure_kinds = {items[k].kind for k in range(n) if role[k] == "measure"}
    for k in range(n):
        if role[k] != "text" or inside[k]:
            continue
        parent = items[k].parent
        if parent is not None and (role[parent] == "measure" or inside[parent]):
            inside[k] = True  # below an item made a measure here: its text
            continue
        # an item of a measure's kind whose sub-items state no clause is a measure too
        # (without a clause, warned), its sub-items its text
        if (items[k].kind in measure_kinds and not has_below[k]) or (
            not any_clause and not children[k] and items[k].kind in _MEASURE_KINDS
        ):
            role[k] = "measure"
        elif items[k].kind != "ordinal":
            role[k] = "section"
    # A section needs a title line or measures below it; items of a kind never used for
    # anything but text (一是 inside a paragraph) stay in the text.
    _numbering([items[k] for k in range(n) if role[k] != "text"], text, warnings)

    sections: list[ParsedSection] = []
    section_of: dict[int, ParsedSection] = {}
    measures: list[ParsedMeasure] = []
    measure_items = [k for k in range(n) if role[k] == "measure"]
    last_measure = measure_items[-1] if measure_items else -1
    trailer_span: tuple[int, int] | None = None
    rule_note_after: int | None = None  # where a listing's "列第一位者为牵头部门,下同" ends
    # a measure's nearest heading, the markers of its headings and its locator's prefix
    headings_of: dict[int | None, tuple[ParsedSection | None, tuple[str, ...], str]] = {}
    # "(无牵头单位的,责任单位即为牵头单位,下同)" in the notice: a listing names leads only
    all_lead = ALL_LEAD_RULE.search(text, 0, body_end)
    for k in range(n):
        item = items[k]
        if role[k] == "section":
            line_end = text.find("\n", item.body, body_end)
            line_end = body_end if line_end < 0 or line_end > extent[k] else line_end
            if children[k]:
                line_end = min(line_end, items[children[k][0]].span[0])
            title_start, title_end = _strip(text, item.body, line_end, _SPACE + "。")
            stop = text.find("。", title_start, title_end)
            if stop >= 0:
                title_end = stop
            parent_section = next(
                (section_of[a] for a in _ancestors(items, k) if a in section_of), None
            )
            section = ParsedSection(
                len(sections) + 1,
                item.marker.rstrip("、").strip() if item.kind == "dun" else item.marker,
                text[title_start:title_end],
                (item.span[0], max(title_end, item.span[1])),
                (title_start, title_end),
                item.marker,
                item.depth,
                parent_section.ordinal if parent_section else None,
            )
            sections.append(section)
            section_of[k] = section
        elif role[k] == "measure":
            clause = clause_of[k]
            if clause is None:  # "(省工信厅、省财政厅)" at the end of the item's own text
                own_end = items[children[k][0]].span[0] if children[k] else extent[k]
                if k in unlabelled and own_end == extent[k]:  # read above already
                    clause = unlabelled[k]
                else:
                    clause = _listing_before(text, item.body, own_end)
                if clause is not None:
                    how = (
                        "the first unit the lead by the text's rule note"
                        if clause.first_leads
                        else "the first unit the inferred lead"
                    )
                    warnings.append(
                        ParseWarning(
                            "unlabelled",
                            clause.span,
                            f"{clause.text!r} names units without a label (责任单位…); read"
                            f" as a listing, {how}",
                        )
                    )
            if clause is not None and rule_note_after is not None:
                if clause.span[0] >= rule_note_after:  # "…,下同" in an earlier listing
                    clause = first_listed_leads(clause)
            elif clause is not None and clause.first_leads and "下同" in clause.note:
                rule_note_after = clause.span[1]
            if clause is not None and all_lead is not None and clause.span[0] >= all_lead.end():
                clause = all_listed_lead(clause, all_lead.span())
            last = k == last_measure
            end = extent[k]
            if last:
                end = min(end, body_end)
            text_start = item.body
            text_end = end
            body_stop = end
            fields_end = 0
            if clause is not None and not is_shared[k]:
                # page furniture after the clause ("— 2 —", a PDF's page number) is no text
                before_furniture = _furniture_start(text, clause.span[1], end)
                rest_start, rest_end = _strip(text, clause.span[1], before_furniture, _SPACE + "。")
                if clause.form is not ClauseForm.JOINT and rest_start == rest_end:
                    text_end = clause.span[0]
                elif _label_lines_after(text, item.body, clause, rest_start, rest_end):
                    text_end = clause.span[0]  # "牵头单位:…⏎完成时限:…": fields, not text
                    fields_end = rest_end  # still the measure's (its 完成时限 is read there)
                elif (
                    last
                    and clause.form is not ClauseForm.JOINT
                    and "\n" in text[clause.span[1] : rest_start]
                    and not children[k]
                ):
                    text_end = clause.span[0]
                    body_stop = rest_start
                    # the paragraph after the clause, its stop kept ("…施行。" is whole)
                    trailer_span = (rest_start, _strip(text, rest_start, before_furniture)[1])
            elif clause is not None and item.body <= clause.span[0] < end:
                # "以上任务由…负责" after the last item of its section: the section's
                # sentence, not this measure's text
                text_end = clause.span[0]
            elif last:
                body_stop = text_end = _furniture_start(text, item.body, end)
                if body_stop < end:
                    trailer_span = _strip(text, body_stop, end)
            text_start, text_end = _strip(text, text_start, text_end)
            # the first stop or line break ends the title
            title_stop = text.find("。", text_start, text_end)
            title_break = text.find("\n", text_start, text_end)
            if title_stop < 0 or 0 <= title_break < title_stop:
                title_stop = title_break
            title_end = title_stop if title_stop >= 0 else max(text_start, text_end)
            title_start, title_end = _strip(text, text_start, title_end)
            heading_end = _run_on_heading(text, title_start, title_end)
            if heading_end is not None:
                warnings.append(
                    ParseWarning(
                        "title",
                        (title_start, heading_end),
                        f"no stop ends the title of {item.marker}: it is read as"
                        f" {text[title_start:heading_end]!r}, the heading phrase before"
                        f" {text[heading_end : heading_end + 2]!r} (the start of its text)",
                    )
                )
                title_end = heading_end
            headed = headings_of.get(item.parent)
            if headed is None:  # the same for every item under that parent
                ancestors = _ancestors(items, k)[::-1]
                heading_sections = [section_of[a] for a in ancestors if a in section_of]
                headed = (
                    heading_sections[-1] if heading_sections else None,
                    tuple(items[a].marker for a in ancestors if role[a] == "section"),
                    "".join(s.number for s in heading_sections),
                )
                headings_of[item.parent] = headed
            nearest, headings, locator_prefix = headed
            truncated = last and (
                (
                    clause is None
                    and text_end > text_start
                    and not _ends_sentence(text, text_end, text_start)
                )
                or (clause is not None and clause.cut)
            )
            tail_end = text_end  # the text after the clause, without a page's footer
            if last and clause is not None and clause.span[1] < text_end:
                tail_end = _furniture_start(text, clause.span[1], text_end)
                tail_end = _strip(text, clause.span[1], tail_end)[1]
            tail_cut = (  # "…。(市经委牵头)城市…以上。 (市建委、": a later part cut off
                not truncated
                and last
                and clause is not None
                and tail_end > clause.span[1]
                and text[tail_end - 1] not in _SENTENCE_END + ")）〕]"
                and any(c.isalnum() for c in text[clause.span[1] : tail_end])  # not "),"
            )
            truncated = truncated or tail_cut
            cut_at = _cut_label_span(text, trailer_span) if last else None
            cut_prose = _cut_prose_span(text, trailer_span) if last and cut_at is None else None
            truncated = truncated or cut_at is not None or cut_prose is not None
            measure_end = clause.span[1] if clause is not None and not is_shared[k] else text_end
            measure_end = max(measure_end, fields_end)
            measures.append(
                ParsedMeasure(
                    document=document_id,
                    ordinal=len(measures) + 1,
                    number=item.marker,
                    value=item.value,
                    section=nearest.ordinal if nearest else None,
                    section_number=nearest.number if nearest else "",
                    title=text[title_start:title_end],
                    text=text[text_start:text_end],
                    clause=clause,
                    span=(
                        item.span[0],
                        max(measure_end, item.span[1], body_stop if not clause else 0),
                    ),
                    title_span=(title_start, title_end),
                    text_span=(text_start, text_end),
                    truncated=truncated,
                    headings=headings,
                    locator_prefix=locator_prefix,
                    shared=is_shared[k],
                )
            )
            if clause is None:
                warnings.append(
                    ParseWarning(
                        "no-clause",
                        item.span,
                        f"the numbered item {item.marker} ({_short(text, item.body, end)!r})"
                        " states no responsibility clause",
                    )
                )
            if cut_at is not None:
                warnings.append(
                    ParseWarning(
                        "truncated",
                        cut_at,
                        f"the text breaks off in the label {text[slice(*cut_at)]!r} under"
                        f" measure {item.marker}: what that label stated is lost",
                    )
                )
            elif cut_prose is not None:
                tail = text[max(cut_prose[0], cut_prose[1] - 20) : cut_prose[1]]
                warnings.append(
                    ParseWarning(
                        "truncated",
                        cut_prose,
                        f"the text breaks off in a paragraph after the clause of measure"
                        f" {item.marker} (…{tail!r}): what that paragraph stated, its clause"
                        " included, is lost",
                    )
                )
            elif tail_cut and clause is not None:
                cut_from = max(clause.span[1], *(text.rfind(c, 0, tail_end) + 1 for c in "。；;"))
                cut_from = _strip(text, cut_from, tail_end)[0]
                warnings.append(
                    ParseWarning(
                        "truncated",
                        (cut_from, tail_end),
                        f"the text breaks off after the clause {clause.text!r} of measure"
                        f" {item.marker}, in {text[cut_from:tail_end]!r}: what that part stated,"
                        " its units included, is lost",
                    )
                )
            elif truncated:
                warnings.append(
                    ParseWarning(
                        "truncated",
                        (text_start, text_end),
                        f"the text breaks off inside measure {item.marker}:"
                        f" …{text[max(text_start, text_end - 20) : text_end]!r}",
                    )
                )
    first = items[0].span[0] if items else body_end
    preamble_span = _strip(text, 0, first)
    if not measures:
        warnings.append(
            ParseWarning(
                "no-measures",
                (0, len(text)),
                "no measures found: no numbered item carries a responsibility clause"
                if items
                else "no measures found: the text has no numbered items",
            )
        )
    if trailer_span is None and last_measure >= 0 and extent[last_measure] in breaks:
        # "附件:分工表" after the last measure ends it: what follows is the trailer
        rest = _strip(text, extent[last_measure], body_end)
        trailer_span = rest if rest[0] < rest[1] else None
    warnings.finish()
    warnings.sort(key=lambda w: w.span)
    return ParsedDocument(
        document_id=document_id,
        text=text,
        preamble=text[preamble_span[0] : preamble_span[1]],
        preamble_span=preamble_span,
        sections=tuple(sections),
        measures=tuple(measures),
        trailer=text[trailer_span[0] : trailer_span[1]] if trailer_span else "",
        trailer_span=trailer_span,
        warnings=tuple(warnings),
        body_end=body_end,
    )


#: A title longer than this with no stop runs into the item's text (a page run together).
_TITLE_MAX = 30
#: "实施…行动" then "鼓励…": the last word of a heading phrase, then the verb its text opens with.
_HEADING_BREAK = re.compile(
    r"(?<=行动|工程|计划|体系|机制|平台|保障|力度|环境|能力|水平)"
    r"(?=鼓励|支持|搭建|推动|引导|对|加快|建立|完善|开展|加强|落实|围绕|依托|积极|全面|深入"
    r"|力争|聚焦|发挥|统筹|组织|设立|安排|给予|实施|推进|强化|到20)"
)
_CLAUSE_STOP = re.compile(r"[,，;；:：]")


#: Lines looked back over for an unlabelled listing when an item's text runs on past it.
_LISTING_LINES = 12
_LISTING_REACH = 2000
_CLOSE = ")）〕]"
_CLOSED_LINE = re.compile(f"[{re.escape(_CLOSE)}][ \t\r\u3000。.]*\n")


def _listing_before(text: str, body: int, end: int) -> ResponsibilityClause | None:
    """An unlabelled listing ending the item's own text, or the last of its lines.

    The last item of a notice runs on to the end of the text: a page's footer
    ("上一篇:…") or a signature after "…。(省经贸委、发展改革委)" is not part of its clause,
    so when the item's whole text does not end in a listing, the line ends before are
    tried, the last first (a few lines, near the item).
    """
    found = unlabelled_listing(text, body, end)
    if found is not None:
        return found
    limit = min(end, body + _LISTING_REACH)
    # the line breaks after a closing bracket (and stops or spaces): only those lines can
    # end in a listing
    closed = {m.end() - 1 for m in _CLOSED_LINE.finditer(text, body, limit)}
    if not closed:
        return None
    position = limit
    for _ in range(_LISTING_LINES):
        position = text.rfind("\n", body, position)
        if position <= body:
            return None
        if position in closed:
            found = unlabelled_listing(text, body, position)
            if found is not None:
                return found
    return None


def _run_on_heading(text: str, start: int, end: int) -> int | None:
    """Where a heading run into its text ends, when no stop ends the title.

    Only for titles longer than :data:`_TITLE_MAX`: the last heading phrase end
    (行动, 工程, 机制…) followed by a verb that opens a text (鼓励, 支持, 搭建…) in the
    first clause, "实施专精特新特色园区建设行动鼓励专精特新企业集聚发展," → "实施…行动".
    ``None`` when there is none: the title is then the first sentence, as written.
    """
    if end - start <= _TITLE_MAX:
        return None
    stop = _CLAUSE_STOP.search(text, start, end)
    clause_end = stop.start() if stop else end
    cut = None
    for found in _HEADING_BREAK.finditer(text, start, clause_end):
        if 4 <= found.start() - start <= 25:
            cut = found.start()
    return cut


def _lift_group_clauses(
    text: str,
    items: list[Item],
    children: list[list[int]],
    own: list[list[ResponsibilityClause]],
) -> None:
    """Give a clause on a line of its own after an item's last sub-item to the item itself.

    "1.完善应急预案体系 / (1)… / (2)… / (3)… / (4)… / (责任单位:…)": when none of the
    sub-items states a clause of its own, the clause standing alone after the last one is
    stated for them all, so it is the clause of "1.", whose sub-items are its text.
    """
    for parent, kids in enumerate(children):
        if not kids or own[parent]:
            continue
        last = kids[-1]
        if children[last] or not own[last] or any(own[k] for k in kids[:-1]):
            continue
        if _inline_group_clause(text, items[parent], items[kids[0]], own[last]):
            own[parent], own[last] = own[last], []
            continue
        if len(kids) < 2:
            continue
        body_line_end = text.find("\n", items[last].body)
        alone = all(
            body_line_end >= 0
            and clause.span[0] > body_line_end
            and not text[text.rfind("\n", 0, clause.span[0]) + 1 : clause.span[0]].strip()
            for clause in own[last]
        )
        if alone:
            own[parent], own[last] = own[last], []


#: "完成时限:2018年底", "牵头领导:某某": a labelled field line under an item ("完成时限:"
#: with nothing after it is a line the text breaks off in, no field).
_FIELD_LINE = re.compile(r"[^\S\n]*[\u4e00-\u9fff]{2,8}[^\S\n]*[:：][^\S\n]*\S[^\n]*")


def _label_lines_after(
    text: str, body: int, clause: ResponsibilityClause, rest_start: int, rest_end: int
) -> bool:
    """Whether a labelled clause on lines of its own is followed only by labelled fields.

    "1.标题。⏎牵头单位:A⏎责任单位:B⏎完成时限:2018年底": the clause and the lines after it
    are the item's fields; its text ends before them.
    """
    if clause.form not in _LABELLED or clause.span[0] <= body:
        return False
    if text[text.rfind("\n", body, clause.span[0]) + 1 : clause.span[0]].strip(_SPACE):
        return False  # the clause does not start its line
    if "\n" not in text[body : clause.span[0]]:
        return False
    return all(
        not line.strip(_SPACE) or _FIELD_LINE.fullmatch(line) is not None
        for line in text[rest_start:rest_end].split("\n")
    )


def _inline_group_clause(
    text: str, parent: Item, first: Item, clauses: list[ResponsibilityClause]
) -> bool:
    """Whether a clause ending a paragraph whose items run inline is the paragraph's own.

    "(五)加强用工保障。一是开展招聘活动,二是加强技能培训。(A牵头,B配合)": the 一是…
    items run on in the paragraph of "(五)" and only the last is followed by the clause,
    which ends the paragraph: it is stated for them all, so it is the clause of "(五)".
    """
    if "\n" in text[parent.body : first.span[0]]:
        return False  # the items start lines of their own: _lift_group_clauses's rule
    line_end = text.find("\n", first.span[0])
    line_end = len(text) if line_end < 0 else line_end
    if any(clause.span[1] > line_end for clause in clauses):
        return False  # a clause on a later line
    return not text[clauses[-1].span[1] : line_end].strip(" \t。.；;")  # it ends the paragraph


def _ancestors(items: list[Item], k: int) -> list[int]:
    found: list[int] = []
    parent = items[k].parent
    while parent is not None:
        found.append(parent)
        parent = items[parent].parent
    return found


_LABELLED = (ClauseForm.LISTING, ClauseForm.ROLES)


def _merge_adjacent(text: str, clauses: list[ResponsibilityClause]) -> list[ResponsibilityClause]:
    """ "牵头单位:A" and "责任单位:B" on lines of their own, one after the other: one clause."""
    merged: list[ResponsibilityClause] = []
    for clause in clauses:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.form in _LABELLED
            and clause.form in _LABELLED
            and not text[previous.span[1] : clause.span[0]].strip()
            and not previous.text.startswith(("(", "（"))
            and not clause.text.startswith(("(", "（"))
        ):
            lead_stated = any(u.role is Role.LEAD and u.explicit for u in previous.units)
            units = list(previous.units)
            for unit in clause.units:  # a listing after a stated lead: all stated support
                if lead_stated and not unit.explicit:
                    unit = ClauseUnit(unit.name, Role.SUPPORT, True, unit.span, unit.written)
                units.append(unit)
            span = (previous.span[0], clause.span[1])
            merged[-1] = attrs.evolve(
                previous,
                form=ClauseForm.ROLES,
                units=tuple(units),
                span=span,
                text=text[span[0] : span[1]],
                note="；".join(n for n in (previous.note, clause.note) if n),
                etc=previous.etc or clause.etc,
                cut=clause.cut,
            )
            continue
        merged.append(clause)
    return merged


def _inside(spans: tuple[tuple[int, int], ...], position: int) -> bool:
    """Whether ``position`` falls in one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (position, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= position < spans[k][1]


#: A line of a notice's list of attachments after "附件:1.…": "2.奖励资金申请表" (a name, no
#: sentence).
_ATTACHMENT_ITEM = re.compile(r"[^\S\n]*\d{1,2}[.．、][^\S\n]*[^\s。，,；;:：][^\n。，,；;]{0,48}$")
_LISTED_FIRST = re.compile(r"[^\S\n]*附件[^\S\n]*[:：][^\S\n]*1[.．、]")


def _attachment_lists(text: str, breaks: tuple[int, ...], end: int) -> tuple[tuple[int, int], ...]:
    """The lines after each "附件:1.…" line that go on with its list ("2.…", "3.…")."""
    spans: list[tuple[int, int]] = []
    for start in breaks:
        if _LISTED_FIRST.match(text, start, end) is None:
            continue
        line_end = text.find("\n", start, end)
        position = end if line_end < 0 else line_end + 1
        list_start = position
        while position < end:
            next_end = text.find("\n", position, end)
            next_end = end if next_end < 0 else next_end
            if _ATTACHMENT_ITEM.fullmatch(text, position, next_end) is None:
                break
            position = next_end + 1
        if position > list_start:
            spans.append((list_start, min(position, end)))
    return tuple(spans)


def _renest(items: list[Item], masked: tuple[tuple[int, int], ...]) -> list[Item]:
    """The items outside ``masked`` (tables), with parents re-pointed to the kept ones."""
    new_index: dict[int, int] = {}
    kept: list[Item] = []
    for old, item in enumerate(items):
        if _inside(masked, item.span[0]):
            continue
        parent = item.parent
        while parent is not None and parent not in new_index:
            parent = items[parent].parent
        new_index[old] = len(kept)
        parent = None if parent is None else new_index[parent]
        kept.append(item if parent == item.parent else item.with_parent(parent))
    return kept


def to_records(
    parsed: ParsedDocument, eco: Ecosystem, *, document: PolicyDocument | str
) -> tuple[Measure, ...]:
    """:class:`~smeeco.Measure` records for the parsed measures, ready to add to ``eco``.

    Ids are ``{document}.m01``, ``.m02``… (three digits from 100 measures on). Each
    measure's responsibilities are resolved through ``eco`` (names and aliases of
    agencies); its sources quote the title (locator "二(四)", with span) and the
    responsibility clause (locator "二(四) 责任单位"). A measure without a clause gets
    ``responsibility_stated=False``. Every unknown unit of every measure is reported in
    one :class:`~smeeco.errors.ValidationError` (paths like ``measures[3].units[1]``).

    Examples
    --------
    >>> import smeeco
    >>> eco = smeeco.load("example")
    >>> parsed = parse_policy_text(
    ...     "一、财税\\n(一)加强财政资金支持。(责任单位:示例市财政局、示例市工信局)",
    ...     document_id="ex-2022-measures",
    ... )
    >>> (m,) = to_records(parsed, eco, document="ex-2022-measures")
    >>> m.id, m.name.zh, [(r.unit, r.role.value) for r in m.responsibilities]
    ('ex-2022-measures.m01', '加强财政资金支持', [('ex-finance', 'lead'), ('ex-miit', 'support')])
    """
    document_id = document if isinstance(document, str) else document.id
    if document_id != parsed.document_id:
        raise InvalidValueError(
            f"the text was parsed for document {parsed.document_id!r} but records are asked"
            f" for {document_id!r}; parse it again with document_id={document_id!r}",
            "document",
        )
    width = max(2, len(str(len(parsed.measures))))
    problems: list[Problem] = []
    records: list[Measure] = []
    for i, measure in enumerate(parsed.measures):
        responsibilities: tuple[Responsibility, ...] = ()
        if measure.clause is not None:
            try:
                responsibilities = resolve_clause(eco, measure.clause)
            except ValidationError as error:
                problems.extend(p.at(f"measures[{i}]") for p in error.problems)
                continue
        sources = [measure.source()]
        clause_source = measure.clause_source()
        if clause_source is not None:
            sources.append(clause_source)
        try:
            records.append(
                Measure(
                    id=f"{document_id}.m{measure.ordinal:0{width}d}",
                    name=Name(measure.title or measure.number),
                    document=document_id,
                    ordinal=measure.ordinal,
                    number=measure.number,
                    section=measure.section,
                    text=measure.text,
                    responsibilities=responsibilities,
                    responsibility_stated=measure.clause is not None,
                    truncated=measure.truncated,
                    sources=tuple(sources),
                )
            )
        except Problem as problem:
            problems.append(problem.at(f"measures[{i}]"))
    if problems:
        raise ValidationError(f"measures parsed from {document_id!r}", problems)
    return tuple(records)

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
import re

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError, Problem, ValidationError
from smeeco.model.common import Name, Source
from smeeco.model.document import Measure, PolicyDocument, Responsibility, Section
from smeeco.parse.responsibility import (
    ClauseForm,
    ResponsibilityClause,
    find_responsibility_clauses,
    resolve_clause,
)
from smeeco.parse.text import chinese_numeral
from smeeco.types import DocumentId

__all__ = ["ParsedDocument", "ParsedMeasure", "ParsedSection", "parse_policy_text", "to_records"]

_NUMERAL = "[一二三四五六七八九十]{1,3}"
_SECTION = re.compile(
    rf"^[^\S\n]*(?P<number>{_NUMERAL})、[^\S\n]*(?P<title>[^\n]*?)[^\S\n]*$", re.M
)
_MEASURE = re.compile(rf"^[^\S\n]*(?P<number>[(（](?P<numeral>{_NUMERAL})[)）])[^\S\n]*", re.M)
# Lines a web page puts after the text: "【政府扶持政策】相关法规", 上一篇, 打印本页…
_FURNITURE = re.compile(
    r"^(?:【.*|\[.*\]|上一篇.*|下一篇.*|相关(?:法规|阅读|链接|文件|新闻|推荐).*"
    r"|(?:打印|关闭)(?:本页|窗口)?|.*(?:扫一扫|分享到).*|附件[:：].*)$"
)
_SENTENCE_END = "。！？!?…”’』」"
_SPACE = " \t\r\n\u3000"


@attrs.frozen
class ParsedSection:
    """A section heading "一、标题": its ordinal, number as written, title and spans."""

    ordinal: int
    number: str
    title: str
    span: tuple[int, int]
    title_span: tuple[int, int]

    def record(self) -> Section:
        """The :class:`~smeeco.Section` for a :class:`~smeeco.PolicyDocument`."""
        return Section(self.ordinal, Name(self.title or self.number), self.number)


@attrs.frozen
class ParsedMeasure:
    """One numbered measure.

    ``ordinal`` is its 1-based position in the document; ``number`` is written as in the
    text ("(四)") and ``value`` is its numeral's value (4). ``section`` is the ordinal of
    its section (``None`` when the text has no sections) and ``section_number`` how that
    section is numbered ("二"). ``title`` is the text up to the first 。 (or line end);
    ``text`` runs from the title to the end of the measure without the number and
    without a trailing responsibility clause. ``clause`` is that clause or ``None``.
    ``truncated`` marks a last measure that breaks off mid-sentence without a clause.
    Spans index the original text: ``original[text_span[0]:text_span[1]] == text``.
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

    @property
    def locator(self) -> str:
        """Where to find it: section number then measure number, "二(四)"."""
        return f"{self.section_number}{self.number}"

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

    ``preamble`` is what stands before the first section (or measure): page furniture,
    titles, the 通知 text, the 落款. ``trailer`` is what follows the last measure's
    clause, or page furniture after a text that breaks off. ``warnings`` say what looked
    odd (a measure numbered out of order, a heading out of sequence).
    """

    document_id: str
    text: str = attrs.field(repr=False)
    preamble: str = attrs.field(repr=False)
    preamble_span: tuple[int, int]
    sections: tuple[ParsedSection, ...]
    measures: tuple[ParsedMeasure, ...]
    trailer: str = ""
    trailer_span: tuple[int, int] | None = None
    warnings: tuple[str, ...] = ()

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


def _sections(text: str, warnings: list[str]) -> list[ParsedSection]:
    """The first run of headings numbered 一, 二, 三… in order."""
    sections: list[ParsedSection] = []
    for match in _SECTION.finditer(text):
        value = chinese_numeral(match.group("number"))
        title_start, title_end = _strip(text, *match.span("title"), _SPACE + "。")
        if value == len(sections) + 1 and title_end > title_start:
            start = match.start("number")
            sections.append(
                ParsedSection(
                    value,
                    match.group("number"),
                    text[title_start:title_end],
                    (start, title_end),
                    (title_start, title_end),
                )
            )
        elif sections:
            line = text[match.start("number") : match.end()].strip()
            warnings.append(
                f"{line!r} looks like a section heading but does not follow section"
                f" {sections[-1].number}; it is read as text"
            )
    return sections


def _trailing_clause(
    text: str, start: int, end: int, *, last: bool
) -> tuple[ResponsibilityClause | None, int]:
    """The clause that ends a measure body, and where the body's trailer starts."""
    clauses = list(find_responsibility_clauses(text, start, end))
    for clause in reversed(clauses):
        rest_start, rest_end = _strip(text, clause.span[1], end, _SPACE + "。")
        if clause.form is ClauseForm.JOINT:
            # "由A会同B制定细则。" ending the measure: the sentence stays in the text.
            tail = text[clause.span[1] : end].rstrip(_SPACE)
            if not any(c in tail[:-1] for c in _SENTENCE_END + "\n"):
                return clause, end
            continue
        if rest_start == rest_end:
            return clause, end
        if last and "\n" in text[clause.span[1] : rest_start]:
            return clause, rest_start  # 落款, 附件 or page furniture after the last clause
        break
    return None, end


def _furniture_start(text: str, start: int, end: int) -> int:
    """Where trailing page-furniture lines begin in ``text[start:end]`` (or ``end``)."""
    cut = end
    position = end
    while position > start:
        line_start = text.rfind("\n", start, position) + 1 or start
        line_start = max(line_start, start)
        line = text[line_start:position].strip(_SPACE)
        if line_start == start or (line and not _FURNITURE.match(line)):
            break  # the measure's first line is never furniture
        cut = line_start if line else cut
        position = line_start - 1
    return cut


def parse_policy_text(text: str, *, document_id: str) -> ParsedDocument:
    """Split a policy text into preamble, sections and measures.

    ``document_id`` is the id of the :class:`~smeeco.PolicyDocument` the text belongs to;
    it goes into each measure's sources. Nothing is normalised: spans index ``text``
    exactly (full- and half-width punctuation are read alike).

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
    """
    if not isinstance(text, str):
        raise InvalidValueError(f"a policy text must be str, not {type(text).__name__}")
    warnings: list[str] = []
    sections = _sections(text, warnings)
    body_start = sections[0].span[0] if sections else 0
    heads = [m for m in _MEASURE.finditer(text) if m.start("number") >= body_start]
    if not sections:
        body_start = heads[0].start("number") if heads else len(text)
    preamble_span = _strip(text, 0, body_start)

    # Where each measure ends: at the next measure or section heading.
    bounds = sorted({h.start("number") for h in heads} | {s.span[0] for s in sections})
    measures: list[ParsedMeasure] = []
    trailer_span: tuple[int, int] | None = None
    previous: ParsedMeasure | None = None
    for k, head in enumerate(heads):
        start = head.start("number")
        after = bisect.bisect_right(bounds, start)
        end = bounds[after] if after < len(bounds) else len(text)
        last = k == len(heads) - 1
        section = next((s for s in reversed(sections) if s.span[0] < start), None)
        value = chinese_numeral(head.group("numeral"))
        new_section = previous is None or (
            section is not None and previous.section != section.ordinal
        )
        if (
            previous is not None
            and value != previous.value + 1
            and not (new_section and value == 1)
        ):
            warnings.append(f"measure {head.group('number')} follows {previous.number}")

        clause, body_end = _trailing_clause(text, head.end(), end, last=last)
        text_end = clause.span[0] if clause and clause.form is not ClauseForm.JOINT else body_end
        if last and clause is None:
            body_end = text_end = _furniture_start(text, head.end(), end)
        if last and body_end < end:
            trailer_span = _strip(text, body_end, end)
        text_start, text_end = _strip(text, head.end(), text_end)
        title_end = text_start
        while title_end < text_end and text[title_end] not in "。\n":
            title_end += 1
        title_start, title_end = _strip(text, text_start, title_end)
        measure_end = clause.span[1] if clause else text_end
        truncated = (
            last
            and clause is None
            and text_end > text_start
            and text[text_end - 1] not in _SENTENCE_END
        )
        previous = ParsedMeasure(
            document=document_id,
            ordinal=k + 1,
            number=head.group("number"),
            value=value,
            section=section.ordinal if section else None,
            section_number=section.number if section else "",
            title=text[title_start:title_end],
            text=text[text_start:text_end],
            clause=clause,
            span=(start, max(measure_end, start)),
            title_span=(title_start, title_end),
            text_span=(text_start, text_end),
            truncated=truncated,
        )
        measures.append(previous)
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
    )


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

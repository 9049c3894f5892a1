"""``smeeco.parse_policy``: a notice as pasted from a web page → records and a report.

One call prepares the text (:mod:`smeeco.parse.prepare`), reads its metadata, structure,
responsibility clauses and 任务分工表 tables, resolves every unit name through an
ecosystem of agencies, and returns a :class:`ParseResult`: the
:class:`~smeeco.PolicyDocument`, its :class:`~smeeco.Measure` records, a new
:class:`~smeeco.Agency` for every name that resolved to nothing (marked unresolved in its
``notes``), and a report of every uncertainty with its line and column in the text the
user gave.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.encodings import decode_text
from smeeco.errors import InvalidValueError, SmeecoError
from smeeco.io.packtext import paused_gc
from smeeco.model.agency import Agency, AgencyKind
from smeeco.model.checked import checked_measure, checked_responsibility, checked_source
from smeeco.model.common import Name, Record, Source
from smeeco.model.deadline import Deadline, unread_reason
from smeeco.model.document import Measure, PolicyDocument, Responsibility, Role
from smeeco.parse.deadlines import find_stated_deadlines
from smeeco.parse.document import ParsedDocument, ParseWarning, _parse
from smeeco.parse.metadata import Metadata, read_metadata
from smeeco.parse.prepare import Prepared, prepare
from smeeco.parse.responsibility import ALL_LEAD_RULE, ClauseUnit
from smeeco.parse.table import (
    Table,
    TableRow,
    find_tables,
    unread_box_table_headers,
    unread_table_headers,
)

__all__ = ["NotAPolicyTextError", "ParseResult", "Uncertainty", "parse_policy"]

UNRESOLVED_NOTE = "unresolved: named in the text but not found among the known agencies"


_HAN = re.compile("[\u4e00-\u9fff]")
#: Four Han characters, wherever they are: a text that has them is Chinese enough to read.
_FOUR_HAN = re.compile("[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){3}")


class NotAPolicyTextError(SmeecoError, ValueError):
    """The input is empty or holds no Chinese policy text at all."""


@attrs.frozen
class Uncertainty:
    """One thing the parser was unsure about, placed in the text the user gave.

    ``line`` and ``column`` are 1-based; ``span`` indexes the original text and
    ``context`` quotes the text around it.
    """

    kind: str
    line: int
    column: int
    span: tuple[int, int]
    context: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.kind}: {self.message} [{self.context}]"


@attrs.frozen
class ParseResult:
    """What :func:`parse_policy` read: records ready for a pack, and the report.

    ``document`` and ``measures`` are the new records; ``agencies`` the agencies created
    for names that resolved to nothing (each with :data:`UNRESOLVED_NOTE` in its notes);
    ``resolved`` maps each name as written to the id it resolved to; ``uncertainties``
    list every warning, in text order; ``parsed`` is the structural reading and
    ``prepared`` the prepared text with its offset map.
    """

    document: PolicyDocument
    measures: tuple[Measure, ...]
    agencies: tuple[Agency, ...]
    resolved: dict[str, str]
    uncertainties: tuple[Uncertainty, ...]
    parsed: ParsedDocument = attrs.field(repr=False)
    prepared: Prepared = attrs.field(repr=False)
    metadata: Metadata = attrs.field(repr=False)

    @property
    def records(self) -> tuple[Record, ...]:
        """Every new record: new agencies, the document, its measures."""
        return (*self.agencies, self.document, *self.measures)

    @property
    def uncertain(self) -> bool:
        """Whether anything was uncertain."""
        return bool(self.uncertainties)

    def report(self) -> str:
        """Every uncertainty on its own line, ``line:column: kind: message [context]``."""
        return "\n".join(str(u) for u in self.uncertainties)


def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts: 0, and one past every line break."""
    lines = text.split("\n")
    lines.pop()  # the last line ends the text, not at a break
    return list(itertools.accumulate(map((1).__add__, map(len, lines)), initial=0))


def _line_column(starts: list[int], position: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, position)
    return line, position - starts[line - 1] + 1


def _context(text: str, start: int, end: int) -> str:
    s = max(0, start - 12)
    e = min(len(text), max(end, start) + 12)
    if e - s > 60:
        e = s + 60
    return text[s:e].replace("\n", "⏎")


_COLLECTIVE = re.compile(
    r"^各|^(?:相关|有关)[省市县区]|成员单位|有关部门|有关单位|相关部门|相关单位|各有关|级各"
)


def _kind_of(name: str) -> tuple[AgencyKind, bool]:
    if _COLLECTIVE.search(name):
        return AgencyKind.COLLECTIVE, True
    if name.endswith(("人民政府", "政府")):
        return AgencyKind.GOVERNMENT, False
    if "领导小组办公室" in name:
        return AgencyKind.LEADING_GROUP_OFFICE, False
    if name.endswith("领导小组"):
        return AgencyKind.LEADING_GROUP, False
    if "人民银行" in name or name.startswith("人行"):
        return AgencyKind.CENTRAL_BANK_BRANCH, False
    if name.endswith(("监管局", "银保监局", "证监局", "银监局", "保监局")):
        return AgencyKind.REGULATOR_BRANCH, False
    if "税务" in name:
        return AgencyKind.TAX, False
    if "海关" in name:
        return AgencyKind.CUSTOMS, False
    if name.endswith(("局", "委", "厅", "办", "委员会", "办公室", "部")):
        return AgencyKind.DEPARTMENT, False
    return AgencyKind.OTHER, False


_FOUND_KEY = ("smeeco.parse.policy", "agencies by name form")
_CANDIDATES_KEY = ("smeeco.parse.policy", "agencies of each form of a name")
_CHOSEN_KEY = ("smeeco.parse.policy", "the agency a name stands for")


class _Resolver:
    """Names → agency ids through an ecosystem; one name → one agency per document."""

    def __init__(
        self,
        eco: Ecosystem | None,
        document_id: str,
        jurisdiction: str | None,
        on: dt.date | None,
        earlier: dict[str, Agency] | None = None,
        issuer: str | None = None,
        title: str | None = None,
    ) -> None:
        self.eco = eco
        self.earlier = earlier if earlier is not None else {}
        # whose "市财政局" a name is: the jurisdiction given, else the place the issuer's
        # name (or the title: "湖南省关于…") starts with
        self.place = jurisdiction or _place_of(issuer, title)
        self.used: dict[str, Agency] = {}  # unresolved names of this document
        self.document_id = document_id
        self.on = on
        self.places: tuple[str, ...] = ()
        if eco is not None and jurisdiction is not None and jurisdiction in eco:
            place = eco[jurisdiction]
            self.places = tuple(f for f in place.name.all() if f and not f.isascii())
        self.jurisdiction = jurisdiction
        self.resolved: dict[str, str] = {}
        self.new: dict[str, Agency] = {}
        self.chosen: dict[str, Record | None] | None = None

    def _find(self, name: str) -> Record | None:
        """The one agency ``name`` stands for, or None; chosen once per ecosystem,
        jurisdiction and date, for every document of a run that shares them."""
        if self.eco is None:
            return None
        chosen = self.chosen
        if chosen is None:  # looked up once per document (the ecosystem does not change)
            chosen = self.chosen = self.eco.cached((_CHOSEN_KEY, self.jurisdiction, self.on), dict)
        if name not in chosen:
            chosen[name] = self._choose(name)
        return chosen[name]

    def _choose(self, name: str) -> Record | None:
        for hits in self._candidates(name):
            if len(hits) == 1:
                return hits[0]
            found = list(hits)
            if self.on is not None:
                found = [r for r in found if r.in_force(self.on)] or found
            if len(found) > 1 and self.jurisdiction is not None:
                found = [
                    r for r in found if getattr(r, "jurisdiction", None) == self.jurisdiction
                ] or found
            if len(found) == 1:
                return found[0]
        return None

    def _candidates(self, name: str) -> tuple[tuple[Record, ...], ...]:
        """The agencies of each form of ``name`` that has some, in the order tried.

        Looked up once per ecosystem and jurisdiction, for every document of a run; only
        the choice among several (by the document's date) is made per document.
        """
        assert self.eco is not None
        by_name: dict[str, tuple[tuple[Record, ...], ...]] = self.eco.cached(
            (_CANDIDATES_KEY, self.jurisdiction), dict
        )
        candidates = by_name.get(name)
        if candidates is None:
            forms = [name]
            if name[:1] in "省市县区" and self.places:
                forms += [place + name[1:] for place in self.places]
            elif self.places:
                forms += [place + name for place in self.places]
            # the agencies of each name form, looked up once per ecosystem
            known: dict[str, tuple[Record, ...]] = self.eco.cached(_FOUND_KEY, dict)
            found = []
            for form in forms:
                hits = known.get(form)
                if hits is None:
                    hits = known[form] = self.eco.find(form, "agency")
                if hits:
                    found.append(tuple(hits))
            candidates = by_name[name] = tuple(found)
        return candidates

    def resolve(self, unit: ClauseUnit) -> str:
        found = self.resolved.get(unit.name)
        if found is not None:
            return found
        if unit.written in self.resolved:
            return self.resolved[unit.written]
        record = self._find(unit.name)
        if record is None and unit.written != unit.name:
            record = self._find(unit.written)
        if record is not None:
            self.resolved[unit.name] = record.id
            return record.id
        return self._create(unit.name)

    def resolve_name(self, name: str) -> str:
        return self.resolve(ClauseUnit(name, Role.LEAD, False, (0, 0)))

    def _shared_key(self, name: str) -> str | None:
        """The key of ``name`` among the agencies of earlier documents, or None.

        A name that starts with a level ("市财政局", "区发改局", "各区人民政府") is the unit
        of the document's own place: shared only with documents of the same place (the
        jurisdiction given, or the issuer's place); a name of its own place ("天津市财政局")
        is shared with every document.
        """
        if not name.startswith(_RELATIVE_HEADS):
            return name
        return f"{self.place}\x00{name}" if self.place else None

    def _create(self, name: str) -> str:
        if name in self.new:
            return self.new[name].id
        key = self._shared_key(name)
        if key is not None and key in self.earlier:  # created for an earlier document
            self.used[name] = self.earlier[key]
            self.resolved[name] = self.earlier[key].id
            return self.earlier[key].id
        kind, collective = _kind_of(name)
        agency = Agency(
            id=f"{self.document_id}.u{len(self.new) + 1:02d}",
            name=Name(name),
            agency_kind=kind,
            collective=collective,
            jurisdiction=self.jurisdiction
            if self.eco is not None and self.jurisdiction and self.jurisdiction in self.eco
            else None,
            notes=UNRESOLVED_NOTE,
        )
        self.new[name] = self.used[name] = agency
        if key is not None:
            self.earlier[key] = agency
        self.resolved[name] = agency.id
        return agency.id


#: How a name relative to its document's place starts: a level (市, 区, 县…) or a
#: collective of the place's units (各, 全, 有关, 相关).
_RELATIVE_HEADS = (*"省市区县州盟旗镇乡各全", "自治区", "有关", "相关")
_PLACE = re.compile(
    r"^(?!关于)[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|特别行政区|省|市|州|盟|地区|区|县|旗)"
)


def _place_of(issuer: str | None, title: str | None) -> str | None:
    """The place the issuer's name starts with ("甲市人民政府办公室" → "甲市"), else the
    one a title names before its 关于 ("湖南省关于…" → "湖南省"; not "关于推进城市…")."""
    found = _PLACE.match(issuer) if issuer else None
    if found is None and title:
        found = _PLACE.match(title)
        if found is not None and "关于" not in title[found.end() :]:
            found = None
    return found.group() if found else None


def _document_id(text: str, given: str | None) -> str:
    if given is not None:
        return given
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _check_input(text: object) -> str:
    if isinstance(text, bytes):
        text = decode_text(text).text
    if not isinstance(text, str):
        raise InvalidValueError(f"a policy text must be str, not {type(text).__name__}")
    if not text or text.isspace():  # (what `not text.strip()` says, without the copy)
        raise NotAPolicyTextError("the input is empty: give the text of a policy notice")
    if _FOUR_HAN.search(text) is None:
        cjk = len(_HAN.findall(text))  # fewer than four
        raise NotAPolicyTextError(
            f"the input holds {cjk or 'no'} Chinese characters, so it is not a Chinese policy"
            " text;"
            " give the notice's text (UTF-8)"
        )
    return text


def parse_policy(
    text: str,
    *,
    document_id: str | None = None,
    agencies: Ecosystem | None = None,
    jurisdiction: str | None = None,
    convert: bool | None = None,
    new_agencies: dict[str, Agency] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ParseResult:
    """Read a policy notice into records and a report of what was uncertain.

    Parameters
    ----------
    text:
        The notice as pasted (traditional or simplified, glosses, web-page furniture).
    document_id:
        The id of the new :class:`~smeeco.PolicyDocument` (default: ``doc-`` and a hash
        of the text). Measures are ``{document_id}.m01``…, new agencies ``….u01``….
    agencies:
        The ecosystem whose agencies names resolve to (ids, names, aliases, the
        jurisdiction's name as prefix, the one in force on the notice's date).
    jurisdiction:
        The id of the issuer's jurisdiction ("tj"): context for names ("市财政局" →
        天津市财政局) and the document's jurisdiction.
    convert:
        Force or forbid traditional → simplified conversion (default: when detected).
    new_agencies:
        Agencies created for unresolved names by earlier documents of the same pack;
        names found there are reused, and new ones are added to it. A name relative to
        its place ("市财政局", "各区人民政府") is reused only from a document of the same
        place (``jurisdiction``, else the issuer's: 甲市's 市财政局 is not 乙市's); a
        document whose place is unknown gets its own.
    progress:
        Called now and then with about how many characters of ``text`` are read, up to
        ``len(text)`` at the end (preparing the text and finding its structure count for
        the first 60 %, the measures, in text order, for the rest).

    Raises
    ------
    NotAPolicyTextError
        Empty input, or input without Chinese text.

    Examples
    --------
    >>> import smeeco
    >>> r = smeeco.parse_policy(
    ...     "示例市关于若干措施的通知\\n一、财税\\n"
    ...     "(一)加强资金支持。(责任单位:示例市财政局、示例市农业局)",
    ...     document_id="ex-notice", agencies=smeeco.load("example"))
    >>> [(x.unit, x.role.value) for x in r.measures[0].responsibilities]
    [('ex-finance', 'lead'), ('ex-notice.u01', 'support')]
    >>> r.agencies[0].name.zh, [u.kind for u in r.uncertainties]
    ('示例市农业局', ['unresolved'])
    """
    original = _check_input(text)
    with paused_gc():  # the parse makes no cycles; the collector would rescan every object
        return _parse_policy(
            original, document_id, agencies, jurisdiction, convert, new_agencies, progress
        )


def _parse_policy(
    original: str,
    document_id: str | None,
    agencies: Ecosystem | None,
    jurisdiction: str | None,
    convert: bool | None,
    new_agencies: dict[str, Agency] | None,
    progress: Callable[[int], None] | None,
) -> ParseResult:
    document_id = _document_id(original, document_id)
    report = _Progress(progress, len(original))
    prepared = prepare(original, convert=convert)
    report(0.15)
    body = prepared.text
    tables = find_tables(body)
    masked = tuple(t.span for t in tables)
    parsed = _parse(body, document_id, len(body), masked)
    report(0.6)
    head_end = parsed.preamble_span[1]
    tail = parsed.trailer_span[0] if parsed.trailer_span else None
    last = parsed.measures[-1].span[0] if parsed.measures and tail is None else None
    first = parsed.measures[0].span[0] if parsed.measures else None
    metadata = read_metadata(body, head_end, tail, last_measure=last, first_measure=first)
    warnings = list(parsed.warnings)
    if metadata.redacted_signature is not None:
        s, e = metadata.redacted_signature
        warnings.append(
            ParseWarning(
                "redacted",
                metadata.redacted_signature,
                f"the signature above the date is redacted in this copy ({body[s:e]!r}):"
                " no issuer is read from it; add the issuer by hand",
            )
        )
    if prepared.traditional and not prepared.converted:
        warnings.append(
            ParseWarning(
                "script",
                (0, 0),
                "the text is in traditional characters and OpenCC is not installed, so it"
                " was read unconverted; pip install 'smeeco[zh]' to convert it",
            )
        )
    for table in tables:
        for span, message in table.notes:
            warnings.append(ParseWarning("table", span, message))
    for span in unread_table_headers(body, tables):
        warnings.append(
            ParseWarning(
                "table-unread",
                span,
                f"{body[span[0] : span[1]].strip()!r} looks like the header of a 任务分工表"
                " whose columns are separated by single spaces; its rows were not read (the"
                " spaces inside cells cannot be told from the column breaks): separate the"
                " columns with a tab, | or two spaces",
            )
        )
    for span in unread_box_table_headers(body, tables):
        warnings.append(
            ParseWarning(
                "table-unread",
                span,
                f"{body[span[0] : span[1]].strip()!r} looks like the header of a 任务分工表"
                " drawn with box characters; its rows were not read (cells wrapped over"
                " lines and unit cells merged across rows cannot be told apart safely):"
                " copy the table with | between cells, a row a line",
            )
        )
    if prepared.html_capped:
        warnings.append(
            ParseWarning(
                "table",
                (0, 0),
                "an HTML table merges cells over more rows than the page could fill"
                " (rowspan): where repeating them would have made more text than the page"
                " holds, they stop, and the rows after lack them; check the table's merged"
                " cells",
            )
        )
    if prepared.breaks:
        warnings.append(
            ParseWarning(
                "run-on",
                (0, 0),
                f"the text runs its items together on long lines: {prepared.breaks} item"
                " numbers inside a line (after 。, ：, or a closing bracket) were read as the"
                " start of an item; check the measures' numbers and titles",
            )
        )
    if prepared.joined:
        warnings.append(
            ParseWarning(
                "wrapped",
                (0, 0),
                f"the text is hard-wrapped, about {prepared.wrap_width} characters a line (a"
                f" copy from a PDF keeps each printed line a line): {prepared.joined} line"
                " breaks inside paragraphs were joined; check the measures' titles and units"
                " where a line ended",
            )
        )
    if prepared.controls:
        first, code = prepared.controls[0]
        warnings.append(
            ParseWarning(
                "control",
                (prepared.prepared_position(first),) * 2,
                f"the text holds {len(prepared.controls)} control character(s), no record"
                f" can hold them (the first: U+{code:04X} here); they were left out, and"
                " VT, FF and U+2028/U+2029 read as line breaks; check the text around them",
            )
        )
    resolver = _Resolver(
        agencies,
        document_id,
        jurisdiction,
        metadata.issued,
        new_agencies,
        metadata.issuer,
        metadata.notice_title or metadata.title,
    )
    measures: list[Measure] = []
    width = max(2, len(str(len(parsed.measures) + sum(len(t.rows) for t in tables))))
    rows = _Rows([row for table in tables for row in table.rows])
    parsed_measures = list(parsed.measures)

    def source(locator: str, start: int, end: int) -> Source:
        quote, span = prepared.quoted(start, end)
        return checked_source(document_id, locator, quote, span)

    def deadline(
        row: TableRow | None,
        locator: str,
        sources: list[Source],
        stated: Sequence[tuple[str, tuple[int, int]]] = (),
    ) -> Deadline | None:
        """The 完成时限 of a row, else the one the measure's text states (时限要求:…), read;
        its source added; a warning when it gives no date, or when several disagree."""
        found: list[tuple[str, tuple[int, int]]] = []
        if row is not None and row.deadline_span is not None and row.deadline.strip():
            found.append((row.deadline, row.deadline_span))
        found += stated
        readable = []
        for text, span in found:
            try:
                readable.append((text, span, Deadline.read(text)))
            except InvalidValueError as error:  # a control character in the cell
                warnings.append(ParseWarning("deadline", span, f"{error.message}; not read"))
        if not readable:
            return None
        if len({read for _, _, read in readable}) > 1:
            written = "; ".join(repr(text) for text, _, _ in readable)
            warnings.append(
                ParseWarning(
                    "deadline",
                    readable[1][1],
                    f"the measure states {len(readable)} deadlines ({written}); the first is"
                    " taken: check which is meant",
                )
            )
        text, span, read = readable[0]
        sources.append(source(f"{locator} 完成时限".strip(), *span))
        if read.unread:
            warnings.append(ParseWarning("deadline", span, unread_reason(read.text)))
        return read

    share = 0.4 / max(1, len(body))
    from_table: set[int] = set()  # measures whose units a 任务分工表 row gives
    # "无牵头单位的,责任单位即为牵头单位": the text's rule holds for its table's rows too
    rule = ALL_LEAD_RULE.search(body) if tables else None
    for measure in parsed_measures:
        report(0.6 + share * measure.span[0])
        responsibilities: list[Responsibility] = []
        row = rows.match(measure.number, measure.title)
        sources = [source(measure.locator, *measure.title_span)]
        by_rule = False  # the row's units lead by the text's rule
        if measure.clause is not None:
            responsibilities = _responsibilities(measure.clause.units, resolver, warnings)
            sources.append(source(f"{measure.locator} 责任单位", *measure.clause.span))
        elif row is not None:
            units, by_rule = _row_units(row, rule)
            responsibilities = _responsibilities(units, resolver, warnings)
            sources.append(source(f"{measure.locator} 任务分工表", *row.span))
            if by_rule and rule is not None:
                sources.append(source(f"{measure.locator} 牵头规则", *rule.span()))
            if row.units:  # the table states what the item does not: no clause is missing
                from_table.add(measure.span[0])
        notes = []
        if by_rule:
            notes.append("every unit leads by the text's rule (无牵头单位的,责任单位即为牵头单位)")
        if measure.shared and measure.clause is not None and measure.clause.heading:
            notes.append(f"responsibility stated by its section's heading ({measure.clause.text})")
        elif measure.shared:
            notes.append("responsibility stated once for its section (以上任务由…负责)")
        if measure.clause is not None and measure.clause.etc:
            notes.append("the listing ends in 等: not exhaustive")
        if measure.clause is not None and measure.clause.leads_by_rule is not None:
            notes.append("every unit leads by the text's rule (无牵头单位的,责任单位即为牵头单位)")
            sources.append(source(f"{measure.locator} 牵头规则", *measure.clause.leads_by_rule))
        region = (
            min(measure.span[0], measure.text_span[0]),
            max(measure.span[1], measure.text_span[1]),
        )
        due = deadline(row, measure.locator, sources, find_stated_deadlines(body, *region))
        measures.append(
            checked_measure(
                id=f"{document_id}.m{len(measures) + 1:0{width}d}",
                name=Name(measure.title or measure.number),
                document=document_id,
                ordinal=len(measures) + 1,
                number=measure.number,
                section=measure.section,
                text=measure.text,
                responsibilities=tuple(responsibilities),
                responsibility_stated=bool(responsibilities),
                deadline=due,
                truncated=measure.truncated,
                sources=tuple(sources),
                notes="; ".join(notes),
            )
        )
    if from_table:
        warnings = [w for w in warnings if w.kind != "no-clause" or w.span[0] not in from_table]
    for row in rows.left():  # rows that match no measure of the text are measures of their own
        units, by_rule = _row_units(row, rule)
        responsibilities = _responsibilities(units, resolver, warnings)
        locator = f"任务分工表 {row.number}".strip()
        row_sources = [source(locator, *row.span)]
        if by_rule and rule is not None:
            row_sources.append(source(f"{locator} 牵头规则", *rule.span()))
        due = deadline(row, locator, row_sources)
        measures.append(
            checked_measure(
                id=f"{document_id}.m{len(measures) + 1:0{width}d}",
                name=Name(row.title or row.number or "任务"),
                document=document_id,
                ordinal=len(measures) + 1,
                number=row.number,
                text=row.title,
                responsibilities=tuple(responsibilities),
                responsibility_stated=bool(responsibilities),
                deadline=due,
                sources=tuple(row_sources),
                notes="every unit leads by the text's rule (无牵头单位的,责任单位即为牵头单位)"
                if by_rule
                else "",
            )
        )
    if not parsed.measures and measures:
        warnings = [w for w in warnings if w.kind != "no-measures"]
    issuers: tuple[str, ...] = ()
    if metadata.joint_issuers:
        issuers = tuple(resolver.resolve_name(name) for name in metadata.joint_issuers)
    elif metadata.issuer:
        issuers = (resolver.resolve_name(metadata.issuer),)
    first_spans = _first_spans(parsed, tables) if resolver.used else {}
    for name, agency in resolver.used.items():
        position = parsed.text.find(name) if name not in first_spans else -1
        warnings.append(
            ParseWarning(
                "unresolved",
                first_spans.get(name)
                or ((position, position + len(name)) if position >= 0 else (0, 0)),
                f"{name!r} matches no known agency; it is written as the new agency"
                f" {agency.id!r} (marked unresolved)",
            )
        )
    if not metadata.title:
        warnings.append(
            ParseWarning(
                "no-title",
                (0, 0),
                f"no title was found at the head of the text, so the document is named by its"
                f" id {document_id!r}; check the text's first lines, or name the document in"
                " the pack",
            )
        )
    notes = []
    if metadata.notice_title:  # the 通知 that issues the document, named by its own title
        notes.append("印发通知: " + metadata.notice_title)
    document_sources = [source("title", *metadata.title_span)] if metadata.title_span else []
    if metadata.addressees_span is not None:
        document_sources.append(source("主送", *metadata.addressees_span))
    document = PolicyDocument(
        id=document_id,
        name=Name(metadata.title or document_id),
        number=metadata.number or "",
        issuers=issuers,  # type: ignore[arg-type]  # attrs converter=tuple
        issued=metadata.issued,
        jurisdiction=jurisdiction if agencies is not None and jurisdiction in agencies else None,
        sections=parsed.section_records(),
        addressees=metadata.addressees,
        truncated=parsed.truncated,
        notes="; ".join(notes),
        sources=tuple(document_sources),
    )
    starts = _line_starts(original) if warnings else []
    uncertainties = sorted([_place(prepared, w, starts) for w in warnings], key=_text_order)
    report(1.0)
    return ParseResult(
        document=document,
        measures=tuple(measures),
        agencies=tuple(resolver.new.values()),
        resolved=dict(resolver.resolved),
        uncertainties=tuple(uncertainties),
        parsed=parsed,
        prepared=prepared,
        metadata=metadata,
    )


class _Progress:
    """Calls ``progress(characters)`` for a share of the text, at most once a percent."""

    def __init__(self, progress: Callable[[int], None] | None, size: int) -> None:
        self.progress = progress
        self.size = size
        self.last = -1

    def __call__(self, share: float) -> None:
        if self.progress is None:
            return
        percent = int(share * 100)
        if percent > self.last:
            self.last = percent
            self.progress(self.size if percent >= 100 else int(self.size * share))


def _first_spans(parsed: ParsedDocument, tables: Iterable[Table]) -> dict[str, tuple[int, int]]:
    """Where each unit name is first written: in a measure's clause, else in a table row."""
    spans: dict[str, tuple[int, int]] = {}
    for measure in parsed.measures:
        if measure.clause is not None:
            for unit in measure.clause.units:
                spans.setdefault(unit.name, unit.span)
    for table in tables:
        for row in table.rows:
            for unit in row.units:
                spans.setdefault(unit.name, unit.span)
    return spans


def _text_order(uncertainty: Uncertainty) -> tuple[tuple[int, int], str]:
    return uncertainty.span, uncertainty.kind


def _place(prepared: Prepared, warning: ParseWarning, starts: list[int]) -> Uncertainty:
    s, e = prepared.original_span(*warning.span)
    if warning.span == (0, len(prepared.text)):
        s, e = 0, len(prepared.original)
    if warning.kind == "control" and prepared.controls:
        s = prepared.controls[0][0]  # cut out of the parsed text: only the original has it
        e = s + 1
    line, column = _line_column(starts, s)
    return Uncertainty(
        warning.kind, line, column, (s, e), _context(prepared.original, s, e), warning.message
    )


def _row_units(row: TableRow, rule: re.Match[str] | None) -> tuple[tuple[ClauseUnit, ...], bool]:
    """A row's units, every one a stated lead when the text's rule after which the row
    stands says a listing without a lead names leads ("无牵头单位的,责任单位即为牵头单位");
    and whether the rule made them so. A row that states a role keeps its own."""
    units = row.units
    if rule is None or rule.end() > row.span[0] or not units or any(u.explicit for u in units):
        return units, False
    return tuple(ClauseUnit(u.name, Role.LEAD, True, u.span, u.written) for u in units), True


def _responsibilities(
    units: Iterable[ClauseUnit], resolver: _Resolver, warnings: list[ParseWarning]
) -> list[Responsibility]:
    result: list[Responsibility] = []
    seen: set[tuple[str, Role]] = set()
    inferred_lead = False
    for unit in units:
        agency = resolver.resolve(unit)
        if (agency, unit.role) in seen:
            warnings.append(
                ParseWarning(
                    "duplicate",
                    unit.span,
                    f"{unit.name!r} names {agency!r} a second time in the same role; kept once",
                )
            )
            continue
        if unit.role is Role.SUPPORT and (agency, Role.LEAD) in seen:
            # "牵头单位:省发展改革委。责任单位:省发展改革委、省统计局": the lead listed again
            warnings.append(
                ParseWarning(
                    "duplicate",
                    unit.span,
                    f"{unit.name!r} names {agency!r}, the lead, again among the other units;"
                    " kept once, as the lead",
                )
            )
            continue
        role, explicit = unit.role, unit.explicit
        if role is Role.LEAD and not explicit:
            if inferred_lead:
                role = Role.SUPPORT
            inferred_lead = True
        seen.add((agency, role))
        result.append(checked_responsibility(agency, role, explicit))
    return result


_NOT_KEY = re.compile(r"[\s。.、，,()（）]")
_NOT_DIGIT = re.compile(r"\D")


def _normal(text: str) -> str:
    return _NOT_KEY.sub("", text)


class _Rows:
    """Rows of 任务分工表 tables, each matched to at most one measure of the text."""

    def __init__(self, rows: list[TableRow]) -> None:
        self.rows = rows
        self.used = [False] * len(rows)
        self.keys = [row.key for row in rows]
        self.by_key: dict[str, list[int]] = {}
        self.by_number: dict[str, list[int]] = {}
        self.by_prefix: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            self.by_prefix.setdefault(self.keys[i][:4], []).append(i)
            self.by_key.setdefault(self.keys[i], []).append(i)
            digits = _NOT_DIGIT.sub("", row.number)
            if digits and not row.title:
                self.by_number.setdefault(digits, []).append(i)

    def _take(self, candidates: list[int]) -> TableRow | None:
        for i in candidates:
            if not self.used[i]:
                self.used[i] = True
                return self.rows[i]
        return None

    def match(self, number: str, title: str) -> TableRow | None:
        """The table row for a measure: same title (or one contains the other), or number."""
        if not self.rows:
            return None
        key = _normal(title)
        found = self._take(self.by_key.get(key, [])) if key else None
        if found is None and len(key) >= 4:  # one title starts the other
            found = self._take(
                [
                    i
                    for i in self.by_prefix.get(key[:4], [])
                    if len(self.keys[i]) >= 6
                    and (key.startswith(self.keys[i]) or self.keys[i].startswith(key))
                ]
            )
        digits = _NOT_DIGIT.sub("", number)
        if found is None and digits:
            found = self._take(self.by_number.get(digits, []))
        return found

    def left(self) -> list[TableRow]:
        """The rows no measure took."""
        return [row for row, used in zip(self.rows, self.used, strict=True) if not used]

"""A notice's metadata: title, 文号, issuer, date and addressees (主送), from its head.

Read from the text before the first numbered item (and the 落款 after the last): the
title is the first line that names a document (通知, 意见, 措施, 方案, 办法, 要点…);
the 文号 is "X〔2022〕2号"; the date is "2022年6月18日" (or 二〇二二年六月十八日); the
issuer is the line just above the date that ends like a unit (人民政府, 办公厅, 局…); the
addressees are the line that ends with "：" before the body. A web page's furniture is
not a title: a breadcrumb (">> …"), a "【…】" category tag, a metadata field ("名称: …"),
a viewer's ".docx"; a page run into one line starts with its title.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from smeeco.parse.furniture import PAGE_FIELD
from smeeco.parse.responsibility import _DEPARTMENT

__all__ = ["Metadata", "read_metadata"]

_TITLE_WORD = (
    r"(?:通知|意见|措施|举措|方案|办法|要点|规划|计划|决定|细则|规定|条例|函|通报|公告|答复|批复|纲要|指引"
    r"|若干政策|清单|(?:责任|目标任务)分解|(?:任务|责任|部门|工作)分工"
    r"|(?:分解|分工|任务|责任|清单|一览|情况)表)"
)
_TITLE_END = re.compile(rf"{_TITLE_WORD}(?:》)?(?:\([^()]{{1,12}}\))?$")
#: "重庆市…工作方案.docx": a document viewer names the file; the extension is not the title's.
_FILE_EXTENSION = re.compile(r"\.(?:docx?|pdf|wps|ofd|txt|xlsx?)$", re.IGNORECASE)
#: "【市政府重点工作及责任分解】滁州市人民政府关于…": a page's category tag before a title.
_CATEGORY_TAG = re.compile(r"^【[^【】]{1,30}】")
#: A field of a page's metadata block ("名称: … 文号:"): the page's, not a title line; a
#: page may space out a label's characters ("标  题: …", "索 引 号: …", gov.cn).
_PAGE_FIELD_NAMES = (
    "名称 标题 题名 信息名称 索引号 发布机构 组配分类 主题分类 文号 发文日期 发布日期"
)
_PAGE_FIELD = re.compile(
    "^(?:"
    + "|".join(r"[^\S\n]*".join(name) for name in _PAGE_FIELD_NAMES.split())
    + r")(?:[^\S\n]*[:：]|[^\S\n]+)"
)
#: "成文日期: 2023年3月3日": a labelled field of a page's metadata block.
_FIELD_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
#: "• 信息名称: …", "· 发文序号: …": a page's list bullet, never part of a line's text.
_BULLETS = "•·▪●◆■"
_BULLET = re.compile(rf"^[{_BULLETS}]\s*")
#: "一、…", "(一)…", "1.…": a numbered item or heading of the body, never the title.
_NUMBERED_LINE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,3}[.、．])"
)
#: Characters of a page's breadcrumb or menu (">> 投资嵊州 >> 投资政策"), never of a title.
_MENU = re.compile(r"[>|»<›]")
#: A page run together into one line starts with its title, then the qualifiers of a
#: draft ("(征求意见稿)(2023-2025年)") or the first sentence ("为深入学习…").
_RUN_ON_TITLE = re.compile(
    rf"[^\S\n]*(?!为|根据|按照)(?P<title>[^\s。，,；;:：()（）]{{4,80}}?{_TITLE_WORD})"
    r"(?=(?:[(（][^()（）\n]{1,20}[)）])+|为|根据|按照|现将|近年来)"
)
#: "《中原城市群发展规划》(下)时间: 2019-08-30 信息来源:…": a page line naming the document.
#: "河南省人民政府 关于明确…2023年 重点工作责任单位的通知 豫政〔2023〕5号 现将…": a
#: page run together with its line breaks flattened to spaces; the title's pieces are
#: joined, and the 文号 right after it is the document's.
_RUN_ON_SPACED_TITLE = re.compile(
    rf"[^\S\n]*(?P<title>(?:[^\s。，,；;:：()（）]{{2,60}}[ \u3000]){{1,3}}"
    rf"[^\s。，,；;:：()（）]{{2,60}}?{_TITLE_WORD})[ \u3000]+"
    r"(?P<number>[\u4e00-\u9fff]{1,12}[〔\[［【]\d{4}[〕\]］】]\d{1,4}号)(?=[ \u3000]|$)"
)
_QUOTED_LINE = re.compile(
    r"《(?P<title>[^《》\n]{4,80})》(?:[(（][^()（）]{1,6}[)）])?[^\S\n]*"
    r"(?:发布)?(?:时间|日期|来源|作者)[:：]"
)
_RUN_ON_MIN = 121  # longer than any title line read above
#: "粤府办〔2023〕5号", also "菏政办字 〔2023〕1号" with a PDF's space before the bracket.
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[^\S\n]?[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*号")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_ISSUER_END = re.compile(
    r"(?:人民政府|办公厅|办公室|委员会|领导小组|主席团|国务院|局|厅|委|部|政府)$"
)
_ADDRESSEES = re.compile(r"^(?P<list>[^\n。:：]{2,200}?)[:：]\s*$", re.MULTILINE)
_ADDRESSEE_HINT = re.compile(r"各|政府|部门|单位|机构|委|局|厅")
_NOT_ADDRESSEE = re.compile(
    r"(?:电话|地址|来源|发布|时间|日期|附件|字号|浏览|作者|点击|名称|文号|索引|分类)"
    # "为全面贯彻…精神,…根据《…》,提出如下任务分工:": the body's first sentence
    r"|^为|如下|精神|根据|贯彻"
)
#: "青政〔2017〕42号《青海省人民政府关于…的若干意见》": a page heading, 文号 then the title.
_NUMBER_THEN_TITLE = re.compile(
    r"^[\u4e00-\u9fff]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*号\s*"
    r"《(?P<title>[^《》]{4,118}(?:《[^《》]*》[^《》]*)*)》$"
)
#: "…重点工作分工方案(一)": a page serialising a document in parts numbers them.
_PART_MARK = re.compile(r"[(（][一二三四五六七八九十][)）]$")
_TRAILING_NUMBER = re.compile(
    r"[(（][\u4e00-\u9fff]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*号[)）]$"
)
#: The head of a notice is read up to this many characters (titles, 文号, 主送, 落款).
_HEAD_MAX = 4000
_NAME_TAILS = ("领导小组", "办公室", "委员会", "人民政府", "办公厅")
_SEALED = re.compile(r"[(（][^()（）\n]{0,20}代章[)）]$")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_PUBLISHED = re.compile(r"发布(?:时间|日期)|来源|浏览|点击|阅读")


@attrs.frozen
class Metadata:
    """What a notice says about itself; ``None``/empty where it does not say."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    number: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    addressees: tuple[str, ...] = ()
    #: the title of the 通知 that issues the document, when ``title`` is the issued one's
    notice_title: str | None = None
    #: every issuer a joint signature names, in its order (``issuer`` is the first)
    joint_issuers: tuple[str, ...] = ()
    #: where the signature line stands when a copy redacted its issuer ("(略) 人民政府办公厅")
    redacted_signature: tuple[int, int] | None = None
    #: where the 主送 line's list of addressees stands (without its final colon)
    addressees_span: tuple[int, int] | None = None


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)
    return _CN_DIGIT[text[0]] if len(text) == 1 else int("".join(str(_CN_DIGIT[c]) for c in text))


#: "1. " before a field of a page's metadata list ("1. [发文机构] 北京市政务公开领导小组").
_FIELD_NUMBER = re.compile(r"^\d{1,2}[.、．]\s*")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _iso_date(value: str) -> dt.date | None:
    """ "2016-06-08" as a date; None when it is none."""
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _date(line: str) -> dt.date | None:
    if "年" not in line:  # both forms of a date have it
        return None
    match = _DATE.search(line)
    try:
        if match:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        match = _CN_DATE.search(line)
        if match:
            year = int("".join(str(_CN_DIGIT[c]) for c in match["y"]))
            return dt.date(year, _cn_number(match["m"]), _cn_number(match["d"]))
    except (ValueError, KeyError):
        return None
    return None


def read_metadata(
    text: str,
    head_end: int,
    tail_start: int | None = None,
    *,
    last_measure: int | None = None,
    first_measure: int | None = None,
) -> Metadata:
    """Metadata from ``text[:head_end]`` (and the 落款 in ``text[tail_start:]``).

    A cover notice with numbered paragraphs of its own ("一、提高政治站位…") signs after
    them: when the head names no issuer, a signature (an issuer's line, then a line that
    is only a date) between ``head_end`` and ``first_measure`` gives the issuer and date.

    When no trailer was told apart (the last measure runs to the end, e.g. into a 附件),
    ``last_measure`` is where that measure starts: a line after it that is only a date
    ("二○一○年三月二十三日") is the date of the document, when the head gives none.

    Examples
    --------
    >>> head = ("广东省人民政府办公厅关于印发实施方案的通知\\n粤府办〔2023〕5号\\n"
    ...         "各地级以上市人民政府，省政府各部门：\\n现印发。\\n"
    ...         "广东省人民政府办公厅\\n2023年3月17日\\n")
    >>> m = read_metadata(head, len(head))
    >>> m.title, m.number, m.issuer, m.issued.isoformat()
    ('广东省人民政府办公厅关于印发实施方案的通知', '粤府办〔2023〕5号', '广东省人民政府办公厅',
     '2023-03-17')
    >>> m.addressees
    ('各地级以上市人民政府', '省政府各部门')
    """
    title: str | None = None
    title_span: tuple[int, int] | None = None
    number: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    addressees: tuple[str, ...] = ()
    addressees_span: tuple[int, int] | None = None
    regions = [(0, min(head_end, _HEAD_MAX))]
    if tail_start is not None and tail_start < len(text):
        regions.append((tail_start, min(len(text), tail_start + 2000)))
    previous = before = ""
    last_line = ("", 0)  # the last non-blank line read, with its start (brackets and all)
    redacted: tuple[int, int] | None = None
    head_line = ("", 0)
    earlier: list[tuple[str, int]] = []  # the last lines before a title, with their starts
    joint_issuers: tuple[str, ...] = ()
    dated_by_field = False
    for start, end in regions:
        position = start
        for line in text[start:end].split("\n"):
            line_start = position
            position += len(line) + 1
            # each pattern is tried only where the characters it needs are there
            stripped = line.strip()
            if stripped[:1] in _BULLETS:
                stripped = _BULLET.sub("", stripped)
            if not stripped:
                continue
            field_line = _FIELD_NUMBER.sub("", stripped, count=1) if "[" in stripped else ""
            page_field = PAGE_FIELD.match(field_line) if field_line.startswith("[") else None
            if page_field is not None:  # "5. [成文日期] 2016-06-08": a field of the page's list
                name, value = page_field["name"], page_field["value"].strip()
                if name in ("发文机构", "发布机构") and issuer is None and value:
                    issuer = value
                elif name == "成文日期" and issued is None:
                    issued = _date(value) or _iso_date(value)
                    dated_by_field = issued is not None
                elif name == "发文字号" and number is None and "号" in value:
                    found_number = _NUMBER.search(value)
                    number = re.sub(r"\s+", "", found_number.group()) if found_number else None
                continue
            bare = stripped
            if bare.endswith((")", "）")):
                bare = _TRAILING_NUMBER.sub("", bare)
                part = _PART_MARK.search(bare)
                if part is not None and _TITLE_END.search(bare[: part.start()]):
                    bare = bare[: part.start()]  # "…分工方案(一)": the page's first part
            if "." in bare:
                bare = _FILE_EXTENSION.sub("", bare)
            if bare.startswith("【"):
                bare = _CATEGORY_TAG.sub("", bare)
            numbered = _NUMBER_THEN_TITLE.match(bare) if "号" in bare else None
            if numbered is not None:  # "青政〔2017〕42号《…的若干意见》": a page's heading
                bare = numbered["title"]
            if (
                title is None
                and start == 0
                and 6 <= len(bare) <= 120
                and _TITLE_END.search(bare)
                and ("。" not in bare)
                and not _MENU.search(bare)
                and not _PAGE_FIELD.match(bare)
                and not _NUMBERED_LINE.match(bare)
            ):
                offset = line.index(bare)
                title = bare
                title_span = (line_start + offset, line_start + offset + len(bare))
                opened = _opened_quote(earlier, title)
                if opened is not None:  # "关于印发《X" ⏎ "Y》的通知": one title over lines
                    head_text, head_start, k = opened
                    title, title_span = head_text + title, (head_start, title_span[1])
                    head_line = earlier[k - 1] if k > 0 else ("", 0)
                if _title_head(head_line, title):  # a title split over two lines
                    head_text, head_start = head_line
                    title = head_text + title
                    title_span = (head_start, title_span[1])
                    above = earlier[-2] if len(earlier) > 1 and earlier[-1] == head_line else None
                    if above is not None and title.startswith("关于") and _title_head(above, title):
                        # "四川省人民政府" ⏎ "关于落实《…》重点工作" ⏎ "部门分工的意见"
                        title, title_span = above[0] + title, (above[1], title_span[1])
            quoted_line = _QUOTED_LINE.match(stripped) if title is None and start == 0 else None
            if quoted_line is not None and _TITLE_END.search(quoted_line["title"]):
                offset = line.index(stripped) + quoted_line.start("title")
                title = quoted_line["title"]
                title_span = (line_start + offset, line_start + offset + len(title))
            if start == 0 and title is None:
                head_line = (stripped, line_start + line.index(stripped))
                earlier = [*earlier[-2:], head_line]
            if number is None:
                found = _NUMBER.search(stripped) if "号" in stripped else None
                at_end = (found is not None and stripped.endswith(found.group() + ")")) or (
                    found is not None and stripped.endswith(found.group() + "）")
                )
                if (
                    found
                    and (len(stripped) <= 40 or at_end)
                    and "《" not in stripped[: found.start()]
                ):
                    number = re.sub(r"\s+", "", found.group())
                    tail = stripped[found.end() :].strip()
                    if issued is None and 8 <= len(tail) <= 14 and tail[-1] == "日":
                        # "川府发〔2011〕8号 二○一一年三月十七日": a gazette's number and date
                        issued = _date(tail)
            if (
                (issued is None or (dated_by_field and issuer is None))
                and len(stripped) <= 20
                and not _PUBLISHED.search(stripped)
            ):
                day = _date(stripped)
                field = _FIELD_LABEL.match(stripped) is not None
                signed = bool(previous and _ISSUER_END.search(previous) and len(previous) <= 40)
                # "成文日期: …" in a page's metadata gives the date until a signature does.
                if day is not None and (issued is None or (signed and not field)):
                    issued, dated_by_field = day, field
                    if not signed and not field and _REDACTED.search(last_line[0]):
                        redacted = (last_line[1], last_line[1] + len(last_line[0]))
                    if signed and not field:
                        issuer = previous.strip("()（）")
                        joint = _joint(before, issuer)
                        if joint:  # "A厅 B厅" ⏎ "C委员会" ⏎ date: a joint signature
                            joint_issuers, issuer = joint, joint[0]
                        elif issuer.startswith(_NAME_TAILS) and before and len(before) <= 30:
                            issuer = before + issuer  # a name broken over two lines
            if not addressees and start == 0:
                found_list = (
                    _ADDRESSEES.match(stripped) if ":" in stripped or "：" in stripped else None
                )
                if (
                    found_list
                    and _ADDRESSEE_HINT.search(found_list["list"])
                    and not _NOT_ADDRESSEE.search(found_list["list"])
                ):
                    addressees = _addressees(found_list["list"])
                    at = line_start + line.index(stripped)
                    addressees_span = (at + found_list.start("list"), at + found_list.end("list"))
            last_line = (stripped, line_start + line.index(stripped))
            if not stripped.startswith(("(", "（")):
                before = previous
                previous = stripped
                if "代章" in stripped:  # "X办公室(代章)": X issued it
                    previous = _SEALED.sub("", stripped)
    if issuer is None and first_measure is not None and first_measure > head_end:
        signature = _signature(text, head_end, min(first_measure, _HEAD_MAX))
        if signature is not None and (issued is None or dated_by_field or issued == signature[1]):
            issuer, issued = signature
    if title is None:
        title_span = _run_on_title(text, min(head_end, _HEAD_MAX))
        title = text[title_span[0] : title_span[1]] if title_span else None
    if title is None:
        spaced = _run_on_spaced_title(text, min(head_end, _HEAD_MAX))
        if spaced is not None:
            title_span = spaced.span("title")
            title = re.sub(r"\s+", "", spaced["title"])
            number = number or spaced["number"]
    if issued is None and last_measure is not None:
        found = _DATE_LINE.search(text, last_measure)  # the first: the 落款, not an 附件's
        issued = _date(found.group().strip()) if found else None
    notice_title = title
    if title is not None and title_span is not None:
        if issuer is None:
            issuer = _issuer_in_title(title)
        issued_title = _issued_document(text, title, title_span, min(head_end, _HEAD_MAX))
        if issued_title is not None:
            title, title_span = issued_title
    if notice_title == title:
        notice_title = None
    return Metadata(
        title,
        title_span,
        number,
        issuer,
        issued,
        addressees,
        notice_title,
        joint_issuers=joint_issuers,
        redacted_signature=redacted if issuer is None else None,
        addressees_span=addressees_span if addressees else None,
    )


_ISSUES = re.compile(r"印发|转发|颁布|发布")
#: "(略) 人民政府办公厅": a copy that replaced words of the signature with "(略)".
_REDACTED = re.compile(r"[(（]\s*略\s*[)）]")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:省|市|县|区|自治区|自治州|州|盟|旗)")
_SIGNATURE = re.compile(
    r"^[^\S\n]*(?P<issuer>[^\s()（）。，,：:]{4,40})[^\S\n]*\n(?:[^\S\n]*\n){0,3}"
    r"[^\S\n]*(?P<date>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    r"[^\S\n]*$",
    re.MULTILINE,
)


def _signature(text: str, start: int, end: int) -> tuple[str, dt.date] | None:
    """The first 落款 in ``text[start:end]``: an issuer's name on a line, then its date."""
    for found in _SIGNATURE.finditer(text, start, end):
        issuer = found["issuer"]
        day = _date(found["date"])
        if day is not None and _ISSUER_END.search(issuer):
            return issuer, day
    return None


_DATE_LINE = re.compile(
    r"^[^\S\n]*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    r"[^\S\n]*$",
    re.MULTILINE,
)
_TITLE_WORDS = re.compile(r"[\u4e00-\u9fff()（）“”]{4,60}")
#: A 《…》 closed on its own line ("国务院关于落实《政府工作报告》").
_BALANCED_QUOTE = re.compile(r"《[^《》\n]{1,40}》")
#: "2022年《政府工作报告》" as the first line of a heading: a year and the quoted name.
_YEAR_QUOTE = re.compile(r"\d{4}年度?[省市区县]?《[^《》\n]{1,40}》")
_UNIT_ISSUES = re.compile(
    r"[\u4e00-\u9fff]{2,30}?(?:人民政府|办公厅|办公室|委员会|领导小组|局|厅|委)(?:关于|印发|转发)"
)
_QUOTED = re.compile(r"[《〈]([^《》〈〉\n]{4,120})[》〉]")  # 〈〉: inside a 《》 heading


def _run_on_title(text: str, head_end: int) -> tuple[int, int] | None:
    """The title at the start of a page run together into one line, when it has one.

    "永春县促进…行动方案(征求意见稿)(2023-2025年)为深入学习…": the title ends at its
    document word; the bracketed qualifiers and the first sentence that follow are not
    part of it (a draft's status stands on a line of its own where lines are kept). A few
    short lines before it (a page's banner and navigation, "首页 > 政策文件") are passed
    over.
    """
    line = _first_long_line(text, head_end)
    if line is None:
        return None
    found = _RUN_ON_TITLE.match(text, *line)
    return found.span("title") if found else None


def _first_long_line(text: str, head_end: int) -> tuple[int, int] | None:
    """The span of a run-on page's first line, after at most a few short ones (a banner,
    a navigation path); None when the head has no such line."""
    line_start = 0
    short = 0
    while line_start < head_end:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start:line_end].strip():
            if line_end - line_start >= _RUN_ON_MIN:
                return line_start, line_end
            short += 1
            if short > _FURNITURE_LINES or line_end - line_start > _FURNITURE_WIDTH:
                return None
        line_start = line_end + 1
    return None


def _run_on_spaced_title(text: str, head_end: int) -> re.Match[str] | None:
    """The title and 文号 opening a run-on page whose line breaks became spaces.

    As for :func:`_run_on_title`, a few short lines before it (a banner, a navigation
    path) are passed over.
    """
    line = _first_long_line(text, head_end)
    return _RUN_ON_SPACED_TITLE.match(text, *line) if line is not None else None


#: Short lines a run-on page may start with before its text: a banner, a navigation path.
_FURNITURE_LINES = 5
_FURNITURE_WIDTH = 60


def _joint(before: str, last: str) -> tuple[str, ...]:
    """The issuers of a joint signature over one or two lines, names apart by spaces.

    Empty unless there are at least two and every one reads as an issuer.
    """
    names = last.split()
    if before and all(_ISSUER_END.search(n) and len(n) >= 4 for n in before.split()):
        names = [*before.split(), *names]
    if len(names) < 2 or not all(_ISSUER_END.search(n) and 4 <= len(n) <= 40 for n in names):
        return ()
    return tuple(names)


def _opened_quote(earlier: list[tuple[str, int]], title: str) -> tuple[str, int, int] | None:
    """The lines above ``title`` that open the 《 its 》 closes: their text, start and index.

    "关于印发《自治区中小企业高质量发展" ⏎ "专项资金管理办法》的通知": the title line closes a
    quotation opened up to two lines above; ``None`` when it closes none.
    """
    depth = title.count("》") - title.count("《")
    if depth <= 0:
        return None
    text = ""
    for k in range(len(earlier) - 1, -1, -1):
        line, start = earlier[k]
        if any(c in line for c in "。:：") or _NUMBER.search(line) or len(text + line) > 100:
            return None
        text = line + text
        depth += line.count("》") - line.count("《")
        if depth <= 0:
            return text, start, k
    return None


def _title_head(head: tuple[str, int], title: str) -> bool:
    """Whether the line before ``title`` is its first half ("省人民政府关于" / "进一步…的意见")."""
    text = head[0]
    if text.endswith("》") and _YEAR_QUOTE.fullmatch(text):
        return True  # "2022年《政府工作报告》" above "目标任务责任分解方案"
    if text and "关于" in text and _BALANCED_QUOTE.search(text):
        # "国务院关于落实《政府工作报告》" above "重点工作部门分工的意见": the quoted name is
        # the title's, the rest must read as the first half of a title
        bare = _BALANCED_QUOTE.sub("", text)
        return (
            len(text) <= 60
            and not any(c in bare for c in "。:：《》，,")
            and not _TITLE_END.search(text)
            and _TITLE_WORDS.fullmatch(bare) is not None
        )
    if not text or len(text) > 60 or any(c in text for c in "。:：《》") or _DATE.search(text):
        return False
    if _NUMBER.search(text) or _TITLE_END.search(text):
        return False
    joint = text.split()
    if len(joint) > 1 and title.startswith("关于"):
        # "自治区财政厅 工业和信息化厅 发展改革委" above "关于…": the joint issuers' line
        return all(_TITLE_WORDS.fullmatch(n) and _ISSUER_END.search(n) for n in joint)
    if not _TITLE_WORDS.fullmatch(text):
        return False  # "首页 | 关于我们": page furniture, not half a title
    if text.endswith(("关于", "印发", "转发")) or _UNIT_ISSUES.match(text):
        return True
    # "河北省民营经济领导小组" (an issuer) or "马鞍山市" (a place) above "关于…": one title
    return title.startswith("关于") and (
        _ISSUER_END.search(text) is not None or _PLACE.fullmatch(text) is not None
    )


def _issuer_in_title(title: str) -> str | None:
    """ "珠海市人民政府关于…的意见": the unit the title opens with, when it reads as one."""
    at = title.find("关于")
    issues = _ISSUES.search(title)
    if issues is not None and (at < 0 or issues.start() < at):
        at = issues.start()
    head = title[:at] if at > 0 else ""
    if 3 <= len(head) <= 30 and _ISSUER_END.search(head) and "《" not in head:
        return head
    return None


def _issued_document(
    text: str, title: str, span: tuple[int, int], head_end: int
) -> tuple[str, tuple[int, int]] | None:
    """The title of the document a 通知 issues: its measures are that document's.

    "关于印发《X》的通知" → X; a 印发 notice without 《》 → the 《X》 of the sentence that
    issues it ("现将《X》印发给你们", "《X》已经市政府同意,现印发给你们"); a title written
    as "《X》" → X. ``None`` when the title is the document's own.
    """
    s, e = span
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        return _clean(text[s + 1 : e - 1]), (s + 1, e - 1)
    if not title.endswith(("通知", "通知》")) or not _ISSUES.search(title):
        return None
    quoted = _QUOTED.search(text, s, e)
    tail_end = e - len("的通知》" if title.endswith("》") else "的通知")
    if quoted is not None and quoted.end() < tail_end and text[tail_end:e].startswith("的通知"):
        # "关于印发《X规划》主要目标重点任务责任分工方案的通知": the 方案 of X, not X
        begin = quoted.start()
        issued = [m.end() for m in _ISSUES.finditer(text, s, begin)]
        if issued and issued[-1] < begin:
            # "印发关于落实国务院《政府工作报告》重点工作任务分工的通知", "印发2023年区《政府
            # 工作报告》确定的主要目标任务责任分解方案的通知": the words before the quote too
            begin = issued[-1]
        whole = text[begin:tail_end]
        rest = text[quoted.end() : tail_end]
        if _TITLE_END.search(whole) and "《" not in rest and "》" not in rest:
            # (a 》 after it: the quote sits inside an outer 《…〈政府工作报告〉…方案》)
            return _clean(whole), (begin, tail_end)
    outer = _outer_quote(text, s, e, quoted) if quoted is not None else None
    if outer is not None:
        return outer
    if quoted is not None and _TITLE_END.search(_clean(quoted.group(1))):
        return _clean(quoted.group(1)), quoted.span(1)
    opened, closed = text.find("《", s, e), text.rfind("》", s, e)
    if 0 <= opened < closed and "\n" in text[opened:closed]:  # 《X ⏎ Y》 over lines
        inner = _clean("".join(text[opened + 1 : closed].split()))
        if _TITLE_END.search(inner) and "《" not in inner:
            return inner, (opened + 1, closed)
    heading = _heading_line(text, title, e, head_end)
    if heading is not None:
        return heading
    for quoted in _QUOTED.finditer(text, e, head_end):
        stop = text.find("。", quoted.end(), head_end)
        begin = text.rfind("。", e, quoted.start()) + 1
        sentence = text[max(begin, e) : quoted.start()] + text[quoted.end() : stop]
        name = _clean(quoted.group(1))
        if "印发" in sentence and _TITLE_END.search(name) and "通知" not in name:
            return name, quoted.span(1)
    return None


def _outer_quote(
    text: str, start: int, end: int, inner: re.Match[str]
) -> tuple[str, tuple[int, int]] | None:
    """ "转发市科委〈南京市落实省政府〈关于…措施〉重点任务分工〉的通知": the outer 〈…〉.

    The issued document is the outer quote when the inner one names only what it cites,
    and the document's own heading line below the title says so ("南京市落实省政府《关于…
    措施》重点任务分工"): that line, as the title.
    """
    opened = max(text.rfind("〈", start, inner.start()), text.rfind("《", start, inner.start()))
    if opened < 0:
        return None
    depth = 0
    for i in range(opened, end):
        if text[i] in "《〈":
            depth += 1
        elif text[i] in "》〉":
            depth -= 1
            if depth == 0:
                break
    else:
        return None
    if i < inner.end():
        return None
    name = _clean(text[opened + 1 : i])
    heading = name.replace("〈", "《").replace("〉", "》")
    for line in re.finditer(r"^[^\S\n]*(.+?)[^\S\n]*$", text[end : end + 2000], re.MULTILINE):
        if _clean(line.group(1)) == heading:
            return heading, (end + line.start(1), end + line.end(1))
    return None


_ISSUED_OBJECT = re.compile(r"(?:印发|转发|颁布|发布)(?P<document>[^《》]{4,80}?)的通知$")


def _heading_line(
    text: str, title: str, start: int, head_end: int
) -> tuple[str, tuple[int, int]] | None:
    """ "关于印发X规划责任分解的通知" and a line "X规划责任分解" below it: that line.

    The document's own heading, where the notice names it without 《》; it wins over a
    《X》 in the issuing sentence that names only part of it ("现将《X规划》责任分解印发").
    """
    found = _ISSUED_OBJECT.search(title)
    if found is None:
        return None
    name = found["document"]
    for line in re.finditer(r"^[^\S\n]*(.+?)[^\S\n]*$", text[start:head_end], re.MULTILINE):
        if _clean(line.group(1)) == name:
            return name, (start + line.start(1), start + line.end(1))
    return None


def _clean(name: str) -> str:
    """A title as one line: the spaces and line breaks of a pasted page removed."""
    return re.sub(r"\s+", "", name)


_UNIT_TAIL = re.compile(r"(?:部门|政府|机构|单位|委员会|管委会|小组|部委|厅委|局|厅|办)$")


def _addressees(line: str) -> tuple[str, ...]:
    """The addressees of a 主送 line, a PDF's spaces between characters left out."""
    return tuple(_CJK_SPACE.sub("", a) for a in _split_addressees(line))


#: "各 区委…", "各县区人民政府 (管委会)": a space a PDF or a page put inside one name.
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff)）])\s+(?=[\u4e00-\u9fff(（])")


def _split_addressees(line: str) -> tuple[str, ...]:
    """The addressees of a 主送 line.

    When the line separates them with commas, a 、 stays inside one addressee
    ("各州、市、县、区人民政府", "各有关部门、机构和团体") unless it joins two whole ones
    ("市政府各部门、各直属机构": a unit name, then one starting with 各). A line without
    commas is split at 、, short pieces joining the one before (``_join_each``).

    Examples
    --------
    >>> _addressees("各州、市、县、区人民政府,省直各委、办、厅、局")
    ('各州、市、县、区人民政府', '省直各委、办、厅、局')
    >>> _addressees("各县(市、区)人民政府,市政府各部门、各直属机构")
    ('各县(市、区)人民政府', '市政府各部门', '各直属机构')
    >>> _addressees("各市人民政府,省政府各厅委、各直属机构")
    ('各市人民政府', '省政府各厅委', '各直属机构')
    >>> _addressees("各县、区人民政府、市直各单位")
    ('各县、区人民政府', '市直各单位')
    """
    parts = _outside_brackets(line, "，,；;")
    if len(parts) == 1:
        return _join_each(_outside_brackets(line, "，,、；;"))
    found: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in _outside_brackets(part, "、")]
        current = ""
        for piece in pieces:
            if current and len(current) >= 4 and _UNIT_TAIL.search(current) and piece[:1] == "各":
                found.append(current)
                current = piece
            else:
                current = f"{current}、{piece}" if current else piece
        if current:
            found.append(current)
    return tuple(found)


#: A department named without its place ("工信主管部门", "发展改革委"): after "各市、县(区)
#: 财政局" it is a department of the same places, so it belongs to the same addressee.
_BARE_DEPARTMENT_END = re.compile(r"(?:主管部门|部门|委员会|委|局|厅|办|办公室|中心)$")


def _join_each(parts: list[str]) -> tuple[str, ...]:
    """ "各委、办、局" and "各县、区人民政府" stay whole: a short piece joins the one before.

    So do the departments without a place after an addressee of 各 (the places it names
    are theirs too): "各市、县(区)财政局、工信主管部门、发展改革委" is one addressee, as
    written; "各市、县(区)人民政府、宁东管委会" is two.

    >>> _join_each(["各市", "县(区)财政局", "工信主管部门", "发展改革委"])
    ('各市、县(区)财政局、工信主管部门、发展改革委',)
    >>> _join_each(["各市", "县(区)人民政府", "宁东管委会"])
    ('各市、县(区)人民政府', '宁东管委会')
    """
    joined: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if (
            (joined and len(part) <= 2 and not part.startswith("各"))
            or (
                joined
                and joined[-1].startswith("各")
                and not _UNIT_TAIL.search(joined[-1])  # "各县、自治县" is still a list of places
                and not part.startswith("各")
            )
            or (
                joined
                and joined[-1].startswith("各")
                and _DEPARTMENT.match(part) is not None
                and _BARE_DEPARTMENT_END.search(part) is not None
            )
        ):
            joined[-1] += "、" + part
        else:
            joined.append(part)
    return tuple(joined)


def _outside_brackets(text: str, separators: str = "，,、；;") -> list[str]:
    """Split at ``separators`` outside brackets: "各县(市、区)人民政府" stays whole."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts

"""A notice's metadata: title, 文号, issuer, date and addressees (主送), from its head.

Read from the text before the first numbered item (and the 落款 after the last): the
title is the first line that names a document (通知, 意见, 措施, 方案, 办法, 要点…);
the 文号 is "X〔2022〕2号"; the date is "2022年6月18日" (or 二〇二二年六月十八日); the
issuer is the line just above the date that ends like a unit (人民政府, 办公厅, 局…); the
addressees are the line that ends with "：" before the body.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

__all__ = ["Metadata", "read_metadata"]

_TITLE_END = re.compile(
    r"(?:通知|意见|措施|方案|办法|要点|规划|计划|决定|细则|规定|条例|函|通报|公告|答复|批复|纲要|指引)"
    r"(?:》)?(?:\([^()]{1,12}\))?$"
)
_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\s*\d{1,4}\s*号")
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_ISSUER_END = re.compile(r"(?:人民政府|办公厅|办公室|委员会|领导小组|局|厅|委|部|政府)$")
_ADDRESSEES = re.compile(r"^(?P<list>[^\n。]{2,200}?)[:：]\s*$", re.MULTILINE)
_ADDRESSEE_HINT = re.compile(r"各|政府|部门|单位|机构|委|局|厅")
_NOT_ADDRESSEE = re.compile(r"(?:电话|地址|来源|发布|时间|日期|附件|字号|浏览|作者|点击)")
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


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)
    return _CN_DIGIT[text[0]] if len(text) == 1 else int("".join(str(_CN_DIGIT[c]) for c in text))


def _date(line: str) -> dt.date | None:
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


def read_metadata(text: str, head_end: int, tail_start: int | None = None) -> Metadata:
    """Metadata from ``text[:head_end]`` (and the 落款 in ``text[tail_start:]``).

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
    regions = [(0, min(head_end, _HEAD_MAX))]
    if tail_start is not None and tail_start < len(text):
        regions.append((tail_start, min(len(text), tail_start + 2000)))
    previous = before = ""
    for start, end in regions:
        position = start
        for line in text[start:end].split("\n"):
            line_start = position
            position += len(line) + 1
            stripped = line.strip()
            if not stripped:
                continue
            bare = _TRAILING_NUMBER.sub("", stripped)
            if (
                title is None
                and 6 <= len(bare) <= 120
                and _TITLE_END.search(bare)
                and ("。" not in bare)
            ):
                stripped_title = bare
                title = stripped_title
                offset = line.index(stripped_title)
                title_span = (line_start + offset, line_start + offset + len(stripped_title))
            if number is None:
                found = _NUMBER.search(stripped)
                at_end = (found is not None and stripped.endswith(found.group() + ")")) or (
                    found is not None and stripped.endswith(found.group() + "）")
                )
                if (
                    found
                    and (len(stripped) <= 40 or at_end)
                    and "《" not in stripped[: found.start()]
                ):
                    number = re.sub(r"\s+", "", found.group())
            if issued is None and len(stripped) <= 20 and not _PUBLISHED.search(stripped):
                day = _date(stripped)
                if day is not None:
                    issued = day
                    if previous and _ISSUER_END.search(previous) and len(previous) <= 40:
                        issuer = previous.strip("()（）")
                        if issuer.startswith(_NAME_TAILS) and before and len(before) <= 30:
                            issuer = before + issuer  # a name broken over two lines
            if not addressees and start == 0:
                found_list = _ADDRESSEES.match(stripped)
                if (
                    found_list
                    and _ADDRESSEE_HINT.search(found_list["list"])
                    and not _NOT_ADDRESSEE.search(found_list["list"])
                ):
                    parts = _outside_brackets(found_list["list"])
                    addressees = _join_each(parts)
            if not stripped.startswith(("(", "（")):
                before = previous
                previous = _SEALED.sub("", stripped)  # "X办公室(代章)": X issued it
    return Metadata(title, title_span, number, issuer, issued, addressees)


def _join_each(parts: list[str]) -> tuple[str, ...]:
    """ "各委、办、局" and "各县、区人民政府" stay whole: a short piece joins the one before."""
    joined: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if (joined and len(part) <= 2 and not part.startswith("各")) or (
            joined
            and re.fullmatch(r"各[\u4e00-\u9fff]{1,2}", joined[-1])
            and not part.startswith("各")
        ):
            joined[-1] += "、" + part
        else:
            joined.append(part)
    return tuple(joined)


def _outside_brackets(text: str) -> list[str]:
    """Split at 、，,；; outside brackets: "各县(市、区)人民政府" stays whole."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and char in "，,、；;":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts

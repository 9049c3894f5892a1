"""A measure's deadline (完成时限): the text as written, and the day it is read as.

A 任务分工表 writes deadlines the way people say them: "2023年底前", "2024年6月底前",
"2024年上半年", "长期坚持". :meth:`Deadline.read` is the one place that reads them, and it
reads only what it can without guessing:

- ``day``: "2022年9月15日", "2022年9月15日前" → that day;
- ``month``: "2024年6月底前", "2024年6月", "2024年6月份", "2024年6月末" → the month's last day;
- ``quarter``: "2024年一季度", "2024年第二季度末" → the quarter's last day;
- ``half_year``: "2024年上半年" → 06-30, "2024年下半年" → 12-31;
- ``year``: "2023年底前", "2023年年底", "2023年末", "2023年内", "2025年" → 12-31;
- ``ongoing``: "长期坚持", "持续推进", "常态化", "长期" → no date: no end is set;
- ``unread``: anything else ("6月底前" without a year, "2025年6月前", "2023—2025年",
  "每年年底") → no date, kept as written.

"前" after a month or a year alone ("2025年6月前") may mean *before it begins* or *by its
end*: it is left unread rather than guessed. A date set by hand (for a text that needs
its context, such as "年底前" in a 2023 notice) has the reading ``given``. Years and
months may be written in Chinese numerals (二〇二三年十二月底前); full-width digits and
spaces are allowed; a leading 于/在 and a trailing 完成 are read past.

Examples
--------
>>> Deadline.read("2023年12月底前")
Deadline('2023年12月底前', 2023-12-31, month)
>>> Deadline.read("2024年上半年").date
datetime.date(2024, 6, 30)
>>> Deadline.read("长期坚持").reading.value, Deadline.read("长期坚持").date
('ongoing', None)
>>> Deadline.read("2025年6月前").reading.value
'unread'
>>> str(Deadline.read("2025年"))
'2025年 (by 2025-12-31)'
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from enum import StrEnum
from typing import Any

import attrs

from smeeco.errors import InvalidValueError
from smeeco.model.values import _optional_date, check_text

__all__ = ["Deadline", "DeadlineReading"]


class DeadlineReading(StrEnum):
    """How a deadline's date was read from its text (see :mod:`smeeco.model.deadline`)."""

    DAY = "day"  # 2022年9月15日
    MONTH = "month"  # 2024年6月底前: the month's last day
    QUARTER = "quarter"  # 2024年一季度: the quarter's last day
    HALF_YEAR = "half_year"  # 2024年上半年: 06-30; 下半年: 12-31
    YEAR = "year"  # 2023年底前, 2025年: 12-31
    ONGOING = "ongoing"  # 长期坚持, 持续推进, 常态化: no end, no date
    UNREAD = "unread"  # the text gives no date that can be read without guessing
    GIVEN = "given"  # the date was set by hand, not read from the text


#: Readings whose date is worked out from the text (and checked against it).
_FROM_TEXT = frozenset(
    {
        DeadlineReading.DAY,
        DeadlineReading.MONTH,
        DeadlineReading.QUARTER,
        DeadlineReading.HALF_YEAR,
        DeadlineReading.YEAR,
    }
)
_UNDATED = frozenset({DeadlineReading.ONGOING, DeadlineReading.UNREAD})

_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = "〇○零一二三四五六七八九"
_CN_VALUE = {c: (0 if c in "〇○零" else "一二三四五六七八九".index(c) + 1) for c in _CN_DIGITS}

_Y = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*年"
_M = r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
_D = r"(?P<d>\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_BEFORE = r"(?:前|以前|之前)"
_END = rf"(?:(?:底|末){_BEFORE}?|内)"  # "底前", "末", "内": by the end
_HEAD = r"^(?:于|在)?"
_TAIL = r"(?:全面|基本)?(?:完成)?$"

_PATTERNS: tuple[tuple[DeadlineReading, re.Pattern[str]], ...] = (
    (DeadlineReading.DAY, re.compile(rf"{_HEAD}{_Y}{_M}{_D}{_BEFORE}?{_TAIL}")),
    (DeadlineReading.MONTH, re.compile(rf"{_HEAD}{_Y}{_M}份?{_END}?{_TAIL}")),
    (
        DeadlineReading.QUARTER,
        re.compile(rf"{_HEAD}{_Y}第?(?P<q>[一二三四1-4])季度{_END}?{_TAIL}"),
    ),
    (DeadlineReading.HALF_YEAR, re.compile(rf"{_HEAD}{_Y}(?P<h>[上下])半年{_END}?{_TAIL}")),
    (DeadlineReading.YEAR, re.compile(rf"{_HEAD}{_Y}(?:年?{_END})?{_TAIL}")),
)
_ONGOING = re.compile(
    r"^(?:长期|持续|常态化|长效化?|经常性|常年)"
    r"(?:坚持|推进|开展|实施|执行|落实|进行|推动|有效|性)?(?:工作)?$"
)
_STRIP = " \t\r\n\u3000。.;；,，、"


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_WIDTH)).strip(_STRIP)


def _number(text: str) -> int:
    """A number written in digits or in Chinese numerals up to 三十一 (years digit by digit)."""
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 4 and "十" not in text:  # a year: 二〇二三
        return int("".join(str(_CN_VALUE[c]) for c in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[units] if units else 0)
    return _CN_VALUE[text]


def _quarter(text: str) -> int:
    return int(text) if text.isdigit() else "一二三四".index(text) + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _read(text: str) -> tuple[DeadlineReading, dt.date | None]:
    # a 任务分工表 repeats a few short deadlines over many rows: those are read once
    return _read_short(text) if len(text) <= 64 else _read_text(text)


@functools.lru_cache(maxsize=4096)
def _read_short(text: str) -> tuple[DeadlineReading, dt.date | None]:
    return _read_text(text)


def _read_text(text: str) -> tuple[DeadlineReading, dt.date | None]:
    cleaned = _clean(text)
    if _ONGOING.fullmatch(cleaned):
        return DeadlineReading.ONGOING, None
    for reading, pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        year = _number(match["y"])
        try:
            if reading is DeadlineReading.DAY:
                return reading, dt.date(year, _number(match["m"]), _number(match["d"]))
            if reading is DeadlineReading.MONTH:
                return reading, _month_end(year, _number(match["m"]))
            if reading is DeadlineReading.QUARTER:
                return reading, _month_end(year, 3 * _quarter(match["q"]))
            if reading is DeadlineReading.HALF_YEAR:
                return reading, _month_end(year, 6 if match["h"] == "上" else 12)
            return reading, dt.date(year, 12, 31)
        except ValueError:  # 2023年13月, 2月30日: no such day
            return DeadlineReading.UNREAD, None
    return DeadlineReading.UNREAD, None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"a deadline's text must be text, not {value!r:.60}", "text")
    if not value.strip():
        raise InvalidValueError(
            "a deadline needs its text as written (e.g. '2023年底前'); leave the deadline out"
            " when the text states none",
            "text",
        )
    try:
        check_text(value)
    except InvalidValueError as exc:
        raise exc.at("text") from None
    return value


def _reading(value: Any) -> DeadlineReading:
    try:
        return DeadlineReading(value)
    except ValueError:
        allowed = ", ".join(r.value for r in DeadlineReading)
        raise InvalidValueError(
            f"{value!r:.60} is not a deadline reading; use one of: {allowed}", "reading"
        ) from None


@attrs.frozen(repr=False)
class Deadline:
    """A measure's deadline (完成时限): ``text`` as written, ``date`` as read, and how.

    ``date`` is the last day the text allows ("2023年底前" → 2023-12-31), or ``None`` for
    an ongoing task ("长期坚持") and for a text that cannot be read without guessing.
    ``reading`` says which (:class:`DeadlineReading`). Build one from a text with
    :meth:`read`; give ``date`` with ``reading="given"`` when the date comes from
    elsewhere (the notice's year for a bare "年底前").

    A date read from the text must be the one the text reads as: ``Deadline("2023年底前",
    dt.date(2024, 1, 1), "year")`` is refused (say ``given`` if that is meant).

    >>> Deadline("年底前", dt.date(2023, 12, 31), "given")
    Deadline('年底前', 2023-12-31, given)
    >>> Deadline("2023年底前", dt.date(2024, 1, 1), "year")
    Traceback (most recent call last):
    ...
    smeeco.errors.InvalidValueError: date: '2023年底前' reads as 2023-12-31 (year), not ...
    """

    text: str = attrs.field(converter=_text)
    date: dt.date | None = attrs.field(default=None, converter=_optional_date)
    reading: DeadlineReading = attrs.field(default=DeadlineReading.GIVEN, converter=_reading)

    def __attrs_post_init__(self) -> None:
        if self.reading in _UNDATED:
            if self.date is not None:
                raise InvalidValueError(
                    f"a deadline read as {self.reading.value} has no date, but"
                    f" {self.date.isoformat()} is given; drop the date or set reading: given",
                    "date",
                )
            if self.reading is DeadlineReading.UNREAD and _read(self.text)[1] is not None:
                reading, day = _read(self.text)
                raise InvalidValueError(
                    f"{self.text!r} reads as {day} ({reading.value}), not as unread;"
                    f" write Deadline.read({self.text!r}) or reading: {reading.value}",
                    "reading",
                )
            return
        if self.date is None:
            raise InvalidValueError(
                f"a deadline read as {self.reading.value} needs a date; give it, or read the"
                f" text with Deadline.read({self.text!r})",
                "date",
            )
        if self.reading in _FROM_TEXT:
            reading, day = _read(self.text)
            if (reading, day) != (self.reading, self.date):
                read_as = f"{day} ({reading.value})" if day is not None else reading.value
                raise InvalidValueError(
                    f"{self.text!r} reads as {read_as}, not {self.date.isoformat()}"
                    f" ({self.reading.value}); correct the date, or set reading: given when"
                    " the date comes from elsewhere",
                    "date",
                )

    @classmethod
    def read(cls, text: str) -> Deadline:
        """Read a 完成时限 as written; see the table in :mod:`smeeco.model.deadline`.

        >>> [Deadline.read(t).date for t in ("2023年底前", "2024年6月", "二〇二四年三季度")]
        [datetime.date(2023, 12, 31), datetime.date(2024, 6, 30), datetime.date(2024, 9, 30)]
        """
        reading, day = _read(_text(text))
        return cls(text, day, reading)

    @property
    def ongoing(self) -> bool:
        """Whether the text sets no end ("长期坚持", "持续推进", "常态化")."""
        return self.reading is DeadlineReading.ONGOING

    @property
    def unread(self) -> bool:
        """Whether the text could not be read as a date (and is not ongoing)."""
        return self.reading is DeadlineReading.UNREAD

    def is_due_by(self, day: dt.date) -> bool:
        """Whether the deadline has a date and it is on or before ``day``."""
        return self.date is not None and self.date <= day

    def __str__(self) -> str:
        """``2023年底前 (by 2023-12-31)``, ``长期坚持 (ongoing)``, ``x (no date read)``."""
        if self.date is not None:
            return f"{self.text} (by {self.date.isoformat()})"
        return f"{self.text} (ongoing)" if self.ongoing else f"{self.text} (no date read)"

    def __repr__(self) -> str:
        day = self.date.isoformat() if self.date is not None else None
        return f"Deadline({self.text!r}, {day}, {self.reading.value})"


def unread_reason(text: str) -> str:
    """Why ``text`` gives no date, for a warning: what was found, and what to write.

    >>> unread_reason("2025年6月前")
    "'2025年6月前' may mean before June 2025 begins or by its end; ..."
    """
    cleaned = _clean(text)
    if any(pattern.fullmatch(cleaned) for _, pattern in _PATTERNS):
        return f"{text!r} names a day that does not exist; it is kept as written, without a date"
    before = re.fullmatch(rf"{_HEAD}{_Y}(?:{_M})?{_BEFORE}{_TAIL}", cleaned)
    if before is not None:
        year = _number(before["y"])
        month = _number(before["m"]) if before["m"] else None
        if month is not None and not 1 <= month <= 12:
            return f"{text!r} names a month that does not exist; it is kept as written"
        when = f"{_MONTHS[month - 1]} {year}" if month else str(year)
        write = f"{year}年{month}月底前" if month else f"{year}年底前"
        return (
            f"{text!r} may mean before {when} begins or by its end; it is left without a"
            f" date rather than guessed (write e.g. {write!r} if the end is meant)"
        )
    if re.search(r"\d{4}|[〇○零一二三四五六七八九]{4}\s*年", cleaned) is None and re.search(
        r"月|季度|半年|年底|年末", cleaned
    ):
        return f"{text!r} names no year; it is left without a date rather than guessed"
    return (
        f"{text!r} is not a deadline this reader can date without guessing; it is kept as"
        " written (forms read: 2023年底前, 2024年6月底前, 2024年上半年, 2024年一季度,"
        " 2022年9月15日, 长期坚持)"
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

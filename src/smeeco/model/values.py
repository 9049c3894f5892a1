"""Values records hold: ids, names, money, days and periods, sources.

Plain immutable values with no knowledge of records or of an ecosystem; the record base
class is in :mod:`smeeco.model.record`.

Examples
--------
>>> from smeeco import Money, Name, Period
>>> Money.parse("1.2亿元").yuan
Decimal('120000000')
>>> str(Money.parse("3505万元") + Money.parse("495万元"))
'4000万元'
>>> bureau = Name("市工业和信息化局", "Municipal Bureau of Industry and IT", aliases=("市工信局",))
>>> bureau.matches("市工信局")
True
>>> import datetime as dt
>>> Period(dt.date(2022, 6, 18)).contains(dt.date(2021, 1, 1))
False
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import reprlib
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from smeeco.errors import InvalidValueError, MoneyParseError
from smeeco.types import ID_PATTERN

__all__ = [
    "Money",
    "Name",
    "Period",
    "Source",
    "as_date",
    "check_id",
    "check_text",
    "text_checked",
]


# --------------------------------------------------------------------------- ids


def check_id(value: str, what: str = "id", path: str = "") -> str:
    """Return ``value`` if it is a well-formed id, else raise :class:`InvalidValueError`.

    ``path`` is where the id is written (``unit``, ``issuers[2]``), for the problem's path.

    >>> check_id("tj-miit")
    'tj-miit'
    >>> check_id("TJ MIIT")
    Traceback (most recent call last):
    ...
    smeeco.errors.InvalidValueError: bad id 'TJ MIIT': use lower-case letters, digits, ...
    """
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise InvalidValueError(
            f"bad {what} {value!r}: use lower-case letters, digits, '-', '_' or '.'", path
        )
    return value


# The id validators test the pattern themselves (a record has several ids, a pack 10^5
# records) and call check_id only to raise its problem.
_id_match = ID_PATTERN.fullmatch


def _id_validator(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or _id_match(value) is None:
        check_id(value, attribute.name, attribute.name)


def _optional_id_validator(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not str or _id_match(value) is None):
        check_id(value, attribute.name, attribute.name)


def _ids_validator(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is tuple and not value:  # most id lists of a record are empty
        return
    for i, item in enumerate(value):
        if type(item) is not str or _id_match(item) is None:
            check_id(item, attribute.name, f"{attribute.name}[{i}]")


id_field_validator = _id_validator
optional_id_validator = _optional_id_validator
ids_validator = _ids_validator
_ID_VALIDATORS = (_id_validator, _optional_id_validator, _ids_validator)


# --------------------------------------------------------------------------- text

#: Characters no text of a data pack may hold: the C0 controls other than tab, line feed
#: and carriage return (ESC among them), lone surrogates and U+FFFE/U+FFFF — exactly what
#: XML 1.0 cannot hold, so every export (GraphML, GEXF, XLSX) can write what loads.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_text(value: str) -> str:
    r"""Return ``value``, or raise :class:`InvalidValueError` if it holds a control character.

    >>> check_text("市工信局\t(ok)\n")
    '市工信局\t(ok)\n'
    >>> check_text("bad\x1b[31m")
    Traceback (most recent call last):
    ...
    smeeco.errors.InvalidValueError: text holds the control character U+001B at position 3 ...
    """
    bad = _CONTROL.search(value)
    if bad is not None:
        char = bad.group()
        raise InvalidValueError(
            f"text holds the control character U+{ord(char):04X} at position {bad.start()}"
            f" ({value[max(0, bad.start() - 20) : bad.start() + 20]!r}); remove it"
            " (tabs and line breaks are allowed)"
        )
    return value


# The validators text_checked adds. Their fast path is str.isprintable(): printable text
# holds none of the characters check_text refuses (they are all controls, surrogates or
# non-characters), and most fields are one line; the rest go through the full check.


def _text(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or not value.isprintable():
        _refuse_unless_text(attribute.name, "text", value)


def _optional_text(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (type(value) is not str or not value.isprintable()):
        _refuse_unless_text(attribute.name, "optional", value)


def _texts(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is tuple:
        for item in value:
            if type(item) is not str or not item.isprintable():
                break
        else:
            return
    _refuse_unless_text(attribute.name, "texts", value)


def _refuse_unless_text(name: str, form: str, value: Any) -> None:
    """Raise the problem of ``value`` for the field ``name`` holding ``form``, if it has one."""
    if form == "texts":
        if not isinstance(value, tuple):
            raise InvalidValueError(
                f"expected a tuple of texts, got {type(value).__name__} {_preview(value)}",
                name,
            )
        for i, item in enumerate(value):
            _refuse_unless_text(f"{name}[{i}]", "text", item)
        return
    if value is None and form == "optional":
        return
    if not isinstance(value, str):
        wanted = "text or None" if form == "optional" else "text"
        raise InvalidValueError(
            f"expected {wanted}, got {type(value).__name__} {_preview(value)}", name
        )
    if _CONTROL.search(value) is not None:
        try:
            check_text(value)
        except InvalidValueError as exc:
            raise exc.at(name) from None


def _preview(value: Any) -> str:
    """A short repr of ``value``, in bounded time however big it is."""
    return reprlib.repr(value)


_VALIDATORS: Mapping[str, Any] = {"text": _text, "optional": _optional_text, "texts": _texts}
#: Every validator text_checked has given a field (a subclass's fields come checked).
_CHECKING: set[Any] = set()


#: How a field's annotation says it holds free text (a string, one or none, several).
_TEXT_FORMS: Mapping[str, str] = {
    "str": "text",
    "str|None": "optional",
    "None|str": "optional",
    "Optional[str]": "optional",
    "tuple[str,...]": "texts",
    "Tuple[str,...]": "texts",
}


def _annotation(annotation: Any) -> str:
    """An annotation as text without spaces (``"str|None"``), whether or not it is a string."""
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace(" ", "").replace("typing.", "")


def text_checked(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    r"""An attrs ``field_transformer``: text fields refuse what a data pack may not hold.

    Every field annotated ``str``, ``str | None`` or ``tuple[str, ...]`` (ids aside: their
    own validator is stricter) gets a validator that refuses other types and the control
    characters :func:`check_text` refuses, naming the field, the item and the position.
    Tabs and line breaks (``\n``, ``\r``) are allowed, as the loader allows them.
    Records and values of smeeco use it; a downstream class can too::

        @attrs.frozen(kw_only=True, field_transformer=text_checked)
        class Programme(Record): ...

    >>> @attrs.frozen(field_transformer=text_checked)
    ... class Note:
    ...     text: str = ""
    >>> Note("第一行\n第二行").text
    '第一行\n第二行'
    >>> Note("bad\x07")
    Traceback (most recent call last):
    ...
    smeeco.errors.InvalidValueError: text: text holds the control character U+0007 at ...
    """
    out = []
    for field in fields:
        form = _TEXT_FORMS.get(_annotation(field.type))
        mine = field.validator
        if form is not None and mine not in _ID_VALIDATORS and mine not in _CHECKING:
            # (a field inherited from a checked class keeps its check, not a second one)
            check = _VALIDATORS[form]
            combined = check if mine is None else attrs.validators.and_(mine, check)
            _CHECKING.add(combined)
            field = field.evolve(validator=combined)
        out.append(field)
    return out


# --------------------------------------------------------------------------- Name


def _aliases(value: Any) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Name:
    """A bilingual name: Chinese (``zh``), English (``en``) and the aliases people use.

    Aliases hold abbreviations (市工信局), older names and other spellings; lookups by name
    try all of them.
    """

    zh: str = ""
    en: str = ""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)

    def __attrs_post_init__(self) -> None:
        zh, en, aliases = self.zh, self.en, self.aliases
        if type(zh) is str and type(en) is str and (zh + en).isprintable() and not aliases:
            # most names: one or two printable texts (no control character) and no aliases
            if zh.strip() or en.strip():
                return
            raise InvalidValueError("a name needs a Chinese (zh) or an English (en) form")
        for key in ("zh", "en"):
            if not isinstance(getattr(self, key), str):
                raise InvalidValueError(
                    f"a name's {key} must be text, not {_preview(getattr(self, key))}", key
                )
            try:
                check_text(getattr(self, key))
            except InvalidValueError as exc:
                raise exc.at(key) from None
        for i, alias in enumerate(self.aliases):
            if not isinstance(alias, str):
                raise InvalidValueError(
                    f"expected text, got {type(alias).__name__} {_preview(alias)}",
                    f"aliases[{i}]",
                )
            try:
                check_text(alias)
            except InvalidValueError as exc:
                raise exc.at(f"aliases[{i}]") from None
        if not (self.zh.strip() or self.en.strip()):
            raise InvalidValueError("a name needs a Chinese (zh) or an English (en) form")

    def all(self) -> tuple[str, ...]:
        """Every form of the name: zh, en, then aliases, without blanks or repeats."""
        seen: dict[str, None] = {}
        for form in (self.zh, self.en, *self.aliases):
            if form:
                seen.setdefault(form, None)
        return tuple(seen)

    def matches(self, text: str) -> bool:
        """Whether ``text`` is one of the name's forms (English case-insensitively)."""
        folded = text.strip().casefold()
        return any(form.casefold() == folded for form in self.all())

    def label(self, lang: str = "zh") -> str:
        """The name in ``lang`` (``"zh"`` or ``"en"``), falling back to the other."""
        if lang == "en":
            return self.en or self.zh
        return self.zh or self.en

    def __str__(self) -> str:
        return self.label()


# --------------------------------------------------------------------------- Money

_UNITS: Mapping[str, Decimal] = {
    "万亿": Decimal("1000000000000"),
    "亿": Decimal("100000000"),
    "千万": Decimal("10000000"),
    "百万": Decimal("1000000"),
    "万": Decimal("10000"),
    "千": Decimal("1000"),
    "百": Decimal("100"),
    "": Decimal(1),
}
_EN_UNITS: Mapping[str, Decimal] = {
    "trillion": Decimal("1000000000000"),
    "billion": Decimal("1000000000"),
    "million": Decimal("1000000"),
    "thousand": Decimal("1000"),
    "": Decimal(1),
}
# a comma groups three digits (1,234万元); "1,2万元" (a decimal comma?) is refused, not read as 12
_ZH_MONEY = re.compile(
    r"^(?P<num>[+-]?(?:[0-9]{1,3}(?:[,，][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*(?P<unit>万亿|亿|千万|百万|万|千|百)?\s*(?:元|人民币|RMB)?$"
)
_EN_MONEY = re.compile(
    r"^(?:(?:CNY|RMB|¥|￥)\s*)?(?P<num>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)\s*"
    r"(?P<unit>trillion|billion|million|thousand)?\s*(?:yuan|CNY|RMB)?$",
    re.IGNORECASE,
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

#: Arithmetic that never rounds: sums, products and powers of ten of money are exact
#: whatever the caller's decimal context (the default one rounds to 28 digits).
EXACT = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[InvalidOperation]
)


def _canonical(value: Decimal) -> Decimal:
    """One spelling per amount: ``120000000`` rather than ``1.2E+8`` or ``120000000.0``.

    Exact: only the exponent and trailing zeros change, never a digit.
    """
    if not value.is_finite():
        return value
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if not any(digits):
        return Decimal(0)
    if exponent >= 0:
        return Decimal((sign, digits + (0,) * exponent, 0))
    kept = list(digits)
    while exponent < 0 and kept[-1] == 0:
        kept.pop()
        exponent += 1
    return Decimal((sign, tuple(kept), exponent))


def _decimal(value: Any) -> Decimal:
    return _canonical(_raw_decimal(value))


def _raw_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise MoneyParseError(f"{value!r} is not an amount of money")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return Money.parse(value).yuan
    raise MoneyParseError(f"{value!r} is not an amount of money")


@attrs.frozen(order=True)
class Money:
    """An exact amount in yuan (人民币元), kept as a :class:`~decimal.Decimal`.

    Amounts in policy texts come in 万元 and 亿元; :meth:`parse` reads them without
    rounding and ``str()`` writes them back in the largest unit that keeps them short.

    >>> Money.parse("16346亿元")
    Money('16346亿元')
    >>> Money.parse("300 million yuan") == Money.parse("3亿元")
    True
    >>> Money.parse("12 apples")
    Traceback (most recent call last):
    ...
    smeeco.errors.MoneyParseError: cannot read '12 apples' as money: write e.g. '300万元', ...
    """

    yuan: Decimal = attrs.field(converter=_decimal)

    def __attrs_post_init__(self) -> None:
        if not self.yuan.is_finite():
            raise MoneyParseError(f"{self.yuan!r} is not a finite amount of money")

    @classmethod
    def parse(cls, text: str | int | float | Decimal | Money) -> Money:
        """Read an amount such as ``"300万元"``, ``"1.2亿元"``, ``"1,200 million yuan"``."""
        if isinstance(text, Money):
            return text
        if not isinstance(text, str):
            return cls(_decimal(text))
        cleaned = text.strip().translate(_FULL_WIDTH).replace(" ", " ")
        for pattern, units in ((_ZH_MONEY, _UNITS), (_EN_MONEY, _EN_UNITS)):
            match = pattern.match(cleaned)
            if match:
                number = match.group("num").replace(",", "").replace("，", "")
                unit = (
                    (match.group("unit") or "").lower()
                    if units is _EN_UNITS
                    else (match.group("unit") or "")
                )
                try:
                    return cls(EXACT.multiply(Decimal(number), units[unit]))
                except InvalidOperation:  # pragma: no cover - the regex admits only numbers
                    break
        raise MoneyParseError(
            f"cannot read {text!r} as money: write e.g. '300万元', '1.2亿元', '5000元'"
            " or '300 million yuan'"
        )

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(EXACT.add(self.yuan, other.yuan))

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(EXACT.subtract(self.yuan, other.yuan))

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int | float):
            return NotImplemented
        # a float factor is read as written (0.1, not 0.1000000000000000055…)
        number = Decimal(repr(factor)) if isinstance(factor, float) else Decimal(factor)
        return Money(EXACT.multiply(self.yuan, number))

    __rmul__ = __mul__

    def __str__(self) -> str:
        amount = self.yuan
        for unit in ("亿", "万"):
            size = _UNITS[unit]
            if abs(amount) >= size:
                return f"{_plain(amount.scaleb(-size.adjusted(), EXACT))}{unit}元"
        return f"{_plain(amount)}元"

    def __repr__(self) -> str:
        return f"Money({str(self)!r})"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def optional_amount(value: Any) -> Money | None:
    """An amount a record holds (a fund's size, a revenue): text with its unit, or Money.

    Refuses a bare number (8000 could be 元 or 万元; :func:`smeeco.sizing.classify` refuses
    it too) and a negative amount.
    """
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise MoneyParseError(
            f"a bare number is not an amount of money, got {value!r}; write it with its"
            f" unit, e.g. '{value}万元' or '{value}元', or pass Money"
        )
    amount = Money.parse(value)
    if amount.yuan < 0:
        raise MoneyParseError(f"this amount cannot be negative, got {str(amount)!r}")
    return amount


def _plain(value: Decimal) -> str:
    """Write ``value`` without exponent and without trailing zeros (exactly)."""
    text = format(_canonical(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


# --------------------------------------------------------------------------- Period


def _optional_date(value: Any) -> dt.date | None:
    """:func:`as_date`, with ``None`` or an empty text for "no date"."""
    if value is None or value == "":
        return None
    return as_date(value)


def as_date(value: Any, what: str = "date") -> dt.date:
    """A day from a :class:`datetime.date` (a datetime counts by its date) or ISO text.

    Raises :class:`InvalidValueError` naming the value and the form to use otherwise.

    >>> as_date("2024-01-31")
    datetime.date(2024, 1, 31)
    >>> as_date("2024-13-01", "as_of")
    Traceback (most recent call last):
    ...
    smeeco.errors.InvalidValueError: bad as_of '2024-13-01': write it as YYYY-MM-DD, e.g. ...
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    plain = isinstance(value, str | int | float | None)
    shown = f"{value!r:.60}" if plain else type(value).__name__
    raise InvalidValueError(
        f"bad {what} {shown}: write it as YYYY-MM-DD, e.g. 2024-01-01, or pass a datetime.date"
    )


@attrs.frozen
class Period:
    """A span of days, both ends included; an open end (``None``) has no limit.

    >>> import datetime as dt
    >>> p = Period(dt.date(2022, 6, 18), dt.date(2025, 6, 17))
    >>> p.contains(dt.date(2025, 6, 17)), p.contains(dt.date(2025, 6, 18))
    (True, False)
    """

    start: dt.date | None = attrs.field(default=None, converter=_optional_date)
    end: dt.date | None = attrs.field(default=None, converter=_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidValueError(
                f"period ends ({self.end}) before it starts ({self.start}); swap the dates",
                "end",
            )

    @property
    def is_open(self) -> bool:
        """Whether neither end is set (always in force)."""
        return self.start is None and self.end is None

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls in the period (a datetime counts by its date)."""
        if isinstance(day, dt.datetime):
            day = day.date()
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)

    def __str__(self) -> str:
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"{start} – {end}"


#: The period of a record always in force: one shared value (a period is immutable).
ALWAYS = Period()


# --------------------------------------------------------------------------- Source


def _span(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    start, end = value
    return (int(start), int(end))


@attrs.frozen(field_transformer=text_checked)
class Source:
    """Where a fact comes from: a document, a place in it, and a short verbatim quote.

    ``locator`` is what a reader uses to find the passage (``"一(四)"`` for section one,
    measure four; ``"para 3"``); ``span`` is the character range of ``quote`` in the
    document's text when it is known.
    """

    document: str = attrs.field(validator=_id_validator)
    locator: str = ""
    quote: str = ""
    span: tuple[int, int] | None = attrs.field(default=None, converter=_span)

    def __attrs_post_init__(self) -> None:
        if self.span is not None and not 0 <= self.span[0] <= self.span[1]:
            raise InvalidValueError(
                f"bad span {self.span!r}: it needs 0 <= start <= end (character offsets)",
                "span",
            )

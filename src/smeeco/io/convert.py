"""The cattrs converter that turns records into plain data and back.

Plain data is what YAML and JSON hold: dicts, lists, strings, numbers, booleans. Money is
written as text ("3505万元"), dates as ISO strings, decimals as strings, enums as their
values; fields left at their defaults are omitted so packs stay short. Unknown keys are
errors, never dropped, and so are values of the wrong type: ``collective: "no"`` is not
read as ``True``, nor ``ordinal: 2.5`` as ``2``. Decimals may be written as ``0.2``,
``"20%"`` or ``"1/5"``.

>>> from smeeco import Agency, Name
>>> from smeeco.io.convert import record_from_data, record_to_data
>>> data = record_to_data(Agency(id="tj-miit", name=Name("市工信局"), jurisdiction="tj"))
>>> data
{'id': 'tj-miit', 'name': {'zh': '市工信局'}, 'jurisdiction': 'tj'}
>>> record_from_data(data, Agency).jurisdiction
'tj'
"""

from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from smeeco.errors import InvalidValueError, Problem, UnknownFieldError
from smeeco.io.packtext import preview
from smeeco.model import Deadline, Money, Name, Record
from smeeco.model.common import _canonical, _optional_date, check_text
from smeeco.model.indicator import _value

__all__ = [
    "check_text",
    "converter",
    "problems_from",
    "read_decimal",
    "record_from_data",
    "record_to_data",
]

T = TypeVar("T")


def _is_attrs(cls: Any) -> bool:
    return isinstance(cls, type) and hasattr(cls, "__attrs_attrs__")


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    # StrEnum values are str subclasses, which cattrs would pass through as enum objects
    # that safe YAML cannot represent: write their plain values.
    conv.register_unstructure_hook(StrEnum, lambda e: e.value)

    def structure_enum(value: Any, cl: type[StrEnum]) -> StrEnum:
        try:
            return cl(value)
        except (ValueError, TypeError):
            allowed = ", ".join(m.value for m in cl)
            raise InvalidValueError(
                f"{preview(value)} is not a valid {_words(cl.__name__)}; use one of: {allowed}"
            ) from None

    conv.register_structure_hook(StrEnum, structure_enum)

    # Money is text with its unit, as sizing.classify wants it: 8000 alone could be 元 or 万元.
    def structure_money(value: Any, _t: Any) -> Money:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise InvalidValueError(
                f"a bare number is not an amount of money, got {_shown(value)}; write it with"
                f" its unit, e.g. '{preview(value)}万元' or '{preview(value)}元'"
            )
        if not isinstance(value, str):
            raise InvalidValueError(
                f"expected an amount of money such as '300万元', got {_shown(value)}"
            )
        amount = Money.parse(value)
        if amount.yuan < 0:
            raise InvalidValueError(f"money cannot be negative here, got {_shown(value)}")
        return amount

    conv.register_structure_hook(Money, structure_money)
    conv.register_unstructure_hook(Money, str)

    conv.register_structure_hook(Decimal, lambda v, _t: read_decimal(v))

    # Scalars are taken as they are, never coerced: bool("no") is True, int(2.5) is 2.
    def structure_bool(value: Any, _t: Any) -> bool:
        if not isinstance(value, bool):
            raise InvalidValueError(f"expected true or false, got {_shown(value)}")
        return value

    def structure_int(value: Any, _t: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidValueError(f"expected a whole number, got {_shown(value)}")
        return value

    def structure_str(value: Any, _t: Any) -> str:
        if not isinstance(value, str):
            raise InvalidValueError(
                f"expected text, got {_shown(value)}; put it in quotes if it is meant as text"
            )
        check_text(value)
        return value

    conv.register_structure_hook(bool, structure_bool)
    conv.register_structure_hook(int, structure_int)
    conv.register_structure_hook(str, structure_str)
    conv.register_unstructure_hook(Decimal, _decimal_out)

    def structure_date(value: Any, _t: Any) -> dt.date:
        day = _optional_date(value)
        if day is None:
            raise InvalidValueError("a date is required here (YYYY-MM-DD)")
        return day

    conv.register_structure_hook(dt.date, structure_date)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())

    # Observation and target values: a number, or money for money indicators.
    conv.register_structure_hook(Decimal | Money, lambda v, _t: _value(v))
    conv.register_unstructure_hook(
        Decimal | Money, lambda v: str(v) if isinstance(v, Money) else _decimal_out(v)
    )

    # A name may be written as a bare Chinese string.
    name_structure = make_dict_structure_fn(Name, conv, _cattrs_forbid_extra_keys=True)

    def structure_name(value: Any, _t: Any) -> Name:
        if isinstance(value, str):
            return Name(zh=value)
        if not isinstance(value, dict):
            raise InvalidValueError(
                f"expected a name (text, or a mapping of zh, en and aliases), got {_shown(value)}"
            )
        return name_structure(value, Name)

    conv.register_structure_hook(Name, structure_name)

    # A deadline may be written as its text alone ("2023年底前"), which is then read; it is
    # written back that way whenever reading the text gives the same deadline.
    deadline_structure = make_dict_structure_fn(Deadline, conv, _cattrs_forbid_extra_keys=True)
    deadline_unstructure = make_dict_unstructure_fn(
        Deadline, conv, _cattrs_omit_if_default=True
    )

    def structure_deadline(value: Any, _t: Any) -> Deadline:
        if isinstance(value, str):
            check_text(value)
            return Deadline.read(value)
        if not isinstance(value, dict):
            raise InvalidValueError(
                "expected a deadline (its text, e.g. '2023年底前', or a mapping of text, date"
                f" and reading), got {_shown(value)}"
            )
        return deadline_structure(value, Deadline)

    def unstructure_deadline(value: Deadline) -> Any:
        if Deadline.read(value.text) == value:
            return value.text
        return deadline_unstructure(value)

    conv.register_structure_hook(Deadline, structure_deadline)
    conv.register_unstructure_hook(Deadline, unstructure_deadline)

    def tuple_hook(value: Any, cl: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise InvalidValueError(f"expected a list, got {_shown(value)}")
        return conv._structure_tuple(value, cl)

    conv.register_structure_hook_func(lambda t: getattr(t, "__origin__", None) is tuple, tuple_hook)

    def unstructure_factory(cls: Any) -> Any:
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)

    conv.register_unstructure_hook_factory(_is_attrs, unstructure_factory)

    def structure_factory(cls: Any) -> Any:
        inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
        what = _words(cls.__name__)

        def structure(value: Any, cl: Any) -> Any:
            if not isinstance(value, dict):
                raise InvalidValueError(f"expected a mapping of {what} fields, got {_shown(value)}")
            return inner(value, cl)

        return structure

    conv.register_structure_hook_factory(
        lambda t: _is_attrs(t) and t not in (Name, Deadline), structure_factory
    )
    return conv


def _shown(value: Any) -> str:
    """``a string 'x'``, ``a list [1, 2]``: the value's sort and a bounded preview."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    sort = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    name = next((v for k, v in sort.items() if isinstance(value, k)), None)
    if name is None:
        name = _a_or_an(_words(type(value).__name__))
    return f"{name} {preview(value)}"


def _a_or_an(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def read_decimal(value: Any) -> Decimal:
    """Read a number exactly: ``3``, ``0.2`` (as written), ``"0.2"``, ``"20%"``, ``"1/5"``.

    >>> read_decimal("20%"), read_decimal(0.1), read_decimal("1/4")
    (Decimal('0.2'), Decimal('0.1'), Decimal('0.25'))
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidValueError(f"expected a number, got {_shown(value)}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = value.strip().replace("％", "%")
        try:
            if text.endswith("%"):
                number = _canonical(Decimal(text[:-1].strip()).scaleb(-2))
            elif "/" in text:
                num, den = text.split("/", 1)
                number = _canonical(Decimal(num.strip()) / Decimal(den.strip()))
            else:
                number = Decimal(text)
        except (InvalidOperation, ZeroDivisionError):
            raise InvalidValueError(
                f"cannot read {preview(value)} as a number: write e.g. 0.2, '20%' or '1/5'"
            ) from None
    if not number.is_finite():
        raise InvalidValueError(f"{preview(value)} is not a finite number")
    return number


def _decimal_out(value: Decimal) -> int | str:
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return str(value)


#: The shared converter. Downstream code may register hooks for its own value types.
converter = _make_converter()


def record_to_data(record: Record, *, tag: str | None = None) -> dict[str, Any]:
    """Plain data for ``record``; ``tag`` is written as ``type`` for registered subclasses."""
    data: dict[str, Any] = converter.unstructure(record, unstructure_as=type(record))
    if tag is not None:
        data = {"type": tag, **data}
    return data


def record_from_data(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from plain data; raise cattrs' grouped errors on bad data.

    Use :func:`problems_from` to turn what it raises into smeeco problems with paths.
    """
    if not isinstance(data, dict):
        raise InvalidValueError(f"expected a mapping of fields, got {_shown(data)}")
    return converter.structure(data, cls)


def problems_from(exc: BaseException, path: str = "") -> list[Problem]:
    """Flatten what building a record raised into :class:`Problem` s with data-pack paths."""
    problems: list[Problem] = []
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = getattr(note, "name", None)
            index = getattr(note, "index", None)
            if name is not None:
                sub_path = f"{path}.{name}" if path else str(name)
            elif index is not None:
                sub_path = f"{path}[{index}]"
            else:  # pragma: no cover - cattrs always attaches one of the two
                sub_path = path
            if isinstance(sub, KeyError) and not isinstance(sub, Problem) and name is not None:
                problems.append(
                    InvalidValueError(f"required key {name!r} is missing; add it", sub_path)
                )
            else:
                problems.extend(problems_from(sub, sub_path))
        for sub in without:
            problems.extend(problems_from(sub, path))
    elif isinstance(exc, ForbiddenExtraKeysError):
        names = _field_names(exc.cl)
        known = ", ".join(sorted(names))
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(str(key), names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                UnknownFieldError(
                    f"unknown key {key!r} for {exc.cl.__name__}; {hint}known keys: {known}",
                    f"{path}.{key}" if path else str(key),
                )
            )
    elif isinstance(exc, Problem):
        problems.append(exc.at(path))
    elif isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            problems.extend(problems_from(inner, path))
    elif isinstance(exc, TypeError | ValueError | KeyError | AttributeError | ArithmeticError):
        problems.append(InvalidValueError(_describe(exc), path))
    else:
        raise exc
    return problems


def _describe(exc: BaseException) -> str:
    text = str(exc).strip("'\"")
    if isinstance(exc, ValueError) and "is not a valid" in text:
        return text + "; see the documented values for this field"
    return text or type(exc).__name__


def _field_names(cls: Any) -> list[str]:
    fields = getattr(cls, "__attrs_attrs__", ())
    return [f.alias or f.name for f in fields]


def _words(name: str) -> str:
    """``AgencyKind`` → ``agency kind``."""
    return "".join(" " + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))

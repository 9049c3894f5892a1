"""Records built in one step from values that already have their final types.

A parser builds 10^4–10^5 :class:`~smeeco.Source`, :class:`~smeeco.Responsibility` and
:class:`~smeeco.Measure` records from values of the right types; their constructors
call a converter and a validator per field. The functions here test, in one step, a
condition under which every converter would return the value as it is and every
validator would pass (ids of the id pattern, texts without control characters, tuples
already tuples, enum members already members), set the fields directly, and run the
record's own ``__attrs_post_init__`` (its cross-field rules). Whenever the condition does
not hold they call the public constructor, which converts the value or raises its usual
problem. So a record built here is always one the public constructor builds from the
same values, equal field by field, and what it refuses is refused here with the same
problem (``tests/test_model_checked.py`` compares the two on generated values).

>>> from smeeco.model.document import Role
>>> checked_responsibility("tj-miit", Role.LEAD, True)
Responsibility(unit='tj-miit', role=<Role.LEAD: 'lead'>, explicit=True, named_as=None)
>>> checked_source("doc", "一(一)", "加强\\x07支持", (0, 5))
Traceback (most recent call last):
...
smeeco.errors.InvalidValueError: quote: text holds the control character U+0007 at ...
"""

from __future__ import annotations

from typing import Any

import attrs

from smeeco.model.deadline import Deadline
from smeeco.model.document import (
    Measure,
    Responsibility,
    Role,
    _deadline,
    _responsibilities,
    _role,
)
from smeeco.model.record import _sources
from smeeco.model.values import (
    _CONTROL,
    Name,
    Source,
    _id_match,
    _id_validator,
    _optional_id_validator,
    _span,
    _text,
)

__all__ = ["checked_measure", "checked_responsibility", "checked_source"]

_new = object.__new__


def _setter(cls: type, name: str) -> Any:
    """What sets the slot ``name`` of an instance of ``cls`` (a frozen attrs class),
    without the instance's own ``__setattr__`` (which refuses: the class is frozen)."""
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if slot is not None and hasattr(slot, "__set__"):
            return slot.__set__
    raise TypeError(f"{cls.__name__} has no slot {name!r}")  # pragma: no cover


def _plain_text(text: str) -> bool:
    """Whether ``text`` (a str) holds none of the characters a record's text refuses."""
    return text.isprintable() or _CONTROL.search(text) is None


def _require(cls: type, known: dict[str, tuple[Any, Any]], rules: bool) -> None:
    """Refuse to build ``cls`` in one step unless each field has the (validator,
    converter) the step stands for, and ``cls`` has the rules (``__attrs_post_init__``) or
    none as said: a check added to the model is never skipped here unnoticed."""
    for field in attrs.fields(cls):
        if field.name in known and (field.validator, field.converter) != known[field.name]:
            raise TypeError(  # pragma: no cover - the model changed: update this module
                f"{cls.__name__}.{field.name} has a validator or converter that"
                f" smeeco.model.checked does not stand for; update checked_{cls.__name__.lower()}"
            )
    if hasattr(cls, "__attrs_post_init__") != rules:  # pragma: no cover - as above
        raise TypeError(f"{cls.__name__}'s rules changed; update smeeco.model.checked")


def _defaults(cls: type, sample: Any, given: tuple[str, ...]) -> tuple[tuple[Any, Any], ...]:
    """The fields of ``cls`` beyond ``given``, each with the value its constructor stores
    when the field is left out (read from ``sample``, built by that constructor)."""
    names = [f.name for f in attrs.fields(cls)]
    missing = [name for name in given if name not in names]
    if missing:  # pragma: no cover - a field renamed in the model and not here
        raise TypeError(f"{cls.__name__} has no field {missing[0]!r}")
    defaults = tuple((name, getattr(sample, name)) for name in names if name not in given)
    for _name, value in defaults:
        hash(value)  # shared by every record built: it must be immutable (a tuple, a period)
    return tuple((_setter(cls, name), value) for name, value in defaults)


_require(
    Source,
    {
        "document": (_id_validator, None),
        "locator": (_text, None),
        "quote": (_text, None),
        "span": (None, _span),
    },
    rules=True,
)
_source_rules = Source.__attrs_post_init__
_SOURCE_DOCUMENT, _SOURCE_LOCATOR, _SOURCE_QUOTE, _SOURCE_SPAN = (
    _setter(Source, name) for name in ("document", "locator", "quote", "span")
)


def checked_source(
    document: str, locator: str = "", quote: str = "", span: tuple[int, int] | None = None
) -> Source:
    """``Source(document, locator, quote, span)``, built in one step when the values allow."""
    if (
        type(document) is str
        and type(locator) is str
        and type(quote) is str
        and _id_match(document) is not None
        and (
            span is None
            or (
                type(span) is tuple
                and len(span) == 2
                and type(span[0]) is int
                and type(span[1]) is int
            )
        )
        and _plain_text(locator + quote)
    ):
        source = _new(Source)
        _SOURCE_DOCUMENT(source, document)
        _SOURCE_LOCATOR(source, locator)
        _SOURCE_QUOTE(source, quote)
        _SOURCE_SPAN(source, span)
        _source_rules(source)  # the span's order
        return source
    return Source(document, locator, quote, span)


_require(
    Responsibility,
    {
        "unit": (_id_validator, None),
        "role": (None, _role),
        "explicit": (None, None),
        "named_as": (_optional_id_validator, None),
    },
    rules=False,
)
_RESPONSIBILITY_UNIT, _RESPONSIBILITY_ROLE, _RESPONSIBILITY_EXPLICIT, _RESPONSIBILITY_NAMED_AS = (
    _setter(Responsibility, name) for name in ("unit", "role", "explicit", "named_as")
)


def checked_responsibility(
    unit: str, role: Role = Role.SUPPORT, explicit: bool = False
) -> Responsibility:
    """``Responsibility(unit, role, explicit=explicit)``, in one step when the values allow."""
    if type(unit) is str and type(role) is Role and _id_match(unit) is not None:
        responsibility = _new(Responsibility)
        _RESPONSIBILITY_UNIT(responsibility, unit)
        _RESPONSIBILITY_ROLE(responsibility, role)
        _RESPONSIBILITY_EXPLICIT(responsibility, explicit)
        _RESPONSIBILITY_NAMED_AS(responsibility, None)
        return responsibility
    return Responsibility(unit, role, explicit=explicit)


_MEASURE_GIVEN = (
    "id",
    "name",
    "document",
    "ordinal",
    "number",
    "section",
    "text",
    "responsibilities",
    "responsibility_stated",
    "deadline",
    "truncated",
    "sources",
    "notes",
)
_require(
    Measure,
    {
        "id": (_id_validator, None),
        "name": (None, None),
        "document": (_id_validator, None),
        "ordinal": (None, None),
        "number": (_text, None),
        "section": (None, None),
        "text": (_text, None),
        "responsibilities": (None, _responsibilities),
        "responsibility_stated": (None, None),
        "deadline": (None, _deadline),
        "truncated": (None, None),
        "sources": (None, _sources),
        "notes": (_text, None),
    },
    rules=True,
)
_MEASURE_DEFAULTS = _defaults(
    Measure, Measure(id="m", name=Name("m"), document="d", ordinal=1), _MEASURE_GIVEN
)
_MEASURE_SETTERS = tuple(_setter(Measure, name) for name in _MEASURE_GIVEN)
_measure_rules = Measure.__attrs_post_init__


def checked_measure(
    *,
    id: str,
    name: Name,
    document: str,
    ordinal: int,
    number: str = "",
    section: int | None = None,
    text: str = "",
    responsibilities: tuple[Responsibility, ...] = (),
    responsibility_stated: bool = True,
    deadline: Deadline | None = None,
    truncated: bool = False,
    sources: tuple[Source, ...] = (),
    notes: str = "",
) -> Measure:
    """``Measure(...)`` of these fields (the others left out), in one step when the values
    allow; the measure's own rules (ordinal, units listed once, one inferred lead) run."""
    if (
        type(id) is str
        and type(document) is str
        and type(number) is str
        and type(text) is str
        and type(notes) is str
        and type(ordinal) is int
        and type(responsibilities) is tuple
        and type(sources) is tuple
        and (deadline is None or type(deadline) is Deadline)
        and _id_match(id) is not None
        and _id_match(document) is not None
        and _plain_text(number + text + notes)
    ):
        measure = _new(Measure)
        for put, value in zip(
            _MEASURE_SETTERS,
            (
                id,
                name,
                document,
                ordinal,
                number,
                section,
                text,
                responsibilities,
                responsibility_stated,
                deadline,
                truncated,
                sources,
                notes,
            ),
            strict=True,
        ):
            put(measure, value)
        for put, value in _MEASURE_DEFAULTS:
            put(measure, value)
        _measure_rules(measure)
        return measure
    return Measure(
        id=id,
        name=name,
        document=document,
        ordinal=ordinal,
        number=number,
        section=section,
        text=text,
        responsibilities=responsibilities,
        responsibility_stated=responsibility_stated,
        deadline=deadline,
        truncated=truncated,
        sources=sources,
        notes=notes,
    )

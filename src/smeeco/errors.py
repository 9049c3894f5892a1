"""Errors raised by smeeco.

Every error smeeco raises derives from :class:`SmeecoError`, so ``except SmeecoError``
catches them all. Specific errors also derive from the builtin a Python user would
expect (``KeyError`` for an unknown id, ``ValueError`` for a bad value), so code that
does not know smeeco still handles them sensibly.

The tree::

    SmeecoError
    ├── Problem                       one thing wrong at one place (has .path)
    │   ├── InvalidValueError         (also ValueError) a value breaks a rule
    │   │   ├── MoneyParseError       "12 apples" is not an amount of money
    │   │   ├── UnitError             a value in the wrong unit for its indicator
    │   │   └── CreditCodeError       统一社会信用代码 with a bad shape or check digit
    │   ├── UnknownReferenceError     (also KeyError) an id that names no record
    │   │   └── NotInForceError       the record exists, but not on the view's date
    │   ├── DuplicateIdError          two records of one kind share an id
    │   ├── DuplicateKeyError         a key written twice in one mapping of a data pack
    │   ├── RequiredPackError         a required pack is missing, not a pack name, or a cycle
    │   └── UnknownFieldError         a data-pack key no record type declares
    ├── ValidationError               (also ExceptionGroup) every Problem found at once
    ├── DataPackError                 a data pack cannot be found, read or written
    │   └── UnknownPackError          (also KeyError) no bundled pack has that name
    ├── RegistryError                 a record kind or relation is registered wrongly
    ├── RegisterError                 an enterprise register cannot be read or used
    ├── RuleError                     an eligibility rule pack is malformed
    │   └── RulePackError             (also ValidationError) every problem of a rule pack
    ├── TextEncodingError             (also ValueError) bytes no encoding reads as text
    ├── ExportError                   a graph or matrix cannot be written in that format
    └── MissingDependencyError        (also ImportError) an optional package is missing

A :class:`ValidationError` is an :class:`ExceptionGroup` of problems, so
``except* UnknownReferenceError`` picks out just those; its message lists every
problem with its path, the way ``cattrs.transform_error`` does::

    3 problems in 'example.yaml':
      measures[3].responsibilities[1].unit: unknown agency 'tj-fin'; did you mean 'tj-finance'?
      ...
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = [
    "CreditCodeError",
    "DataPackError",
    "DuplicateIdError",
    "DuplicateKeyError",
    "ExportError",
    "InvalidValueError",
    "MissingDependencyError",
    "MoneyParseError",
    "NotInForceError",
    "Problem",
    "RegisterError",
    "RegistryError",
    "RequiredPackError",
    "RuleError",
    "RulePackError",
    "SmeecoError",
    "TextEncodingError",
    "UnitError",
    "UnknownFieldError",
    "UnknownPackError",
    "UnknownReferenceError",
    "ValidationError",
]


class SmeecoError(Exception):
    """Root of every error smeeco raises."""


class Problem(SmeecoError):
    """One thing wrong at one place.

    Parameters
    ----------
    message:
        What is wrong and what to do about it.
    path:
        Where, as a data-pack path such as ``measures[3].responsibilities[1].unit``;
        empty when the place is not known yet (the loader fills it in).
    """

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def at(self, prefix: str) -> Problem:
        """Return this problem with ``prefix`` put in front of its path."""
        if not prefix:
            return self
        self.path = _join_path(prefix, self.path)
        return self

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.message, self.path))


class InvalidValueError(Problem, ValueError):
    """A value breaks a rule of its record (a share above 1, an end before a start…)."""


class MoneyParseError(InvalidValueError):
    """A text could not be read as an amount of money."""


class UnitError(InvalidValueError):
    """A value is stated in a unit its indicator does not use."""


class CreditCodeError(InvalidValueError):
    """A 统一社会信用代码 (unified social credit code) is malformed or fails its check digit."""


class UnknownReferenceError(Problem, KeyError):
    """An id names no record of the expected kind."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return Problem.__str__(self)


class NotInForceError(UnknownReferenceError):
    """A record exists, but not on the date of an as-of view (expired, or not yet issued).

    The message says why and, for a reorganised unit, which unit holds its work then.
    """


class DuplicateIdError(Problem):
    """Two records of one kind share an id."""


class DuplicateKeyError(Problem):
    """A data pack writes one key twice in a mapping (YAML and JSON would keep the last)."""


class RequiredPackError(Problem):
    """A pack named in ``requires`` cannot be found, is not a pack name, or requires
    itself through a cycle of packs."""


class UnknownFieldError(Problem):
    """A data pack has a key that no registered record type declares."""


class ValidationError(SmeecoError, ExceptionGroup[Problem]):
    """Every problem found in one load or one change, raised together.

    Nothing was changed: an ecosystem that raised this is as it was before the call.
    """

    where: str

    def __new__(cls, where: str, problems: Sequence[Problem]) -> ValidationError:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        head = f"{count} {noun} in {where}" if where else f"{count} {noun}"
        self = super().__new__(cls, head, list(problems))
        self.where = where
        return self

    def __init__(self, where: str, problems: Sequence[Problem]) -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        head = f"{count} {noun} in {where}" if where else f"{count} {noun}"
        super().__init__(head, list(problems))

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems, in the order they were found."""
        return tuple(p for p in self.exceptions if isinstance(p, Problem))

    def derive(self, excs: Sequence[Problem]) -> ValidationError:  # type: ignore[override]
        return ValidationError(self.where, excs)

    def __reduce__(self) -> tuple[object, ...]:
        # ExceptionGroup would rebuild from (message, problems) and repeat the count
        return (type(self), (self.where, list(self.exceptions)))

    def __str__(self) -> str:
        lines = [self.message + ":"]
        lines.extend(f"  {p}" for p in self.exceptions)
        return "\n".join(lines)


class DataPackError(SmeecoError):
    """A data pack cannot be found, read or written."""


class UnknownPackError(DataPackError, KeyError):
    """No bundled data pack has that name."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        message = (
            f"unknown data pack {name!r}; bundled packs are: {', '.join(self.known)}"
            " (or pass the path of a .yaml/.json data-pack file)"
        )
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.known))


class RegistryError(SmeecoError):
    """A record kind, type tag or relation was registered wrongly."""


class RegisterError(SmeecoError):
    """An enterprise register cannot be read, or lacks what a command needs (an id column)."""


class RuleError(SmeecoError):
    """An eligibility rule pack is malformed, or names a tier it has no rules for."""


class RulePackError(ValidationError, RuleError):
    """A rule pack (or one criterion) is malformed: every problem, each with its path."""


class TextEncodingError(SmeecoError, ValueError):
    """A file's bytes cannot be read as text in the encoding given or any encoding detected."""


class ExportError(SmeecoError):
    """A graph or matrix cannot be written in the requested format."""


class MissingDependencyError(SmeecoError, ImportError):
    """An optional package a feature needs is not installed; the message names the extra."""


def _join_path(prefix: str, rest: str) -> str:
    if not rest:
        return prefix
    if rest.startswith("["):
        return prefix + rest
    return f"{prefix}.{rest}"

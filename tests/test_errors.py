"""The error tree: one root, builtin bases, messages with paths, pickling."""

from __future__ import annotations

import copy
import inspect
import pickle

import pytest

import smeeco
import smeeco.errors as errors
from smeeco import (
    CreditCodeError,
    DataPackError,
    DuplicateIdError,
    InvalidValueError,
    MoneyParseError,
    Problem,
    SmeecoError,
    UnitError,
    UnknownFieldError,
    UnknownPackError,
    UnknownReferenceError,
    ValidationError,
)


def test_every_error_derives_from_the_root() -> None:
    classes = [
        c
        for _n, c in inspect.getmembers(errors, inspect.isclass)
        if c.__module__ == errors.__name__
    ]
    assert len(classes) == len(errors.__all__)
    assert all(issubclass(c, SmeecoError) for c in classes)


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (InvalidValueError, ValueError),
        (MoneyParseError, ValueError),
        (UnitError, ValueError),
        (CreditCodeError, ValueError),
        (UnknownReferenceError, KeyError),
        (UnknownPackError, KeyError),
        (ValidationError, ExceptionGroup),
    ],
)
def test_errors_are_also_the_builtin_one_expects(cls: type, builtin: type) -> None:
    assert issubclass(cls, builtin)


def test_the_tree_in_the_docstring_names_every_error() -> None:
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        assert name in doc


def test_problems_print_with_their_path() -> None:
    p = UnknownReferenceError("unknown agency 'tj-fin'", "unit").at(
        "measures[3].responsibilities[1]"
    )
    assert str(p) == "measures[3].responsibilities[1].unit: unknown agency 'tj-fin'"
    assert str(UnknownReferenceError("no path")) == "no path"  # not KeyError's quoting
    assert str(Problem("bare")) == "bare"


def test_validation_error_lists_every_problem() -> None:
    err = ValidationError(
        "'pack.yaml'",
        [InvalidValueError("bad", "a"), DuplicateIdError("twice", "b.id"), UnknownFieldError("x")],
    )
    assert str(err) == "3 problems in 'pack.yaml':\n  a: bad\n  b.id: twice\n  x"
    assert err.message == "3 problems in 'pack.yaml'"
    assert len(err.problems) == 3
    assert err.where == "'pack.yaml'"
    assert str(ValidationError("", [Problem("one")])) == "1 problem:\n  one"


def test_except_star_picks_one_sort() -> None:
    caught: list[object] = []
    try:
        raise ValidationError("x", [InvalidValueError("v", "a"), DuplicateIdError("d", "b")])
    except* DuplicateIdError as group:
        caught.append(group)
    except* InvalidValueError as group:
        caught.append(group)
    assert [type(g) for g in caught] == [ValidationError, ValidationError]  # derive() keeps it
    assert [str(g) for g in caught] == ["1 problem in x:\n  b: d", "1 problem in x:\n  a: v"]


@pytest.mark.parametrize(
    "error",
    [
        InvalidValueError("bad", "a.b"),
        UnknownReferenceError("unknown", "x"),
        ValidationError("'p.yaml'", [InvalidValueError("bad", "a"), DuplicateIdError("d", "b")]),
        UnknownPackError("nope", ["example", "tianjin"]),
        DataPackError("cannot read"),
    ],
)
def test_errors_survive_pickling_and_copying(error: SmeecoError) -> None:
    # errors cross process boundaries (multiprocessing, Dask): they must come back whole
    for back in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(back) is type(error)
        assert str(back) == str(error)
        if isinstance(error, Problem):
            assert back.path == error.path  # type: ignore[attr-defined]


def test_loading_a_bad_pack_raises_a_smeeco_error() -> None:
    with pytest.raises(SmeecoError):
        smeeco.load("no-such-pack")

"""Records built in one step (smeeco.model.checked) are the records the constructors build.

For any values — of the right types or not, valid or not — ``checked_*`` either returns a
record equal, field by field and type by type, to the one the public constructor returns,
or raises the problem the public constructor raises. The constructors' own fast paths
(ids matched in the validator, enum members passed through, a plain name checked in one
step) are compared with the checks they stand for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smeeco import InvalidValueError, Measure, Name, Responsibility, Role, Source
from smeeco.model.agency import Agency, AgencyKind
from smeeco.model.checked import checked_measure, checked_responsibility, checked_source
from smeeco.model.deadline import Deadline
from smeeco.model.document import DocumentKind, PolicyDocument
from smeeco.model.values import check_id, check_text
from smeeco.types import ID_PATTERN

IDS = st.one_of(
    st.from_regex(ID_PATTERN, fullmatch=True).map(lambda s: s.rstrip("\n")),
    st.sampled_from(["tj-miit", "doc.m01", "d", "", "A", "a b", "x\n", "-x", "ab\x00", "甲"]),
    st.text(max_size=6),
    st.integers(),
    st.none(),
)
TEXTS = st.one_of(
    st.text(max_size=10),
    st.sampled_from(["", "加强\n支持", "\t(一)", "a\x07", "\x1b[31m", "\ud800", "\ufffe", "\r\n"]),
    st.integers(),
    st.none(),
)
SPANS = st.one_of(
    st.none(),
    st.tuples(st.integers(-3, 40), st.integers(-3, 40)),
    st.lists(st.integers(0, 9), max_size=3),
    st.tuples(st.booleans(), st.integers(0, 5)),
    st.tuples(st.floats(0, 5), st.integers(0, 5)),
    st.just("ab"),
)
ROLES = st.one_of(st.sampled_from(list(Role)), st.sampled_from(["lead", "boss", ""]), st.integers())
RESPONSIBILITIES = st.builds(
    Responsibility,
    st.sampled_from(["tj-miit", "tj-finance", "doc.u01"]),
    st.sampled_from(list(Role)),
    explicit=st.booleans(),
)
SOURCES = st.builds(
    Source,
    st.sampled_from(["doc", "doc-b"]),
    st.text(max_size=4).filter(lambda t: t.isprintable()),
    st.text(max_size=4).filter(lambda t: t.isprintable()),
)


def outcome(build: Callable[[], Any]) -> tuple[Any, ...]:
    """What building gives: the record, or the problem raised (type, message, path)."""
    try:
        record = build()
    except Exception as error:
        return ("raised", type(error), str(error), getattr(error, "path", None))
    fields = attrs.fields(type(record))
    return (
        "built",
        type(record),
        tuple(getattr(record, f.name) for f in fields),
        tuple(type(getattr(record, f.name)) for f in fields),
    )


@settings(max_examples=400)
@given(document=IDS, locator=TEXTS, quote=TEXTS, span=SPANS)
def test_checked_source_is_the_source(document: Any, locator: Any, quote: Any, span: Any) -> None:
    assert outcome(lambda: checked_source(document, locator, quote, span)) == outcome(
        lambda: Source(document, locator, quote, span)
    )


@settings(max_examples=300)
@given(unit=IDS, role=ROLES, explicit=st.one_of(st.booleans(), st.just(1), st.none()))
def test_checked_responsibility_is_the_responsibility(unit: Any, role: Any, explicit: Any) -> None:
    assert outcome(lambda: checked_responsibility(unit, role, explicit)) == outcome(
        lambda: Responsibility(unit, role, explicit=explicit)
    )


@settings(max_examples=400)
@given(
    id=IDS,
    document=IDS,
    name=st.one_of(st.just(Name("加强支持")), st.just("加强支持")),
    ordinal=st.one_of(st.integers(-2, 5), st.just(True), st.just(2.0), st.just("1")),
    number=TEXTS,
    text=TEXTS,
    notes=TEXTS,
    section=st.one_of(st.none(), st.integers(0, 3)),
    responsibilities=st.one_of(
        st.lists(RESPONSIBILITIES, max_size=4).map(tuple), st.lists(RESPONSIBILITIES, max_size=3)
    ),
    stated=st.booleans(),
    deadline=st.sampled_from([None, Deadline.read("2023年底前"), "2023年6月底前", "a\x07", 5]),
    truncated=st.booleans(),
    sources=st.one_of(st.lists(SOURCES, max_size=3).map(tuple), st.lists(SOURCES, max_size=2)),
)
def test_checked_measure_is_the_measure(
    id: Any,
    document: Any,
    name: Any,
    ordinal: Any,
    number: Any,
    text: Any,
    notes: Any,
    section: Any,
    responsibilities: Any,
    stated: Any,
    deadline: Any,
    truncated: Any,
    sources: Any,
) -> None:
    fields = {
        "id": id,
        "name": name,
        "document": document,
        "ordinal": ordinal,
        "number": number,
        "section": section,
        "text": text,
        "responsibilities": responsibilities,
        "responsibility_stated": stated,
        "deadline": deadline,
        "truncated": truncated,
        "sources": sources,
        "notes": notes,
    }
    assert outcome(lambda: checked_measure(**fields)) == outcome(lambda: Measure(**fields))


WELL_TYPED_IDS = st.from_regex(ID_PATTERN, fullmatch=True).map(lambda s: s.rstrip("\n") or "x")


@settings(max_examples=300)
@given(
    id=WELL_TYPED_IDS,
    ordinal=st.integers(-1, 5),
    text=st.text(max_size=12),
    responsibilities=st.lists(RESPONSIBILITIES, max_size=4).map(tuple),
    stated=st.booleans(),
    sources=st.lists(SOURCES, max_size=3).map(tuple),
    span=st.one_of(st.none(), st.tuples(st.integers(-1, 9), st.integers(-1, 9))),
)
def test_checked_records_of_well_typed_values_are_the_records(
    id: str,
    ordinal: int,
    text: str,
    responsibilities: tuple[Responsibility, ...],
    stated: bool,
    sources: tuple[Source, ...],
    span: tuple[int, int] | None,
) -> None:
    # the values a parser gives: right types, mostly valid (the one-step path)
    fields: dict[str, Any] = {
        "id": id,
        "name": Name("加强支持"),
        "document": id,
        "ordinal": ordinal,
        "number": "(一)",
        "text": text,
        "responsibilities": responsibilities,
        "responsibility_stated": stated,
        "deadline": Deadline.read("2023年底前"),
        "sources": sources,
        "notes": text[:3],
    }
    assert outcome(lambda: checked_measure(**fields)) == outcome(lambda: Measure(**fields))
    assert outcome(lambda: checked_source(id, "一(一)", text, span)) == outcome(
        lambda: Source(id, "一(一)", text, span)
    )
    for r in responsibilities:
        role, explicit = r.role, r.explicit
        assert outcome(lambda: checked_responsibility(id, role, explicit)) == outcome(  # noqa: B023
            lambda: Responsibility(id, role, explicit=explicit)  # noqa: B023
        )


def test_checked_records_refuse_what_the_constructors_refuse() -> None:
    with pytest.raises(InvalidValueError, match="bad document 'Doc A'") as info:
        checked_source("Doc A", "一(一)", "加强支持", (0, 4))
    assert info.value.path == "document"
    with pytest.raises(InvalidValueError, match="bad span") as info:
        checked_source("doc", "一(一)", "加强支持", (4, 0))
    with pytest.raises(InvalidValueError, match="U\\+0007") as info:
        checked_measure(id="doc.m01", name=Name("甲"), document="doc", ordinal=1, text="a\x07")
    assert info.value.path == "text"
    with pytest.raises(InvalidValueError, match="ordinal 0 must be 1 or more"):
        checked_measure(id="doc.m01", name=Name("甲"), document="doc", ordinal=0)
    lead = Responsibility("tj-miit", Role.LEAD)
    with pytest.raises(InvalidValueError, match="listed twice") as info:
        checked_measure(
            id="doc.m01", name=Name("甲"), document="doc", ordinal=1, responsibilities=(lead, lead)
        )
    assert info.value.path == "responsibilities[1].unit"
    with pytest.raises(ValueError, match="'boss' is not a valid Role"):
        checked_responsibility("tj-miit", "boss")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="bad unit 'TJ'"):
        checked_responsibility("TJ", Role.LEAD)


def _name_problem(zh: Any, en: Any, aliases: tuple[Any, ...]) -> str | None:
    """What a name's checks refuse (the checks Name made before its one-step path)."""
    for key, value in (("zh", zh), ("en", en)):
        if not isinstance(value, str):
            return key
        try:
            check_text(value)
        except InvalidValueError:
            return key
    for i, alias in enumerate(aliases):
        if not isinstance(alias, str) or check_text_refuses(alias):
            return f"aliases[{i}]"
    if not (zh.strip() or en.strip()):
        return ""
    return None


def check_text_refuses(text: str) -> bool:
    try:
        check_text(text)
    except InvalidValueError:
        return True
    return False


@settings(max_examples=300)
@given(zh=TEXTS, en=TEXTS, aliases=st.lists(TEXTS, max_size=2).map(tuple))
def test_a_name_refuses_what_its_checks_refuse(zh: Any, en: Any, aliases: Any) -> None:
    expected = _name_problem(zh, en, aliases)
    if expected is None:
        assert Name(zh, en, aliases).all() == tuple(
            dict.fromkeys(f for f in (zh, en, *aliases) if f)
        )
    else:
        with pytest.raises(InvalidValueError) as info:
            Name(zh, en, aliases)
        assert info.value.path == expected


@settings(max_examples=300)
@given(value=IDS, many=st.lists(IDS, max_size=3))
def test_id_fields_refuse_what_check_id_refuses(value: Any, many: list[Any]) -> None:
    def checked(item: Any) -> bool:
        try:
            check_id(item)
        except InvalidValueError:
            return False
        return True

    if checked(value):
        assert Responsibility(value).unit == value
    else:
        with pytest.raises(InvalidValueError, match="bad unit"):
            Responsibility(value)
    if value is None or checked(value):  # an optional id
        assert Agency(id="a", name=Name("甲"), parent=value).parent == value
    else:
        with pytest.raises(InvalidValueError, match="bad parent"):
            Agency(id="a", name=Name("甲"), parent=value)
    bad = [i for i, item in enumerate(many) if not checked(item)]
    if not bad:
        assert PolicyDocument(id="d", name=Name("甲"), issuers=many).issuers == tuple(many)
    else:
        with pytest.raises(InvalidValueError) as info:
            PolicyDocument(id="d", name=Name("甲"), issuers=many)
        assert info.value.path == f"issuers[{bad[0]}]"


@pytest.mark.parametrize(
    ("cls", "field", "member"),
    [
        (Responsibility, "role", Role.LEAD),
        (PolicyDocument, "document_kind", DocumentKind.PLAN),
        (Agency, "agency_kind", AgencyKind.TAX),
    ],
)
def test_enum_fields_take_members_and_values_and_refuse_others(
    cls: type, field: str, member: Any
) -> None:
    base: dict[str, Any] = (
        {"unit": "tj-miit"} if cls is Responsibility else {"id": "a", "name": Name("甲")}
    )
    assert getattr(cls(**base, **{field: member}), field) is member
    assert getattr(cls(**base, **{field: member.value}), field) is member
    with pytest.raises(ValueError, match="is not a valid"):
        cls(**base, **{field: "no-such-kind"})


def test_records_always_in_force_share_one_period() -> None:
    a = Measure(id="d.m01", name=Name("甲"), document="d", ordinal=1)
    b = Measure(id="d.m02", name=Name("乙"), document="d", ordinal=2, valid=None)
    assert a.valid is b.valid
    assert a.valid.is_open
    assert a.in_force(dt.date(2020, 1, 1))

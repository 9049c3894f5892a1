"""Hypothesis strategies: one per value and record type, and whole valid ecosystems.

Record strategies take the ids they may refer to (``agencies(jurisdictions=["j0"])``), so
the same strategies build both free-standing records and ecosystems whose every reference
resolves (:func:`ecosystems`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from smeeco import (
    Agency,
    AgencyKind,
    BeneficiaryGroup,
    CriteriaVersion,
    Deadline,
    DeadlineReading,
    DocumentKind,
    Enterprise,
    Fund,
    FundKind,
    Indicator,
    Jurisdiction,
    Level,
    Measure,
    Money,
    Name,
    NetworkRole,
    Observation,
    Period,
    Platform,
    PlatformKind,
    PolicyDocument,
    Qualifier,
    Record,
    Responsibility,
    RiskSharing,
    Role,
    Section,
    Share,
    Source,
    Target,
    Tier,
    TierLadder,
    TierMembership,
    Unit,
)
from smeeco.model.enterprise import CREDIT_CODE_ALPHABET, credit_code_check_char

T = TypeVar("T")

# ----------------------------------------------------------------------------- values

#: Text as data packs hold it: Chinese, Latin, digits, punctuation, spaces, line breaks.
TEXT_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    include_characters="\n\t（）、，。：；“”《》〔〕",
)


def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Free text (notes, quotes, locators)."""
    return st.text(TEXT_ALPHABET, max_size=max_size)


def labels() -> st.SearchStrategy[str]:
    """A non-blank, single-line label."""
    return st.text(
        st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=12
    ) | st.sampled_from(
        ["市工业和信息化局", "市工信局", "Finance Bureau", "各区人民政府", "银保监局"]
    )


def ids() -> st.SearchStrategy[str]:
    """A well-formed record id."""
    return st.from_regex(r"[a-z0-9][a-z0-9_.\-]{0,14}", fullmatch=True)


def dates(min_year: int = 1995, max_year: int = 2035) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31))


@st.composite
def names(draw: st.DrawFn) -> Name:
    zh = draw(st.one_of(st.just(""), labels()))
    en = draw(labels()) if not zh or draw(st.booleans()) else ""
    aliases = draw(st.lists(labels(), max_size=3, unique=True))
    return Name(zh, en, aliases=aliases)


def decimals(places: int = 4, limit: int = 10**16) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``places`` decimal places."""
    return st.builds(
        lambda n, p: Decimal(n).scaleb(-p),
        st.integers(-limit, limit),
        st.integers(0, places),
    )


def moneys(places: int = 4, limit: int = 10**18) -> st.SearchStrategy[Money]:
    """Amounts of money, from fractions of a fen to 10^14 yuan (and debts)."""
    return st.builds(Money, decimals(places, limit))


def amounts(places: int = 4, limit: int = 10**18) -> st.SearchStrategy[Money]:
    """Amounts a record holds (a fund's size, a revenue): never negative."""
    return st.builds(Money, decimals(places, limit).map(abs))


def fen_amounts(limit: int = 10**15) -> st.SearchStrategy[Money]:
    """Amounts that are a whole number of fen (what a loss can be)."""
    return st.builds(lambda n: Money(Decimal(n).scaleb(-2)), st.integers(-limit, limit))


@st.composite
def periods(draw: st.DrawFn, *, after: dt.date | None = None) -> Period:
    """A period, start not before ``after`` when given; either end may be open."""
    start = draw(st.none() | dates()) if after is None else draw(st.none() | st.just(after))
    if start is not None and after is None and draw(st.booleans()):
        start = draw(dates())
    low = start or dt.date(1995, 1, 1)
    end = draw(st.none() | st.dates(low, dt.date(2040, 12, 31)))
    return Period(start, end)


@st.composite
def sources(draw: st.DrawFn, documents: Sequence[str] | None = None) -> Source:
    document = draw(st.sampled_from(documents) if documents else ids())
    span = draw(st.none() | st.tuples(st.integers(0, 500), st.integers(0, 500)).map(sorted))
    return Source(
        document, locator=draw(texts(8)), quote=draw(texts()), span=tuple(span) if span else None
    )


@st.composite
def responsibility_lists(
    draw: st.DrawFn, units: Sequence[str], max_size: int = 6
) -> tuple[Responsibility, ...]:
    """Responsibilities as a text states them: a plain listing or stated roles."""
    chosen = draw(st.lists(st.sampled_from(units), unique=True, max_size=max_size))
    style = draw(st.sampled_from(["listing", "roles", "mixed"]))
    if style == "listing":
        return Responsibility.from_listing(chosen)
    if style == "roles":
        leads = draw(st.integers(0, len(chosen)))
        return Responsibility.from_roles(chosen[:leads], chosen[leads:])
    result = []
    for i, unit in enumerate(chosen):
        role = draw(st.sampled_from(Role))
        explicit = role is not Role.LEAD or i > 0 or draw(st.booleans())
        result.append(Responsibility(unit, role, explicit=explicit))
    return tuple(result)


def responsibilities(units: Sequence[str] = ("a", "b", "c")) -> st.SearchStrategy[Responsibility]:
    return st.builds(Responsibility, st.sampled_from(units), st.sampled_from(Role), st.booleans())


@st.composite
def risk_sharings(draw: st.DrawFn, parties: Sequence[str]) -> RiskSharing:
    """Shares that sum to 1: from a ratio (2:2:4:2, 1:1:1) or from stated shares."""
    chosen = draw(st.lists(st.sampled_from(parties), min_size=1, max_size=5, unique=True))
    if draw(st.booleans()):
        weights = draw(
            st.lists(st.integers(0, 12), min_size=len(chosen), max_size=len(chosen)).filter(any)
        )
        return RiskSharing.from_ratio(":".join(map(str, weights)), chosen)
    cents = draw(
        st.lists(st.integers(0, 100), min_size=len(chosen) - 1, max_size=len(chosen) - 1).filter(
            lambda xs: sum(xs) <= 100
        )
    )
    cents.append(100 - sum(cents))
    shares = [Share(p, Decimal(c).scaleb(-2)) for p, c in zip(chosen, cents, strict=True)]
    return RiskSharing(shares, basis=draw(texts(10)))


def _values(unit: Unit) -> st.SearchStrategy[Decimal | Money]:
    numbers = decimals(2, 10**12)
    return st.one_of(numbers, moneys(2, 10**14)) if unit is Unit.YUAN else numbers


def observations(
    unit: Unit = Unit.COUNT, documents: Sequence[str] | None = None
) -> st.SearchStrategy[Observation]:
    return st.builds(
        Observation,
        dates(),
        _values(unit),
        st.sampled_from(Qualifier),
        st.none() | sources(documents),
        texts(10),
    )


def targets(
    unit: Unit = Unit.COUNT, documents: Sequence[str] | None = None
) -> st.SearchStrategy[Target]:
    return st.builds(
        Target,
        dates(),
        _values(unit),
        st.sampled_from(Qualifier),
        st.none() | dates(),
        st.none() | sources(documents),
        texts(10),
    )


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    """Valid 统一社会信用代码: registration marks, a 6-digit area code, a body, a check char."""
    head = draw(st.text(CREDIT_CODE_ALPHABET, min_size=2, max_size=2))
    area = draw(st.text("0123456789", min_size=6, max_size=6))
    body = draw(st.text(CREDIT_CODE_ALPHABET, min_size=9, max_size=9))
    first17 = head + area + body
    return first17 + credit_code_check_char(first17)


@st.composite
def criteria_versions(
    draw: st.DrawFn, documents: Sequence[str] | None = None
) -> tuple[CriteriaVersion, ...]:
    """Dated criteria that follow one another without overlap."""
    count = draw(st.integers(0, 3))
    day = draw(dates(2000, 2020))
    versions = []
    for i in range(count):
        last = i == count - 1
        end = (
            None if last and draw(st.booleans()) else day + dt.timedelta(draw(st.integers(0, 900)))
        )
        versions.append(
            CriteriaVersion(
                Period(day, end),
                draw(texts()),
                citation=draw(texts(10)),
                document=draw(st.none() | st.sampled_from(documents)) if documents else None,
                source=draw(st.none() | sources(documents)) if documents else None,
            )
        )
        if end is not None:
            day = end + dt.timedelta(1)
    return tuple(draw(st.permutations(versions)))


def _some(pool: Sequence[str], max_size: int = 3) -> st.SearchStrategy[list[str]]:
    if not pool:
        return st.just([])
    return st.lists(st.sampled_from(pool), max_size=max_size, unique=True)


def _maybe(pool: Sequence[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(pool) if pool else st.none()


def _common(draw: st.DrawFn, record_id: str, documents: Sequence[str]) -> dict[str, Any]:
    return {
        "id": record_id,
        "name": draw(names()),
        "valid": draw(periods()),
        "sources": draw(st.lists(sources(documents), max_size=2)) if documents else (),
        "notes": draw(texts(12)),
    }


# ----------------------------------------------------------------------------- records


@st.composite
def jurisdictions(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    parents: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Jurisdiction:
    return Jurisdiction(
        **_common(draw, record_id or draw(ids()), documents),
        level=draw(st.sampled_from(Level)),
        parent=draw(_maybe(parents)),
    )


@st.composite
def agencies(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    jurisdictions: Sequence[str] = (),
    parents: Sequence[str] = (),
    members: Sequence[str] = (),
    successors: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Agency:
    common = _common(draw, record_id or draw(ids()), documents)
    follow = draw(_some(successors, 2))
    if follow:  # a reorganised unit: its validity ends, its successors start no earlier
        start = common["valid"].start
        low = start or dt.date(1995, 1, 1)
        end = draw(st.dates(low, max(low, dt.date(2030, 1, 1))))
        common["valid"] = Period(start, end)
    collective = draw(st.booleans()) if members else False
    return Agency(
        **common,
        agency_kind=AgencyKind.COLLECTIVE if collective else draw(st.sampled_from(AgencyKind)),
        level=draw(st.none() | st.sampled_from(Level)),
        jurisdiction=draw(_maybe(jurisdictions)),
        parent=draw(_maybe(parents)),
        successors=follow,
        collective=collective,
        members=draw(_some(members, 4)) if collective else (),
        member_rule=draw(texts(10)) if collective else "",
    )


#: How 任务分工表 write a 完成时限, to build deadline texts from (``{y}`` year, ``{m}`` month…).
DEADLINE_FORMS = (
    "{y}年底前",
    "{y}年年底前",
    "{y}年{m}月底前",
    "{y}年{m}月",
    "{y}年{m}月{d}日前",
    "{y}年",
    "{y}年内",
    "{y}年上半年",
    "{y}年下半年",
    "{y}年第{q}季度",
    "{y}年{m}月前",
    "于{y}年{m}月底前完成",
    "长期坚持",
    "持续推进",
    "常态化",
    "{m}月底前",
)


@st.composite
def deadline_texts(draw: st.DrawFn) -> str:
    """A 完成时限 as a notice writes it (in digits, full-width digits or free text)."""
    if draw(st.integers(0, 5)) == 0:
        return draw(labels())
    text = draw(st.sampled_from(DEADLINE_FORMS)).format(
        y=draw(st.integers(1995, 2035)),
        m=draw(st.integers(1, 12)),
        d=draw(st.integers(1, 31)),
        q=draw(st.sampled_from("一二三四")),
    )
    if draw(st.booleans()):
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return text


@st.composite
def deadlines(draw: st.DrawFn) -> Deadline:
    """A deadline read from its text, or one whose date was given by hand."""
    text = draw(deadline_texts())
    if draw(st.integers(0, 3)) == 0:
        return Deadline(text, draw(dates()), DeadlineReading.GIVEN)
    if draw(st.integers(0, 5)) == 0:
        return Deadline(text, None, DeadlineReading.ONGOING)
    return Deadline.read(text)


@st.composite
def sections(draw: st.DrawFn) -> tuple[Section, ...]:
    ordinals = draw(st.lists(st.integers(1, 9), unique=True, max_size=4))
    return tuple(Section(o, draw(names()), number=draw(texts(3))) for o in ordinals)


@st.composite
def documents(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    agencies: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> PolicyDocument:
    common = _common(draw, record_id or draw(ids()), documents)
    issued = draw(st.none() | dates(2000, 2030))
    if issued is not None and common["valid"].end is not None and common["valid"].end < issued:
        common["valid"] = Period(common["valid"].start and min(common["valid"].start, issued))
    return PolicyDocument(
        **common,
        document_kind=draw(st.sampled_from(DocumentKind)),
        number=draw(texts(10)),
        issuers=draw(_some(agencies)),
        sealed_by=draw(_maybe(agencies)),
        issued=issued,
        jurisdiction=draw(_maybe(jurisdictions)),
        sections=draw(sections()),
        addressees=draw(st.lists(labels(), max_size=4)),
        truncated=draw(st.booleans()),
        publisher=draw(texts(8)),
    )


@st.composite
def measures(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    document: PolicyDocument | str | None = None,
    ordinal: int | None = None,
    agencies: Sequence[str] = ("a",),
    beneficiaries: Sequence[str] = (),
    funds: Sequence[str] = (),
    platforms: Sequence[str] = (),
    tiers: Sequence[str] = (),
    ladders: Sequence[str] = (),
    indicators: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Measure:
    doc = document if isinstance(document, PolicyDocument) else None
    doc_id = doc.id if doc else (document if isinstance(document, str) else draw(ids()))
    common = _common(draw, record_id or draw(ids()), documents)
    if doc is not None and doc.issued is not None:
        start = common["valid"].start
        if start is not None and start < doc.issued:
            common["valid"] = Period(
                doc.issued, common["valid"].end and max(common["valid"].end, doc.issued)
            )
    stated = draw(st.booleans()) or not agencies
    section_pool = [s.ordinal for s in doc.sections] if doc is not None else []
    return Measure(
        **common,
        document=doc_id,
        ordinal=ordinal if ordinal is not None else draw(st.integers(1, 60)),
        number=draw(texts(4)),
        section=draw(st.none() | st.sampled_from(section_pool)) if section_pool else None,
        text=draw(texts(40)),
        responsibilities=draw(responsibility_lists(agencies)) if stated and agencies else (),
        responsibility_stated=stated,
        beneficiaries=draw(_some(beneficiaries)),
        instruments=draw(st.lists(st.sampled_from(["subsidy", "loan", "guarantee"]), max_size=2)),
        funds=draw(_some(funds)),
        platforms=draw(_some(platforms)),
        tiers=draw(_some(tiers)),
        ladders=draw(_some(ladders)),
        indicators=draw(_some(indicators)),
        deadline=draw(st.none() | deadlines()),
        truncated=draw(st.booleans()),
    )


@st.composite
def beneficiary_groups(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    broader: Sequence[str] = (),
    tiers: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> BeneficiaryGroup:
    return BeneficiaryGroup(
        **_common(draw, record_id or draw(ids()), documents),
        description=draw(texts()),
        broader=draw(_some(broader)),
        size_classes=draw(
            st.lists(st.sampled_from(["micro", "small", "medium", "large"]), unique=True)
        ),
        tiers=draw(_some(tiers)),
    )


@st.composite
def tiers(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    agencies: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Tier:
    return Tier(
        **_common(draw, record_id or draw(ids()), documents),
        level=draw(st.none() | st.sampled_from(Level)),
        awarded_by=draw(_maybe(agencies)),
        validity_years=draw(st.none() | st.integers(1, 10)),
        unit=draw(st.sampled_from(["enterprise", "product", "technology"])),
        criteria=draw(criteria_versions(documents)),
    )


@st.composite
def ladders(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    tiers: Sequence[str] = ("t",),
    jurisdictions: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> TierLadder:
    return TierLadder(
        **_common(draw, record_id or draw(ids()), documents),
        # one order for every ladder (contradicting ladders are refused): the given order
        tiers=sorted(
            draw(st.lists(st.sampled_from(tiers), min_size=1, max_size=4, unique=True)),
            key=list(tiers).index,
        ),
        jurisdiction=draw(_maybe(jurisdictions)),
        pipeline=draw(st.lists(names(), max_size=3)),
        shape=draw(st.sampled_from(["ladder", "pyramid"])),
    )


@st.composite
def platforms(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    operators: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    networks: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Platform:
    network = draw(_maybe(networks))
    return Platform(
        **_common(draw, record_id or draw(ids()), documents),
        platform_kind=draw(st.sampled_from(PlatformKind)),
        level=draw(st.none() | st.sampled_from(Level)),
        operator=draw(_maybe(operators)),
        jurisdiction=draw(_maybe(jurisdictions)),
        network=network,
        network_role=draw(st.none() | st.sampled_from(NetworkRole)) if network else None,
    )


@st.composite
def funds(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    agencies: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    parents: Sequence[str] = (),
    supports: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Fund:
    record_id = record_id or draw(ids())
    parties = [*agencies, *parents, record_id]
    return Fund(
        **_common(draw, record_id, documents),
        fund_kind=draw(st.sampled_from(FundKind)),
        level=draw(st.none() | st.sampled_from(Level)),
        size=draw(st.none() | amounts(2, 10**14)),
        annual_budget=draw(st.none() | amounts(2, 10**12)),
        manager=draw(_maybe(agencies)),
        jurisdiction=draw(_maybe(jurisdictions)),
        parent=draw(_maybe(parents)),
        partners=draw(_some(parents)),
        supports=draw(_some(supports)),
        compensation_rate=draw(st.none() | st.integers(0, 100).map(lambda c: Decimal(c) / 100)),
        risk_sharing=draw(st.none() | risk_sharings(parties)),
    )


@st.composite
def indicators(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    subjects: Sequence[str] = (),
    related: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Indicator:
    unit = draw(st.sampled_from(Unit))
    return Indicator(
        **_common(draw, record_id or draw(ids()), documents),
        unit=unit,
        unit_zh=draw(st.sampled_from(["", "家", "个", "亿元"])),
        subject=draw(_maybe(subjects)),
        related=draw(_some(related)),
        jurisdiction=draw(_maybe(jurisdictions)),
        observations=draw(st.lists(observations(unit, documents or None), max_size=3)),
        targets=draw(st.lists(targets(unit, documents or None), max_size=2)),
    )


@st.composite
def memberships(
    draw: st.DrawFn, tiers: Sequence[str] = ("t",), documents: Sequence[str] = ()
) -> TierMembership:
    awarded = draw(st.none() | dates(2010, 2030))
    low = awarded or dt.date(2010, 1, 1)
    return TierMembership(
        draw(st.sampled_from(tiers)),
        awarded=awarded,
        expires=draw(st.none() | st.dates(low, dt.date(2040, 1, 1))),
        revoked=draw(st.none() | st.dates(low, dt.date(2040, 1, 1))),
        source=draw(st.none() | sources(documents)) if documents else None,
    )


@st.composite
def enterprises(
    draw: st.DrawFn,
    record_id: str | None = None,
    *,
    tiers: Sequence[str] = (),
    regions: Sequence[str] = (),
    documents: Sequence[str] = (),
) -> Enterprise:
    return Enterprise(
        **_common(draw, record_id or draw(ids()), documents),
        credit_code=draw(st.none() | credit_codes()),
        industry=draw(st.none() | st.sampled_from(["工业", "批发业", "软件和信息技术服务业"])),
        employees=draw(st.none() | st.integers(0, 100_000)),
        revenue=draw(st.none() | amounts(2, 10**13)),
        total_assets=draw(st.none() | amounts(2, 10**13)),
        founded=draw(st.none() | dates()),
        region=draw(_maybe(regions)),
        ownership=draw(st.none() | st.sampled_from(["private", "state", "foreign"])),
        memberships=draw(st.lists(memberships(tiers, documents), max_size=3)) if tiers else (),
    )


# ----------------------------------------------------------------------------- ecosystems


def _ids(draw: st.DrawFn, prefix: str, low: int, high: int) -> list[str]:
    """Unique ids: a kind prefix, a counter, and sometimes a drawn tail."""
    count = draw(st.integers(low, high))
    tail = st.one_of(st.just(""), st.from_regex(r"-[a-z0-9_.]{1,6}", fullmatch=True))
    return [f"{prefix}{i}{draw(tail)}" for i in range(count)]


@st.composite
def ecosystems(draw: st.DrawFn, *, max_measures: int = 8) -> list[Record]:
    """Records of one valid ecosystem: every reference resolves, every rule holds.

    Records come in an order where each is added after what it refers to is drawn, but
    :class:`~smeeco.Ecosystem` does not need that: one ``add`` takes them all.
    """
    jur_ids = _ids(draw, "j", 0, 3)
    agency_ids = _ids(draw, "a", 1, 6)
    doc_ids = _ids(draw, "d", 1, 3)
    tier_ids = _ids(draw, "t", 0, 3)
    ladder_ids = _ids(draw, "l", 0, 2) if tier_ids else []
    group_ids = _ids(draw, "b", 0, 3)
    ent_ids = _ids(draw, "e", 0, 2)
    platform_ids = _ids(draw, "p", 0, 3)
    fund_ids = _ids(draw, "f", 0, 3)
    ind_ids = _ids(draw, "i", 0, 2)
    docs = doc_ids
    records: list[Record] = []

    for i, jid in enumerate(jur_ids):
        records.append(draw(jurisdictions(jid, parents=jur_ids[:i], documents=docs)))
    agency_records: list[Agency] = []
    for i, aid in enumerate(agency_ids):
        plain = [a.id for a in agency_records if not a.collective]
        later = agency_ids[i + 1 :]
        agency = draw(
            agencies(
                aid,
                jurisdictions=jur_ids,
                parents=agency_ids[:i],
                members=plain,
                successors=later,
                documents=docs,
            )
        )
        agency_records.append(agency)
    # a successor may not start before the unit it succeeds (successors come later)
    fixed = {agency.id: agency for agency in agency_records}
    for aid in agency_ids:
        agency = fixed[aid]
        for successor in agency.successors:
            other = fixed[successor]
            start = agency.valid.start
            if other.valid.start is not None and start is not None and other.valid.start < start:
                end = other.valid.end and max(other.valid.end, start)
                fixed[successor] = attrs.evolve(other, valid=Period(start, end))
    records.extend(fixed.values())
    for tid in tier_ids:
        records.append(draw(tiers(tid, agencies=agency_ids, documents=docs)))
    for lid in ladder_ids:
        records.append(draw(ladders(lid, tiers=tier_ids, jurisdictions=jur_ids, documents=docs)))
    for i, bid in enumerate(group_ids):
        records.append(
            draw(beneficiary_groups(bid, broader=group_ids[:i], tiers=tier_ids, documents=docs))
        )
    for eid in ent_ids:
        records.append(draw(enterprises(eid, tiers=tier_ids, regions=jur_ids, documents=docs)))
    for i, pid in enumerate(platform_ids):
        records.append(
            draw(
                platforms(
                    pid,
                    operators=[*agency_ids, *ent_ids],
                    jurisdictions=jur_ids,
                    networks=platform_ids[:i],
                    documents=docs,
                )
            )
        )
    for i, fid in enumerate(fund_ids):
        records.append(
            draw(
                funds(
                    fid,
                    agencies=agency_ids,
                    jurisdictions=jur_ids,
                    parents=fund_ids[:i],
                    supports=[*tier_ids, *group_ids, *platform_ids, *ent_ids],
                    documents=docs,
                )
            )
        )
    document_records = [
        draw(documents(did, agencies=agency_ids, jurisdictions=jur_ids, documents=docs))
        for did in doc_ids
    ]
    records.extend(document_records)
    measure_ids: list[str] = []
    for doc in document_records:
        count = draw(st.integers(0, max_measures // len(document_records) + 1))
        ordinals = draw(st.lists(st.integers(1, 40), min_size=count, max_size=count, unique=True))
        for ordinal in ordinals:
            mid = f"{doc.id}.m{ordinal:02d}"
            measure_ids.append(mid)
            records.append(
                draw(
                    measures(
                        mid,
                        document=doc,
                        ordinal=ordinal,
                        agencies=agency_ids,
                        beneficiaries=group_ids,
                        funds=fund_ids,
                        platforms=platform_ids,
                        tiers=tier_ids,
                        ladders=ladder_ids,
                        indicators=ind_ids,
                        documents=docs,
                    )
                )
            )
    subjects = [*tier_ids, *platform_ids, *fund_ids, *group_ids, *agency_ids, *ent_ids, *jur_ids]
    for i, iid in enumerate(ind_ids):
        records.append(
            draw(
                indicators(
                    iid,
                    subjects=subjects,
                    related=[*subjects[: -len(jur_ids) or None], *measure_ids, *ind_ids[:i]],
                    jurisdictions=jur_ids,
                    documents=docs,
                )
            )
        )
    return records


def shuffled(records: Sequence[T]) -> st.SearchStrategy[list[T]]:
    """The same records in another order."""
    return st.permutations(list(records))

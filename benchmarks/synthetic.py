"""A synthetic, national-scale corpus of smeeco records, for benchmarks and tests.

The corpus is fictional and deterministic (one seed, one corpus): jurisdictions (a nation,
provinces, cities), agencies drawn per jurisdiction (a few collective units with members,
a few reorganised ones with successors), documents issued by them, measures with
responsible units in stated order — sometimes with stated roles, sometimes a plain listing
where the first unit leads — plus a small ladder of tiers, beneficiary groups, funds,
platforms and indicators that the measures name.

>>> from benchmarks.synthetic import generate
>>> records = generate(documents=2, measures_per_document=3, agencies=12)
>>> import smeeco
>>> eco = smeeco.Ecosystem(records)
>>> eco.counts()["measure"], eco.counts()["document"]
(6, 2)
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from smeeco import (
    Agency,
    BeneficiaryGroup,
    Fund,
    Indicator,
    Jurisdiction,
    Measure,
    Name,
    Observation,
    Period,
    Platform,
    PolicyDocument,
    Record,
    Responsibility,
    RiskSharing,
    Section,
    Source,
    Target,
    Tier,
    TierLadder,
)

__all__ = ["generate"]

_DEPARTMENTS = (
    ("工业和信息化局", "Bureau of Industry and IT", "工信局"),
    ("财政局", "Finance Bureau", ""),
    ("发展改革委", "Development and Reform Commission", "发改委"),
    ("科学技术局", "Science and Technology Bureau", "科技局"),
    ("商务局", "Commerce Bureau", ""),
    ("人力资源和社会保障局", "Human Resources and Social Security Bureau", "人社局"),
    ("市场监督管理局", "Market Regulation Administration", "市场监管局"),
    ("地方金融监督管理局", "Local Financial Supervision Bureau", "金融局"),
    ("税务局", "Tax Service", ""),
    ("生态环境局", "Ecology and Environment Bureau", ""),
)


def _src(document: str, locator: str = "") -> tuple[Source, ...]:
    return (Source(document, locator),)


def generate(
    *,
    documents: int = 1000,
    measures_per_document: int = 25,
    agencies: int = 300,
    units_per_measure: int = 4,
    provinces: int = 30,
    seed: int = 0,
) -> list[Record]:
    """Records of a synthetic ecosystem; references always resolve.

    ``units_per_measure`` is the mean number of responsible units (1 to twice the mean,
    never more than there are agencies). The first document is the one every record
    cites as its source.
    """
    rng = random.Random(seed)
    origin = "doc-0000"
    records: list[Record] = []

    # Jurisdictions: the nation and its provinces, each with one city.
    places = ["cn"]
    records.append(
        Jurisdiction(id="cn", name=Name("全国", "China"), level="national", sources=_src(origin))
    )
    for p in range(provinces):
        pid, cid = f"p{p:02d}", f"p{p:02d}-c"
        places += [pid, cid]
        records.append(
            Jurisdiction(
                id=pid,
                name=Name(f"第{p}省", f"Province {p}"),
                level="provincial",
                parent="cn",
                sources=_src(origin),
            )
        )
        records.append(
            Jurisdiction(
                id=cid,
                name=Name(f"第{p}省会市", f"Capital of province {p}"),
                level="municipal",
                parent=pid,
                sources=_src(origin),
            )
        )

    # Agencies: departments of each place, round-robin; every 25th is a collective of the
    # ten before it; every 40th was reorganised into the one after it.
    agency_ids: list[str] = []
    plain: list[str] = []
    for a in range(agencies):
        place = places[a % len(places)]
        zh, en, short = _DEPARTMENTS[a % len(_DEPARTMENTS)]
        aid = f"ag-{a:04d}"
        agency_ids.append(aid)
        extra: dict[str, object] = {}
        if a % 25 == 24 and len(plain) >= 10:
            extra = {"collective": True, "agency_kind": "collective", "members": plain[-10:]}
        elif a % 40 == 39 and a + 1 < agencies:
            extra = {"valid": Period(end=dt.date(2023, 7, 19)), "successors": (f"ag-{a + 1:04d}",)}
        else:
            plain.append(aid)
        records.append(
            Agency(
                id=aid,
                name=Name(
                    f"{place}{zh}{a}",
                    f"{en} {a} of {place}",
                    aliases=(f"{place}{short}{a}",) if short else (),
                ),
                jurisdiction=place,
                sources=_src(origin, "header"),
                **extra,  # type: ignore[arg-type]
            )
        )

    # What measures name besides agencies.
    records.append(
        BeneficiaryGroup(
            id="smes",
            name=Name("中小微企业", "SMEs"),
            size_classes=("micro", "small", "medium"),
            sources=_src(origin),
        )
    )
    records.append(
        BeneficiaryGroup(
            id="small-micro",
            name=Name("小微企业", "Small and micro"),
            broader=("smes",),
            size_classes=("micro", "small"),
            sources=_src(origin),
        )
    )
    tier_ids = ("seed", "srdi", "giant")
    for tid in tier_ids:
        records.append(
            Tier(
                id=tid,
                name=Name(f"层级{tid}", tid),
                level="national",
                awarded_by=plain[0],
                sources=_src(origin),
            )
        )
    records.append(
        TierLadder(
            id="ladder", name=Name("梯度培育", "Ladder"), tiers=tier_ids, sources=_src(origin)
        )
    )
    records.append(
        Platform(
            id="net",
            name=Name("平台网络", "Network"),
            platform_kind="network",
            jurisdiction="cn",
            sources=_src(origin),
        )
    )
    records.append(
        Platform(
            id="hub",
            name=Name("枢纽平台", "Hub"),
            platform_kind="public_service",
            network="net",
            network_role="hub",
            operator=plain[0],
            jurisdiction="cn",
            sources=_src(origin),
        )
    )
    records.append(
        Fund(
            id="fund-a",
            name=Name("专项资金", "Special fund"),
            fund_kind="special_fund",
            manager=plain[1 % len(plain)],
            annual_budget="3亿元",
            supports=("srdi",),
            sources=_src(origin),
        )
    )
    records.append(
        Fund(
            id="fund-g",
            name=Name("融担基金", "Guarantee fund"),
            fund_kind="guarantee_fund",
            risk_sharing=RiskSharing.from_ratio(
                "2:2:4:2", ["fund-a", "fund-g", plain[0], plain[1 % len(plain)]]
            ),
            sources=_src(origin),
        )
    )
    records.append(
        Indicator(
            id="ind",
            name=Name("专精特新企业数", "SRDI count"),
            unit="count",
            subject="srdi",
            observations=(Observation(dt.date(2021, 12, 31), 120),),
            targets=(Target(dt.date(2025, 12, 31), 300),),
            sources=_src(origin),
        )
    )

    # Documents and their measures.
    named = agency_ids
    for d in range(documents):
        doc_id = f"doc-{d:04d}"
        issued = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 8 * 365))
        issuers = tuple(rng.sample(plain, k=min(len(plain), rng.choice((1, 1, 2)))))
        records.append(
            PolicyDocument(
                id=doc_id,
                name=Name(f"关于支持中小企业发展的若干措施（{d}）", f"Measures no. {d}"),
                number=f"示〔{issued.year}〕{d}号",
                issuers=issuers,
                issued=issued,
                jurisdiction=places[d % len(places)],
                sections=tuple(
                    Section(s, Name(f"第{s}部分", f"Part {s}"), number=str(s)) for s in (1, 2, 3)
                ),
                sources=_src(origin),
            )
        )
        for m in range(1, measures_per_document + 1):
            count = max(1, min(len(named), rng.randint(1, 2 * units_per_measure - 1)))
            units = rng.sample(named, k=count)
            responsibilities: Sequence[Responsibility]
            if rng.random() < 0.5:
                responsibilities = Responsibility.from_listing(units)
            else:
                leads = rng.randint(1, min(2, count))
                responsibilities = Responsibility.from_roles(units[:leads], units[leads:])
            extra: dict[str, object] = {}
            roll = rng.random()
            if roll < 0.3:
                extra["beneficiaries"] = (rng.choice(("smes", "small-micro")),)
            if roll < 0.1:
                extra["tiers"] = (rng.choice(tier_ids),)
            if roll > 0.9:
                extra["funds"] = (rng.choice(("fund-a", "fund-g")),)
            records.append(
                Measure(
                    id=f"{doc_id}.m{m:02d}",
                    name=Name(f"措施{m}", f"Measure {m}"),
                    document=doc_id,
                    ordinal=m,
                    number=f"({m})",
                    section=1 + (m - 1) * 3 // measures_per_document,
                    responsibilities=responsibilities,
                    sources=_src(doc_id, f"({m})"),
                    **extra,  # type: ignore[arg-type]
                )
            )
    return records

"""Extending smeeco as a downstream package would (docs/extending.md runs the same code).

A downstream project adds a field to a record type, a brand-new record kind with its own
relation, and ships a data pack through the ``smeeco.datasets`` entry-point group. It
registers everything in its own copy of the registry, so nothing leaks into
``smeeco.default_registry`` (or into other tests).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import smeeco
from smeeco import Measure, Money, Name, Record, Reference, ref

# --- the downstream package's code --------------------------------------------------


@attrs.frozen(kw_only=True)
class FundedMeasure(Measure):
    """A measure with the budget the text sets aside for it."""

    budget: Money | None = attrs.field(
        default=None, converter=attrs.converters.optional(Money.parse)
    )


@attrs.frozen(kw_only=True)
class Programme(Record):
    """A programme (专项行动) an agency runs, made of measures."""

    kind: ClassVar[str] = "programme"

    run_by: str
    measures: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def references(self) -> Iterator[Reference]:
        yield from super().references()  # the sources' documents
        yield ref("run_by", self.run_by, "agency", relation="runs", reverse=True)
        for i, measure in enumerate(self.measures):
            yield ref(f"measures[{i}]", measure, "measure", relation="contains", order=i)


registry = smeeco.default_registry.copy()
registry.register_type("funded-measure", FundedMeasure)
registry.register_kind(Programme, collection="programmes")
registry.register_relation("runs", "agency runs programme")

# --- tests ----------------------------------------------------------------------------


def _records() -> list[Record]:
    base = list(smeeco.load("example").records())
    return [
        *base,
        FundedMeasure(
            id="ex-2022-measures.m04",
            name=Name("专精特新专项奖励", "SRDI awards"),
            document="ex-2022-measures",
            ordinal=4,
            responsibilities=smeeco.Responsibility.from_listing(["ex-miit", "ex-finance"]),
            budget="5000万元",
        ),
        Programme(
            id="ex-srdi-programme",
            name=Name("专精特新培育行动", "SRDI cultivation programme"),
            run_by="ex-miit",
            measures=["ex-2022-measures.m01", "ex-2022-measures.m04"],
            sources=[smeeco.Source("ex-2022-measures", "一")],
        ),
    ]


def test_extensions_are_stored_and_queried() -> None:
    eco = smeeco.Ecosystem(_records(), registry=registry)
    (programme,) = eco.of(Programme)
    assert programme.run_by == "ex-miit"
    funded = eco.require("ex-2022-measures.m04", FundedMeasure)
    assert funded.budget == Money.parse("0.5亿元")
    assert funded in eco.measures  # a subclass is still a measure for every query
    assert smeeco.lead_unit(eco, funded) == "ex-miit"
    assert eco.counts()["programme"] == 1
    assert [r.id for r in eco.find("专精特新培育行动")] == ["ex-srdi-programme"]


def test_extensions_are_graphed() -> None:
    g = smeeco.Ecosystem(_records(), registry=registry).graph
    assert g.nodes["ex-srdi-programme"]["kind"] == "programme"
    assert g.edges["ex-miit", "ex-srdi-programme", "runs"] == {"relation": "runs"}
    contained = [
        (v, d["order"])
        for _u, v, d in g.out_edges("ex-srdi-programme", data=True)
        if d["relation"] == "contains"
    ]
    assert contained == [("ex-2022-measures.m01", 0), ("ex-2022-measures.m04", 1)]


def test_repeated_edges_get_numbered_keys_and_the_relation_name_is_reserved() -> None:
    records = _records()
    programme = records[-1]
    assert isinstance(programme, Programme)
    twice = attrs.evolve(programme, measures=["ex-2022-measures.m01"] * 3)
    g = smeeco.Ecosystem([*records[:-1], twice], registry=registry).graph
    keys = sorted(k for _u, v, k in g.out_edges("ex-srdi-programme", keys=True))
    assert keys == ["contains", "contains#1", "contains#2"]
    assert [g.edges["ex-srdi-programme", "ex-2022-measures.m01", k]["order"] for k in keys] == [
        0,
        1,
        2,
    ]

    @attrs.frozen(kw_only=True)
    class Clashing(Programme):
        def references(self) -> Iterator[Reference]:
            yield Reference("run_by", self.run_by, ("agency",), "runs", True, (("relation", 1),))

    clashing = registry.copy()
    clashing.register_type("clashing", Clashing)
    bad = Clashing(id="ex-clash", name=Name("冲突", "Clash"), run_by="ex-miit")
    eco = smeeco.Ecosystem([*records[:-1], bad], registry=clashing)
    with pytest.raises(smeeco.RegistryError, match="'run_by' an edge attribute named 'relation'"):
        eco.graph  # noqa: B018 - the graph is built on access


def test_bad_references_in_a_new_kind_are_reported_with_their_path() -> None:
    records = _records()
    records[-1] = attrs.evolve(records[-1], run_by="ex-mitt", measures=["ex-2022-measures.m09"])
    with pytest.raises(smeeco.ValidationError) as info:
        smeeco.Ecosystem(records, registry=registry)
    problems = {p.path: p.message for p in info.value.problems}
    assert set(problems) == {"programmes[0].run_by", "programmes[0].measures[0]"}
    assert "unknown agency 'ex-mitt'; did you mean 'ex-miit'" in problems["programmes[0].run_by"]


def test_the_default_registry_is_left_alone() -> None:
    assert "programme" not in smeeco.default_registry.kinds
    assert "runs" not in smeeco.default_registry.relations
    assert "funded-measure" not in smeeco.default_registry.types
    with pytest.raises(smeeco.ValidationError) as info:
        smeeco.Ecosystem(_records())  # without the registry, the new kind is unknown
    assert "record kind 'programme'" in str(info.value)


def test_registration_mistakes_are_caught() -> None:
    other = smeeco.default_registry.copy()
    with pytest.raises(smeeco.RegistryError, match="subclass it and use register_type"):
        other.register_kind(FundedMeasure)  # a subclass of a kind is a type, not a kind
    with pytest.raises(smeeco.RegistryError, match="already used by 'measure'"):
        other.register_kind(Programme, collection="measures")
    with pytest.raises(smeeco.RegistryError, match="must subclass a registered record kind"):
        other.register_type("programme", Programme)
    with pytest.raises(smeeco.RegistryError, match="identifier"):
        other.register_relation("runs by", "…")
    other.register_type("funded-measure", FundedMeasure)
    with pytest.raises(smeeco.RegistryError, match="already registered"):
        other.register_type("funded-measure", Measure)


def test_extensions_round_trip_through_a_yaml_pack(tmp_path: Path) -> None:
    eco = smeeco.Ecosystem(_records(), registry=registry, name="srdi-programme")
    path = smeeco.write_pack(eco, tmp_path / "srdi-programme.yaml")
    text = path.read_text(encoding="utf-8")
    assert "- type: funded-measure\n  id: ex-2022-measures.m04" in text
    assert "budget: 5000万元" in text
    assert "\nprogrammes:\n- id: ex-srdi-programme\n" in text
    back = smeeco.read_pack(path, registry=registry)
    assert list(back.records()) == list(eco.records())
    assert type(back["ex-2022-measures.m04"]) is FundedMeasure
    with pytest.raises(smeeco.ValidationError) as info:
        smeeco.read_pack(path)  # the default registry knows neither the tag nor the list
    assert {p.path for p in info.value.problems} == {
        "srdi-programme.yaml:measures[3].type",
        "srdi-programme.yaml:programmes",
    }


def test_a_pack_shipped_through_the_entry_point_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `pip install smeeco-srdi` would put on sys.path: a module with the pack, and the
    # entry point declared in pyproject.toml as
    #   [project.entry-points."smeeco.datasets"]
    #   srdi-programme = "smeeco_srdi:pack_file"
    package = tmp_path / "site"
    package.mkdir()
    smeeco.write_pack(  # a pack of just the two new records; it requires the example
        _records()[-2:],
        package / "srdi-programme.yaml",
        registry=registry,
        info=smeeco.PackInfo(
            name="srdi-programme",
            requires=("example",),
            description="SRDI programme (downstream demo)",
        ),
    )
    (package / "smeeco_srdi.py").write_text(
        textwrap.dedent("""
        from pathlib import Path

        def pack_file() -> Path:
            return Path(__file__).with_name("srdi-programme.yaml")
    """),
        encoding="utf-8",
    )
    dist = package / "smeeco_srdi-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: smeeco-srdi\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[smeeco.datasets]\nsrdi-programme = smeeco_srdi:pack_file\n"
    )
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.delitem(sys.modules, "smeeco_srdi", raising=False)

    from smeeco.datasets import available

    assert "srdi-programme" in available()
    eco = smeeco.load("srdi-programme", registry=registry)  # requires the bundled example
    assert [p.name for p in eco.packs] == ["example", "srdi-programme"]
    assert smeeco.lead_unit(eco, "ex-2022-measures.m04") == "ex-miit"
    assert eco.graph.has_edge("ex-miit", "ex-srdi-programme", "runs")

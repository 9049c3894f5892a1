"""Every bad rule pack from ``make_bad_rule_packs.py`` is refused, naming every broken place."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_bad_rule_packs import BadRulePack, generate
from smeeco.errors import RuleError, RulePackError, ValidationError
from smeeco.rules import read_rules

PACKS = list(generate())


def test_the_generator_covers_many_rules() -> None:
    assert len(PACKS) >= 45
    assert len({p.rule for p in PACKS}) == len(PACKS)


@pytest.mark.parametrize("pack", PACKS, ids=[p.rule for p in PACKS])
def test_each_bad_rule_pack_is_refused_with_its_paths(pack: BadRulePack) -> None:
    with pytest.raises(RuleError) as caught:
        read_rules(pack.text, "bad.yaml")
    error = caught.value
    assert isinstance(error, RulePackError)
    assert isinstance(error, ValidationError)
    shown = str(error)
    assert shown.startswith(f"{len(error.problems)} problem")
    assert "bad.yaml" in shown
    for wanted in pack.expect:
        assert wanted in shown, (pack.rule, wanted, shown)


def test_several_mistakes_are_reported_together() -> None:
    (pack,) = [p for p in PACKS if p.rule == "five-at-once"]
    with pytest.raises(RulePackError) as caught:
        read_rules(pack.text, "bad.yaml")
    assert len(caught.value.problems) == 5
    assert sorted(p.path.rsplit(".", 1)[-1] for p in caught.value.problems) == [
        "min",
        "notes",
        "op",
        "points",
        "size",
    ]


def test_the_bundled_pack_reads_and_every_change_is_one_problem() -> None:
    from make_bad_rule_packs import CHANGES, bundled
    from smeeco.io.packtext import dump_yaml

    assert read_rules(dump_yaml(bundled()), "good.yaml")
    singles = {rule for rule, _change, _expect in CHANGES}
    for pack in PACKS:
        if pack.rule in singles:
            with pytest.raises(RulePackError) as caught:
                read_rules(pack.text, "bad.yaml")
            assert len(caught.value.problems) == 1, (pack.rule, str(caught.value))

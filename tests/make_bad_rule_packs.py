"""Generate bad rule packs: the bundled tier criteria with one thing (or several) broken.

The sibling of ``make_bad_packs.py`` for ``rules/national-tier-criteria.yaml``. Each bad
pack knows what the reader must say: the path of every broken place and its value.
``tests/test_bad_rule_packs.py`` reads every one; run this file to write them out::

    python tests/make_bad_rule_packs.py /tmp/bad-rule-packs
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from smeeco.io.packtext import dump_yaml, read_text

V0 = "tiers[0].versions[0]"
C0 = f"{V0}.criterion"  # all: [size, compliant, any: [score, award, title, rd, equity]]
SCORE = f"{C0}.all[2].any[0].score"


@dataclass(frozen=True)
class BadRulePack:
    """One broken rule pack and the substrings its error must hold (paths, values)."""

    rule: str
    text: str
    expect: tuple[str, ...]


def bundled() -> dict[str, Any]:
    text = (
        resources.files("smeeco.rules").joinpath("national-tier-criteria.yaml").read_text("utf-8")
    )
    data, problems = read_text(text, "yaml", "national-tier-criteria.yaml")
    assert not problems, problems
    assert isinstance(data, dict)
    return data


def _at(data: Any, path: str) -> Any:
    """The node at a pack path such as ``tiers[0].versions[0].criterion``."""
    node = data
    for part in filter(None, path.replace("]", "").replace("[", ".").split(".")):
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def _set(path: str, key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        _at(data, path)[key] = value

    return change


def _drop(path: str, key: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del _at(data, path)[key]

    return change


#: (rule, change, expected substrings): one broken place each.
CHANGES: list[tuple[str, Callable[[dict[str, Any]], None], tuple[str, ...]]] = [
    ("mark-unverified", _set(V0, "mark", "U"), (f"{V0}.mark", "'U'", "V or P")),
    ("mark-missing", _drop(V0, "mark"), (f"{V0}.mark", "required key 'mark'")),
    ("citation-empty", _set(V0, "citation", " "), (f"{V0}.citation", "citation")),
    ("citation-number", _set(V0, "citation", 5), (f"{V0}.citation",)),
    ("start-bad-date", _set(V0, "start", "2024-13-01"), (f"{V0}.start", "'2024-13-01'")),
    ("start-number", _set(V0, "start", 20240101), (f"{V0}.start", "20240101")),
    ("notes-number", _set(V0, "notes", 3), (f"{V0}.notes", "got a number 3")),
    ("version-unknown-key", _set(V0, "critera", 1), (f"{V0}.critera", "unknown key 'critera'")),
    ("criterion-missing", _drop(V0, "criterion"), (f"{V0}.criterion", "required key")),
    ("criterion-text", _set(V0, "criterion", "x"), (C0, "must be a mapping", "'x'")),
    ("tier-number", _set("tiers[0]", "tier", 5), ("tiers[0].tier", "got a number 5")),
    ("tier-unknown-key", _set("tiers[0]", "nme", "x"), ("tiers[0].nme", "did you mean 'name'")),
    ("versions-empty", _set("tiers[0]", "versions", []), ("tiers[0].versions", "non-empty")),
    ("versions-text", _set("tiers[0]", "versions", "v1"), ("tiers[0].versions", "'v1'")),
    ("two-kinds", _set(f"{C0}.all[1]", "size", ["small"]), (f"{C0}.all[1]", "exactly one kind")),
    ("no-kind", _drop(f"{C0}.all[1]", "column"), (f"{C0}.all[1]", "exactly one kind")),
    ("op-unknown", _set(f"{C0}.all[1]", "op", "=>"), (f"{C0}.all[1].op", "'=>'")),
    ("value-text", _set(f"{C0}.all[1]", "value", "true"), (f"{C0}.all[1].value", "'true'")),
    ("compare-extra", _set(f"{C0}.all[1]", "of", 2), (f"{C0}.all[1].of", "unknown key 'of'")),
    ("label-number", _set(f"{C0}.all[1]", "label", 7), (f"{C0}.all[1].label", "number 7")),
    ("size-unknown", _set(f"{C0}.all[0]", "size", ["big"]), (f"{C0}.all[0].size", "'big'")),
    ("size-empty", _set(f"{C0}.all[0]", "size", []), (f"{C0}.all[0].size", "size classes")),
    ("all-empty", _set(C0, "all", []), (f"{C0}.all", "non-empty")),
    ("any-mapping", _set(f"{C0}.all[2]", "any", {"a": 1}), (f"{C0}.all[2].any", "non-empty")),
    ("not-list", _set(C0, "all", [{"not": [1]}]), (f"{C0}.all[0].not", "must be a mapping")),
    ("age-negative", _set(C0, "all", [{"age": -1}]), (f"{C0}.all[0].age", "-1")),
    ("age-fraction", _set(C0, "all", [{"age": 2.5}]), (f"{C0}.all[0].age", "2.5")),
    ("tier-list", _set(C0, "all", [{"tier": ["x"]}]), (f"{C0}.all[0].tier", "expected text")),
    ("manual-number", _set(C0, "all", [{"manual": 5}]), (f"{C0}.all[0].manual", "number 5")),
    (
        "ratio-one-column",
        _set(C0, "all", [{"ratio": ["rd_expense"], "op": ">=", "value": 0.03}]),
        (f"{C0}.all[0].ratio", "['rd_expense']"),
    ),
    (
        "ratio-text-value",
        _set(C0, "all", [{"ratio": ["a", "b"], "op": ">=", "value": "3%"}]),
        (f"{C0}.all[0].value", "'3%'"),
    ),
    ("score-min-text", _set(SCORE, "min", "60"), (f"{SCORE}.min", "'60'")),
    ("score-extra", _set(SCORE, "mn", 60), (f"{SCORE}.mn", "unknown key 'mn'")),
    ("floor-text", _set(f"{SCORE}.floors", "创新能力", "20"), (f"{SCORE}.floors.创新能力", "'20'")),
    ("floors-list", _set(SCORE, "floors", [20]), (f"{SCORE}.floors", "[20]")),
    (
        "points-fraction",
        _set(f"{SCORE}.indicators[0].bands[0]", "points", 2.5),
        (f"{SCORE}.indicators[0].bands[0].points", "2.5"),
    ),
    (
        "band-extra",
        _set(f"{SCORE}.indicators[0].bands[0]", "pts", 1),
        (f"{SCORE}.indicators[0].bands[0].pts", "did you mean 'points'"),
    ),
    (
        "last-band-tested",
        _set(f"{SCORE}.indicators[0].bands[4]", "when", {"manual": "x"}),
        (f"{SCORE}.indicators[0].bands[4].when", "last band"),
    ),
    (
        "band-test-op",
        _set(f"{SCORE}.indicators[1].bands[0].when", "op", "~"),
        (f"{SCORE}.indicators[1].bands[0].when.op", "'~'"),
    ),
    (
        "indicator-no-group",
        _drop(f"{SCORE}.indicators[2]", "group"),
        (f"{SCORE}.indicators[2].group", "required key 'group'"),
    ),
    (
        "bands-empty",
        _set(f"{SCORE}.indicators[3]", "bands", []),
        (f"{SCORE}.indicators[3].bands", "non-empty"),
    ),
]


def _overlap(data: dict[str, Any]) -> None:
    versions = data["tiers"][1]["versions"]
    versions[1]["start"] = versions[0]["end"]


def _twice(data: dict[str, Any]) -> None:
    data["tiers"].append(copy.deepcopy(data["tiers"][0]))


CROSS: list[tuple[str, Callable[[dict[str, Any]], None], tuple[str, ...]]] = [
    ("versions-overlap", _overlap, ("tiers[1].versions", "overlap")),
    ("tier-twice", _twice, (f"tiers[{len(bundled()['tiers'])}].tier", "'cn-innovative-sme'")),
    ("pack-unknown-key", _set("", "tierz", []), ("tierz", "unknown key 'tierz'")),
]


def _text_level() -> Iterator[BadRulePack]:
    text = dump_yaml(bundled())
    yield BadRulePack(
        "duplicate-key",
        text.replace("  name: 创新型中小企业\n", "  name: 创新型中小企业\n  name: x\n", 1),
        ("tiers[0]", "duplicate key 'name'"),
    )
    yield BadRulePack(
        "python-tag",
        text.replace("  name: 创新型中小企业\n", "  name: !!python/object:os.system x\n", 1),
        ("tiers[0].name", "tag"),
    )
    yield BadRulePack(
        "nan",
        text.replace("min: 60", "min: .nan", 1),
        (f"{SCORE}.min", "'.nan' is not a finite number"),
    )
    yield BadRulePack("not-yaml", "tiers: [\n  {tier: a", ("not valid YAML", "line"))
    yield BadRulePack("tiers-missing", "tier: a\n", ("'tiers' list",))


def generate() -> Iterator[BadRulePack]:
    """Every bad rule pack, one broken place each, then one with every change at once."""
    for rule, change, expect in CHANGES + CROSS:
        data = bundled()
        change(data)
        yield BadRulePack(rule, dump_yaml(data), expect)
    yield from _text_level()
    # Changes to separate places, all at once: every one is reported together.
    together = ["op-unknown", "size-unknown", "score-min-text", "points-fraction", "notes-number"]
    data = bundled()
    expect: tuple[str, ...] = ()
    for rule, change, wanted in CHANGES:
        if rule in together:
            change(data)
            expect += wanted
    yield BadRulePack("five-at-once", dump_yaml(data), expect)


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for i, pack in enumerate(generate()):
        (out / f"{i:03d}-{pack.rule}.yaml").write_text(pack.text, encoding="utf-8")
    print(f"wrote {i + 1} bad rule packs to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bad-rule-packs")

"""Generate bad data packs: every record kind crossed with every rule a pack can break.

Each bad pack is a good one (``datasets/example.yaml``, or a bundled pack) with one thing
broken, and knows what a reader must be told: the file, the path (or, for text that
cannot be parsed at all, the line) and the value. ``tests/test_bad_packs.py`` loads every
one and checks the answer; run this file to write them out and look::

    python tests/make_bad_packs.py /tmp/bad-packs      # writes NNN-rule-kind.yaml|json
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smeeco.datasets import pack_path
from smeeco.io.packtext import dump_json, dump_yaml, read_text

#: A value no pack holds; dumped, then replaced in the text by the raw YAML/JSON snippet.
MARK = "zzmarkzz"
DUP = "zzdupzz"


@dataclass(frozen=True)
class BadPack:
    """One broken pack: its file name and text, and what the error must mention."""

    rule: str
    kind: str
    filename: str
    text: str
    #: Substrings the error message must hold (the path — or the line — and the value).
    expect: tuple[str, ...]
    #: Other files to write beside it (packs it requires).
    siblings: dict[str, str] = field(default_factory=dict)


def _data(name: str) -> dict[str, Any]:
    data, problems = read_text(pack_path(name).read_text(encoding="utf-8"), "yaml", name)
    assert not problems, problems
    assert isinstance(data, dict)
    return _plain(data)


def _plain(value: Any) -> Any:
    """YAML dates as ISO text, so that the same data dumps as JSON too."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _text(data: dict[str, Any], fmt: str, raw: str | None = None) -> str:
    text = dump_json(data) if fmt == "json" else dump_yaml(data)
    if raw is not None:
        text = text.replace(f'"{MARK}"', raw).replace(f"'{MARK}'", raw).replace(MARK, raw)
    return text


#: Record kinds → their lists in a pack, in registry order.
COLLECTIONS = {
    "jurisdiction": "jurisdictions",
    "agency": "agencies",
    "document": "documents",
    "measure": "measures",
    "fund": "funds",
    "indicator": "indicators",
    "tier": "tiers",
    "ladder": "ladders",
    "platform": "platforms",
    "beneficiary": "beneficiaries",
    "enterprise": "enterprises",
}

# A rule: (name, fmt, how to break the record, raw snippet for MARK, expected words).
# ``{p}`` in expected words is the record's path, such as ``agencies[0]``.
Breaker = Callable[[dict[str, Any]], None]


def _set(key: str, value: Any) -> Breaker:
    def change(record: dict[str, Any]) -> None:
        record[key] = value

    return change


def _dup_name(record: dict[str, Any]) -> None:
    record[DUP] = "另一个名称"


def _deep(levels: int, fmt: str) -> str:
    return "[" * levels + "1" + "]" * levels


def _bomb() -> str:
    levels = [' &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 9):
        levels.append(f" &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    return "[" + ",".join(levels) + "]"


RECORD_RULES: list[tuple[str, str, Breaker, str | None, tuple[str, ...]]] = [
    ("duplicate-key", "yaml", _dup_name, None, ("{p}.name", "duplicate key 'name'", "line")),
    ("duplicate-key-json", "json", _dup_name, None, ("{p}.name", "duplicate key 'name'")),
    ("bad-id", "yaml", _set("id", "Bad Id!"), None, ("{p}.id", "'Bad Id!'")),
    ("name-a-number", "yaml", _set("name", 7), None, ("{p}.name", "expected a name", "7")),
    ("blank-name", "yaml", _set("name", {"zh": " "}), None, ("{p}.name", "needs a Chinese")),
    ("unknown-key", "yaml", _set("colour", "red"), None, ("{p}.colour", "'colour'")),
    ("notes-control", "yaml", _set("notes", "红\x1b[31m字"), None, ("{p}.notes", "U+001B")),
    ("notes-nul-json", "json", _set("notes", "a\x00b"), None, ("{p}.notes", "U+0000")),
    ("notes-nan", "yaml", _set("notes", MARK), ".nan", ("{p}.notes", "'.nan'", "finite")),
    ("notes-inf-json", "json", _set("notes", MARK), "Infinity", ("{p}.notes", "Infinity")),
    ("notes-1e999-json", "json", _set("notes", MARK), "1e999", ("{p}.notes", "1e999")),
    ("notes-5000-digits", "yaml", _set("notes", MARK), "9" * 5000, ("{p}.notes", "5000 digits")),
    ("notes-5000-json", "json", _set("notes", MARK), "9" * 5000, ("{p}.notes", "5000 digits")),
    ("notes-set", "yaml", _set("notes", MARK), "!!set {a, b}", ("{p}.notes", "2002:set")),
    ("notes-binary", "yaml", _set("notes", MARK), "!!binary aGk=", ("{p}.notes", "binary")),
    ("notes-python", "yaml", _set("notes", MARK), "!!python/name:os.system", ("{p}.notes",)),
    ("notes-custom-tag", "yaml", _set("notes", MARK), "!secret x", ("{p}.notes", "'!secret'")),
    ("notes-datetime", "yaml", _set("notes", MARK), "2022-06-18 10:00:00", ("{p}.notes",)),
    ("notes-merge", "yaml", _set("notes", MARK), "{<<: {a: 1}}", ("{p}.notes", "merge keys")),
    ("notes-list-key", "yaml", _set("notes", MARK), "{[a]: 1}", ("{p}.notes", "must be text")),
    ("notes-bomb", "yaml", _set("notes", MARK), _bomb(), ("{p}.notes", "expand to")),
    ("notes-deep", "yaml", _set("notes", MARK), _deep(500, "yaml"), ("{p}.notes", "[[[[")),
    ("notes-too-deep", "yaml", _set("notes", MARK), _deep(5000, "yaml"), ("line", "depth")),
    ("notes-too-deep-json", "json", _set("notes", MARK), _deep(5000, "json"), ("nested",)),
    ("notes-a-list", "yaml", _set("notes", ["a", "b"]), None, ("{p}.notes", "['a', 'b']")),
    (
        "valid-bad-date",
        "yaml",
        _set("valid", {"start": "2022-13-45"}),
        None,
        ("{p}.valid", "2022-13-45"),
    ),
    (
        "valid-reversed",
        "yaml",
        _set("valid", {"start": "2022-01-02", "end": "2021-01-01"}),
        None,
        ("{p}.valid", "2021-01-01"),
    ),
    (
        "sources-unknown-document",
        "yaml",
        _set("sources", [{"document": "no-such-doc"}]),
        None,
        ("{p}.sources[0].document", "'no-such-doc'"),
    ),
    (
        "sources-a-string",
        "yaml",
        _set("sources", "ex-2022-measures"),
        None,
        ("{p}.sources", "'ex-2022-measures'"),
    ),
    (
        "sources-item-a-string",
        "yaml",
        _set("sources", ["ex-2022-measures"]),
        None,
        ("{p}.sources[0]", "a string 'ex-2022-measures'"),
    ),
]


def _record_packs() -> Iterator[BadPack]:
    base = _data("example")
    for kind, collection in COLLECTIONS.items():
        assert base.get(collection), f"example.yaml has no {collection}"
        for rule, fmt, breaker, raw, words in RECORD_RULES:
            data = copy.deepcopy(base)
            breaker(data[collection][0])
            text = _text(data, fmt, raw)
            if DUP in text:
                text = text.replace(f'"{DUP}"', '"name"').replace(DUP, "name")
            path = f"{collection}[0]"
            yield BadPack(
                rule,
                kind,
                f"{rule}-{kind}.{fmt}",
                text,
                tuple(w.replace("{p}", path) for w in words),
            )
        # the record itself is not a mapping
        data = copy.deepcopy(base)
        data[collection][0] = "x"
        yield BadPack(
            "record-a-string",
            kind,
            f"record-a-string-{kind}.yaml",
            _text(data, "yaml"),
            (f"{collection}[0]", "expected a mapping", "a string 'x'"),
        )


# Field rules: one field of one kind, with what must be said.
FIELD_RULES: list[tuple[str, str, str, Any, tuple[str, ...]]] = [
    ("revenue-bare-number", "enterprise", "revenue", 8000, ("revenue", "8000万元")),
    ("revenue-negative", "enterprise", "revenue", "-5万元", ("revenue", "negative", "-5万元")),
    ("assets-bare-number", "enterprise", "total_assets", 1.5, ("total_assets", "1.5万元")),
    ("fund-size-negative", "fund", "size", "-1亿元", ("size", "negative")),
    ("fund-size-bare", "fund", "size", 300, ("size", "300万元")),
    ("fund-budget-apples", "fund", "annual_budget", "12 apples", ("annual_budget", "12 apples")),
    ("employees-text", "enterprise", "employees", "many", ("employees", "'many'")),
    ("employees-float", "enterprise", "employees", 299.9, ("employees", "299.9")),
    ("level-unknown", "jurisdiction", "level", "galactic", ("level", "'galactic'")),
    ("parent-unknown", "jurisdiction", "parent", "ex-nowhere", ("parent", "'ex-nowhere'")),
    (
        "jurisdiction-unknown",
        "agency",
        "jurisdiction",
        "ex-atlantis",
        ("jurisdiction", "'ex-atlantis'"),
    ),
    ("collective-text", "agency", "collective", "no", ("collective", "'no'")),
    ("issued-bad", "document", "issued", "2022-02-30", ("issued", "2022-02-30")),
    ("issuers-a-string", "document", "issuers", "ex-miit", ("issuers", "'ex-miit'")),
    ("ordinal-text", "measure", "ordinal", "1", ("ordinal", "'1'")),
    ("ordinal-fraction", "measure", "ordinal", 2.5, ("ordinal", "2.5")),
    ("measure-document-unknown", "measure", "document", "ex-no-doc", ("document", "'ex-no-doc'")),
    (
        "responsibility-role",
        "measure",
        "responsibilities",
        [{"unit": "ex-finance", "role": "boss"}],
        ("responsibilities[0].role", "'boss'"),
    ),
    (
        "responsibility-unit",
        "measure",
        "responsibilities",
        [{"unit": "ex-fin"}],
        ("responsibilities[0].unit", "'ex-fin'"),
    ),
    (
        "deadline-bad-date",
        "measure",
        "deadline",
        {"text": "年底前", "date": "2023-13-01"},
        ("deadline.date", "'2023-13-01'", "YYYY-MM-DD"),
    ),
    (
        "deadline-date-not-the-text",
        "measure",
        "deadline",
        {"text": "2023年底前", "date": "2024-01-01", "reading": "year"},
        ("deadline.date", "2023-12-31", "2024-01-01", "given"),
    ),
    (
        "deadline-date-missing",
        "measure",
        "deadline",
        {"text": "年底前", "reading": "given"},
        ("deadline.date", "needs a date"),
    ),
    (
        "deadline-ongoing-dated",
        "measure",
        "deadline",
        {"text": "长期坚持", "date": "2023-12-31", "reading": "ongoing"},
        ("deadline.date", "2023-12-31", "no date"),
    ),
    (
        "deadline-reading",
        "measure",
        "deadline",
        {"text": "2023年底前", "reading": "soon"},
        ("deadline.reading", "'soon'", "given"),
    ),
    ("deadline-a-number", "measure", "deadline", 2023, ("deadline", "2023", "2023年底前")),
    ("deadline-blank", "measure", "deadline", "  ", ("deadline.text", "as written")),
    ("deadline-control", "measure", "deadline", "2023年\x1b底前", ("deadline", "U+001B")),
    (
        "deadline-unknown-key",
        "measure",
        "deadline",
        {"text": "2023年底前", "by": "2023-12-31"},
        ("deadline.by", "'by'", "known keys: date, reading, text"),
    ),
    (
        "addressees-a-string",
        "document",
        "addressees",
        "各区人民政府",
        ("addressees", "'各区人民政府'", "a list"),
    ),
    (
        "addressee-blank",
        "document",
        "addressees",
        ["各区人民政府", " "],
        ("addressees[1]", "' '"),
    ),
    ("addressee-a-number", "document", "addressees", [7], ("addressees[0]", "7")),
    ("addressee-control", "document", "addressees", ["各区\x00政府"], ("addressees[0]", "U+0000")),
    ("compensation-nan-text", "fund", "compensation_rate", "NaN", ("compensation_rate", "'NaN'")),
    ("compensation-text", "fund", "compensation_rate", "thirty", ("compensation_rate", "'thirty'")),
    ("indicator-unit", "indicator", "unit", "furlongs", ("unit", "'furlongs'")),
    (
        "observation-nan",
        "indicator",
        "observations",
        [{"date": "2021-12-31", "value": "nan"}],
        ("observations[0].value", "nan"),
    ),
    (
        "observation-date",
        "indicator",
        "observations",
        [{"date": "yesterday", "value": 1}],
        ("observations[0].date", "'yesterday'"),
    ),
    ("tier-level", "tier", "level", "cosmic", ("level", "'cosmic'")),
    ("ladder-tiers-text", "ladder", "tiers", "ex-srdi", ("tiers", "'ex-srdi'")),
    ("ladder-tier-unknown", "ladder", "tiers", ["ex-no-tier"], ("tiers[0]", "'ex-no-tier'")),
    ("platform-kind", "platform", "platform_kind", "teleporter", ("platform_kind", "'teleporter'")),
    ("beneficiary-broader", "beneficiary", "broader", "ex-nobody", ("broader", "'ex-nobody'")),
    (
        "credit-code",
        "enterprise",
        "credit_code",
        "91120000MA05L1234X",
        ("credit_code", "91120000MA05L1234X"),
    ),
]


def _field_packs() -> Iterator[BadPack]:
    base = _data("example")
    for rule, kind, key, value, words in FIELD_RULES:
        collection = COLLECTIONS[kind]
        data = copy.deepcopy(base)
        data[collection][0][key] = value
        path = f"{collection}[0]"
        for fmt in ("yaml", "json"):
            yield BadPack(
                rule,
                kind,
                f"{rule}.{fmt}",
                _text(data, fmt),
                (f"{path}.{words[0]}", *words[1:]),
            )


def _pack_packs() -> Iterator[BadPack]:
    """Rules of the pack as a whole, over the bundled packs."""
    for name in ("example", "china", "tianjin-agencies", "tianjin-2022-measures", "qingdao-2017"):
        base = _data(name)
        first = next(k for k in base if k not in ("smeeco", "pack"))
        before = list(base["pack"].get("requires", []))
        at = f"pack.requires[{len(before)}]"  # where the bad entry goes
        # a second list of the same kind (YAML and JSON would keep only the last)
        text = dump_yaml(base)
        extra = f"{first}:\n- {{id: zz-extra, name: 多余}}\n"
        yield BadPack(
            "duplicate-list",
            "pack",
            f"duplicate-list-{name}.yaml",
            text + extra,
            (first, f"duplicate key '{first}'", "line"),
        )
        data = copy.deepcopy(base)
        data["pack"] = {**data["pack"], "requires": [*before, "../../etc/passwd"]}
        yield BadPack(
            "requires-path",
            "pack",
            f"requires-path-{name}.yaml",
            dump_yaml(data),
            (at, "'../../etc/passwd'", "not a pack name"),
        )
        data = copy.deepcopy(base)
        data["pack"] = {**data["pack"], "name": "self", "requires": [*before, "self"]}
        yield BadPack(
            "requires-self",
            "pack",
            "self.yaml",
            dump_yaml(data),
            (at, "'self'", "self.yaml → self.yaml"),
        )
        data = copy.deepcopy(base)
        data["pack"] = {**data["pack"], "name": "ping", "requires": [*before, "pong"]}
        pong = "smeeco: 1\npack: {name: pong, requires: [ping]}\n"
        yield BadPack(
            "requires-cycle",
            "pack",
            "ping.yaml",
            dump_yaml(data),
            ("pong.yaml:pack.requires[0]", "'ping'", "ping.yaml → pong.yaml → ping.yaml"),
            {"pong.yaml": pong},
        )
        data = copy.deepcopy(base)
        data["pack"] = {**data["pack"], "requires": [*before, "missing-one", "missing-two"]}
        yield BadPack(
            "requires-missing",
            "pack",
            f"requires-missing-{name}.yaml",
            dump_yaml(data),
            (at, "'missing-one'", "'missing-two'"),
        )
        data = copy.deepcopy(base)
        data["smeeco"] = 2
        yield BadPack(
            "format-version", "pack", f"version-{name}.json", dump_json(data), ("smeeco", "2")
        )
        data = copy.deepcopy(base)
        data["programmes"] = []
        yield BadPack(
            "unknown-list",
            "pack",
            f"unknown-list-{name}.yaml",
            dump_yaml(data),
            ("programmes", "'programmes'"),
        )
        data = copy.deepcopy(base)
        data[first] = {"id": "x"}
        yield BadPack(
            "list-a-mapping",
            "pack",
            f"list-a-mapping-{name}.yaml",
            dump_yaml(data),
            (first, "must be a list"),
        )
        # the same id twice
        data = copy.deepcopy(base)
        data[first].append(copy.deepcopy(data[first][0]))
        yield BadPack(
            "duplicate-id",
            "pack",
            f"duplicate-id-{name}.yaml",
            dump_yaml(data),
            (f"{first}[{len(data[first]) - 1}].id", repr(data[first][0]["id"])),
        )
    yield BadPack("syntax", "pack", "syntax.yaml", "smeeco: 1\nagencies: [\n", ("line 3",))
    yield BadPack("syntax-json", "pack", "syntax.json", '{"smeeco": 1,', ("line 1, column 14",))
    yield BadPack("not-a-mapping", "pack", "list.yaml", "- 1\n- 2\n", ("must be a mapping", "list"))
    yield BadPack(
        "recursive-alias", "pack", "loop.yaml", "smeeco: 1\nx: &a [*a]\n", ("line 2", "itself")
    )


def generate() -> list[BadPack]:
    """Every bad pack, in a stable order."""
    return [*_record_packs(), *_field_packs(), *_pack_packs()]


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "bad-packs")
    folder.mkdir(parents=True, exist_ok=True)
    packs = generate()
    for n, pack in enumerate(packs):
        sub = folder / f"{n:03d}"
        sub.mkdir(exist_ok=True)
        (sub / pack.filename).write_text(pack.text, encoding="utf-8")
        for sibling, text in pack.siblings.items():
            (sub / sibling).write_text(text, encoding="utf-8")
    rules: dict[str, int] = {}
    for pack in packs:
        rules[pack.rule] = rules.get(pack.rule, 0) + 1
    print(f"{len(packs)} bad packs in {folder}/NNN/, by rule:")
    for rule, count in rules.items():
        print(f"  {rule:<28} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

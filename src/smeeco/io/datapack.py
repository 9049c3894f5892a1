"""Data packs: YAML or JSON files of records, read and written through the converter.

A data pack is a mapping::

    smeeco: 1                      # format version
    pack:
      name: tianjin-2022-measures  # how load() finds it
      title: 天津市提升中小企业竞争力若干措施
      description: One line on what it holds.
      requires: [tianjin-agencies] # packs whose records it refers to
    jurisdictions: [...]           # one key per record kind (see registry)
    agencies: [...]
    measures: [...]

Each record is a mapping of its fields; an entry with ``type: TAG`` is read as the
subclass registered under that tag. Reading collects every problem of the file — and of
the packs it requires — and raises them together; nothing is half-loaded. YAML is read
with ``yaml.safe_load`` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml

from smeeco.ecosystem import Ecosystem, PackInfo
from smeeco.errors import (
    DataPackError,
    InvalidValueError,
    Problem,
    UnknownFieldError,
)
from smeeco.io.convert import problems_from, record_from_data, record_to_data
from smeeco.model import Record
from smeeco.registry import Registry, default_registry

__all__ = [
    "FORMAT_VERSION",
    "PackInfo",
    "dump_pack",
    "dumps_pack",
    "parse_pack",
    "read_pack",
    "write_pack",
]

#: The data-pack format version this smeeco reads and writes.
FORMAT_VERSION = 1


class _Loader(yaml.SafeLoader):
    """Safe YAML loading, without YAML 1.1's base-60 numbers.

    YAML 1.1 reads ``ratio: 2:2:4:2`` as the integer 439442 and ``1:30`` as 90; YAML 1.2
    dropped that rule and so do we: such values stay text.
    """


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _INT,
    re.compile(
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+)$""",
        re.X,
    ),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date YAML cannot build (``2022-13-45``) stays text, for the converter to report
    with its path, instead of stopping the whole read."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _load_text(text: str, fmt: str, where: str) -> Any:
    try:
        if fmt == "json":
            return json.loads(text)
        return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no tags run code
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DataPackError(f"cannot read {where}{place}: {exc}") from None


def parse_pack(
    data: Any, *, where: str = "data pack", registry: Registry | None = None
) -> tuple[PackInfo, list[Record], list[Problem]]:
    """Turn parsed YAML/JSON into pack info, records and the problems found.

    Problems do not stop the reading: every record is tried so that all of them are
    reported together.
    """
    info, found, problems, _pending = _parse(data, where, registry or default_registry)
    return info, [record for _path, record in found], problems


def _parse(
    data: Any, where: str, registry: Registry
) -> tuple[PackInfo, list[tuple[str, Record]], list[Problem], set[str]]:
    """:func:`parse_pack`, keeping each record's path and the ids of unreadable records."""
    problems: list[Problem] = []
    records: list[tuple[str, Record]] = []
    pending: set[str] = set()
    if not isinstance(data, Mapping):
        raise DataPackError(
            f"{where} must be a mapping with keys 'smeeco', 'pack' and record lists,"
            f" not {type(data).__name__}"
        )
    version = data.get("smeeco")
    if version != FORMAT_VERSION:
        problems.append(
            InvalidValueError(
                f"format version {version!r} is not supported; this smeeco reads"
                f" 'smeeco: {FORMAT_VERSION}'",
                "smeeco",
            )
        )
    info = PackInfo(name=Path(where).stem)
    raw_info = data.get("pack") or {}
    if not isinstance(raw_info, Mapping):
        problems.append(InvalidValueError("'pack' must be a mapping", "pack"))
    else:
        try:  # a pack without a name is named after its file
            info = record_from_data({"name": info.name, **raw_info}, PackInfo)
        except Exception as exc:
            problems.extend(problems_from(exc, "pack"))
    for key, entries in data.items():
        if key in ("smeeco", "pack"):
            continue
        spec = registry.by_collection(str(key))
        if spec is None:
            known = ", ".join(s.collection for s in registry.order())
            problems.append(
                UnknownFieldError(f"unknown record list {key!r}; known lists: {known}", str(key))
            )
            continue
        if entries is None:
            continue
        if not isinstance(entries, list):
            problems.append(InvalidValueError(f"{key!r} must be a list of records", str(key)))
            continue
        for i, entry in enumerate(entries):
            path = f"{key}[{i}]"
            cls: type[Record] = spec.cls
            if isinstance(entry, Mapping) and isinstance(entry.get("id"), str):
                pending.add(entry["id"])
            if isinstance(entry, Mapping) and "type" in entry:
                entry = dict(entry)
                tag = entry.pop("type")
                tagged = registry.types.get(str(tag))
                if tagged is None or not issubclass(tagged, spec.cls):
                    known_tags = [t for t, c in registry.types.items() if issubclass(c, spec.cls)]
                    problems.append(
                        UnknownFieldError(
                            f"unknown type {tag!r} for {key}; registered types:"
                            f" {', '.join(known_tags) or 'none'} (see register_type)",
                            f"{path}.type",
                        )
                    )
                    continue
                cls = tagged
            try:
                record = record_from_data(entry, cls)
            except Exception as exc:
                problems.extend(problems_from(exc, path))
            else:
                records.append((path, record))
                pending.discard(record.id)
    return info, records, problems, pending


def read_pack(
    path: str | Path,
    *,
    registry: Registry | None = None,
    resolve: Any = None,
) -> Ecosystem:
    """Read a data-pack file (``.yaml``, ``.yml`` or ``.json``) into an :class:`Ecosystem`.

    Packs it ``requires`` are read first: as files beside it named ``NAME.yaml`` (or
    ``.yml``, ``.json``), else by ``resolve(name)`` when given (the bundled datasets pass
    their own lookup).

    Every problem of every file is reported in one :class:`ValidationError` — values that
    cannot be read and references that do not resolve alike — with paths such as
    ``pack.yaml:measures[3].responsibilities[1].unit``; nothing is half-loaded.
    """
    path = Path(path)
    registry = registry or default_registry
    infos: list[PackInfo] = []
    records: list[tuple[str, Record]] = []
    problems: list[Problem] = []
    pending: set[str] = set()
    _collect(path, registry, resolve, infos, records, problems, pending, seen=set())
    eco = Ecosystem(registry=registry, name=infos[-1].name if infos else path.stem)
    eco.add(
        *(record for _path, record in records),
        where=repr(path.name),
        paths=[p for p, _record in records],
        pending=pending,
        problems=problems,
    )
    eco.packs = tuple(infos)
    return eco


def _collect(
    path: Path,
    registry: Registry,
    resolve: Any,
    infos: list[PackInfo],
    records: list[tuple[str, Record]],
    problems: list[Problem],
    pending: set[str],
    seen: set[Path],
) -> None:
    path = path.resolve()
    if path in seen:
        return
    seen.add(path)
    if not path.is_file():
        raise DataPackError(f"no data-pack file at {str(path)!r}; check the path")
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    if path.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise DataPackError(f"{path.name!r} is not a data pack: use a .yaml, .yml or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataPackError(
            f"{path.name!r} is not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    data = _load_text(text, fmt, path.name)
    info, found, found_problems, found_pending = _parse(data, path.name, registry)
    for required in info.requires:
        siblings = [path.with_name(f"{required}{suffix}") for suffix in (".yaml", ".yml", ".json")]
        existing = [s for s in siblings if s.is_file()]
        if existing:
            required_path = existing[0]
        elif resolve is not None:
            required_path = Path(resolve(required))
        else:
            raise DataPackError(
                f"{path.name!r} requires pack {required!r}, but there is no"
                f" {siblings[0].name!r} (or .yml, .json) beside it"
            )
        _collect(required_path, registry, resolve, infos, records, problems, pending, seen)
    infos.append(info)
    records.extend((f"{path.name}:{p}", record) for p, record in found)
    problems.extend(_in_file(p, path.name) for p in found_problems)
    pending.update(found_pending)


def _in_file(problem: Problem, filename: str) -> Problem:
    problem.path = f"{filename}:{problem.path}" if problem.path else filename
    return problem


def dump_pack(
    eco: Ecosystem | Iterable[Record],
    *,
    info: PackInfo | None = None,
    registry: Registry | None = None,
) -> dict[str, Any]:
    """Plain data for a data pack holding ``eco``'s records (kinds in registry order)."""
    if isinstance(eco, Ecosystem):
        registry = registry or eco.registry
        records = list(eco.records())
        if info is None:
            # Keep the header of the pack it came from; required packs are merged in.
            info = (
                attrs.evolve(eco.packs[-1], requires=())
                if eco.packs
                else PackInfo(name=eco.name or "pack")
            )
    else:
        registry = registry or default_registry
        records = list(eco)
        info = info or PackInfo(name="pack")
    data: dict[str, Any] = {"smeeco": FORMAT_VERSION, "pack": record_to_data(info)}  # type: ignore[arg-type]
    for spec in registry.order():
        entries = []
        for record in records:
            if record.kind != spec.name:
                continue
            tag = None
            if type(record) is not spec.cls:
                tag = registry.tag_of(type(record))
                if tag is None:
                    raise DataPackError(
                        f"record {record.id!r} is a {type(record).__name__}, a subclass of"
                        f" {spec.cls.__name__} with no type tag, so it could not be read back;"
                        " register one with register_type()"
                    )
            entries.append(record_to_data(record, tag=tag))
        if entries:
            data[spec.collection] = entries
    return data


class _Dumper(yaml.SafeDumper):
    """A safe dumper that keeps Chinese readable and long texts as blocks."""


_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(c in value for c in _UNICODE_BREAKS):
        # YAML counts these as line breaks and folds them unless they are escaped
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dumps_pack(eco: Ecosystem | Iterable[Record], fmt: str = "yaml", **kwargs: Any) -> str:
    """The text of a data pack in ``fmt`` (``"yaml"`` or ``"json"``); byte-stable."""
    data = dump_pack(eco, **kwargs)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("yaml", "yml"):
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    raise DataPackError(f"unknown data-pack format {fmt!r}; use 'yaml' or 'json'")


def write_pack(eco: Ecosystem | Iterable[Record], path: str | Path, **kwargs: Any) -> Path:
    """Write a data pack; the format follows the suffix (``.json``, else YAML)."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    path.write_text(dumps_pack(eco, fmt, **kwargs), encoding="utf-8")
    return path

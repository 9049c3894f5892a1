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
    ValidationError,
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


def _load_text(text: str, fmt: str, where: str) -> Any:
    try:
        if fmt == "json":
            return json.loads(text)
        return yaml.safe_load(text)
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
    registry = registry or default_registry
    problems: list[Problem] = []
    records: list[Record] = []
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
    raw_info = data.get("pack", {})
    if not isinstance(raw_info, Mapping):
        problems.append(InvalidValueError("'pack' must be a mapping", "pack"))
    else:
        try:
            info = record_from_data(dict(raw_info), PackInfo)
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
                records.append(record_from_data(entry, cls))
            except Exception as exc:
                problems.extend(problems_from(exc, path))
    return info, records, problems


def read_pack(
    path: str | Path,
    *,
    registry: Registry | None = None,
    resolve: Any = None,
) -> Ecosystem:
    """Read a data-pack file (``.yaml``, ``.yml`` or ``.json``) into an :class:`Ecosystem`.

    Packs it ``requires`` are read first: by ``resolve(name)`` when given (the bundled
    datasets pass their own lookup), else as files beside it named ``NAME.yaml``.
    """
    path = Path(path)
    registry = registry or default_registry
    infos: list[PackInfo] = []
    records: list[Record] = []
    problems: list[Problem] = []
    _collect(path, registry, resolve, infos, records, problems, seen=set())
    where = repr(path.name)
    if problems:
        raise ValidationError(where, problems)
    eco = Ecosystem(registry=registry, name=infos[-1].name if infos else path.stem)
    eco.add(*records, where=where)
    eco.packs = tuple(infos)
    return eco


def _collect(
    path: Path,
    registry: Registry,
    resolve: Any,
    infos: list[PackInfo],
    records: list[Record],
    problems: list[Problem],
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
    info, found, found_problems = parse_pack(data, where=path.name, registry=registry)
    for required in info.requires:
        sibling = path.with_name(f"{required}.yaml")
        if sibling.is_file():
            required_path = sibling
        elif resolve is not None:
            required_path = Path(resolve(required))
        else:
            raise DataPackError(
                f"{path.name!r} requires pack {required!r}, but there is no {sibling.name!r}"
                " beside it"
            )
        _collect(required_path, registry, resolve, infos, records, problems, seen)
    infos.append(info)
    records.extend(found)
    problems.extend(_in_file(p, path.name) for p in found_problems)


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
            tag = registry.tag_of(type(record)) if type(record) is not spec.cls else None
            entries.append(record_to_data(record, tag=tag))
        if entries:
            data[spec.collection] = entries
    return data


class _Dumper(yaml.SafeDumper):
    """A safe dumper that keeps Chinese readable and long texts as blocks."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
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

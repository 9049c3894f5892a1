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
the packs it requires — and raises them together; nothing is half-loaded. The text is
read strictly (:mod:`smeeco.io.packtext`): safe YAML with JSON's values only, no duplicate
keys, no NaN, bounded aliases and nesting.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from smeeco.ecosystem import Ecosystem, PackInfo
from smeeco.errors import (
    DataPackError,
    DuplicateIdError,
    InvalidValueError,
    Problem,
    RequiredPackError,
    UnknownFieldError,
    UnknownPackError,
)
from smeeco.files import write_atomic
from smeeco.io.convert import problems_from, record_from_data, record_to_data
from smeeco.io.packtext import dump_json, dump_yaml, paused_gc, preview, read_text
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


_PACK_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


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
                f" 'smeeco: {FORMAT_VERSION}'"
                + (" (a number, without quotes)" if version == str(FORMAT_VERSION) else "")
                + (" (the first key of every pack)" if version is None else ""),
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
    refused: dict[str, str] = {}  # the id of each record not built → its path
    first_at: dict[str, str] = {}  # each id → the path of its first record
    for key, entries in data.items():
        if key in ("smeeco", "pack"):
            continue
        spec = registry.by_collection(str(key))
        if spec is None:
            lists = [s.collection for s in registry.order()]
            close = difflib.get_close_matches(str(key), lists, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                UnknownFieldError(
                    f"unknown record list {key!r}; {hint}known lists: {', '.join(lists)}",
                    str(key),
                )
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
            entry_id = entry.get("id") if isinstance(entry, Mapping) else None
            if isinstance(entry_id, str):
                pending.add(entry_id)
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
            built = False
            try:
                record = record_from_data(entry, cls)
            except Exception as exc:
                problems.extend(problems_from(exc, path))
            else:
                built = True
                records.append((path, record))
                pending.discard(record.id)
            if isinstance(entry_id, str):
                if entry_id in first_at and (entry_id in refused or not built):
                    # a record refused for its values is none the ecosystem can tell a
                    # repeated id by (it tells two built ones): said here, with the rest
                    problems.append(
                        DuplicateIdError(
                            f"id {entry_id!r} is already used at {first_at[entry_id]};"
                            " give each record its own id",
                            f"{path}.id",
                        )
                    )
                first_at.setdefault(entry_id, path)
                if not built:
                    refused.setdefault(entry_id, path)
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
    if "\0" in str(path):
        raise DataPackError(f"{preview(str(path))} is not a file name: it holds a NUL character")
    path = Path(path)
    registry = registry or default_registry
    infos: list[PackInfo] = []
    records: list[tuple[str, Record]] = []
    problems: list[Problem] = []
    pending: set[str] = set()
    with paused_gc():
        _collect(path, registry, resolve, infos, records, problems, pending, [], set())
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
    chain: list[Path],
    done: set[Path],
) -> None:
    """Read ``path`` after the packs it requires; ``chain`` holds the files being read
    (to find cycles), ``done`` those read already (a pack two others require is read once)."""
    try:
        path = path.resolve()
        is_file = path.is_file()
    except (OSError, ValueError) as exc:
        raise DataPackError(f"cannot open {preview(str(path))}: {exc}") from None
    if path.is_dir():
        raise DataPackError(
            f"{str(path)!r} is a directory, not a data-pack file: give the .yaml or .json"
            " file inside it"
        )
    if not is_file:
        raise DataPackError(f"no data-pack file at {str(path)!r}; check the path")
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    if path.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise DataPackError(f"{path.name!r} is not a data pack: use a .yaml, .yml or .json file")
    try:
        raw = path.read_bytes()
        # a byte-order mark is dropped (Windows editors write one), in JSON as in YAML
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise DataPackError(_not_utf8(path.name, raw, exc)) from None
    except OSError as exc:
        raise DataPackError(f"cannot read {path.name!r}: {exc.strerror or exc}") from None
    data, text_problems = (None, []) if not text.strip() else read_text(text, fmt, path.name)
    if data is None and not text_problems:
        raise DataPackError(
            f"{path.name!r} holds no data (it is empty, or only comments); a data pack starts"
            f" with 'smeeco: {FORMAT_VERSION}' and a 'pack:' mapping (see docs/extending.md)"
        )
    info, found, found_problems, found_pending = _parse(data, path.name, registry)
    if text_problems:  # a value refused while reading is not reported a second time
        found_problems = [
            p for p in found_problems if not any(_under(p.path, t.path) for t in text_problems)
        ]
    chain = [*chain, path]
    for i, required in enumerate(info.requires):
        where = f"{path.name}:pack.requires[{i}]"
        required_path = _find_required(path, required, resolve, where, problems)
        if required_path is None:
            continue
        if required_path in chain:
            cycle = " → ".join(p.name for p in chain[chain.index(required_path) :])
            problems.append(
                RequiredPackError(
                    f"pack {info.name!r} requires {required!r}, which leads back to it"
                    f" ({cycle} → {required_path.name}); remove one of the requires",
                    where,
                )
            )
            continue
        if required_path in done:
            continue
        try:
            _collect(
                required_path, registry, resolve, infos, records, problems, pending, chain, done
            )
        except DataPackError as exc:
            problems.append(RequiredPackError(f"required pack {required!r}: {exc}", where))
    done.add(path)
    infos.append(info)
    records.extend((f"{path.name}:{p}", record) for p, record in found)
    problems.extend(_in_file(p, path.name) for p in [*text_problems, *found_problems])
    pending.update(found_pending)


def _not_utf8(name: str, raw: bytes, exc: UnicodeDecodeError) -> str:
    """Why a pack file is not UTF-8, with the encoding it seems to be in and the line."""
    line = raw[: exc.start].count(b"\n") + 1
    seems, source = "", None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        seems, source = "it is UTF-16 (Windows 'Unicode'); ", "UTF-16"
    else:
        try:
            raw.decode("gb18030")
            seems, source = "it reads as GB18030/GBK (Windows 'ANSI' on a Chinese system); ", "GBK"
        except UnicodeDecodeError:
            pass
    how = f" (iconv -f {source} -t UTF-8)" if source else ""
    return (
        f"{name!r} is not UTF-8 text ({exc.reason} at byte {exc.start}, line {line}); {seems}"
        f"save it as UTF-8{how}"
    )


def _find_required(
    path: Path, required: str, resolve: Any, where: str, problems: list[Problem]
) -> Path | None:
    """The file of a required pack, or ``None`` with a problem appended."""
    if not _PACK_NAME.fullmatch(required) or ".." in required:
        problems.append(
            RequiredPackError(
                f"{preview(required)} is not a pack name: 'requires' lists names of packs"
                " (such as 'tianjin-agencies') found beside the file or bundled, not paths",
                where,
            )
        )
        return None
    siblings = [path.with_name(f"{required}{suffix}") for suffix in (".yaml", ".yml", ".json")]
    existing = [s for s in siblings if s.is_file()]
    if existing:
        return existing[0].resolve()
    hint = ""
    if resolve is not None:
        try:
            return Path(resolve(required)).resolve()
        except UnknownPackError as exc:
            hint = f", and no bundled pack has that name (bundled: {', '.join(exc.known)})"
        except DataPackError as exc:
            hint = f", and {exc}"
    problems.append(
        RequiredPackError(
            f"pack {required!r} is required, but there is no {siblings[0].name!r}"
            f" (or .yml, .json) beside {path.name!r}{hint}",
            where,
        )
    )
    return None


def _under(path: str, prefix: str) -> bool:
    """Whether ``path`` is ``prefix`` or inside it (``a.b`` and ``a[1]`` are in ``a``)."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


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
    by_kind: dict[str, list[Record]] = {}  # each kind's records, in their order
    for record in records:
        by_kind.setdefault(record.kind, []).append(record)
    for spec in registry.order():
        entries = []
        for record in by_kind.get(spec.name, ()):
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


def dumps_pack(eco: Ecosystem | Iterable[Record], fmt: str = "yaml", **kwargs: Any) -> str:
    """The text of a data pack in ``fmt`` (``"yaml"`` or ``"json"``); byte-stable."""
    data = dump_pack(eco, **kwargs)
    if fmt == "json":
        return dump_json(data)
    if fmt in ("yaml", "yml"):
        return dump_yaml(data)
    raise DataPackError(f"unknown data-pack format {fmt!r}; use 'yaml' or 'json'")


def write_pack(eco: Ecosystem | Iterable[Record], path: str | Path, **kwargs: Any) -> Path:
    """Write a data pack; the format follows the suffix (``.json``, else YAML)."""
    path = Path(path)
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    write_atomic(path, dumps_pack(eco, fmt, **kwargs))
    return path

"""The text of data packs: strict YAML and JSON, read and written at libyaml speed.

A data pack holds what JSON can hold — mappings with text keys, lists, text, numbers,
booleans and nulls — plus YAML dates. Anything else is refused when the file is read,
each with its path and line, so that what loads also survives being written back:

- a key written twice in one mapping (YAML and JSON would keep only the last);
- ``NaN``, ``.inf`` and numbers too long to read (more than 4300 digits);
- YAML tags beyond JSON's (``!!set``, ``!!omap``, ``!!binary``, ``!!python/…``, custom
  ``!tags``), merge keys (``<<``), keys that are not text, date-times;
- aliases that expand to more than :data:`MAX_ALIAS_VALUES` values (the "billion laughs"),
  aliases that contain themselves, and nesting deeper than :data:`MAX_DEPTH`.

YAML is read and written by libyaml (``yaml.CSafeLoader``/``yaml.CSafeDumper``) when PyYAML
was built with it, else by the pure-Python classes; both apply the same rules, including
YAML 1.2's numbers: ``2:2:4:2`` stays text (YAML 1.1 reads it as the base-60 integer
439442). Set :data:`USE_LIBYAML` to ``False`` to use the pure classes.

>>> from smeeco.io.packtext import read_text
>>> data, problems = read_text("a: 1\\na: 2\\nratio: 2:2:4:2\\n", "yaml")
>>> data["ratio"], [str(p) for p in problems]
('2:2:4:2', ["a: duplicate key 'a' (line 2; first on line 1): write each key once"])
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import math
import re
import sys
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from smeeco.errors import DataPackError, DuplicateKeyError, InvalidValueError, Problem

__all__ = [
    "HAVE_LIBYAML",
    "MAX_ALIAS_VALUES",
    "MAX_DEPTH",
    "USE_LIBYAML",
    "dump_json",
    "dump_yaml",
    "paused_gc",
    "preview",
    "read_text",
]

#: Whether PyYAML was built with libyaml.
HAVE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
#: Read and write YAML with libyaml when it is there (tests set this to False).
USE_LIBYAML: bool = HAVE_LIBYAML
#: Values that aliases may add to a file beyond those written out.
MAX_ALIAS_VALUES = 100_000
#: Deepest nesting of lists and mappings read (libyaml's own limit).
MAX_DEPTH = 1000
_MAX_DIGITS = 4300  # Python's int/str conversion limit (sys.int_info.default_max_str_digits)

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: Tags with a JSON meaning (plus dates): every other tag is refused.
_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str", "seq", "map")
) | {_TIMESTAMP}

_YAML12_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+)$""",
    re.X,
)
_LEADING_ZERO = re.compile(r"^[-+]?0[0-7_]*[0-7][0-7_]*$")
_YAML12_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)


def _yaml12_numbers(cls: Any) -> None:
    """Give a loader class YAML 1.2 number rules instead of YAML 1.1's base-60 ones.

    YAML 1.1 reads ``ratio: 2:2:4:2`` as the integer 439442 and ``1:30`` as 90; YAML 1.2
    dropped that rule and so do we: such values stay text.
    """
    cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    cls.add_implicit_resolver(_INT, _YAML12_INT, list("-+0123456789"))
    cls.add_implicit_resolver(_FLOAT, _YAML12_FLOAT, list("-+0123456789."))


class _Strict:
    """Constructor rules shared by the libyaml and the pure-Python loaders.

    Bad values do not stop the reading: each is noted with its node (for the path and the
    line) and replaced by ``None``, so every problem of the file is found in one pass.
    """

    bad: list[tuple[Node, Problem]]

    def _bad(self, node: Node, problem: Problem) -> None:
        self.bad.append((node, problem))

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):  # pragma: no cover - the composer ensures it
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            # a bad key spoils its mapping: the problem is the mapping's, at its path
            if key_node.tag == _MERGE:
                self._bad(
                    node,
                    InvalidValueError(
                        "merge keys (<<) are YAML 1.1, not part of a data pack: write the keys out"
                    ),
                )
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self._bad(
                    node,
                    InvalidValueError(
                        f"a key must be text, not {_node_preview(key_node)}; put it in quotes"
                    ),
                )
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in mapping:
                self._bad(
                    key_node,
                    DuplicateKeyError(
                        f"duplicate key {preview(key)} (line {line}; first on line"
                        f" {first_line[key]}): write each key once"
                    ),
                )
                continue
            first_line[key] = line
            mapping[key] = self.construct_object(value_node, deep=deep)  # type: ignore[attr-defined]
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int | None:
        digits = len(node.value)
        if digits > _MAX_DIGITS:
            self._bad(
                node,
                InvalidValueError(
                    f"a number of {digits} digits ({preview(node.value)}) is too long to read;"
                    " write it in quotes if it is an identifier"
                ),
            )
            return None
        if _LEADING_ZERO.match(node.value):
            # YAML 1.1 reads 010 as octal 8, YAML 1.2 as 10: neither guess is safe
            self._bad(
                node,
                InvalidValueError(
                    f"{node.value} has a leading zero, which YAML 1.1 reads as an octal number"
                    f" ({int(node.value.replace('_', ''), 8)}) and YAML 1.2 as a decimal one:"
                    " drop the zero, or quote it if it is a code"
                ),
            )
            return None
        value: int = super().construct_yaml_int(node)  # type: ignore[misc]
        return value

    def construct_yaml_float(self, node: ScalarNode) -> float | None:
        try:
            value: float = super().construct_yaml_float(node)  # type: ignore[misc]
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self._bad(
                node,
                InvalidValueError(
                    f"{preview(node.value)} is not a finite number; data packs hold"
                    " finite numbers only"
                ),
            )
            return None
        return value

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        """A date; a date YAML cannot build (``2022-13-45``) stays text, for the converter
        to report with its path; a date-time is refused (a pack holds days)."""
        try:
            value = super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[attr-defined]
        if not isinstance(value, str) and hasattr(value, "hour"):
            self._bad(
                node,
                InvalidValueError(
                    f"{preview(node.value)} is a date and time; write the day alone"
                    " (YYYY-MM-DD), or quote it if it is text"
                ),
            )
            return None
        return value

    def construct_undefined(self, node: Node) -> None:
        self._bad(
            node,
            InvalidValueError(
                f"the YAML tag {node.tag!r} is not part of a data pack: use plain lists,"
                " mappings, text and numbers (drop the tag, or quote the value)"
            ),
        )


def _refuse_tag(self: Any, node: Node) -> None:
    _Strict.construct_undefined(self, node)


class PureLoader(_Strict, yaml.SafeLoader):  # type: ignore[misc]
    """The strict loader on PyYAML's pure-Python parser."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # the same nesting limit as libyaml's, as an error instead of a RecursionError
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"exceeded maximum nesting depth ({MAX_DEPTH})",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FastBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FastLoader(_Strict, _FastBase):  # type: ignore[misc]
    """The strict loader on libyaml's parser (the pure one where libyaml is missing)."""


_cls: Any
for _cls in (PureLoader, FastLoader):
    _yaml12_numbers(_cls)
    for _tag in ("set", "omap", "pairs", "binary"):
        _cls.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
    _cls.add_constructor(None, _refuse_tag)
    _cls.add_constructor(_INT, _cls.construct_yaml_int)
    _cls.add_constructor(_FLOAT, _cls.construct_yaml_float)
    _cls.add_constructor(_TIMESTAMP, _cls.construct_yaml_timestamp)


# ----------------------------------------------------------------------------- reading


def read_text(text: str, fmt: str, where: str = "data pack") -> tuple[Any, list[Problem]]:
    """Parse the text of a data pack: ``(data, problems)``.

    Values that cannot be kept are ``None`` in ``data`` and have a :class:`Problem` each,
    with the path and (where known) the line. Text that cannot be parsed at all raises
    :class:`DataPackError` with the line and column.
    """
    if fmt == "json":
        return _read_json(text, where)
    return _read_yaml(text, where)


def _read_yaml(text: str, where: str) -> tuple[Any, list[Problem]]:
    loader_class: Any = FastLoader if USE_LIBYAML else PureLoader
    loader = loader_class(text)
    loader.bad = []
    old_limit = sys.getrecursionlimit()
    try:
        if loader_class is PureLoader:
            # 3 frames per level; Python-to-Python calls do not grow the C stack
            sys.setrecursionlimit(max(old_limit, 3 * MAX_DEPTH + 500))
        try:
            root = loader.get_single_node()
        finally:
            sys.setrecursionlimit(old_limit)
        if root is None:
            return None, []
        if "&" in text:  # only anchors make aliases: check what they expand to
            _check_aliases(root, where)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise DataPackError(_yaml_error(exc, where, text)) from None
    finally:
        loader.dispose()
    if not loader.bad:
        return data, []
    paths = _node_paths(root)
    problems: list[Problem] = []
    for node, problem in loader.bad:
        problem.path = paths.get(id(node), "")
        if not isinstance(problem, DuplicateKeyError):
            problem.message += f" (line {node.start_mark.line + 1})"
        problems.append(problem)
    return data, problems


def _yaml_error(exc: yaml.YAMLError, where: str, text: str) -> str:
    mark = getattr(exc, "problem_mark", None)
    place = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    reason = (f"{context}: {problem}" if context else str(problem)) if problem else str(exc)
    hint = ""
    if mark is not None:  # the C loader's marks hold no buffer: look in the text
        lines = text.split("\n", mark.line + 1)
        line = lines[mark.line] if mark.line < len(lines) else ""
        if line[mark.column : mark.column + 1] == "\t":
            hint = "; YAML indents with spaces, not tabs: replace the tab with spaces"
    return f"cannot read {where}{place}: {' '.join(reason.split())}{hint}"


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _check_aliases(root: Node, where: str) -> None:
    """Refuse aliases that expand to too much, or that contain themselves.

    Counts every value the document holds once aliases are expanded, visiting each node
    once (so a 514-byte "billion laughs" costs a few dozen steps, not 10^9).
    """
    size: dict[int, int] = {}
    refs: dict[int, int] = {}
    active: set[int] = set()
    unique = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        if leaving:
            active.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        if key in active:
            line = node.start_mark.line + 1
            raise DataPackError(
                f"cannot read {where}: the value at line {line} contains an alias of itself;"
                " a data pack is a tree"
            )
        active.add(key)
        unique += 1
        stack.append((node, True))
        for child in _children(node):
            refs[id(child)] = refs.get(id(child), 0) + 1
            stack.append((child, False))
    extra = size[id(root)] - unique
    if extra > MAX_ALIAS_VALUES:
        over = [
            n
            for n in _unique_nodes(root)
            if size[id(n)] > MAX_ALIAS_VALUES and any(refs[id(c)] > 1 for c in _children(n))
        ]
        worst = min(over, key=lambda n: size[id(n)]) if over else root
        path = _node_paths(root).get(id(worst), "")
        raise DataPackError(
            f"cannot read {where}: aliases make {path or 'the document'} (line"
            f" {worst.start_mark.line + 1}, {_node_preview(worst)}) expand to"
            f" {size[id(worst)]:,} values; a data pack may add at most"
            f" {MAX_ALIAS_VALUES:,} through aliases"
        )


def _unique_nodes(root: Node) -> Iterator[Node]:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(_children(node))


def _node_paths(root: Node) -> dict[int, str]:
    """The data-pack path of every node where it first occurs (keys: the key's path)."""
    paths: dict[int, str] = {id(root): ""}
    stack = [root]
    while stack:
        node = stack.pop()
        base = paths[id(node)]
        if isinstance(node, SequenceNode):
            for i, child in enumerate(node.value):
                if id(child) not in paths:
                    paths[id(child)] = f"{base}[{i}]"
                    stack.append(child)
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, ScalarNode) else "?"
                path = f"{base}.{name}" if base else str(name)
                paths.setdefault(id(key_node), path)
                if id(value_node) not in paths:
                    paths[id(value_node)] = path
                    stack.append(value_node)
    return paths


class _Marked:
    """A JSON value that cannot be kept; found again by the walk that adds paths."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Duplicates(dict[str, Any]):
    """A JSON object with keys written more than once."""

    duplicates: list[str]


def _read_json(text: str, where: str) -> tuple[Any, list[Problem]]:
    flagged: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        dup = _Duplicates()  # keeps the first value of a key, as the YAML reader does
        dup.duplicates = []
        for key, value in items:
            if key in dup:
                dup.duplicates.append(key)
            else:
                dup[key] = value
        flagged.append(True)
        return dup

    def constant(name: str) -> _Marked:
        flagged.append(True)
        return _Marked(
            InvalidValueError(f"{name} is not a finite number; data packs hold finite numbers only")
        )

    def number(text: str) -> Any:
        if len(text) > _MAX_DIGITS:
            flagged.append(True)
            return _Marked(
                InvalidValueError(f"a number of {len(text)} digits ({preview(text)}) is too long")
            )
        value = float(text) if any(c in text for c in ".eE") else int(text)
        if isinstance(value, float) and not math.isfinite(value):
            return constant(text)
        return value

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=constant,
            parse_int=number,
            parse_float=number,
        )
    except json.JSONDecodeError as exc:
        raise DataPackError(
            f"cannot read {where} at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise DataPackError(
            f"cannot read {where}: lists and objects are nested too deeply"
        ) from None
    if not flagged:
        return data, []
    problems: list[Problem] = []
    stack: list[tuple[Any, str]] = [(data, "")]
    found: list[tuple[str, Any]] = []
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Marked):
            found.append((path, value.problem))
        elif isinstance(value, dict):
            if isinstance(value, _Duplicates):
                for key in value.duplicates:
                    found.append(
                        (
                            f"{path}.{key}" if path else key,
                            DuplicateKeyError(
                                f"duplicate key {preview(key)}: write each key once"
                                " (JSON readers keep only the last)"
                            ),
                        )
                    )
            for key, item in value.items():
                stack.append((item, f"{path}.{key}" if path else key))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(value))
    lines = _json_lines(text)
    for path, problem in sorted(found, key=lambda f: f[0]):
        problem.path = path
        at = lines.get(path, [])
        if isinstance(problem, DuplicateKeyError) and len(at) > 1:
            problem.message = problem.message.replace(
                ":", f" (line {at[1]}; first on line {at[0]}):", 1
            )
        elif at:
            problem.message += f" (line {at[0]})"
        problems.append(problem)
    # the markers must not reach the converter: blank them
    _blank(data)
    return data, problems


def _json_lines(text: str) -> dict[str, list[int]]:
    """The lines of each path of a JSON text (a key written twice has two), found by
    reading it again as YAML, which keeps positions; empty where that fails."""
    loader = (FastLoader if USE_LIBYAML else PureLoader)(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return {}
    finally:
        loader.dispose()
    lines: dict[str, list[int]] = {}
    stack: list[tuple[Node, str]] = [(root, "")] if root is not None else []
    while stack:
        node, base = stack.pop()
        if isinstance(node, SequenceNode):
            for i, child in enumerate(node.value):
                lines.setdefault(f"{base}[{i}]", []).append(child.start_mark.line + 1)
                stack.append((child, f"{base}[{i}]"))
        elif isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                path = f"{base}.{key_node.value}" if base else str(key_node.value)
                lines.setdefault(path, []).append(key_node.start_mark.line + 1)
                stack.append((value_node, path))
    return lines


def _blank(data: Any) -> None:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, _Marked):
                    value[key] = None
                else:
                    stack.append(item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, _Marked):
                    value[i] = None
                else:
                    stack.append(item)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk load (records make no cycles).

    A load allocates millions of objects that all stay alive; the collector would scan them
    again and again (the only superlinear cost of a large load). On leaving, the objects
    the collector tracks move to its oldest generation unscanned: a cycle among them is
    collected at the next full collection rather than the next young one.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if not gc.get_freeze_count():
                # What was made while paused is mostly still alive (records make no
                # cycles): it goes to the oldest generation as it is, instead of being
                # scanned whole by the young collection the next allocation would start
                # (10-40 ms after a parse of 1 MB). Not when the program has frozen objects
                # of its own (gc.freeze before a fork): unfreeze would hand them back.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


# ----------------------------------------------------------------------------- previews


def preview(value: Any, limit: int = 60) -> str:
    """A bounded ``repr``: at most ``limit`` characters, however large or deep ``value`` is.

    >>> preview("x" * 100, 10)
    "'xxxxxxxx…"
    >>> preview([[1, 2]] * 10**6, 20)
    '[[1, 2], [1, 2], [1…'
    """
    parts: list[str] = []
    used = 0
    stack: list[Any] = [value]
    while stack and used <= limit:
        item = stack.pop()
        if isinstance(item, _Text):
            piece = item.text
        elif isinstance(item, list | tuple):
            opener, closer = ("[", "]") if isinstance(item, list) else ("(", ")")
            stack.append(_Text(closer))
            for i in range(min(len(item), limit) - 1, -1, -1):
                stack.append(item[i])
                if i:
                    stack.append(_Text(", "))
            piece = opener
        elif isinstance(item, dict):
            stack.append(_Text("}"))
            pairs = list(_first(item.items(), limit))
            for i in range(len(pairs) - 1, -1, -1):
                stack.append(pairs[i][1])
                stack.append(_Text(": "))
                stack.append(pairs[i][0])
                if i:
                    stack.append(_Text(", "))
            piece = "{"
        elif isinstance(item, str):
            piece = repr(item[: limit + 1])
            if len(item) > limit:
                piece = piece[:-1]
        elif isinstance(item, int) and not isinstance(item, bool) and item.bit_length() > 512:
            piece = f"<a number of about {round(item.bit_length() * math.log10(2))} digits>"
        else:
            piece = repr(item)[: limit + 1]
        parts.append(piece)
        used += len(piece)
    text = "".join(parts)
    if len(text) > limit or stack:
        return text[: limit - 1] + "…"
    return text


class _Text:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _first(items: Any, count: int) -> Iterator[Any]:
    for n, item in enumerate(items):
        if n >= count:
            return
        yield item


def _node_preview(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return f"the value {preview(node.value)}"
    if isinstance(node, SequenceNode):
        return f"a list of {len(node.value)}"
    return f"a mapping of {len(node.value)} keys"


# ----------------------------------------------------------------------------- writing


_ODD_BREAKS = re.compile("[\x85\u2028\u2029\r]")


def _str_representer(_dumper: Any, value: str) -> yaml.ScalarNode:
    """Text as it is (Chinese readable), long texts as blocks, odd breaks escaped."""
    style = "|" if "\n" in value else None
    if _ODD_BREAKS.search(value):
        # YAML counts these as line breaks and folds them unless they are escaped
        style = '"'
    return ScalarNode(_STR, value, style=style)


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS = {bool: "tag:yaml.org,2002:bool", int: _INT, type(None): "tag:yaml.org,2002:null"}
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}


class _QuickResolve:
    """PyYAML's ``resolve`` without its path machinery (a data pack uses none).

    The emitter asks twice for every scalar whether it would read back as text; this
    answers as ``BaseResolver.resolve`` does, from the first character's resolvers.
    """

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _DEFAULT_TAGS[kind]


class PureDumper(_QuickResolve, yaml.SafeDumper):
    """The data-pack YAML writer on PyYAML's pure-Python emitter."""


class FastDumper(_QuickResolve, getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The data-pack YAML writer on libyaml's emitter."""


for _dumper in (PureDumper, FastDumper):
    _dumper.add_representer(str, _str_representer)
    if None in _dumper.yaml_implicit_resolvers or _dumper.yaml_path_resolvers:
        raise RuntimeError("PyYAML's dumper has resolvers that _QuickResolve does not read")


def _nodes(data: Any, dumper: Any) -> Node:
    """The YAML nodes of plain data, built directly (the generic representer costs more
    than the emitting); other values go through the dumper's representers."""
    kind = type(data)
    if kind is str:
        if data.isprintable():  # no line break of any kind: most texts, told at C speed
            return ScalarNode(_STR, data)
        if "\n" in data:
            style: str | None = '"' if _ODD_BREAKS.search(data) else "|"
        else:
            style = '"' if _ODD_BREAKS.search(data) else None
        return ScalarNode(_STR, data, style=style)
    if kind is dict:
        return MappingNode(
            _MAP,
            [
                (
                    ScalarNode(_STR, k)
                    if type(k) is str and k.isprintable()
                    else _nodes(k, dumper),
                    _nodes(v, dumper),
                )
                for k, v in data.items()
            ],
            flow_style=False,
        )
    if kind is list:
        return SequenceNode(_SEQ, [_nodes(v, dumper) for v in data], flow_style=False)
    if kind is bool:
        return ScalarNode(_SCALARS[bool], "true" if data else "false")
    if kind is int:
        return ScalarNode(_INT, str(data))
    if data is None:
        return ScalarNode(_SCALARS[type(None)], "null")
    if isinstance(data, str):
        return _str_representer(dumper, data)
    node: Node = dumper.represent_data(data)
    return node


def dump_yaml(data: Any) -> str:
    """YAML text for plain data: keys in their order, Chinese as it is, width 100."""
    dumper_class = FastDumper if USE_LIBYAML else PureDumper
    stream = io.StringIO()
    dumper = dumper_class(stream, allow_unicode=True, sort_keys=False, width=100)
    try:
        dumper.open()
        dumper.serialize(_nodes(data, dumper))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


#: Levels of nesting written one entry a line; deeper values are written on one line.
_JSON_LINE_DEPTH = 3


def _float_json(value: float) -> str:
    if value != value or value in (math.inf, -math.inf):
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    return float.__repr__(value)


def _no_default(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_c_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)
_encode_text: Any = json.encoder.encode_basestring  # the C one where _json is built
#: json.dumps's own C encoder (markers, default, encoder, indent, separators, sort_keys,
#: skipkeys, allow_nan), made once: its markers (for cycles) are empty between calls.
_MARKERS: dict[int, Any] = {}
_C_ENCODE: Any = (
    _c_make_encoder(_MARKERS, _no_default, _encode_text, None, ": ", ", ", False, False, False)
    if _c_make_encoder is not None
    else None
)


def _encode_json(value: Any) -> str:
    """One value as json.dumps(value, ensure_ascii=False, allow_nan=False) writes it."""
    kind = type(value)
    if kind is str:
        return str(_encode_text(value))
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return _float_json(value)
    if _C_ENCODE is not None and kind in (dict, list, tuple):
        try:
            return "".join(_C_ENCODE(value, 0))
        except BaseException:
            _MARKERS.clear()  # what a failed call left behind would read as a cycle
            raise
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def dump_json(data: Any) -> str:
    """JSON text for plain data: Chinese as it is, a final newline, one field a line.

    The outer three levels (a pack, its collections, each record) are
    written one entry a line with two-space indents; each field's value is written on its
    line by the C encoder (``indent=`` would force the pure-Python one, three times
    slower). So every record field is a line of its own, which diffs well.

    >>> print(dump_json({"agencies": [{"id": "a", "name": {"zh": "甲"}}], "empty": []}), end="")
    {
      "agencies": [
        {
          "id": "a",
          "name": {"zh": "甲"}
        }
      ],
      "empty": []
    }
    """
    parts: list[str] = []
    _write_json(data, 0, parts)
    parts.append("\n")
    return "".join(parts)


#: What starts a record's field: a comma, a line break, the indent, its key and ": ",
#: for the text keys seen (the fields of records are few).
_FIELDS: dict[str, str] = {}
_RECORD_INDENT = "\n" + "  " * _JSON_LINE_DEPTH


def _field_json(key: Any, inner: str) -> str:
    """``,⏎      "key": `` for a record's field ``key`` (``inner``: break and indent)."""
    text = "," + inner + _key_json(key)
    if type(key) is str and inner == _RECORD_INDENT and len(_FIELDS) < 10_000:
        _FIELDS[key] = text
    return text


_KEYS: dict[str, str] = {}


def _key_json(key: Any) -> str:
    """``"key": `` as json.dumps writes it: a key that is not text is converted (or
    refused) as json.dumps does it."""
    if type(key) is str:
        text = _KEYS.get(key)
        if text is None:
            text = _encode_json(key) + ": "
            if len(_KEYS) < 10_000:  # field names, not the keys of arbitrary data
                _KEYS[key] = text
        return text
    return _encode_json({key: 0})[1:-4] + ": "


def _write_json(value: Any, depth: int, parts: list[str]) -> None:
    kind = type(value)
    if depth >= _JSON_LINE_DEPTH or not value or kind not in (dict, list, tuple):
        parts.append(_encode_json(value))
        return
    inner = "\n" + "  " * (depth + 1)
    if kind is dict:
        parts.append("{")
        deepest = depth + 1 >= _JSON_LINE_DEPTH  # a record's fields: each on one line
        if deepest:  # a record: its fields, each on a line
            start = len(parts)
            for key, item in value.items():
                parts.append(_FIELDS.get(key) or _field_json(key, inner))
                parts.append(_encode_text(item) if type(item) is str else _encode_json(item))
            parts[start] = parts[start][1:]  # no comma before the first field
        else:
            for k, (key, item) in enumerate(value.items()):
                parts.append(("," if k else "") + inner + _key_json(key))
                _write_json(item, depth + 1, parts)
        parts.append("\n" + "  " * depth + "}")
    else:
        parts.append("[")
        for k, item in enumerate(value):
            parts.append(("," if k else "") + inner)
            _write_json(item, depth + 1, parts)
        parts.append("\n" + "  " * depth + "]")

"""Notices → one data pack: what ``smeeco parse FILE… -o PACK`` does, as a library call.

:func:`parse_to_pack` reads each text with :func:`~smeeco.parse_policy` (one
:class:`~smeeco.PolicyDocument` each) and gathers the records into a pack that loads on
its own: it ``requires`` the bundled pack the names were resolved against, or carries the
records of an agencies file it was given.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from smeeco._load import load
from smeeco.datasets import pack_path
from smeeco.ecosystem import Ecosystem, PackInfo
from smeeco.errors import InvalidValueError, UnknownPackError
from smeeco.io.packtext import paused_gc
from smeeco.model.agency import Agency
from smeeco.model.common import Record
from smeeco.parse.policy import NotAPolicyTextError, ParseResult, parse_policy
from smeeco.parse.prepare import _TONE, looks_traditional, prepare

__all__ = ["ParsedPack", "document_id_for", "parse_to_pack"]

#: Place names in a notice's head → (jurisdiction id, bundled pack of its agencies).
BUNDLED_REGISTRIES: dict[str, tuple[str, str]] = {
    "天津": ("tj", "tianjin-agencies"),
    "青岛": ("qd", "qingdao"),
}


@attrs.frozen
class ParsedPack:
    """The records of a parsed pack, its header, and each document's result."""

    records: tuple[Record, ...]
    info: PackInfo
    results: tuple[tuple[str, ParseResult], ...]

    @property
    def uncertain(self) -> bool:
        """Whether any document had an uncertainty."""
        return any(result.uncertain for _name, result in self.results)

    def report(self) -> str:
        """Every uncertainty of every document, ``NAME:line:column: kind: message``."""
        return "\n".join(
            f"{name}:{u}" for name, result in self.results for u in result.uncertainties
        )


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _stem(name: str) -> str:
    """``Path(name).stem``, without building a path for the usual name ("dir/a.txt")."""
    base = name.rpartition("/")[2]
    if not base or base == "." or os.sep != "/" or os.altsep is not None:
        return Path(name).stem
    dot = base.rfind(".")
    return base[:dot] if 0 < dot < len(base) - 1 else base


def document_id_for(name: str, text: str) -> str:
    """A document id from a file name ("Tianjin 2022.txt" → "tianjin-2022").

    Examples
    --------
    >>> document_id_for("notices/Tianjin 2022.txt", "…")
    'tianjin-2022'
    """
    stem = _stem(name).lower()
    slug = _NOT_SLUG.sub("-", stem).strip("-")
    if slug and slug[0].isalnum() and slug != "-":
        return slug
    from smeeco.parse.policy import _document_id

    return _document_id(text, None)


def _advance(
    progress: Callable[[int, int, str], None], before: int, total: int, name: str, done: int
) -> None:
    if before + done < total:  # the end is said once, after the last text
        progress(before + done, total, name)


def _registry_for(texts: Sequence[str]) -> tuple[str | None, str | None]:
    for text in texts:
        head = text[:3000]
        if looks_traditional(head) or _TONE.search(head):  # converted, or glosses cut
            head = prepare(head).text
        for place, (jurisdiction, pack) in BUNDLED_REGISTRIES.items():
            if place in head:
                return jurisdiction, pack
    return None, None


def parse_to_pack(
    texts: Sequence[tuple[str, str]],
    *,
    agencies: str | None = None,
    jurisdiction: str | None = None,
    ids: Sequence[str] = (),
    name: str = "parsed",
    progress: Callable[[int, int, str], None] | None = None,
) -> ParsedPack:
    """Parse ``texts`` (``(name, text)`` pairs) into the records of one data pack.

    ``agencies`` is a bundled pack name or a pack file to resolve names against; by
    default the bundled registry of the jurisdiction named in the first notice's head
    (天津 → ``tianjin-agencies``), else none (every unit becomes a new agency, marked
    unresolved). ``ids`` gives the documents' ids in order (default: from the names).
    ``progress(done, total, name)`` is called as the parse advances, in characters of all
    the texts (``name`` is the text being read; ``done == total`` at the end), so that one
    long text shows progress too.

    Examples
    --------
    >>> text = "某市关于若干措施的通知\\n一、财税\\n(一)加强资金支持。(责任单位:某市财政局)"
    >>> pack = parse_to_pack([("a.txt", text)])
    >>> [r.kind for r in pack.records], pack.info.requires
    (['agency', 'document', 'measure'], ())
    """
    if ids and len(ids) != len(texts):
        raise InvalidValueError(
            f"{len(ids)} ids for {len(texts)} texts: give one --id per file, or none"
        )
    eco: Ecosystem | None = None
    requires: tuple[str, ...] = ()
    carried: list[Record] = []
    if agencies is None:
        found_jurisdiction, bundled = _registry_for([text for _n, text in texts])
        jurisdiction = jurisdiction or found_jurisdiction
        if bundled is not None:
            agencies = bundled
    if agencies is not None:
        eco = load(agencies)
        is_file = agencies.lower().endswith((".yaml", ".yml", ".json")) or "/" in agencies
        if not is_file:
            requires = (agencies,)
        else:  # carry the file's own records; require the bundled packs it requires
            base_ids: set[str] = set()
            for info in eco.packs:
                for required in info.requires:
                    try:
                        pack_path(required)
                    except UnknownPackError:
                        continue
                    requires += (required,) if required not in requires else ()
                    base_ids |= {r.id for r in load(required)}
            carried = [r for r in eco if r.id not in base_ids]
    results: list[tuple[str, ParseResult]] = []
    records: list[Record] = list(carried)
    seen_ids: set[str] = set()
    new_agencies: dict[str, Agency] = {}  # one unresolved name → one agency in the pack
    refused: list[str] = []
    total = sum(len(text) for _n, text in texts)
    before = 0  # characters of the texts already read
    with paused_gc():  # the records make no cycles; the collector would rescan them all
        for k, (text_name, text) in enumerate(texts):
            step: Callable[[int], None] | None = None
            if progress is not None:
                progress(before, total, text_name)
                step = functools.partial(_advance, progress, before, total, text_name)
            document_id = ids[k] if ids else document_id_for(text_name, text)
            while document_id in seen_ids:
                document_id += "-2"
            seen_ids.add(document_id)
            try:
                result = parse_policy(
                    text,
                    document_id=document_id,
                    agencies=eco,
                    jurisdiction=jurisdiction,
                    new_agencies=new_agencies,
                    progress=step,
                )
            except NotAPolicyTextError as error:  # every bad file at once, each named
                refused.append(f"{text_name}: {error}")
                continue
            finally:
                before += len(text)
            results.append((text_name, result))
            records.extend(result.records)
    if progress is not None:
        progress(total, total, "")
    if refused:
        raise NotAPolicyTextError("; ".join(refused))
    info = PackInfo(
        name=name,
        title="Parsed by smeeco parse: " + "; ".join(r.document.name.zh for _n, r in results),
        description="Documents, measures and new (unresolved) agencies read from policy"
        " texts by smeeco parse; check every agency whose notes say 'unresolved'.",
        requires=requires,  # type: ignore[arg-type]  # attrs converter=tuple
    )
    return ParsedPack(tuple(records), info, tuple(results))

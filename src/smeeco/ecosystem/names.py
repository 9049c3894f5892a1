"""Finding records by name: the index of every name form, and close-match suggestions.

>>> from smeeco import Agency, Name
>>> finance = Agency(id="tj-finance", name=Name("天津市财政局", aliases=["市财政局"]))
>>> index = NameIndex([finance])
>>> index.ids("市财政局")
['tj-finance']
>>> suggest("市财正局", [finance])
"'tj-finance' (天津市财政局)"
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from smeeco.model import Record

__all__ = ["NameIndex", "a_or_an", "suggest"]


class NameIndex:
    """Record ids by every name form (zh, en, aliases), compared case-insensitively."""

    def __init__(self, records: Iterable[Record]) -> None:
        index: dict[str, list[str]] = defaultdict(list)
        for record in records:
            for form in record.name.all():
                index[form.casefold()].append(record.id)
        self._index = dict(index)

    def ids(self, text: str) -> Sequence[str]:
        """Ids of the records one of whose name forms is ``text``."""
        return self._index.get(text.strip().casefold(), ())


def suggest(text: str, pool: Sequence[Record]) -> str:
    """Up to three records of ``pool`` that ``text`` may have meant, as ``'id' (label)``.

    Records named ``text`` first, then ids close to it, then names and aliases close to
    it (市财正局 for 市财政局); an empty string when nothing is close.
    """
    by_name = [r for r in pool if r.name.matches(text)]
    if by_name:
        return " or ".join(f"{r.id!r} ({r.label()})" for r in by_name[:3])
    ids = {r.id: r for r in pool}
    close = difflib.get_close_matches(text, list(ids), n=3, cutoff=0.6)
    if close:
        return " or ".join(f"{c!r} ({ids[c].label()})" for c in close)
    forms: dict[str, Record] = {}
    for r in pool:
        for form in r.name.all():
            forms.setdefault(form, r)
    near = difflib.get_close_matches(text, list(forms), n=6, cutoff=0.6)
    found = list(dict.fromkeys(forms[f] for f in near))[:3]
    return " or ".join(f"{r.id!r} ({r.label()})" for r in found)


def a_or_an(word: str) -> str:
    """``word`` with its indefinite article: ``an agency``, ``a measure``."""
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"

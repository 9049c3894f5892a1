"""Keyword search over measures: titles, texts and notes, in Chinese or English.

A measure matches when every word of the query occurs in its title (any name form), its
text or its notes; English matches ignore case. Matches are ranked: a word in the title
counts most, then how often it occurs in the text, then the notes.

Traditional characters are converted to simplified before matching when OpenCC is
installed (the ``smeeco[zh]`` extra); without it a query in traditional characters is
matched as written, and a search that finds nothing says that the extra would help.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> [(h.measure.number, h.fields) for h in smeeco.search(eco, "风险")]
[('(三)', ('text',))]
>>> [(h.measure.number, h.score) for h in smeeco.search(eco, "支持")]
[('(一)', 14)]
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections.abc import Sequence
from typing import Any

import attrs

from smeeco.ecosystem import Ecosystem
from smeeco.errors import InvalidValueError
from smeeco.model import Agency, BeneficiaryGroup, Measure, PolicyDocument, Role
from smeeco.queries.selection import MeasureFilter, measures_in_order

__all__ = ["SearchHit", "SearchResult", "search"]

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_CONVERTER: list[Any] = []


def _to_simplified(text: str) -> tuple[str, bool]:
    """``text`` in simplified characters, and whether OpenCC was there to convert it."""
    if not _CONVERTER:
        if importlib.util.find_spec("opencc") is None:
            return text, False
        import opencc

        _CONVERTER.append(opencc.OpenCC("t2s"))
    return str(_CONVERTER[0].convert(text)), True


def _fold(text: str) -> str:
    return text.translate(_WIDTH).casefold()


@attrs.frozen
class SearchHit:
    """One measure that matched: where the words were found and how well it ranks."""

    measure: Measure
    score: int
    fields: tuple[str, ...]  # "title", "text", "notes": where any word was found
    document: PolicyDocument | None = None

    def units(self) -> tuple[str, ...]:
        """The measure's responsible unit ids, in stated order."""
        return self.measure.units


@attrs.frozen
class SearchResult:
    """The hits of a search, best first, and what the search did with the words."""

    words: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    converted: bool = False  # the words were converted traditional → simplified
    note: str = ""  # said when the search may have missed something

    def __iter__(self) -> Any:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, index: int) -> SearchHit:
        return self.hits[index]

    def __repr__(self) -> str:
        return f"<SearchResult {' '.join(self.words)!r}: {len(self.hits)} measures>"

    def _repr_html_(self) -> str:
        from smeeco.notebook import html_table

        return html_table(
            ("no.", "measure", "document", "score", "found in", "units"),
            (
                (
                    h.measure.number or h.measure.ordinal,
                    h.measure.label(),
                    h.measure.document,
                    h.score,
                    ", ".join(h.fields),
                    "、".join(h.measure.units),
                )
                for h in self.hits
            ),
            caption=repr(self),
        )


def _fields(measure: Measure) -> dict[str, str]:
    return {
        "title": _fold(" ".join(measure.name.all())),
        "text": _fold(measure.text),
        "notes": _fold(measure.notes),
    }


def search(
    eco: Ecosystem,
    words: str | Sequence[str],
    *,
    agency: str | Agency | None = None,
    role: Role | str | None = None,
    beneficiary: str | BeneficiaryGroup | None = None,
    instrument: str | None = None,
    document: str | PolicyDocument | None = None,
    as_of: dt.date | str | None = None,
) -> SearchResult:
    """Measures whose title, text or notes contain every one of ``words``, ranked.

    Parameters
    ----------
    eco:
        The ecosystem.
    words:
        One string (split at spaces) or several words; Chinese or English, simplified or
        traditional (traditional needs the ``smeeco[zh]`` extra).
    agency, role, beneficiary, instrument, document:
        Keep only these measures (see :class:`smeeco.MeasureFilter`).
    as_of:
        Only measures in force on this date (units passed to their successors).

    Returns
    -------
    SearchResult
        Hits best first (ties in document order); each has the measure, its score, the
        fields that matched and the document.
    """
    given = tuple(words.split()) if isinstance(words, str) else tuple(words)
    wanted = tuple(dict.fromkeys(w for word in given for w in word.split() if w))
    if not wanted:
        raise InvalidValueError("give at least one word to search for", "words")
    if as_of is not None:
        eco = eco.at(as_of)
    chosen = MeasureFilter.resolve(
        eco,
        agency=agency,
        role=role,
        beneficiary=beneficiary,
        instrument=instrument,
        document=document,
    )
    joined, converted = _to_simplified(" ".join(wanted))
    folded = [_fold(w) for w in joined.split()]
    converted = converted and joined != " ".join(wanted)
    found: list[tuple[int, int, SearchHit]] = []
    for position, measure in enumerate(measures_in_order(eco)):
        if not chosen.keeps(measure):
            continue
        fields = _fields(measure)
        score = 0
        where: dict[str, None] = {}
        for word in folded:
            in_title = word in fields["title"]
            in_text = fields["text"].count(word)
            in_notes = word in fields["notes"]
            if not (in_title or in_text or in_notes):
                break
            score += 10 * in_title + min(in_text, 5) * 2 + in_notes
            for name, hit in (("title", in_title), ("text", in_text), ("notes", in_notes)):
                if hit:
                    where.setdefault(name, None)
        else:
            found_hit = SearchHit(
                measure,
                score,
                tuple(f for f in ("title", "text", "notes") if f in where),
                eco.get(measure.document, PolicyDocument),
            )
            found.append((-score, position, found_hit))
    found.sort(key=lambda item: (item[0], item[1]))
    note = ""
    if not found and any(_CJK.search(w) for w in wanted) and not _CONVERTER:
        note = (
            "no measure matched; if the words are in traditional characters, install"
            " OpenCC to convert them (pip install 'smeeco[zh]')"
        )
    return SearchResult(wanted, tuple(h for _, _, h in found), converted, note)

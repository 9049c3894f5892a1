"""Finding a measure the way people name it: ``(四)``, ``四``, ``4``, a title or an id.

>>> import smeeco
>>> eco = smeeco.load("example")
>>> smeeco.find_measure(eco, "(二)").id
'ex-2022-measures.m02'
>>> smeeco.find_measure(eco, "三").id
'ex-2022-measures.m03'
"""

from __future__ import annotations

from smeeco.ecosystem import Ecosystem
from smeeco.errors import NotInForceError, SmeecoError, UnknownReferenceError
from smeeco.model import Measure, PolicyDocument
from smeeco.queries._common import AsOf, record_of, view

__all__ = ["find_measure"]

_NUMERALS = "一二三四五六七八九十百"


def _number(text: str) -> str:
    """A measure number with full-width brackets made ASCII: ``（四）`` -> ``(四)``."""
    return text.strip().replace("（", "(").replace("）", ")")


def find_measure(
    eco: Ecosystem,
    text: str,
    document: str | PolicyDocument | None = None,
    *,
    as_of: AsOf = None,
) -> Measure:
    """The measure ``text`` names: an id, name or alias, or its number in the document.

    A number may be written ``(四)``, ``（四）``, ``四`` (a bare numeral) or ``4`` (the
    measure's ordinal). When several documents have a measure with that number, name the
    ``document`` (id, name or alias).

    Parameters
    ----------
    eco
        The ecosystem to search.
    text
        What the user typed.
    document
        Only measures of this document.
    as_of
        Only measures in force on this day; a measure that exists but is not in force
        then raises :class:`~smeeco.NotInForceError` saying why.

    Returns
    -------
    Measure
        The one measure named.

    Raises
    ------
    UnknownReferenceError
        No measure, or several, answer to ``text``; the message says which to add.
    NotInForceError
        The measure exists but is not in force on ``as_of``.

    Examples
    --------
    >>> import smeeco
    >>> eco = smeeco.load("example")
    >>> smeeco.find_measure(eco, "（一）", document="ex-2022-measures").number
    '(一)'
    >>> smeeco.find_measure(eco, "9")
    Traceback (most recent call last):
    ...
    smeeco.errors.UnknownReferenceError: ... name a measure by its number such as '(一)'...
    """
    eco = view(eco, as_of)
    found = [r for r in eco.find(text, "measure") if isinstance(r, Measure)]
    if len(found) == 1:
        return found[0]
    measures = eco.measures
    if document is not None:
        doc = record_of(eco, document, PolicyDocument)
        measures = tuple(m for m in measures if m.document == doc.id)
    wanted = _number(text)
    if wanted and all(c in _NUMERALS for c in wanted):
        wanted = f"({wanted})"  # a bare numeral: 四 -> (四)
    by_number = [m for m in measures if _number(m.number) == wanted] or [
        m for m in measures if wanted.isdigit() and m.ordinal == int(wanted)
    ]
    if len(by_number) == 1:
        return by_number[0]
    if len(by_number) > 1:
        docs = ", ".join(sorted({m.document for m in by_number}))
        raise UnknownReferenceError(
            f"measure {text!r} is in several documents ({docs}); name the document (--document)"
        )
    try:
        record = eco.resolve(text, "measure")
    except NotInForceError:
        raise
    except UnknownReferenceError as exc:
        if eco.as_of_date is not None and eco.base is not eco:
            try:
                elsewhere = find_measure(eco.base, text, document)
            except SmeecoError:
                pass
            else:
                raise NotInForceError(
                    eco.base.why_not_in_force(elsewhere, eco.as_of_date)
                ) from None
        example = measures[0] if measures else None
        hint = (
            f"; name a measure by its number such as {example.number or example.ordinal!r},"
            f" its title or its id such as {example.id!r}"
            if example is not None
            else "; this pack has no measures"
        )
        raise UnknownReferenceError(str(exc).split("; add a")[0] + hint) from None
    return eco.require(record.id, Measure)

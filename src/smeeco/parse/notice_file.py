"""A notice as a file → the text :func:`smeeco.parse_policy` reads, whatever the file is.

- **Text** in any encoding a Chinese notice arrives in (:func:`smeeco.encodings.decode_text`:
  UTF-8, GB18030/GBK, Big5, UTF-16/32 with a byte-order mark), including a web page saved
  as ``.html`` (read as a browser shows it when parsed, :mod:`smeeco.parse.html`);
- a **Word** ``.docx``, automatic numbers and tables included (:mod:`smeeco.parse.word`;
  the ``smeeco[docx]`` extra);
- a **PDF**, an old binary **.doc/.wps**, or another zip archive: refused with what to do
  (smeeco reads text; it does not guess at a PDF's layout).

The kind is told from the file's first bytes, not its name.

>>> notice = read_notice_file("关于印发若干措施的通知".encode("gbk"), name="n.txt")
>>> notice.text, notice.notes
('关于印发若干措施的通知', ('n.txt: read as GB18030 (detected; give --encoding to choose)',))
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import NamedTuple

from smeeco.encodings import decode_text
from smeeco.errors import TextEncodingError

__all__ = ["NoticeText", "read_notice_file"]

_ZIP = b"PK\x03\x04"
_PDF = b"%PDF"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office (and WPS) format


class NoticeText(NamedTuple):
    """A notice's text, and what the reader wants the user to know (each a sentence)."""

    text: str
    notes: tuple[str, ...] = ()


def read_notice_file(
    source: str | Path | bytes, *, name: str | None = None, encoding: str | None = None
) -> NoticeText:
    """The text of a notice file (a path or its bytes); see the module's description.

    ``encoding`` is for text files (detected when None). Raises
    :class:`~smeeco.TextEncodingError` for bytes that are no text smeeco reads, naming the
    file and what to do, and :class:`~smeeco.MissingDependencyError` for a ``.docx``
    without python-docx.
    """
    if isinstance(source, bytes):
        data = source
        label = name or "the input"
    else:
        data = Path(source).read_bytes()
        label = name or str(source)
    if data.startswith(_PDF):
        raise TextEncodingError(
            f"{label} is a PDF; smeeco reads text, so extract it first (e.g. `pdftotext"
            f" -layout {label} notice.txt`, from poppler-utils) and parse the text"
        )
    if data.startswith(_OLE):
        raise TextEncodingError(
            f"{label} is an old binary Word/WPS document (.doc, .wps); open it and save it"
            " as .docx or as plain text (.txt), then parse that"
        )
    if data.startswith(_ZIP):
        if not _is_docx(data):
            raise TextEncodingError(
                f"{label} is a zip archive but not a Word .docx document; unpack it, or save"
                " the notice as .docx or .txt"
            )
        from smeeco.parse.word import docx_text

        word = docx_text(data)
        notes = tuple(note.replace("the document", label, 1) for note in word.notes)
        return NoticeText(word.text, notes)
    decoded = decode_text(data, name=label, encoding=encoding)
    return NoticeText(decoded.text, (f"{label}: {decoded.note}",) if decoded.note else ())


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False

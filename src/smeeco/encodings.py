"""Which encoding a file of Chinese text was saved in.

Notices saved from a government web page, or registers exported from Excel on a Chinese
Windows machine, arrive in UTF-8 as often as in GB18030 (its subsets GBK and GB2312 are what
"ANSI" means there) or, from Taiwan and Hong Kong, in Big5. :func:`decode_text` reads them
all, and says which it read:

1. a byte-order mark decides (UTF-8, UTF-16 or UTF-32);
2. otherwise text that is valid UTF-8 is UTF-8 (the legacy encodings almost never are);
3. otherwise GB18030 and Big5 are tried, each strictly; a candidate counts only if at least
   :data:`COMMON_SHARE` of its Han characters are among the :data:`COMMON` characters of
   everyday written Chinese (a text read in the wrong legacy encoding decodes to rare
   characters, or fails). When both count, the one with the larger share wins.

Nothing is guessed silently: the result records the encoding and whether it was detected,
so that a command can say "read as GB18030". Text no encoding reads convincingly is a
:class:`~smeeco.errors.TextEncodingError` naming the file and the byte, asking for
``--encoding``.

>>> data = "关于印发若干措施的通知".encode("gb18030")
>>> decoded = decode_text(data, name="notice.txt")
>>> decoded.text, decoded.encoding, decoded.detected
('关于印发若干措施的通知', 'gb18030', True)
>>> decode_text("市工业和信息化局".encode()).encoding
'utf-8'
"""

from __future__ import annotations

import codecs
import re

import attrs

from smeeco.errors import TextEncodingError

__all__ = ["COMMON", "COMMON_SHARE", "ENCODINGS", "Decoded", "decode_text"]

#: Encodings ``--encoding`` takes (Python codec names; aliases such as gbk are accepted too).
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16", "utf-32")

#: Frequent characters of written Chinese, simplified and traditional forms of the commonest
#: words of policy text among them: a correctly decoded notice is made mostly of these.
COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也"
    "能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实"
    "加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样"
    "与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情"
    "者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
    "少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色"
    "光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再"
    "采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马"
    "节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须"
    "际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准"
    "精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火"
    "住调满县局照参红细引听该铁价严企服务政策创培措施责牵头配合落实推动支持鼓励加强完善健全"
    "這個為們來時說產種麵後發動過對會經進著實現當點從業應開還會問題點關於與國門東長書區縣務開"
    "體製機條決總軍則將處計劃級環專實際設據權證傳頭責見號業區辦議協調導營發創貸稅費資幫"
)

#: The share of Han characters that must be common for a legacy decoding to count.
COMMON_SHARE = 0.4

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SAMPLE = 20_000  # characters looked at when scoring a candidate decoding
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@attrs.frozen
class Decoded:
    """Text read from bytes: the text, the encoding it was read in, and whether that was
    inferred from the content (True for GB18030 or Big5 chosen by their common characters;
    False for an encoding given, a byte-order mark, or valid UTF-8)."""

    text: str
    encoding: str
    detected: bool

    @property
    def note(self) -> str | None:
        """What a command should tell the user, or None when the text was plain UTF-8."""
        if not self.detected:
            return None
        return f"read as {self.encoding.upper()} (detected; give --encoding to choose)"


def decode_text(data: bytes, *, name: str = "the input", encoding: str | None = None) -> Decoded:
    """``data`` as text, in ``encoding`` or, when None, in the encoding detected (see above)."""
    if encoding is not None:
        return _given(data, name, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec.removesuffix("-sig"), False)
            except UnicodeDecodeError as error:
                raise TextEncodingError(
                    f"{name} starts with a {codec.upper()} byte-order mark but is not"
                    f" {codec.upper()} ({error.reason} at byte {error.start}); save it"
                    " again as UTF-8"
                ) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError as error:
        utf8_error = error
    scored: list[tuple[float, str, str]] = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _common_share(text)
        if share >= COMMON_SHARE:
            scored.append((share, codec, text))
    if not scored:
        raise TextEncodingError(
            f"{name} is not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), and"
            " neither GB18030 (GBK) nor Big5 reads it as Chinese text; save it as UTF-8, or"
            " name its encoding with --encoding"
        )
    _share, codec, text = max(scored)
    return Decoded(text, codec, True)


def _given(data: bytes, name: str, encoding: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise TextEncodingError(
            f"unknown encoding {encoding!r} for {name}; use one of {', '.join(ENCODINGS)}"
        ) from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise TextEncodingError(
            f"{name} is not {encoding} ({error.reason} at byte {error.start}); check"
            " --encoding, or leave it out to have the encoding detected"
        ) from None
    return Decoded(text, codec.removesuffix("-sig"), False)


def _common_share(text: str) -> float:
    han = _HAN.findall(text, 0, _SAMPLE)
    if not han:
        return 0.0
    return sum(1 for c in han if c in COMMON) / len(han)

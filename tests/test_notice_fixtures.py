"""Self-check of the notice corpus under ``tests/fixtures/notices``.

The corpus is ground truth for the parser tests, so it is checked on its own terms, without the
parser: every expected file has the agreed keys, and every unit name, title and number it
expects can be found in the text it describes (after the text is put in simplified script with
its pinyin glosses removed). A fixture whose expected answer names something the text does not
contain fails here, before it misleads anyone's parser.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

NOTICES = Path(__file__).parent / "fixtures" / "notices"
BAD = NOTICES / "bad"

TOP_KEYS = {"source", "layout", "forms", "document", "measures", "uncertain", "notes"}
SOURCE_KEYS = {"url", "title", "retrieved", "province"}
DOCUMENT_KEYS = {"title", "doc_number", "issuer", "date", "addressees"}
MEASURE_KEYS = {"number", "sections", "title", "units", "etc", "shared_clause", "deadline"}
UNIT_KEYS = {"name", "role", "explicit"}
ROLES = {"lead", "support"}
SCRIPTS = {"simplified", "traditional"}
# A leading level prefix a notice may abbreviate across a list ("市经济和信息化委、发展改革委").
LEVEL_PREFIXES = ("自治区", "省", "市", "县", "区")

# Pinyin glosses after characters: "(yè)", "(fā)", "(hé / huò)", "【guǎng】".
_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_GLOSS = re.compile(rf"\((?:[{_PINYIN}]+\s*/?\s*)+\)|【[{_PINYIN}]+】")
_SPACE = re.compile(r"\s+")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
    return data


def _expected_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.expected.yaml"))


def _text_for(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.yaml") + ".txt")


def _to_simplified(text: str, script: str, name: str) -> str:
    if script == "simplified":
        return text
    opencc = pytest.importorskip("opencc", reason=f"{name}: traditional text needs OpenCC")
    return str(opencc.OpenCC("t2s").convert(text))


def _comparable(path: Path, data: dict[str, Any]) -> str:
    """The text as a parser would compare it: glosses stripped, simplified, no whitespace."""
    return _SPACE.sub("", _simplified_text(path, data))


def _simplified_text(path: Path, data: dict[str, Any]) -> str:
    raw = path.read_text(encoding="utf-8")
    text = _GLOSS.sub("", raw)
    return _to_simplified(text, data.get("script", "simplified"), path.name)


def _lined(path: Path, data: dict[str, Any]) -> str:
    """The text with line breaks kept (one ``\n`` per run) and other whitespace removed."""
    text = _simplified_text(path, data)
    return "\n".join(line for line in (_SPACE.sub("", ln) for ln in text.splitlines()) if line)


def _occurs(needle: str, haystack: str) -> bool:
    return _SPACE.sub("", needle) in haystack


# A unit name ends where a separator, a bracket, a cell border, a rule note in brackets
# ("市财政局(第一责任单位为牵头单位,下同)") or a clause word follows; a
# name that only occurs as the start of a longer one ("省工业和信息" in "省工业和信息化厅") is a
# fragment.
_AFTER_NAME = re.compile(
    r"(?:[、,，;；:：。)）〕|┃\]\n<]|$|[(（](?:第一|排在|除)|牵头|配合|按职责|负责|分别|会同|等|和|及|参与|办理|应当|要|制定|排在首位)"
)


def _whole_name_occurs(name: str, text: str) -> bool:
    needle = _SPACE.sub("", name)
    start = text.find(needle)
    while start != -1:
        if _AFTER_NAME.match(text, start + len(needle)):
            return True
        start = text.find(needle, start + 1)
    return False


_SHARED_ENDING = re.compile(r"[市县区州盟旗](?:人民)?政府$")


def _unit_occurs(name: str, text: str, lined: str = "") -> bool:
    # A name may end a line ("牵头单位:区发改局" on a line of its own): ``lined`` keeps the breaks.
    candidates = [name]
    # A distributed prefix: the text writes only the tail ("、发展改革委").
    prefix = next((p for p in LEVEL_PREFIXES if name.startswith(p)), "")
    if prefix and len(name) > len(prefix) + 1:
        candidates.append(name[len(prefix) :])
    # A shared government ending: "哈尔滨、黑河、绥芬河市政府" names 哈尔滨市政府 as "哈尔滨、".
    shared = _SHARED_ENDING.search(name)
    if shared and len(name) - len(shared.group()) >= 2:
        candidates.append(name[: shared.start()])
    return any(_whole_name_occurs(c, t) for c in candidates for t in (text, lined) if t)


def _check_measure(name: str, i: int, m: Any, text: str, lined: str = "") -> list[str]:
    where = f"{name} measure {i}"
    if not isinstance(m, dict) or set(m) != MEASURE_KEYS:
        return [
            f"{where}: keys {sorted(m) if isinstance(m, dict) else m!r} != {sorted(MEASURE_KEYS)}"
        ]
    problems = []
    number = m["number"]
    if not isinstance(number, str) or not _occurs(number, text):
        problems.append(f"{where}: number {number!r} not in text")
    if not isinstance(m["sections"], list):
        problems.append(f"{where}: sections must be a list")
    else:
        problems += [
            f"{where}: section {s!r} not in text"
            for s in m["sections"]
            if not _occurs(str(s), text)
        ]
    if m["title"] is not None and not _occurs(str(m["title"]), text):
        problems.append(f"{where}: title {m['title']!r} not in text")
    units = m["units"]
    if not isinstance(units, list) or not units:
        problems.append(f"{where}: a measure carries at least one unit")
        units = []
    for u in units:
        if not isinstance(u, dict) or set(u) != UNIT_KEYS:
            problems.append(f"{where}: unit {u!r} must have keys {sorted(UNIT_KEYS)}")
            continue
        if u["role"] not in ROLES:
            problems.append(f"{where}: role {u['role']!r} not in {sorted(ROLES)}")
        if not isinstance(u["explicit"], bool):
            problems.append(f"{where}: explicit must be true or false")
        if not _unit_occurs(str(u["name"]), text, lined):
            problems.append(f"{where}: unit {u['name']!r} not in text")
    names = [u["name"] for u in units if isinstance(u, dict)]
    if len(names) != len(set(names)):
        problems.append(f"{where}: a unit is listed twice")
    for key in ("etc", "shared_clause"):
        if not isinstance(m[key], bool):
            problems.append(f"{where}: {key} must be true or false")
    if m["deadline"] is not None and not isinstance(m["deadline"], dt.date):
        problems.append(f"{where}: deadline {m['deadline']!r} is not an ISO date")
    return problems


def _check_fixture(expected: Path) -> list[str]:
    name = expected.name
    data = _load(expected)
    missing = TOP_KEYS - set(data)
    if missing:
        return [f"{name}: missing keys {sorted(missing)}"]
    problems = []
    source, document = data["source"], data["document"]
    if not isinstance(source, dict) or not set(source) >= SOURCE_KEYS:
        problems.append(f"{name}: source needs {sorted(SOURCE_KEYS)}")
    if not isinstance(document, dict) or set(document) != DOCUMENT_KEYS:
        problems.append(f"{name}: document needs exactly {sorted(DOCUMENT_KEYS)}")
        document = {}
    if data.get("script", "simplified") not in SCRIPTS:
        problems.append(f"{name}: script must be one of {sorted(SCRIPTS)}")
    for key in ("layout", "forms", "uncertain", "measures"):
        if not isinstance(data[key], list):
            problems.append(f"{name}: {key} must be a list")
    if not isinstance(data["notes"], str) or not data["notes"].strip():
        problems.append(f"{name}: notes must say which conventions were applied")
    if problems:
        return problems
    text_path = _text_for(expected)
    if not text_path.is_file():
        return [f"{name}: no text file {text_path.name}"]
    text = _comparable(text_path, data)
    lined = _lined(text_path, data)
    for key in ("title", "issuer", "doc_number"):
        value = document.get(key)
        if value is not None and not _occurs(str(value), text):
            problems.append(f"{name}: document {key} {value!r} not in text")
    if document.get("date") is not None and not isinstance(document["date"], dt.date):
        problems.append(f"{name}: document date must be an ISO date or null")
    for addressee in document.get("addressees") or []:
        if not _occurs(str(addressee), text):
            problems.append(f"{name}: addressee {addressee!r} not in text")
    for entry in data["uncertain"]:
        if not isinstance(entry, dict) or not {"kind", "quote"} <= set(entry):
            problems.append(f"{name}: uncertain entries need kind and quote: {entry!r}")
        elif not _occurs(str(entry["quote"]), text):
            problems.append(f"{name}: uncertain quote {entry['quote']!r} not in text")
    for token in data["layout"]:
        if not _occurs(str(token), text):
            problems.append(f"{name}: layout token {token!r} not in text")
    for i, measure in enumerate(data["measures"], 1):
        problems += _check_measure(name, i, measure, text, lined)
    return problems


MAIN = _expected_files(NOTICES)
ADVERSARIAL = _expected_files(BAD)


@pytest.mark.parametrize("expected", MAIN + ADVERSARIAL, ids=lambda p: p.name)
def test_expected_file_matches_its_text(expected: Path) -> None:
    assert _check_fixture(expected) == []


def test_corpus_is_large_and_spread() -> None:
    # A notice whose province could not be identified (province: null) counts as a notice only.
    provinces = {_load(p)["source"]["province"] for p in MAIN} - {None}
    assert len(MAIN) >= 15, f"only {len(MAIN)} notices"
    assert len(provinces) >= 8, f"only {len(provinces)} provinces: {sorted(provinces)}"
    # The seeds are Tianjin's: other Tianjin notices may join, the seed notice never does.
    numbers = {_load(p)["document"]["doc_number"] for p in MAIN}
    assert "津中小企组〔2022〕2号" not in numbers, "the corpus is for notices beyond the seeds"
    assert len(provinces - {"天津"}) >= 8, "the corpus must reach beyond the seeds' province"
    with_measures = {_load(p)["source"]["province"] for p in MAIN if _load(p)["measures"]}
    assert len(with_measures - {None}) >= 7, "most provinces must contribute measures"


def test_every_text_has_an_expected_file() -> None:
    texts = sorted(NOTICES.glob("*.txt")) + sorted(BAD.glob("*.txt"))
    orphans = [t.name for t in texts if not t.with_name(t.stem + ".expected.yaml").is_file()]
    assert orphans == []


def test_adversarial_fixtures_name_their_warnings() -> None:
    assert len(ADVERSARIAL) >= 3
    silent = [p.name for p in ADVERSARIAL if not _load(p)["uncertain"]]
    assert silent == [], "an adversarial fixture must list the warnings a parser owes"


def test_corpus_covers_the_layouts_of_the_issue() -> None:
    layouts = {str(t) for p in MAIN for t in _load(p)["layout"]}
    forms = {str(f) for p in MAIN for f in _load(p)["forms"]}
    # Numbering forms, compared without the brackets' width.
    wanted_layouts = {"一、", "(一)", "1.", "1、", "第一章", "第一条"}
    norm = {t.replace("（", "(").replace("）", ")") for t in layouts}
    assert wanted_layouts - norm == set()
    wanted_forms = {"责任单位", "牵头单位;配合单位", "按职责分工负责", "牵头负责", "任务分工表"}
    assert wanted_forms - forms == set()


def test_the_check_catches_an_invented_unit(tmp_path: Path) -> None:
    """The self-check is not vacuous: a unit absent from the text is reported."""
    source = NOTICES / "hunan-2020-sme-work-points.expected.yaml"  # simplified: runs without OpenCC
    data = _load(source)
    data["measures"][0]["units"][0]["name"] = "省工业和信息"
    target = tmp_path / source.name
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _text_for(target).write_text(_text_for(source).read_text(encoding="utf-8"), encoding="utf-8")
    assert any("省工业和信息" in p for p in _check_fixture(target))

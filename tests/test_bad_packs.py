"""Every bad pack from ``make_bad_packs.py`` is refused with one clear SmeecoError.

The packs are loaded in a child process under a memory limit (``RLIMIT_AS``), so that a
pack that blows up memory fails the test instead of the machine; each load is timed there.
The checks: a ``SmeecoError`` (never another exception, never a loaded ecosystem), whose
message names the file, the path (or line) and the value.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from make_bad_packs import BadPack, generate

PACKS = generate()
MEMORY_LIMIT = 1 << 30  # bytes of address space for the child: 1 GiB
SECONDS_PER_PACK = 10  # a bound, not a benchmark: the 514-byte alias bomb once took 80 s

CHILD = r"""
import json, resource, sys, time, traceback
resource.setrlimit(resource.RLIMIT_AS, (@LIMIT@, @LIMIT@))
sys.path.insert(0, @TESTS@)
import smeeco
from make_bad_packs import generate
from pathlib import Path
folder = Path(@FOLDER@)
for n, pack in enumerate(generate()):
    sub = folder / f"{n:03d}"
    sub.mkdir()
    (sub / pack.filename).write_text(pack.text, encoding="utf-8")
    for name, text in pack.siblings.items():
        (sub / name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        smeeco.load(sub / pack.filename)
    except smeeco.SmeecoError as exc:
        result = {"error": type(exc).__name__, "smeeco": True, "message": str(exc)}
    except BaseException as exc:
        result = {"error": type(exc).__name__, "smeeco": False,
                  "message": "".join(traceback.format_exception(exc))[-2000:]}
    else:
        result = {"error": None, "smeeco": False, "message": "loaded"}
    result["seconds"] = time.perf_counter() - started
    print(json.dumps(result), flush=True)
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("bad-packs")
    code = (
        CHILD.replace("@LIMIT@", str(MEMORY_LIMIT))
        .replace("@TESTS@", repr(str(Path(__file__).parent)))
        .replace("@FOLDER@", repr(str(folder)))
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_PACK * len(PACKS),
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(PACKS), f"the child stopped early:\n{done.stderr[-3000:]}"
    return lines


def test_the_corpus_covers_every_kind_and_many_rules() -> None:
    kinds = {p.kind for p in PACKS}
    assert kinds >= {
        "jurisdiction",
        "agency",
        "document",
        "measure",
        "fund",
        "indicator",
        "tier",
        "ladder",
        "platform",
        "beneficiary",
        "enterprise",
        "pack",
    }
    rules = Counter(p.rule for p in PACKS)
    assert len(PACKS) >= 150
    assert len(rules) >= 60


@pytest.mark.parametrize(
    "index", range(len(PACKS)), ids=[f"{p.rule}-{p.kind}-{p.filename}" for p in PACKS]
)
def test_each_bad_pack_is_refused_clearly(results: list[dict[str, Any]], index: int) -> None:
    pack: BadPack = PACKS[index]
    result = results[index]
    assert result["smeeco"], result["message"]  # a SmeecoError, not a crash, not a load
    message = result["message"]
    assert pack.filename.rsplit(".", 1)[0] in message or pack.siblings, message
    for words in pack.expect:
        assert words in message, f"{words!r} not in:\n{message}"
    assert result["seconds"] < SECONDS_PER_PACK

"""The parse benchmark's pieces run (at a tiny size; no timing is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root

from benchmarks import bench_parse


def test_the_corpus_is_built_from_real_notices_to_size() -> None:
    text = bench_parse.build_corpus(0.2)
    assert 0.1e6 <= len(text.encode("utf-8")) <= 0.4e6
    assert "津中小企组〔2022〕2号" in text


def test_the_command_is_timed_end_to_end(tmp_path: Path) -> None:
    megabytes, seconds, files = bench_parse.time_command(0.02, tmp_path)
    assert megabytes >= 0.02
    assert seconds > 0
    assert files >= 1
    assert (tmp_path / "pack.yaml").is_file()
    assert not list(tmp_path.glob("notice-*.txt"))

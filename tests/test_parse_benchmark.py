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
    assert (tmp_path / "pack.json").is_file()
    assert not list(tmp_path.glob("notice-*.txt"))


def test_one_file_of_notices_is_timed_to_yaml(tmp_path: Path) -> None:
    megabytes, seconds, files = bench_parse.time_command(
        0.05, tmp_path, one_file=True, fmt="yaml"
    )
    assert megabytes >= 0.02
    assert seconds > 0
    assert files == 1
    assert (tmp_path / "pack.yaml").is_file()
    assert not list(tmp_path.glob("notices-*.txt"))


def test_linearity_is_each_size_against_the_first(capsys: object) -> None:
    worst = bench_parse._linearity([(1.0, 2.0), (8.0, 20.0), (32.0, 64.0)])
    assert worst == 1.25  # 8 MB took 10x the time of 1 MB: 1.25x per MB

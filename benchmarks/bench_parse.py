"""Parse benchmark: ``smeeco.parse_policy`` end to end, on real notices and adversarial text.

Run from the repository root::

    python benchmarks/bench_parse.py            # 1, 8 and 32 MB; adversarial inputs of 1 MB
    python benchmarks/bench_parse.py --quick    # 0.25, 1 and 2 MB; adversarial inputs of 64 KB

The corpus is built from real notices (seed 004 and ``tests/fixtures/notices``) repeated
to size; sizes are UTF-8 megabytes. ``smeeco parse`` runs end to end (reading the files,
parsing, writing the pack) on one file per notice and on one file holding them all; each
size's time is printed against the first size's. Goals: 8 MB within 10x the time of 1 MB
(linear; 32 MB within 40x); no adversarial input over 5x a normal notice of the same
size; at least 3 MB/s (JSON). The 1 MB inputs are written as YAML too, each against the
JSON time of the same run. Times are the best of ``--repeat`` runs, measured with
``time.perf_counter``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import smeeco

__all__ = ["ADVERSARIAL", "build_corpus", "main", "time_parse"]

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "tests" / "fixtures" / "seeds" / "004.txt",
    *sorted((ROOT / "tests" / "fixtures" / "notices").glob("*.txt")),
]

#: Adversarial inputs: a piece repeated to size (each is an anchor the parser looks around).
ADVERSARIAL: dict[str, str] = {
    "由 x n": "由",
    "牵头， x n": "市工业和信息化局牵头，",
    "此项工作由 x n": "此项工作由",
    "(责任单位: unclosed": "(责任单位:",
    "(市) x n": "(市)",
    "(ā) x n": "(ā)",
    "A、 x 6000 per line": "A、" * 6000 + "\n",
    "按职责分工负责 x n": "各区人民政府按职责分工负责",
    "1. x n": "1.\n",
    "(责任单位:⏎ x n": "(责任单位:\n",
    "(A牵头，B配合 unclosed": "(市工业和信息化局牵头，市财政局配合",
    "。责任单位: x n, one line": "。责任单位:",
    "。责任单位:A、⏎ x n": "甲。责任单位:市财政局、\n",
}


def build_corpus(megabytes: float) -> str:
    """Real notices, one after another, repeated to ``megabytes`` of UTF-8."""
    base = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    size = len(base.encode("utf-8"))
    copies = max(1, round(megabytes * 1e6 / size))
    return "\n".join([base] * copies)


def _sized(piece: str, megabytes: float) -> str:
    size = len(piece.encode("utf-8"))
    return "某市关于若干措施的通知\n" + piece * max(1, int(megabytes * 1e6 / size))


def time_command(
    megabytes: float, folder: Path, *, one_file: bool = False, fmt: str = "json"
) -> tuple[float, float, int]:
    """``smeeco parse FILE… -o pack.json`` on real notices, ``megabytes`` in all.

    One file per notice, or (``one_file``) one file holding the notices one after another.
    Returns (megabytes, seconds, files): reading, parsing and writing the pack (``fmt``:
    json or yaml).
    """
    import argparse
    import io

    from smeeco.cli import parse as command

    files: list[str] = []
    size = 0
    if one_file:
        text = build_corpus(megabytes)
        path = folder / "notices-00000.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
        size = len(text.encode("utf-8"))
    else:
        notices = [p.read_text(encoding="utf-8") for p in SOURCES]
        while size < megabytes * 1e6:
            text = notices[len(files) % len(notices)]
            path = folder / f"notice-{len(files):05d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
            size += len(text.encode("utf-8"))
    parser = argparse.ArgumentParser(prog="smeeco")
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["parse", *files, "-o", str(folder / f"pack.{fmt}")])
    start = time.perf_counter()
    command.run(args, io.StringIO())
    seconds = time.perf_counter() - start
    for name in files:
        Path(name).unlink()
    return size / 1e6, seconds, len(files)


def time_parse(text: str, repeat: int = 1) -> float:
    """Best time (seconds) of ``parse_policy`` on ``text``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        smeeco.parse_policy(text, document_id="bench")
        best = min(best, time.perf_counter() - start)
    return best


def _row(label: str, megabytes: float, seconds: float, extra: str = "") -> None:
    print(
        f"{label:<28} {megabytes:8.2f} MB {seconds:8.3f} s {megabytes / seconds:7.2f} MB/s {extra}"
    )


def _linearity(timed: list[tuple[float, float]]) -> float:
    """Print each size's time against the first size's; the worst per-MB ratio."""
    (mb0, s0), worst = timed[0], 0.0
    for mb, seconds in timed[1:]:
        per_mb = (seconds / s0) / (mb / mb0)
        worst = max(worst, per_mb)
        print(
            f"  {mb:.3g} MB / {mb0:.3g} MB: {mb / mb0:.1f}x the size took {seconds / s0:.1f}x"
            f" the time ({per_mb:.2f}x per MB)"
        )
    return worst


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the numbers and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [0.25, 1.0, 2.0] if args.quick else [1.0, 8.0, 32.0]
    adversarial_size = 0.064 if args.quick else 1.0
    speeds: dict[str, float] = {}
    worst_linear = 0.0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        time_command(0.05, folder)  # warm up: imports, the registry, OpenCC
        for one_file, label in ((False, "one file per notice"), (True, "one file of notices")):
            print(f"smeeco parse FILE… -o pack.json, end to end, {label}:")
            timed: list[tuple[float, float]] = []
            for megabytes in sizes:
                best = (0.0, float("inf"), 0)
                for _ in range(args.repeat):
                    run = time_command(megabytes, folder, one_file=one_file)
                    best = min(best, run, key=lambda r: r[1])
                actual, seconds, files = best
                timed.append((actual, seconds))
                _row(f"{files} file(s)", actual, seconds)
            speeds[label] = timed[0][0] / timed[0][1]
            worst_linear = max(worst_linear, _linearity(timed))
            print()
        print(f"the same at {sizes[0]:g} MB, -o pack.yaml (libyaml), against -o pack.json:")
        for one_file, label in ((False, "yaml as files"), (True, "yaml as one file")):
            runs = {
                fmt: min(
                    (
                        time_command(sizes[0], folder, one_file=one_file, fmt=fmt)
                        for _ in range(args.repeat)
                    ),
                    key=lambda r: r[1],
                )
                for fmt in ("json", "yaml")
            }
            actual, seconds, files = runs["yaml"]
            ratio = seconds / runs["json"][1]
            _row(f"{files} file(s)", actual, seconds, f"{ratio:5.2f}x the JSON time")
            speeds[label] = actual / seconds
        print()

    print(f"adversarial inputs of {adversarial_size} MB against a normal notice of that size:")
    normal_text = build_corpus(adversarial_size)
    normal = time_parse(normal_text, max(1, args.repeat))
    _row("normal notice", len(normal_text.encode()) / 1e6, normal)
    worst = 0.0
    timers: list[tuple[str, Callable[[], float]]] = [
        (label, lambda piece=piece: time_parse(_sized(piece, adversarial_size), args.repeat))
        for label, piece in ADVERSARIAL.items()
    ]
    for label, timer in timers:
        seconds = timer()
        worst = max(worst, seconds / normal)
        _row(label, adversarial_size, seconds, f"{seconds / normal:5.2f}x normal")
    print(
        f"\nend to end at {sizes[0]:g} MB: {speeds['one file per notice']:.2f} MB/s as files,"
        f" {speeds['one file of notices']:.2f} MB/s as one file"
        f" (goal: >= 3); writing YAML {speeds['yaml as files']:.2f} MB/s as files,"
        f" {speeds['yaml as one file']:.2f} MB/s as one file"
    )
    print(f"worst time per MB against {sizes[0]:g} MB: {worst_linear:.2f}x (goal: <= 1.25x)")
    print(f"worst adversarial: {worst:.2f}x normal (goal: <= 5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Parse benchmark: ``smeeco.parse_policy`` end to end, on real notices and adversarial text.

Run from the repository root::

    python benchmarks/bench_parse.py            # 1, 8 and 32 MB; adversarial inputs of 1 MB
    python benchmarks/bench_parse.py --quick    # 0.25 and 1 MB; adversarial inputs of 64 KB

The corpus is built from real notices (seed 004 and ``tests/fixtures/notices``) repeated
to size; sizes are UTF-8 megabytes. Goals: 8 MB within 10x the time of 1 MB (linear); no
adversarial input over 5x a normal notice of the same size; at least 3 MB/s. Times are
the best of ``--repeat`` runs, measured with ``time.perf_counter``.
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


def time_command(megabytes: float, folder: Path) -> tuple[float, float, int]:
    """``smeeco parse FILE… -o pack.yaml`` on real notices, one file each, ``megabytes`` in all.

    Returns (megabytes, seconds, files): reading, parsing and writing the pack.
    """
    import argparse
    import io

    from smeeco.cli import parse as command

    notices = [p.read_text(encoding="utf-8") for p in SOURCES]
    files: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        text = notices[len(files) % len(notices)]
        path = folder / f"notice-{len(files):05d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
        size += len(text.encode("utf-8"))
    parser = argparse.ArgumentParser(prog="smeeco")
    command.add_parser(parser.add_subparsers())
    args = parser.parse_args(["parse", *files, "-o", str(folder / "pack.yaml")])
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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the numbers and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    sizes = [0.25, 1.0] if args.quick else [1.0, 8.0, 32.0]
    adversarial_size = 0.064 if args.quick else 1.0

    print("smeeco parse FILE… -o pack.yaml on real notices (one file each), end to end:")
    timed: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            actual, seconds, files = time_command(megabytes, Path(folder))
            timed.append((actual, seconds))
            _row(f"{files} files", actual, seconds)
    (mb0, s0), (mb1, s1) = timed[0], timed[1]
    print(
        f"linearity: {mb1 / mb0:.1f}x the size took {s1 / s0:.1f}x the time (goal: <= 10x for 8x)"
    )
    print("\none document made of the notices one after another (parse_policy):")
    single: list[tuple[float, float]] = []
    for megabytes in sizes[:2]:
        text = build_corpus(megabytes)
        actual = len(text.encode("utf-8")) / 1e6
        seconds = time_parse(text, args.repeat)
        single.append((actual, seconds))
        _row("one document", actual, seconds)
    (mb0, s0), (mb1, s1) = single
    print(f"linearity: {mb1 / mb0:.1f}x the size took {s1 / s0:.1f}x the time")
    print(f"\nadversarial inputs of {adversarial_size} MB against a normal notice of that size:")
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
    print(f"worst adversarial: {worst:.2f}x normal (goal: <= 5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

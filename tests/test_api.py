"""The flat public namespace stays honest: sorted, complete, every name real."""

from __future__ import annotations

import importlib

import smeeco

#: Submodules whose public names ``smeeco`` re-exports.
SUBMODULES = [
    "smeeco.errors",
    "smeeco.model",
    "smeeco.queries",
    "smeeco.registry",
    "smeeco.ecosystem",
    "smeeco.io.datapack",
    "smeeco.parse",
]

#: Public in their module, deliberately not re-exported flat, and why.
NOT_FLAT = {
    "smeeco.registry": {"KindSpec"},  # what Registry.spec() returns; reached through it
    "smeeco.io.datapack": {"FORMAT_VERSION", "parse_pack"},  # for format modules, in smeeco.io
    # generic names, clearer as smeeco.parse.normalize etc.
    "smeeco.parse": {"to_records", "normalize", "strip_pinyin_glosses", "chinese_numeral"},
}


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's RUF022 order: CONSTANTS, then Classes, then everything else, each A-Z."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


def test_all_is_sorted_without_duplicates() -> None:
    names = list(smeeco.__all__)
    assert names == sorted(names, key=_isort_key)
    assert len(names) == len(set(names))


def test_every_name_in_all_exists() -> None:
    missing = [n for n in smeeco.__all__ if not hasattr(smeeco, n)]
    assert missing == []


def test_public_names_of_submodules_are_re_exported() -> None:
    missing = []
    for module_name in SUBMODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            if name in NOT_FLAT.get(module_name, set()):
                continue
            if name not in smeeco.__all__:
                missing.append(f"{module_name}.{name}")
            else:
                assert getattr(smeeco, name) is getattr(module, name), name
    assert missing == []


def test_the_allow_list_holds_only_real_names() -> None:
    for module_name, names in NOT_FLAT.items():
        module = importlib.import_module(module_name)
        assert names <= set(module.__all__), module_name
        assert not names & set(smeeco.__all__)


def test_submodule_all_names_exist() -> None:
    for module_name in SUBMODULES:
        module = importlib.import_module(module_name)
        assert [n for n in module.__all__ if not hasattr(module, n)] == []


def test_import_loads_no_heavy_dependency() -> None:
    # networkx loads when a graph is first built, matplotlib and openpyxl when a picture
    # or a workbook is written: `import smeeco` stays quick.
    import subprocess
    import sys

    code = (
        "import sys, smeeco; "
        "print(sorted(m for m in ('networkx', 'matplotlib', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_graph_still_builds_after_a_lazy_import() -> None:
    eco = smeeco.load("example")
    assert eco.graph.number_of_nodes() == len(eco)

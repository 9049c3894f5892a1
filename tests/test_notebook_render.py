"""A real notebook render: a notebook that loads ``tianjin`` and shows a table, a
document, a measure and the matrix, executed by nbconvert and exported to HTML.

The notebook is built here (not committed as output). To look at it, run this file's
``write_notebook`` and ``jupyter nbconvert --execute --to html``, then screenshot the
HTML with ``chromium --headless --screenshot``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

import smeeco

CELLS = (
    "import smeeco\neco = smeeco.load('tianjin')\neco",
    "smeeco.table_columns(eco, 'responsibilities')",
    "eco['tj-2022-measures']",
    "eco['tj-2022-measures.m04']",
    "smeeco.responsibility_matrix(eco, 'tj-2022-measures')",
)


def write_notebook(path: Path) -> Path:
    """Write the notebook (source cells only) to ``path``."""
    nbformat = pytest.importorskip("nbformat")
    cells = [nbformat.v4.new_markdown_cell("# smeeco in a notebook: Tianjin")]
    cells += [nbformat.v4.new_code_cell(source) for source in CELLS]
    notebook = nbformat.v4.new_notebook(
        cells=cells,
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(notebook, str(path))
    return path


def _plain(page: str) -> str:
    return re.sub(r"<(td|th) style=\"[^\"]*\">", r"<\1>", page)


def _kernel(root: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec that runs this interpreter (so the notebook sees this smeeco)."""
    spec = root / "kernels" / "smeeco-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "smeeco test", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(root))
    return "smeeco-test"


@pytest.mark.slow
def test_the_notebook_executes_and_shows_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbconvert = pytest.importorskip("nbconvert")
    pytest.importorskip("ipykernel")
    from nbconvert.preprocessors import ExecutePreprocessor

    kernel = _kernel(tmp_path / "jupyter", monkeypatch)
    notebook = nbformat.read(str(write_notebook(tmp_path / "tianjin.ipynb")), as_version=4)
    ExecutePreprocessor(timeout=120, kernel_name=kernel).preprocess(
        notebook, {"metadata": {"path": str(tmp_path)}}
    )
    outputs = [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]
    assert all(o and o[0]["output_type"] == "execute_result" for o in outputs), outputs
    html = [_plain(o[0]["data"]["text/html"]) for o in outputs]
    plain = [o[0]["data"]["text/plain"] for o in outputs]
    eco = smeeco.load("tianjin")
    # the one-line reprs, as the notebook prints them
    assert plain[0] == repr(eco)
    assert plain[3] == "Measure(id='tj-2022-measures.m04', '加强信贷支持', 7 units)"
    # the ecosystem: one row of counts, then the documents
    assert f"<td>{sum(1 for _ in eco.records('measure'))}</td>" in html[0]
    assert "<td>tj-2022-measures</td><td>天津市提升中小企业竞争力若干措施</td>" in html[0]
    # a table, the document's sections, the measure's units in stated order
    assert "(the first 20 shown)" in html[1]
    assert "<td>加大融资支持力度</td>" in html[2]
    units = re.findall(r"<tr><td>\d+</td><td>([^<]+)</td>", html[3])
    four = eco.get("tj-2022-measures.m04", smeeco.Measure)
    assert four is not None
    assert units == [r.unit for r in four.responsibilities]
    # the matrix: a heading per unit, a row per measure, 牵头 / 配合 in the cells
    matrix = smeeco.responsibility_matrix(eco, "tj-2022-measures")
    assert html[4].count("<tr>") == 1 + len(matrix.measures)
    assert "<td>牵头*</td>" in html[4]
    # and the whole page exports
    page, _ = nbconvert.HTMLExporter().from_notebook_node(notebook)
    (tmp_path / "tianjin.html").write_text(page, encoding="utf-8")
    assert "天津市提升中小企业竞争力若干措施" in page

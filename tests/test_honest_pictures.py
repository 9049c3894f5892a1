"""Pictures that would show nothing are refused; fonts and warnings behave for a person."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import smeeco
from smeeco.cli import main
from smeeco.errors import ExportError


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".svg", ".png", ".html"])
@pytest.mark.parametrize("view", ["responsibility", "coresponsibility"])
def test_a_picture_of_no_measures_is_refused_like_the_matrix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str, view: str
) -> None:
    out_file = tmp_path / f"g{suffix}"
    code, out, err = run(
        capsys, "graph", "example", "--as-of", "2019-01-01", "--view", view, "-o", str(out_file)
    )
    assert (code, out) == (1, "")
    assert err == (
        "smeeco: error: no measures in force on 2019-01-01 to draw;"
        " pick a later date or another document\n"
    )
    assert not out_file.exists()
    code, _out, matrix_err = run(capsys, "matrix", "example", "--as-of", "2019-01-01")
    assert code == 1
    assert matrix_err == err.replace("to draw", "to tabulate")


def test_a_document_that_states_no_responsibilities_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, "graph", "tianjin-2021-reply", "-o", str(tmp_path / "r.svg"))
    assert code == 1
    assert err.startswith("smeeco: error: no responsible units to draw: none of the 6 measures")
    assert err.count("\n") == 1
    code, _out, matrix_err = run(capsys, "matrix", "tianjin-2021-reply")
    assert code == 1
    assert "no responsible units to tabulate: none of the 6 measures" in matrix_err


def test_the_library_refuses_too(example: smeeco.Ecosystem, tmp_path: Path) -> None:
    from smeeco.render import render_graph

    with pytest.raises(ExportError, match="no measures in force on 2019-01-01 to draw"):
        render_graph(example, tmp_path / "x.svg", as_of="2019-01-01")
    assert not (tmp_path / "x.svg").exists()


def test_a_font_installed_after_matplotlib_cached_its_list_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("matplotlib")
    from matplotlib import font_manager

    from smeeco.render.pictures import find_cjk_font, fontconfig_cjk_files

    if not fontconfig_cjk_files():
        pytest.skip("fontconfig knows no Chinese font here (apt-get install fonts-noto-cjk)")
    # matplotlib's stale cache: it knows only the fonts that draw no Chinese
    stale = [
        f
        for f in font_manager.fontManager.ttflist
        if not any(w in f.name for w in ("CJK", "Han Sans", "WenQuanYi", "Hei", "Ming"))
    ]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    family = find_cjk_font()
    assert family is not None
    assert "CJK" in family or "Hei" in family or "Han" in family


def test_a_missing_font_is_one_warning_line_after_the_arguments_are_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from smeeco.render import pictures

    monkeypatch.setattr(pictures, "find_cjk_font", lambda: None)
    # a bad argument: the error comes alone, without the font warning
    code, _out, err = run(capsys, "graph", "example", "--document", "nope", "-o", "x.svg")
    assert code == 1
    assert "warning" not in err
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may escape as a Python warning
        code, out, err = run(capsys, "graph", "example", "-o", str(tmp_path / "g.svg"))
    assert code == 0
    assert out == f"wrote {tmp_path / 'g.svg'}\n"
    assert err == (
        "smeeco: warning: no CJK font found (install e.g. fonts-noto-cjk or"
        " fonts-wqy-microhei); labelling the picture in English instead\n"
    )


def test_the_page_refuses_an_empty_view_too(example: smeeco.Ecosystem) -> None:
    from smeeco.render.html import dumps_html

    with pytest.raises(ExportError, match="no measures in force on 2019-01-01 to draw"):
        dumps_html(example, as_of="2019-01-01")
    with pytest.raises(ExportError, match="no responsible units to draw"):
        dumps_html(smeeco.load("tianjin-2021-reply"))

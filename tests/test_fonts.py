"""The figures' Chinese words are drawn on any machine: with the font the package ships."""

import fnmatch
import pathlib
import re
import subprocess
import sys

import pytest
from book_files import load_script

from gan_tutorial import notebook

ROOT = pathlib.Path(__file__).resolve().parent.parent
FONT = ROOT / "gan_tutorial" / "data" / notebook.FIGURE_FONT_FILE

# A fresh matplotlib without any font that has Chinese glyphs (as on a fresh Debian, Colab,
# python:3.11-slim), then a figure with Chinese words, warnings made errors, saved as PNG, SVG
# and PDF (the PDF with its fonts embedded as TrueType, pdf.fonttype 42).
FIGURE = """
import io, warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager

def chinese(entry):
    try:
        return ord("训") in font_manager.get_font(entry.fname).get_charmap()
    except Exception:
        return False

manager = font_manager.fontManager
hidden = [entry.name for entry in manager.ttflist if chinese(entry)]
manager.ttflist = [entry for entry in manager.ttflist if not chinese(entry)]
print("hidden:", sorted(set(hidden)))
warnings.simplefilter("error")
from gan_tutorial import notebook
{set_fonts}
fig, ax = plt.subplots()
ax.set_xlabel("training step / 训练步数")
ax.set_title("「坍缩」，（截断）")
matplotlib.rcParams["pdf.fonttype"] = 42
for format in ("png", "svg", "pdf"):
    fig.savefig(io.BytesIO(), format=format)
print("drawn")
"""


def _draw(set_fonts):
    return subprocess.run(
        [sys.executable, "-c", FIGURE.format(set_fonts=set_fonts)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_figures_draw_chinese_without_any_installed_chinese_font():
    result = _draw("notebook.figure_fonts()")
    assert result.returncode == 0 and result.stdout.endswith("drawn\n"), result.stderr


def test_without_the_shipped_font_the_same_figure_misses_glyphs():
    """The hiding above works: with no Chinese font left, matplotlib warns (an error here)."""
    result = _draw("")
    assert result.returncode != 0
    assert "missing from font" in result.stderr


def test_figure_fonts_puts_the_shipped_font_after_dejavu_sans_before_installed_ones():
    import matplotlib
    from matplotlib import font_manager

    with matplotlib.rc_context():
        assert notebook.figure_fonts() == notebook.FIGURE_FONT
        family = matplotlib.rcParams["font.family"]
        assert family[:2] == ["DejaVu Sans", notebook.FIGURE_FONT]
        assert set(family[2:]) <= set(notebook.CJK_FONTS)
        found = font_manager.findfont(notebook.FIGURE_FONT, fallback_to_default=False)
        assert pathlib.Path(found).name == notebook.FIGURE_FONT_FILE
        notebook.figure_fonts()
    names = [f.name for f in font_manager.fontManager.ttflist]
    assert names.count(notebook.FIGURE_FONT) == 1, "registered once, however often it is called"


def _subset_tool():
    return load_script("tools/subset_font.py")


def test_the_shipped_font_has_every_chinese_character_the_sources_use():
    from fontTools.ttLib import TTFont

    tool = _subset_tool()
    font = TTFont(FONT)
    assert font["name"].getDebugName(1) == notebook.FIGURE_FONT == tool.FAMILY
    cmap = font.getBestCmap()
    used = tool.used_characters()
    assert set("训练步数") <= set(used), "the sources' labels are read"
    missing = {c for c in used if ord(c) not in cmap}
    where = sorted(
        str(path) for path, text in tool.source_texts() if any(c in text for c in missing)
    )
    assert not missing, (
        f"the figures' font {FONT.name} lacks {''.join(sorted(missing))!r} (used in "
        f"{', '.join(where)}): make it again with `{tool.COMMAND}` (see tools/subset_font.py)"
    )
    assert all(ord(c) in cmap for c in "，、。：；！？（）「」"), "full-width punctuation"


def test_the_font_and_its_licence_are_package_data():
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["gan_tutorial.data"]
    for name in (notebook.FIGURE_FONT_FILE, "OFL.txt"):
        assert (FONT.parent / name).is_file()
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name
    licence = (FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and FONT.name in licence


def test_no_label_puts_chinese_beside_mathtext():
    """A label with ``$...$`` is drawn by mathtext, whose text font has no Chinese (matplotlib
    warns "Font 'default' does not have a glyph" and draws boxes): keep the two apart."""
    import ast

    tool = _subset_tool()
    mixed = []
    for path, text in tool.source_texts():
        try:
            tree = ast.parse(text)
        except SyntaxError:  # notebook cells joined with magics: check line by line
            literals = [line for line in text.splitlines() if "$" in line]
        else:
            literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)]
        for value in literals:
            if isinstance(value, str) and re.search(r"\$[^$]+\$", value) and tool.CJK.search(value):
                mixed.append(f"{path}: {value!r}")
    assert not mixed, "Chinese beside $...$ math in a label:\n" + "\n".join(mixed)

"""What the chapters display besides figures: the package's source and tables."""

import subprocess
import sys

import pytest

from gan_tutorial import presets
from gan_tutorial.notebook import show_source, table


def test_table_is_markdown_whose_long_target_names_can_wrap():
    shown = table(["target", "original+minibatch"], [["mixture:0.5,-2,0.5,2,0.5", 1], ["b", 2]])
    lines = shown._repr_markdown_().splitlines()
    assert lines[0] == "| target | original+\u200bminibatch |"
    assert lines[1] == "| --- | --- |"
    assert lines[2:] == ["| mixture:0.5,\u200b-2,\u200b0.5,\u200b2,\u200b0.5 | 1 |", "| b | 2 |"]
    assert "\u200b" not in repr(shown), "the plain-text form is left as written"


def test_show_source_shows_the_lines_asked_for_or_names_the_missing_one():
    shown = show_source(presets, start="IMPROVED = Preset(", stop="g_average=0.99")
    assert shown.text.splitlines()[0] == "IMPROVED = Preset("
    assert shown.text.splitlines()[-1].strip() == "g_average=0.99,"
    with pytest.raises(ValueError, match="stop="):
        show_source(presets, start="IMPROVED = Preset(", stop="no such line")


FIGURE = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from gan_tutorial import notebook
{hide}
chosen = notebook.figure_fonts()
print(chosen, "|", matplotlib.rcParams["font.family"])
fig, ax = plt.subplots()
ax.set_xlabel("training step / 训练步数")
fig.canvas.draw()
"""


def _draw_chinese_label(hide_cjk_fonts):
    hide = (
        "font_manager.fontManager.ttflist = [f for f in font_manager.fontManager.ttflist"
        " if f.name not in notebook.CJK_FONTS]"
        if hide_cjk_fonts
        else ""
    )
    return subprocess.run(
        [sys.executable, "-W", "default", "-c", FIGURE.format(hide=hide)],
        capture_output=True,
        text=True,
        check=True,
    )


def test_figure_fonts_draws_chinese_with_an_installed_cjk_font_or_quietly_without():
    from matplotlib import font_manager

    from gan_tutorial.notebook import CJK_FONTS

    if not {f.name for f in font_manager.fontManager.ttflist} & set(CJK_FONTS):
        pytest.skip("no CJK font on this machine (.ci/run installs fonts-noto-cjk)")
    with_font = _draw_chinese_label(hide_cjk_fonts=False)
    assert with_font.stdout.split(" | ")[0] in CJK_FONTS
    assert "missing from font" not in with_font.stderr
    without_font = _draw_chinese_label(hide_cjk_fonts=True)
    assert without_font.stdout.startswith("None | ")
    assert without_font.stderr == "", "no warning for each missing glyph"


def test_without_figure_fonts_matplotlib_warns_of_every_missing_glyph():
    """The warning figure_fonts silences is real (so the test above can fail)."""
    hide = "notebook.figure_fonts = lambda: None"
    result = subprocess.run(
        [sys.executable, "-W", "default", "-c", FIGURE.format(hide=hide)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "missing from font" in result.stderr

"""What the chapters display besides figures: the package's source and tables."""

import html.parser
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from gan_tutorial import presets
from gan_tutorial.notebook import show_source, table


class _CellText(html.parser.HTMLParser):
    """The text of each table cell of an HTML page, as a reader who copies it gets it."""

    def __init__(self):
        super().__init__()
        self.cells, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self.cells.append("")
            self._inside = True

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.cells[-1] += data


def test_table_is_markdown_whose_long_target_names_can_wrap_and_copy_as_written():
    shown = table(
        ["target", "original+minibatch"],
        [["mixture:0.5,-2,0.5,2,0.5", 1], ["normal:4,0.5", "`a,b+c`"]],
    )
    markdown = shown._repr_markdown_()
    lines = markdown.splitlines()
    assert lines[0] == "| target | original+<wbr>minibatch |"
    assert lines[1] == "| --- | --- |"
    assert lines[2:] == [
        "| mixture:0.5,<wbr>-2,<wbr>0.5,<wbr>2,<wbr>0.5 | 1 |",
        "| normal:4,<wbr>0.5 | `a,b+c` |",
    ]
    assert "\u200b" not in markdown and "\u200b" not in repr(shown)
    assert repr(shown).splitlines()[1].startswith("mixture:0.5,-2,0.5,2,0.5 "), "plain text"
    # As MyST reads it (markdown-it with HTML on): <wbr> stays a tag, and a cell's text, what a
    # reader copies, is the name as written.
    page = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert page.count("<wbr>") == 6
    cells = _CellText()
    cells.feed(page)
    assert cells.cells == [
        "target",
        "original+minibatch",
        "mixture:0.5,-2,0.5,2,0.5",
        "1",
        "normal:4,0.5",
        "a,b+c",
    ]


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

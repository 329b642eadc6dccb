"""What the chapters display besides figures: the package's source and tables."""

import html.parser
import os
import subprocess
import sys
import textwrap

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


def test_set_up_chooses_the_language_and_the_figures_font(monkeypatch):
    import matplotlib

    from gan_tutorial.notebook import FIGURE_FONT, set_up
    from gan_tutorial.verdicts import ENVIRONMENT

    monkeypatch.setenv(ENVIRONMENT, "en")
    with matplotlib.rc_context():  # the rest of the tests keep matplotlib's settings
        set_up(language="zh_CN")
        assert matplotlib.rcParams["font.family"][:2] == ["DejaVu Sans", FIGURE_FONT]
        assert list(matplotlib.rcParams["figure.figsize"]) == [7, 3.6]
    assert os.environ[ENVIRONMENT] == "zh_CN"
    with pytest.raises(ValueError, match="language must be one of en, zh_CN, got 'fr'"):
        set_up(language="fr")
    assert os.environ[ENVIRONMENT] == "zh_CN", "a refused language changes nothing"


def test_in_a_notebook_figures_are_shown_at_their_size_drawn_once():
    """The inline backend's tight crop costs a second drawing of every figure; after
    ``draw_figures_once`` (which ``set_up`` calls) it shows them as they are, laid out."""
    code = textwrap.dedent(
        """
        from IPython.terminal.interactiveshell import TerminalInteractiveShell
        from matplotlib.figure import Figure

        shell = TerminalInteractiveShell.instance()
        shell.run_line_magic("matplotlib", "inline")
        png = shell.display_formatter.formatters["image/png"]
        print(png.lookup_by_type(Figure).keywords["bbox_inches"])
        from gan_tutorial.notebook import draw_figures_once

        draw_figures_once()
        print(png.lookup_by_type(Figure).keywords["bbox_inches"])
        import matplotlib
        print(matplotlib.rcParams["figure.constrained_layout.use"])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split()[-3:] == ["tight", "None", "True"], result.stdout + result.stderr

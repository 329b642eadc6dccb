"""What the book's notebooks use besides the model: showing the package's own source.

``show_source(obj)`` displays the real source of a function, class or method as a highlighted
code block. It renders the same in the built book, in JupyterLab and on Colab, so a chapter
always shows the code the package runs, never a copy of it. ``table`` shows rows as a Markdown
table; ``figure_fonts`` lets figures draw their Chinese words wherever a chapter runs, with the
font the package ships.
"""

import inspect
import os
import textwrap

# The font the figures draw their Chinese words with, shipped in gan_tutorial/data with its
# licence (OFL.txt): Noto Sans CJK SC cut to the characters of the book's figures by
# tools/subset_font.py (tests/test_fonts.py checks that it has every one the sources use).
FIGURE_FONT = "Noto Sans CJK SC Subset"
FIGURE_FONT_FILE = "NotoSansCJKsc-Subset.ttf"

# Installed fonts with Chinese glyphs, as Linux (Debian's fonts-noto-cjk and others), Windows and
# macOS name them: after the shipped font, for characters it lacks (a reader's own labels).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Sans CJK JP",
)


class Source:
    """Source code that notebooks display as a Python code block (Markdown output)."""

    def __init__(self, text, name):
        self.text, self.name = text, name

    def _repr_markdown_(self):
        return f"```python\n{self.text}\n```"

    def __repr__(self):
        return self.text


def show_source(obj, start=None, stop=None):
    """The source of ``obj``, dedented; with ``start``/``stop``, only the lines from the first
    one containing ``start`` to the first one after it containing ``stop`` (both included).

    A ``ValueError`` names a ``start`` or ``stop`` that matches no line, so a chapter cannot
    silently show the wrong lines after the code changes.
    """
    lines = textwrap.dedent(inspect.getsource(obj)).rstrip("\n").splitlines()
    first = _find(lines, start, 0, "start") if start is not None else 0
    last = _find(lines, stop, first, "stop") if stop is not None else len(lines) - 1
    selected = textwrap.dedent("\n".join(lines[first : last + 1]))
    return Source(selected, getattr(obj, "__qualname__", str(obj)))


def _find(lines, text, begin, name):
    for index in range(begin, len(lines)):
        if text in lines[index]:
            return index
    raise ValueError(f"{name}={text!r} matches no line of the source")


class Table:
    """A table that notebooks display as Markdown (in the book, JupyterLab and Colab alike)."""

    def __init__(self, header, rows):
        self.header, self.rows = list(header), [list(r) for r in rows]

    def _repr_markdown_(self):
        lines = ["| " + " | ".join(_wrappable(c) for c in self.header) + " |"]
        lines.append("| " + " | ".join("---" for _ in self.header) + " |")
        lines += ["| " + " | ".join(_wrappable(c) for c in row) + " |" for row in self.rows]
        return "\n".join(lines)

    def __repr__(self):
        width = [max(len(str(c)) for c in col) for col in zip(self.header, *self.rows)]
        return "\n".join(
            "  ".join(str(c).ljust(w) for c, w in zip(row, width))
            for row in [self.header, *self.rows]
        )


def _wrappable(cell):
    """A ``<wbr>`` (a line-break opportunity, no character) after each comma and plus sign lets a
    long name (``mixture:0.5,-2,0.5,2,0.5``, ``original+minibatch``) wrap in a narrow column, so
    that a wide table fits the page, while the text copied from it is the name as written. Code
    spans (between backticks) are left as they are: a tag there would be shown as text."""
    parts = str(cell).split("`")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace(",", ",<wbr>").replace("+", "+<wbr>")
    return "`".join(parts)


def table(header, rows):
    """``rows`` (lists of cells) under ``header``, shown as a Markdown table."""
    return Table(header, rows)


def figure_fonts():
    """Draw the figures' Chinese words with the shipped font; its family name.

    The figures say their few words in English and Chinese ("training step / 训练步数") and
    matplotlib's own font, DejaVu Sans, has no Chinese glyphs. This registers the package's
    ``FIGURE_FONT`` (``gan_tutorial/data``) and sets ``font.family`` to DejaVu Sans, then it,
    then any installed font of ``CJK_FONTS``: matplotlib takes each character from the first
    family that has it. Set in the chapter, not in a matplotlibrc, so a chapter downloaded alone
    draws them too.

    The shipped font comes first even where a Chinese font is installed: it is Noto Sans CJK SC
    itself, cut down, so the figures come out the same on every machine (a reader's fresh
    Debian, Colab or Binder, and the build's CI, which has the full font), and a character of the
    book's figures that it lacks fails ``tests/test_fonts.py`` instead of becoming a box on some
    readers' machines. An installed font supplies only what the subset lacks, such as a
    character of a reader's own label; a character no font has gets matplotlib's usual
    missing-glyph warning.
    """
    from importlib import resources

    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(font.name == FIGURE_FONT for font in manager.ttflist):
        manager.addfont(str(resources.files("gan_tutorial.data").joinpath(FIGURE_FONT_FILE)))
    installed = {font.name for font in manager.ttflist}
    fallback = [name for name in CJK_FONTS if name in installed]
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", FIGURE_FONT, *fallback]
    return FIGURE_FONT


def set_up(language="en"):
    """What every chapter does first, in one call: TensorFlow imported without its start-up
    lines on stderr, figures that draw their Chinese words (``figure_fonts``) at the book's
    size, laid out and drawn once (``draw_figures_once``), and the exercises' verdicts in
    ``language`` (``"en"`` or ``"zh_CN"``; the Chinese edition's notebooks pass ``"zh_CN"``).

    ``import gan_tutorial`` has already set TensorFlow's environment (``help(gan_tutorial)``).
    """
    import matplotlib.pyplot as plt

    from gan_tutorial.quiet_import import import_tensorflow
    from gan_tutorial.verdicts import ENVIRONMENT, LANGUAGES

    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    os.environ[ENVIRONMENT] = language
    import_tensorflow()
    figure_fonts()
    plt.rcParams.update({"figure.figsize": (7, 3.6), "figure.dpi": 100, "font.size": 11})
    draw_figures_once()


def draw_figures_once():
    """Show each figure at its own size, without the crop that draws it a second time.

    Jupyter's inline backend shows a figure cropped to a tight box around what it draws, and
    finding that box costs a second drawing of the figure (``benchmarks/bench_figures.py``).
    Here figures lay themselves out instead (``figure.constrained_layout.use``: a first drawing,
    unrendered, finds the layout), so that a label fits inside its figure, and the inline
    backend draws them as they are; the small multiples of ``plotting`` set their own margins
    (``plotting.OWN_MARGINS``) and are drawn once. Outside IPython only the layout is set.
    ``tests/test_plotting.py`` checks that the book's figures fit this way.
    """
    import matplotlib

    matplotlib.rcParams.update(  # and a margin (inches) between a legend below and the edge
        {"figure.constrained_layout.use": True, "figure.constrained_layout.h_pad": 0.1}
    )
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import InlineBackend
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        backend = InlineBackend.instance(parent=shell)
        backend.print_figure_kwargs = {**backend.print_figure_kwargs, "bbox_inches": None}

"""What the book's notebooks use besides the model: showing the package's own source.

``show_source(obj)`` displays the real source of a function, class or method as a highlighted
code block. It renders the same in the built book, in JupyterLab and on Colab, so a chapter
always shows the code the package runs, never a copy of it. ``table`` shows rows as a Markdown
table; ``figure_fonts`` lets figures draw their Chinese words wherever a chapter runs.
"""

import inspect
import textwrap
import warnings

# Fonts with the Chinese glyphs DejaVu Sans lacks, as Linux (Debian's fonts-noto-cjk and others),
# Windows and macOS name them; the first one installed is used.
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
    """Put this machine's first font of ``CJK_FONTS`` after DejaVu Sans; its name, or None.

    The figures say their few words in English and Chinese ("training step / 训练步数") and
    matplotlib's own font has no Chinese glyphs. Set in the chapter, not in a matplotlibrc, so a
    chapter downloaded alone draws them too. Without any such font (Colab) the Chinese characters
    are drawn as boxes beside the English words, and matplotlib's warning for every missing glyph
    is silenced rather than printed under every figure.
    """
    import matplotlib
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    chinese = next((name for name in CJK_FONTS if name in installed), None)
    if chinese is None:
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        return None
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", chinese]
    return chinese

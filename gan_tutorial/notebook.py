"""What the book's notebooks use besides the model: showing the package's own source.

``show_source(obj)`` displays the real source of a function, class or method as a highlighted
code block. It renders the same in the built book, in JupyterLab and on Colab, so a chapter
always shows the code the package runs, never a copy of it.
"""

import inspect
import textwrap


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
    """A zero-width space after each comma and plus sign lets a long name
    (``mixture:0.5,-2,0.5,2,0.5``, ``original+minibatch``) wrap in a narrow column, so that a
    wide table fits the page."""
    return str(cell).replace(",", ",\u200b").replace("+", "+\u200b")


def table(header, rows):
    """``rows`` (lists of cells) under ``header``, shown as a Markdown table."""
    return Table(header, rows)

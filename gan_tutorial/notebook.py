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

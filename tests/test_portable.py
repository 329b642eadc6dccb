"""Every chapter runs unchanged on its own (on Colab, on Binder, downloaded into any folder): it
reads no file of the repository (no ``../`` path), imports only what the package installs, and
starts with the set-up cell that installs the package where it is missing.

Running each chapter alone in an empty folder is what nbval and the JupyterLab test cannot show
(both run in ``book/``); these checks are the static part of it.
"""

import ast
import re
import sys

import pytest
from book_files import BOOK, cells, code_cells

NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
# What `pip install gan-tutorial` brings (pyproject's dependencies) and every Jupyter kernel has.
INSTALLED = {"gan_tutorial", "numpy", "scipy", "matplotlib", "tensorflow", "IPython"}


def _imports(source):
    """Top-level modules that ``source`` imports (IPython magics and shell lines left out)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    modules = set()
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.Import):
            modules |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module.partition(".")[0])
    return modules


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_chapter_stands_alone(path):
    code = code_cells(path)
    setup = "".join(code[0]["source"])
    assert setup.startswith("# Set-up."), f"{path.name}: the first code cell is not the set-up"
    assert {"remove-input", "remove-output"} <= set(code[0]["metadata"].get("tags", []))
    assert 'pip", "install"' in setup and "REPOSITORY" in setup

    for index, cell in enumerate(code):
        source = "".join(cell["source"])
        assert not re.search(r"""["']\.\./""", source), (
            f"{path.name} code cell {index} reads a path outside the chapter's folder (../)"
        )
        foreign = _imports(source) - INSTALLED - set(sys.stdlib_module_names)
        assert not foreign, f"{path.name} code cell {index} imports {sorted(foreign)}"


# jupyterlab-myst reads no files: an included file shows nothing in JupyterLab.
FILE_DIRECTIVES = re.compile(r"^(```+|:::+)\{(literalinclude|include)\}", re.M)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_chapter_includes_no_file(path):
    for index, cell in enumerate(cells(path)):
        found = FILE_DIRECTIVES.search("".join(cell["source"]))
        if cell["cell_type"] == "markdown" and found:
            pytest.fail(
                f"{path.name} cell {index}: {found.group(0)} shows nothing in JupyterLab "
                "(jupyterlab-myst reads no files): show the code with show_source"
            )

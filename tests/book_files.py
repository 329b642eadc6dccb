"""The book's files as the tests read them: the pages of ``_toc.yml`` and notebooks' cells."""

import json
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"

#: The front matter of a chapter written as a MyST notebook (the tests' small Sphinx projects).
MYST_NOTEBOOK_HEADER = """---
kernelspec:
  name: python3
  display_name: Python 3
file_format: mystnb
---
"""


def toc_files():
    """Every page of ``_toc.yml`` in its order (root, parts, chapters and nested sections), as
    written there: ``book/01_build_d_and_g``, without a suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def cells(path):
    """The cells of the notebook at ``path``."""
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))["cells"]


def code_cells(path):
    """The code cells of the notebook at ``path``."""
    return [cell for cell in cells(path) if cell["cell_type"] == "code"]


def source(cell):
    """A cell's source as one string."""
    return "".join(cell["source"])


def load_script(path):
    """The module of a script of the repository that is not in a package (``tools/pdf.py``),
    from its path relative to the root, loaded fresh under its file's name."""
    import importlib.util

    path = ROOT / path
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

"""Rebuilds execute only what changed (book/_ext/gan_book.py, 8.), and never show stale outputs.

The key of a notebook's execution (``execution_key``) holds its code cells, its ``{eval}``
expressions in order and the package's digest (``package_digest``), not its text; and a Sphinx
project built three times (a text edit, then a change to what the "package" gives) shows the
rule at work: a text edit replays, a package change executes again.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
from book_files import MYST_NOTEBOOK_HEADER

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import gan_book  # noqa: E402


def _notebook(*cells):
    return {
        "metadata": {"kernelspec": {"name": "python3"}},
        "cells": [{"cell_type": kind, "source": source} for kind, source in cells],
    }


CHAPTER = [
    ("markdown", "# A chapter\n\nThe mean is {eval}`mean`."),
    ("code", "mean = 4.0"),
    ("markdown", "Then {eval}`round(mean, 1)` again."),
]


def test_a_text_edit_keeps_the_key_and_code_or_eval_changes_it():
    key = gan_book.execution_key(_notebook(*CHAPTER), "digest")
    text_edit = [(CHAPTER[0][0], CHAPTER[0][1].replace("The mean", "Its mean")), *CHAPTER[1:]]
    assert gan_book.execution_key(_notebook(*text_edit), "digest") == key
    as_list = [(kind, source.splitlines(keepends=True)) for kind, source in CHAPTER]
    assert gan_book.execution_key(_notebook(*as_list), "digest") == key, "a cell's source list"
    changed = {
        "package": gan_book.execution_key(_notebook(*CHAPTER), "another digest"),
        "code": gan_book.execution_key(
            _notebook(CHAPTER[0], ("code", "mean = 5.0"), CHAPTER[2]), "digest"
        ),
        "new eval": gan_book.execution_key(
            _notebook(*CHAPTER, ("markdown", "{eval}`mean * 2`")), "digest"
        ),
        # The same expression before a code cell instead of after it sees another state.
        "eval moved": gan_book.execution_key(
            _notebook(CHAPTER[0], CHAPTER[2], CHAPTER[1]), "digest"
        ),
        "new code cell": gan_book.execution_key(
            _notebook(*CHAPTER, ("code", "print(mean)")), "digest"
        ),
    }
    assert all(value != key for value in changed.values()), changed


def test_the_package_digest_follows_every_package_file_and_the_requirements(tmp_path):
    shutil.copytree(ROOT / "gan_tutorial", tmp_path / "gan_tutorial")
    shutil.copy2(ROOT / "requirements.txt", tmp_path / "requirements.txt")
    (tmp_path / "README.md").write_text("not the package")
    digest = gan_book.package_digest(tmp_path)
    assert digest == gan_book.package_digest(ROOT), "only the package's files and requirements"

    (tmp_path / "README.md").write_text("still not the package")
    (tmp_path / "gan_tutorial" / "__pycache__").mkdir(exist_ok=True)
    (tmp_path / "gan_tutorial" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert gan_book.package_digest(tmp_path) == digest

    seen = {digest}
    for name in ("gan_tutorial/document.py", "gan_tutorial/data/ablation.json", "requirements.txt"):
        path = tmp_path / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        seen.add(gan_book.package_digest(tmp_path))
        path.write_bytes(original)
    assert len(seen) == 4, "an edit of a package file or the requirements changes the digest"
    assert gan_book.package_digest(tmp_path) == digest


CONF = f"""
import pathlib
import sys
sys.path.insert(0, {str(ROOT / "book" / "_ext")!r})
import gan_book
# The "package" of this project: a file the notebook reads, its digest the file's text.
gan_book.package_digest = lambda root: (pathlib.Path(__file__).parent / "package.txt").read_text()
extensions = ["myst_nb", "gan_book", "gan_book_i18n"]
nb_execution_mode = "inline"
gan_book_execution_cache = "_build/execution-cache"
gan_book_eval_record = "_build/eval-values.json"
"""

NOTEBOOK = (
    MYST_NOTEBOOK_HEADER
    + """# A chapter

```{{code-cell}} python
value = int(open("package.txt").read())
doubled = value * 2
print(f"printed {{value}}")
```

{SENTENCE} The package gives {{eval}}`doubled`.
"""
)


def _build(source):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *sys.path]))
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(source), str(source / "_build/html")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = (source / "_build" / "html" / "chapter.html").read_text(encoding="utf-8")
    return done.stdout + done.stderr, page


@pytest.mark.timeout(600)
def test_a_text_edit_replays_and_a_package_change_executes_again(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text("# Book\n\n```{toctree}\nchapter\n```\n")
    (tmp_path / "package.txt").write_text("21")
    chapter = tmp_path / "chapter.md"
    chapter.write_text(NOTEBOOK.format(SENTENCE="First words."))

    log, page = _build(tmp_path)
    assert "Executed notebook" in log and "printed 21" in page and ">42<" in page, log[-2000:]

    chapter.write_text(NOTEBOOK.format(SENTENCE="Other words."))
    log, page = _build(tmp_path)
    assert "Other words." in page, "the edited page was read again"
    assert "Executed notebook" not in log and "replayed from the execution cache" in log, log
    assert "printed 21" in page and ">42<" in page, "outputs and {eval} results replayed"

    (tmp_path / "package.txt").write_text("50")  # the package changed, the chapter did not
    log, page = _build(tmp_path)
    assert "Executed notebook" in log, log[-2000:]
    assert "printed 50" in page and ">100<" in page, "no stale output after a package change"


# A chapter whose {eval}s come in two stretches of Markdown, each after a code cell; conf.py
# notes each name that myst-nb's own client asks the kernel for alone, and how each kernel stops.
ASKED_ALONE = """
import myst_nb.core.execute.inline as inline
import nbclient

one_by_one = inline.NotebookClientInline.eval_variable
stop = nbclient.NotebookClient._cleanup_kernel

def eval_variable(self, name):
    with open(pathlib.Path(__file__).parent / "asked-alone.txt", "a") as notes:
        notes.write(name + "\\n")
    return one_by_one(self, name)

def cleanup_kernel(self):
    with open(pathlib.Path(__file__).parent / "stopped.txt", "a") as notes:
        notes.write(self.shutdown_kernel + "\\n")
    return stop(self)

inline.NotebookClientInline.eval_variable = eval_variable
nbclient.NotebookClient._cleanup_kernel = cleanup_kernel
"""

STRETCHES = (
    MYST_NOTEBOOK_HEADER
    + """# Two stretches

```{code-cell} python
first, second, nothing = 1.5, 7, None
```

First {eval}`first` and {eval}`second`, again {eval}`first`.

:::{note}
Inside a directive, {eval}`second`.
:::

```{code-cell} python
first, later = 2.5, 9
```

Now {eval}`first` and {eval}`later`; {eval}`nothing` and {eval}`undefined` have no value.
"""
)


@pytest.mark.timeout(600)
def test_evals_between_two_code_cells_are_asked_for_together_and_the_kernel_stops_at_once(
    tmp_path,
):
    (tmp_path / "conf.py").write_text(CONF + ASKED_ALONE)
    (tmp_path / "index.md").write_text("# Book\n\n```{toctree}\nchapter\n```\n")
    (tmp_path / "package.txt").write_text("1")
    (tmp_path / "chapter.md").write_text(STRETCHES)

    log, page = _build(tmp_path)
    words = re.sub(r"<[^>]+>", "", page)
    assert "First 1.5 and 7, again 1.5." in words, "the values after the first code cell"
    assert "Inside a directive, 7." in words
    assert "Now 2.5 and 9;" in words, "the values after the second code cell, not the first's"
    asked_alone = (tmp_path / "asked-alone.txt").read_text().split()
    assert asked_alone == ["nothing", "undefined"], "only what one request could not answer"
    assert "'nothing' does not return any outputs" in log, "None is no value, as before"
    assert "undefined" in log and "NameError" in log, "an unknown name is an error, as before"
    assert (tmp_path / "stopped.txt").read_text().split() == ["immediate"]

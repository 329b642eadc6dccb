"""The book's Sphinx extensions (book/_ext), on a two-page project built in a temporary folder.

One page documents ``gan_tutorial.document.main`` with autodoc, as the API reference does; the
other is a notebook that myst-nb executes inline, as the chapters are.
"""

import os
import pathlib
import re
import subprocess
import sys

import pytest
from book_files import MYST_NOTEBOOK_HEADER

ROOT = pathlib.Path(__file__).resolve().parent.parent

CONF = f"""
import sys
sys.path.insert(0, {str(ROOT / "book" / "_ext")!r})
extensions = ["sphinx.ext.autodoc", "myst_nb", "gan_book", "gan_book_i18n"]
html_theme = "sphinx_book_theme"
autodoc_typehints = "none"
nb_execution_mode = "inline"
"""

NOTEBOOK = (
    MYST_NOTEBOOK_HEADER
    + """# A chapter

```{code-cell} python
print(6 * 7)
```
"""
)

INDEX = """API
===

.. toctree::

   chapter

.. autofunction:: gan_tutorial.document.main
"""


def _sphinx(source, chapter):
    """Build the two-page project in ``source`` with ``chapter`` as its notebook page."""
    (source / "conf.py").write_text(CONF)
    (source / "index.rst").write_text(INDEX)
    (source / "chapter.md").write_text(chapter)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *sys.path]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(source), str(source / "_build")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    source = tmp_path_factory.mktemp("book")
    done = _sphinx(source, NOTEBOOK)
    assert done.returncode == 0, done.stderr[-3000:]
    return done, source / "_build"


def test_an_eval_in_words_stops_the_build_and_numbers_and_names_pass(tmp_path):
    """Sentences live in the Markdown: ``{eval}`` may insert a number or a name, never words."""
    cell = 'count, target, verdict = 3, "mixture:0.5,-2,0.5,2,0.5", "did not converge"'
    numbers = f"{NOTEBOOK}\n```{{code-cell}} python\n{cell}\n```\n\n"
    numbers += "It converged {eval}`count` times on {eval}`target`.\n"
    (tmp_path / "numbers").mkdir()
    done = _sphinx(tmp_path / "numbers", numbers)
    assert done.returncode == 0, done.stderr[-3000:]
    page = (tmp_path / "numbers" / "_build" / "chapter.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "It converged 3 times on mixture:0.5,-2,0.5,2,0.5." in text
    (tmp_path / "words").mkdir()
    done = _sphinx(tmp_path / "words", numbers + "The run {eval}`verdict`.\n")
    assert "{eval}`verdict` is words ('did not converge')" in done.stdout + done.stderr


def test_signatures_read_name_equals_default(built):
    """``main(num_steps=1200, ...)``, not ``main(=num_steps1200, ...)``: the i18n extension
    marks docstrings as not to be translated without giving inline nodes the ``translatable``
    key that Sphinx's RemoveTranslatableInline unwraps."""
    _, html = built
    page = (html / "index.html").read_text(encoding="utf-8")
    signature = re.search(
        r'<dt class="sig[^"]*" id="gan_tutorial.document.main">(.*?)</dt>', page, re.S
    )
    text = " ".join(re.sub(r"<[^>]+>", "", signature.group(1)).split())
    assert "main(num_steps=1200, batch_size=12, log_every=10, seed=0)" in text, text


def test_executing_kernels_run_without_the_plain_tcp_warning(built):
    """The chapters' kernels get CurveZMQ keys: ipykernel's "Kernel is running over TCP without
    encryption" warning does not reach the build log, and the notebook still runs."""
    done, html = built
    warned = [line for line in (done.stdout + done.stderr).splitlines() if "encryption" in line]
    assert not warned, warned
    assert ">42<" in (html / "chapter.html").read_text(encoding="utf-8").replace("\n", "")


def test_the_package_archive_holds_what_pip_needs_and_nothing_stale(tmp_path):
    """Each edition serves ``_static/gan-tutorial.zip``: the package's source, byte for byte."""
    import zipfile

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import gan_book

    assert gan_book.package_root(ROOT / "_build" / "i18n" / "src" / "book" / "_ext") == ROOT
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    gan_book.write_package_archive(ROOT, first)
    gan_book.write_package_archive(ROOT, second)
    assert first.read_bytes() == second.read_bytes(), "the same files give the same archive"
    with zipfile.ZipFile(first) as archive:
        names = set(archive.namelist())
        for name in ("pyproject.toml", "README.md", "LICENSE", "gan_tutorial/__init__.py"):
            assert f"gan-tutorial/{name}" in names
        package = {
            p.relative_to(ROOT).as_posix()
            for p in (ROOT / "gan_tutorial").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        missing = {f"gan-tutorial/{n}" for n in package} - names
        assert not missing, f"the archive lacks {sorted(missing)}"
        assert not any("__pycache__" in n for n in names)
        init = archive.read("gan-tutorial/gan_tutorial/__init__.py")
        assert init == (ROOT / "gan_tutorial" / "__init__.py").read_bytes()

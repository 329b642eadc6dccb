"""Small Sphinx extension for this book (loaded through `sphinx: local_extensions`).

1. YAML has no tuples, but Sphinx compares ``nitpick_ignore`` entries as ``(type, target)``
   tuples: the lists that ``_config.yml`` gives are turned into tuples.
2. Inline scripts that an extension registers after the builder started (sphinx-thebe's
   ``const THEBE_JS_URL = ...``, sphinx-togglebutton's selector) reach the page twice in
   Sphinx 7.4, once with filename ``None`` and once with ``''``. A second ``const`` declaration
   is a JavaScript SyntaxError in the browser console; each page keeps one copy.
3. pydata-sphinx-theme's page template reads ``default_mode``, which sphinx-book-theme does
   not define; left empty, the theme logs "invalid theme mode" to the console on a first
   visit. Pages get ``auto`` (follow the reader's system setting).
4. The appendices stand outside the numbered parts, so Sphinx numbers their figures on from
   the book's start ("Fig. 1"). A figure of ``appendix_a_...`` is numbered after its appendix's
   letter instead: "Fig. A.1", "Fig. A.2", in captions and in ``{numref}`` alike.
5. MathJax draws inline math as an inline block, and a browser may start a new line between it
   and the punctuation after it ("at $z = 0$, so", "看到的是 $(x - m)/s$，其中"): a line would
   start with a comma. Inline math and the punctuation right after it are kept together
   (``span.gan-nowrap``, white-space: nowrap in custom.css).
6. The kernels that execute the chapters talk to the build over CurveZMQ-encrypted sockets:
   jupyter_client (8.9 and later) provisions the keys when its kernel manager's
   ``transport_encryption`` is ``auto`` and the kernelspec declares ``curve`` (ipykernel's does).
   myst-nb's execution client creates its kernel manager without any configuration, so
   ``transport_encryption`` stays ``disabled``, and every kernel warns on the build log "Kernel
   is running over TCP without encryption"; the manager is given the setting here.
7. Each edition serves the package itself, ``gan-tutorial.zip`` (its source: what
   ``pip install gan-tutorial.zip`` builds and installs), so a reader who downloads a chapter can
   run it without a copy of the repository. The archive is written into ``book/_static`` (not
   committed) when the builder starts, from the package files, so it is never older than the
   pages; the intro links it as a download.
8. Execution results kept between builds (``gan_book_execution_cache``, a folder): a notebook
   whose code cells, ``{eval}`` expressions (in order) and package are those of its last
   successful inline execution is not executed again; its outputs and ``{eval}`` results are
   replayed from the folder (myst-nb's own cache mode keys on code cells only and has no
   ``{eval}``). The package's files and requirements.txt are hashed into every key
   (``package_digest``), and the digest is a config value that Sphinx compares between builds:
   a change to the package makes Sphinx read every page again and execute every chapter. An
   author's text edit re-reads one page and executes nothing. ``--all`` re-reads every page and
   still replays; an empty folder (a fresh clone, CI) executes everything.
   The "[source]" pages of the API reference (sphinx.ext.viewcode) are rewritten only when a
   module is newer than its page; to know, viewcode imports every module (TensorFlow: 8 s at
   every build, even one that changed nothing). The package's modules are found by their path.
9. A download of the whole edition as PDF (``gan_book_pdf``: its ``url`` from the edition's
   root, ``text``, ``tooltip``) in every page's header; tools/pdf.py writes the files. Not in
   the single-page build that tools/pdf.py prints.
10. Inline execution without waits that show nothing. myst-nb asks the kernel for each
   ``{eval}`` on its own, a round trip of 5-7 ms (chapter 7 has about 190); here the first one
   after a code cell asks, in one request, for every ``{eval}`` of the Markdown up to the next
   code cell (the kernel's ``user_expressions``, formatted as myst-nb's own request formats
   them), and any it could not answer is asked for alone as before. When the last cell has
   run, the kernel is stopped at once instead of being asked to exit, which takes a kernel
   that has imported TensorFlow about a second; every output is in by then.
"""

import hashlib
import io
import json
import os
import pathlib
import re
import zipfile

_MATH_THEN_PUNCTUATION = re.compile(
    r'(<span class="math notranslate nohighlight">[^<]*</span>)([,.;:!?)\]，。、；：！？）」])'
)


def _tuples(app, config):
    config.nitpick_ignore = {tuple(entry) for entry in config.nitpick_ignore}
    config.nitpick_ignore_regex = {tuple(entry) for entry in config.nitpick_ignore_regex}


def _unique_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        key = (
            getattr(script, "filename", script) or "",
            tuple(sorted((k, str(v)) for k, v in attributes.items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _default_mode(app, pagename, templatename, context, doctree):
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


def _appendix_figure_numbers(app, env):
    for docname, by_type in env.toc_fignumbers.items():
        match = re.match(r"appendix_([a-z])_", docname.rsplit("/", 1)[-1])
        if match:
            for numbers in by_type.values():
                for count, figure_id in enumerate(sorted(numbers, key=numbers.get), start=1):
                    numbers[figure_id] = (match.group(1).upper(), count)
    return []


def _math_keeps_its_punctuation(app, pagename, templatename, context, doctree):
    if context.get("body"):
        context["body"] = _MATH_THEN_PUNCTUATION.sub(
            r'<span class="gan-nowrap">\1\2</span>', context["body"]
        )


def _encrypted_kernels(app):
    import zmq
    from nbclient import NotebookClient

    create = NotebookClient.create_kernel_manager
    if not zmq.has("curve") or getattr(create, "gan_book", False):
        return

    def create_kernel_manager(self):
        manager = create(self)
        if "transport_encryption" in manager.trait_names():
            manager.transport_encryption = "auto"  # keys only where the kernelspec supports curve
        return manager

    create_kernel_manager.gan_book = True
    NotebookClient.create_kernel_manager = create_kernel_manager


ARCHIVE = "gan-tutorial.zip"
# What `pip install` needs to build the package: its metadata and the package directory.
ARCHIVE_FILES = ("pyproject.toml", "README.md", "LICENSE")


def package_root(start):
    """The repository holding the package: the first folder above ``start`` with a pyproject.toml
    (the Chinese edition builds from a copy of the sources inside ``_build``)."""
    for folder in pathlib.Path(start).resolve().parents:
        if (folder / "pyproject.toml").is_file() and (folder / "gan_tutorial").is_dir():
            return folder
    raise FileNotFoundError(f"no pyproject.toml with gan_tutorial/ above {start}")


def write_package_archive(root, path):
    """``path``: a zip of the package's source under ``gan-tutorial/``, the same bytes for the
    same files (fixed timestamps, sorted names)."""
    names = list(ARCHIVE_FILES) + sorted(
        p.relative_to(root).as_posix()
        for p in (root / "gan_tutorial").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(f"gan-tutorial/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (root / name).read_bytes())
    path = pathlib.Path(path)
    # Rewritten only when it changes: the intro links it, and Sphinx reads a page again when a
    # file it depends on is newer.
    if not path.is_file() or path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


def _package_archive(app):
    static = pathlib.Path(app.srcdir) / "book" / "_static"
    if static.is_dir():
        write_package_archive(package_root(__file__), static / ARCHIVE)


# A role ``{eval}`code``` in a Markdown cell: the expression is evaluated in the kernel.
_EVAL_ROLE = re.compile(r"\{eval\}`([^`]*)`")


def package_digest(root):
    """sha256 of the package's files (``gan_tutorial/``, data included) and requirements.txt:
    what every chapter's outputs depend on besides the chapter."""
    root = pathlib.Path(root)
    files = sorted(
        p
        for p in (root / "gan_tutorial").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
    digest = hashlib.sha256()
    for path in [*files, root / "requirements.txt"]:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def execution_key(notebook, package):
    """The key of a notebook's execution: ``package`` (its digest), the kernel, and the code
    cells and ``{eval}`` expressions in their order. Markdown text outside ``{eval}`` is not in
    it: a text edit keeps the key."""
    kernel = notebook.get("metadata", {}).get("kernelspec", {}).get("name", "")
    parts = [package, kernel]
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            parts += ["code", _source(cell)]
        elif cell.get("cell_type") == "markdown":
            for expression in _EVAL_ROLE.findall(_source(cell)):
                parts += ["eval", expression]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def _execution_clients():
    """Two myst-nb execution clients: one that executes inline and records the results, one
    that replays them."""
    import nbformat
    from myst_nb.core.execute import NotebookClientBase, NotebookClientInline

    class Recording(NotebookClientInline):
        def __init__(self, *args, record, key, **kwargs):
            super().__init__(*args, **kwargs)
            self._record, self._key, self._evals = record, key, {}
            self._answered_after, self._answers = None, {}  # 10. above

        def eval_variable(self, name):
            if self._answered_after != self._last_cell_executed:
                self._answered_after = self._last_cell_executed
                self._answers = self._evaluate_together(self._evals_ahead())
            outputs = self._answers.get(name)
            if outputs is None:
                outputs = super().eval_variable(name)
            self._evals[name] = outputs
            return outputs

        def _evals_ahead(self):
            """The names in ``{eval}`` roles from the last executed cell to the next code cell."""
            names = []
            for cell in self.notebook["cells"][self._last_cell_executed + 1 :]:
                if cell["cell_type"] == "code":
                    break
                names += _EVAL_ROLE.findall(_source(cell))
            pattern = re.compile(self.nb_config.eval_name_regex)
            return sorted({name for name in names if pattern.match(name)})

        def _evaluate_together(self, names):
            """``{name: outputs}`` for the names the kernel formatted without an error, as one
            execute_result each; a value of None (no execute_result) is left to be asked alone.
            """
            if not names or self._client.kc is None:
                return {}
            msg_id = self._client.kc.execute(
                "", silent=True, store_history=False, user_expressions={n: n for n in names}
            )
            reply = self._client.wait_for_reply(msg_id) or {}
            results = reply.get("content", {}).get("user_expressions", {})
            return {
                name: [nbformat.v4.new_output(
                    "execute_result", data=result["data"], metadata=result["metadata"],
                    execution_count=reply["content"].get("execution_count"),
                )]
                for name, result in results.items()
                if result.get("status") == "ok" and result["data"] != {"text/plain": "None"}
            }  # fmt: skip

        def close_client(self, exc_type, exc_val, exc_tb):
            client = getattr(self, "_client", None)
            if client is not None:
                client.shutdown_kernel = "immediate"  # 10. above
            super().close_client(exc_type, exc_val, exc_tb)
            if exc_type is not None or not (self.exec_metadata or {}).get("succeeded"):
                return
            data = {
                "key": self._key,
                "runtime": self.exec_metadata["runtime"],
                "language_info": self.notebook.metadata.get("language_info"),
                "cells": [
                    [cell.get("execution_count"), cell.get("outputs", [])]
                    for cell in _code_cells(self.notebook)
                ],
                "evals": self._evals,
            }
            self._record.parent.mkdir(parents=True, exist_ok=True)
            partial = self._record.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            partial.replace(self._record)

    class Replay(NotebookClientBase):
        def __init__(self, *args, stored, **kwargs):
            super().__init__(*args, **kwargs)
            self._stored = stored

        def start_client(self):
            stored = self._stored
            for cell, (count, outputs) in zip(_code_cells(self.notebook), stored["cells"]):
                cell["execution_count"] = count
                cell["outputs"] = [nbformat.from_dict(output) for output in outputs]
            if stored.get("language_info"):
                self.notebook.metadata["language_info"] = nbformat.from_dict(
                    stored["language_info"]
                )
            self.logger.info("Outputs replayed from the execution cache (key unchanged)")
            self.exec_metadata = {
                "mtime": self._record_mtime,
                "runtime": stored.get("runtime"),
                "method": "cache",
                "succeeded": True,
                "error": None,
                "traceback": None,
            }

        def eval_variable(self, name):
            return [nbformat.from_dict(output) for output in self._stored["evals"][name]]

    return Recording, Replay


def _cached_execution(app):
    """myst-nb's ``create_client`` for Sphinx, wrapped: inline execution goes through the
    execution cache (see 8. above)."""
    import myst_nb.sphinx_ as nb_sphinx

    create = getattr(nb_sphinx.create_client, "__wrapped__", nb_sphinx.create_client)
    folder = app.config.gan_book_execution_cache
    if not folder:
        nb_sphinx.create_client = create
        return
    folder = pathlib.Path(app.srcdir, folder)
    recording, replay = _execution_clients()

    def create_client(notebook, source, nb_config, logger, read_fmt=None):
        path = pathlib.Path(source)
        if nb_config.execution_mode != "inline" or not path.is_file():
            return create(notebook, source, nb_config, logger, read_fmt)
        record = folder / (app.env.docname + ".json")
        key = execution_key(notebook, app.config.gan_book_package_digest)
        stored = None
        if record.is_file():
            stored = json.loads(record.read_text(encoding="utf-8"))
            if stored.get("key") != key or len(stored["cells"]) != len(_code_cells(notebook)):
                stored = None
        if stored is None:
            return recording(notebook, path, nb_config, logger, record=record, key=key)
        client = replay(notebook, path, nb_config, logger, stored=stored)
        client._record_mtime = record.stat().st_mtime
        return client

    create_client.__wrapped__ = create
    nb_sphinx.create_client = create_client


def _pdf_link(app, pagename, templatename, context, doctree):
    pdf = app.config.gan_book_pdf
    if not pdf or "header_buttons" not in context or app.builder.name == "singlehtml":
        return
    context["header_buttons"].append(
        {
            "type": "link",
            "url": "../" * pagename.count("/") + pdf["url"],
            "text": pdf["text"],
            "tooltip": pdf["tooltip"],
            "icon": "fas fa-file-pdf",
            "label": "pdf-download-button",
            "classes": "gan-pdf-download",
        }
    )


def _viewcode_finds_files():
    """viewcode's ``get_module_filename`` without importing the package's modules."""
    from sphinx.ext import viewcode

    original = getattr(viewcode.get_module_filename, "__wrapped__", viewcode.get_module_filename)
    root = package_root(__file__)

    def get_module_filename(app, modname):
        if modname.split(".")[0] == "gan_tutorial" and not app.emit_firstresult(
            "viewcode-find-source", modname
        ):
            base = root.joinpath(*modname.split("."))
            for path in (base.with_suffix(".py"), base / "__init__.py"):
                if path.is_file():
                    return str(path)
        return original(app, modname)

    get_module_filename.__wrapped__ = original
    viewcode.get_module_filename = get_module_filename


def _index_pages_written(app, env):
    """The pages with index entries (the glossary's terms), written at every build: Sphinx's
    search index keeps a page's index entries (the "#term-..." results) only from a build that
    writes the page, and an incremental build that did not lost them."""
    return sorted(doc for doc, entries in env.get_domain("index").entries.items() if entries)


def _package_digest(app, config):
    if config.gan_book_execution_cache:
        config.gan_book_package_digest = package_digest(package_root(__file__))


def setup(app):
    app.add_config_value("gan_book_execution_cache", "", "env")
    # Set from the package's files (config-inited): when it changes, every page is read again.
    app.add_config_value("gan_book_package_digest", "", "env")
    app.add_config_value("gan_book_pdf", {}, "html")
    app.connect("html-page-context", _pdf_link, priority=600)
    app.connect("config-inited", _package_digest)
    app.connect("env-get-updated", _index_pages_written)
    _viewcode_finds_files()
    app.connect("builder-inited", _cached_execution)
    app.connect("builder-inited", _package_archive)
    app.connect("builder-inited", _encrypted_kernels)
    app.connect("config-inited", _tuples)
    app.connect("html-page-context", _unique_scripts, priority=999)
    app.connect("html-page-context", _default_mode)
    # After Sphinx's own numbering (its toctree collector listens at the default priority).
    app.connect("env-get-updated", _appendix_figure_numbers, priority=900)
    app.connect("html-page-context", _math_keeps_its_punctuation)
    app.add_js_file("toc.js")  # book/_static/toc.js: identifiers in "Contents" break at dots
    return {"parallel_read_safe": True, "parallel_write_safe": True}

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
"""

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
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(f"gan-tutorial/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (root / name).read_bytes())


def _package_archive(app):
    static = pathlib.Path(app.srcdir) / "book" / "_static"
    if static.is_dir():
        write_package_archive(package_root(__file__), static / ARCHIVE)


def setup(app):
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

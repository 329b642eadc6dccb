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
"""

import re

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


def setup(app):
    app.connect("builder-inited", _encrypted_kernels)
    app.connect("config-inited", _tuples)
    app.connect("html-page-context", _unique_scripts, priority=999)
    app.connect("html-page-context", _default_mode)
    # After Sphinx's own numbering (its toctree collector listens at the default priority).
    app.connect("env-get-updated", _appendix_figure_numbers, priority=900)
    app.connect("html-page-context", _math_keeps_its_punctuation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

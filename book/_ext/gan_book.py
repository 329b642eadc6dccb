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
4. The kernels that execute the chapters talk to the build over CurveZMQ-encrypted sockets:
   jupyter_client (8.9 and later) provisions the keys when its kernel manager's
   ``transport_encryption`` is ``auto`` and the kernelspec declares ``curve`` (ipykernel's does).
   myst-nb's execution client creates its kernel manager without any configuration, so
   ``transport_encryption`` stays ``disabled``, and every kernel warns on the build log "Kernel
   is running over TCP without encryption"; the manager is given the setting here.
"""


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
        key = (getattr(script, "filename", script) or "", tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _default_mode(app, pagename, templatename, context, doctree):
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


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
    return {"parallel_read_safe": True, "parallel_write_safe": True}

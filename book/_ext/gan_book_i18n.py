"""The book in two languages from one source: what Sphinx needs besides gettext catalogues.

The Chinese edition is built from the same notebooks, with the outputs the English build
executed (``i18n/zh.py`` prepares the sources), and its text from ``locales/zh_CN``.

1. ``{eval}`` without a kernel. myst-nb evaluates ``{eval}`` roles in the running kernel while
   a notebook is parsed. The English build records each role's result per page
   (``gan_book_eval_record``); the Chinese build, which executes nothing, and any translated
   paragraph (parsed after the kernel is gone) take the result from that record
   (``gan_book_eval_replay``). A result must be a number or a name (a target, a preset, a
   TensorFlow variable): one in words stops both builds, since a sentence belongs in the
   Markdown, where its page's catalogue translates it.
2. ``_toc.yml`` part captions: sphinx-external-toc inserts them (transform priority 100) after
   Sphinx's Locale transform (20) has translated the page, so they are translated here.
3. ``gan_book_require_translation``: every translatable node of every page must have a
   translation, else a warning (an error under ``-W``) names the page and the text.
4. A language switch on every page (``gan_book_switch``): a header link to the same page in
   the other edition.
5. The API reference's docstrings (autodoc and autosummary output) are the package's own
   documentation, what ``help()`` shows: they are left out of the catalogues and stay English;
   the page's own text is translated.
6. ``gan_book_theme_options`` are merged into ``html_theme_options`` (jupyter-book sets
   ``search_bar_text`` itself, and a ``sphinx.config`` entry would replace the whole dict).
7. The theme's words: the ``sphinx`` catalogue in ``locale_dirs`` already comes before the
   themes' own; for each catalogue in ``gan_book_theme_catalogs`` (sphinx-book-theme's
   ``booktheme``) the one in ``locale_dirs`` is put first too. Words the themes' templates
   write without a catalogue are replaced in the written pages (``gan_book_html_replacements``).
8. ``nb_merge_streams`` merges copies of a cell's outputs, so that the executed notebooks the
   Chinese edition reuses hold each line a cell printed once.
"""

import ast
import gettext
import json
import pathlib
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

logger = logging.getLogger(__name__)

_RENDERERS = {}  # docname -> the notebook's myst-nb renderer, for translated paragraphs
_REPLAY = {}  # docname -> {expression: [output, ...]}, read from gan_book_eval_replay
_CATALOGS = {}  # (srcdir, language, domain) -> the page's catalogue, loaded once
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?%?")
_WORDS = re.compile(r"[A-Za-z]{2,}")
# Names that read the same in every language: targets (``mixture:0.5,-2,...``), presets or
# variants (``improved-without-r1``, ``original+minibatch``) and TensorFlow variables
# (``D_pre/Variable:0``).
_NAMES = re.compile(r"\b[a-z]+:[-\d.,]+|\b[a-z]+(?:[-+][a-z0-9]+)+\b|\b\w+(?:/\w+)+:\d+(?:, )?")


def _docname(document):
    env = getattr(document.settings, "env", None)
    return env.docname if env is not None else None


def _words_in(data):
    """The words of an ``{eval}`` result that is not a number or a name, else ``None``."""
    text = data.get("text/plain")
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError):
        value = text
    if isinstance(value, str) and _WORDS.search(_NUMBER.sub("", _NAMES.sub("", value))):
        return value
    return None


def _patch_eval(app):
    """Wrap myst-nb's ``retrieve_eval_data``: record (English) or replay (Chinese) each result,
    and refuse a result in words: sentences live in the Markdown, where they are translated."""
    from myst_nb.core.variables import RetrievalError, VariableOutput
    from myst_nb.ext import eval as nb_eval

    original = getattr(nb_eval.retrieve_eval_data, "__wrapped__", nb_eval.retrieve_eval_data)

    def refuse_words(docname, key, outputs):
        for out in outputs:
            words = _words_in(out["data"])
            if words is not None:
                raise RetrievalError(
                    f"{docname}: {{eval}}`{key}` is words ({words!r}): write the sentence in "
                    "the Markdown, insert only numbers or names, and assert it in the checks"
                )

    def retrieve_eval_data(document, key):
        docname = _docname(document)
        if "nb_renderer" in document:
            _RENDERERS[docname] = document["nb_renderer"]
        if app.config.gan_book_eval_replay:
            outputs = _REPLAY.get(docname, {}).get(key)
            renderer = _RENDERERS.get(docname)
            if outputs is None or renderer is None:
                raise RetrievalError(
                    f"no recorded value of {key!r} for {docname} in "
                    f"{app.config.gan_book_eval_replay}: build the English edition first"
                )
            refuse_words(docname, key, outputs)
            return [
                VariableOutput(
                    data=out["data"],
                    metadata=dict(out["metadata"]),
                    nb_renderer=renderer,
                    vtype="eval",
                    index=i,
                )
                for i, out in enumerate(outputs)
            ]
        result = original(document, key)
        recorded = [{"data": out.data, "metadata": out.metadata} for out in result]
        refuse_words(docname, key, recorded)
        app.env.__dict__.setdefault("gan_book_eval", {}).setdefault(docname, {})[key] = recorded
        return result

    retrieve_eval_data.__wrapped__ = original
    nb_eval.retrieve_eval_data = retrieve_eval_data


def _read_replay(app, config):
    _patch_eval(app)
    if config.gan_book_eval_replay:
        path = pathlib.Path(app.srcdir, config.gan_book_eval_replay)
        _REPLAY.clear()
        _REPLAY.update(json.loads(path.read_text(encoding="utf-8")))
    if config.gan_book_theme_options:
        config.html_theme_options = {**config.html_theme_options, **config.gan_book_theme_options}


def _theme_catalogs(app):
    """Our catalogues first for the themes' own message catalogues."""
    from sphinx import locale

    language = app.config.language
    if not language or language == "en":
        return
    for name in app.config.gan_book_theme_catalogs:
        for directory in app.config.locale_dirs:
            try:
                mine = gettext.translation(
                    name, localedir=str(pathlib.Path(app.srcdir, directory)), languages=[language]
                )
            except OSError:
                continue
            theirs = locale.translators.get(("general", name))
            if theirs is not None and theirs.__class__ is not gettext.NullTranslations:
                mine.add_fallback(theirs)
            locale.translators[("general", name)] = mine


def _replace_words(app, exception):
    replacements = app.config.gan_book_html_replacements
    if exception is not None or not replacements or app.builder.format != "html":
        return
    for page in pathlib.Path(app.outdir).rglob("*.html"):
        text = original = page.read_text(encoding="utf-8")
        for old, new in replacements.items():
            text = text.replace(old, new)
        if text != original:
            page.write_text(text, encoding="utf-8")


def _purge(app, env, docname):
    env.__dict__.get("gan_book_eval", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    mine = env.__dict__.setdefault("gan_book_eval", {})
    for docname in docnames:
        if docname in other.__dict__.get("gan_book_eval", {}):
            mine[docname] = other.gan_book_eval[docname]


def _write_record(app, exception):
    if exception is not None or not app.config.gan_book_eval_record:
        return
    path = pathlib.Path(app.srcdir, app.config.gan_book_eval_record)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = app.env.__dict__.get("gan_book_eval", {})
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")


def _catalog(transform):
    config = transform.config
    if not config.language or config.language == "en" or not config.locale_dirs:
        return None
    domain = docname_to_domain(transform.env.docname, config.gettext_compact)
    key = (str(transform.env.srcdir), config.language, domain)
    if key not in _CATALOGS:  # once per page: each load adds another fallback to Sphinx's chain
        dirs = [str(pathlib.Path(transform.env.srcdir, d)) for d in config.locale_dirs]
        catalog, has_catalog = init_locale(dirs, config.language, domain)
        _CATALOGS[key] = catalog if has_catalog else None
    return _CATALOGS[key]


def _block_text(node):
    return isinstance(node, nodes.TextElement) and not isinstance(node, nodes.Inline)


class KeepDocstrings(SphinxTransform):
    """Docstrings (autodoc, autosummary) are not translated: mark them before Locale (20).

    Only block-level text is marked. An inline node with a ``translatable`` key is, to Sphinx, a
    translation placeholder: its ``RemoveTranslatableInline`` (priority 999, every language)
    unwraps it and appends its text at the end of its parent, which turned each signature's
    ``num_steps=1200`` into ``=num_steps1200``. Inline nodes are never translated without the
    key anyway.
    """

    default_priority = 15

    def apply(self, **kwargs):
        from sphinx.ext.autosummary import autosummary_table

        for generated in (addnodes.desc, autosummary_table):
            for block in self.document.findall(generated):
                for node in block.findall(_block_text):
                    node["translatable"] = False
        for node in self.document.findall(_block_text):
            if "docstring of " in (node.source or ""):  # automodule's module docstrings
                node["translatable"] = False
        # Outputs are what the code printed or displayed, like code itself: not translated (the
        # chapters label their tables in both languages, as their figures).
        for output in self.document.findall(nodes.container):
            if output.get("nb_element") != "mime_bundle":
                continue
            for node in output.findall(_block_text):
                node["translatable"] = False
        for image in self.document.findall(nodes.image):
            if image.get("alt"):
                image["gan_book_alt"] = image["alt"]  # Locale translates alt in place


class TranslateTocCaptions(SphinxTransform):
    """Translate the part captions that sphinx-external-toc inserted (priority 100)."""

    default_priority = 105

    def apply(self, **kwargs):
        toctrees = [t for t in self.document.findall(addnodes.toctree) if t.get("rawcaption")]
        if not toctrees:
            return
        catalog = _catalog(self)
        if catalog is None:
            return
        for toctree in toctrees:
            msg = toctree["rawcaption"]
            msgstr = catalog.gettext(msg)
            if msgstr and msgstr != msg:
                toctree.apply_translated_message(msg, msgstr)
                toctree["translated"] = True
            else:
                toctree["translated"] = False


class RequireTranslation(SphinxTransform):
    """With ``gan_book_require_translation``, warn about every untranslated node."""

    default_priority = 110

    def apply(self, **kwargs):
        if not self.config.gan_book_require_translation:
            return
        if _catalog(self) is None:
            logger.warning(
                "no catalogue for this page: run `make translations` and translate it",
                location=(self.env.docname, 0),
                type="gan_book",
                subtype="untranslated",
            )
            return
        for node in self.document.findall(nodes.Element):
            if node.get("translated", True) is not False:
                continue
            if isinstance(node, nodes.image) and node.get("alt") != node.get("gan_book_alt"):
                node["translated"] = True  # Locale translated its alt text but left it False
                continue
            if isinstance(node, addnodes.toctree):
                text = node.get("rawcaption", "")
            elif isinstance(node, nodes.image):
                text = node.get("alt", "")
            else:
                text = node.astext()
            text = " ".join(text.split())
            logger.warning(
                "untranslated (update locales/%s with `make translations`): %s",
                self.config.language,
                text[:160],
                location=node,
                type="gan_book",
                subtype="untranslated",
            )


def _switch(app, pagename, templatename, context, doctree):
    switch = app.config.gan_book_switch
    if not switch or "header_buttons" not in context:
        return
    url = "../" * pagename.count("/") + switch["prefix"] + pagename + ".html"
    # A link (it works without JavaScript, and a reader can open it in a new tab); the theme's
    # link button opens a new tab itself, which _switch_in_place undoes: a reader who switches
    # language wants this page in the other language, not a second window. i18n.js adds the
    # page's #section to the link.
    context["header_buttons"].insert(
        0,
        {
            "type": "link",
            "url": url,
            "text": switch["text"],
            "tooltip": switch["tooltip"],
            "icon": "fas fa-language",
            "label": "language-switch-button",
            "classes": "gan-language-switch",
        },
    )


_NEW_TAB = re.compile(r'(<a href="[^"]*") target="_blank"(\s+class="[^"]*\bgan-language-switch\b)')


def _switch_in_place(app, exception):
    """The language switch opens in the same tab: the theme's ``target="_blank"`` removed."""
    if exception is not None or not app.config.gan_book_switch or app.builder.format != "html":
        return
    for page in pathlib.Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = _NEW_TAB.sub(r"\1\2", text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _copy_streams(app, config):
    """myst-nb's ``nb_merge_streams`` merges a cell's stream outputs into the first one *in
    place* (``coalesce_streams``), in the notebook it then writes to ``_build/jupyter_execute``:
    that copy's first output holds the whole log and the later outputs their lines again, so
    the Chinese edition, which renders those notebooks, showed chapter 5's log twice. Merging
    copies leaves the executed notebooks as the kernel wrote them."""
    import copy

    from myst_nb.core import render

    original = getattr(render.coalesce_streams, "__wrapped__", render.coalesce_streams)

    def coalesce_streams(outputs):
        return original(copy.deepcopy(outputs))

    coalesce_streams.__wrapped__ = original
    render.coalesce_streams = coalesce_streams


def setup(app):
    app.add_config_value("gan_book_eval_record", "", "env")
    app.add_config_value("gan_book_eval_replay", "", "env")
    app.add_config_value("gan_book_require_translation", False, "env")
    app.add_config_value("gan_book_switch", {}, "html")
    app.add_config_value("gan_book_theme_options", {}, "html")
    app.add_config_value("gan_book_theme_catalogs", [], "html")
    app.add_config_value("gan_book_html_replacements", {}, "html")
    app.connect("config-inited", _read_replay)
    app.connect("config-inited", _copy_streams)
    app.connect("builder-inited", _theme_catalogs)
    app.connect("build-finished", _replace_words)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _write_record)
    app.add_transform(KeepDocstrings)
    app.add_transform(TranslateTocCaptions)
    app.add_transform(RequireTranslation)
    app.connect("html-page-context", _switch, priority=600)
    app.connect("build-finished", _switch_in_place)
    app.add_css_file("i18n.css")  # book/_static/i18n.css: the switch's size
    app.add_js_file("i18n.js")  # book/_static/i18n.js: the switch keeps the page's #section
    return {"parallel_read_safe": True, "parallel_write_safe": True}

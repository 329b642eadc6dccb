"""What book/_ext relies on in other packages where no public mechanism does the job.

Each test names the extension function that depends on it, so that an upgrade of myst-nb,
Sphinx or nbclient that changes one of these fails here, with the reason, instead of quietly
changing the book (a Chinese page that shows English values, a log printed twice, a kernel
warning in every build).
"""

import inspect
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_myst_nb_evaluates_eval_roles_through_retrieve_eval_data():
    """gan_book_i18n._patch_eval wraps ``myst_nb.ext.eval.retrieve_eval_data(document, key)``
    (record in English, replay in Chinese); the roles must look it up at call time."""
    from myst_nb.ext import eval as nb_eval

    parameters = list(inspect.signature(nb_eval.retrieve_eval_data).parameters)
    assert parameters == ["document", "key"], f"retrieve_eval_data{parameters}: update _patch_eval"
    source = inspect.getsource(nb_eval)
    callers = re.findall(r"\bretrieve_eval_data\(", source)
    assert len(callers) >= 2, "myst-nb's eval roles no longer call retrieve_eval_data by name"


def test_myst_nb_merges_streams_through_coalesce_streams():
    """gan_book_i18n._copy_streams makes ``myst_nb.core.render.coalesce_streams`` merge copies."""
    from myst_nb.core import render

    assert list(inspect.signature(render.coalesce_streams).parameters) == ["outputs"]
    calls = re.findall(r"\bcoalesce_streams\(", inspect.getsource(render))
    assert calls, "myst-nb's renderer no longer calls coalesce_streams by its module's name"


def test_sphinx_keeps_its_translators_by_namespace_and_catalogue():
    """gan_book_i18n._theme_catalogs puts the book's catalogue before a theme's own in
    ``sphinx.locale.translators[("general", name)]``."""
    from sphinx import locale

    assert isinstance(locale.translators, dict)
    assert re.search(r"translators\[\(?namespace, catalog\)?\] = ", inspect.getsource(locale.init))


def test_nbclient_creates_kernel_managers_that_can_encrypt():
    """gan_book._encrypted_kernels asks the kernel manager of ``NotebookClient`` for
    ``transport_encryption``; without it the build log gets ipykernel's TCP warning."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    assert callable(NotebookClient.create_kernel_manager)
    assert "transport_encryption" in KernelManager.class_trait_names()


def test_each_theme_string_the_chinese_edition_replaces_is_one_the_theme_writes():
    """i18n/zh_CN.yml's ``gan_book_html_replacements`` are the theme's and matplotlib's words
    that no catalogue translates; each must still be written by them (here: by the templates
    and scripts installed), or the Chinese pages keep the English one."""
    config = yaml.safe_load((ROOT / "i18n" / "zh_CN.yml").read_text(encoding="utf-8"))
    replacements = config["zh"]["sphinx"]["config"]["gan_book_html_replacements"]
    import matplotlib
    import pydata_sphinx_theme
    import sphinx_book_theme
    import sphinx_togglebutton

    import gan_tutorial

    files = [pathlib.Path(matplotlib.__file__).with_name("_animation_data.py")]  # the player
    for package in (pydata_sphinx_theme, sphinx_book_theme, sphinx_togglebutton, gan_tutorial):
        folder = pathlib.Path(package.__file__).parent
        files += [path for path in folder.rglob("*") if path.suffix in (".html", ".py", ".js")]
    written = "".join(path.read_text(encoding="utf-8", errors="replace") for path in files)
    # Each English word of a replaced attribute or label (the theme composes "Binder logo"
    # from translate(text) and translate("logo")).
    missing = [
        word
        for old in replacements
        for part in re.findall(r'"([^"]+)"|>([^<]+)<', old)
        for word in re.findall(r"[A-Za-z]+", "".join(part))
        if not re.search(rf"\b{word}\b", written)
    ]
    assert not missing, f"no longer written by the theme, matplotlib or the package: {missing}"

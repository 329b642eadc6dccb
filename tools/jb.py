"""``jupyter-book``'s command line, started without 2.6 s of imports it does not use.

    python tools/jb.py build . [options]      # the same arguments as jupyter-book

jupyter-book imports jsonschema, which imports ``rfc3987_syntax`` when it is installed (it is,
for JupyterLab) and compiles 38 Lark grammars on import, to check the ``iri`` string format that
no schema of jupyter-book uses: 2.6 of the 3.2 s it takes to start, twice in every ``make book``
(the English and the Chinese builds). jsonschema treats the module as absent, as it would on a
machine without it.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # an import of it raises ImportError

from jupyter_book.cli.main import main  # noqa: E402

if __name__ == "__main__":
    sys.argv[0] = "jupyter-book"
    main()

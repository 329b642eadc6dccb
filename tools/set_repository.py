"""Name the book's repository, the one setting every link to it derives from.

    python tools/set_repository.py https://github.com/OWNER/NAME main
    python tools/set_repository.py "" main    # none: no launch, repository or issue links

It rewrites, together:

- ``_config.yml``: ``repository: url``/``branch``; the Binder and Colab launch buttons
  (``launch_buttons: binderhub_url``/``colab_url``) and the repository and issue buttons
  (``html: use_repository_button``/``use_issues_button``), all on with a URL and off without;
- the ``REPOSITORY = "URL@BRANCH"`` line of every notebook's set-up cell (``""`` without a
  URL), from which the notebook, opened alone on Colab, pip-installs the book's package.

Only those lines change; comments and layout stay. ``tests/test_repository.py`` checks that
``_config.yml`` and the notebooks agree. Standard library only, so CI can run it before
installing anything.
"""

import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINDERHUB_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"
# The set-up cell's line, as it is in the notebook's source.
REPOSITORY_LINE = re.compile(r'^REPOSITORY = "(?P<value>[^"\\]*)"$')


def repository_value(url, branch):
    """What the notebooks' ``REPOSITORY`` holds: ``URL@BRANCH``, or ``""`` without a URL."""
    return f"{url}@{branch}" if url else ""


def check(url, branch):
    """``ValueError`` naming what is wrong with ``url`` or ``branch``."""
    if url and not re.fullmatch(r"https://[^\s@\"'\\]+[^\s@\"'\\/]", url):
        raise ValueError(f"URL must be https://HOST/OWNER/NAME (no trailing /), got {url!r}")
    if url.endswith(".git"):
        raise ValueError(f"URL without .git, got {url!r}")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or branch.startswith(("/", "-")):
        raise ValueError(f"BRANCH must be a branch name, got {branch!r}")


def _set_key(text, block, key, value):
    """``text`` with ``key:`` inside the top-level ``block:`` set to ``value`` (a YAML scalar,
    written as given), keeping the line's comment; ``ValueError`` if the key is missing."""
    lines = text.split("\n")
    inside = False
    for index, line in enumerate(lines):
        if re.match(r"^\S", line):
            inside = line.split("#")[0].strip() == f"{block}:"
            continue
        match = re.match(rf"^(\s+){re.escape(key)}:(\s*)([^#]*?)(\s*#.*)?$", line)
        if inside and match:
            indent, _, _, comment = match.groups()
            lines[index] = f"{indent}{key}: {value}{comment or ''}"
            return "\n".join(lines)
    raise ValueError(f"_config.yml has no {block}: {key}:")


def config_text(text, url, branch):
    """``_config.yml``'s text set to ``url`` and ``branch``."""
    on = "true" if url else "false"
    for block, key, value in (
        ("repository", "url", json.dumps(url)),
        ("repository", "branch", branch),
        ("launch_buttons", "binderhub_url", json.dumps(BINDERHUB_URL if url else "")),
        ("launch_buttons", "colab_url", json.dumps(COLAB_URL if url else "")),
        ("html", "use_repository_button", on),
        ("html", "use_issues_button", on),
    ):
        text = _set_key(text, block, key, value)
    return text


def notebooks(root):
    """Every notebook of the book (``book/``, checkpoints left out)."""
    return sorted(
        path for path in (root / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    )


def repository_lines(notebook):
    """The values of the ``REPOSITORY = "..."`` lines of ``notebook``'s code cells."""
    cells = json.loads(notebook.read_text())["cells"]
    return [
        match.group("value")
        for cell in cells
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if (match := REPOSITORY_LINE.match(line))
    ]


def notebook_text(notebook, value):
    """``notebook``'s file text with its one ``REPOSITORY`` line set to ``value``; the rest of
    the file, byte for byte as it was."""
    text = notebook.read_text()
    found = repository_lines(notebook)
    if len(found) != 1:
        raise ValueError(f"{notebook} has {len(found)} REPOSITORY lines, expected 1")
    # The line as json writes it inside the file (one element of the cell's source list).
    old = json.dumps(f'REPOSITORY = "{found[0]}"\n')[1:-1]
    new = json.dumps(f'REPOSITORY = "{value}"\n')[1:-1]
    if text.count(old) != 1:
        raise ValueError(f"{notebook}: cannot find its REPOSITORY line in the file")
    return text.replace(old, new)


def set_repository(root, url, branch):
    """Rewrite ``root``'s ``_config.yml`` and notebooks; the paths that changed."""
    check(url, branch)
    config = root / "_config.yml"
    texts = {config: config_text(config.read_text(), url, branch)}
    for notebook in notebooks(root):
        texts[notebook] = notebook_text(notebook, repository_value(url, branch))
    changed = [path for path, text in texts.items() if path.read_text() != text]
    for path in changed:  # only once every file has been read and checked
        path.write_text(texts[path])
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help='https://HOST/OWNER/NAME, or "" for no repository')
    parser.add_argument("branch", help="the branch Colab and Binder open, e.g. main")
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        changed = set_repository(args.root, args.url.strip(), args.branch.strip())
    except ValueError as error:
        parser.exit(2, f"{parser.prog}: error: {error}\n")
    shown = repository_value(args.url.strip(), args.branch.strip()) or "no repository"
    print(f"repository: {shown}; {len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

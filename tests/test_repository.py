"""One setting names the book's repository: ``_config.yml``'s ``repository:``. The launch
buttons, the repository and issue buttons and every notebook's ``REPOSITORY`` line agree with it,
and ``tools/set_repository.py`` changes them all together."""

import json
import pathlib
import shutil
import subprocess

import pytest
import yaml
from book_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
tool = load_script("tools/set_repository.py")


def assert_agree(root):
    """``root``'s ``_config.yml`` and notebooks say the same repository; it, as URL, BRANCH."""
    config = yaml.safe_load((root / "_config.yml").read_text())
    url, branch = config["repository"]["url"], config["repository"]["branch"]
    buttons, html = config["launch_buttons"], config["html"]
    on = bool(url)
    assert bool(buttons["binderhub_url"]) is on and bool(buttons["colab_url"]) is on
    assert html["use_repository_button"] is on and html["use_issues_button"] is on
    notebooks = tool.notebooks(root)
    assert notebooks
    for notebook in notebooks:
        cells = json.loads(notebook.read_text())["cells"]
        setup = next(cell for cell in cells if cell["cell_type"] == "code")
        assert tool.repository_lines(notebook) == [tool.repository_value(url, branch)], notebook
        assert 'REPOSITORY = "' in "".join(setup["source"]), f"{notebook}: not in the set-up cell"
    return url, branch


def test_config_and_notebooks_agree():
    assert_agree(ROOT)


def test_committed_default_advertises_no_repository(tmp_path):
    """Until the book has a public home, no link to one: the publishing workflow sets it (in its
    checkout, before it builds), so this reads what is committed, not the working tree."""
    paths = ["_config.yml", *(str(p.relative_to(ROOT)) for p in tool.notebooks(ROOT))]
    for path in paths:
        try:
            committed = subprocess.run(
                ["git", "show", f"HEAD:{path}"], cwd=ROOT, capture_output=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError) as error:
            pytest.skip(f"no committed {path} to read ({error})")
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(committed)
    assert assert_agree(tmp_path) == ("", "main")


@pytest.fixture
def copy(tmp_path):
    shutil.copy(ROOT / "_config.yml", tmp_path)
    shutil.copytree(ROOT / "book", tmp_path / "book", ignore=shutil.ignore_patterns("_static"))
    return tmp_path


def test_the_tool_changes_everything_together(copy):
    original = assert_agree(copy)
    before = {path: path.read_text() for path in [copy / "_config.yml", *tool.notebooks(copy)]}
    assert tool.main(["https://github.com/someone/gan-book", "pages", "--root", str(copy)]) == 0
    assert assert_agree(copy) == ("https://github.com/someone/gan-book", "pages")
    config = yaml.safe_load((copy / "_config.yml").read_text())
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    assert tool.repository_lines(tool.notebooks(copy)[0]) == [
        "https://github.com/someone/gan-book@pages"
    ]
    tool.main(["", "main", "--root", str(copy)])
    assert assert_agree(copy) == ("", "main")
    # Back to where it was: every file byte for byte as it was (comments and layout kept).
    tool.main([*original, "--root", str(copy)])
    assert {path: path.read_text() for path in before} == before


@pytest.mark.parametrize(
    "url, branch",
    [
        ("http://github.com/a/b", "main"),
        ("https://github.com/a/b/", "main"),
        ("https://github.com/a/b.git", "main"),
        ("https://github.com/a/b", ""),
        ("https://github.com/a/b", "has space"),
    ],
)
def test_the_tool_refuses_what_pip_or_the_buttons_cannot_use(copy, url, branch, capsys):
    before = (copy / "_config.yml").read_text()
    with pytest.raises(SystemExit) as exit_:
        tool.main([url, branch, "--root", str(copy)])
    assert exit_.value.code == 2 and "error:" in capsys.readouterr().err
    assert (copy / "_config.yml").read_text() == before

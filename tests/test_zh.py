"""The Chinese edition's downloads and verdicts (i18n/zh.py): Chinese notebooks that run alone.

A page's Chinese source is its English source with each catalogue entry's translation in place
of the entry's English, code left alone; a passage left in English is reported. The executed
notebooks the Chinese edition reuses have their exercise verdicts written again in Chinese.
"""

import json
import pathlib
import re

import polib
import pytest
from book_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
zh = load_script("i18n/zh.py")
BOOK = ROOT / "book"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _catalogue(entries):
    catalogue = polib.POFile()
    for msgid, msgstr in entries.items():
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return catalogue


def _page_catalogue(notebook):
    return polib.pofile(str(zh.CATALOGUES / "book" / f"{notebook.stem}.po"))


MARKDOWN = """\
# The losses

:::{admonition} In this chapter you will
:class: tip
- draw a batch;
- train $D$.
:::

A paragraph that the source
breaks over two lines, with `code` and $x$.

```{eval-rst}
.. automodule:: gan_tutorial.networks
```

## Optimizer

```python
# The losses
for step in range(3):  # draw a batch
    pass
```

## Exercises
"""
ENTRIES = {
    "The losses": "损失",
    "In this chapter you will": "在本章中你将",
    "draw a batch;": "抽取一个批次；",
    "train $D$.": "训练 $D$。",
    "A paragraph that the source breaks over two lines, with `code` and $x$.": "一个段落。",
    "Exercises": "练习",
    "Optimizer": "优化器",  # after a directive's closing fence, which opens no code block
}


def test_markdown_is_translated_entry_by_entry_and_its_code_is_not():
    entries = zh._entries(_catalogue(ENTRIES))
    text, count, english = zh.translate_markdown(MARKDOWN, entries)
    assert count == 7 and english == [], (count, english)
    assert text.startswith(
        "# 损失\n\n:::{admonition} 在本章中你将\n:class: tip\n- 抽取一个批次；\n"
    )
    assert "\n一个段落。\n" in text and "\n## 优化器\n" in text
    code = MARKDOWN[MARKDOWN.index("```python") :]
    assert code.replace("## Exercises", "## 练习") in text  # the code block as it was


@pytest.mark.parametrize(
    "missing, reported",
    [
        ("Exercises", "## Exercises"),  # one word, in a heading
        ("Optimizer", "## Optimizer"),
        ("In this chapter you will", ":::{admonition} In this chapter you will"),
        ("train $D$.", None),  # "train" alone, outside a heading, is not reported...
        (
            "A paragraph that the source breaks over two lines, with `code` and $x$.",
            "paragraph that",
        ),
    ],
)
def test_english_left_outside_code_is_reported(missing, reported):
    entries = zh._entries(_catalogue({k: v for k, v in ENTRIES.items() if k != missing}))
    _, _, english = zh.translate_markdown(MARKDOWN, entries)
    if reported is None:
        assert english == []
    else:
        assert english and english[0].startswith(reported), english


@pytest.mark.parametrize("path", sorted(BOOK.glob("*.ipynb")), ids=lambda p: p.name)
def test_each_chinese_notebook_is_the_notebook_in_chinese(path):
    english = json.loads(path.read_text(encoding="utf-8"))
    chinese, count, left = zh.chinese_notebook(english, _page_catalogue(path))
    assert not left, f"{path.name}: English left in cells {left}"
    assert len(chinese["cells"]) == len(english["cells"])
    markdown = 0
    for mine, theirs in zip(chinese["cells"], english["cells"]):
        assert mine["cell_type"] == theirs["cell_type"]
        if mine["cell_type"] == "markdown":
            markdown += 1
            prose = zh.NOT_PROSE.sub("", "".join(theirs["source"]))
            if re.search(r"[A-Za-z]{2,}", prose):  # not a heading such as "## `main`"
                assert CJK.search("".join(mine["source"])), prose[:80]
        else:
            assert mine["outputs"] == []
            ours = "".join(mine["source"]).replace('language="zh_CN"', 'language="en"')
            assert ours == "".join(theirs["source"])
    assert count >= markdown, f"{path.name}: {count} passages for {markdown} Markdown cells"
    setup = "".join(chinese["cells"][1]["source"])
    assert 'set_up(language="zh_CN")' in setup


def test_a_notebook_without_the_language_line_is_refused():
    notebook = json.loads((BOOK / "01_build_d_and_g.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        cell["source"] = "".join(cell["source"]).replace("set_up(language=", "set_up(lang=")
    with pytest.raises(ValueError, match="notebook must have one set-up line"):
        zh.chinese_notebook(notebook, _catalogue({}))


def test_the_chinese_edition_rewrites_the_english_builds_verdicts():
    from gan_tutorial import verdicts

    verdict = {"passed": False, "key": "returned_none", "args": {}, "subject": "loss_g"}
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "data": {"text/plain": verdicts.render(verdict, "en")},
                        "metadata": {verdicts.METADATA: verdict},
                    },
                    {"output_type": "stream", "name": "stdout", "text": "Not yet\n"},
                ],
            }
        ]
    }
    assert zh.chinese_verdicts(notebook) == 1
    outputs = notebook["cells"][0]["outputs"]
    assert (
        outputs[0]["data"]["text/plain"]
        == "✗ 还不对：loss_g：它返回了 None。是不是忘了写 return 语句？"
    )
    assert outputs[1]["text"] == "Not yet\n"  # only verdicts


def test_a_chinese_notebook_runs_alone_and_answers_in_chinese(tmp_path):
    """Chapter 1 in Chinese, executed by itself in an empty folder, as a reader would run it."""
    import nbclient
    import nbformat

    path = BOOK / "01_build_d_and_g.ipynb"
    chinese, _, _ = zh.chinese_notebook(
        json.loads(path.read_text(encoding="utf-8")), _page_catalogue(path)
    )
    notebook = nbformat.reads(json.dumps(chinese), as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    ).execute()
    shown = [
        output["data"]["text/plain"]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if "text/plain" in output.get("data", {}) and output["data"]["text/plain"][:1] in "✓✗"
    ]
    assert shown and all(CJK.search(text) for text in shown), shown
    assert any(text.startswith("✗ 还不对：") for text in shown), shown  # the stub's verdict

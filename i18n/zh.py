"""The Chinese edition: built from the English build's executed notebooks and locales/zh_CN.

    python i18n/zh.py build [--strict]   # _build/html/zh (after the English build)
    python i18n/zh.py update             # extract the English text, update locales/zh_CN/*.po
    python i18n/zh.py check              # every entry translated, none fuzzy, no role lost,
                                         # no English left in the Chinese downloads

The English build (``jupyter-book build .``) executes every notebook, writes the executed
copies to ``_build/jupyter_execute`` and records every ``{eval}`` result in
``_build/eval-values.json``. ``build`` and ``update`` copy the sources into ``_build/i18n/src``
with those executed notebooks in place of the stored ones (after checking that their cells
are the stored ones), so the Chinese edition shows the same outputs and numbers without
executing anything again, and the text gettext extracts includes the figures' alt text.
The exercise checks' verdicts in those outputs are written again in Chinese, from the message
key and arguments each verdict carries (``gan_tutorial.verdicts``).

``build`` then replaces the page sources the download button serves (``_sources``) with Chinese
ones: each page's Markdown with every catalogue entry put in place of its English (the entries
are Sphinx's paragraphs, headings, list items, admonition titles..., found in the source after
normalising whitespace), its code unchanged; the notebooks without outputs, like the English
downloads, with the set-up cell's ``set_up(language="zh_CN")`` so that the
exercises answer in Chinese. A Markdown cell or page that keeps English text outside its code
is reported, and fails ``build --strict``.
"""

import argparse
import copy
import json
import pathlib
import re
import shutil
import subprocess
import sys
import time

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
LOCALES = ROOT / "locales"
CATALOGUES = LOCALES / LANGUAGE / "LC_MESSAGES"
OVERLAY = ROOT / "i18n" / "zh_CN.yml"
BUILD = ROOT / "_build"
EXECUTED = BUILD / "jupyter_execute"
EVAL_RECORD = BUILD / "eval-values.json"
SRC = BUILD / "i18n" / "src"
POT = SRC / "_build" / "gettext"
HTML_ZH = BUILD / "html" / "zh"
BIN = pathlib.Path(sys.executable).parent
# The set-up cell's line that chooses the exercises' language (gan_tutorial.verdicts).
LANGUAGE_LINE = re.compile(r'^(set_up\(language=)"en"\)', re.M)


def merge(base, overlay):
    """``overlay`` merged into a copy of ``base``, dictionaries key by key."""
    merged = copy.deepcopy(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _cells(path):
    return [
        (cell["cell_type"], "".join(cell["source"]))
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
    ]


def prepare():
    """``_build/i18n/src``: the book's sources, notebooks as the English build executed them."""
    if not EVAL_RECORD.exists():
        sys.exit(f"{EVAL_RECORD.relative_to(ROOT)} is missing: build the English edition first")
    if SRC.exists():
        shutil.rmtree(SRC)
    SRC.mkdir(parents=True)
    shutil.copy2(ROOT / "_toc.yml", SRC / "_toc.yml")
    shutil.copy2(EVAL_RECORD, SRC / "eval-values.json")
    shutil.copytree(LOCALES, SRC / "locales", ignore=shutil.ignore_patterns("*.mo"))
    (SRC / "gan_tutorial").symlink_to(ROOT / "gan_tutorial")  # chapter 7's literalinclude
    import polib

    for po in (SRC / "locales").rglob("*.po"):  # compiled before Sphinx looks for the themes'
        polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo")))
    stale = []
    for path in sorted((ROOT / "book").rglob("*")):
        relative = path.relative_to(ROOT)
        if path.is_dir() or "__pycache__" in relative.parts:
            continue
        target = SRC / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".ipynb" and "_static" not in relative.parts:
            executed = EXECUTED / relative
            if not executed.exists() or _cells(executed) != _cells(path):
                stale.append(str(relative))
                continue
            notebook = json.loads(executed.read_text(encoding="utf-8"))
            chinese_verdicts(notebook)
            target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), "utf-8")
            continue
        shutil.copy2(path, target)
    if stale:
        sys.exit(
            "the English build's executed notebooks are missing or differ from the sources "
            f"({', '.join(stale)}): build the English edition first (make book)"
        )
    english = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    overlay = yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))
    common = overlay.pop("common")
    common["sphinx"]["config"]["html_search_options"] = {
        "dict": str(ROOT / "i18n" / "jieba_dict.txt")
    }
    # Not the English build's settings that only it uses.
    for key in ("gan_book_eval_record", "gan_book_switch"):
        english["sphinx"]["config"].pop(key, None)
    for name, extra in (("_config.yml", overlay["zh"]), ("_config.gettext.yml", {})):
        config = merge(merge(english, common), extra)
        (SRC / name).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))


def _verdicts():
    """``gan_tutorial.verdicts`` of this checkout (it imports no TensorFlow)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from gan_tutorial import verdicts

    return verdicts


def chinese_verdicts(notebook):
    """Every exercise verdict among ``notebook``'s outputs written in Chinese, from the key and
    arguments it carries; returns how many."""
    verdicts = _verdicts()
    count = 0
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            verdict = output.get("metadata", {}).get(verdicts.METADATA)
            if verdict is not None:
                output["data"]["text/plain"] = verdicts.render(verdict, LANGUAGE)
                count += 1
    return count


FENCE = re.compile(r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)*(`{3,}|~{3,})\s*(\{[\w:-]+\})?")
# Directives whose body is code, not text: left as they are, like fenced code.
CODE_DIRECTIVES = {"{code}", "{code-block}", "{code-cell}", "{literalinclude}", "{math}"}
# English left in translated text: two words or more in a row; a word in a heading or in the
# title of an admonition or a dropdown.
ENGLISH = re.compile(
    r"[A-Za-z][A-Za-z'-]+(?:[ \t]+[A-Za-z][A-Za-z'-]+)+"
    r"|^(?:#{1,6}|[ \t]*:{3,}\{(?:admonition|dropdown)\})[ \t]+.*?[A-Za-z]{2,}.*$",
    re.M,
)
NOT_PROSE = re.compile(  # code, math, link targets, directive names and options, 「quotations」
    r"`[^`\n]*`|\$\$?[^$]*\$\$?|\]\([^)\s]*\)|<https?://[^>]*>|「[^」]*」|\{#[\w-]+\}"
    r"|^[ \t]*:[\w-]+:.*$|^[ \t]*(?::{3,}|`{3,})(?!\{(?:admonition|dropdown)\}).*$"
    r"|^\([\w:-]+\)=$",
    re.M,
)


def _text_and_code(markdown):
    """``markdown`` cut into (is_code, text) pieces: fenced code and code directives apart. A
    fenced directive whose body is text (``{eval-rst}``, ``{figure}``...) stays text, and its
    closing fence closes it (it opens no code block)."""
    pieces, lines, code, directives = [], [], None, []
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        if code is not None:  # inside code: until its closing fence
            lines.append(line)
            if line.strip() == code:
                pieces.append((True, "".join(lines)))
                lines, code = [], None
        elif directives and line.strip() == directives[-1]:
            directives.pop()
            lines.append(line)
        elif match and (not match.group(2) or match.group(2) in CODE_DIRECTIVES):
            pieces.append((False, "".join(lines)))
            lines, code = [line], match.group(1)
        else:
            if match:
                directives.append(match.group(1))
            lines.append(line)
    pieces.append((code is not None, "".join(lines)))
    return [piece for piece in pieces if piece[1]]


def _entries(catalogue):
    """``(pattern, msgstr)`` for each translated entry, longest first: a msgid found in the
    source with any whitespace between its words, not inside a longer run of text."""
    entries = [e for e in catalogue if e.msgstr and not e.obsolete and "fuzzy" not in e.flags]
    entries.sort(key=lambda e: -len(e.msgid))
    return [
        (re.compile(r"(?<![^\s|>])" + r"\s+".join(map(re.escape, e.msgid.split())) + r"(?![^\s|])"),
         e.msgstr)
        for e in entries
    ]  # fmt: skip


def _translate_text(text, entries):
    """``text`` (no code in it) translated: ``(text, entries put in, English left)``."""
    found = []

    def hold(msgstr):
        found.append(msgstr)
        return f"\x00{len(found) - 1}\x00"

    for pattern, msgstr in entries:  # placeholders, so that no entry is found inside another's
        text = pattern.sub(lambda match, msgstr=msgstr: hold(msgstr), text)
    english = ENGLISH.findall(NOT_PROSE.sub(" ", re.sub(r"\x00\d+\x00", " ", text)))
    text = re.sub(r"\x00(\d+)\x00", lambda match: found[int(match.group(1))], text)
    return text, len(found), english


def translate_markdown(markdown, entries):
    """``markdown`` with each catalogue entry's msgstr in place of its msgid, code left alone;
    returns the text, how many entries it put in, and the English left (runs of three words or
    more outside code, formulas, links, directive options and 「quotations」)."""
    out, count, english = [], 0, []
    for is_code, text in _text_and_code(markdown):
        if not is_code:
            text, found, left = _translate_text(text, entries)
            count, english = count + found, english + left
        out.append(text)
    return "".join(out), count, english


def chinese_notebook(notebook, catalogue):
    """A Chinese copy of a stored ``notebook`` (its JSON): Markdown cells and figure captions
    and alt texts translated from the page's ``catalogue`` (polib), the same code, no outputs,
    and the set-up cell's language ``zh_CN``. Returns the notebook, the entries put in, and the
    English left per cell (index, runs of English)."""
    notebook = copy.deepcopy(notebook)
    entries = _entries(catalogue)
    count, left, switched = 0, [], 0
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            source, found, english = translate_markdown(source, entries)
            count += found
            if english:
                left.append((index, english))
        elif cell["cell_type"] == "code":
            source, n = LANGUAGE_LINE.subn(rf'\g<1>"{LANGUAGE}")', source)
            switched += n
            cell["outputs"], cell["execution_count"] = [], None
            # The figure's caption and alt text, which myst-nb reads from the cell's metadata.
            mystnb = cell.get("metadata", {}).get("mystnb", {})
            for field, key in (("figure", "caption"), ("image", "alt")):
                if key in mystnb.get(field, {}):
                    text, found, english = _translate_text(mystnb[field][key], entries)
                    mystnb[field][key], count = text, count + found
                    if english:
                        left.append((index, english))
        cell["source"] = source.splitlines(keepends=True)
    if switched != 1:
        raise ValueError(
            f"notebook must have one set-up line {LANGUAGE_LINE.pattern!r}, found {switched}"
        )
    return notebook, count, left


def chinese_source(page):
    """The Chinese source of ``page`` (a notebook or Markdown file under book/): its text, the
    catalogue entries put in, and the English left, as ``problems`` (one line each)."""
    import polib

    relative = page.relative_to(ROOT)
    catalogue = polib.pofile(str(CATALOGUES / relative.with_suffix(".po")))
    if page.suffix == ".ipynb":
        notebook = json.loads(page.read_text(encoding="utf-8"))
        notebook, count, left = chinese_notebook(notebook, catalogue)
        text = json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"
    else:
        text, count, english = translate_markdown(
            page.read_text(encoding="utf-8"), _entries(catalogue)
        )
        left = [("text", english)] if english else []
    problems = [f"{relative} cell {i}: English left: {runs[:3]}" for i, runs in left]
    return text, count, problems


def _pages():
    """The book's pages (notebooks and Markdown files) that have a catalogue."""
    for page in sorted((ROOT / "book").glob("*.*")):
        relative = page.relative_to(ROOT)
        if page.suffix in (".ipynb", ".md") and (CATALOGUES / relative.with_suffix(".po")).exists():
            yield page


def chinese_sources(strict):
    """``_build/html/zh/_sources``: each page's source in Chinese (see the module docstring);
    prints how many entries each got, and the English left, which fails ``strict``."""
    problems = []
    for page in _pages():
        target = HTML_ZH / "_sources" / page.relative_to(ROOT)
        if not target.exists():  # not a page of the book
            continue
        text, count, left = chinese_source(page)
        target.write_text(text, encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {count} passages in Chinese", flush=True)
        problems += left
    if problems:
        print("\n".join(problems), file=sys.stderr)
        if strict:
            sys.exit(f"{len(problems)} Markdown cells or pages keep English text")


def jupyter_book(*args):
    command = [str(BIN / "jupyter-book"), "build", str(SRC), *args]
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT).returncode


def build(strict):
    start = time.perf_counter()
    prepare()
    flags = ["--all", "-W", "-n", "--keep-going"] if strict else []
    # The html builder named as a custom one, and Sphinx's progress off (its warnings stay): the
    # same build, without jupyter-book's closing box and Sphinx's last line, which point at
    # _build/i18n/src/_build/html, a copy no reader opens (the edition is copied just below).
    html = ["--builder", "custom", "--custom-builder", "html", "--quiet"]
    status = jupyter_book(*html, *flags)
    if status:
        sys.exit(status)
    if HTML_ZH.exists():
        shutil.rmtree(HTML_ZH)
    shutil.copytree(SRC / "_build" / "html", HTML_ZH)
    chinese_sources(strict)
    seconds = time.perf_counter() - start
    print(f"Chinese edition: {HTML_ZH.relative_to(ROOT)}/index.html ({seconds:.0f} s)")


def update():
    prepare()
    if POT.exists():
        shutil.rmtree(POT)
    status = jupyter_book(
        "--all", "--config", str(SRC / "_config.gettext.yml"),
        "--builder", "custom", "--custom-builder", "gettext",
    )  # fmt: skip
    if status:
        sys.exit(status)
    command = [
        str(BIN / "sphinx-intl"), "update", "--pot-dir", str(POT), "--locale-dir", str(LOCALES),
        "--language", LANGUAGE, "--line-width", "-1", "--no-obsolete",
    ]  # fmt: skip
    sys.exit(subprocess.run(command, cwd=ROOT).returncode)


ROLE = re.compile(r"\{(term|doc|eval|numref|ref|footcite|cite(?::[a-z]+)?)\}`([^`]*)`")
MATH = re.compile(r"(?<![\\$])\$\$?[^$]+\$\$?")


def _targets(text):
    """The role targets of a MyST text: ``{term}`text <target>``` counts as its target."""
    found = []
    for role, content in ROLE.findall(text):
        target = re.search(r"<([^<>]+)>\s*$", content)
        found.append((role.split(":")[0], (target.group(1) if target else content).strip()))
    return sorted(found)


def _math(text):
    return sorted(" ".join(m.split()) for m in MATH.findall(text))


def check():
    """Every entry of every catalogue translated, none fuzzy, and no translation that lost a
    role target (``{term}``, ``{doc}``, ``{eval}``, ``{footcite}``...) or a ``$...$`` span of
    its English. Roles must be the same, as many (Sphinx warns about added or missing
    references); formulas may be repeated, never dropped. And no page whose Chinese download
    would keep English text (``chinese_source``)."""
    import polib

    problems, counts = [], {}
    catalogues = sorted(CATALOGUES.rglob("*.po"))
    if not catalogues:
        problems.append(f"no catalogue under {CATALOGUES.relative_to(ROOT)}")
    for path in catalogues:
        name = path.relative_to(CATALOGUES).with_suffix("").as_posix()
        entries = [e for e in polib.pofile(str(path), wrapwidth=-1) if not e.obsolete]
        counts[name] = len(entries)
        for entry in entries:
            where = f"{name}: {entry.msgid[:70]!r}"
            if "fuzzy" in entry.flags:
                problems.append(f"{where}: fuzzy (the English changed; check, then drop the flag)")
            elif not entry.msgstr.strip():
                problems.append(f"{where}: untranslated")
                continue
            if _targets(entry.msgid) != _targets(entry.msgstr):  # Sphinx wants as many refs
                problems.append(
                    f"{where}: roles {_targets(entry.msgid)} became {_targets(entry.msgstr)}"
                )
            lost = sorted(set(_math(entry.msgid)) - set(_math(entry.msgstr)))
            if lost:
                problems.append(f"{where}: the translation lost the math {lost}")
    for page in _pages():  # what the Chinese downloads would keep in English
        problems += chinese_source(page)[2]
    for name, count in counts.items():
        print(f"{name:36} {count:4} entries")
    print(f"{'all':36} {sum(counts.values()):4} entries in {len(counts)} catalogues")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(f"{len(problems)} problems in the {LANGUAGE} catalogues")
    print(
        f"{LANGUAGE}: every entry translated, none fuzzy, every role and formula kept, "
        "no English left in the downloads"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["build", "update", "check"])
    parser.add_argument("--strict", action="store_true", help="-W -n --keep-going --all")
    args = parser.parse_args()
    if args.command == "build":
        build(args.strict)
    elif args.command == "update":
        update()
    else:
        check()


if __name__ == "__main__":
    main()

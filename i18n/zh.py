"""The Chinese edition: built from the English build's executed notebooks and locales/zh_CN.

    python i18n/zh.py build [--strict]   # _build/html/zh (after the English build)
    python i18n/zh.py update             # extract the English text, update locales/zh_CN/*.po
    python i18n/zh.py check              # every entry translated, none fuzzy, no role lost

The English build (``jupyter-book build .``) executes every notebook, writes the executed
copies to ``_build/jupyter_execute`` and records every ``{eval}`` result in
``_build/eval-values.json``. ``build`` and ``update`` copy the sources into ``_build/i18n/src``
with those executed notebooks in place of the stored ones (after checking that their cells
are the stored ones), so the Chinese edition shows the same outputs and numbers without
executing anything again, and the text gettext extracts includes the figures' alt text.
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
            path = executed
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
    references); formulas may be repeated, never dropped."""
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
    for name, count in counts.items():
        print(f"{name:36} {count:4} entries")
    print(f"{'all':36} {sum(counts.values()):4} entries in {len(counts)} catalogues")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(f"{len(problems)} problems in the {LANGUAGE} catalogues")
    print(f"{LANGUAGE}: every entry translated, none fuzzy, every role and formula kept")


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

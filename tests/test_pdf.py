"""Both editions as PDF (``tools/pdf.py``, ``make pdf``): built here, read back with pypdf.

Needs the built books (``make book``; ``make test`` builds them first), and Chromium with its
driver (``tests/chromium.py``): without Chromium the test is skipped, unless
``GAN_TUTORIAL_REQUIRE_BROWSER=1``. Each PDF has a sane number of pages; every chapter of the
table of contents, in its order, in the PDF's outline and starting a page; the Chinese edition's
text is Chinese and drawn with a Chinese font; no code line runs past the right margin (every
code line the pages show is in the PDF's text in full, and the browser measured no code block
wider than the page before printing); a wrapped code line hangs past its indentation; no page is
empty; the math was typeset and the training animation printed as its last frame.
"""

import json
import pathlib
import re
import subprocess
import sys
import unicodedata

import chromium  # tests/chromium.py
import polib
import pytest
import yaml
from book_files import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "pdf"
CATALOGUES = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
EDITIONS = ("en", "zh")
# Cells whose code the pages do not show (myst-nb's tags).
HIDDEN = {"remove-input", "remove-cell", "hide-input", "hide-cell"}


def _chapters():
    """The table of contents' pages in order, each with its title (``# heading``) as the PDF
    should show it in each edition."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    titles = []
    for page in pages:
        path = ROOT / page
        if path.with_suffix(".ipynb").exists():
            cells = json.loads(path.with_suffix(".ipynb").read_text())["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        else:
            text = path.with_suffix(".md").read_text()
        english = re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()
        chinese = polib.pofile(str(CATALOGUES / f"{page}.po")).find(english)
        assert chinese and chinese.msgstr, f"{page}: no translation of {english!r}"
        titles.append({"en": english, "zh": chinese.msgstr})
    return [{key: title.replace("`", "") for key, title in t.items()} for t in titles]


def _flat(text):
    """Text to compare: compatibility forms folded (the PDF's CJK radicals ⼀ → 一), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _ascii(text):
    return re.sub(r"[^\x21-\x7e]", "", text)


@pytest.fixture(scope="module")
def pdfs():
    chromium.require_browser()
    from pypdf import PdfReader

    html = ROOT / "_build" / "html"
    pages = [*html.glob("book/*.html"), *html.glob("zh/book/*.html")]
    if not (html / "zh" / "book" / "intro.html").exists():
        pytest.fail("no built book: build both editions first (make book)")
    # Built again unless both PDFs are newer than the pages and the tool (make pdf, then this).
    sources = [*pages, ROOT / "tools" / "pdf.py", ROOT / "book" / "_static" / "print.css"]
    reports = [OUT / f"gan-tutorial-{edition}.json" for edition in EDITIONS]
    newest = max(path.stat().st_mtime for path in sources)
    if not all(r.exists() and r.stat().st_mtime > newest for r in reports):
        done = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "pdf.py")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return {edition: _read(PdfReader(OUT / f"gan-tutorial-{edition}.pdf")) for edition in EDITIONS}


def _read(reader):
    """Each page's text (one pass: pypdf takes a while)."""
    return reader, [page.extract_text() for page in reader.pages]


def _report(edition):
    return json.loads((OUT / f"gan-tutorial-{edition}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_pdf_has_the_book_in_order(pdfs, edition):
    reader, texts = pdfs[edition]
    assert 60 <= len(reader.pages) <= 400, f"{len(reader.pages)} pages"
    size = (OUT / f"gan-tutorial-{edition}.pdf").stat().st_size
    assert size < 40e6, f"{size / 1e6:.1f} MB"

    outline = []  # the top level: the pages of the book (their sections are nested below them)
    for entry in reader.outline:
        if not isinstance(entry, list):
            outline.append((_flat(entry.title), reader.get_destination_page_number(entry)))
    position, last_page = 0, -1
    for chapter in _chapters():
        title = _flat(chapter[edition])
        found = [i for i in range(position, len(outline)) if title in outline[i][0]]
        assert found, f"{edition}: {chapter[edition]!r} not in the outline after entry {position}"
        position = found[0] + 1
        page = outline[found[0]][1]
        assert page > last_page, f"{edition}: {chapter[edition]!r} on page {page + 1}, not after"
        last_page = page
        # The chapter starts its page: its title comes before the page's other text (after
        # the running header, the book's title).
        opening = _flat(texts[page])[:200]
        assert title in opening, f"{edition}: page {page + 1} does not open with {title!r}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_outline_is_the_books_headings_each_opening_its_page(pdfs, edition):
    """One entry per heading, as the page writes it: the chapters at the top level in the
    table of contents' order, each title once (Chromium's own outline doubled those that open a
    page, ran wrapped lines together and dropped the math), opening the page it is on."""
    reader, texts = pdfs[edition]
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    headings = _report(edition)["headings"]
    assert [(h["depth"], h["title"]) for h in headings] == [e[:2] for e in entries]
    number = re.compile(r"^(\d+(?:\.\d+)*\. )")
    top = [number.sub("", title) for depth, title, _ in entries if depth == 1]
    # The root page (the book's title) first, then every page of the table of contents.
    assert top[1:] == [chapter[edition] for chapter in _chapters()], top
    for (_, title, page), heading in zip(entries, headings, strict=True):
        assert not re.match(r"^(\d+(?:\.\d+)*\.) \1", title), f"{edition}: {title!r}"
        assert "$" not in title and "\\" not in title, f"{edition}: TeX in {title!r}"
        # The title (its words before any formula) is on the page the entry opens.
        # Any Chinese character stands for itself or for the radical Chromium names it by.
        words = _flat(heading["lead"])[:16]
        pattern = "".join(re.escape(c) if c.isascii() else "." for c in words)
        assert re.search(pattern, _flat(texts[page])), (
            f"{edition}: {title!r} not on page {page + 1}"
        )


def test_the_chinese_pdf_is_chinese_and_the_english_one_english(pdfs):
    shares = {}
    for edition in EDITIONS:
        text = unicodedata.normalize("NFKC", "".join(pdfs[edition][1]))
        han = len(re.findall(r"[\u4e00-\u9fff]", text))
        latin = len(re.findall(r"[A-Za-z]", text))
        shares[edition] = han / (han + latin)
        # Chinese text drawn with a Chinese font, not as boxes (the English quotes the document).
        assert _report(edition)["cjk_fonts"], f"{edition}: no font in the PDF draws Chinese"
    # Code, formulas' letters and the API reference's docstrings stay in English in both.
    # A Chinese word is a character or two, an English one five letters or so.
    assert shares["zh"] > 0.12 and shares["en"] < 0.02, shares


def _shown_code_lines():
    """Every line of the chapters' code cells that the pages show (not hidden or removed)."""
    lines = []
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if cell["cell_type"] == "code" and not tags & HIDDEN:
                source = "".join(cell["source"])
                lines += [(notebook.name, line) for line in source.splitlines() if line.strip()]
    return lines


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_code_line_runs_past_the_right_margin(pdfs, edition):
    report = _report(edition)
    # Measured in the browser, laid out at the printed width before printing: no code block
    # scrolls sideways, nothing is wider than the page (Chromium would shrink every page).
    assert report["code_blocks"] > 100 and not report["code_too_wide"], report["code_too_wide"]
    assert not report["page_too_wide"], report["page_too_wide"]
    # And in the PDF: every code line the pages show is there in full (a line cut at the
    # page's edge loses its end; one wrapped keeps all its characters).
    # Compared by their printable ASCII: Chromium's PDF names some Chinese characters by CJK
    # radicals (见 as U+2EC5) that no normalisation folds back; a cut line loses ASCII too.
    text = _ascii("".join(pdfs[edition][1]))
    lines = [(name, line) for name, line in _shown_code_lines() if _ascii(line)]
    cut = [f"{name}: {line.strip()[:70]!r}" for name, line in lines if _ascii(line) not in text]
    assert len(lines) > 500 and not cut, f"{edition}: {len(cut)} code lines cut: {cut[:5]}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_wrapped_code_line_hangs_past_its_indentation(pdfs, edition):
    """Each code line is an element of its own (tools/pdf.py splits the blocks), so a line too
    long for the page continues indented past its own first character instead of at the
    margin, where it would read as a new line; the split changes no block's text."""
    report = _report(edition)
    assert report["code_lines"] > 1000 and report["code_lines_wrapped"] > 20, report
    assert not report["code_text_changed"], report["code_text_changed"][:3]
    assert not report["wrapped_not_hanging"], report["wrapped_not_hanging"][:3]
    # Long blocks may continue on the next page (the theme keeps them whole).
    assert report["blocks_that_may_break"] > 10, report["blocks_that_may_break"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_link_to_a_chapter_opens_the_page_of_its_title(pdfs, edition):
    """A chapter's link (the contents, "chapter 6" in the text) opens the chapter's title, not
    the marker Sphinx leaves before it, at the foot of the page before."""
    reader, _ = pdfs[edition]
    tops = {
        reader.get_destination_page_number(e) for e in reader.outline if not isinstance(e, list)
    }
    titles = {
        name: reader.get_destination_page_number(destination)
        for name, destination in reader.named_destinations.items()
        if name.startswith("/document-") and name.endswith("-title")
    }
    assert len(titles) >= len(_chapters()) - 1, sorted(titles)
    assert set(titles.values()) <= tops, {n: p for n, p in titles.items() if p not in tops}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_link_opens_a_file_of_the_machine_that_built_it(pdfs, edition):
    """Links inside the book (the glossary's terms) go to their place in the PDF, and no link
    names a file of the build (file:///...), which no reader has."""
    reader, _ = pdfs[edition]
    local, inside = [], 0
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            uri = str(action.get("/URI", ""))
            if uri.startswith("file:"):
                local.append((number, uri[-60:]))
            inside += "/D" in action or "/Dest" in annotation.get_object()
    assert not local, f"{edition}: {len(local)} links to local files, e.g. {local[:3]}"
    assert inside > 100, f"{edition}: only {inside} links inside the PDF"


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_is_empty(pdfs, edition):
    """Every page has something besides the running header and the page number (a chapter
    that opens a part once left an empty page before it)."""
    _, texts = pdfs[edition]
    title = load_script("tools/pdf.py").TITLES[edition]  # the running header's
    empty = []
    for number, text in enumerate(texts, 1):
        lines = [unicodedata.normalize("NFKC", line).strip() for line in text.splitlines()]
        if not [ln for ln in lines if ln and ln != title and not re.fullmatch(r"\d+ / \d+", ln)]:
            empty.append(number)
    assert not empty, f"{edition}: empty pages {empty}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_math_is_typeset_and_the_animation_is_its_last_frame(pdfs, edition):
    report = _report(edition)
    assert report["mathjax"] and report["formulas"] > 100 and not report["untypeset"], report
    assert report["animations"] == 2, "chapters 5 and 8: turned to their last frames"
    text = "".join(pdfs[edition][1])
    note = {"en": "Printed: the animation's last frame.", "zh": "印刷版：动画的最后一帧。"}[edition]
    assert _flat(note) in _flat(text), f"{edition}: no caption for the printed frame"
    assert "$$" not in text and "\\frac" not in text, "TeX source left in the text"

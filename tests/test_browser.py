"""Every page of the built book, both editions, opened in a real headless Chromium.

For each page in ``_toc.yml``, in English (``_build/html``) and in Chinese (``_build/html/zh``):
the title is there (in Chinese, the catalogue's translation of the English one), every image
has loaded, the math has been typeset by MathJax (shipped with the book, no CDN), the browser
console shows no errors, no source markup is left unrendered, the language switch is a link to the
same page in the other edition (followed in the same tab), and on the training chapter the
animation's controls exist and work. The Chinese search finds the chapters that teach 判别网络
and 生成网络. Read from the built files: every exercise verdict is in its edition's language,
chapter 5's training log appears once, and the Chinese pages' downloads are in Chinese. The API
reference's signatures read as Python writes them.

Needs Debian's ``chromium`` and ``chromium-driver`` (see ``tests/chromium.py``) and a built book
(``make book``). Without Chromium the test is skipped, unless ``GAN_TUTORIAL_REQUIRE_BROWSER=1``
(as in ``.ci/run``), which turns the skip into a failure.
"""

import functools
import json
import pathlib
import re

import polib
import pytest
from book_files import cells, source, toc_files

ROOT = pathlib.Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
TRAINING_PAGE = "book/05_training"
EDITIONS = {"en": "", "zh": "zh/"}  # edition -> its folder under _build/html
CATALOGUES = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
CJK = re.compile(r"[\u4e00-\u9fff]")


@functools.cache  # asked twice per page (its heading, then the other edition's link)
def _source_title(page, edition="en"):
    """The first ``# heading`` of the page's source, as text (backticks dropped); in Chinese,
    its translation in the page's catalogue."""
    path = ROOT / page
    if path.with_suffix(".ipynb").exists():
        markdown = [c for c in cells(path.with_suffix(".ipynb")) if c["cell_type"] == "markdown"]
        text = "\n".join(source(c) for c in markdown)
    else:
        text = path.with_suffix(".md").read_text()
    heading = re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()
    if edition != "en":
        catalogue = polib.pofile(str(CATALOGUES / f"{page}.po"))
        entry = catalogue.find(heading)
        assert entry and entry.msgstr, f"{page}: no translation of its title {heading!r}"
        heading = entry.msgstr
    return heading.replace("`", "").strip()


PAGES = toc_files()
EDITION_PAGES = [(edition, page) for edition in EDITIONS for page in PAGES]


def _open(browser, server, page):
    browser.get_log("browser")  # drop whatever an earlier page left
    browser.get(f"{server}/{page}.html")
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const ready = () => document.readyState === 'complete' ? done(true)"
        "  : setTimeout(ready, 50);"
        "ready();"
    )


def _wait_for_mathjax(browser):
    """True once MathJax has typeset the page; False if MathJax never loaded."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const start = Date.now();"
        "const poll = () => {"
        "  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {"
        "    MathJax.startup.promise.then(() => done(true), () => done(false));"
        "  } else if (Date.now() - start > 30000) { done(false); } else { setTimeout(poll, 100); }"
        "};"
        "poll();"
    )


@pytest.mark.parametrize("edition, page", EDITION_PAGES, ids=[f"{e}/{p}" for e, p in EDITION_PAGES])
def test_page(browser, server, edition, page):
    _open(browser, server, EDITIONS[edition] + page)
    page_url = browser.current_url

    title = _source_title(page, edition)
    h1 = browser.execute_script(
        "const h = document.querySelector('main h1, article h1, h1'); return h && h.textContent;"
    )
    assert h1 and title in h1.replace("#", "").replace("\u00b6", ""), (
        f"{page}: heading {h1!r}, expected {title!r}"
    )
    assert title in browser.title, f"{page}: window title {browser.title!r}, expected {title!r}"

    images = browser.execute_script(
        "return Array.from(document.images)"
        "  .map(i => [i.currentSrc || i.src, i.complete, i.naturalWidth]);"
    )
    broken = [src[:120] for src, complete, width in images if not (complete and width > 0)]
    assert not broken, f"{page}: images that did not load: {broken}"

    alts = browser.execute_script(
        "return Array.from(document.querySelectorAll('main img')).map(i => i.alt || '');"
    )
    path_like = r"\.(png|svg|jpe?g)$|^(\.\./|_images/|/)"
    bad_alts = [alt for alt in alts if not alt.strip() or re.search(path_like, alt)]
    assert not bad_alts, f"{page}: images without alt text that says what they show: {bad_alts}"

    text = browser.execute_script("return document.querySelector('main').innerText;")
    for raw in ("| — |", "|---", "{glue", "{eval", "{literalinclude", "{term}", "{doc}", "{cite"):
        assert raw not in text, f"{page}: unrendered source {raw!r} on the page"
    assert "\u200b" not in text, f"{page}: a zero-width space in the text (copied along with it)"
    if page == "book/appendix_d_engine":  # its table of the bell-shaped prior names targets
        _check_table_text(browser, page)
    if edition != "en":
        _check_chinese(browser, page, text)

    scrolling = browser.execute_script(  # code the reader reads, at the window's 1280 pixels
        "return Array.from(document.querySelectorAll('main div.highlight pre'))"
        "  .filter(p => !p.closest('.cell_output') && p.scrollWidth > p.clientWidth + 1)"
        "  .map(p => p.textContent.slice(0, 60));"
    )
    assert not scrolling, f"{page}: code blocks that scroll sideways: {scrolling}"
    wide_tables = browser.execute_script(  # the chapters' tables (notebook.table) fit too
        "return Array.from(document.querySelectorAll("
        "    'main .cell_output .pst-scrollable-table-container'))"
        "  .filter(t => t.scrollWidth > t.clientWidth + 1)"
        "  .map(t => t.textContent.trim().slice(0, 60));"
    )
    assert not wide_tables, f"{page}: tables that scroll sideways: {wide_tables}"
    overflowing = browser.execute_script(  # a long identifier in a heading wraps in "Contents"
        "const side = document.querySelector('.bd-sidebar-secondary');"
        "if (!side) return [];"
        "const right = side.getBoundingClientRect().right;"
        "return Array.from(side.querySelectorAll('.toc-entry a'))"
        "  .filter(a => a.getBoundingClientRect().right > right + 1"
        "    || a.scrollWidth > a.clientWidth + 1)"
        "  .map(a => a.textContent.trim());"
    )
    assert not overflowing, f"{page}: contents entries wider than their column: {overflowing}"
    torn = browser.execute_script(  # no line starts with the comma after inline math
        "return Array.from(document.querySelectorAll('main span.math'))"
        "  .filter(m => m.nextSibling && m.nextSibling.nodeType === Node.TEXT_NODE"
        "    && /^[,.;:!?)\\]，。、；：！？）」]/.test(m.nextSibling.textContent)"
        "    && !m.parentElement.classList.contains('gan-nowrap'))"
        "  .map(m => m.textContent.slice(0, 40) + m.nextSibling.textContent.slice(0, 5));"
    )
    assert not torn, f"{page}: inline math that a line break can part from its punctuation: {torn}"

    has_math = browser.execute_script(
        "return document.querySelector('span.math, div.math') !== null;"
    )
    if has_math:
        assert _wait_for_mathjax(browser), f"{page}: MathJax did not load or failed"
        math = browser.execute_script(
            "const nodes = Array.from(document.querySelectorAll('span.math, div.math'));"
            "return {total: nodes.length,"
            "        typeset: nodes.filter(n => n.querySelector('mjx-container svg')).length,"
            "        errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length};"
        )
        assert math["typeset"] == math["total"], f"{page}: math not typeset: {math}"
        assert math["errors"] == 0, f"{page}: MathJax reported errors: {math}"

    if page == TRAINING_PAGE:
        _check_animation(browser, page)

    errors = [
        entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"
    ]
    assert not errors, f"{page}: JavaScript console errors: {errors}"

    _check_switch(browser, server, edition, page, page_url)


def _check_table_text(browser, page):
    """A table's long target names wrap at <wbr> tags and copy as written ("normal:4,0.5")."""
    cells = browser.execute_script(
        "return Array.from(document.querySelectorAll('main td')).map(td => td.textContent);"
    )
    assert "normal:4,0.5" in cells, f"{page}: no table cell reads 'normal:4,0.5'"
    breaks = browser.execute_script("return document.querySelectorAll('main td wbr').length;")
    assert breaks > 0, f"{page}: no line-break opportunity (<wbr>) in its tables"


def _check_chinese(browser, page, text):
    """The Chinese edition: a Chinese page (lang, text, alt texts), nothing left untranslated."""
    lang = browser.execute_script("return document.documentElement.lang;")
    assert lang == "zh-CN", f"zh/{page}: <html lang={lang!r}>"
    assert len(CJK.findall(text)) > 50, f"zh/{page}: hardly any Chinese on the page"
    untranslated = browser.execute_script(
        "return Array.from(document.querySelectorAll('.untranslated'))"
        "  .map(n => n.textContent.slice(0, 80));"
    )
    assert not untranslated, f"zh/{page}: untranslated: {untranslated}"
    alts = browser.execute_script(
        "return Array.from(document.querySelectorAll('main img')).map(i => i.alt || '');"
    )
    english = [alt for alt in alts if not CJK.search(alt)]
    assert not english, f"zh/{page}: alt texts not in Chinese: {english}"


def _check_switch(browser, server, edition, page, page_url):
    """The language switch is a link (it works without JavaScript) to the same page in the
    other edition, followed in the same tab."""
    other = "zh" if edition == "en" else "en"
    expected = f"{server}/{EDITIONS[other]}{page}.html"
    switch = browser.find_elements("css selector", ".gan-language-switch")
    assert len(switch) == 1, f"{edition}/{page}: {len(switch)} language switches"
    link = switch[0]
    assert link.tag_name == "a" and not link.get_attribute("target"), (
        f"{edition}/{page}: the switch is a <{link.tag_name} target="
        f"{link.get_attribute('target')!r}>, not a link that opens in place"
    )
    written = (HTML / f"{EDITIONS[edition]}{page}.html").read_text(encoding="utf-8")
    href = re.search(r'<a href="([^"]*)"[^>]*\bgan-language-switch\b', written)
    assert href, f"{edition}/{page}: no <a href> for the switch in the page's HTML"
    level = page.count("/") + (edition != "en")
    assert href.group(1) == "../" * level + ("zh/" if other == "zh" else "") + f"{page}.html"
    from selenium.webdriver.support.ui import WebDriverWait

    tabs = len(browser.window_handles)
    link.click()
    WebDriverWait(browser, 30).until(
        lambda b: (
            b.current_url != page_url
            and b.execute_script("return document.readyState") == "complete"
        )
    )
    assert len(browser.window_handles) == tabs, f"{edition}/{page}: the switch opened a tab"
    assert browser.current_url == expected, f"{edition}/{page}: switched to {browser.current_url}"
    h1 = browser.execute_script(
        "const h = document.querySelector('main h1, article h1, h1'); return h && h.textContent;"
    )
    title = _source_title(page, other)
    assert h1 and title in h1, f"{edition}/{page}: switched to a page titled {h1!r}"


@pytest.mark.parametrize("word", ["判别网络", "生成网络"])
def test_chinese_search(browser, server, word):
    """Searching the Chinese edition for a term finds the chapters that teach it."""
    browser.get(f"{server}/zh/search.html?q={word}")
    found = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const start = Date.now();"
        "const poll = () => {"
        "  const links = Array.from(document.querySelectorAll('#search-results li a'));"
        "  const status = document.querySelector('#search-results p.search-summary');"
        "  const found = status && status.textContent.match(/\\d+/);"  # the final summary
        "  if ((found && links.length === Number(found[0])) || Date.now() - start > 30000) {"
        "    done(links.map(a => a.getAttribute('href')));"
        "  } else { setTimeout(poll, 100); }"
        "};"
        "poll();"
    )
    pages = {re.sub(r"\.html.*$", "", href) for href in found}
    assert "book/appendix_c_glossary.html#term" in " ".join(found), f"{word}: no glossary entry"
    for teaches in ("book/intro", "book/01_build_d_and_g", "book/appendix_c_glossary"):
        assert teaches in pages, f"searching zh for {word}: {sorted(pages)} lacks {teaches}"


API_PAGE = "book/appendix_b_api"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_api_signatures(browser, server, edition):
    """Appendix B's signatures read as Python writes them: ``name=default``, in order (a
    transform once left each ``=`` first and the name and default glued after it)."""
    _open(browser, server, EDITIONS[edition] + API_PAGE)
    signatures = browser.execute_script(
        "return Array.from(document.querySelectorAll('main dt.sig'))"
        "  .map(dt => [dt.id, dt.innerText.replace(/\\s+/g, ' ').trim()]);"
    )
    assert len(signatures) > 50, f"{edition}/{API_PAGE}: {len(signatures)} signatures"
    text = dict(signatures)["gan_tutorial.document.main"]
    assert "main(num_steps=1200, batch_size=12, log_every=10, seed=0)" in text, text
    garbled = [t for _, t in signatures if re.search(r"[(,] ?=", t)]
    assert not garbled, f"{edition}/{API_PAGE}: garbled signatures: {garbled[:3]}"


def _check_animation(browser, page):
    """matplotlib's to_jshtml player: frame image, slider and buttons; 'next frame' advances it."""
    controls = browser.execute_script(
        "const a = document.querySelector('div.animation');"
        "if (!a) return null;"
        "const img = a.querySelector('img');"
        "return {buttons: a.querySelectorAll('button').length,"
        "        slider: a.querySelector('input[type=range]') !== null,"
        "        frames: a.querySelector('input[type=range]')"
        "          ? Number(a.querySelector('input[type=range]').max) + 1 : 0,"
        "        image: img !== null && img.complete && img.naturalWidth > 0};"
    )
    assert controls is not None, f"{page}: no animation found"
    assert controls["buttons"] >= 5 and controls["slider"], (
        f"{page}: animation controls missing: {controls}"
    )
    assert controls["frames"] >= 10 and controls["image"], (
        f"{page}: animation has no frames: {controls}"
    )
    before = browser.execute_script(
        "return document.querySelector('div.animation input[type=range]').value;"
    )
    browser.execute_script(
        "const b = Array.from(document.querySelectorAll('div.animation button'))"
        "  .find(b => /next_frame/.test(b.getAttribute('onclick') || ''));"  # any language
        "b.click();"
    )
    after = browser.execute_script(
        "return document.querySelector('div.animation input[type=range]').value;"
    )
    assert int(after) == int(before) + 1, (
        f"{page}: 'next frame' did not advance the animation ({before} -> {after})"
    )


# The built pages' text, read from the files (no browser needed).
VERDICT = re.compile(r"<pre><span></span>([✓✗].*?)</pre>", re.S)
LOG_LINE = re.compile(r"^(\d+): [-+\d.e]+\t[-+\d.e]+$", re.M)


def _built(edition, page):
    path = HTML / f"{EDITIONS[edition]}{page}.html"
    if not path.exists():
        pytest.fail(f"{path} is missing: build the book first with `make book`")
    return path.read_text(encoding="utf-8")


def _text(html):
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_exercise_verdict_is_in_the_editions_language(edition):
    verdicts = {
        page: [_text(v) for v in VERDICT.findall(_built(edition, page))]
        for page in PAGES
        if (ROOT / page).with_suffix(".ipynb").exists()
    }
    chapters = [page for page, found in verdicts.items() if found]
    assert len(chapters) >= 8, f"{edition}: verdicts only on {chapters}"  # one per chapter 1-8
    for page, found in verdicts.items():
        for verdict in found:
            if edition == "en":
                assert not CJK.search(verdict), f"en/{page}: {verdict!r}"
            else:
                assert CJK.search(verdict) and "Not yet" not in verdict, f"zh/{page}: {verdict!r}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_training_log_appears_once(edition):
    """Chapter 5 prints one line every 100 steps, 0 to 1100, once (the Chinese edition used to
    repeat 100 ... 1100: see _copy_streams in book/_ext/gan_book_i18n.py)."""
    steps = [int(step) for step in LOG_LINE.findall(_text(_built(edition, TRAINING_PAGE)))]
    assert [step for step in steps if step] == list(range(100, 1200, 100)), steps


@pytest.mark.parametrize("page", PAGES)
def test_the_chinese_download_is_the_page_in_chinese(page):
    """What the download button serves: in zh/_sources, the Chinese source (see i18n/zh.py)."""
    _built("zh", page)
    path = ROOT / page
    notebook = path.with_suffix(".ipynb").exists()
    source = path.with_suffix(".ipynb" if notebook else ".md")
    relative = source.relative_to(ROOT)
    english = (HTML / "_sources" / relative).read_text(encoding="utf-8")
    chinese = (HTML / "zh" / "_sources" / relative).read_text(encoding="utf-8")
    assert english == source.read_text(encoding="utf-8"), f"{relative}: English download"
    title = _source_title(page, "zh")
    if notebook:
        cells = json.loads(chinese)["cells"]
        text = "".join(cells[0]["source"])
        assert all(not cell.get("outputs") for cell in cells), f"zh {relative}: has outputs"
        assert 'set_up(language="zh_CN")' in "".join(cells[1]["source"])
    else:
        text = chinese
    heading = re.search(r"^# (.+)$", text, flags=re.M).group(1).replace("`", "")
    assert heading.strip() == title, f"zh {relative}: begins {heading!r}, not {title!r}"

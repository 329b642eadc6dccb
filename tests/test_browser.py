"""Every page of the built book, opened in a real headless Chromium.

For each page in ``_toc.yml``: the title is there, every image has loaded, the math has been
typeset by MathJax (shipped with the book, no CDN), the browser console shows no errors, and on
the training chapter the animation's controls exist and work.

Needs Debian's ``chromium`` and ``chromium-driver`` (see ``tests/chromium.py``) and a built book
(``make book``). Without Chromium the test is skipped, unless ``GAN_TUTORIAL_REQUIRE_BROWSER=1``
(as in ``.ci/run``), which turns the skip into a failure.
"""

import functools
import http.server
import json
import pathlib
import re
import threading

import chromium  # tests/chromium.py
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
TRAINING_PAGE = "book/05_training"


def _toc_files():
    """Every page of the book, in the order of ``_toc.yml``."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def _source_title(page):
    """The first ``# heading`` of the page's source, as text (backticks dropped)."""
    path = ROOT / page
    if path.with_suffix(".ipynb").exists():
        cells = json.loads(path.with_suffix(".ipynb").read_text())["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.with_suffix(".md").read_text()
    heading = re.search(r"^# (.+)$", text, flags=re.M).group(1)
    return heading.replace("`", "").strip()


PAGES = _toc_files()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML} has no built book: build it first with `make book`")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


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


@pytest.mark.parametrize("page", PAGES)
def test_page(browser, server, page):
    _open(browser, server, page)

    title = _source_title(page)
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
    for raw in ("| — |", "|---", "{glue", "{eval", "{literalinclude", "{term}", "{doc}"):
        assert raw not in text, f"{page}: unrendered source {raw!r} on the page"

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
        "  .find(b => /next frame/i.test(b.title || ''));"
        "b.click();"
    )
    after = browser.execute_script(
        "return document.querySelector('div.animation input[type=range]').value;"
    )
    assert int(after) == int(before) + 1, (
        f"{page}: 'next frame' did not advance the animation ({before} -> {after})"
    )

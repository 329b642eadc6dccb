"""The book as PDF, one file per edition: its single-page HTML printed by headless Chromium.

    python tools/pdf.py [--edition en|zh|all]     # _build/pdf/gan-tutorial-{en,zh}.pdf

No LaTeX: Jupyter Book's ``singlehtml`` builder puts the whole book on one page (chapters in
the table of contents' order, numbered, with their figures' numbers and links between them as
``#anchors``), and Chromium prints it through the DevTools protocol (``Page.printToPDF``): A4,
the book's title at the top of each page and the page number at the bottom, an outline from the
headings, links inside the book kept. The Chinese edition is built the same way from the
sources ``i18n/zh.py`` prepares (the English build's outputs, the Chinese text), so build both
editions first (``make book``); no notebook is executed again here.

Before printing, with the page laid out at the printed width under print media
(``book/_static/print.css``: code lines wrap, the animation's controls hidden), the script waits
for MathJax and the fonts, turns each training animation to its last frame, and measures every
code block: one wider than the page (a line cut at the page's edge) fails the build, like
MathJax left untypeset. ``_build/pdf/gan-tutorial-{edition}.json`` records what was measured
(tests/test_pdf.py reads it with the PDF). Each edition's pages link their PDF from the header
(``gan_book_pdf``, book/_ext/gan_book.py); ``make pdf`` copies the files to ``_build/html/pdf``
so that those links work on the built site too.
"""

import argparse
import base64
import importlib.util
import json
import logging
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
OUT = BUILD / "pdf"
SITE = BUILD / "html" / "pdf"  # where the pages' header links look for the files
MM = 1 / 25.4  # inches
PAPER = {"paperWidth": 210 * MM, "paperHeight": 297 * MM}  # A4
MARGIN = {"marginTop": 16 * MM, "marginBottom": 16 * MM}
MARGIN.update(marginLeft=15 * MM, marginRight=15 * MM)
# The printed width in CSS pixels (96 per inch): what the page is laid out in before measuring.
WIDTH = round((PAPER["paperWidth"] - MARGIN["marginLeft"] - MARGIN["marginRight"]) * 96)
HEIGHT = round((PAPER["paperHeight"] - MARGIN["marginTop"] - MARGIN["marginBottom"]) * 96)
TITLES = {"en": "GANs in one dimension", "zh": "一维生成对抗网络"}
SMALL = 'style="font-size: 8px; width: 100%; margin: 0 15mm; color: #555; font-family: sans-serif;"'
HEADER = f'<div {SMALL}><span style="float: right">{{title}}</span></div>'
FOOTER = f'<div {SMALL}><span style="float: right"><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'  # noqa: E501

# Run in the page, laid out for print: MathJax done, fonts loaded, animations on their last
# frame; then what does not fit the printed width.
PREPARE = r"""
const done = arguments[arguments.length - 1];
const start = Date.now();
const poll = () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    MathJax.startup.promise.then(() => document.fonts.ready).then(() => {
      const last = [...document.querySelectorAll('button[onclick*="last_frame"]')];
      last.forEach(button => button.click());
      // Answers and solutions folded in dropdowns are printed open.
      document.querySelectorAll('details.sd-dropdown').forEach(d => { d.open = true; });
      // A formula and the word it begins ("G's", "D(x)-values") stay on one line.
      for (const math of document.querySelectorAll('mjx-container:not([display="true"])')) {
        const next = math.nextSibling;
        const word = next && next.nodeType === Node.TEXT_NODE && next.textContent.match(/^[^\s]+/);
        if (!word) continue;
        const keep = document.createElement('span');
        keep.style.whiteSpace = 'nowrap';
        math.replaceWith(keep);
        next.textContent = next.textContent.slice(word[0].length);
        keep.append(math, word[0]);
      }
      // A link to a chapter opens its title, not the marker left at the foot of the page before.
      for (const marker of document.querySelectorAll('span[id^="document-"]')) {
        const page = marker.nextElementSibling;  // the page's title: h2 (the book's title is h1)
        const title = page && page.querySelector('h1, h2');
        if (!title) continue;
        title.id = title.id || marker.id.replace(/\W/g, '-') + '-title';
        const links = document.querySelectorAll(`a[href="#${CSS.escape(marker.id)}"]`);
        links.forEach(link => link.setAttribute('href', '#' + title.id));
      }
      // A link to a place in the book (the glossary's terms, a figure of another chapter) opens
      // it in the PDF; a link to a file beside the page (a download, the other edition) is no
      // link on paper: its words stay, unlinked.
      for (const link of document.querySelectorAll('a[href]')) {
        const url = new URL(link.href);
        if (url.protocol !== 'file:') continue;
        const id = decodeURIComponent(url.hash.slice(1));
        if (id && document.getElementById(id)) link.setAttribute('href', '#' + id);
        else if (url.pathname !== location.pathname || !id) link.removeAttribute('href');
      }
      requestAnimationFrame(() => requestAnimationFrame(() => done({
        mathjax: true,
        animations: last.length,
        formulas: document.querySelectorAll('mjx-container').length,
        untypeset: document.querySelectorAll('mjx-merror').length,
      })));
    }, () => done({mathjax: false}));
  } else if (Date.now() - start > 60000) { done({mathjax: false}); }
  else { setTimeout(poll, 100); }
};
poll();
"""
# Run next, at the printed width. Each line of a code block or an output becomes an element
# of its own (``span.code-line``) that hangs its wrapped part four characters past the line's
# indentation, where a wrapped line would otherwise restart at the margin, and a block taller
# than a quarter of a page may continue on the next one (the theme keeps every code block,
# admonition and table whole, which left pages half blank before a long one). Returns the
# blocks whose text the split changed, and the wrapped lines whose continuation does not hang.
LINES = r"""
const HANG = 4;  // characters a wrapped line's continuation sits past its line's indentation
const blocks = [...document.querySelectorAll('div.highlight pre, div.cell_output pre')];
const changed = [], lines = [];
for (const pre of blocks) {
  const before = pre.textContent.replace(/\n$/, '');
  const split = [[]];
  for (const node of [...pre.childNodes]) {
    const parts = node.textContent.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) split.push([]);
      if (!part) return;
      if (parts.length === 1) { split[split.length - 1].push(node); return; }
      const piece = node.nodeType === Node.TEXT_NODE
        ? document.createTextNode(part) : Object.assign(node.cloneNode(false), {textContent: part});
      split[split.length - 1].push(piece);
    });
  }
  if (split.length > 1 && !split[split.length - 1].length) split.pop();
  pre.replaceChildren(...split.map(nodes => {
    const line = document.createElement('span');
    line.className = 'code-line';
    line.append(...(nodes.length ? nodes : [' ']));
    const indent = line.textContent.match(/^ */)[0].length + HANG;
    line.style.paddingLeft = indent + 'ch';
    line.style.textIndent = -indent + 'ch';
    lines.push(line);
    return line;
  }));
  const after = [...pre.children].map(l => l.textContent.replace(/^ $/, '')).join('\n');
  if (after !== before) changed.push(before.slice(0, 80));
}
// A wrapped line: more than one line box. Its continuation must start past its first character.
const shown = lines.filter(line => line.getClientRects().length);
const wrapped = shown.filter(line => line.getClientRects()[0].height > 1.5 *
  parseFloat(getComputedStyle(line).lineHeight));
const flat = wrapped.filter(line => {
  const range = document.createRange();
  range.selectNodeContents(line);
  const boxes = [...range.getClientRects()];
  const top = Math.min(...boxes.map(b => b.top));
  const start = line.textContent.search(/\S/);
  const text = document.createRange();
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  let node, offset = start;
  while ((node = walker.nextNode()) && offset >= node.length) offset -= node.length;
  text.setStart(node, offset); text.setEnd(node, offset + 1);
  const first = text.getBoundingClientRect().left;
  const rest = boxes.filter(b => b.top > top + 2 && b.width > 0).map(b => b.left);
  return Math.min(...rest) <= first;
});
const page = arguments[0];  // the printed page's height in CSS pixels
const whole = document.querySelectorAll(
  'div.highlight, div[class*="highlight-"], div.literal-block-wrapper, div.cell_input, ' +
  '.admonition, table');
const long = [...whole].filter(e => e.getBoundingClientRect().height > page / 4);
long.forEach(e => e.classList.add('may-break'));
return {
  code_lines: lines.length,
  code_lines_wrapped: wrapped.length,
  wrapped_not_hanging: flat.map(line => line.textContent.slice(0, 80)),
  code_text_changed: changed,
  blocks_that_may_break: long.length,
};
"""
MEASURE = """
const wide = element => element.scrollWidth > element.clientWidth + 1;
const where = element => {
  const section = element.closest('section[id]');
  return (section ? section.id : '?') + ': ' + element.textContent.trim().slice(0, 80);
};
const code = [...document.querySelectorAll('pre')].filter(e => e.offsetParent !== null);
const tables = [...document.querySelectorAll('table')].filter(e => e.offsetParent !== null);
const boxes = [...document.querySelectorAll('.text_markdown, .table-wrapper, .pst-scrollable-table-container')];
const page = document.documentElement.clientWidth;
const outside = [...document.querySelectorAll('body *')].filter(e => {
  const box = e.getBoundingClientRect();
  return box.width > 0 && box.right > page + 1;
});
return {
  width: page,
  // Anything wider than the page makes Chromium shrink every page to fit it.
  page_too_wide: outside.map(e => e.tagName + '.' + e.className + ' ' + where(e)).slice(0, 20),
  code_blocks: code.length,
  code_too_wide: code.filter(wide).map(where),
  tables: tables.length,
  tables_too_wide: tables.filter(t => t.scrollWidth > document.documentElement.clientWidth)
    .concat(boxes.filter(wide)).map(where),
  figures: document.querySelectorAll('figure, div.figure').length,
};
"""  # noqa: E501
# The book's headings for the PDF's outline (Chromium's own doubles a heading that starts a
# page, runs wrapped lines together and drops the math): each with its section's id, its
# depth in its page (the page's title is 1) and its text, the math as plain text. Run before
# printing: it makes the ids unique first, so that each heading has a destination of its own.
HEADINGS = r"""
const tex = new Map();
for (const item of MathJax.startup.document.math) tex.set(item.typesetRoot, item.math);
const plain = source => source.replace(/\\([A-Za-z]+)/g, '$1').replace(/_\{?(\d)\}?/g,
  (_, d) => '₀₁₂₃₄₅₆₇₈₉'[d]).replace(/[{}]/g, '').replace(/-/g, '−');
const text = node => {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE || node.matches('a.headerlink')) return '';
  if (tex.has(node)) return plain(tex.get(node));
  return [...node.childNodes].map(text).join('');
};
// Each page of the book starts after a marker; the first section is the root page's.
const roots = new Set(document.querySelectorAll('span[id^="document-"] + section'));
roots.add(document.querySelector('section[id]'));
const pageOf = element => {
  let s = element.closest('section');
  while (s && !roots.has(s)) s = s.parentElement.closest('section');
  return s;
};
// The pages' ids meet on one page ("exercises" in every chapter): each one after the first
// gets a number, and the links of its own page follow it.
const seen = new Map();
for (const element of document.querySelectorAll('[id]')) {
  const id = element.id, count = (seen.get(id) || 0) + 1;
  seen.set(id, count);
  if (count === 1) continue;
  element.id = `${id}-${count}`;
  const page = pageOf(element);
  const links = page ? page.querySelectorAll(`a[href="#${CSS.escape(id)}"]`) : [];
  links.forEach(link => link.setAttribute('href', '#' + element.id));
}
// Each heading gets an id of its own, and a link to it: the section's id would open the page
// before, where the section begins when its heading is pushed onto the next page.
const headings = document.querySelectorAll('section[id] > :is(h1, h2, h3, h4, h5, h6)');
return [...headings].map((h, index) => {
  let depth = 1;
  for (let s = h.parentElement; s && !roots.has(s); s = s.parentElement.closest('section')) {
    depth += 1;
  }
  h.id = h.id || `heading-${index}`;
  // Chromium writes a destination only where a link points: an empty one does.
  const link = h.appendChild(document.createElement('a'));
  link.href = '#' + h.id;
  const title = text(h).replace(/\s+/g, ' ').trim();
  // The words before the first formula: what a PDF's text gives back of the heading.
  const math = [...h.querySelectorAll('*')].find(node => tex.has(node));
  const lead = math ? title.slice(0, title.indexOf(plain(tex.get(math)))) : title;
  return {id: h.id, section: h.parentElement.id, depth: depth, title: title, lead: lead.trim()};
});
"""


def _chromium():
    """``tests/chromium.py``'s headless Chromium (the browser tests' flags and binaries)."""
    spec = importlib.util.spec_from_file_location("chromium", ROOT / "tests" / "chromium.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _zh():
    spec = importlib.util.spec_from_file_location("zh", ROOT / "i18n" / "zh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def singlehtml(edition):
    """Build ``edition`` as one HTML page; returns the page's path."""
    if edition == "en":
        command = [sys.executable, str(ROOT / "tools" / "jb.py"), "build", str(ROOT)]
        command += ["--builder", "singlehtml"]
        print("+", " ".join(command), flush=True)
        if subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL).returncode:
            sys.exit(f"the English single-page build failed: run {' '.join(command)}")
        return _at_root(BUILD / "singlehtml", edition)
    zh = _zh()
    zh.prepare()
    if zh.jupyter_book("--builder", "singlehtml", "--quiet"):
        sys.exit("the Chinese single-page build failed")
    return _at_root(zh.SRC / "_build" / "singlehtml", edition)


def _at_root(folder, edition):
    """The single page, whose links (``_static/``, ``_images/``) are relative to the build's
    root, copied there from ``book/intro.html`` (the book's root document)."""
    page = folder / f"gan-tutorial-{edition}.html"
    shutil.copy2(folder / "book" / "intro.html", page)
    return page


def print_pdf(page, edition, target):
    """``page`` printed to ``target``; returns what was measured before printing."""
    with tempfile.TemporaryDirectory(prefix="gan-pdf-") as profile:
        driver = _chromium().start(profile, timeout=300)
        try:
            return _print(driver, page, edition, target)
        finally:
            driver.quit()


def _print(driver, page, edition, target):
    """Lay ``page`` out at the printed width under print media, prepare and measure it, then
    print it to ``target``; returns what was measured."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(page.as_uri())
    state = driver.execute_async_script(PREPARE)
    state.update(driver.execute_script(LINES, HEIGHT))
    state.update(driver.execute_script(MEASURE))
    state["headings"] = driver.execute_script(HEADINGS)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    result = driver.execute_cdp_cmd(
        "Page.printToPDF",
        {
            **PAPER,
            **MARGIN,
            "printBackground": True,
            "displayHeaderFooter": True,
            "headerTemplate": HEADER.format(title=TITLES[edition]),
            "footerTemplate": FOOTER,
            "generateDocumentOutline": True,
            "generateTaggedPDF": True,
        },
    )
    target.write_bytes(base64.b64decode(result["data"]))
    state["outline_missing"] = write_outline(target, state["headings"])
    return state


def write_outline(target, headings):
    """Replace the outline of the PDF ``target`` by one entry per heading, nested by depth, each
    opening its heading's named destination (Chromium writes one per linked id), or else its
    section's. Returns the
    headings that have no destination (none left out silently: the build fails on them)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import Fit

    # Chromium's cross-reference table counts fewer objects than it writes; pypdf reads it
    # right and logs the difference, which says nothing to whoever builds the book.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(target)
    destinations = reader.named_destinations
    writer = PdfWriter(clone_from=reader)
    writer.root_object.pop("/Outlines", None)
    parents, missing = [None], []
    for heading in headings:
        destination = destinations.get(
            "/" + heading["id"], destinations.get("/" + heading["section"])
        )
        if destination is None:
            missing.append(heading["title"])
            continue
        depth = min(heading["depth"], len(parents))
        page = reader.get_destination_page_number(destination)
        fit = Fit.xyz(top=destination.get("/Top"))
        item = writer.add_outline_item(
            title=heading["title"], page_number=page, parent=parents[depth - 1], fit=fit
        )
        parents[depth:] = [item]
    writer.page_mode = "/UseOutlines"
    with open(target, "wb") as file:
        writer.write(file)
    return missing


CJK = re.compile(r"<([0-9A-Fa-f]{4})>")


def cjk_fonts(reader):
    """The fonts of the PDF (``pypdf.PdfReader``) that draw Chinese characters: those whose
    ToUnicode map gives CJK ideographs, less DejaVu, the fallback that draws them as boxes."""
    found = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont") or font.get("/Subtype"))
            if name in found or "DejaVu" in name or "/ToUnicode" not in font:
                continue
            codes = CJK.findall(font["/ToUnicode"].get_object().get_data().decode("latin-1"))
            if any(0x4E00 <= int(code, 16) <= 0x9FFF for code in codes):
                found.add(name)
    return sorted(found)


def build(edition):
    start = time.perf_counter()
    page = singlehtml(edition)
    built = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"gan-tutorial-{edition}.pdf"
    state = print_pdf(page, edition, target)
    from pypdf import PdfReader

    reader = PdfReader(target)
    state.update(
        pages=len(reader.pages),
        cjk_fonts=cjk_fonts(reader),
        bytes=target.stat().st_size,
        singlehtml_seconds=round(built - start, 1),
        print_seconds=round(time.perf_counter() - built, 1),
    )
    target.with_suffix(".json").write_text(json.dumps(state, ensure_ascii=False, indent=1))
    SITE.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, SITE / target.name)
    print(
        f"{target.relative_to(ROOT)}: {state['pages']} pages, {state['bytes'] / 1e6:.1f} MB "
        f"(one page {state['singlehtml_seconds']:.0f} s, printed {state['print_seconds']:.0f} s)"
    )
    problems = []
    if not state.get("mathjax") or state.get("untypeset") or not state.get("formulas"):
        problems.append(f"math not typeset (MathJax: {state.get('mathjax')})")
    if state.get("outline_missing"):
        problems.append(f"headings without a destination: {state['outline_missing'][:5]}")
    if state.get("code_text_changed") or state.get("wrapped_not_hanging"):
        problems.append(
            f"code lines split wrong: {state.get('code_text_changed', [])[:3]}, "
            f"wrapped lines not hanging: {state.get('wrapped_not_hanging', [])[:3]}"
        )
    if state.get("code_too_wide"):
        problems.append(f"code wider than the page: {state['code_too_wide'][:5]}")
    if state.get("page_too_wide"):
        problems.append(f"wider than the page: {state['page_too_wide'][:5]}")
    if not state["cjk_fonts"]:
        problems.append(
            "no font for Chinese (its characters print as boxes): install Noto Sans CJK "
            "(apt-get install fonts-noto-cjk), or name one with FONTCONFIG_FILE"
        )
    if problems:
        sys.exit(f"{target.relative_to(ROOT)}: " + "; ".join(problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edition", choices=["en", "zh", "all"], default="all")
    args = parser.parse_args()
    try:
        _chromium().require_browser()
    except BaseException as missing:  # pytest's skip (or fail), outside pytest
        sys.exit(f"tools/pdf.py: {missing}")
    for edition in ["en", "zh"] if args.edition == "all" else [args.edition]:
        build(edition)


if __name__ == "__main__":
    main()

"""Every chapter as a learner meets it in JupyterLab (``make lab``): run, and read.

One JupyterLab server (the project's venv, jupyterlab-myst, a free port, a token) and one headless
Chromium session. For each notebook chapter of ``_toc.yml`` in turn: open it, run all cells (code
and Markdown: jupyterlab-myst evaluates a Markdown cell's ``{eval}`` expressions when it is run),
wait until the kernel is idle, then check what the page shows:

- every code cell ran, and none printed an error or anything on stderr;
- every output area is rendered (a renderer for its MIME type, something in it, images loaded),
  and ``show_source``'s Markdown outputs show their code block;
- every ``{eval}`` expression was evaluated without error and its value is on the page;
- no raw ``{literalinclude``, ``{glue``, ``{eval`` in the rendered Markdown, no directive that
  jupyterlab-myst does not know (it shows "NAME - Unknown Directive"). Roles it cannot resolve
  show as plain text and pass: ``{term}`` its word, ``{footcite}`` the citation key, ``{numref}``
  the label (that no source includes a file, which it could not read, tests/test_portable.py
  checks without a browser);
- then its kernel is shut down. The notebooks on disk are left as they were (autosave is off).

GAN_TUTORIAL_MODE is left as it is, so the chapters run in the engine's default mode, the
quickest to build. Needs Chromium (``tests/chromium.py``): skipped without it, unless
``GAN_TUTORIAL_REQUIRE_BROWSER=1`` (``.ci/run``), which makes the skip a failure.
"""

import hashlib
import json
import os
import pathlib
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import chromium  # tests/chromium.py
import pytest
from book_files import toc_files

ROOT = pathlib.Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CHAPTER_SECONDS = 300  # the slowest chapter takes about 35 s here

# Directives that the book's Sphinx build knows but jupyterlab-myst does not. It shows each as a
# folded notice "NAME - Unknown Directive"; only these are accepted, where a chapter ends.
# {footbibliography}: sphinxcontrib-bibtex's list of the chapter's {footcite} references.
ACCEPTED_UNKNOWN = {"footbibliography"}

# A Markdown cell's directives that need files: jupyterlab-myst renders nothing in their place.
RAW = ("{literalinclude", "{glue", "{eval")


def _chapters():
    """The notebooks of ``_toc.yml``, in its order, relative to ``book/``."""
    notebooks = [ROOT / f"{file}.ipynb" for file in toc_files()]
    return [str(path.relative_to(BOOK)) for path in notebooks if path.exists()]


CHAPTERS = _chapters()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _settings(folder):
    """JupyterLab user settings: no autosave (the test must not write outputs into the book),
    every cell in the page (no windowing: the checks read the whole notebook), no news."""
    for plugin, values in {
        "docmanager-extension/plugin": {"autosave": False},
        "notebook-extension/tracker": {"windowingMode": "none"},
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        path = folder / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return folder


def _digests():
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in BOOK.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on ``book/``, as ``make lab`` starts it; its URL and token."""
    chromium.require_browser()  # skip before starting anything
    home = tmp_path_factory.mktemp("jupyterlab")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
    )
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={BOOK}",
        f"--LabApp.user_settings_dir={_settings(home / 'settings')}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--FileCheckpoints.root_dir={home / 'checkpoints'}",  # not in book/
    ]  # fmt: skip
    log = (home / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=BOOK)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    output = (home / "jupyterlab.log").read_text()
                    pytest.fail(f"JupyterLab did not start:\n{output}")
                time.sleep(0.25)
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def page(lab, tmp_path_factory):
    """One Chromium session on JupyterLab, ready (``window.jupyterapp`` started and restored)."""
    url, token = lab
    before = _digests()
    driver = chromium.start(tmp_path_factory.mktemp("chromium-profile"), CHAPTER_SECONDS)
    try:
        driver.get(f"{url}/lab?token={token}&reset")
        ready = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "const start = Date.now();"
            "const poll = () => {"
            "  const app = window.jupyterapp;"
            "  if (app) { app.restored.then(() => done(true), e => done(String(e))); }"
            "  else if (Date.now() - start > 60000) { done('no window.jupyterapp'); }"
            "  else { setTimeout(poll, 100); }"
            "};"
            "poll();"
        )
        assert ready is True, f"JupyterLab did not start in the browser: {ready}"
        yield driver
    finally:
        driver.quit()
    assert _digests() == before, "running the chapters in JupyterLab changed files in book/"


# Open a notebook, run all its cells, wait for the kernel to be idle; then report, per cell, what
# the model holds and what the page shows; shut the kernel down and close the notebook.
RUN_CHAPTER = r"""
const done = arguments[arguments.length - 1];
const path = arguments[0];
const RENDERED = '[class*="jp-Rendered"], .myst';  // a MIME renderer's widget
(async () => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  await panel.revealed;
  const ran = await app.commands.execute('notebook:run-all-cells');
  const kernel = panel.sessionContext.session.kernel;
  while (kernel.status !== 'idle') { await new Promise(r => setTimeout(r, 100)); }
  // Markdown cells' {eval} requests and the renderers finish after 'run all' returns: wait (up
  // to 20 s) until every {eval} has its value on the page and every image has loaded, then
  // report (the checks are made on the report).
  const shown = value => (value.length > 1 && value[0] === value[value.length - 1]
    && `'"`.includes(value[0])) ? value.slice(1, -1) : value;
  const settled = () => panel.content.widgets.every(cell => {
    const myst = cell.node.querySelector('.jp-Cell-inputArea .myst');
    const expressions = cell.model.getMetadata('user_expressions') || [];
    const evals = (cell.model.sharedModel.getSource().match(/\{eval\}`[^`]+`/g) || []).length;
    const onPage = e => e.result.status !== 'ok' || (myst !== null && myst.textContent
      .includes(shown([].concat(e.result.data['text/plain'] || []).join(''))));
    return expressions.length >= evals && expressions.every(onPage)
      && Array.from(cell.node.querySelectorAll('img')).every(i => i.complete);
  });
  for (const start = Date.now(); !settled() && Date.now() - start < 20000;) {
    await new Promise(r => setTimeout(r, 100));
  }
  while (kernel.status !== 'idle') { await new Promise(r => setTimeout(r, 100)); }
  const cells = panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const report = {index, type: model.type, source: model.sharedModel.getSource()};
    if (model.type === 'code') {
      report.count = model.executionCount;
      report.outputs = [];
      for (let i = 0; i < model.outputs.length; i++) {
        report.outputs.push(model.outputs.get(i).toJSON());
      }
      report.areas = Array.from(cell.node.querySelectorAll('.jp-OutputArea-output')).map(a => ({
        rendered: a.matches(RENDERED) || a.querySelector(RENDERED) !== null,
        text: a.textContent,
        code: a.querySelector('pre, code') !== null,
        images: Array.from(a.querySelectorAll('img'))
          .map(i => i.complete && i.naturalWidth > 0),
      }));
    } else if (model.type === 'markdown') {
      report.rendered = cell.rendered;
      report.expressions = model.getMetadata('user_expressions') || null;
      const myst = cell.node.querySelector('.jp-Cell-inputArea .myst, .jp-RenderedMarkdown');
      report.text = myst ? myst.textContent : null;
      report.unknown = Array.from(cell.node.querySelectorAll('.myst-exercise-title'))
        .map(e => e.textContent).filter(t => /Unknown (Directive|Role)/i.test(t));
    }
    return report;
  });
  await panel.sessionContext.shutdown();
  panel.dispose();
  done({ran, cells});
})().catch(error => done({error: String(error && error.stack || error)}));
"""


def _count_evals(source):
    return len(re.findall(r"\{eval\}`[^`]+`", source))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_runs_and_reads_well_in_jupyterlab(page, chapter):
    start = time.monotonic()
    result = page.execute_async_script(RUN_CHAPTER, chapter)
    seconds = time.monotonic() - start
    assert "error" not in result, f"{chapter}: JupyterLab could not run it: {result['error']}"
    print(f"{chapter}: {seconds:.1f} s in JupyterLab")

    problems = [] if result["ran"] is True else [f"{chapter}: 'run all cells' stopped early"]
    for cell in result["cells"]:
        where = f"{chapter} cell {cell['index']}"
        if cell["type"] == "code":
            problems += _code_cell_problems(where, cell)
        elif cell["type"] == "markdown":
            problems += _markdown_cell_problems(where, cell)
    assert not problems, "\n".join(problems)


def _code_cell_problems(where, cell):
    problems = []
    if cell["count"] is None:
        problems.append(f"{where}: did not run")
    for output in cell["outputs"]:
        if output["output_type"] == "error":
            problems.append(f"{where}: error {output['ename']}: {output['evalue']}")
        elif output["output_type"] == "stream" and output["name"] == "stderr":
            problems.append(f"{where}: stderr output {''.join(output['text'])[:300]!r}")
    if len(cell["areas"]) != len(cell["outputs"]):
        problems.append(f"{where}: {len(cell['outputs'])} outputs, {len(cell['areas'])} shown")
    for output, area in zip(cell["outputs"], cell["areas"]):
        data = output.get("data", {})
        if not area["rendered"] or "No renderer could be found" in area["text"]:
            problems.append(f"{where}: an output not rendered (MIME types {sorted(data)})")
        elif not (area["text"].strip() or area["images"]):
            problems.append(f"{where}: an output rendered empty (MIME types {sorted(data)})")
        if not all(area["images"]):
            problems.append(f"{where}: an image that did not load")
        markdown = "".join(data.get("text/markdown", ""))
        if markdown.startswith("```") and not area["code"]:
            problems.append(f"{where}: a Markdown code block (show_source) shown without code")
    return problems


def _markdown_cell_problems(where, cell):
    problems = []
    text = cell["text"]
    if not cell["rendered"] or text is None:
        return [f"{where}: Markdown not rendered"]
    problems += [f"{where}: raw {raw!r} on the page" for raw in RAW if raw in text]
    for notice in cell["unknown"]:
        name = notice.split(" - ")[0].strip()
        if name not in ACCEPTED_UNKNOWN:
            problems.append(f"{where}: jupyterlab-myst does not know {notice!r}")
    wanted = _count_evals(cell["source"])
    expressions = cell["expressions"] or []
    if len(expressions) != wanted:
        problems.append(f"{where}: {wanted} {{eval}} expressions, {len(expressions)} evaluated")
    for expression in expressions:
        result = expression["result"]
        if result.get("status") != "ok":
            problems.append(
                f"{where}: {{eval}}`{expression['expression']}` failed: "
                f"{result.get('ename')}: {result.get('evalue')}"
            )
            continue
        value = "".join(result.get("data", {}).get("text/plain", ""))
        shown = value[1:-1] if len(value) > 1 and value[0] == value[-1] in "'\"" else value
        if shown not in text:
            problems.append(
                f"{where}: {{eval}}`{expression['expression']}` = {shown!r} not in {text[:300]!r}"
            )
    return problems

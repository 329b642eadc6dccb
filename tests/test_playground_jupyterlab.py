"""The playground in JupyterLab: running chapters 1, 5 and 7 (improved) shows it, and it trains
there.

Uses ``tests/test_jupyterlab.py``'s JupyterLab server and Chromium session (its fixtures
``lab`` and ``page``): opens the chapter, runs all cells, waits for the playground that
``gan_tutorial.playground.show`` displays to be mounted, presses "one step" and reads the step.
Each browser call is short (the chapter runs while the test polls), so a slow machine does not
run into the WebDriver connection's timeout. Skipped without Chromium, like that test.
"""

import time

import pytest
from test_jupyterlab import CHAPTER_SECONDS, lab, page  # noqa: F401 - fixtures

from gan_tutorial.presets import IDEAS

OPEN_AND_RUN = r"""
const done = arguments[arguments.length - 1];
(async () => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute(
    'docmanager:open', {path: arguments[0], factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  await panel.revealed;
  window.ganPanel = panel;
  app.commands.execute('notebook:run-all-cells');  // not awaited: the test polls
  done(true);
})().catch(error => done(String(error && error.stack || error)));
"""
POLL = """
const panel = window.ganPanel;
const root = panel.node.querySelector('.gan-playground[data-mounted]');
return {kernel: panel.sessionContext.session.kernel.status, found: root !== null,
  // what a failure reports: the playground's output there but not mounted, cells with errors
  unmounted: panel.node.querySelectorAll('.gan-playground:not([data-mounted])').length,
  errors: panel.node.querySelectorAll('.jp-OutputArea-output[data-mime-type$="error"]').length};
"""
STEP = """
const root = window.ganPanel.node.querySelector('.gan-playground[data-mounted]');
const report = {chapter: root.dataset.chapter, canvases: root.querySelectorAll('canvas').length,
  ideas: root.dataset.ideas,
  labels: Array.from(root.querySelectorAll('button')).map(b => b.textContent)};
root.querySelector("[data-action='step']").click();
report.step = root.dataset.step;
return report;
"""
CLOSE = """
const done = arguments[arguments.length - 1];
const panel = window.ganPanel;
panel.sessionContext.shutdown().then(() => { panel.dispose(); done(true); });
"""


@pytest.mark.parametrize(
    "chapter, number",
    [("01_build_d_and_g.ipynb", "1"), ("05_training.ipynb", "5"), ("07_improved.ipynb", "7")],
)
def test_running_the_chapter_shows_the_playground(page, chapter, number):  # noqa: F811
    opened = page.execute_async_script(OPEN_AND_RUN, chapter)
    assert opened is True, f"{chapter}: JupyterLab could not open it: {opened}"
    try:
        deadline = time.monotonic() + CHAPTER_SECONDS
        state = page.execute_script(POLL)
        while not (state["found"] and state["kernel"] == "idle"):
            assert time.monotonic() < deadline, f"{chapter}: no playground in time: {state}"
            time.sleep(2)
            state = page.execute_script(POLL)
        report = page.execute_script(STEP)
    finally:
        page.execute_async_script(CLOSE)
    assert report["chapter"] == number and report["canvases"] == 3, report
    assert "One step" in report["labels"], report
    assert report["step"] == "1", f"{chapter}: one step did not advance: {report}"
    assert (report["ideas"] == ",".join(IDEAS)) == (number == "7"), report

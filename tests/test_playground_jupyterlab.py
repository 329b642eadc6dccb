"""The playground in JupyterLab: running chapters 1 and 5 shows it, and it trains there.

Uses ``tests/test_jupyterlab.py``'s JupyterLab server and Chromium session (its fixtures
``lab`` and ``page``): opens the chapter, runs all cells, waits for the playground that
``gan_tutorial.playground.show`` displays to be mounted, presses "one step" and reads the step.
Skipped without Chromium, like that test.
"""

import pytest
from test_jupyterlab import lab, page  # noqa: F401 - fixtures

RUN_AND_STEP = r"""
const done = arguments[arguments.length - 1];
const path = arguments[0];
const sleep = ms => new Promise(r => setTimeout(r, ms));
(async () => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  app.shell.activateById(panel.id);
  await panel.revealed;
  await app.commands.execute('notebook:run-all-cells');
  const kernel = panel.sessionContext.session.kernel;
  let root = null;
  for (const start = Date.now(); Date.now() - start < 240000; await sleep(200)) {
    root = panel.node.querySelector('.gan-playground[data-mounted]');
    if (root && kernel.status === 'idle') break;
  }
  const report = {found: root !== null};
  if (root) {
    report.chapter = root.dataset.chapter;
    report.labels = Array.from(root.querySelectorAll('button')).map(b => b.textContent);
    report.canvases = root.querySelectorAll('canvas').length;
    root.querySelector("[data-action='step']").click();
    report.step = root.dataset.step;
  }
  await panel.sessionContext.shutdown();
  panel.dispose();
  done(report);
})().catch(error => done({error: String(error && error.stack || error)}));
"""


@pytest.mark.parametrize(
    "chapter, number", [("01_build_d_and_g.ipynb", "1"), ("05_training.ipynb", "5")]
)
def test_running_the_chapter_shows_the_playground(page, chapter, number):  # noqa: F811
    report = page.execute_async_script(RUN_AND_STEP, chapter)
    assert "error" not in report, f"{chapter}: {report.get('error')}"
    assert report["found"], f"{chapter}: no playground mounted in JupyterLab"
    assert report["chapter"] == number and report["canvases"] == 3, report
    assert "One step" in report["labels"], report
    assert report["step"] == "1", f"{chapter}: one step did not advance: {report}"

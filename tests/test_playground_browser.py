"""The playground in the built book, both editions, driven in headless Chromium.

On chapter 1 (untrained D and G), chapter 5 (the document's recipe), chapter 6 (the same, a
button for each way a run ends), chapter 7 (improved, a switch per idea) and chapter 8 (the
document's recipe on two humps), in English and in Chinese, at 1280 and at 390 pixels: the
playground is there and fits, its labels are in the page's language, one step advances the step
counter, a whole run reaches step 1200 and reports W1/sigma, none of the playground's tasks
while it trains (the click, each frame's training and drawing) takes 100 ms or more, so the page
keeps answering (the browser's long tasks, its layout and painting included, are printed beside
it), a bad seed, target and learning rate each get their one-line message beside the control,
the playground does not run on them and works again once they are corrected, a run that diverges
(learning rate 10) stops and says so, chapters 5, 6 and 8's step 0 shows D after D_pre's steps
and its status says so, chapter 6's buttons each play their seed, chapter 7 opens on improved
with every switch on (a switch keeps a rate the reader typed; Adam's own rate replaces gradient
descent's), chapter 8 opens on two humps, the loss axis holds every loss (and covers 50 steps in
chapter 1), the console shows no errors, and every request the page made went to the local
server (nothing from a CDN or the network).

Needs a built book (``make book``) and Debian's ``chromium`` and ``chromium-driver`` (see
``tests/chromium.py``); without Chromium the test is skipped (``GAN_TUTORIAL_REQUIRE_BROWSER=1``
turns the skip into a failure).
"""

import json
import pathlib
import re

import pytest

from gan_tutorial import playground
from gan_tutorial.presets import IDEAS
from gan_tutorial.targets import parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
PAGES = [
    "book/01_build_d_and_g",
    "book/05_training",
    "book/06_reliability",
    "book/07_improved",
    "book/08_beyond_one_bump",
]
EDITIONS = {"en": "", "zh": "zh/"}
WIDTHS = [1280, 390]
CJK = re.compile(r"[\u4e00-\u9fff]")
CASES = [(e, p, w) for e in EDITIONS for p in PAGES for w in WIDTHS]


def _strings(lang):
    """The playground's labels and messages in ``lang`` ("en", "zh"), read from its script."""
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("needs Node.js (node) to read the playground's strings")
    code = f"process.stdout.write(JSON.stringify(require({json.dumps(str(playground.SCRIPT))})"
    code += f".STRINGS[{json.dumps(lang)}]))"
    return json.loads(subprocess.run([node, "-e", code], capture_output=True, check=True).stdout)


# Long tasks (> 50 ms) are recorded from the page's start (loading, MathJax...); the test
# looks at those that started after the click that began training.
WATCH_LONG_TASKS = """
window.ganTasks = [];
new PerformanceObserver(list => list.getEntries().forEach(e => {
  window.ganTasks.push([e.startTime, e.duration]);
})).observe({type: 'longtask', buffered: true});
"""
# The page's own start-up work (MathJax typesetting, images) done, and half a second of quiet.
SETTLED = """
const done = arguments[arguments.length - 1];
const typeset = window.MathJax && MathJax.startup && MathJax.startup.promise;
Promise.resolve(typeset).then(() => setTimeout(() => done(true), 500));
"""
LONGEST_SINCE = """
const since = arguments[0];
const done = arguments[arguments.length - 1];
setTimeout(() => done(Math.max(0, ...window.ganTasks.filter(t => t[0] >= since)
  .map(t => t[1]))), 200);  // the observer reports a task after it ends
"""
WAIT_FOR = """
const [selector, name, wanted, timeout] = arguments;
const done = arguments[arguments.length - 1];
const start = Date.now();
const poll = () => {
  const value = document.querySelector(selector).getAttribute(name);
  if (value === wanted || Date.now() - start > timeout) done(value); else setTimeout(poll, 20);
};
poll();
"""

# Chapter 5's status once D_pre's steps are done (they run in short tasks from the page's start).
PRETRAINED = """
const [prefix, timeout] = arguments;
const done = arguments[arguments.length - 1];
const start = Date.now();
const poll = () => {
  const root = document.querySelector('.gan-playground'), p = root.ganPlayground;
  const says = root.querySelector('.gp-status').textContent.startsWith(prefix);
  if (says || Date.now() - start > timeout) {
    done({says: says, step: p.step, status: root.querySelector('.gp-status').textContent,
          same: p.engine.d.every((v, i) => v === p.engine.dPre[i]),
          trained: p.engine.d.some((v, i) => v !== new GanPlayground.Engine({seed: p.settings.seed,
            target: p.settings.target}).d[i])});
  } else setTimeout(poll, 20);
};
poll();
"""


def _set(browser, control, value):
    """Type ``value`` into the control and commit it (a change event); its message, or ''."""
    return browser.execute_script(
        "const input = document.querySelector(`.gan-playground [data-control='${arguments[0]}']`);"
        "input.value = arguments[1];"
        "input.dispatchEvent(new Event('change'));"
        "return document.getElementById(input.getAttribute('aria-describedby')).textContent;",
        control,
        value,
    )


def _value(browser, control):
    return browser.execute_script(
        f"return document.querySelector(\".gan-playground [data-control='{control}']\").value;"
    )


def _switches(browser):
    """The ideas whose switch is on, in the switches' order."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll(\".gan-playground [data-control='idea']\"))"
        ".filter(b => b.checked).map(b => b.value);"
    )


def _toggle(browser, idea):
    browser.execute_script(
        f"document.querySelector(\".gan-playground [data-control='idea'][value='{idea}']\")"
        ".click();"
    )


def _click(browser, action):
    browser.execute_script(
        f"document.querySelector(\".gan-playground [data-action='{action}']\").click();"
    )


def _attribute(browser, name):
    return browser.execute_script(
        f"return document.querySelector('.gan-playground').getAttribute('{name}');"
    )


@pytest.mark.parametrize("edition, page, width", CASES, ids=[f"{e}/{p}@{w}" for e, p, w in CASES])
def test_playground(browser, server, edition, page, width):
    where = f"{edition}/{page}@{width}"
    lang = "zh" if edition == "zh" else "en"
    words = _strings(lang)
    browser.set_window_size(width, 1000)
    browser.get_log("browser")
    browser.get(f"{server}/{EDITIONS[edition]}{page}.html")
    browser.execute_script(WATCH_LONG_TASKS)
    found = browser.execute_script(
        "const all = document.querySelectorAll('.gan-playground');"
        "const root = all[0];"
        "if (!root) return null;"
        "root.scrollIntoView();"
        "const box = root.getBoundingClientRect();"
        "return {count: all.length, mounted: root.dataset.mounted, state: root.dataset.state,"
        "  step: root.dataset.step, overflow: root.scrollWidth - root.clientWidth,"
        "  right: box.right, viewport: document.documentElement.clientWidth,"
        "  canvases: root.querySelectorAll('canvas').length,"
        "  labels: Array.from(root.querySelectorAll('button, label')).map(e => e.textContent),"
        "  live: root.querySelector('[aria-live]').textContent};"
    )
    assert found is not None, f"{where}: no .gan-playground on the page"
    assert found["count"] == 1 and found["mounted"] == "true", f"{where}: {found}"
    assert found["state"] == "idle" and found["step"] == "0" and found["canvases"] == 3, found
    assert found["overflow"] <= 1 and found["right"] <= found["viewport"] + 1, (
        f"{where}: the playground is wider than the page: {found}"
    )
    for label in (words["play"], words["step"], words["reset"], words["seed"], words["target"]):
        assert label in found["labels"], f"{where}: no control labelled {label!r}: {found}"
    if lang == "zh":
        assert all(CJK.search(label) for label in found["labels"]), found["labels"]
    assert found["live"], f"{where}: the aria-live status says nothing"
    target = browser.execute_script(
        "return document.querySelector('.gan-playground').dataset.target"
    )
    assert target == playground.TARGETS[int(page.split("/")[1][:2])], f"{where}: {target}"
    chapter = int(page.split("/")[1][:2])
    ideas = _attribute(browser, "data-ideas") or ""
    assert ideas == ",".join(playground.OPENING_IDEAS.get(chapter, ())), f"{where}: {ideas}"
    title_code = browser.execute_script(  # the preset's name in the switches' title, as code
        "return Array.from(document.querySelectorAll('.gan-playground .gp-switches summary code'))"
        ".map(c => c.textContent);"
    )
    assert title_code == ["improved"], f"{where}: {title_code}"
    if chapter == 7:  # improved, every switch on; one off makes the recipe the reader's own
        assert _value(browser, "recipe") == "improved", where
        assert _switches(browser) == list(IDEAS), where
        _toggle(browser, "logits")
        assert _value(browser, "recipe") == "custom" and "logits" not in _switches(browser), where
        assert _attribute(browser, "data-ideas") == ",".join(list(IDEAS)[:-1]), where
        _toggle(browser, "logits")
        assert _value(browser, "recipe") == "improved", where
        # a switch keeps a rate the reader typed; Adam's own rate replaces gradient descent's
        assert _set(browser, "learning-rate", "0.01") == ""
        _toggle(browser, "logits")
        assert _value(browser, "learning-rate") == "0.01", where
        _toggle(browser, "logits")
        assert _set(browser, "learning-rate", "0.0033") == ""
        _toggle(browser, "adam")
        assert _value(browser, "learning-rate") == "0.03", where
        _toggle(browser, "adam")
        assert _value(browser, "learning-rate") == "0.0033", where
    if chapter == 6:  # a button for each way a run ends: it plays that seed from the start
        buttons = browser.execute_script(
            "return Array.from(document.querySelectorAll('.gan-playground [data-outcome]'))"
            ".map(b => [b.dataset.outcome, b.textContent]);"
        )
        assert [kind for kind, _ in buttons] == list(playground.OUTCOME_SEEDS), buttons
        for kind, label in buttons:
            assert str(playground.OUTCOME_SEEDS[kind]) in label, (kind, label)
            assert words["outcomes"][kind] in label, (kind, label)
        browser.execute_script(
            "document.querySelector(\".gan-playground [data-outcome='collapsed']\").click();"
        )
        state = browser.execute_async_script(WAIT_FOR, ".gan-playground", "data-state", "x", 300)
        seed = browser.execute_script(
            "return document.querySelector(\".gan-playground [data-control='seed']\").value;"
        )
        assert state == "running" and seed == str(playground.OUTCOME_SEEDS["collapsed"]), where
        _click(browser, "reset")
    if chapter not in (1, 7):  # D_pre trained from the start: step 0 shows it
        state = browser.execute_async_script(PRETRAINED, words["statusPre"].split("{")[0], 10000)
        assert state["says"] and state["same"] and state["trained"], f"{where}: {state}"
        assert state["step"] == 0, f"{where}: {state}"

    _click(browser, "step")
    assert _attribute(browser, "data-step") == "1", f"{where}: one step did not advance"
    losses = browser.execute_script(
        "const p = document.querySelector('.gan-playground').ganPlayground;"
        "return Math.max(...p.lossD, ...p.lossG);"
    )
    top, right = float(_attribute(browser, "data-loss-top")), _attribute(browser, "data-loss-right")
    assert losses <= top, f"{where}: a loss of {losses} above the loss axis's top {top}"
    assert right == ("50" if page.endswith("01_build_d_and_g") else "1200"), f"{where}: {right}"

    # Bad values: a message beside the control; the playground does not run on them, and works
    # again once they are corrected.
    good = {name: _value(browser, name) for name in ("seed", "target", "learning-rate")}
    expected = {
        "seed": (
            "abc",
            words["seedBad"].replace("{value}", "abc"),
        ),
        "target": (
            "mixture:2,0,1",
            words["fields"]
            .replace("{family}", "mixture")
            .replace("{fields}", "W,MU1,SIGMA1,MU2,SIGMA2")
            .replace("{spec}", "mixture:2,0,1"),
        ),
        "learning-rate": ("-1", words["lrBad"].replace("{value}", "-1")),
    }
    for control, (value, message) in expected.items():
        assert _set(browser, control, value) == message, f"{where}: {control} = {value!r}"
    assert _set(browser, "learning-rate", "1e9") == words["lrBad"].replace("{value}", "1e9")
    if lang == "en":  # the package's own words for the bad target
        with pytest.raises(ValueError) as error:
            parse("mixture:2,0,1")
        assert expected["target"][1] == str(error.value)
    _click(browser, "step")
    assert _attribute(browser, "data-step") == "1", f"{where}: it ran on a value marked bad"
    message = browser.execute_script(
        "return document.querySelector('.gan-playground .gp-message').textContent;"
    )
    assert message == words["fixFirst"], f"{where}: {message!r}"
    assert _set(browser, "seed", "3") == "", f"{where}: a good seed still has a message"
    assert _attribute(browser, "data-step") == "0", f"{where}: a new seed did not reset"
    for name in ("target", "learning-rate"):
        assert _set(browser, name, good[name]) == "", f"{where}: {name} {good[name]!r}"
    _click(browser, "step")
    assert _attribute(browser, "data-step") == "1", f"{where}: stuck after the bad values"

    # A whole run at full speed, drawn as it goes.
    browser.execute_async_script(SETTLED)
    started = browser.execute_script("return performance.now();")
    _click(browser, "train")
    state = browser.execute_async_script(WAIT_FOR, ".gan-playground", "data-state", "done", 60000)
    assert state == "done", f"{where}: the run did not end: data-state={state!r}"
    step, w1 = _attribute(browser, "data-step"), _attribute(browser, "data-w1")
    assert step == "1200" and float(w1) > 0, f"{where}: ended at step {step}, W1/sigma {w1!r}"
    # The playground's own tasks (the click, each frame: training, then drawing) stay short;
    # the browser's long tasks (its own layout and painting included) are reported beside them.
    own = float(_attribute(browser, "data-longest-task-ms"))
    longest = browser.execute_async_script(LONGEST_SINCE, started)
    print(f"{where}: longest playground task {own:.0f} ms, longest task in the page {longest} ms")
    assert own < 100, f"{where}: a task of {own:.0f} ms while training"

    # A run that diverges (D saturates at once at this rate) stops, says so, and a reset works.
    # (Losses from logits cannot become infinite: chapter 7 switches to the document's recipe.)
    if chapter == 7:
        browser.execute_script(
            "const s = document.querySelector(\".gan-playground [data-control='recipe']\");"
            "s.value = 'original'; s.dispatchEvent(new Event('change'));"
        )
        assert _switches(browser) == [], where
    assert _set(browser, "learning-rate", "10") == "", f"{where}: 10 refused"
    _click(browser, "train")
    state = browser.execute_async_script(WAIT_FOR, ".gan-playground", "data-state", "done", 60000)
    message = browser.execute_script(
        "return document.querySelector('.gan-playground .gp-message').textContent;"
    )
    assert state == "done" and _attribute(browser, "data-diverged") == "true", where
    assert int(_attribute(browser, "data-step")) < 1200 and _attribute(browser, "data-w1") is None
    step = _attribute(browser, "data-step")
    assert message == words["diverged"].replace("{step}", step), f"{where}: {message!r}"
    assert _set(browser, "learning-rate", "0.03") == ""
    _click(browser, "step")
    assert _attribute(browser, "data-step") == "1", f"{where}: stuck after a diverged run"

    requests = browser.execute_script(
        "return [location.href].concat("
        "  performance.getEntriesByType('resource').map(e => e.name));"
    )
    remote = [url for url in requests if not url.startswith((server, "data:", "blob:"))]
    assert not remote, f"{where}: requests beyond the local server: {remote}"
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, f"{where}: console errors: {errors}"

"""Benchmark: the playground (the document's recipe and improved in the browser) against the
package.

    python benchmarks/playground_rates.py [--seeds 0-49] [--repeats 3] [--json]

In one run, on this machine, for the document's recipe and for ``improved``:

- **speed**: a whole run in headless Chromium (the playground's "train to the end" on the page
  of chapter 5, or 7 for improved: D_pre where the recipe has it, 1200 steps, drawn as it goes,
  W1/sigma of 10,000 samples at the end), timed from the click to ``data-state="done"`` on a
  fresh page each time; beside it the package's first result for the same recipe in a fresh
  Python process (``gan_tutorial.bench``: the engine's preset in graph mode, and for the
  document's recipe the document's model of chapters 1-5 too);
- **engines**: TensorFlow.js (pinned in tools/playground/package.json, cpu backend, op by op)
  against the playground's hand-written engine, side by side in one Node.js process
  (tools/playground/bench_tfjs.js; skipped with a note until ``npm ci --prefix
  tools/playground``);
- **rates**: how many of ``--seeds`` converge (W1/sigma <= 0.2) in the browser and in the
  package (the same preset), and Fisher's exact test of the difference;
- **size**: the bytes the playground adds to a page (its HTML and inlined script), and gzipped.

Needs Chromium and chromedriver (tests/chromium.py) and Node.js for the TF.js figure.
"""

import argparse
import functools
import gzip
import http.server
import json
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

TRAIN = """
const done = arguments[arguments.length - 1];
const root = document.querySelector('.gan-playground');
const start = performance.now();
root.querySelector("[data-action='train']").click();
const poll = () => root.dataset.state === 'done'
  ? done([performance.now() - start, root.dataset.step, root.dataset.w1])
  : setTimeout(poll, 5);
poll();
"""
RATE = """
return GanPlayground.run({seed: arguments[0], recipe: arguments[1]}).w1;
"""
#: Each recipe: the chapter whose playground opens on it, and the package's first result for it.
RECIPES = {
    "original": (5, "original_graph_mode"),
    "improved": (7, "improved_graph_mode"),
}


def _seeds(text):
    low, _, high = text.partition("-")
    return list(range(int(low), int(high or low) + 1))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def browser_side(snippet, recipe, seeds, repeats):
    """Whole-run seconds (each on a fresh page) and W1/sigma per seed of ``recipe``, in
    headless Chromium."""
    import chromium

    with tempfile.TemporaryDirectory() as folder:
        page = '<!doctype html><html lang="en"><meta charset="utf-8"><body>' + snippet
        (pathlib.Path(folder) / "index.html").write_text(page, encoding="utf-8")
        handler = functools.partial(_Quiet, directory=folder)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        driver = chromium.start(pathlib.Path(folder) / "profile")
        try:
            url = f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
            runs = []
            for _ in range(repeats):
                driver.get(url)
                ms, step, w1 = driver.execute_async_script(TRAIN)
                assert step == "1200", f"the run stopped at step {step}"
                runs.append(ms / 1000)
            driver.get(url)
            w1s = [driver.execute_script(RATE, seed, recipe) for seed in seeds]
            version = driver.capabilities.get("browserVersion")
        finally:
            driver.quit()
            httpd.shutdown()
    return {"browser": f"Chromium {version}", "run_seconds": runs, "w1_over_sigma": w1s}


def package_side(recipe, seeds):
    """First results in fresh processes (the document's model too, for ``original``), and the
    preset ``recipe``'s outcomes on ``seeds``."""
    from gan_tutorial import bench
    from gan_tutorial.engine import GANEngine
    from gan_tutorial.sweep import evaluate

    keys = ("document",) * (recipe == "original") + (RECIPES[recipe][1],)
    first = {key: bench.time_first_and_next(key)[0] for key in keys}
    result = evaluate(GANEngine(seed=seeds, preset=recipe, log=None))
    return {"first_result_seconds": first, "converged": [r["converged"] for r in result["runs"]]}


def tfjs_side(repeats):
    """TF.js against the hand-written engine in Node.js, or None (with the reason)."""
    script = ROOT / "tools" / "playground" / "bench_tfjs.js"
    if not (ROOT / "tools" / "playground" / "node_modules" / "@tensorflow" / "tfjs").is_dir():
        return None, "TF.js is not installed: npm ci --prefix tools/playground"
    if shutil.which("node") is None:
        return None, "node is not on the PATH"
    done = subprocess.run(
        ["node", str(script), str(repeats)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="0-49", help="seeds for the rates (default 0-49)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs each (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args(argv)
    from scipy.stats import fisher_exact

    from gan_tutorial import bench, playground

    seeds = _seeds(args.seeds)
    n = len(seeds)
    snippet = playground.show(chapter=5)._repr_html_()
    size = len(snippet.encode("utf-8"))
    result = {
        "machine": bench.machine(),
        "page_bytes": size,
        "page_bytes_gzip": len(gzip.compress(snippet.encode("utf-8"))),
        "seeds": args.seeds,
    }
    print(f"bytes the playground adds to a page: {size} ({result['page_bytes_gzip']} gzipped)")
    for recipe, (chapter, key) in RECIPES.items():
        page = playground.show(chapter=chapter)._repr_html_()
        package = package_side(recipe, seeds)
        browser = browser_side(page, recipe, seeds, args.repeats)
        in_browser = sum(w <= 0.2 for w in browser.pop("w1_over_sigma"))
        in_package = sum(package.pop("converged"))
        table = [[in_browser, n - in_browser], [in_package, n - in_package]]
        median = statistics.median(browser["run_seconds"])
        first = package["first_result_seconds"]
        result[recipe] = {
            **browser,
            "browser_run_median": median,
            **package,
            "ratio_to_first_result": median / first[key],
            "converged_browser": in_browser,
            "converged_package": in_package,
            "fisher_p": fisher_exact(table)[1],
        }
        print(
            f"{recipe}: whole run in the browser {median:.2f} s (median of {args.repeats}: "
            f"{', '.join(f'{s:.2f}' for s in browser['run_seconds'])}) vs the package's first "
            f"result {first[key]:.2f} s ({key}; ratio {median / first[key]:.2f})"
            + (f", the document's model {first['document']:.2f} s" if "document" in first else "")
        )
        print(
            f"{recipe}: converged on seeds {args.seeds}: browser {in_browser}/{n}, package "
            f"{in_package}/{n}, Fisher p = {result[recipe]['fisher_p']:.3f}"
        )
    tfjs, tfjs_note = tfjs_side(args.repeats)
    result["tfjs"] = tfjs if tfjs else tfjs_note
    if tfjs:
        print(
            f"Node.js {tfjs['node']}: TF.js {tfjs['tfjs_version']} ({tfjs['backend']}) "
            f"{', '.join(f'{s:.2f}' for s in tfjs['tfjs_seconds'])} s vs hand-written engine "
            f"{', '.join(f'{s:.2f}' for s in tfjs['engine_seconds'])} s per run"
        )
    else:
        print(f"TF.js: not measured ({tfjs_note})")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()

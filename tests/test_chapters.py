"""The chapters as a learner meets them: what code they show, and their coding exercises.

Chapters 1-5 teach only the document's model: every piece of package source they show (each
``show_source(...)`` cell) must be free of the engine's machinery. Every coding exercise's check
must fail on the stub the learner starts from and pass on the solution the chapter gives.
"""

import ast
import re

import numpy as np
import pytest
from book_files import BOOK, cells, source

from gan_tutorial import document, exercises, metrics  # noqa: F401 - names the cells use
from gan_tutorial.notebook import show_source

FIRST_CHAPTERS = sorted(BOOK.glob("0[1-5]_*.ipynb"))
CHAPTERS = sorted(BOOK.glob("0[1-9]_*.ipynb"))
FORBIDDEN = ("preset", "seeds", "mode", "jit_compile", "logits", "r1", "average", "moments",
             "snapshots", "failures", "strict")  # fmt: skip


def shown_sources(path):
    """Every ``show_source(...)`` call in a chapter, evaluated: the code the page shows."""
    namespace = {"document": document, "metrics": metrics, "w1": metrics.w1}
    shown = []
    for cell in cells(path):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse(source(cell))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "show_source":
                args = [
                    eval(compile(ast.Expression(a), "<cell>", "eval"), namespace) for a in node.args
                ]
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                shown.append((ast.unparse(node), show_source(*args, **kwargs).text))
    return shown


def test_the_first_chapters_show_code():
    assert len(FIRST_CHAPTERS) == 5
    for path in FIRST_CHAPTERS:
        assert shown_sources(path), f"{path.name} shows no package source"


@pytest.mark.parametrize("path", FIRST_CHAPTERS, ids=lambda p: p.name)
def test_the_code_shown_in_chapters_1_to_5_is_the_documents_model_alone(path):
    for call, text in shown_sources(path):
        for word in FORBIDDEN:
            assert not re.search(rf"\b{word}\b", text, flags=re.I), f"{call} shows {word!r}"


def exercises_of(path):
    """(stub source, check source, solution source) for each coding exercise of a chapter."""
    found, stub, check = [], None, None
    for cell in cells(path):
        tags = cell.get("metadata", {}).get("tags", [])
        if "exercise-stub" in tags:
            stub = source(cell)
        elif "exercise-check" in tags:
            check = source(cell)
        elif "exercise-solution" in tags:
            blocks = re.findall(r"```python\n(.*?)```", source(cell), flags=re.S)
            solution = next(b for b in blocks if "def my_" in b)
            found.append((stub, check, re.sub(r"^   ", "", solution, flags=re.M)))
    return found


PREAMBLE = """
import numpy as np
import tensorflow as tf
from scipy.stats import norm
from gan_tutorial import document
"""


def run_check(*sources):
    namespace = {}
    for text in (PREAMBLE, *sources[:-1]):
        exec(text, namespace)
    *setup, last = sources[-1].strip().splitlines()
    exec("\n".join(setup), namespace)
    return eval(last, namespace)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_each_coding_exercise_fails_on_the_stub_and_passes_on_the_solution(path):
    found = exercises_of(path)
    assert found, f"{path.name} has no coding exercise"
    for stub, check, solution in found:
        on_stub = run_check(stub, check)
        assert isinstance(on_stub, exercises.Check) and not on_stub.passed
        assert "Not yet" in repr(on_stub)
        on_solution = run_check(solution, check)
        assert on_solution.passed, repr(on_solution)


@pytest.mark.parametrize(
    "check, wrong, hint",
    [
        (
            exercises.check_losses,
            (
                "lambda D1, D2: tf.reduce_sum(-tf.math.log(D1) - tf.math.log(1 - D2))",
                "lambda D2: -tf.math.log(D2)",
            ),
            "sums",
        ),  # fmt: skip
        (
            exercises.check_losses,
            (
                "lambda D1, D2: tf.reduce_mean(tf.math.log(D1) + tf.math.log(1 - D2))",
                "lambda D2: -tf.math.log(D2)",
            ),
            "sign",
        ),  # fmt: skip
        (
            exercises.check_losses,
            (
                "lambda D1, D2: tf.reduce_mean(-tf.math.log(D1) - tf.math.log(1 - D2))",
                "lambda D2: tf.reduce_mean(tf.math.log(1 - D2))",
            ),
            "saturating",
        ),  # fmt: skip
        (exercises.check_learning_rate, ("lambda step: 0.03 * 0.95 ** (step / 150)",), "smoothly"),
        (
            exercises.check_pretraining_batch,
            ("lambda n: (np.random.uniform(-5, 5, n), np.random.uniform(-5, 5, n) > 0)",),
            "0/1",
        ),  # fmt: skip
    ],
)
def test_checks_name_the_mistake(check, wrong, hint):
    namespace = {}
    exec(PREAMBLE, namespace)
    result = check(*(eval(text, namespace) for text in wrong))
    assert not result.passed and hint in result.message, result.message


@pytest.mark.parametrize("path", sorted(BOOK.glob("*.ipynb")), ids=lambda p: p.name)
def test_code_the_page_shows_fits_without_scrolling(path):
    """Lines of at most 96 characters: what a code block holds at 1280 pixels (the browser
    test checks the rendered blocks at that width)."""
    for cell in cells(path):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] != "code" or "remove-input" in tags:
            continue
        long = [line for line in source(cell).splitlines() if len(line) > 96]
        assert not long, f"{path.name}: {long}"


HIDDEN = {"remove-input", "remove-cell", "hide-input"}  # code a reader does not see at once


def _names_defined(tree):
    """Names a cell binds: assignments, definitions, imports, arguments."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


@pytest.mark.parametrize("path", sorted(BOOK.glob("*.ipynb")), ids=lambda path: path.name)
def test_visible_code_uses_only_names_defined_in_visible_code(path):
    """A reader who copies the code the page shows, cell by cell, gets no NameError."""
    import builtins

    known = set(dir(builtins))
    for index, cell in enumerate(c for c in cells(path) if c["cell_type"] == "code"):
        if HIDDEN & set(cell["metadata"].get("tags", [])):
            continue
        lines = source(cell).splitlines()
        tree = ast.parse("\n".join(line for line in lines if line.lstrip()[:1] not in "%!"))
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        defined = _names_defined(tree)
        missing = sorted(used - known - defined)
        assert not missing, f"{path.name} code cell {index} uses {missing}, defined in hidden code"
        known |= defined


def lines_shown(chapter, marker):
    """The Python block of the one Markdown cell of ``chapter`` whose text contains ``marker``:
    lines a chapter shows for the reader to run, not run when the book is built."""
    (text,) = [source(c) for c in cells(BOOK / chapter)
               if c["cell_type"] == "markdown" and marker in source(c)]  # fmt: skip
    (lines,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    return lines


def test_chapter_8s_lines_to_train_the_minibatch_d_again_give_the_saved_weights():
    """Bit for bit on the saved machine's CPU; elsewhere the lines must at least train the saved
    configuration (1200 chaotic steps on another CPU end elsewhere)."""
    from gan_tutorial import GANEngine, GeneratorDistribution, data, targets
    from gan_tutorial.bench import made_here

    saved = data.minibatch_d()
    scope = {"mixture": targets.parse(saved["target"]), "GANEngine": GANEngine,
             "GeneratorDistribution": GeneratorDistribution}  # fmt: skip
    exec(lines_shown("08_beyond_one_bump.ipynb", "engine.train()"), scope)  # noqa: S102
    engine = scope["engine"]
    assert (engine.data.spec, engine.seeds, engine.preset.name, engine.learning_rate) == (
        saved["target"], saved["seeds"], saved["preset"], saved["learning_rate"])  # fmt: skip
    trained = [variable.numpy() for variable in engine.D.weights]
    assert [np.shape(w) for w in trained] == [np.shape(w) for w in saved["weights"]]
    if made_here(saved):
        for mine, theirs in zip(trained, saved["weights"]):
            np.testing.assert_array_equal(mine, np.asarray(theirs, np.float32))

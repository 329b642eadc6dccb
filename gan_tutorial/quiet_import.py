"""Import TensorFlow without its start-up lines on stderr.

``TF_CPP_MIN_LOG_LEVEL=3`` (set in ``gan_tutorial/__init__.py``) silences tensorflow-cpu, but
the full ``tensorflow`` wheel writes, from C++ and straight to file descriptor 2, lines such as
``WARNING: All log messages before absl::InitializeLog() is called are written to STDERR`` and
``Could not find cuda drivers on your machine, GPU will not be used.`` while it is imported.
Python's ``sys.stderr`` cannot catch those; pointing descriptor 2 at ``/dev/null`` for the
import can. Every command of the command line imports TensorFlow through here, first, and
``import gan_tutorial`` puts ``QuietTensorFlowFinder`` on ``sys.meta_path``, so that the
package's modules (``import tensorflow as tf``) and a program that imports TensorFlow itself
after the package are quiet too.
"""

import contextlib
import importlib
import importlib.util
import os
import sys


@contextlib.contextmanager
def _stderr_silenced():
    """File descriptor 2 pointed at ``/dev/null``; as it was afterwards (also on an error). A
    process without a descriptor 2 runs the block as it is."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def import_tensorflow():
    """``import tensorflow``, with file descriptor 2 silenced while it loads; the module.

    An import that fails still raises its exception (Python reports it once stderr is back).
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    with _stderr_silenced():
        return importlib.import_module("tensorflow")


class QuietTensorFlowFinder:
    """A ``sys.meta_path`` finder for the first ``import tensorflow`` only: it finds TensorFlow
    as Python would and has it loaded with descriptor 2 silenced, then leaves ``sys.meta_path``.
    Nothing else is changed: other modules, and TensorFlow's own settings, are as they were."""

    @classmethod
    def install(cls):
        if not any(isinstance(finder, cls) for finder in sys.meta_path):
            sys.meta_path.insert(0, cls())

    def find_spec(self, name, path=None, target=None):
        if name != "tensorflow":
            return None
        sys.meta_path[:] = [finder for finder in sys.meta_path if finder is not self]
        spec = importlib.util.find_spec(name)  # the other finders, as without this one
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        exec_module = loader.exec_module

        def quiet_exec_module(module):
            with _stderr_silenced():
                exec_module(module)

        loader.exec_module = quiet_exec_module  # this spec's own loader object
        return spec

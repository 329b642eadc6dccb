"""Import TensorFlow without its start-up lines on stderr.

``TF_CPP_MIN_LOG_LEVEL=3`` (set in ``gan_tutorial/__init__.py``) silences tensorflow-cpu, but
the full ``tensorflow`` wheel writes, from C++ and straight to file descriptor 2, lines such as
``WARNING: All log messages before absl::InitializeLog() is called are written to STDERR`` and
``Could not find cuda drivers on your machine, GPU will not be used.`` while it is imported.
Python's ``sys.stderr`` cannot catch those; pointing descriptor 2 at ``/dev/null`` for the
import can. Every command of the command line imports TensorFlow through here, first.
"""

import importlib
import os
import sys


def import_tensorflow():
    """``import tensorflow``, with file descriptor 2 silenced while it loads; the module.

    An import that fails still raises its exception (Python reports it once stderr is back). A
    process without a descriptor 2 imports TensorFlow as it is.
    """
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:
        return importlib.import_module("tensorflow")
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        return importlib.import_module("tensorflow")
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)

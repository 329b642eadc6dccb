"""``python -m gan_tutorial``: the command line."""

import sys

from gan_tutorial.cli import main

sys.exit(main())

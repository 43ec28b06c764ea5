"""``python -m parley``: the command line (see parley.cli)."""

import sys

from parley.cli import main

if __name__ == "__main__":
    sys.exit(main())
